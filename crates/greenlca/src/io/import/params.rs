//! Parameter names of imported data: matched case-insensitively (as openLCA does), and renamed
//! where greenlca formulas could not use them as they are.

use std::collections::{HashMap, HashSet};

use super::report::{NoteKind, Notes};
use crate::error::Location;

/// The names of one scope: lower-case source name -> name used in greenlca.
#[derive(Debug, Clone, Default)]
pub struct NameMap {
    names: HashMap<String, String>,
    used: HashSet<String>,
}

impl NameMap {
    /// Adds a source name and returns the name to use for it (the same, unless it cannot be used
    /// in a formula: then a note records the new name).
    pub fn add(&mut self, raw: &str, at: &Location, notes: &mut Notes) -> String {
        let raw = raw.trim();
        if let Some(n) = self.names.get(&raw.to_lowercase()) {
            return n.clone();
        }
        let mut name = if crate::formula::is_usable_name(raw) { raw.to_string() } else { sanitized(raw) };
        let base = name.clone();
        let mut k = 2;
        while self.used.contains(&name) {
            name = format!("{base}_{k}");
            k += 1;
        }
        if name != raw {
            notes.push(
                NoteKind::ParameterRenamed,
                at.clone(),
                format!("parameter `{raw}` is called `{name}`: greenlca formulas cannot use the name as written"),
            );
        }
        self.used.insert(name.clone());
        self.names.insert(raw.to_lowercase(), name.clone());
        name
    }

    /// The greenlca name of a source name (case-insensitive).
    pub fn get(&self, raw: &str) -> Option<&String> {
        self.names.get(&raw.trim().to_lowercase())
    }
}

fn sanitized(raw: &str) -> String {
    let mut s: String = raw.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '_' }).collect();
    if !crate::formula::is_usable_name(&s) {
        s = format!("p_{s}");
    }
    s
}

/// A resolver for formulas of a process: its own names first, then the global ones.
pub fn resolver<'a>(local: Option<&'a NameMap>, global: &'a NameMap) -> impl Fn(&str) -> Option<String> + 'a {
    move |n: &str| local.and_then(|l| l.get(n)).or_else(|| global.get(n)).cloned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renames_what_formulas_cannot_use() {
        let mut notes = Notes::default();
        let mut m = NameMap::default();
        let at = Location::default();
        assert_eq!(m.add("Waste_Coarse ", &at, &mut notes), "Waste_Coarse");
        assert_eq!(m.add("E", &at, &mut notes), "p_E");
        assert_eq!(m.add("min_x", &at, &mut notes), "p_min_x");
        assert_eq!(m.add("a b", &at, &mut notes), "a_b");
        assert_eq!(m.get("waste_coarse").map(String::as_str), Some("Waste_Coarse"));
        assert_eq!(notes.into_vec().len(), 3);
    }
}
