//! openLCA JSON-LD (schema v1 and v2, zipped or unzipped): processes, flows, flow properties, unit
//! groups, locations, categories and global parameters, into the greenlca model.
//!
//! How openLCA's concepts map onto greenlca's is documented in docs/import.md.

mod flows;
mod methods;
mod processes;
pub(crate) mod schema;
mod uncertainty;
mod units;

use std::collections::HashMap;
use std::path::Path;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

use super::finish::{Draft, finish};
use super::options::ImportOptions;
use super::params::NameMap;
use super::report::{Imported, Notes, SourceFormat};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::archive::Archive;
use crate::model::{Database, DatabaseMeta, UnitRegistry};

/// Reads an openLCA JSON-LD export (a zip file or its unzipped folder) with default options.
pub fn read_jsonld(path: &Path) -> Result<Database> {
    import_jsonld(path, &ImportOptions::default()).map(|i| i.database)
}

/// Reads an openLCA JSON-LD export and reports what was changed on the way.
pub fn import_jsonld(path: &Path, options: &ImportOptions) -> Result<Imported> {
    let mut archive = Archive::open(path, options.max_entry_bytes)?;
    import_from(&mut archive)
}

/// The folder prefix of the data sets inside the archive (`""`, or `name/` when the export was
/// zipped with its folder), found from the first `processes/*.json` entry.
pub(crate) fn data_prefix(names: &[String]) -> Option<String> {
    names.iter().find_map(|n| {
        let (head, file) = n.rsplit_once('/')?;
        let prefix = head.strip_suffix("processes")?;
        (file.ends_with(".json") && (prefix.is_empty() || prefix.ends_with('/'))).then(|| prefix.to_string())
    })
}

/// The JSON files of one folder of the export.
fn entries(archive: &Archive, prefix: &str, folder: &str) -> Vec<String> {
    let dir = format!("{prefix}{folder}/");
    archive
        .names()
        .iter()
        .filter(|n| n.strip_prefix(&dir).is_some_and(|rest| !rest.contains('/') && rest.ends_with(".json")))
        .cloned()
        .collect()
}

/// Reads the entries (sequentially, bounded) and parses them in parallel.
fn load<T: DeserializeOwned + Send>(archive: &mut Archive, names: &[String], what: &str) -> Result<Vec<(Location, T)>> {
    let mut texts = Vec::with_capacity(names.len());
    for n in names {
        texts.push((archive.entry_location(n), archive.read_text(n)?));
    }
    texts.into_par_iter().map(|(at, text)| parse_json::<T>(&text, &at, what).map(|v| (at, v))).collect()
}

/// Parses one JSON document, naming the file and line on error.
pub(crate) fn parse_json<T: DeserializeOwned>(text: &str, at: &Location, what: &str) -> Result<T> {
    serde_json::from_str(text).map_err(|e| {
        let (msg, hint) = if e.is_data() {
            (format!("not a valid openLCA {what}: {e}"), "the file does not follow the openLCA JSON-LD schema")
        } else {
            (format!("malformed JSON: {e}"), "the file is not valid JSON: check that it is complete")
        };
        Error::new(ErrorKind::Syntax, at.clone().at_line(e.line()), msg, hint)
    })
}

