//! Life-cycle stages (GB/T 24040 system boundary; the stage names of GB/T 32161 reports).

use std::fmt;

use serde::{Deserialize, Serialize};

/// A life-cycle stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// Raw material acquisition (原材料获取).
    RawMaterials,
    /// Production (生产).
    Production,
    /// Distribution (运输).
    Distribution,
    /// Use (使用).
    Use,
    /// End of life: disposal and recycling (废弃处置).
    EndOfLife,
}

impl Stage {
    /// All stages in life-cycle order.
    pub const ALL: [Stage; 5] =
        [Stage::RawMaterials, Stage::Production, Stage::Distribution, Stage::Use, Stage::EndOfLife];

    /// The id used in files.
    pub fn id(self) -> &'static str {
        match self {
            Stage::RawMaterials => "raw_materials",
            Stage::Production => "production",
            Stage::Distribution => "distribution",
            Stage::Use => "use",
            Stage::EndOfLife => "end_of_life",
        }
    }
    /// English name.
    pub fn name_en(self) -> &'static str {
        match self {
            Stage::RawMaterials => "Raw materials",
            Stage::Production => "Production",
            Stage::Distribution => "Distribution",
            Stage::Use => "Use",
            Stage::EndOfLife => "End of life",
        }
    }
    /// Chinese name.
    pub fn name_zh(self) -> &'static str {
        match self {
            Stage::RawMaterials => "原材料获取",
            Stage::Production => "生产",
            Stage::Distribution => "运输",
            Stage::Use => "使用",
            Stage::EndOfLife => "废弃处置",
        }
    }
    /// Parses an id (also a few common synonyms).
    pub fn parse(s: &str) -> Option<Stage> {
        match s.trim().to_ascii_lowercase().replace(['-', ' '], "_").as_str() {
            "raw_materials" | "raw_material" | "materials" | "原材料获取" => Some(Stage::RawMaterials),
            "production" | "manufacturing" | "生产" => Some(Stage::Production),
            "distribution" | "transport" | "运输" => Some(Stage::Distribution),
            "use" | "use_phase" | "使用" => Some(Stage::Use),
            "end_of_life" | "eol" | "recycling" | "disposal" | "废弃处置" | "回收处理" => {
                Some(Stage::EndOfLife)
            }
            _ => None,
        }
    }
}

impl fmt::Display for Stage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}
