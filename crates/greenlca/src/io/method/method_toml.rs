//! Reads impact methods: a TOML file with the categories beside a CSV file of factors.

use std::collections::HashMap;
use std::path::Path;

use serde::Deserialize;

use super::fedefl::add_fedefl_factors;
use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::io::native::csv_table::CsvTable;
use crate::io::native::uncertainty_columns;
use crate::io::toml_error;
use crate::model::{Category, Factor, Method};
use crate::source::{self, InputSource};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawMethod {
    id: String,
    name: String,
    name_zh: Option<String>,
    version: String,
    source: String,
    notes: Option<String>,
    factors: String,
    /// A folder (relative to the TOML) of FEDEFL mapping files: the FEDEFL route.
    fedefl: Option<String>,
    categories: Vec<RawCategory>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawCategory {
    id: String,
    name: String,
    name_zh: Option<String>,
    unit: String,
}

/// Reads a method from its TOML file (the factor CSV is named inside, relative to it).
pub fn read_method(path: &Path) -> Result<Method> {
    let (folder, name) = source::split_path(path);
    read_method_in(&folder, &name)
}

/// Reads the method `name` of a source (a TOML file; the factor CSV it names is beside it).
pub fn read_method_in(src: &dyn InputSource, name: &str) -> Result<Method> {
    let path = src.display_path(name);
    let text = src.read_text(name)?;
    let csv_name = source::join(source::parent(name), &method_csv_name(&path, &text)?);
    let csv = CsvTable::read_in(src, &csv_name)?;
    let mut method = parse_method(&path, &text, &csv)?;
    if let Some(dir) = method_fedefl_dir(src, name)? {
        let (files, added) = add_fedefl_factors(&mut method, &[(src, dir.as_str())])?;
        if files.is_empty() {
            return Err(Error::new(
                ErrorKind::Invalid,
                Location::file(&path),
                format!(
                    "`fedefl = ...` names a folder without FEDEFL mapping files: {}",
                    src.display_path(&dir).display()
                ),
                "put the method's flowable and context mappings and a flow list's mapping (fedelemflowlist CSVs) there, or remove the key",
            ));
        }
        let notes = method.notes.get_or_insert_with(String::new);
        notes.push_str(&format!("\n{added} factors derived through the FEDEFL route from {}.", files.join(", ")));
    }
    Ok(method)
}

/// The FEDEFL folder a method TOML names (`fedefl = "..."`), as a name in the same source.
pub fn method_fedefl_dir(src: &dyn InputSource, name: &str) -> Result<Option<String>> {
    let path = src.display_path(name);
    let text = src.read_text(name)?;
    let raw: RawMethod = toml::from_str(&text).map_err(|e| toml_error(&path, &text, &e))?;
    Ok(raw.fedefl.map(|d| source::join(source::parent(name), d.trim_end_matches('/'))))
}

fn method_csv_name(path: &Path, text: &str) -> Result<String> {
    let raw: RawMethod = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    Ok(raw.factors)
}

/// What identifies the flow a factor is for: id, name, CAS, compartment and sub-compartment
/// (names and compartments compared without case).
type FactorKey = [Option<String>; 5];

fn factor_key(f: &Factor) -> FactorKey {
    let lower = |s: &Option<String>| s.as_ref().map(|s| s.trim().to_lowercase());
    [f.flow_id.clone(), lower(&f.flow_name), lower(&f.cas), lower(&f.compartment), lower(&f.subcompartment)]
}

/// Parses a method from the TOML text and the factor table already read.
pub fn parse_method(path: &Path, text: &str, csv: &CsvTable) -> Result<Method> {
    let raw: RawMethod = toml::from_str(text).map_err(|e| toml_error(path, text, &e))?;
    csv.require_columns(&["category", "factor"])?;
    let mut problems = Collector::default();
    let mut categories: Vec<Category> = raw
        .categories
        .into_iter()
        .map(|c| Category { id: c.id, name: c.name, name_zh: c.name_zh, unit: c.unit, factors: Vec::new() })
        .collect();
    let pos: HashMap<String, usize> = categories.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
    if pos.len() != categories.len() {
        problems.push(Error::new(
            ErrorKind::DuplicateId,
            Location::file(path),
            "two categories share an id",
            "give every [[categories]] its own id",
        ));
    }
    let mut seen: HashMap<(usize, FactorKey), usize> = HashMap::new();
    for row in csv.rows() {
        let r = (|| {
            let cat = row.required("category")?;
            let &ci = pos.get(cat).ok_or_else(|| {
                Error::new(
                    ErrorKind::UnknownId,
                    row.at(),
                    format!("category `{cat}` is not defined in {}", path.display()),
                    "add it under [[categories]] or correct the id",
                )
            })?;
            let value = row
                .number("factor")?
                .ok_or_else(|| Error::new(ErrorKind::Value, row.at(), "`factor` is empty", "fill in the factor"))?;
            let flow_id = row.text("flow_id");
            let flow_name = row.text("flow_name");
            if flow_id.is_none() && flow_name.is_none() && row.get("cas").is_none() {
                return Err(Error::new(
                    ErrorKind::Value,
                    row.at(),
                    "the factor names no flow",
                    "give flow_id, or flow_name (and compartment), or cas",
                ));
            }
            let f = Factor {
                flow_id,
                flow_name,
                cas: row.text("cas"),
                compartment: row.text("compartment"),
                subcompartment: row.text("subcompartment"),
                flow_unit: row.text("unit"),
                value,
                uncertainty: uncertainty_columns::read(&row, value)?,
                source: row.text("source"),
                origin: row.at(),
            };
            Ok((ci, f))
        })();
        if let Some((ci, f)) = problems.take(r) {
            // Two factors for one flow: the matcher would keep one of them silently.
            let key = factor_key(&f);
            match seen.get(&(ci, key.clone())) {
                Some(&first) => {
                    let g: &Factor = &categories[ci].factors[first];
                    let what = if g.value == f.value { "a duplicate" } else { "a conflicting" };
                    problems.push(Error::new(
                        ErrorKind::DuplicateId,
                        f.origin.clone(),
                        format!(
                            "{what} factor for the same flow in category `{}`: {} here, {} at {}",
                            categories[ci].id, f.value, g.value, g.origin
                        ),
                        "keep one factor per category, flow and compartment",
                    ));
                }
                None => {
                    seen.insert((ci, key), categories[ci].factors.len());
                    categories[ci].factors.push(f);
                }
            }
        }
    }
    problems.finish(Method {
        id: raw.id,
        name: raw.name,
        name_zh: raw.name_zh,
        version: raw.version,
        source: raw.source,
        notes: raw.notes,
        categories,
    })
}
