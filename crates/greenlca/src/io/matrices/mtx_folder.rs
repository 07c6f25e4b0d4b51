//! The matrix exchange folder in Matrix Market form: technosphere.mtx (n x n), biosphere.mtx
//! (m x n), characterization.mtx (k x m), demand.csv, and the index files processes.csv,
//! flows.csv and categories.csv that name every row and column. Readable by scipy.io.mmread.

use super::diagonal::check_diagonal;
use std::path::Path;

use super::mtx::{MatrixMarketError, read_triplets, write_to};
use super::triplet_read::{MatrixSystem, read_exchange_folder};
use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::io::detect::{Format, detect};
use crate::io::import::ImportOptions;
use crate::io::native::csv_table::CsvTable;
use crate::matrix::{CategoryRow, Characterization, Column, Entries, EntrySource, FlowRow, LinkReport, TechSystem};

impl From<MatrixMarketError> for Error {
    fn from(e: MatrixMarketError) -> Error {
        let at = if e.line > 0 { Location::line(&e.path, e.line) } else { Location::file(&e.path) };
        Error::new(
            ErrorKind::Syntax,
            at,
            e.message,
            "write a `%%MatrixMarket matrix coordinate real general` file with 1-based indices (scipy.io.mmwrite does)",
        )
    }
}

/// Reads a matrix folder in either form: triplet CSV (technosphere.csv) or Matrix Market
/// (technosphere.mtx).
pub fn read_matrix_folder(dir: &Path) -> Result<MatrixSystem> {
    match detect(dir, &ImportOptions::default()) {
        Ok(Format::MatrixMarket) => read_mtx_folder(dir),
        // Anything else goes to the triplet reader, which names the file it misses.
        _ => read_exchange_folder(dir),
    }
}

fn entries(path: &Path, rows: usize, cols: usize) -> Result<Entries> {
    let t = read_triplets(path)?;
    if t.rows() != rows || t.cols() != cols {
        return Err(Error::new(
            ErrorKind::Invalid,
            Location::file(path),
            format!("the matrix is {} x {}, but the index files give {rows} x {cols}", t.rows(), t.cols()),
            "write the index files (processes.csv, flows.csv, categories.csv) of the same system",
        ));
    }
    let mut e = Entries::default();
    for (v, (i, j)) in t.triplet_iter() {
        e.push(i, j, *v, None, EntrySource::Data);
    }
    Ok(e)
}

/// Reads the Matrix Market form.
pub fn read_mtx_folder(dir: &Path) -> Result<MatrixSystem> {
    let mut problems = Collector::default();
    let procs = CsvTable::read(&dir.join("processes.csv"))?;
    procs.require_columns(&["index", "id"])?;
    let columns: Vec<Column> = procs
        .rows()
        .map(|r| Column {
            id: r.get("id").unwrap_or("").to_string(),
            process: None,
            product: None,
            name: r.text("name").unwrap_or_default(),
            unit: r.text("unit").unwrap_or_default(),
            location: r.text("location"),
        })
        .collect();
    let flows_t = CsvTable::read(&dir.join("flows.csv"))?;
    flows_t.require_columns(&["index", "id"])?;
    let flows: Vec<FlowRow> = flows_t
        .rows()
        .map(|r| FlowRow {
            id: r.get("id").unwrap_or("").to_string(),
            name: r.text("name").unwrap_or_default(),
            compartment: r.text("compartment").unwrap_or_default(),
            unit: r.text("unit").unwrap_or_default(),
            cas: None,
        })
        .collect();
    let cats_t = CsvTable::read(&dir.join("categories.csv"))?;
    cats_t.require_columns(&["category", "name"])?;
    let categories: Vec<CategoryRow> = cats_t
        .rows()
        .map(|r| CategoryRow {
            id: r.get("category").unwrap_or("").to_string(),
            method: "matrices".into(),
            name: r.text("name").unwrap_or_default(),
            name_zh: None,
            unit: r.text("unit").unwrap_or_default(),
        })
        .collect();
    let (n, m, k) = (columns.len(), flows.len(), categories.len());
    let a = problems.take(entries(&dir.join("technosphere.mtx"), n, n));
    if let Some(a) = &a {
        let hint =
            |j: usize| format!("add an entry `{} {} 1` (its production amount) to technosphere.mtx", j + 1, j + 1);
        check_diagonal(a, n, &dir.join("technosphere.mtx"), &hint, &mut problems);
    }
    let b = problems.take(entries(&dir.join("biosphere.mtx"), m, n));
    let c = problems.take(entries(&dir.join("characterization.mtx"), k, m));
    let mut demand = vec![0.0; n];
    if let Some(d) = problems.take(CsvTable::read(&dir.join("demand.csv"))) {
        for row in d.rows() {
            let r = (|| {
                let p = row.index("process")?.ok_or_else(|| {
                    Error::new(ErrorKind::Value, row.at(), "`process` is empty", "give a 0-based process index")
                })?;
                if p >= n {
                    return Err(Error::new(
                        ErrorKind::UnknownId,
                        row.at(),
                        format!("demand on process {p}, but there are {n}"),
                        "use a 0-based process index",
                    ));
                }
                Ok((p, row.number("amount")?.unwrap_or(0.0)))
            })();
            if let Some((p, v)) = problems.take(r) {
                demand[p] += v;
            }
        }
    }
    problems.finish(())?;
    let (a, b, c) = (a.expect("checked"), b.expect("checked"), c.expect("checked"));
    let system = TechSystem::new(columns, flows, a, b, LinkReport::default());
    Ok(MatrixSystem { system, characterization: Characterization::from_entries(categories, m, c), demand })
}

/// technosphere.mtx, biosphere.mtx and characterization.mtx of a system (duplicates summed).
pub fn mtx_files(system: &TechSystem, ch: &Characterization) -> Result<Vec<(String, Vec<u8>)>> {
    let mut out = Vec::new();
    for (name, m) in [
        ("technosphere.mtx", system.a_matrix()),
        ("biosphere.mtx", system.b_matrix()),
        ("characterization.mtx", ch.matrix()),
    ] {
        let mut bytes = Vec::new();
        write_to(&mut bytes, m.view()).map_err(|e| Error::io(Path::new(name), &e))?;
        out.push((name.to_string(), bytes));
    }
    Ok(out)
}
