//! `greenlca scores --db SOURCE --method M`: the cradle-to-gate score of one unit of every
//! process's reference product, for every category (one transposed solve per category).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use greenlca::calc::process_scores::{ProcessScores, process_scores};
use greenlca::io::inputs::find_method;
use greenlca::io::read_any;
use greenlca::matrix::{UnlinkedPolicy, build_system, characterize};
use greenlca::report::Format;
use greenlca::report::format::{TextTable, csv_line, exact, human};

use super::common::{emit, format};

#[derive(Debug, Args)]
pub struct ScoresArgs {
    /// The database: a native folder or any importable source (JSON-LD zip, .spold, EcoSpold 1).
    #[arg(long, value_name = "SOURCE")]
    db: PathBuf,
    /// Impact method id or method TOML file (repeatable).
    #[arg(long = "method", value_name = "M", required = true)]
    methods: Vec<String>,
    /// What to do with product inputs that have no provider: error, warn or cutoff.
    #[arg(long, value_name = "POLICY", default_value = "error", value_parser = ["error", "warn", "cutoff"])]
    unlinked: String,
    /// Output format.
    #[arg(long, default_value = "csv", value_parser = ["table", "json", "csv"])]
    format: String,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
}

pub fn run(args: ScoresArgs) -> Result<ExitCode> {
    let policy = UnlinkedPolicy::parse(&args.unlinked).expect("clap checked it");
    let db = read_any(&args.db)?;
    let system = build_system(&db, policy)?;
    let mut methods = Vec::new();
    for m in &args.methods {
        methods.push(find_method(m, None)?.0);
    }
    let characterization = characterize(&system.flows, &methods, &db.units)?;
    let scores = process_scores(&system, &characterization)?;
    if policy == UnlinkedPolicy::Warn {
        for u in &system.links.unlinked {
            eprintln!(
                "warning: process `{}`: input of `{}` ({}) has no provider and is left out",
                u.process, u.flow, u.flow_name
            );
        }
    }
    let text = match format(&args.format) {
        Format::Csv => to_csv(&scores),
        Format::Table => to_table(&scores),
        Format::Json => {
            to_json(&scores, policy.as_str(), system.links.unlinked.len(), &characterization.unmatched_flows)?
        }
    };
    emit(&text, args.out.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

fn to_csv(s: &ProcessScores) -> String {
    let mut header = vec!["process".to_string(), "name".into(), "location".into(), "unit".into()];
    header.extend(s.categories.iter().map(|c| format!("{} [{}]", c.id, c.unit)));
    let mut out = csv_line(&header);
    for (j, c) in s.columns.iter().enumerate() {
        let mut row = vec![c.id.clone(), c.name.clone(), c.location.clone().unwrap_or_default(), c.unit.clone()];
        row.extend(s.total.iter().map(|t| exact(t[j])));
        out.push_str(&csv_line(&row));
    }
    out
}

fn to_table(s: &ProcessScores) -> String {
    let mut header = vec!["process".to_string(), "unit".into()];
    header.extend(s.categories.iter().map(|c| format!("{} [{}]", c.id, c.unit)));
    let mut t = TextTable::new(header);
    for (j, c) in s.columns.iter().enumerate() {
        let mut row = vec![c.name.clone(), c.unit.clone()];
        row.extend(s.total.iter().map(|t| human(t[j], 4)));
        t.row(row);
    }
    t.render()
}

fn to_json(s: &ProcessScores, policy: &str, unlinked: usize, unmatched: &[String]) -> Result<String> {
    let processes: Vec<serde_json::Value> = s
        .columns
        .iter()
        .enumerate()
        .map(|(j, c)| {
            serde_json::json!({
                "id": c.id, "name": c.name, "location": c.location, "unit": c.unit,
                "total": s.total.iter().map(|t| t[j]).collect::<Vec<_>>(),
                "direct": s.direct.iter().map(|t| t[j]).collect::<Vec<_>>(),
            })
        })
        .collect();
    let v = serde_json::json!({
        "schema": "greenlca.process-scores",
        "schema_version": 1,
        "greenlca_version": env!("CARGO_PKG_VERSION"),
        "categories": s.categories.iter().map(|c| serde_json::json!({"id": c.id, "method": c.method, "name": c.name, "unit": c.unit})).collect::<Vec<_>>(),
        "unlinked_policy": policy,
        "unlinked_inputs": unlinked,
        "unmatched_flows": unmatched.len(),
        "processes": processes,
    });
    Ok(serde_json::to_string_pretty(&v)? + "\n")
}
