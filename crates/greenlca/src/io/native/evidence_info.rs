//! The report-only tables of an evidence file (docs/report.md): the applicant's basic information
//! (`[basic]`, with `[[basic.parameters]]` and `[[basic.materials]]`), the reporting and base
//! periods (`[period]`, `[[period.rows]]`) and the parameters the designer controls
//! (`[design] levers`). The check reads the same file for its declared values; both ignore the
//! other's tables.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::io::toml_error;

/// A technical parameter of the product as the applicant declares it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TechParameter {
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    /// The value as written (a number or a text such as `220 V~ 50 Hz`).
    pub value: toml::Value,
    #[serde(default)]
    pub unit: String,
}

/// A material of the product's composition.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MaterialShare {
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    /// Mass per product unit.
    pub mass: f64,
    pub unit: String,
    /// Where the figure comes from.
    pub source: Option<String>,
}

/// The applicant's basic information; every field may be left out (the report shows a blank).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BasicInfo {
    /// Number of the LCA report.
    pub report_number: Option<String>,
    pub applicant: Option<String>,
    /// Chinese name of the applicant.
    pub applicant_zh: Option<String>,
    /// 统一社会信用代码 (18 characters).
    pub credit_code: Option<String>,
    pub address: Option<String>,
    pub contact: Option<String>,
    /// Chinese name of the product category (when the model names it in English only).
    pub category_zh: Option<String>,
    /// Product model (型号).
    pub model: Option<String>,
    /// Specification (规格).
    pub specification: Option<String>,
    #[serde(default)]
    pub parameters: Vec<TechParameter>,
    #[serde(default)]
    pub materials: Vec<MaterialShare>,
}

/// One quantity in the reporting period and in the base period.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodRow {
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    pub unit: String,
    /// Value in the reporting period.
    pub reporting: f64,
    /// Value in the base period.
    pub base: f64,
    /// Where the figures come from.
    pub source: Option<String>,
}

/// The reporting period and, when given, the base period with figures of both.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PeriodInfo {
    /// Reporting period, e.g. `2025-01-01 to 2025-12-31`.
    pub reporting: Option<String>,
    /// Base period.
    pub base: Option<String>,
    #[serde(default)]
    pub rows: Vec<PeriodRow>,
}

/// Parameters of the model the designer controls.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DesignInfo {
    /// Parameter names.
    #[serde(default)]
    pub levers: Vec<String>,
}

/// The report-only tables of an evidence file.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct EvidenceInfo {
    pub basic: BasicInfo,
    pub period: PeriodInfo,
    pub design: DesignInfo,
}

#[derive(Deserialize)]
struct Raw {
    #[serde(default)]
    basic: BasicInfo,
    #[serde(default)]
    period: PeriodInfo,
    #[serde(default)]
    design: DesignInfo,
}

/// Reads the report-only tables of the evidence file at `path`.
pub fn read_evidence_info(path: &Path) -> Result<EvidenceInfo> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    let raw: Raw = toml::from_str(&text).map_err(|e| toml_error(path, &text, &e))?;
    let mut problems = Collector::default();
    for r in &raw.period.rows {
        if !(r.reporting.is_finite() && r.base.is_finite()) {
            problems.push(Error::new(
                ErrorKind::Value,
                Location::file(path).with_entity(format!("period row `{}`", r.name)),
                "a value is not finite",
                "give the figures of both periods as numbers",
            ));
        }
    }
    if !raw.period.rows.is_empty() && (raw.period.reporting.is_none() || raw.period.base.is_none()) {
        problems.push(Error::new(
            ErrorKind::Invalid,
            Location::file(path).with_entity("[period]"),
            "figures of a base period are given without naming both periods",
            "add reporting = \"...\" and base = \"...\" to [period]",
        ));
    }
    for m in &raw.basic.materials {
        if !(m.mass.is_finite() && m.mass >= 0.0) {
            problems.push(Error::new(
                ErrorKind::Value,
                Location::file(path).with_entity(format!("material `{}`", m.name)),
                format!("mass {} is not a non-negative number", m.mass),
                "give the mass per product unit",
            ));
        }
    }
    problems.finish(EvidenceInfo { basic: raw.basic, period: raw.period, design: raw.design })
}
