//! Writes a [`Database`] as a native database folder (docs/formats.md, "Background database"), so
//! that [`super::read_database`] reads back the same database.
//!
//! The folder appears whole or not at all: every file is rendered in memory first, written into a
//! temporary folder beside the target, and the temporary folder is renamed into place.

use std::path::Path;

use serde::Serialize;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::model::{Database, Distribution, Exchange, Parameter, Scope, UnitRegistry, pedigree};

/// What [`write_database`] may do with an existing target folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Overwrite {
    /// Refuse a target folder that exists and is not empty.
    #[default]
    Refuse,
    /// Replace the target folder and everything in it.
    Replace,
}

/// Writes `db` into the folder `dir`, atomically. An existing non-empty folder is refused unless
/// `overwrite` is [`Overwrite::Replace`].
pub fn write_database(db: &Database, dir: &Path, overwrite: Overwrite) -> Result<()> {
    write_database_with(db, dir, overwrite, &[])
}

/// [`write_database`], with more files written into the folder in the same atomic step (e.g.
/// the list of unlinked inputs an import found).
pub fn write_database_with(db: &Database, dir: &Path, overwrite: Overwrite, extra: &[(String, Vec<u8>)]) -> Result<()> {
    if dir.is_file() {
        return Err(Error::new(
            ErrorKind::Io,
            Location::file(dir),
            "the target is a file, not a folder",
            "give the path of a new (or empty) folder",
        ));
    }
    let non_empty = dir.is_dir() && std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))?.next().is_some();
    if non_empty && overwrite == Overwrite::Refuse {
        return Err(Error::new(
            ErrorKind::Io,
            Location::file(dir),
            "the target folder exists and is not empty",
            "choose a new folder, or pass --force to replace it",
        ));
    }
    let mut files = database_files(db)?;
    files.extend(extra.iter().cloned());
    let parent = dir.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
    let name = dir.file_name().and_then(|n| n.to_str()).unwrap_or("database");
    let tmp = parent.join(format!(".{name}.tmp-{}", std::process::id()));
    let old = parent.join(format!(".{name}.old-{}", std::process::id()));
    let result = write_into(&tmp, dir, &files).and_then(|()| swap_into_place(&tmp, dir, &old));
    if result.is_err() {
        let _ = std::fs::remove_dir_all(&tmp);
    }
    result
}

/// Writes the files into `tmp`; an error names the file as it would be in `dir` (the folder the
/// user asked for, not the temporary one).
fn write_into(tmp: &Path, dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    if tmp.exists() {
        std::fs::remove_dir_all(tmp).map_err(|e| Error::io(tmp, &e))?;
    }
    std::fs::create_dir_all(tmp).map_err(|e| Error::io(tmp, &e))?;
    for (name, bytes) in files {
        let p = tmp.join(name);
        std::fs::write(&p, bytes).map_err(|e| Error::io(dir.join(name), &e))?;
    }
    Ok(())
}

/// Renames `tmp` to `dir`; an existing `dir` is moved aside first and removed after.
fn swap_into_place(tmp: &Path, dir: &Path, old: &Path) -> Result<()> {
    let existed = dir.exists();
    if existed {
        std::fs::rename(dir, old).map_err(|e| Error::io(dir, &e))?;
    }
    if let Err(e) = std::fs::rename(tmp, dir) {
        if existed {
            let _ = std::fs::rename(old, dir);
        }
        return Err(Error::io(dir, &e));
    }
    if existed {
        std::fs::remove_dir_all(old).map_err(|e| Error::io(old, &e))?;
    }
    Ok(())
}

/// The files of the database folder, rendered in memory: (file name, bytes).
pub fn database_files(db: &Database) -> Result<Vec<(String, Vec<u8>)>> {
    let mut files = vec![("database.toml".to_string(), meta_toml(db)?.into_bytes())];
    files.push(("flows.csv".into(), flows_csv(db)?));
    files.push(("processes.csv".into(), processes_csv(db)?));
    files.push(("exchanges.csv".into(), exchanges_csv(db)?));
    if !db.parameters.is_empty() {
        files.push(("parameters.csv".into(), parameters_csv(&db.parameters)?));
    }
    if db.processes.iter().any(|p| !p.allocation_factors.is_empty()) {
        files.push(("allocation.csv".into(), allocation_csv(db)?));
    }
    if let Some(units) = units_csv(&db.units)? {
        files.push(("units.csv".into(), units));
    }
    Ok(files)
}

