//! The matrix exchange folder of `../shared/peers` (technosphere.csv, biosphere.csv, cf.csv,
//! demand.csv, optional categories.csv), read into a system, a characterization and a demand.

use super::diagonal::check_diagonal;
use std::path::Path;

use super::numbered::{numbered_characterization, numbered_system};
use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::io::native::csv_table::{CsvTable, Row};
use crate::matrix::{Characterization, Entries, EntrySource, TechSystem};
use crate::model::Distribution;

/// A system read from matrix files.
#[derive(Debug, Clone)]
pub struct MatrixSystem {
    /// A and B with names.
    pub system: TechSystem,
    /// C with category names.
    pub characterization: Characterization,
    /// Final demand f, one value per process.
    pub demand: Vec<f64>,
}

/// Reads a triplet-CSV exchange folder.
pub fn read_exchange_folder(dir: &Path) -> Result<MatrixSystem> {
    let mut problems = Collector::default();
    let (a, b, c, dem) = match fast_entries(dir) {
        Some((a, b, c)) => {
            let dem = CsvTable::read(&dir.join("demand.csv"))?;
            dem.require_columns(&["process", "amount"])?;
            (a, b, c, dem)
        }
        None => {
            let tech = CsvTable::read(&dir.join("technosphere.csv"))?;
            let bio = CsvTable::read(&dir.join("biosphere.csv"))?;
            let cf = CsvTable::read(&dir.join("cf.csv"))?;
            let dem = CsvTable::read(&dir.join("demand.csv"))?;
            tech.require_columns(&["row", "col", "amount"])?;
            bio.require_columns(&["row", "col", "amount"])?;
            cf.require_columns(&["flow", "category", "factor"])?;
            dem.require_columns(&["process", "amount"])?;
            let (n_max, m_max, k_max) = bounds(tech.len(), bio.len(), cf.len());
            let a =
                triplets(&tech, ("row", n_max), ("col", n_max), "amount", "the technosphere entries", &mut problems);
            let b =
                triplets(&bio, ("row", m_max), ("col", n_max), "amount", "the biosphere and cf entries", &mut problems);
            let c = triplets(&cf, ("category", k_max), ("flow", m_max), "factor", "the cf entries", &mut problems);
            (a, b, c, dem)
        }
    };
    let n = a.rows.iter().chain(&a.cols).map(|&i| i + 1).max().unwrap_or(0);
    let m = b.rows.iter().chain(&c.cols).map(|&i| i + 1).max().unwrap_or(0);
    for (k, &j) in b.cols.iter().enumerate() {
        if j >= n {
            problems.push(Error::new(
                ErrorKind::UnknownId,
                Location::file(dir.join("biosphere.csv")).with_entity(format!("entry {}", k + 1)),
                format!("column {j} is not a process (the technosphere has {n})"),
                "every biosphere column must be a process index of technosphere.csv",
            ));
        }
    }
    // Every process needs a diagonal entry: Brightway would silently solve with a zero there.
    check_diagonal(
        &a,
        n,
        &dir.join("technosphere.csv"),
        &|j| format!("add a line `{j},{j},1` (its production amount) to technosphere.csv"),
        &mut problems,
    );
    let mut demand = vec![0.0; n];
    for row in dem.rows() {
        let r = (|| {
            let p = row
                .index("process")?
                .ok_or_else(|| Error::new(ErrorKind::Value, row.at(), "`process` is empty", "give a process index"))?;
            let v = row
                .number("amount")?
                .ok_or_else(|| Error::new(ErrorKind::Value, row.at(), "`amount` is empty", "give the amount"))?;
            if p >= n {
                return Err(Error::new(
                    ErrorKind::UnknownId,
                    row.at(),
                    format!("demand on process {p}, but the technosphere has {n} processes"),
                    "use a 0-based process index",
                ));
            }
            Ok((p, v))
        })();
        if let Some((p, v)) = problems.take(r) {
            demand[p] += v;
        }
    }
    let mut names: Vec<String> = Vec::new();
    let mut units: Vec<String> = Vec::new();
    let cat_count = c.rows.iter().map(|&i| i + 1).max().unwrap_or(0);
    if dir.join("categories.csv").exists() {
        let t = CsvTable::read(&dir.join("categories.csv"))?;
        t.require_columns(&["category", "name"])?;
        for row in t.rows() {
            let r = (|| {
                Ok((
                    row.index("category")?.unwrap_or(0),
                    row.required("name")?.to_string(),
                    row.text("unit").unwrap_or_default(),
                ))
            })();
            if let Some((i, name, unit)) = problems.take(r) {
                if names.len() <= i {
                    names.resize(i + 1, String::new());
                    units.resize(i + 1, String::new());
                }
                names[i] = name;
                units[i] = unit;
            }
        }
    }
    let k = cat_count.max(names.len());
    let names = (0..k)
        .map(|i| {
            let name = names.get(i).filter(|s| !s.is_empty()).cloned().unwrap_or_else(|| i.to_string());
            (name, units.get(i).cloned().unwrap_or_default())
        })
        .collect();
    // Patterns are only built from consistent entries.
    problems.finish(())?;
    let system = numbered_system(n, m, a, b);
    let characterization = numbered_characterization(names, m, c);
    Ok(MatrixSystem { system, characterization, demand })
}

