//! `greenlca sensitivity`: one-at-a-time (`--oat`), analytical (`--analytic`) and Sobol
//! (`--sobol N`, shardable) sensitivity of a product model.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use greenlca::analysis::sensitivity::SobolPart;
use greenlca::analysis::sensitivity::SobolRun;
use greenlca::analysis::sensitivity::coefficients;
use greenlca::analysis::sensitivity::one_at_a_time;
use greenlca::analysis::sensitivity::product_inputs;
use greenlca::report::AnalyticCategory;
use greenlca::report::AnalyticReport;
use greenlca::report::OatReport;
use greenlca::report::SobolReport;
use greenlca::report::write_atomic;
use greenlca::uncertainty::Shard;

use super::common::{ModelOptions, OutputOptions, PlotArgs, categories};

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["oat", "analytic", "sobol"])))]
pub struct SensitivityArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL")]
    model: PathBuf,
    /// One parameter at a time over its range (min/max, else the 2.5-97.5 % of its distribution).
    #[arg(long)]
    oat: bool,
    /// Coefficients and elasticities of every exchange and factor, and first-order variance shares.
    #[arg(long)]
    analytic: bool,
    /// Sobol first-order and total indices with N base rows (N (d+2) model runs).
    #[arg(long, value_name = "N")]
    sobol: Option<usize>,
    /// Variant (default: the base model).
    #[arg(long, default_value = "base", value_name = "V")]
    variant: String,
    /// Inputs listed per category (analytic).
    #[arg(long, default_value_t = 15, value_name = "N")]
    top: usize,
    /// Seed (Sobol).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Bootstrap resamples for the Sobol intervals.
    #[arg(long, default_value_t = 200, value_name = "B")]
    bootstrap: usize,
    /// Sobol: run only shard K of N and write the partial result to --out (merge with `greenlca merge`).
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    #[command(flatten)]
    output: OutputOptions,
    #[command(flatten)]
    opts: ModelOptions,
    #[command(flatten)]
    plot: PlotArgs,
}

pub fn run(args: SensitivityArgs) -> Result<ExitCode> {
    args.output.check()?;
    args.plot.check()?;
    let study = args.opts.study(&args.model)?;
    let engine = study.engine()?;
    let cats = categories(&study);
    if args.oat {
        let oat = one_at_a_time(&study, &engine, &args.variant, &args.opts.sets)?;
        let mut r = OatReport::new(&args.variant, &cats, &oat);
        r.linking = Some(greenlca::report::Linking::of(&study.system.links));
        let mut extra = super::common::Extra::default();
        args.plot.add(&mut extra, |o| greenlca::report::oat_charts(&r, o))?;
        args.output.emit_with(&r, extra)?;
    } else if args.analytic {
        let fg = study.resolve(&args.variant, &args.opts.sets)?;
        let own = study.engine_for(&fg)?;
        let engine = own.as_ref().unwrap_or(&engine);
        let result = study.assess(engine, &fg)?;
        let categories = cats
            .iter()
            .enumerate()
            .map(|(k, c)| AnalyticCategory::new(c, result.totals[k], coefficients(engine, &fg, &result, k), args.top))
            .collect();
        let r = AnalyticReport {
            schema: "greenlca.sensitivity-analytic",
            variant: args.variant.clone(),
            categories,
            linking: Some(greenlca::report::Linking::of(&study.system.links)),
        };
        args.output.emit(&r)?;
    } else {
        let n = args.sobol.expect("clap: one mode");
        if n < 10 {
            bail!("--sobol {n} is too small\n  hint: use at least a few hundred rows for useful indices");
        }
        let max_boot = greenlca::analysis::sensitivity::sobol::MAX_BOOTSTRAP;
        if !(1..=max_boot).contains(&args.bootstrap) {
            bail!(
                "--bootstrap {} is out of range: the intervals need from 1 to {max_boot} resamples\n  hint: the default 200 is enough for 95 % intervals",
                args.bootstrap
            );
        }
        let inp = product_inputs(&study, &args.variant, &args.opts.sets)?;
        if inp.is_empty() {
            bail!(
                "the model has no uncertain parameters or exchanges\n  hint: give parameters an `uncertainty` (docs/uncertainty.md) to compute Sobol indices"
            );
        }
        let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
        let range = shard.map_or(0..n, |s| s.range(n));
        let run = SobolRun {
            model: &args.model,
            variant: &args.variant,
            sets: &args.opts.sets,
            seed: args.seed,
            n,
            bootstrap: args.bootstrap,
        };
        let part = SobolPart::evaluate(&study, &engine, &run, &inp, range, &super::progress::bar("Sobol"))?;
        if shard.is_some() {
            let out = args.output.out.as_deref().context("--shard needs --out FILE for the partial result")?;
            write_atomic(out, (serde_json::to_string(&part)? + "\n").as_bytes())?;
            let rows = part.row_range();
            eprintln!("wrote Sobol rows {}..{} of {n} to {}", rows.start, rows.end, out.display());
            return Ok(ExitCode::SUCCESS);
        }
        return sobol_output(&part, &args.output, &args.plot);
    }
    Ok(ExitCode::SUCCESS)
}

/// Writes the indices of a complete Sobol run and their charts (for `sensitivity` and `merge`).
pub fn sobol_output(part: &SobolPart, output: &OutputOptions, plot: &PlotArgs) -> Result<ExitCode> {
    let r = SobolReport::from_part(part);
    let mut extra = super::common::Extra::default();
    plot.add(&mut extra, |o| greenlca::report::sobol_charts(&r, o))?;
    output.emit_with(&r, extra)?;
    Ok(ExitCode::SUCCESS)
}
