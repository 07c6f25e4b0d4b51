//! Terms used in both languages, and number formats for running text.

use crate::model::StageScheme;
use crate::report::format::human;

/// (Chinese, English) name of a stage id of the model's scheme.
pub fn stage(scheme: &StageScheme, id: &str) -> (&'static str, &'static str) {
    scheme.names(id)
}

/// (Chinese, English) of a requirement or indicator status of the check report.
pub fn status(s: &str) -> (&'static str, &'static str) {
    match s {
        "met" => ("符合", "met"),
        "pass" => ("符合", "pass"),
        "not met" => ("不符合", "not met"),
        "fail" => ("不符合", "fail"),
        _ => ("缺少证据（不符合）", "not met: evidence missing"),
    }
}

/// A number for running text and tables: four significant digits.
pub fn num(x: f64) -> String {
    human(x, 4)
}

/// A share as a percentage with one decimal: `94.1%` (never `-0.0%`).
pub fn pct(share: f64) -> String {
    let p = share * 100.0;
    if p.abs() < 0.05 { "0.0%".into() } else { format!("{p:.1}%") }
}

/// A number among others of magnitude `scale`: rounding noise below 1e-9 of it shows as `0`.
pub fn num_in(x: f64, scale: f64) -> String {
    if x.abs() <= 1e-9 * scale.abs() { "0".into() } else { num(x) }
}

/// A share as a percentage, or `-` when undefined.
pub fn pct_opt(share: Option<f64>) -> String {
    share.map_or_else(|| "-".into(), pct)
}

/// An amount with its unit: `300.0 kWh`.
pub fn amount(x: f64, unit: &str) -> String {
    if unit.is_empty() { num(x) } else { format!("{} {unit}", num(x)) }
}

/// A compartment label (`air`, `water/fresh water`) in Chinese; unknown parts stay as written.
pub fn compartment_zh(c: &str) -> String {
    c.split('/')
        .map(|part| match part.trim() {
            "air" => "空气",
            "water" => "水体",
            "soil" => "土壤",
            "natural resource" => "自然资源",
            "fresh water" => "淡水",
            "sea water" | "ocean" => "海水",
            "ground water" => "地下水",
            "in water" => "水中",
            "in ground" => "地下",
            "land" => "土地",
            "biotic" => "生物",
            "in air" => "空气中",
            "urban air close to ground" => "城市近地面空气",
            "non-urban air or from high stacks" => "非城市或高烟囱排放",
            "agricultural" => "农业土壤",
            "industrial" => "工业土壤",
            other => other,
        })
        .map(str::to_string)
        .collect::<Vec<_>>()
        .join("/")
}
