//! The USEEIO model as published in the `useeio-widgets` API build (dense CSV matrices A, B, C with
//! the index files sectors.csv, flows.csv, indicators.csv): read as a system whose technology
//! matrix is I - A.

use std::path::Path;

use super::triplet_read::MatrixSystem;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::native::csv_table::CsvTable;
use crate::matrix::{CategoryRow, Characterization, Column, Entries, EntrySource, FlowRow, LinkReport, TechSystem};

/// A dense matrix read as its nonzero entries.
#[derive(Debug, Clone, PartialEq)]
pub struct DenseCsv {
    pub rows: usize,
    /// Columns.
    pub cols: usize,
    /// Nonzero entries (row, col, value).
    pub entries: Vec<(usize, usize, f64)>,
}

/// Reads a headerless dense CSV matrix.
pub fn read_dense_csv(path: &Path) -> Result<DenseCsv> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    let mut trip = Vec::new();
    let mut ncols = None;
    let mut nrows = 0;
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let mut count = 0;
        for (j, cell) in line.split(',').enumerate() {
            let v: f64 = cell.trim().parse().ok().filter(|v: &f64| v.is_finite()).ok_or_else(|| {
                Error::new(
                    ErrorKind::Value,
                    Location::line(path, i + 1),
                    format!("column {} is `{cell}`, not a finite number", j + 1),
                    "the matrix must be numbers only, without a header",
                )
            })?;
            if v != 0.0 {
                trip.push((i, j, v));
            }
            count += 1;
        }
        match ncols {
            None => ncols = Some(count),
            Some(c) if c != count => {
                return Err(Error::new(
                    ErrorKind::Syntax,
                    Location::line(path, i + 1),
                    format!("{count} columns, but the first line has {c}"),
                    "every line needs the same number of columns",
                ));
            }
            _ => {}
        }
        nrows = i + 1;
    }
    Ok(DenseCsv { rows: nrows, cols: ncols.unwrap_or(0), entries: trip })
}

/// Reads a USEEIO folder with the demand vector `demand_<name>.csv` (sector id, amount).
pub fn read_useeio(dir: &Path, demand_name: &str) -> Result<MatrixSystem> {
    let sectors = CsvTable::read(&dir.join("sectors.csv"))?;
    sectors.require_columns(&["index", "id", "name"])?;
    let columns: Vec<Column> = sectors
        .rows()
        .map(|r| Column {
            id: r.get("id").unwrap_or("").to_string(),
            process: None,
            product: None,
            name: r.get("name").unwrap_or("").to_string(),
            unit: "USD".into(),
            location: r.text("location"),
        })
        .collect();
    let n = columns.len();
    let DenseCsv { rows: an, cols: am, entries: a_trip } = read_dense_csv(&dir.join("A.csv"))?;
    if an != n || am != n {
        return Err(Error::new(
            ErrorKind::Invalid,
            Location::file(dir.join("A.csv")),
            format!("A is {an} x {am}, but sectors.csv lists {n} sectors"),
            "use the A.csv of the same model build",
        ));
    }
    let mut a = Entries::default();
    for j in 0..n {
        a.push(j, j, 1.0, None, EntrySource::Data);
    }
    for (i, j, v) in a_trip {
        a.push(i, j, -v, None, EntrySource::Data);
    }
    let flows: Vec<FlowRow> = if dir.join("flows.csv").exists() {
        CsvTable::read(&dir.join("flows.csv"))?
            .rows()
            .map(|r| FlowRow {
                id: r.get("id").unwrap_or("").to_string(),
                name: r.get("name").unwrap_or("").to_string(),
                compartment: format!("{}/{}", r.get("category").unwrap_or(""), r.get("subCategory").unwrap_or("")),
                unit: r.get("unit").unwrap_or("").to_string(),
                cas: None,
            })
            .collect()
    } else {
        Vec::new()
    };
    let DenseCsv { rows: bm, cols: bn, entries: b_trip } = read_dense_csv(&dir.join("B.csv"))?;
    if bn != n {
        return Err(Error::new(
            ErrorKind::Invalid,
            Location::file(dir.join("B.csv")),
            format!("B has {bn} columns, not {n}"),
            "use the B.csv of the same model build",
        ));
    }
    let flows = if flows.len() == bm {
        flows
    } else {
        (0..bm)
            .map(|f| FlowRow {
                id: f.to_string(),
                name: format!("flow {f}"),
                compartment: String::new(),
                unit: String::new(),
                cas: None,
            })
            .collect()
    };
    let mut b = Entries::default();
    for (i, j, v) in b_trip {
        b.push(i, j, v, None, EntrySource::Data);
    }
    let DenseCsv { rows: ck, cols: cm, entries: c_trip } = read_dense_csv(&dir.join("C.csv"))?;
    if cm != bm {
        return Err(Error::new(
            ErrorKind::Invalid,
            Location::file(dir.join("C.csv")),
            format!("C has {cm} columns, but B has {bm} rows"),
            "use the C.csv of the same model build",
        ));
    }
    let indicators = CsvTable::read(&dir.join("indicators.csv"))?;
    let mut categories: Vec<CategoryRow> = indicators
        .rows()
        .take(ck)
        .map(|r| CategoryRow {
            id: r.get("code").unwrap_or("").to_string(),
            method: "USEEIO".into(),
            name: r.get("name").unwrap_or("").to_string(),
            name_zh: None,
            unit: r.get("unit").unwrap_or("").to_string(),
        })
        .collect();
    while categories.len() < ck {
        let i = categories.len();
        categories.push(CategoryRow {
            id: i.to_string(),
            method: "USEEIO".into(),
            name: format!("indicator {i}"),
            name_zh: None,
            unit: String::new(),
        });
    }
    let mut c = Entries::default();
    for (i, j, v) in c_trip {
        c.push(i, j, v, None, EntrySource::Data);
    }
    let demand_path = dir.join(format!("demand_{demand_name}.csv"));
    let dem = CsvTable::read(&demand_path)?;
    dem.require_columns(&["sector_id", "amount"])?;
    let system = TechSystem::new(columns, flows, a, b, LinkReport::default());
    let mut demand = vec![0.0; n];
    for row in dem.rows() {
        let id = row.required("sector_id")?;
        let j = system.column_index.get(id).ok_or_else(|| {
            Error::new(ErrorKind::UnknownId, row.at(), format!("unknown sector `{id}`"), "use an id of sectors.csv")
        })?;
        demand[j] += row.number("amount")?.unwrap_or(0.0);
    }
    let characterization = Characterization::from_entries(categories, bm, c);
    Ok(MatrixSystem { system, characterization, demand })
}
