//! Scenario files: one parameter set per CSV row, validated before anything runs.

use std::path::Path;

use crate::error::{Collector, Error, ErrorKind, Result};
use crate::io::native::csv_table::CsvTable;
use crate::model::Relink;

/// One scenario: a name, an optional variant and parameter values.
#[derive(Debug, Clone, PartialEq)]
pub struct Scenario {
    /// Name (the `scenario` column, else `row N`).
    pub name: String,
    /// Variant (the `variant` column, else the base model).
    pub variant: String,
    /// Parameter values of the row (empty cells are left out).
    pub sets: Vec<(String, f64)>,
    /// Relinks of the row (the `relink` column: `FROM=TO` or `FROM=TO@P1+P2`, several separated
    /// by `;`).
    pub relinks: Vec<Relink>,
    /// Line in the file.
    pub line: usize,
}

/// Reads a scenario file: columns `scenario` (optional), `variant` (optional), `relink`
/// (optional), and one column per parameter. Parameter names and values are checked by the caller against the model.
pub fn read_scenarios(path: &Path) -> Result<Vec<Scenario>> {
    let t = CsvTable::read(path)?;
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    let header: Vec<String> = text
        .lines()
        .next()
        .unwrap_or("")
        .trim_start_matches('\u{feff}')
        .split(',')
        .map(|s| s.trim().trim_matches('"').to_string())
        .collect();
    let params: Vec<&String> =
        header.iter().filter(|h| !["scenario", "variant", "relink"].contains(&h.as_str()) && !h.is_empty()).collect();
    let has_relink = header.iter().any(|h| h == "relink");
    if params.is_empty() && !has_relink {
        return Err(Error::new(
            ErrorKind::Syntax,
            crate::error::Location::line(path, 1),
            "no parameter columns",
            "give a header like `scenario,lifetime_years,uses_per_day` and one row per parameter set",
        ));
    }
    let mut problems = Collector::default();
    let mut out = Vec::new();
    for (i, row) in t.rows().enumerate() {
        let mut sets = Vec::new();
        for p in &params {
            match row.number(p) {
                Ok(Some(v)) => sets.push(((*p).clone(), v)),
                Ok(None) => {}
                Err(e) => problems.push(e),
            }
        }
        let mut relinks = Vec::new();
        for part in row.get("relink").unwrap_or("").split(';').map(str::trim).filter(|p| !p.is_empty()) {
            if let Some(r) = problems.take(Relink::parse(part, row.at().with_entity("relink"))) {
                relinks.push(r);
            }
        }
        out.push(Scenario {
            name: row.text("scenario").unwrap_or_else(|| format!("row {}", i + 1)),
            variant: row.text("variant").unwrap_or_else(|| "base".into()),
            sets,
            relinks,
            line: row.line(),
        });
    }
    if out.is_empty() {
        problems.push(Error::new(
            ErrorKind::Value,
            crate::error::Location::file(path),
            "no scenarios",
            "add one row per parameter set",
        ));
    }
    problems.finish(out)
}
