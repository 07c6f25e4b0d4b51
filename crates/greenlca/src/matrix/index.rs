//! Id <-> index maps, so that raw matrix indices never reach a user.

use std::collections::HashMap;

/// A bidirectional map between ids and 0-based positions.
#[derive(Debug, Clone, Default)]
pub struct IdIndex {
    ids: Vec<String>,
    pos: HashMap<String, usize>,
}

impl IdIndex {
    /// Adds an id and returns its position (the existing one when it is already there).
    pub fn insert(&mut self, id: &str) -> usize {
        if let Some(&i) = self.pos.get(id) {
            return i;
        }
        self.ids.push(id.to_string());
        self.pos.insert(id.to_string(), self.ids.len() - 1);
        self.ids.len() - 1
    }
    /// Position of an id.
    pub fn get(&self, id: &str) -> Option<usize> {
        self.pos.get(id).copied()
    }
    /// Id at a position.
    pub fn id(&self, i: usize) -> &str {
        &self.ids[i]
    }
    /// Number of ids.
    pub fn len(&self) -> usize {
        self.ids.len()
    }
    /// True when empty.
    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }
    /// All ids in position order.
    pub fn ids(&self) -> &[String] {
        &self.ids
    }
}
