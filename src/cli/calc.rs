//! `greenlca calc`: impacts per category and stage, per variant, with top contributors; or, with
//! `--matrices DIR`, the scores of a matrix exchange folder.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use greenlca::report::CalcReport;
use greenlca::report::MatrixCalcReport;
use std::process::ExitCode;

use super::common::{Extra, ModelOptions, PlotArgs, VariantArgs};

#[derive(Debug, Args)]
pub struct CalcArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL", required_unless_present = "matrices", conflicts_with = "matrices")]
    model: Option<PathBuf>,
    /// A matrix exchange folder (technosphere.csv, biosphere.csv, cf.csv, demand.csv) instead of a model.
    #[arg(long, value_name = "DIR")]
    matrices: Option<PathBuf>,
    /// Sparse solver for --matrices: auto (iterative for a loop of 2,000+ processes), lu, iterative or gmres.
    #[arg(long, value_enum, default_value_t, requires = "matrices")]
    solver: super::solver_arg::SolverArg,
    #[command(flatten)]
    variants: VariantArgs,
    /// Scenario file: CSV with one parameter set per row (columns `scenario`, `variant`, then parameters).
    #[arg(long, value_name = "FILE", conflicts_with_all = ["variants", "all_variants"])]
    scenarios: Option<PathBuf>,
    /// Contributors listed per category.
    #[arg(long, default_value_t = 5, value_name = "N")]
    top: usize,
    #[command(flatten)]
    output: super::common::OutputOptions,
    #[command(flatten)]
    opts: ModelOptions,
    #[command(flatten)]
    plot: PlotArgs,
}

pub fn run(args: CalcArgs) -> Result<ExitCode> {
    args.output.check()?;
    args.plot.check()?;
    if let Some(dir) = &args.matrices {
        return run_matrices(dir, &args);
    }
    let model = args.model.as_ref().expect("clap requires MODEL or --matrices");
    let study = args.opts.study(model)?;
    let engine = study.engine()?;
    if let Some(file) = &args.scenarios {
        return run_scenarios(&study, &engine, file, &args);
    }
    let chosen = args.variants.chosen(&study)?;
    let results = study.assess_variants(&engine, &chosen, &args.opts.sets)?;
    let mut report = CalcReport::build(&study, &engine, &results, args.top);
    report.set = args.opts.sets.iter().cloned().collect();
    let mut extra = Extra::default();
    args.plot.add(&mut extra, |o| greenlca::report::calc_charts(&report, o))?;
    args.output.emit_with(&report, extra)?;
    Ok(ExitCode::SUCCESS)
}

fn run_matrices(dir: &std::path::Path, args: &CalcArgs) -> Result<ExitCode> {
    if !args.variants.is_empty() || !args.opts.sets.is_empty() {
        bail!("--variant, --all-variants and --set apply to product models, not to --matrices");
    }
    let cache = greenlca::io::compiled::default_mode();
    let report = MatrixCalcReport::compute_with(dir, &args.solver.options(), cache)?;
    if let Some(note) = report.compiled.note() {
        eprintln!("{note}");
    }
    super::common::warn(&report.warnings);
    args.output.emit(&report)?;
    Ok(ExitCode::SUCCESS)
}

fn run_scenarios(
    study: &greenlca::calc::Study,
    engine: &greenlca::calc::Engine,
    file: &std::path::Path,
    args: &CalcArgs,
) -> Result<ExitCode> {
    use rayon::prelude::*;
    let scenarios = greenlca::analysis::read_scenarios(file)?;
    let runs = scenarios
        .par_iter()
        .map(|sc| {
            let mut sets = args.opts.sets.clone();
            sets.extend(sc.sets.iter().cloned());
            let at = greenlca::Location::line(file, sc.line).with_entity(format!("scenario `{}`", sc.name));
            let fg = study.resolve_with(&sc.variant, &sets, &sc.relinks, &at)?;
            Ok(greenlca::report::ScenarioRun {
                name: sc.name.clone(),
                variant: sc.variant.clone(),
                sets: sc.sets.clone(),
                result: study.assess(engine, &fg)?,
            })
        })
        .collect::<greenlca::Result<Vec<_>>>()?;
    let mut report = greenlca::report::ScenarioReport::new(super::common::categories(study), runs);
    report.linking = Some(greenlca::report::Linking::of(&study.system.links));
    args.output.emit(&report)?;
    Ok(ExitCode::SUCCESS)
}