fn import_from(archive: &mut Archive) -> Result<Imported> {
    let Some(prefix) = data_prefix(archive.names()) else {
        return Err(Error::new(
            ErrorKind::Invalid,
            Location::file(archive.path()),
            "no processes/*.json entries: not an openLCA JSON-LD export",
            "export the database from openLCA with File > Export > JSON-LD",
        ));
    };
    let schema = schema_version(archive, &prefix)?;
    let mut notes = Notes::default();
    let unit_groups = load::<schema::UnitGroup>(archive, &entries(archive, &prefix, "unit_groups"), "unit group")?;
    let properties =
        load::<schema::FlowProperty>(archive, &entries(archive, &prefix, "flow_properties"), "flow property")?;
    let locations = load::<schema::Location>(archive, &entries(archive, &prefix, "locations"), "location")?;
    let categories = load::<schema::Category>(archive, &entries(archive, &prefix, "categories"), "category")?;
    let flow_docs = load::<schema::Flow>(archive, &entries(archive, &prefix, "flows"), "flow")?;
    let global_docs = load::<schema::Parameter>(archive, &entries(archive, &prefix, "parameters"), "parameter")?;
    let process_docs = load::<schema::Process>(archive, &entries(archive, &prefix, "processes"), "process")?;

    let tables = units::UnitTables::new(&unit_groups, &properties)?;
    let paths = CategoryPaths::new(categories.into_iter().map(|(_, c)| c).collect());
    let flows = flows::read_flows(&flow_docs, &tables, &paths)?;
    let mut registry = UnitRegistry::default();
    tables.register(&flows, &mut registry, &mut notes)?;
    let location_codes: HashMap<String, String> =
        locations.into_iter().filter_map(|(_, l)| l.code.or(l.name).map(|c| (l.id, c))).collect();
    let mut globals = NameMap::default();
    let parameters = processes::read_globals(&global_docs, &mut globals, &mut notes)?;
    let ctx = processes::Context {
        flows: &flows,
        tables: &tables,
        paths: &paths,
        locations: &location_codes,
        globals: &globals,
    };
    let read = processes::read_processes(&process_docs, &ctx, &mut notes)?;
    let exchanges_read = process_docs.iter().map(|(_, p)| p.exchanges.len()).sum();
    let name = archive.path().file_stem().and_then(|s| s.to_str()).unwrap_or("openLCA database").to_string();
    let format = SourceFormat::JsonLd { schema };
    let meta = DatabaseMeta {
        description: Some(format!(
            "Imported by greenlca {} from {} ({}).",
            env!("CARGO_PKG_VERSION"),
            archive.path().file_name().and_then(|s| s.to_str()).unwrap_or("?"),
            format.label()
        )),
        name,
        ..Default::default()
    };
    let mut all_parameters = parameters;
    all_parameters.extend(read.parameters);
    let draft = Draft {
        meta,
        flows: flows.into_flows(),
        processes: read.processes,
        parameters: all_parameters,
        units: registry,
        notes,
        exchanges_read,
        format,
    };
    let mut imported = finish(draft)?;
    imported.methods = methods::read_methods(archive, &prefix)?;
    Ok(imported)
}

/// 2 when the export says so (`olca-schema.json`) or uses v2 keys, else 1.
fn schema_version(archive: &mut Archive, prefix: &str) -> Result<u8> {
    let marker = format!("{prefix}olca-schema.json");
    if archive.names().contains(&marker) {
        let text = archive.read_text(&marker)?;
        let v: serde_json::Value = parse_json(&text, &archive.entry_location(&marker), "schema marker")?;
        return Ok(v.get("version").and_then(serde_json::Value::as_u64).map_or(2, |v| v.clamp(1, 2) as u8));
    }
    let first = entries(archive, prefix, "processes").into_iter().next();
    if let Some(n) = first {
        let text = archive.read_text(&n)?;
        if text.contains("\"isInput\"") {
            return Ok(2);
        }
    }
    Ok(1)
}

/// Full paths of v1 categories (`air/unspecified`) from their parent links.
pub(crate) struct CategoryPaths {
    by_id: HashMap<String, schema::Category>,
}

impl CategoryPaths {
    fn new(cats: Vec<schema::Category>) -> CategoryPaths {
        CategoryPaths { by_id: cats.into_iter().map(|c| (c.id.clone(), c)).collect() }
    }

    /// The path of a category field: v2 paths as they are, v1 references walked up to the root.
    pub(crate) fn path(&self, field: &Option<schema::CategoryField>) -> Option<String> {
        match field.as_ref()? {
            schema::CategoryField::Path(p) => Some(p.trim().to_string()),
            schema::CategoryField::Ref(r) => {
                let mut segments = Vec::new();
                let mut id = r.id.clone();
                // Bounded walk: a malformed export could link categories in a cycle.
                while let Some(cid) = id.take() {
                    let Some(c) = self.by_id.get(&cid) else { break };
                    segments.push(c.name.trim().to_string());
                    if segments.len() > 64 {
                        break;
                    }
                    id = c.category.as_ref().and_then(|p| p.id.clone());
                }
                if segments.is_empty() {
                    return r.name.as_ref().map(|n| n.trim().to_string());
                }
                segments.reverse();
                Some(segments.join("/"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_prefix_of_the_data_sets() {
        let names: Vec<String> = ["x/actors/a.json", "x/processes/p.json"].iter().map(|s| s.to_string()).collect();
        assert_eq!(data_prefix(&names).as_deref(), Some("x/"));
        let names: Vec<String> = ["processes/p.json"].iter().map(|s| s.to_string()).collect();
        assert_eq!(data_prefix(&names).as_deref(), Some(""));
        let names: Vec<String> = ["myprocesses/p.json"].iter().map(|s| s.to_string()).collect();
        assert_eq!(data_prefix(&names), None);
    }
}
