//! `greenlca db`: finds processes and flows of a (layered) database, and shows one with its
//! exchanges or its characterization factors, naming the layer it comes from.

use serde::Serialize;

use super::format::{TextTable, csv_line, exact, human};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::LayeredDatabase;
use crate::matrix::{UnlinkedPolicy, build_system, characterize};
use crate::model::{Flow, Method, Process};

/// What a search looks for; empty fields match everything.
#[derive(Debug, Clone, Default)]
pub struct DbQuery {
    /// Case-insensitive text found in the id, name, Chinese name, category, location,
    /// compartment or CAS number.
    pub text: String,
    /// `process` or `flow`; `None` for both.
    pub kind: Option<String>,
    /// Case-insensitive text found in the category (processes) or compartment (flows).
    pub category: Option<String>,
    /// Case-insensitive text found in the location (processes only).
    pub location: Option<String>,
}

/// One process or flow found.
#[derive(Debug, Clone, Serialize)]
pub struct DbEntry {
    /// `process` or `flow`.
    pub kind: String,
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    /// Category of a process, compartment of an elementary flow, kind of another flow.
    pub category: String,
    /// Location of a process; unit of a flow.
    pub location_or_unit: String,
    /// The layer it comes from.
    pub layer: String,
}

/// The processes and flows a query found.
#[derive(Debug, Clone, Serialize)]
pub struct DbListReport {
    pub schema: &'static str,
    pub schema_version: u32,
    /// The layers searched, in order.
    pub layers: Vec<String>,
    pub entries: Vec<DbEntry>,
}

fn has(hay: Option<&str>, needle: &str) -> bool {
    hay.is_some_and(|h| h.to_lowercase().contains(needle))
}

fn layer_name(db: &LayeredDatabase, i: Option<usize>) -> String {
    i.and_then(|i| db.layers.get(i)).map(|p| p.display().to_string()).unwrap_or_default()
}

fn process_entry(db: &LayeredDatabase, p: &Process) -> DbEntry {
    DbEntry {
        kind: "process".into(),
        id: p.id.clone(),
        name: p.name.clone(),
        name_zh: p.name_zh.clone(),
        category: p.category.clone().unwrap_or_default(),
        location_or_unit: p.location.clone().unwrap_or_default(),
        layer: layer_name(db, db.process_layer(&p.id)),
    }
}

fn flow_entry(db: &LayeredDatabase, f: &Flow) -> DbEntry {
    let category = if f.compartment.is_some() { f.compartment_label() } else { f.kind.as_str().to_string() };
    DbEntry {
        kind: "flow".into(),
        id: f.id.clone(),
        name: f.name.clone(),
        name_zh: f.name_zh.clone(),
        category,
        location_or_unit: f.unit.clone(),
        layer: layer_name(db, db.flow_layer(&f.id)),
    }
}

impl DbListReport {
    /// The processes, then the flows, that match `q`, in database order.
    pub fn search(db: &LayeredDatabase, q: &DbQuery) -> Result<DbListReport> {
        let kind = q.kind.as_deref();
        if let Some(k) = kind.filter(|k| !["process", "flow"].contains(k)) {
            return Err(Error::new(
                ErrorKind::Value,
                Location::entity("--kind"),
                format!("`{k}` is not a kind of entry"),
                "write --kind process or --kind flow",
            ));
        }
        let text = q.text.trim().to_lowercase();
        let category = q.category.as_deref().map(str::to_lowercase);
        let location = q.location.as_deref().map(str::to_lowercase);
        let mut entries = Vec::new();
        if kind != Some("flow") {
            for p in &db.database.processes {
                let found = text.is_empty()
                    || [
                        Some(p.id.as_str()),
                        Some(p.name.as_str()),
                        p.name_zh.as_deref(),
                        p.category.as_deref(),
                        p.location.as_deref(),
                    ]
                    .into_iter()
                    .any(|h| has(h, &text));
                let in_category = category.as_deref().is_none_or(|c| has(p.category.as_deref(), c));
                let in_location = location.as_deref().is_none_or(|l| has(p.location.as_deref(), l));
                if found && in_category && in_location {
                    entries.push(process_entry(db, p));
                }
            }
        }
        // Flows have no location: a location filter keeps processes only.
        if kind != Some("process") && location.is_none() {
            for f in &db.database.flows {
                let label = f.compartment_label();
                let found = text.is_empty()
                    || [
                        Some(f.id.as_str()),
                        Some(f.name.as_str()),
                        f.name_zh.as_deref(),
                        Some(label.as_str()),
                        f.cas.as_deref(),
                    ]
                    .into_iter()
                    .any(|h| has(h, &text));
                let in_category = category.as_deref().is_none_or(|c| has(Some(&label), c));
                if found && in_category {
                    entries.push(flow_entry(db, f));
                }
            }
        }
        Ok(DbListReport {
            schema: "greenlca.db.list",
            schema_version: 1,
            layers: db.layers.iter().map(|l| l.display().to_string()).collect(),
            entries,
        })
    }

