//! A background database: flows, processes, parameters, units, and where the data come from.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use super::flow::Flow;
use super::parameter::Parameter;
use super::process::Process;
use super::unit::UnitRegistry;

/// A bibliographic source that `source` columns refer to by key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Source {
    /// Short key, e.g. `MEE2024`.
    pub key: String,
    /// Full citation: authors, year, title, publisher, table.
    pub citation: String,
    /// Web address, if any.
    pub url: Option<String>,
}

/// Facts about the database as a whole.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct DatabaseMeta {
    pub name: String,
    /// Name in Chinese (the Chinese texts are for Chinese reports; all are optional).
    #[serde(default)]
    pub name_zh: Option<String>,
    /// Description in Chinese.
    #[serde(default)]
    pub description_zh: Option<String>,
    /// Licence in Chinese words.
    #[serde(default)]
    pub license_zh: Option<String>,
    /// Intended use in Chinese.
    #[serde(default)]
    pub intended_use_zh: Option<String>,
    /// Version string.
    pub version: String,
    /// What it covers.
    pub description: Option<String>,
    /// Licence of the data.
    pub license: Option<String>,
    /// What the data may and may not be used for.
    pub intended_use: Option<String>,
    /// Sources cited by key.
    pub sources: Vec<Source>,
    /// Format and origin, e.g. `greenlca csv`, `openLCA JSON-LD (schema v1)`.
    pub origin_format: Option<String>,
    /// What calculations do with product inputs that have no provider when the command line does
    /// not say (`error`, `warn` or `cutoff`); `greenlca import` records its choice here.
    pub unlinked: Option<String>,
}

/// A background database with id look-ups.
#[derive(Debug, Clone, Default)]
pub struct Database {
    /// Facts about the database.
    pub meta: DatabaseMeta,
    /// All flows.
    pub flows: Vec<Flow>,
    /// All processes.
    pub processes: Vec<Process>,
    /// Global and process-scoped parameters.
    pub parameters: Vec<Parameter>,
    /// Units, built-in plus the database's own.
    pub units: UnitRegistry,
    flow_index: HashMap<String, usize>,
    process_index: HashMap<String, usize>,
}

impl Database {
    /// A database from its parts; ids are indexed (the first of duplicate ids wins: call
    /// `greenlca validate` or the readers, which refuse duplicates, before relying on that).
    pub fn new(
        meta: DatabaseMeta,
        flows: Vec<Flow>,
        processes: Vec<Process>,
        parameters: Vec<Parameter>,
        units: UnitRegistry,
    ) -> Self {
        let mut db = Database { meta, flows, processes, parameters, units, ..Default::default() };
        db.reindex();
        db
    }

    /// Rebuilds the id look-ups after flows or processes were changed.
    pub fn reindex(&mut self) {
        self.flow_index.clear();
        self.process_index.clear();
        for (i, f) in self.flows.iter().enumerate() {
            self.flow_index.entry(f.id.clone()).or_insert(i);
        }
        for (i, p) in self.processes.iter().enumerate() {
            self.process_index.entry(p.id.clone()).or_insert(i);
        }
    }

    /// A flow by id.
    pub fn flow(&self, id: &str) -> Option<&Flow> {
        self.flow_index.get(id).map(|&i| &self.flows[i])
    }

    /// A process by id.
    pub fn process(&self, id: &str) -> Option<&Process> {
        self.process_index.get(id).map(|&i| &self.processes[i])
    }

    /// Position of a process in `processes`.
    pub fn process_position(&self, id: &str) -> Option<usize> {
        self.process_index.get(id).copied()
    }

    /// The citation of a source key, if the database defines it.
    pub fn source(&self, key: &str) -> Option<&Source> {
        self.meta.sources.iter().find(|s| s.key == key)
    }
}
