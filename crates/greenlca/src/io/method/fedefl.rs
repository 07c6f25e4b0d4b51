//! The FEDEFL route: a method keyed by its own substance names (TRACI 2.1) reaches a flow list
//! keyed by UUID (USLCI) through the Federal LCA Commons Elementary Flow List. Three kinds of
//! mapping file, told apart by their header (the layout of US EPA's fedelemflowlist):
//!
//! - method flowables: `SourceFlowName` (the method's substance) -> `TargetFlowName` (the FEDEFL
//!   flowable), `TargetUnit`, `ConversionFactor`;
//! - method contexts: `SourceFlowContext` (`air/urban`) -> `TargetFlowContext` (`emission/air/...`);
//! - flow lists: `SourceFlowUUID` (a USLCI flow) -> `TargetFlowName` + `TargetFlowContext`, with
//!   `SourceUnit`, `TargetUnit` and `ConversionFactor`.
//!
//! A flow list's flow gets, per category, the sum over its mapping rows of
//! `ConversionFactor(list) * factor / ConversionFactor(method)`: both factors say how many target
//! units one source unit is, and a row that splits a group (`CFCs and HCFCs, unspecified` half to
//! each) adds its parts. The derived factors are keyed by the flow's UUID and say so in `source`.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::model::{Factor, Method};
use crate::source::InputSource;

/// `source` of every factor this route derives starts with this.
pub(crate) const FEDEFL_SOURCE: &str = "FEDEFL route";

/// Whether a factor was derived through the FEDEFL route (rather than written in the method).
pub fn is_fedefl_factor(f: &Factor) -> bool {
    f.source.as_deref().is_some_and(|s| s.starts_with(FEDEFL_SOURCE))
}

/// A method flowable: the method's substance name, the FEDEFL unit, the conversion factor.
struct Flowable {
    method_name: String,
    unit: String,
    conversion: f64,
}

/// One row of a flow list's mapping.
struct ListRow {
    list: String,
    uuid: String,
    name: String,
    unit: String,
    flowable: String,
    context: String,
    target_unit: String,
    conversion: f64,
    at: Location,
}

/// The mapping files found for a method.
#[derive(Default)]
struct Crosswalk {
    /// Lower-case FEDEFL flowable -> the method substances that map to it.
    flowables: HashMap<String, Vec<Flowable>>,
    /// Lower-case FEDEFL context -> lower-case method contexts.
    contexts: HashMap<String, Vec<String>>,
    rows: Vec<ListRow>,
    files: Vec<String>,
}

/// Adds the factors of the FEDEFL route to `method` from the mapping CSVs in the folders `dirs`
/// (a source and a folder in it; folders that do not exist are skipped). Returns the mapping files read and the
/// number of factors added; nothing is added unless method flowables, contexts and a flow list
/// are all there.
pub fn add_fedefl_factors(method: &mut Method, dirs: &[(&dyn InputSource, &str)]) -> Result<(Vec<String>, usize)> {
    let mut cw = Crosswalk::default();
    for &(src, dir) in dirs {
        let Ok(names) = src.list(dir) else { continue };
        let mut names: Vec<String> = names.into_iter().filter(|n| n.ends_with(".csv")).collect();
        names.sort();
        for name in names {
            cw.read(src, &name)?;
        }
    }
    if cw.flowables.is_empty() || cw.contexts.is_empty() || cw.rows.is_empty() {
        return Ok((Vec::new(), 0));
    }
    let added = cw.apply(method);
    Ok((cw.files, added))
}

/// Folders in which a method folder's FEDEFL files are looked for: its `fedefl/`, and the shared
/// layout's sibling `fedefl-mappings/` (where the flow lists' mappings live).
pub fn fedefl_dirs_beside(folder: &Path) -> Vec<std::path::PathBuf> {
    let mut dirs = vec![folder.join("fedefl")];
    if let Some(parent) = folder.parent() {
        dirs.push(parent.join("fedefl-mappings"));
    }
    dirs.into_iter().filter(|d| d.is_dir()).collect()
}

