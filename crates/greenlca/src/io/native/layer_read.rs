//! Reads a layer folder on top of a database (docs/formats.md, "Database layers"): the layer adds
//! flows and processes, and replaces processes of earlier layers whose ids it marks `override`.
//! A process replaced keeps its place; its exchanges are the layer's only.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use super::csv_table::CsvTable;
use super::database_read::{
    check_sources, evaluate_formulas, read_allocation, read_exchanges, read_flows, read_meta, read_parameters,
    read_processes, read_units,
};
use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::model::{Database, Flow, Scope};
use crate::source::{self, Folder, InputSource};

/// The files a layer folder may hold; at least `processes.csv` or `flows.csv`.
const LAYER_FILES: [&str; 7] =
    ["database.toml", "units.csv", "flows.csv", "processes.csv", "exchanges.csv", "parameters.csv", "allocation.csv"];

/// `base` with the layer folder `dir` on top.
pub fn read_layer(base: Database, dir: &Path) -> Result<Database> {
    let src = Folder::new(dir);
    if !dir.is_dir() || !(src.contains("processes.csv") || src.contains("flows.csv")) {
        return Err(Error::new(
            ErrorKind::Io,
            Location::file(dir),
            "not a database layer folder",
            format!(
                "give a folder with processes.csv (and exchanges.csv) or flows.csv; it may also hold {} (see docs/formats.md, Database layers)",
                LAYER_FILES.join(", ")
            ),
        ));
    }
    layer_in(base, &src, "")
}

