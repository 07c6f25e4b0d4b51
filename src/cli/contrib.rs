//! `greenlca contrib`: where the impacts come from — stages, processes, flows, the first tier and
//! the supply-chain tree.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use greenlca::report::ContribOptions;
use greenlca::report::ContribReport;

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
    let opts = ContribOptions { top: args.top, cutoff: args.cutoff, depth: args.depth };
    let report = ContribReport::compute(&study, &args.variant, &args.opts.sets, &cats, opts)?;
    let mut extra = super::common::Extra::default();
    args.plot.add(&mut extra, |o| greenlca::report::contrib_charts(&report, o))?;
    args.output.emit_with(&report, extra)?;
    Ok(ExitCode::SUCCESS)
}