#[derive(Serialize)]
struct MetaOut<'a> {
    name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    name_zh: Option<&'a str>,
    version: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    description: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    description_zh: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    license_zh: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intended_use: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    intended_use_zh: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unlinked: Option<&'a str>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    sources: Vec<SourceOut<'a>>,
}

#[derive(Serialize)]
struct SourceOut<'a> {
    key: &'a str,
    citation: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

fn meta_toml(db: &Database) -> Result<String> {
    let m = &db.meta;
    let out = MetaOut {
        name: &m.name,
        version: &m.version,
        description: m.description.as_deref(),
        license: m.license.as_deref(),
        intended_use: m.intended_use.as_deref(),
        name_zh: m.name_zh.as_deref(),
        description_zh: m.description_zh.as_deref(),
        license_zh: m.license_zh.as_deref(),
        intended_use_zh: m.intended_use_zh.as_deref(),
        unlinked: m.unlinked.as_deref(),
        sources: m
            .sources
            .iter()
            .map(|s| SourceOut { key: &s.key, citation: &s.citation, url: s.url.as_deref() })
            .collect(),
    };
    toml::to_string(&out).map_err(|e| write_error("database.toml", e.to_string()))
}

fn write_error(file: &str, msg: String) -> Error {
    Error::new(ErrorKind::Io, Location::file(file), msg, "this is a bug in greenlca: please report it")
}

/// A CSV writer into memory.
struct Table {
    name: &'static str,
    w: csv::Writer<Vec<u8>>,
}

impl Table {
    fn new(name: &'static str, header: &[&str]) -> Result<Table> {
        let mut t = Table { name, w: csv::Writer::from_writer(Vec::new()) };
        t.row(header.iter().map(|s| s.to_string()).collect())?;
        Ok(t)
    }
    fn row(&mut self, cells: Vec<String>) -> Result<()> {
        self.w.write_record(&cells).map_err(|e| write_error(self.name, e.to_string()))
    }
    fn finish(self) -> Result<Vec<u8>> {
        let name = self.name;
        self.w.into_inner().map_err(|e| write_error(name, e.to_string()))
    }
}

fn opt(s: &Option<String>) -> String {
    s.clone().unwrap_or_default()
}

fn num(x: f64) -> String {
    format!("{x:?}")
}

fn opt_num(x: Option<f64>) -> String {
    x.map(num).unwrap_or_default()
}

fn flag(b: bool) -> String {
    if b { "true".into() } else { String::new() }
}

fn flows_csv(db: &Database) -> Result<Vec<u8>> {
    let mut t = Table::new(
        "flows.csv",
        &["id", "name", "name_zh", "kind", "unit", "compartment", "subcompartment", "cas", "comment"],
    )?;
    for f in &db.flows {
        t.row(vec![
            f.id.clone(),
            f.name.clone(),
            opt(&f.name_zh),
            f.kind.as_str().into(),
            f.unit.clone(),
            opt(&f.compartment),
            opt(&f.subcompartment),
            opt(&f.cas),
            opt(&f.comment),
        ])?;
    }
    t.finish()
}

fn processes_csv(db: &Database) -> Result<Vec<u8>> {
    let mut t = Table::new(
        "processes.csv",
        &["id", "name", "name_zh", "location", "category", "allocation", "source", "indicative", "comment"],
    )?;
    for p in &db.processes {
        t.row(vec![
            p.id.clone(),
            p.name.clone(),
            opt(&p.name_zh),
            opt(&p.location),
            opt(&p.category),
            p.allocation.as_str().into(),
            opt(&p.source),
            flag(p.indicative),
            opt(&p.comment),
        ])?;
    }
    t.finish()
}

/// The uncertainty columns `uncertainty, loc, scale, minimum, maximum` of a distribution. A
/// lognormal with pedigree scores is written with its basic width: the reader adds the pedigree.
fn uncertainty_cells(d: Option<&Distribution>, pedigree_scores: Option<[u8; 5]>) -> [String; 5] {
    match d {
        None => Default::default(),
        Some(Distribution::Lognormal { mu, sigma }) => {
            let basic = match pedigree_scores {
                Some(s) => (sigma * sigma - pedigree::added_variance(s)).max(0.0).sqrt(),
                None => *sigma,
            };
            ["lognormal".into(), num(*mu), num(basic), String::new(), String::new()]
        }
        Some(Distribution::Normal { mean, sd, min, max }) => {
            ["normal".into(), num(*mean), num(*sd), opt_num(*min), opt_num(*max)]
        }
        Some(Distribution::Uniform { min, max }) => {
            ["uniform".into(), String::new(), String::new(), num(*min), num(*max)]
        }
        Some(Distribution::Triangular { min, mode, max }) => {
            ["triangular".into(), num(*mode), String::new(), num(*min), num(*max)]
        }
    }
}

