//! `greenlca methods`: list the methods and their categories; `methods match` reports how well a
//! method's factors reach the elementary flows of a database.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};
use greenlca::report::{MatchReport, MethodsReport};

use super::common::OutputOptions;

#[derive(Debug, Args)]
pub struct MethodsArgs {
    #[command(subcommand)]
    command: Option<MethodsCommand>,
    /// A folder of method folders with factor tables (e.g. ../shared/data/lcia-methods), or one
    /// method folder; listed after the shipped methods.
    #[arg(long, value_name = "DIR")]
    method_dir: Option<PathBuf>,
    #[command(flatten)]
    output: OutputOptions,
}

#[derive(Debug, Subcommand)]
enum MethodsCommand {
    /// Match rate per category, the flows matched by route (id, fedefl, name, cas), and the
    /// unmatched flows with the largest amounts.
    Match(MatchArgs),
}

#[derive(Debug, Args)]
struct MatchArgs {
    /// Method: a shipped id, a method TOML, or a method folder (or a folder name inside --method-dir).
    #[arg(value_name = "METHOD")]
    method: String,
    /// Database: a native folder or any importable source (default: the shipped database).
    #[arg(long, value_name = "SOURCE")]
    db: Option<PathBuf>,
    /// A folder of method folders in which to look up METHOD by folder name.
    #[arg(long, value_name = "DIR")]
    method_dir: Option<PathBuf>,
    /// How many unmatched flows to list.
    #[arg(long, default_value_t = 20, value_name = "N")]
    top: usize,
    #[command(flatten)]
    output: OutputOptions,
}

pub fn run(args: MethodsArgs) -> Result<ExitCode> {
    match args.command {
        None => args.output.emit(&MethodsReport::compute(args.method_dir.as_deref())?)?,
        Some(MethodsCommand::Match(m)) => {
            let method = match &m.method_dir {
                Some(dir) if dir.join(&m.method).is_dir() => dir.join(&m.method).display().to_string(),
                _ => m.method.clone(),
            };
            m.output.emit(&MatchReport::compute(&method, m.db.as_deref(), m.top)?)?
        }
    }
    Ok(ExitCode::SUCCESS)
}