/// `base` with the layer in the sub-folder `dir` of a source on top.
pub fn layer_in(base: Database, src: &dyn InputSource, dir: &str) -> Result<Database> {
    let file = |name: &str| source::join(dir, name);
    let has = |name: &str| src.contains(&file(name));
    let mut problems = Collector::default();

    let mut meta = base.meta.clone();
    if has("database.toml")
        && let Some(own) = problems.take(read_meta(src, &file("database.toml")))
    {
        for s in own.sources {
            if !meta.sources.iter().any(|m| m.key == s.key) {
                meta.sources.push(s);
            }
        }
    }
    let mut units = base.units.clone();
    if has("units.csv") {
        problems.take(read_units(src, &file("units.csv"), &mut units));
    }

    let mut new_flows: Vec<Flow> = Vec::new();
    if has("flows.csv") {
        let lines = flow_lines(src, &file("flows.csv"));
        let flows = read_flows(src, &file("flows.csv"), &units, &mut problems);
        for f in problems.take(flows).unwrap_or_default() {
            match base.flow(&f.id) {
                None => new_flows.push(f),
                Some(old) => {
                    if let Some(what) = flow_conflict(old, &f) {
                        let line = lines.get(&f.id).copied().unwrap_or(0);
                        problems.push(Error::new(
                            ErrorKind::DuplicateId,
                            Location::line(src.display_path(&file("flows.csv")), line)
                                .with_entity(format!("flow `{}`", f.id)),
                            format!("flow `{}` of an earlier layer is redefined with {what}", f.id),
                            "a layer cannot change a flow: use the earlier definition (or leave the row out), or give the new flow its own id",
                        ));
                    }
                }
            }
        }
    }

    let overrides =
        if has("processes.csv") { override_flags(src, &file("processes.csv"), &mut problems) } else { HashSet::new() };
    let mut processes = Vec::new();
    if has("processes.csv") {
        let ps = read_processes(src, &file("processes.csv"), &mut problems);
        processes = problems.take(ps).unwrap_or_default();
    }
    for p in &processes {
        match (base.process(&p.id), overrides.contains(&p.id)) {
            (Some(old), false) => problems.push(Error::new(
                ErrorKind::DuplicateId,
                p.origin.clone(),
                format!("process `{}` is already defined at {}", p.id, old.origin),
                "to replace it whole (with its exchanges), write override = true in this row; otherwise give the new process its own id",
            )),
            (None, true) => problems.push(Error::new(
                ErrorKind::UnknownId,
                p.origin.clone(),
                format!("process `{}` is marked override but no earlier layer defines it", p.id),
                "correct the id, or leave `override` empty to add a new process",
            )),
            _ => {}
        }
    }

    let mut parameters = Vec::new();
    if has("parameters.csv") {
        let ps = read_parameters(src, &file("parameters.csv"), &mut problems);
        parameters = problems.take(ps).unwrap_or_default();
    }
    for p in &parameters {
        if p.scope == Scope::Global && base.parameters.iter().any(|b| b.scope == Scope::Global && b.name == p.name) {
            problems.push(Error::new(
                ErrorKind::DuplicateId,
                p.origin.clone(),
                format!("global parameter `{}` is already defined by an earlier layer", p.name),
                "give it another name (a model or variant can set the earlier one)",
            ));
        }
    }

    let flow_ids: HashMap<&str, &Flow> =
        base.flows.iter().chain(new_flows.iter()).map(|f| (f.id.as_str(), f)).collect();
    let proc_pos: HashMap<String, usize> = processes.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
    let earlier: HashSet<String> = base.processes.iter().map(|p| p.id.clone()).collect();
    if has("exchanges.csv") {
        if let Some(t) = problems.take(CsvTable::read_in(src, &file("exchanges.csv"))) {
            read_exchanges(&t, &flow_ids, &proc_pos, &earlier, &units, &mut processes, &mut problems);
        }
    } else if let Some(p) = processes.first() {
        problems.push(Error::new(
            ErrorKind::Io,
            p.origin.clone(),
            "the layer has processes but no exchanges.csv",
            "add exchanges.csv with every exchange of the layer's processes (a reference output each)",
        ));
    }
    if has("allocation.csv")
        && let Some(t) = problems.take(CsvTable::read_in(src, &file("allocation.csv")))
    {
        read_allocation(&t, &flow_ids, &proc_pos, &mut processes, &mut problems);
    }
    let mut scope: Vec<_> = base.parameters.iter().filter(|p| p.scope == Scope::Global).cloned().collect();
    scope.extend(parameters.iter().cloned());
    evaluate_formulas(&scope, &mut processes, &mut problems);
    check_sources(&meta, &processes, &mut problems);
    problems.finish(())?;

    let mut all = base.processes;
    for p in processes {
        match all.iter().position(|q| q.id == p.id) {
            Some(i) => all[i] = p,
            None => all.push(p),
        }
    }
    let mut flows = base.flows;
    flows.extend(new_flows);
    let mut params = base.parameters;
    params.extend(parameters);
    Ok(Database::new(meta, flows, all, params, units))
}

/// What differs between a flow and its redefinition, in words; `None` when nothing that matters.
fn flow_conflict(old: &Flow, new: &Flow) -> Option<String> {
    if old.kind != new.kind {
        return Some(format!("kind `{}` (was `{}`)", new.kind.as_str(), old.kind.as_str()));
    }
    if old.unit != new.unit {
        return Some(format!("unit `{}` (was `{}`)", new.unit, old.unit));
    }
    if old.compartment != new.compartment || old.subcompartment != new.subcompartment {
        return Some("another compartment".to_string());
    }
    None
}

/// The line of each flow id in `flows.csv` (the reader's flows do not keep it).
fn flow_lines(src: &dyn InputSource, name: &str) -> HashMap<String, usize> {
    let Ok(t) = CsvTable::read_in(src, name) else { return HashMap::new() };
    t.rows().filter_map(|r| r.get("id").map(|id| (id.to_string(), r.line()))).collect()
}

/// Ids of the processes whose `override` cell is true.
fn override_flags(src: &dyn InputSource, name: &str, problems: &mut Collector) -> HashSet<String> {
    let Ok(t) = CsvTable::read_in(src, name) else { return HashSet::new() };
    let mut out = HashSet::new();
    for row in t.rows() {
        if let (Some(id), Some(true)) = (row.get("id"), problems.take(row.flag("override"))) {
            out.insert(id.to_string());
        }
    }
    out
}
