//! `greenlca db list|search|show`: find processes and flows in a database and its layers, and show
//! one with its exchanges (or a flow with its factors) and the layer it comes from.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::{Args, Subcommand};
use greenlca::io::{LayeredDatabase, find_method};
use greenlca::report::{DbListReport, DbQuery, DbShowReport};

use super::common::OutputOptions;

#[derive(Debug, Args)]
pub struct DbArgs {
    #[command(subcommand)]
    command: DbCommand,
}

/// Which database: `--db`, a model's layers, or the shipped default.
#[derive(Debug, Args, Clone)]
struct Which {
    /// Database: a native folder or any importable source (default: the model's, else the shipped one).
    #[arg(long, value_name = "SOURCE")]
    db: Option<PathBuf>,
    /// A product model whose database layers to search (its `database = [...]`).
    #[arg(long, value_name = "FILE")]
    model: Option<PathBuf>,
}

/// Filters shared by `list` and `search`.
#[derive(Debug, Args, Clone)]
struct Filters {
    /// Only processes or only flows.
    #[arg(long, value_parser = ["process", "flow"])]
    kind: Option<String>,
    /// Text in the category (processes) or compartment (flows), any case.
    #[arg(long, value_name = "TEXT")]
    category: Option<String>,
    /// Text in the location (processes only), any case.
    #[arg(long, value_name = "TEXT")]
    location: Option<String>,
}

#[derive(Debug, Subcommand)]
enum DbCommand {
    /// Every process and flow (filtered by --kind, --category, --location).
    List {
        #[command(flatten)]
        which: Which,
        #[command(flatten)]
        filters: Filters,
        #[command(flatten)]
        output: OutputOptions,
    },
    /// Processes and flows whose id, name (English or Chinese), category, location, compartment
    /// or CAS number contains TEXT (any case).
    Search {
        /// Text to find.
        text: String,
        #[command(flatten)]
        which: Which,
        #[command(flatten)]
        filters: Filters,
        #[command(flatten)]
        output: OutputOptions,
    },
    /// A process with its exchanges, or a flow (with its factors in --method), and its layer.
    Show {
        /// Process or flow id.
        id: String,
        #[command(flatten)]
        which: Which,
        /// Method whose factors of a flow to show (a shipped id or a method file); repeatable.
        #[arg(long = "method", value_name = "M")]
        methods: Vec<String>,
        #[command(flatten)]
        output: OutputOptions,
    },
}

pub fn run(args: DbArgs) -> Result<ExitCode> {
    match args.command {
        DbCommand::List { which, filters, output } => list(String::new(), which, filters, output)?,
        DbCommand::Search { text, which, filters, output } => list(text, which, filters, output)?,
        DbCommand::Show { id, which, methods, output } => {
            output.check()?;
            let db = LayeredDatabase::open(which.db.as_deref(), which.model.as_deref())?;
            let ms =
                methods.iter().map(|m| find_method(m, None).map(|(m, _)| m)).collect::<greenlca::Result<Vec<_>>>()?;
            output.emit(&DbShowReport::show(&db, &id, &ms)?)?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn list(text: String, which: Which, filters: Filters, output: OutputOptions) -> Result<()> {
    output.check()?;
    let db = LayeredDatabase::open(which.db.as_deref(), which.model.as_deref())?;
    let query = DbQuery { text, kind: filters.kind, category: filters.category, location: filters.location };
    output.emit(&DbListReport::search(&db, &query)?)
}
