//! Life-cycle stages: a stage is a cheap handle to a definition of a [`StageScheme`]
//! (`super::stage_scheme`), so that the GB/T stages, EN 15804 modules or a model's own list all
//! flow through the same code.

use std::collections::HashSet;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::sync::{Mutex, OnceLock};

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// What a stage is: its id in files, its names, and other spellings accepted when reading.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StageDef {
    /// Id used in files and results (`raw_materials`, `a1_a3`).
    pub id: String,
    /// English name, for tables, charts and reports.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Other spellings that read as this stage (`transport` for `distribution`).
    pub aliases: Vec<String>,
    /// Reported beside the total, not in it (EN 15804+A2 module D: benefits and loads beyond the
    /// system boundary).
    pub separate: bool,
}

/// A life-cycle stage: a copyable reference to an interned [`StageDef`]. Two stages are equal when
/// their ids are; their order is the order of their scheme, never of the stage itself.
#[derive(Clone, Copy)]
pub struct Stage(&'static StageDef);

impl Stage {
    /// The stage of a definition. Definitions are interned: each distinct one is stored once for
    /// the life of the process, which keeps `Stage` `Copy` (schemes are few and small).
    pub fn new(def: StageDef) -> Stage {
        static TABLE: OnceLock<Mutex<HashSet<&'static StageDef>>> = OnceLock::new();
        let mut table = TABLE.get_or_init(Default::default).lock().unwrap_or_else(|e| e.into_inner());
        if let Some(d) = table.get(&def) {
            return Stage(d);
        }
        let d: &'static StageDef = Box::leak(Box::new(def));
        table.insert(d);
        Stage(d)
    }
    /// The id used in files.
    pub fn id(self) -> &'static str {
        &self.0.id
    }
    /// English name.
    pub fn name_en(self) -> &'static str {
        &self.0.name_en
    }
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        &self.0.name_zh
    }
    /// True when the stage is reported beside the total, not in it (module D).
    pub fn is_separate(self) -> bool {
        self.0.separate
    }
    /// The whole definition.
    pub fn def(self) -> &'static StageDef {
        self.0
    }
    /// True when `text` (already normalized by [`normalize`]) names this stage: its id, Chinese
    /// name or an alias.
    pub(crate) fn answers_to(self, text: &str) -> bool {
        normalize(&self.0.id) == text
            || normalize(&self.0.name_zh) == text
            || self.0.aliases.iter().any(|a| normalize(a) == text)
    }
}

/// The form stage names are compared in: trimmed, lower case, `-` and spaces as `_`.
pub(crate) fn normalize(s: &str) -> String {
    s.trim().to_ascii_lowercase().replace(['-', ' '], "_")
}

impl PartialEq for Stage {
    fn eq(&self, other: &Stage) -> bool {
        self.0.id == other.0.id
    }
}

impl Eq for Stage {}

impl Hash for Stage {
    fn hash<H: Hasher>(&self, state: &mut H) {
        self.0.id.hash(state)
    }
}

impl fmt::Debug for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Stage({:?})", self.0.id)
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

impl Serialize for Stage {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

/// A stage read back from its id: the GB/T stage of that id, or else a stage named by its id
/// (the scheme is not part of serialized data).
impl<'de> Deserialize<'de> for Stage {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Stage, D::Error> {
        let id = String::deserialize(d)?;
        let gbt = super::StageScheme::gbt();
        Ok(gbt.stages().iter().copied().find(|s| s.id() == id).unwrap_or_else(|| {
            Stage::new(StageDef {
                id: id.clone(),
                name_en: id.clone(),
                name_zh: id,
                aliases: Vec::new(),
                separate: false,
            })
        }))
    }
}
