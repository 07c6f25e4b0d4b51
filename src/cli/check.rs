//! `greenlca check`: a product against an eco-design specification. Exit code 0 when every
//! variant checked passes, 1 when one does not, 2 on an error.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use greenlca::analysis::ecodesign::check;
use greenlca::analysis::ecodesign::inputs::SpecInputs;
use greenlca::report::Format;
use greenlca::report::check::CheckReport;

use super::common::{ModelOptions, emit, format, variants};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL")]
    model: PathBuf,
    /// Specification (default: the one the model names).
    #[arg(long, value_name = "SPEC")]
    spec: Option<PathBuf>,
    /// Evidence file with declared values and basic-requirement statements (default: the model's).
    #[arg(long, value_name = "FILE")]
    evidence: Option<PathBuf>,
    /// Variant to check (repeatable; default: the base model).
    #[arg(long = "variant", value_name = "V", conflicts_with = "all_variants")]
    variants: Vec<String>,
    /// Check the base model and every variant.
    #[arg(long)]
    all_variants: bool,
    /// Output format.
    #[arg(long, default_value = "table", value_parser = ["table", "json", "csv"])]
    format: String,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    #[command(flatten)]
    opts: ModelOptions,
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    let study = args.opts.study(&args.model)?;
    let si = SpecInputs::load(&study, args.spec.as_deref(), args.evidence.as_deref())?;
    let engine = study.engine()?;
    let chosen = variants(&study, &args.variants, args.all_variants)?;
    let mut results = Vec::new();
    for v in &chosen {
        let fg = study.resolve(v, &args.opts.sets)?;
        let r = study.assess(&engine, &fg)?;
        results.push(check(&si.setup(), &study, &engine, &fg, &r)?);
    }
    let report = CheckReport::new(&si.spec, &study.inputs.model.product.name, &results, None);
    let text = match format(&args.format) {
        Format::Json => report.to_json(),
        Format::Csv => report.to_csv(),
        Format::Table => report.to_table(),
    };
    emit(&text, args.out.as_deref())?;
    Ok(if report.all_pass() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}
