//! `greenlca contrib`: where the impacts come from — stages, processes, flows, the first tier and
//! the supply-chain tree.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use greenlca::analysis::TreeLimits;
use greenlca::analysis::by_exchange;
use greenlca::analysis::by_flow;
use greenlca::analysis::by_process;
use greenlca::analysis::rank;
use greenlca::analysis::supply_chain_tree;
use greenlca::report::CategoryContributions;
use greenlca::report::ContribReport;
use greenlca::report::RankedSummary;
use greenlca::report::TreeNode;

use super::common::{ModelOptions, PlotArgs};

#[derive(Debug, Args)]
pub struct ContribArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL")]
    model: PathBuf,
    /// Variant (default: the base model).
    #[arg(long, default_value = "base", value_name = "V")]
    variant: String,
    /// Category id (repeatable; default: every category).
    #[arg(long = "category", value_name = "C")]
    categories: Vec<String>,
    /// Items listed per listing (the rest is summed).
    #[arg(long, default_value_t = 10, value_name = "N")]
    top: usize,
    /// Tree cut-off as a share of the total (0.01 = 1 %).
    #[arg(long, default_value_t = 0.01, value_name = "SHARE")]
    cutoff: f64,
    /// Maximum depth of the tree.
    #[arg(long, default_value_t = 12, value_name = "N")]
    depth: usize,
    #[command(flatten)]
    output: super::common::OutputOptions,
    #[command(flatten)]
    opts: ModelOptions,
    #[command(flatten)]
    plot: PlotArgs,
}

pub fn run(args: ContribArgs) -> Result<ExitCode> {
    if !(0.0..1.0).contains(&args.cutoff) {
        bail!("--cutoff {} is outside [0, 1)\n  hint: give a share of the total, e.g. 0.01 for 1 %", args.cutoff);
    }
    args.output.check()?;
    args.plot.check()?;
    let study = args.opts.study(&args.model)?;
    let ch = &study.characterization;
    let cats: Vec<usize> = if args.categories.is_empty() {
        (0..ch.k()).collect()
    } else {
        args.categories
            .iter()
            .map(|c| {
                ch.category(c).ok_or_else(|| {
                    let ids: Vec<&str> = ch.categories.iter().map(|c| c.id.as_str()).collect();
                    let near = greenlca::did_you_mean(c, ids.iter().copied())
                        .map(|n| format!("did you mean `{n}`? "))
                        .unwrap_or_default();
                    anyhow::anyhow!(
                        "--category: unknown category `{c}`\n  hint: {near}choose one of: {}",
                        ids.join(", ")
                    )
                })
            })
            .collect::<Result<_>>()?
    };
    let shared = study.engine()?;
    let fg = study.resolve(&args.variant, &args.opts.sets)?;
    let own = study.engine_for(&fg)?;
    let engine = own.as_ref().unwrap_or(&shared);
    let r = study.assess(engine, &fg)?;
    let limits = TreeLimits { cutoff: args.cutoff, max_depth: args.depth, ..TreeLimits::default() };
    let m = &study.inputs.model.product;
    let categories = cats
        .iter()
        .map(|&k| {
            let c = &ch.categories[k];
            let tree = supply_chain_tree(&engine.lca, &engine.intensities, &fg, k, &m.name, limits);
            CategoryContributions {
                category: c.id.clone(),
                name: c.name.clone(),
                unit: c.unit.clone(),
                total: r.totals[k],
                stages: r.stages.iter().map(|(s, v)| (s.id().to_string(), v[k])).collect(),
                processes: RankedSummary::new(
                    &c.id,
                    rank(by_process(&engine.lca, &engine.intensities, &r, k), args.top),
                ),
                flows: RankedSummary::new(&c.id, rank(by_flow(&engine.lca, &r.inventory, k), args.top)),
                first_tier: RankedSummary::new(&c.id, rank(by_exchange(&r, k), args.top)),
                tree: TreeNode::from(&tree),
                cutoff: args.cutoff,
            }
        })
        .collect();
    let report = ContribReport {
        schema: ContribReport::SCHEMA,
        schema_version: 1,
        greenlca_version: env!("CARGO_PKG_VERSION"),
        product: m.name.clone(),
        functional_unit: m.functional_unit.clone(),
        variant: r.variant.clone(),
        categories,
        linking: Some(greenlca::report::Linking::of(&study.system.links)),
    };
    let mut extra = super::common::Extra::default();
    args.plot.add(&mut extra, |o| greenlca::report::contrib_charts(&report, o))?;
    args.output.emit_with(&report, extra)?;
    Ok(ExitCode::SUCCESS)
}
