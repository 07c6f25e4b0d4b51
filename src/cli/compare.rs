//! `greenlca compare`: variants side by side against a baseline.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use clap::Args;
use greenlca::analysis::compare::compare;
use greenlca::report::Format;
use greenlca::report::compare::CompareReport;

use super::common::{ModelOptions, categories, emit, format, variants};

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
    /// Output format.
    #[arg(long, default_value = "table", value_parser = ["table", "json", "csv"])]
    format: String,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    opts: ModelOptions,
}

pub fn run(args: CompareArgs) -> Result<ExitCode> {
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
    let report = CompareReport::new(&m.name, &m.functional_unit, categories(&study), &cmp);
    let text = match format(&args.format) {
        Format::Json => report.to_json(),
        Format::Csv => report.to_csv(),
        Format::Table => report.to_table(),
    };
    emit(&text, args.out.as_deref())?;
    Ok(ExitCode::SUCCESS)
}
