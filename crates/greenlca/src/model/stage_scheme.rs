//! Stage schemes: the ordered list of life-cycle stages a product model reports by. The GB/T
//! five stages (GB/T 24040 system boundary, the stage names of GB/T 32161 reports) are built in
//! and the default; other schemes (EN 15804 modules, a model's own list) are data.

use std::fmt;
use std::sync::{Arc, OnceLock};

use super::stage::{Stage, StageDef, normalize};
use crate::error::{Error, ErrorKind, Location, Result};

/// Id of the built-in default scheme.
pub const DEFAULT_SCHEME: &str = "gbt";

/// (id, English name, Chinese name, aliases) of the GB/T stages, in life-cycle order.
const GBT: [(&str, &str, &str, &[&str]); 5] = [
    ("raw_materials", "Raw materials", "原材料获取", &["raw_material", "materials"]),
    ("production", "Production", "生产", &["manufacturing"]),
    ("distribution", "Distribution", "运输", &["transport"]),
    ("use", "Use", "使用", &["use_phase"]),
    ("end_of_life", "End of life", "废弃处置", &["eol", "recycling", "disposal", "回收处理"]),
];

/// An ordered list of stages. Cheap to clone (shared).
#[derive(Clone, PartialEq)]
pub struct StageScheme(Arc<Inner>);

#[derive(PartialEq)]
struct Inner {
    id: String,
    name: String,
    stages: Vec<Stage>,
}

impl StageScheme {
    /// Builds a scheme, refusing an empty list and two stages that answer to the same name.
    pub fn new(id: &str, name: &str, defs: Vec<StageDef>, at: &Location) -> Result<StageScheme> {
        if defs.is_empty() {
            return Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("stage scheme `{id}` has no stages"),
                "list the stages in life-cycle order, each as a [[stage]] table with an id",
            ));
        }
        if let Some(pos) = defs.iter().position(|d| d.id.trim().is_empty() || d.id.contains(',')) {
            return Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("stage {} of scheme `{id}` has the id `{}`", pos + 1, defs[pos].id),
                "give each stage a non-empty id without commas (ids head CSV columns)",
            ));
        }
        let stages: Vec<Stage> = defs.into_iter().map(Stage::new).collect();
        for (i, s) in stages.iter().enumerate() {
            let names = std::iter::once(s.id())
                .chain(std::iter::once(s.name_zh()))
                .chain(s.def().aliases.iter().map(String::as_str));
            for n in names {
                if let Some(other) = stages[..i].iter().find(|o| o.answers_to(&normalize(n))) {
                    return Err(Error::new(
                        ErrorKind::DuplicateId,
                        at.clone(),
                        format!("stages `{}` and `{}` of scheme `{id}` both answer to `{n}`", other.id(), s.id()),
                        "give each stage its own id, Chinese name and aliases",
                    ));
                }
            }
        }
        Ok(StageScheme(Arc::new(Inner { id: id.to_string(), name: name.to_string(), stages })))
    }
    /// The GB/T five: raw materials, production, distribution, use, end of life.
    pub fn gbt() -> StageScheme {
        static GBT_SCHEME: OnceLock<StageScheme> = OnceLock::new();
        GBT_SCHEME
            .get_or_init(|| {
                let defs = GBT
                    .iter()
                    .map(|(id, en, zh, aliases)| StageDef {
                        id: id.to_string(),
                        name_en: en.to_string(),
                        name_zh: zh.to_string(),
                        aliases: aliases.iter().map(|a| a.to_string()).collect(),
                        separate: false,
                    })
                    .collect();
                StageScheme::new(DEFAULT_SCHEME, "GB/T 24040 life-cycle stages", defs, &Location::default())
                    .expect("the built-in stages are distinct")
            })
            .clone()
    }
    /// Id (`gbt`, `en15804`, or the id a model gives its own list).
    pub fn id(&self) -> &str {
        &self.0.id
    }
    /// Name, in words.
    pub fn name(&self) -> &str {
        &self.0.name
    }
    /// The stages in life-cycle order.
    pub fn stages(&self) -> &[Stage] {
        &self.0.stages
    }
    /// The stage `text` names: its id (any case, `-` or space for `_`), Chinese name or an alias.
    pub fn parse(&self, text: &str) -> Option<Stage> {
        let n = normalize(text);
        self.0.stages.iter().copied().find(|s| s.answers_to(&n))
    }
    /// The stage of an id as written in results.
    pub fn stage(&self, id: &str) -> Option<Stage> {
        self.0.stages.iter().copied().find(|s| s.id() == id)
    }
    /// (Chinese, English) name of a stage id, empty when the scheme lacks it.
    pub fn names(&self, id: &str) -> (&'static str, &'static str) {
        self.stage(id).map_or(("", ""), |s| (s.name_zh(), s.name_en()))
    }
    /// The error for a stage the scheme lacks, with a hint listing the scheme's ids.
    pub fn unknown(&self, text: &str, at: Location) -> Error {
        let ids: Vec<&str> = self.0.stages.iter().map(|s| s.id()).collect();
        let list = match ids.split_last() {
            Some((last, [])) => last.to_string(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
            None => String::new(),
        };
        let hint = if self.id() == DEFAULT_SCHEME {
            format!("use {list}")
        } else {
            format!("use {list} (the stages of scheme `{}`)", self.id())
        };
        Error::new(ErrorKind::Value, at, format!("unknown stage `{text}`"), hint)
    }
}

impl Default for StageScheme {
    fn default() -> StageScheme {
        StageScheme::gbt()
    }
}

impl fmt::Debug for StageScheme {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StageScheme").field("id", &self.0.id).field("stages", &self.0.stages).finish()
    }
}
