//! The result of `greenlca scores`: the cradle-to-gate score of one unit of every process's
//! reference product, for every category of the methods, straight from a database.

use std::path::Path;

use super::format::{TextTable, csv_line, exact, human};
use crate::calc::process_scores::{ProcessScores, process_scores};
use crate::error::Result;
use crate::io::compiled::read_any_cached;
use crate::io::inputs::find_method;
use crate::matrix::{UnlinkedPolicy, build_system, characterize};
use crate::warning::Warning;

/// Process scores with how the database was linked and characterized.
#[derive(Debug, Clone)]
pub struct ScoresReport {
    /// The scores.
    pub scores: ProcessScores,
    /// The policy for product inputs with no provider.
    pub policy: UnlinkedPolicy,
    /// Number of unlinked inputs left out.
    pub unlinked: usize,
    /// Elementary flows without a characterization factor.
    pub unmatched_flows: Vec<String>,
    /// What the user should hear about (unlinked inputs under the `warn` policy).
    pub warnings: Vec<Warning>,
}

impl ScoresReport {
    /// Reads the database at `db` (any importable source), links it under `policy` (when `None`,
    /// the database's own, see [`UnlinkedPolicy::for_database`]), and scores every process for
    /// the `methods` (ids or method files).
    pub fn compute(db: &Path, methods: &[String], policy: Option<UnlinkedPolicy>) -> Result<ScoresReport> {
        let path = db;
        let db = read_any_cached(db)?;
        let policy = UnlinkedPolicy::for_database(policy, &db.meta);
        let system = build_system(&db, policy)?;
        let mut found = Vec::new();
        for m in methods {
            found.push(find_method(m, None)?.0);
        }
        let characterization = characterize(&system.flows, &found, &db.units)?;
        let scores = process_scores(&system, &characterization).map_err(|e| e.in_file(path))?;
        Ok(ScoresReport {
            scores,
            policy,
            unlinked: system.links.unlinked.len(),
            unmatched_flows: characterization.unmatched_flows,
            warnings: Warning::unlinked(&system.links),
        })
    }

    /// CSV: one row per process, one column per category.
    pub fn to_csv(&self) -> String {
        let s = &self.scores;
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

    /// Table: one row per process.
    pub fn to_table(&self) -> String {
        let s = &self.scores;
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

    /// JSON (schema `greenlca.process-scores`): totals and direct parts per process.
    pub fn to_json(&self) -> String {
        let s = &self.scores;
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
            "unlinked_policy": self.policy.as_str(),
            "unlinked_inputs": self.unlinked,
            "unmatched_flows": self.unmatched_flows.len(),
            "processes": processes,
        });
        serde_json::to_string_pretty(&v).expect("plain data") + "\n"
    }
}
