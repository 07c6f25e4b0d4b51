//! A database with its layers, remembering which layer each process and flow comes from (for
//! `greenlca db`, which shows where a process was defined or overridden).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::compiled::read_any_cached;
use super::inputs::{default_database, relative_to};
use super::native::layer_read::read_layer;
use super::read_product_model;
use crate::error::Result;
use crate::model::Database;

/// A database read layer by layer.
#[derive(Debug, Clone)]
pub struct LayeredDatabase {
    /// All layers merged.
    pub database: Database,
    /// The layers in order (the first is the database).
    pub layers: Vec<PathBuf>,
    process_layer: HashMap<String, usize>,
    flow_layer: HashMap<String, usize>,
}

impl LayeredDatabase {
    /// The database `db` (default: the model's, else the shipped one) with the layers `model`
    /// names on top.
    pub fn open(db: Option<&Path>, model: Option<&Path>) -> Result<LayeredDatabase> {
        let model = model.map(|m| read_product_model(m).map(|pm| (m.to_path_buf(), pm))).transpose()?;
        let (database, first) = match (db, &model) {
            (Some(d), _) => (read_any_cached(d)?, d.to_path_buf()),
            (None, Some((path, pm))) if pm.database.is_some() => {
                let d = relative_to(path, pm.database.as_deref().unwrap_or_default());
                (read_any_cached(&d)?, d)
            }
            _ => {
                let (db, dir, _) = default_database()?;
                (db, dir)
            }
        };
        let mut process_layer: HashMap<String, usize> = database.processes.iter().map(|p| (p.id.clone(), 0)).collect();
        let mut flow_layer: HashMap<String, usize> = database.flows.iter().map(|f| (f.id.clone(), 0)).collect();
        let mut layers = vec![first];
        let mut database = database;
        for written in model.iter().flat_map(|(path, pm)| pm.layers.iter().map(|l| relative_to(path, l))) {
            database = read_layer(database, &written)?;
            let i = layers.len();
            let own = written.as_path();
            for p in &database.processes {
                // A process defined or overridden here was read from this layer's processes.csv.
                if p.origin.path.as_deref().and_then(Path::parent) == Some(own) {
                    process_layer.insert(p.id.clone(), i);
                }
            }
            for f in &database.flows {
                flow_layer.entry(f.id.clone()).or_insert(i);
            }
            layers.push(written);
        }
        Ok(LayeredDatabase { database, layers, process_layer, flow_layer })
    }

    /// The layer a process comes from (its position in `layers`).
    pub fn process_layer(&self, id: &str) -> Option<usize> {
        self.process_layer.get(id).copied()
    }

    /// The layer a flow comes from.
    pub fn flow_layer(&self, id: &str) -> Option<usize> {
        self.flow_layer.get(id).copied()
    }
}
