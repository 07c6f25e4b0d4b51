//! `greenlca compare`: variants side by side against a baseline.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use clap::Args;
use greenlca::analysis::compare;
use greenlca::report::CompareReport;

use super::common::{Extra, ModelOptions, PlotArgs, categories, variants};

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL")]
    model: PathBuf,
    /// Variants to compare, comma separated (default: the base model and every variant).
    #[arg(long, value_delimiter = ',', value_name = "A,B,C")]
    variants: Vec<String>,
    /// Variant the others are compared with (default: the first of --variants, else `base`).
    #[arg(long, value_name = "V")]
    baseline: Option<String>,
    /// Also run N paired Monte Carlo draws: per category, the share of draws in which each variant
    /// beats the baseline, and the distribution of the difference.
    #[arg(long, value_name = "N")]
    mc: Option<usize>,
    /// Seed for --mc.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    #[command(flatten)]
    output: super::common::OutputOptions,
    #[command(flatten)]
    opts: ModelOptions,
    #[command(flatten)]
    plot: PlotArgs,
}

pub fn run(args: CompareArgs) -> Result<ExitCode> {
    args.output.check()?;
    args.plot.check()?;
    let study = args.opts.study(&args.model)?;
    let mut chosen = variants(&study, &args.variants, args.variants.is_empty())?;
    let baseline = args.baseline.clone().unwrap_or_else(|| chosen[0].clone());
    if !chosen.contains(&baseline) {
        variants(&study, std::slice::from_ref(&baseline), false)?;
        chosen.insert(0, baseline.clone());
    }
    let engine = study.engine()?;
    let results = study.assess_variants(&engine, &chosen, &args.opts.sets)?;
    let cmp = compare(&results, &baseline).ok_or_else(|| anyhow!("baseline `{baseline}` was not computed"))?;
    let m = &study.inputs.model.product;
    let mut report = CompareReport::new(&m.name, &m.functional_unit, categories(&study), &cmp);
    report.linking = Some(greenlca::report::Linking::of(&study.system.links));
    let mut draws = None;
    if let Some(n) = args.mc {
        let (paired, d) = paired_draws(&study, &chosen, &baseline, n, args.seed, &args.opts.sets)?;
        report.paired = Some(paired);
        let spread = greenlca::uncertainty::Spread::of_study(&study, &chosen, &args.opts.sets, args.seed, n)?;
        super::spread::tell(&spread);
        report.spread = Some(spread);
        draws = Some(d);
    }
    let mut extra = Extra::default();
    args.plot.add(&mut extra, |o| {
        let mut charts = greenlca::report::compare_charts(&report, o)?;
        if let Some(d) = &draws {
            let cats: Vec<(String, String)> =
                report.categories.iter().map(|c| (c.id.clone(), c.unit.clone())).collect();
            charts.extend(greenlca::report::difference_charts(d, &baseline, &chosen, &cats, o)?);
        }
        Ok(charts)
    })?;
    args.output.emit_with(&report, extra)?;
    Ok(ExitCode::SUCCESS)
}

fn paired_draws(
    study: &greenlca::calc::Study,
    chosen: &[String],
    baseline: &str,
    n: usize,
    seed: u64,
    sets: &[(String, f64)],
) -> Result<(greenlca::report::PairedReport, greenlca::uncertainty::Draws)> {
    if n < 2 {
        anyhow::bail!("--mc {n} is too few draws\n  hint: use a few hundred or more");
    }
    let bar = super::progress::bar("paired Monte Carlo");
    Ok(greenlca::report::PairedReport::run(study, chosen, baseline, (n, seed), sets, &bar)?)
}