fn pedigree_text(s: [u8; 5]) -> String {
    format!("({},{},{},{},{})", s[0], s[1], s[2], s[3], s[4])
}

fn exchange_row(process: &str, e: &Exchange) -> Vec<String> {
    // The reader ignores the distribution of a formula exchange, and reads a pedigree as widening a
    // lognormal: write the pedigree only where it reads back the same.
    let dist = if e.formula.is_some() { None } else { e.uncertainty.as_ref() };
    let ped = match (dist, e.pedigree) {
        (Some(Distribution::Lognormal { .. }), Some(s)) => Some(s),
        (None, Some(s)) if e.formula.is_some() => Some(s),
        _ => None,
    };
    let [kind, loc, scale, min, max] = uncertainty_cells(dist, ped);
    vec![
        process.to_string(),
        e.flow.clone(),
        e.direction.as_str().into(),
        num(e.amount),
        e.unit.clone(),
        opt(&e.formula),
        opt(&e.provider),
        flag(e.is_reference),
        flag(e.avoided),
        kind,
        loc,
        scale,
        min,
        max,
        ped.map(pedigree_text).unwrap_or_default(),
        opt(&e.source),
        flag(e.indicative),
        opt(&e.comment),
    ]
}

fn exchanges_csv(db: &Database) -> Result<Vec<u8>> {
    let mut t = Table::new(
        "exchanges.csv",
        &[
            "process",
            "flow",
            "direction",
            "amount",
            "unit",
            "formula",
            "provider",
            "reference",
            "avoided",
            "uncertainty",
            "loc",
            "scale",
            "minimum",
            "maximum",
            "pedigree",
            "source",
            "indicative",
            "comment",
        ],
    )?;
    for p in &db.processes {
        for e in &p.exchanges {
            t.row(exchange_row(&p.id, e))?;
        }
    }
    t.finish()
}

fn parameters_csv(params: &[Parameter]) -> Result<Vec<u8>> {
    let mut t = Table::new(
        "parameters.csv",
        &[
            "scope",
            "name",
            "value",
            "formula",
            "unit",
            "min",
            "max",
            "uncertainty",
            "loc",
            "scale",
            "minimum",
            "maximum",
            "description",
            "source",
        ],
    )?;
    for p in params {
        let scope = match &p.scope {
            Scope::Global => "global".to_string(),
            Scope::Process(id) => id.clone(),
        };
        // The reader takes a distribution only for parameters with a value.
        let dist = if p.value.is_some() { p.uncertainty.as_ref() } else { None };
        let [kind, loc, scale, min, max] = uncertainty_cells(dist, None);
        t.row(vec![
            scope,
            p.name.clone(),
            opt_num(p.value),
            opt(&p.formula),
            opt(&p.unit),
            opt_num(p.min),
            opt_num(p.max),
            kind,
            loc,
            scale,
            min,
            max,
            opt(&p.description),
            opt(&p.source),
        ])?;
    }
    t.finish()
}

fn allocation_csv(db: &Database) -> Result<Vec<u8>> {
    let mut t = Table::new("allocation.csv", &["process", "product", "method", "factor", "exchange_flow"])?;
    for p in &db.processes {
        for f in &p.allocation_factors {
            t.row(vec![
                p.id.clone(),
                f.product.clone(),
                f.method.as_str().into(),
                num(f.factor),
                opt(&f.exchange_flow),
            ])?;
        }
    }
    t.finish()
}

/// Units the database knows beyond the built-in ones, or `None` when there are none.
fn units_csv(units: &UnitRegistry) -> Result<Option<Vec<u8>>> {
    let builtin = UnitRegistry::default();
    let extra: Vec<_> = units.all().into_iter().filter(|u| builtin.get(&u.symbol) != Some(*u)).collect();
    if extra.is_empty() {
        return Ok(None);
    }
    let mut t = Table::new("units.csv", &["unit", "dimension", "factor"])?;
    for u in extra {
        t.row(vec![u.symbol.clone(), u.dimension.clone(), num(u.factor)])?;
    }
    t.finish().map(Some)
}
