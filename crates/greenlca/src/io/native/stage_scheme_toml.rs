//! Reads stage schemes (docs/formats.md, "Stage schemes"): the shipped files in
//! `datasets/stage-schemes/`, and the `stage_scheme` key of product models and specifications.

use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::toml_error;
use crate::model::stage_scheme::DEFAULT_SCHEME;
use crate::model::{StageDef, StageScheme};
use crate::source::{self, InputSource};

/// A scheme as written: in its own file, or as the `[stage_scheme]` table of a model.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScheme {
    id: Option<String>,
    name: Option<String>,
    #[serde(default)]
    stage: Vec<RawStage>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStage {
    id: String,
    name: Option<String>,
    name_zh: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
    #[serde(default)]
    separate: bool,
}

/// Reads a stage scheme file; its id defaults to the file stem.
pub fn read_stage_scheme(path: &Path) -> Result<StageScheme> {
    let (folder, file) = source::split_path(path);
    read_stage_scheme_in(&folder, &file)
}

/// Reads the stage scheme file `name` of a source; its id defaults to the file stem.
fn read_stage_scheme_in(src: &dyn InputSource, name: &str) -> Result<StageScheme> {
    let text = src.read_text(name)?;
    let shown = src.display_path(name);
    let raw: RawScheme = toml::from_str(&text).map_err(|e| toml_error(&shown, &text, &e))?;
    let stem = Path::new(name).file_stem().and_then(|s| s.to_str()).unwrap_or("custom").to_string();
    build(raw, &stem, &Location::file(&shown))
}

/// A shipped scheme by id: `gbt` (built in) or a file of `stage-schemes/` in the datasets.
pub fn shipped_stage_scheme(id: &str, at: &Location) -> Result<StageScheme> {
    if id == DEFAULT_SCHEME {
        return Ok(StageScheme::gbt());
    }
    let shipped = source::datasets();
    let name = format!("stage-schemes/{id}.toml");
    let plain = !id.is_empty() && id.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    if !(plain && shipped.contains(&name)) {
        return Err(Error::new(
            ErrorKind::UnknownId,
            at.clone(),
            format!("unknown stage scheme `{id}`"),
            format!(
                "use one of {} or list the stages in a [stage_scheme] table (docs/formats.md)",
                shipped_stage_scheme_ids().join(", ")
            ),
        ));
    }
    read_stage_scheme_in(shipped.as_ref(), &name)
}

/// Ids of the shipped schemes: `gbt` and the files of `stage-schemes/` in the datasets.
pub fn shipped_stage_scheme_ids() -> Vec<String> {
    let mut ids: Vec<String> = source::datasets()
        .list("stage-schemes")
        .map(|names| {
            names.iter().filter_map(|n| source::file_name(n).strip_suffix(".toml").map(str::to_string)).collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids.insert(0, DEFAULT_SCHEME.to_string());
    ids
}

/// The scheme a `stage_scheme` value names: a shipped id (a string) or a list of stages (a table)
/// whose id defaults to `custom`.
pub(crate) fn scheme_value(value: &toml::Value, at: &Location) -> Result<StageScheme> {
    match value {
        toml::Value::String(id) => shipped_stage_scheme(id, at),
        toml::Value::Table(_) => {
            let raw: RawScheme = value.clone().try_into().map_err(|e: toml::de::Error| {
                Error::new(
                    ErrorKind::Syntax,
                    at.clone(),
                    e.message().trim().to_string(),
                    "give the stages as [[stage_scheme.stage]] tables with id, name and name_zh (docs/formats.md)",
                )
            })?;
            build(raw, "custom", at)
        }
        _ => Err(Error::new(
            ErrorKind::Syntax,
            at.clone(),
            "`stage_scheme` is neither a scheme id nor a table",
            "write stage_scheme = \"en15804\" or a [stage_scheme] table with [[stage_scheme.stage]] entries",
        )),
    }
}

fn build(raw: RawScheme, default_id: &str, at: &Location) -> Result<StageScheme> {
    let id = raw.id.unwrap_or_else(|| default_id.to_string());
    let name = raw.name.unwrap_or_else(|| id.clone());
    let defs = raw
        .stage
        .into_iter()
        .map(|s| {
            let name_en = s.name.unwrap_or_else(|| s.id.clone());
            StageDef {
                name_zh: s.name_zh.unwrap_or_else(|| name_en.clone()),
                name_en,
                id: s.id,
                aliases: s.aliases,
                separate: s.separate,
            }
        })
        .collect();
    StageScheme::new(&id, &name, defs, at)
}