    /// JSON (schema `greenlca.db.list`).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }

    /// CSV: one row per process or flow.
    pub fn to_csv(&self) -> String {
        let mut out =
            csv_line(&["kind", "id", "name", "name_zh", "category", "location_or_unit", "layer"].map(String::from));
        for e in &self.entries {
            out.push_str(&csv_line(&[
                e.kind.clone(),
                e.id.clone(),
                e.name.clone(),
                e.name_zh.clone().unwrap_or_default(),
                e.category.clone(),
                e.location_or_unit.clone(),
                e.layer.clone(),
            ]));
        }
        out
    }

    /// A table for people.
    pub fn to_table(&self) -> String {
        let mut t = TextTable::new(
            ["kind", "id", "name", "category", "location/unit", "layer"].iter().map(|s| s.to_string()).collect(),
        );
        for e in &self.entries {
            let name = match &e.name_zh {
                Some(zh) => format!("{} ({zh})", e.name),
                None => e.name.clone(),
            };
            t.row(vec![
                e.kind.clone(),
                e.id.clone(),
                name,
                e.category.clone(),
                e.location_or_unit.clone(),
                e.layer.clone(),
            ]);
        }
        format!("{}{} found\n", t.render(), self.entries.len())
    }
}

/// One exchange of a process shown.
#[derive(Debug, Clone, Serialize)]
pub struct ShownExchange {
    pub direction: String,
    pub flow: String,
    pub flow_name: String,
    pub amount: f64,
    pub unit: String,
    pub provider: Option<String>,
    pub reference: bool,
    pub source: Option<String>,
}

/// A characterization factor of a flow shown.
#[derive(Debug, Clone, Serialize)]
pub struct ShownFactor {
    pub method: String,
    pub category: String,
    /// Factor per unit of the flow (after unit conversion), as the engine uses it.
    pub factor: f64,
    /// Unit of the category result.
    pub unit: String,
}

/// A process with its exchanges, or a flow with its factors.
#[derive(Debug, Clone, Serialize)]
pub struct DbShowReport {
    pub schema: &'static str,
    pub schema_version: u32,
    /// The process or flow.
    pub entry: DbEntry,
    /// Source and comment of a process.
    pub source: Option<String>,
    pub comment: Option<String>,
    /// Exchanges of a process (empty for a flow).
    pub exchanges: Vec<ShownExchange>,
    /// Factors of a flow in the methods asked for (empty for a process).
    pub factors: Vec<ShownFactor>,
}

