//! Command-line interface: one module per command.

mod calc;
mod common;
mod import;
mod scores;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// greenlca: life-cycle assessment for product designers, green-product applicants and researchers.
#[derive(Debug, Parser)]
#[command(name = "greenlca", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Impacts per category and life-cycle stage, with top contributors.
    Calc(calc::CalcArgs),
    /// Check a database folder or a product model and list every problem.
    Validate(validate::ValidateArgs),
    /// Import a database (openLCA JSON-LD, EcoSpold 2 or 1) into a native database folder.
    Import(import::ImportArgs),
    /// Cradle-to-gate scores of one unit of every process's reference product.
    Scores(scores::ScoresArgs),
}

/// Parses the command line and runs the command.
pub fn run() -> anyhow::Result<ExitCode> {
    let cli = Cli::parse();
    if let Some(t) = cli.threads {
        if t == 0 {
            anyhow::bail!("--threads must be at least 1\n  hint: leave it out to use all cores");
        }
        rayon::ThreadPoolBuilder::new().num_threads(t).build_global()?;
    }
    match cli.command {
        Command::Calc(a) => calc::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Import(a) => import::run(a),
        Command::Scores(a) => scores::run(a),
    }
}
