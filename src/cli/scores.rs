//! `greenlca scores --db SOURCE --method M`: the cradle-to-gate score of one unit of every
//! process's reference product, for every category (one transposed solve per category).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use greenlca::matrix::UnlinkedPolicy;
use greenlca::report::ScoresReport;

use super::common::{emit_report, warn};

#[derive(Debug, Args)]
pub struct ScoresArgs {
    /// The database: a native folder or any importable source (JSON-LD zip, .spold, EcoSpold 1).
    #[arg(long, value_name = "SOURCE")]
    db: PathBuf,
    /// Impact method id or method TOML file (repeatable).
    #[arg(long = "method", value_name = "M", required = true)]
    methods: Vec<String>,
    /// What to do with product inputs that have no provider: error, warn or cutoff (default: the
    /// policy the database records, which `greenlca import` writes, else error).
    #[arg(long, value_name = "POLICY", value_parser = ["error", "warn", "cutoff"])]
    unlinked: Option<String>,
    /// Output format.
    #[arg(long, default_value = "csv", value_parser = ["table", "json", "csv", "xlsx"], requires_if("xlsx", "out"))]
    format: String,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: ScoresArgs) -> Result<ExitCode> {
    super::common::check_file(args.out.as_deref(), "--out")?;
    let policy = args.unlinked.as_deref().map(|u| UnlinkedPolicy::parse(u).expect("clap checked it"));
    let report = ScoresReport::compute(&args.db, &args.methods, policy)?;
    warn(&report.warnings);
    emit_report(&report, &args.format, args.out.as_deref())?;
    Ok(ExitCode::SUCCESS)
}