impl DbShowReport {
    /// The process or flow `id`; for a flow, its factors in `methods`.
    pub fn show(db: &LayeredDatabase, id: &str, methods: &[Method]) -> Result<DbShowReport> {
        let d = &db.database;
        let base = |entry, source, comment| DbShowReport {
            schema: "greenlca.db.show",
            schema_version: 1,
            entry,
            source,
            comment,
            exchanges: Vec::new(),
            factors: Vec::new(),
        };
        if let Some(p) = d.process(id) {
            let mut r = base(process_entry(db, p), p.source.clone(), p.comment.clone());
            r.exchanges = p
                .exchanges
                .iter()
                .map(|e| ShownExchange {
                    direction: e.direction.as_str().into(),
                    flow: e.flow.clone(),
                    flow_name: d.flow(&e.flow).map(|f| f.name.clone()).unwrap_or_default(),
                    amount: e.amount,
                    unit: e.unit.clone(),
                    provider: e.provider.clone(),
                    reference: e.is_reference,
                    source: e.source.clone(),
                })
                .collect();
            return Ok(r);
        }
        if let Some(f) = d.flow(id) {
            let mut r = base(flow_entry(db, f), None, f.comment.clone());
            if !methods.is_empty() {
                let system = build_system(d, UnlinkedPolicy::Cutoff)?;
                let c = characterize(&system.flows, methods, &d.units)?;
                if let Some(row) = system.flow_index.get(id) {
                    for k in 0..c.c.len() {
                        if c.c.cols[k] == row {
                            let cat = &c.categories[c.c.rows[k]];
                            r.factors.push(ShownFactor {
                                method: cat.method.clone(),
                                category: cat.id.clone(),
                                factor: c.c.values[k],
                                unit: cat.unit.clone(),
                            });
                        }
                    }
                }
            }
            return Ok(r);
        }
        let ids = d.processes.iter().map(|p| p.id.as_str()).chain(d.flows.iter().map(|f| f.id.as_str()));
        Err(Error::new(
            ErrorKind::UnknownId,
            Location::entity("db show"),
            format!("no process or flow has the id `{id}`"),
            match crate::did_you_mean(id, ids) {
                Some(near) => format!("did you mean `{near}`? (`greenlca db search TEXT` finds ids)"),
                None => "find the id with `greenlca db search TEXT`".to_string(),
            },
        ))
    }

    /// JSON (schema `greenlca.db.show`).
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }

    /// CSV: the exchanges of a process, or the factors of a flow.
    pub fn to_csv(&self) -> String {
        if self.entry.kind == "process" {
            let mut out = csv_line(
                &["process", "direction", "flow", "flow_name", "amount", "unit", "provider", "reference", "layer"]
                    .map(String::from),
            );
            for e in &self.exchanges {
                out.push_str(&csv_line(&[
                    self.entry.id.clone(),
                    e.direction.clone(),
                    e.flow.clone(),
                    e.flow_name.clone(),
                    exact(e.amount),
                    e.unit.clone(),
                    e.provider.clone().unwrap_or_default(),
                    e.reference.to_string(),
                    self.entry.layer.clone(),
                ]));
            }
            out
        } else {
            let mut out = csv_line(&["flow", "method", "category", "factor", "unit", "layer"].map(String::from));
            for f in &self.factors {
                out.push_str(&csv_line(&[
                    self.entry.id.clone(),
                    f.method.clone(),
                    f.category.clone(),
                    exact(f.factor),
                    f.unit.clone(),
                    self.entry.layer.clone(),
                ]));
            }
            out
        }
    }

    /// The entry and its exchanges or factors, for people.
    pub fn to_table(&self) -> String {
        let e = &self.entry;
        let mut out = format!("{} {}: {}", e.kind, e.id, e.name);
        if let Some(zh) = &e.name_zh {
            out.push_str(&format!(" ({zh})"));
        }
        out.push('\n');
        let what = if e.kind == "process" { "category / location" } else { "compartment / unit" };
        out.push_str(&format!("{what}: {} / {}\nlayer: {}\n", e.category, e.location_or_unit, e.layer));
        if let Some(s) = &self.source {
            out.push_str(&format!("source: {s}\n"));
        }
        if let Some(c) = &self.comment {
            out.push_str(&format!("comment: {c}\n"));
        }
        if e.kind == "process" {
            let mut t = TextTable::new(
                ["direction", "flow", "name", "amount", "unit", "provider", "ref"]
                    .iter()
                    .map(|s| s.to_string())
                    .collect(),
            );
            for x in &self.exchanges {
                t.row(vec![
                    x.direction.clone(),
                    x.flow.clone(),
                    x.flow_name.clone(),
                    human(x.amount, 4),
                    x.unit.clone(),
                    x.provider.clone().unwrap_or_default(),
                    if x.reference { "yes".into() } else { String::new() },
                ]);
            }
            out.push_str(&t.render());
        } else if !self.factors.is_empty() {
            let mut t =
                TextTable::new(["method", "category", "factor", "unit"].iter().map(|s| s.to_string()).collect());
            for f in &self.factors {
                t.row(vec![f.method.clone(), f.category.clone(), human(f.factor, 4), f.unit.clone()]);
            }
            out.push_str(&t.render());
        }
        out
    }
}