impl Crosswalk {
    fn read(&mut self, src: &dyn InputSource, name: &str) -> Result<()> {
        let path = src.display_path(name);
        let bytes = src.read(name)?;
        let text = String::from_utf8_lossy(&bytes);
        let mut r = csv::Reader::from_reader(text.trim_start_matches('\u{feff}').as_bytes());
        let header: Vec<String> = r.headers().map_err(|e| syntax(&path, 1, &e))?.iter().map(String::from).collect();
        let col = |n: &str| header.iter().position(|h| h == n);
        let kind = if col("SourceFlowUUID").is_some() {
            Kind::List
        } else if col("SourceFlowContext").is_some()
            && col("TargetFlowContext").is_some()
            && col("SourceFlowName").is_none()
        {
            Kind::Contexts
        } else if col("SourceFlowName").is_some() && col("TargetFlowName").is_some() {
            Kind::Flowables
        } else {
            return Ok(()); // Not a mapping file (a licence table or the like).
        };
        let needed: &[&str] = match kind {
            Kind::List => &[
                "SourceListName",
                "SourceFlowName",
                "SourceFlowUUID",
                "SourceUnit",
                "TargetFlowName",
                "TargetFlowContext",
                "TargetUnit",
                "ConversionFactor",
            ],
            Kind::Contexts => &["SourceFlowContext", "TargetFlowContext"],
            Kind::Flowables => &["SourceFlowName", "TargetFlowName", "TargetUnit", "ConversionFactor"],
        };
        if let Some(missing) = needed.iter().find(|c| col(c).is_none()) {
            return Err(Error::new(
                ErrorKind::Invalid,
                Location::file(&path),
                format!("FEDEFL mapping without the column `{missing}`"),
                "use the mapping files of US EPA's fedelemflowlist unchanged",
            ));
        }
        for (i, rec) in r.records().enumerate() {
            let line = i + 2;
            let rec = rec.map_err(|e| syntax(&path, line, &e))?;
            let get = |c: &str| col(c).and_then(|k| rec.get(k)).unwrap_or("").trim().to_string();
            let at = Location::line(&path, line);
            let conversion = || -> Result<f64> {
                let s = get("ConversionFactor");
                match s.parse::<f64>() {
                    Ok(v) if v.is_finite() && v != 0.0 => Ok(v),
                    _ => Err(Error::new(
                        ErrorKind::Value,
                        at.clone(),
                        format!("ConversionFactor `{s}` is not a non-zero number"),
                        "write the conversion factor as a number, e.g. 1 or 3.067",
                    )),
                }
            };
            match kind {
                Kind::Contexts => self
                    .contexts
                    .entry(get("TargetFlowContext").to_lowercase())
                    .or_default()
                    .push(get("SourceFlowContext").to_lowercase()),
                Kind::Flowables => {
                    let f = Flowable {
                        method_name: get("SourceFlowName"),
                        unit: get("TargetUnit"),
                        conversion: conversion()?,
                    };
                    self.flowables.entry(get("TargetFlowName").to_lowercase()).or_default().push(f);
                }
                Kind::List => self.rows.push(ListRow {
                    list: get("SourceListName"),
                    uuid: get("SourceFlowUUID"),
                    name: get("SourceFlowName"),
                    unit: get("SourceUnit"),
                    flowable: get("TargetFlowName"),
                    context: get("TargetFlowContext").to_lowercase(),
                    target_unit: get("TargetUnit"),
                    conversion: conversion()?,
                    at: at.clone(),
                }),
            }
        }
        self.files.push(path.display().to_string());
        Ok(())
    }

    /// Adds one factor per (category, flow of a list) the route reaches; returns how many.
    fn apply(&self, method: &mut Method) -> usize {
        let mut added = 0;
        for cat in &mut method.categories {
            // The method's factors by (lower-case substance, lower-case context).
            let mut own: HashMap<(String, String), usize> = HashMap::new();
            for (i, f) in cat.factors.iter().enumerate() {
                let Some(name) = &f.flow_name else { continue };
                own.entry((name.to_lowercase(), context_of(f))).or_insert(i);
            }
            // Per flow of a list: the summed factor, its unit, the first method factor used, how.
            let mut derived: BTreeMap<String, (f64, &ListRow, usize, Vec<String>)> = BTreeMap::new();
            for row in &self.rows {
                if biogenic_flag_lost(row) {
                    continue;
                }
                let Some(value) = self.method_factor(cat, &own, row) else { continue };
                let (v, fi, via) = value;
                let e = derived.entry(row.uuid.clone()).or_insert((0.0, row, fi, Vec::new()));
                e.0 += row.conversion * v;
                e.3.push(via);
            }
            for (uuid, (value, row, fi, via)) in derived {
                let origin = cat.factors[fi].origin.clone();
                cat.factors.push(Factor {
                    flow_id: Some(uuid),
                    flow_name: None,
                    cas: None,
                    compartment: None,
                    subcompartment: None,
                    flow_unit: Some(row.unit.clone()),
                    value,
                    uncertainty: None,
                    source: Some(format!(
                        "{FEDEFL_SOURCE} ({}, {}): {} = {}",
                        row.list,
                        row.at,
                        row.name,
                        via.join(" + ")
                    )),
                    origin,
                });
                added += 1;
            }
        }
        added
    }

    /// The method's factor for one mapping row, per unit of the FEDEFL flowable: the first method
    /// substance and context the mapping files pair with it (in file order).
    fn method_factor(
        &self,
        cat: &crate::model::Category,
        own: &HashMap<(String, String), usize>,
        row: &ListRow,
    ) -> Option<(f64, usize, String)> {
        let flowables = self.flowables.get(&row.flowable.to_lowercase())?;
        let contexts = self.contexts.get(&row.context)?;
        for f in flowables.iter().filter(|f| f.unit.eq_ignore_ascii_case(&row.target_unit)) {
            for c in contexts {
                if let Some(&i) = own.get(&(f.method_name.to_lowercase(), c.clone())) {
                    let v = cat.factors[i].value / f.conversion;
                    let per = if f.conversion == 1.0 { String::new() } else { format!(" / {}", f.conversion) };
                    return Some((v, i, format!("{} x {} ({c}){per}", row.conversion, f.method_name)));
                }
            }
        }
        None
    }
}

enum Kind {
    Flowables,
    Contexts,
    List,
}

/// The method context of a factor: `air`, `air/urban`, lower case.
fn context_of(f: &Factor) -> String {
    let comp = f.compartment.as_deref().unwrap_or("").trim().to_lowercase();
    match f.subcompartment.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        Some(sub) => format!("{comp}/{}", sub.to_lowercase()),
        None => comp,
    }
}

/// Biogenic CO2 is mapped to the FEDEFL flowable `Carbon dioxide`; counting it as fossil CO2 would
/// lose the flag the source list keeps, so such rows are left to the name route.
fn biogenic_flag_lost(row: &ListRow) -> bool {
    row.name.to_lowercase().contains("biogenic") && !row.flowable.to_lowercase().contains("biogenic")
}

fn syntax(path: &Path, line: usize, e: &csv::Error) -> Error {
    Error::new(ErrorKind::Syntax, Location::line(path, line), e.to_string(), "fix the CSV quoting on this line")
}
