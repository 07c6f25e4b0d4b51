//! `greenlca mc`: Monte Carlo over every distribution of a model (or a matrix folder), per category
//! and stage, in parallel, reproducible for a seed at any thread count, and shardable.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use greenlca::report::McReport;
use greenlca::report::draws_csv;
use greenlca::report::write_files_atomic;
use greenlca::uncertainty::Draws;
use greenlca::uncertainty::Shard;
use greenlca::uncertainty::{McRun, ProductRun, Units, run_matrices_with, run_model};

use super::common::{Extra, ModelOptions, OutputOptions, PlotArgs, VariantArgs, check_file};
use super::progress::bar;

#[derive(Debug, Args)]
pub struct McArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL", required_unless_present = "matrices", conflicts_with = "matrices")]
    model: Option<PathBuf>,
    /// A matrix exchange folder with uncertainty columns, instead of a model.
    #[arg(long, value_name = "DIR")]
    matrices: Option<PathBuf>,
    /// Sparse solver for --matrices: auto (iterative for a loop of 2,000+ processes), lu,
    /// iterative (BiCGSTAB) or gmres.
    #[arg(long, value_enum, default_value_t)]
    solver: super::solver_arg::SolverArg,
    /// Number of iterations.
    #[arg(short = 'n', long = "iterations", default_value_t = 1000, value_name = "N")]
    iterations: usize,
    /// Seed of the random streams.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    #[command(flatten)]
    variants: VariantArgs,
    /// Also report each life-cycle stage.
    #[arg(long)]
    stages: bool,
    /// Run only shard K of N (0-based; `auto/N` reads SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)
    /// and write its partial result to --out; combine the parts with `greenlca merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Write every draw to this CSV file.
    #[arg(long, value_name = "FILE")]
    keep_draws: Option<PathBuf>,
    #[command(flatten)]
    output: OutputOptions,
    #[command(flatten)]
    opts: ModelOptions,
    #[command(flatten)]
    plot: PlotArgs,
}

pub fn run(args: McArgs) -> Result<ExitCode> {
    if args.iterations < 2 {
        bail!(
            "-n {} is too few iterations\n  hint: use at least 2 (1000 or more for stable percentiles)",
            args.iterations
        );
    }
    if args.matrices.is_none() && !matches!(args.solver, super::solver_arg::SolverArg::Auto) {
        bail!(
            "--solver applies to --matrices only\n  hint: a product model's background is solved by the automatic choice; drop --solver"
        );
    }
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    check_outputs(args.keep_draws.as_deref(), &args.output, &args.plot)?;
    if shard.is_some() && args.output.out.is_none() {
        bail!(
            "--shard needs --out FILE for the partial result\n  hint: e.g. --shard 0/4 --out part-0.json, then `greenlca merge part-*.json`"
        );
    }
    let range = shard.map_or(0..args.iterations, |s| s.range(args.iterations));
    let mc = McRun { iterations: args.iterations, seed: args.seed, range };
    let pb = bar("Monte Carlo");
    let (draws, units) = match &args.matrices {
        Some(dir) => run_matrices_with(dir, &mc, &args.solver.options(), &pb)?,
        None => {
            let path = args.model.as_deref().expect("clap requires it");
            let study = args.opts.study(path)?;
            let chosen = args.variants.chosen(&study)?;
            let product = ProductRun { model: path, variants: &chosen, sets: &args.opts.sets, stages: args.stages };
            run_model(&study, &product, &mc, &pb)?
        }
    };
    finish(draws, &units, args.keep_draws.as_deref(), &args.output, &args.plot)
}

/// Checks every output path before the run (for `mc` and `merge`).
pub fn check_outputs(keep_draws: Option<&Path>, output: &OutputOptions, plot: &PlotArgs) -> Result<()> {
    output.check()?;
    check_file(keep_draws, "--keep-draws")?;
    plot.check()
}

/// Writes the partial result of a shard, or the summary of a complete run (for `mc` and `merge`).
pub fn finish(
    draws: Draws,
    units: &Units,
    keep_draws: Option<&Path>,
    output: &OutputOptions,
    plot: &PlotArgs,
) -> Result<ExitCode> {
    let mut extra = Extra::default();
    if let Some(file) = keep_draws {
        extra.add(file, draws_csv(&draws).into_bytes());
    }
    if !draws.complete() {
        let out = output.out.as_deref().expect("checked: shards need --out");
        extra.add(out, (serde_json::to_string(&draws)? + "\n").into_bytes());
        write_files_atomic(&extra.files)?;
        eprintln!(
            "wrote iterations {}..{} of {} to {}",
            draws.start,
            draws.start + draws.values.len(),
            draws.iterations,
            out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let report = McReport::with_units(&draws, units);
    match greenlca::uncertainty::Spread::from_meta(&draws.meta) {
        Some(spread) => super::spread::tell(&spread),
        // A matrix system has no foreground: only whether anything varies is worth saying.
        None => super::common::warn(&greenlca::uncertainty::Spread::of_draws(&draws).warnings),
    }
    super::common::warn(&draws.solver_warning().into_iter().collect::<Vec<_>>());
    plot.add(&mut extra, |o| greenlca::report::mc_charts(&draws, &report, o))?;
    output.emit_with(&report, extra)?;
    Ok(ExitCode::SUCCESS)
}
