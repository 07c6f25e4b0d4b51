//! `greenlca calc`: impacts per category and stage, per variant, with top contributors; or, with
//! `--matrices DIR`, the scores of a matrix exchange folder.

use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use greenlca::calc::Lca;
use greenlca::io::matrix_folder_mtx::read_matrix_folder;
use greenlca::report::Format;
use greenlca::report::calc::CalcReport;
use greenlca::report::format::{TextTable, csv_line, exact, human};
use std::process::ExitCode;

use super::common::{ModelOptions, PlotArgs, emit, format, variants};

#[derive(Debug, Args)]
pub struct CalcArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL", required_unless_present = "matrices", conflicts_with = "matrices")]
    model: Option<PathBuf>,
    /// A matrix exchange folder (technosphere.csv, biosphere.csv, cf.csv, demand.csv) instead of a model.
    #[arg(long, value_name = "DIR")]
    matrices: Option<PathBuf>,
    /// Variant to compute (repeatable; default: the base model).
    #[arg(long = "variant", value_name = "V", conflicts_with = "all_variants")]
    variants: Vec<String>,
    /// Compute the base model and every variant.
    #[arg(long)]
    all_variants: bool,
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
    if let Some(dir) = &args.matrices {
        return run_matrices(dir, &args);
    }
    let model = args.model.as_ref().expect("clap requires MODEL or --matrices");
    let study = args.opts.study(model)?;
    let engine = study.engine()?;
    if let Some(file) = &args.scenarios {
        return run_scenarios(&study, &engine, file, &args);
    }
    let chosen = variants(&study, &args.variants, args.all_variants)?;
    let results = study.assess_variants(&engine, &chosen, &args.opts.sets)?;
    let report = CalcReport::build(&study, &engine, &results, args.top);
    args.plot.write(|o| greenlca::report::charts::calc_charts(&report, o))?;
    args.output.emit(|| report.to_json(), || report.to_csv(), || report.to_table())?;
    Ok(ExitCode::SUCCESS)
}

fn run_matrices(dir: &std::path::Path, args: &CalcArgs) -> Result<ExitCode> {
    if !args.variants.is_empty() || args.all_variants || !args.opts.sets.is_empty() {
        bail!("--variant, --all-variants and --set apply to product models, not to --matrices");
    }
    let ms = read_matrix_folder(dir)?;
    let lca = Lca::new(ms.system, ms.characterization)?;
    let result = lca.lcia(lca.lci(&ms.demand)?);
    let cats = &lca.characterization().categories;
    let text = match format(&args.output.format) {
        Format::Csv => {
            let mut s = csv_line(&["category".into(), "name".into(), "unit".into(), "total".into()]);
            for (c, v) in cats.iter().zip(&result.scores) {
                s.push_str(&csv_line(&[c.id.clone(), c.name.clone(), c.unit.clone(), exact(*v)]));
            }
            s
        }
        Format::Json => {
            let v = serde_json::json!({
                "schema": "greenlca.calc-matrices",
                "schema_version": 1,
                "greenlca_version": env!("CARGO_PKG_VERSION"),
                "folder": dir.display().to_string(),
                "processes": lca.system().n(),
                "flows": lca.system().m(),
                "scores": cats.iter().zip(&result.scores).map(|(c, v)| serde_json::json!({"category": c.id, "name": c.name, "unit": c.unit, "total": v})).collect::<Vec<_>>(),
                "supply_sum": result.lci.supply.iter().sum::<f64>(),
            });
            serde_json::to_string_pretty(&v)? + "\n"
        }
        Format::Table => {
            let mut t = TextTable::new(vec!["category".into(), "unit".into(), "total".into()]);
            for (c, v) in cats.iter().zip(&result.scores) {
                t.row(vec![c.name.clone(), c.unit.clone(), human(*v, 6)]);
            }
            format!(
                "{} processes, {} flows, {} categories\n{}",
                lca.system().n(),
                lca.system().m(),
                cats.len(),
                t.render()
            )
        }
    };
    emit(&text, args.output.out.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

fn run_scenarios(
    study: &greenlca::calc::Study,
    engine: &greenlca::calc::Engine,
    file: &std::path::Path,
    args: &CalcArgs,
) -> Result<ExitCode> {
    use rayon::prelude::*;
    let scenarios = greenlca::analysis::scenario::read_scenarios(file)?;
    let runs = scenarios
        .par_iter()
        .map(|sc| {
            let mut sets = args.opts.sets.clone();
            sets.extend(sc.sets.iter().cloned());
            let at = greenlca::Location::line(file, sc.line).with_entity(format!("scenario `{}`", sc.name));
            let fg = study.resolve_at(&sc.variant, &sets, &at)?;
            Ok(greenlca::report::scenarios::ScenarioRun {
                name: sc.name.clone(),
                variant: sc.variant.clone(),
                sets: sc.sets.clone(),
                result: study.assess(engine, &fg)?,
            })
        })
        .collect::<greenlca::Result<Vec<_>>>()?;
    let report = greenlca::report::scenarios::ScenarioReport::new(super::common::categories(study), runs);
    args.output.emit(|| report.to_json(), || report.to_csv(), || report.to_table())?;
    Ok(ExitCode::SUCCESS)
}