/// Unused flow or category rows allowed per entry of the files that name them.
const GAP: usize = 64;

/// The bounds of the process, flow and category indices for files of these numbers of rows.
///
/// Sizes come from the data, so that a corrupt index cannot ask for an absurd allocation: every
/// process has its diagonal entry, so no process index reaches the number of technosphere
/// entries; flow and category indices may leave gaps, but not of more than GAP rows per entry.
fn bounds(tech: usize, bio: usize, cf: usize) -> (usize, usize, usize) {
    let m_max = (bio + cf).saturating_mul(GAP).saturating_add(GAP);
    let k_max = cf.saturating_mul(GAP).saturating_add(GAP);
    (tech, m_max, k_max)
}

/// A, B and C read by the fast path, or `None` when a file is missing, not plain or out of
/// bounds: the reader on [`CsvTable`] then reads the folder and names every problem.
fn fast_entries(dir: &Path) -> Option<(Entries, Entries, Entries)> {
    use super::triplet_fast::{Columns, parse};
    let read = |name: &str, columns| parse(&std::fs::read(dir.join(name)).ok()?, columns);
    let tech = read("technosphere.csv", Columns { row: "row", col: "col", value: "amount" })?;
    let bio = read("biosphere.csv", Columns { row: "row", col: "col", value: "amount" })?;
    let cf = read("cf.csv", Columns { row: "category", col: "flow", value: "factor" })?;
    let (n_max, m_max, k_max) = bounds(tech.rows, bio.rows, cf.rows);
    let within =
        |e: &Entries, rows: usize, cols: usize| e.rows.iter().all(|&i| i < rows) && e.cols.iter().all(|&j| j < cols);
    (within(&tech.entries, n_max, n_max) && within(&bio.entries, m_max, n_max) && within(&cf.entries, k_max, m_max))
        .then_some((tech.entries, bio.entries, cf.entries))
}

/// The entries of a triplet file; `(column, bound)` for the row and column index, `what` names
/// what the bound derives from for the message.
fn triplets(
    t: &CsvTable,
    (row_col, row_max): (&str, usize),
    (col_col, col_max): (&str, usize),
    val_col: &str,
    what: &str,
    problems: &mut Collector,
) -> Entries {
    let mut e = Entries::default();
    for row in t.rows() {
        let r = (|| {
            let index = |name: &str, max: usize| -> Result<usize> {
                let i = row.index(name)?.ok_or_else(|| {
                    Error::new(ErrorKind::Value, row.at(), format!("`{name}` is empty"), "give a 0-based index")
                })?;
                if i >= max {
                    return Err(Error::new(
                        ErrorKind::Value,
                        row.at(),
                        format!("`{name}` is {i}, far beyond what {what} can fill (at most {max})"),
                        "indices are 0-based and dense: number processes, flows and categories from 0 without large gaps",
                    ));
                }
                Ok(i)
            };
            let i = index(row_col, row_max)?;
            let j = index(col_col, col_max)?;
            let v = row.number(val_col)?.ok_or_else(|| {
                Error::new(ErrorKind::Value, row.at(), format!("`{val_col}` is empty"), "give a number")
            })?;
            Ok((i, j, v, stats_arrays(&row, v)?))
        })();
        if let Some((i, j, v, d)) = problems.take(r) {
            e.push(i, j, v, d, EntrySource::Data);
        }
    }
    e
}

/// The stats_arrays columns of the exchange folder (`uncertainty_type,loc,scale,shape,minimum,maximum`).
fn stats_arrays(row: &Row<'_>, amount: f64) -> Result<Option<Distribution>> {
    let kind = match row.get("uncertainty_type") {
        None => 0,
        Some(t) => crate::io::native::uncertainty_columns::parse_kind(t).ok_or_else(|| {
            Error::new(
                ErrorKind::Distribution,
                row.at(),
                format!("uncertainty type `{t}` is not supported"),
                "use 0/1 (none), 2 (lognormal), 3 (normal), 4 (uniform) or 5 (triangular)",
            )
        })?,
    };
    Distribution::from_stats_arrays(
        kind,
        amount,
        row.number("loc")?,
        row.number("scale")?,
        row.number("minimum")?,
        row.number("maximum")?,
        &row.at(),
    )
}
