//! Command-line interface: one module per command.

mod cache;
mod calc;
mod check;
mod common;
mod compare;
mod contrib;
mod db;
mod declaration;
mod export;
mod import;
mod mc;
mod merge;
mod methods;
mod progress;
mod report;
mod scores;
mod sensitivity;
mod solver_arg;
mod spread;
mod validate;

use std::process::ExitCode;

use clap::{Parser, Subcommand};
use greenlca::io::compiled;

/// greenlca: life-cycle assessment for product designers, green-product applicants and researchers.
#[derive(Debug, Parser)]
#[command(name = "greenlca", version, about, long_about = None, propagate_version = true)]
struct Cli {
    /// Worker threads (default: all cores). Results do not depend on it.
    #[arg(long, global = true, value_name = "N")]
    threads: Option<usize>,
    /// Read every input from its sources, not from its compiled form in the cache, and store none (docs/cache.md).
    #[arg(long, global = true)]
    no_cache: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Impacts per category and life-cycle stage, with top contributors.
    Calc(calc::CalcArgs),
    /// Check a product against an eco-design specification (exit 0 pass, 1 not met, 2 error).
    Check(check::CheckArgs),
    /// The LCA evidence report: HTML, Markdown and JSON with the conformity table (exit 0 pass, 1 not met, 2 error).
    Report(report::ReportArgs),
    /// Variants side by side: differences from a baseline, the best per category.
    Compare(compare::CompareArgs),
    /// Contributions by stage, process, flow, first tier, and the supply-chain tree.
    Contrib(contrib::ContribArgs),
    /// Monte Carlo: mean, sd, percentiles per category (and stage), reproducible and shardable.
    Mc(mc::McArgs),
    /// Sensitivity: one-at-a-time, analytical coefficients, Sobol indices.
    Sensitivity(sensitivity::SensitivityArgs),
    /// Combine the partial results of shards (`mc --shard`, `sensitivity --sobol --shard`).
    Merge(merge::MergeArgs),
    /// Check a database folder or a product model and list every problem.
    Validate(validate::ValidateArgs),
    /// Write a model's product system as matrix files (triplet CSV and Matrix Market).
    Export(export::ExportArgs),
    /// Import a database (openLCA JSON-LD, EcoSpold 2 or 1) into a native database folder.
    Import(import::ImportArgs),
    /// Cradle-to-gate scores of one unit of every process's reference product.
    Scores(scores::ScoresArgs),
    /// Impact methods and their categories; `methods match METHOD --db DB` for the match rates.
    Methods(methods::MethodsArgs),
    /// Find processes and flows in a database and its layers (`list`, `search TEXT`, `show ID`).
    Db(db::DbArgs),
    /// Compiled forms of inputs: `cache dir`, `cache list`, `cache clear`.
    Cache(cache::CacheArgs),
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
    let mode = if cli.no_cache { compiled::CacheMode::Off } else { compiled::CacheMode::Use };
    compiled::set_default_mode(mode);
    let result = match cli.command {
        Command::Calc(a) => calc::run(a),
        Command::Check(a) => check::run(a),
        Command::Compare(a) => compare::run(a),
        Command::Report(a) => report::run(a),
        Command::Contrib(a) => contrib::run(a),
        Command::Validate(a) => validate::run(a),
        Command::Mc(a) => mc::run(a),
        Command::Sensitivity(a) => sensitivity::run(a),
        Command::Merge(a) => merge::run(a),
        Command::Export(a) => export::run(a),
        Command::Methods(a) => methods::run(a),
        Command::Import(a) => import::run(a),
        Command::Scores(a) => scores::run(a),
        Command::Db(a) => db::run(a),
        Command::Cache(a) => cache::run(a),
    };
    // A compiled form refused and rebuilt, or not stored: never an error, but said.
    for note in compiled::take_notes() {
        eprintln!("{note}");
    }
    result
}
