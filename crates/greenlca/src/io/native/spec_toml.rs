//! Reads eco-design specifications and evidence files (docs/specifications.md).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::io::{Lines, toml_error};
use crate::model::StageScheme;
use crate::model::spec::{
    Criterion, Declared, Evidence, ForegroundMeasure, Group, Indicator, Measure, Requirement, RequirementEvidence,
    Specification,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSpec {
    standard: RawStandard,
    #[serde(default)]
    requirement: Vec<Spanned<RawRequirement>>,
    #[serde(default)]
    indicator: Vec<Spanned<RawIndicator>>,
    #[serde(default)]
    group: Vec<RawGroup>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGroup {
    id: String,
    name: Option<String>,
    name_zh: Option<String>,
    #[serde(default)]
    aliases: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawStandard {
    id: String,
    title: String,
    title_zh: Option<String>,
    version: Option<String>,
    category: String,
    basis: RawBasis,
    #[serde(default)]
    illustrative: bool,
    citation: Option<String>,
    energy_coefficients: Option<String>,
    stage_scheme: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBasis {
    amount: f64,
    unit: String,
    text: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    id: String,
    zh: String,
    en: String,
    evidence: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIndicator {
    id: String,
    group: String,
    zh: String,
    en: String,
    unit: String,
    source: BTreeMap<String, String>,
    stages: Option<Vec<String>>,
    operator: String,
    limit: Option<toml::Value>,
    tolerance: Option<f64>,
    grades: Option<Vec<RawGrade>>,
    required: Option<String>,
    better: Option<String>,
    benchmark: Option<f64>,
    citation: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawGrade {
    grade: String,
    limit: f64,
}

/// Reads a specification and checks it on its own (names of categories, flows and stages are
/// checked against a model by [`crate::analysis::ecodesign::check_spec_against`]).
pub fn read_spec(path: &Path) -> Result<Specification> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    let raw: RawSpec = toml::from_str(&text).map_err(|e| toml_error(path, &text, &e))?;
    let lines = Lines::new(&text);
    let mut problems = Collector::default();
    let s = raw.standard;
    if !(s.basis.amount.is_finite() && s.basis.amount > 0.0) {
        problems.push(Error::new(
            ErrorKind::Value,
            Location::file(path).with_entity("[standard] basis"),
            format!("basis amount {} is not positive", s.basis.amount),
            "give the amount of product the limits refer to, e.g. { amount = 1, unit = \"t\" }",
        ));
    }
    let mut requirements = Vec::new();
    let mut ids = HashSet::new();
    for r in &raw.requirement {
        let at =
            Location::line(path, lines.line(r.span().start)).with_entity(format!("requirement `{}`", r.get_ref().id));
        let r = r.get_ref();
        if !ids.insert(r.id.clone()) {
            problems.push(Error::new(
                ErrorKind::DuplicateId,
                at.clone(),
                format!("requirement id `{}` is used twice", r.id),
                "give every requirement its own id",
            ));
        }
        requirements.push(Requirement {
            id: r.id.clone(),
            text_zh: r.zh.clone(),
            text_en: r.en.clone(),
            evidence: r.evidence.clone(),
            origin: at,
        });
    }
    let scheme_at = Location::file(path).with_entity("[standard] stage_scheme");
    let scheme = match &s.stage_scheme {
        None => StageScheme::gbt(),
        Some(v) => problems.take(super::stage_scheme_toml::scheme_value(v, &scheme_at)).unwrap_or_default(),
    };
    let groups = if raw.group.is_empty() {
        Group::gbt32161()
    } else {
        raw.group
            .into_iter()
            .map(|g| {
                let name_en = g.name.unwrap_or_else(|| g.id.clone());
                Group { name_zh: g.name_zh.unwrap_or_else(|| name_en.clone()), name_en, id: g.id, aliases: g.aliases }
            })
            .collect()
    };
    let mut indicators = Vec::new();
    for i in &raw.indicator {
        let at =
            Location::line(path, lines.line(i.span().start)).with_entity(format!("indicator `{}`", i.get_ref().id));
        if !ids.insert(i.get_ref().id.clone()) {
            problems.push(Error::new(
                ErrorKind::DuplicateId,
                at.clone(),
                format!("id `{}` is used twice", i.get_ref().id),
                "give every requirement and indicator its own id",
            ));
        }
        if let Some(ind) = problems.take(indicator(i.get_ref(), at, &groups, &scheme)) {
            indicators.push(ind);
        }
    }
    if indicators.is_empty() && requirements.is_empty() {
        problems.push(Error::new(
            ErrorKind::Invalid,
            Location::file(path),
            "the specification has no requirements and no indicators",
            "add [[requirement]] and [[indicator]] entries",
        ));
    }
    let spec = Specification {
        path: path.to_path_buf(),
        standard: s.id,
        title: s.title,
        title_zh: s.title_zh,
        version: s.version.unwrap_or_default(),
        category: s.category,
        basis_amount: s.basis.amount,
        basis_unit: s.basis.unit,
        basis_text: s.basis.text,
        illustrative: s.illustrative,
        citation: s.citation,
        requirements,
        indicators,
        groups,
        energy_coefficients: s.energy_coefficients.map(|p| crate::io::inputs::relative_to(path, &p)),
    };
    problems.finish(spec)
}

/// A grade table is read best first: finite bounds, every grade named once, each bound stricter
/// than the next (rising when lower is better, falling when higher is). An unsorted table would
/// give a verdict from the wrong row.
fn check_grades(grades: &[RawGrade], higher_is_better: bool, at: &Location) -> Result<()> {
    let bad = |msg: String| {
        Error::new(
            ErrorKind::Value,
            at.clone(),
            msg,
            "list the grades best first with distinct names and finite bounds, e.g. grades = [{ grade = \"1\", limit = 0.10 }, { grade = \"2\", limit = 0.12 }] (lower is better)",
        )
    };
    for (i, g) in grades.iter().enumerate() {
        if !g.limit.is_finite() {
            return Err(bad(format!("grade `{}` has the bound {}", g.grade, g.limit)));
        }
        if grades[..i].iter().any(|h| h.grade == g.grade) {
            return Err(bad(format!("grade `{}` is listed twice", g.grade)));
        }
        if let Some(prev) = i.checked_sub(1).map(|j| &grades[j]) {
            let ordered = if higher_is_better { g.limit < prev.limit } else { g.limit > prev.limit };
            if !ordered {
                let way = if higher_is_better { "fall" } else { "rise" };
                return Err(bad(format!(
                    "the grades are not in order: `{}` ({}) follows `{}` ({}), but with {} values better the bounds must {way} from the best grade to the worst",
                    g.grade,
                    g.limit,
                    prev.grade,
                    prev.limit,
                    if higher_is_better { "higher" } else { "lower" }
                )));
            }
        }
    }
    Ok(())
}

fn indicator(r: &RawIndicator, at: Location, groups: &[Group], scheme: &StageScheme) -> Result<Indicator> {
    let group = Group::find(groups, &r.group).cloned().ok_or_else(|| {
        let ids: Vec<&str> = groups.iter().map(|g| g.id()).collect();
        let list = match ids.split_last() {
            Some((last, rest)) if !rest.is_empty() => format!("{} or {last}", rest.join(", ")),
            _ => ids.join(""),
        };
        Error::new(ErrorKind::Value, at.clone(), format!("unknown group `{}`", r.group), format!("use {list}"))
    })?;
    let measure = measure(&r.source, &at)?;
    let stages = match &r.stages {
        None => None,
        Some(list) => Some(
            list.iter()
                .map(|s| scheme.parse(s).ok_or_else(|| scheme.unknown(s, at.clone())))
                .collect::<Result<Vec<_>>>()?,
        ),
    };
    let number = |what: &str| -> Result<f64> {
        match &r.limit {
            Some(toml::Value::Float(x)) if !x.is_finite() => Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("`limit` is {x}"),
                "give the finite limit value of the standard, e.g. limit = 200",
            )),
            Some(toml::Value::Float(x)) => Ok(*x),
            Some(toml::Value::Integer(i)) => Ok(*i as f64),
            Some(_) => Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("`limit` of a `{what}` indicator must be a number"),
                "write e.g. limit = 200",
            )),
            None => Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                "the indicator has no `limit`",
                "give the limit value of the standard, e.g. limit = 200",
            )),
        }
    };
    let criterion = match r.operator.trim() {
        "<=" | "≤" => Criterion::AtMost(number("<=")?),
        "<" => Criterion::Below(number("<")?),
        ">=" | "≥" => Criterion::AtLeast(number(">=")?),
        ">" => Criterion::Above(number(">")?),
        "equals" | "=" | "==" => {
            let tolerance = r.tolerance.unwrap_or(0.0);
            if !(tolerance.is_finite() && tolerance >= 0.0) {
                return Err(Error::new(
                    ErrorKind::Value,
                    at,
                    format!("`tolerance` is {tolerance}"),
                    "give the allowed deviation as a number >= 0, e.g. tolerance = 0.5",
                ));
            }
            Criterion::Equals { target: number("equals")?, tolerance }
        }
        "range" => {
            let pair = match &r.limit {
                Some(toml::Value::Array(a)) if a.len() == 2 => a
                    .iter()
                    .map(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
                    .collect::<Option<Vec<f64>>>(),
                None => {
                    return Err(Error::new(
                        ErrorKind::Value,
                        at,
                        "the indicator has no `limit`",
                        "a range needs limit = [lowest, highest]",
                    ));
                }
                _ => None,
            };
            match pair {
                Some(p) if p[0].is_finite() && p[1].is_finite() && p[0] <= p[1] => Criterion::Range(p[0], p[1]),
                _ => {
                    return Err(Error::new(
                        ErrorKind::Value,
                        at,
                        "a range needs `limit = [lowest, highest]` with lowest <= highest",
                        "write e.g. limit = [6.5, 8.5]",
                    ));
                }
            }
        }
        "grade" => {
            let grades = r.grades.as_ref().filter(|g| !g.is_empty()).ok_or_else(|| {
                Error::new(
                    ErrorKind::Value,
                    at.clone(),
                    "a graded indicator needs `grades`",
                    "write grades = [{ grade = \"1\", limit = 0.10 }, { grade = \"2\", limit = 0.12 }], best first",
                )
            })?;
            let required = r.required.clone().ok_or_else(|| {
                Error::new(
                    ErrorKind::Value,
                    at.clone(),
                    "a graded indicator needs `required`",
                    "name the grade the product must reach",
                )
            })?;
            if !grades.iter().any(|g| g.grade == required) {
                return Err(Error::new(
                    ErrorKind::Value,
                    at,
                    format!("required grade `{required}` is not among the grades"),
                    "name one of the grades",
                ));
            }
            let higher_is_better = match r.better.as_deref() {
                None | Some("lower") => false,
                Some("higher") => true,
                Some(o) => {
                    return Err(Error::new(
                        ErrorKind::Value,
                        at,
                        format!("better = `{o}`"),
                        "write better = \"lower\" or \"higher\"",
                    ));
                }
            };
            check_grades(grades, higher_is_better, &at)?;
            Criterion::Grade {
                grades: grades.iter().map(|g| (g.grade.clone(), g.limit)).collect(),
                required,
                higher_is_better,
            }
        }
        other => {
            return Err(Error::new(
                ErrorKind::Value,
                at,
                format!("unknown operator `{other}`"),
                "use <=, >=, <, >, range, equals or grade",
            ));
        }
    };
    Ok(Indicator {
        id: r.id.clone(),
        group,
        name_zh: r.zh.clone(),
        name_en: r.en.clone(),
        unit: r.unit.clone(),
        stages,
        criterion,
        benchmark: r.benchmark,
        measure,
        citation: r.citation.clone(),
        origin: at,
    })
}

fn measure(source: &BTreeMap<String, String>, at: &Location) -> Result<Measure> {
    let hint = "write source = { lcia = \"gwp100\" }, { flow = \"so2\" }, { foreground = \"energy_kgce\" } or { declared = \"voc_content\" }";
    if source.len() != 1 {
        return Err(Error::new(ErrorKind::Value, at.clone(), "`source` must name exactly one kind of source", hint));
    }
    let (kind, value) = source.iter().next().expect("one entry");
    match kind.as_str() {
        "lcia" => Ok(Measure::Lcia(value.clone())),
        "flow" => Ok(Measure::Flow(value.clone())),
        "declared" => Ok(Measure::Declared(value.clone())),
        "foreground" => ForegroundMeasure::parse(value).map(Measure::Foreground).ok_or_else(|| {
            Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("unknown foreground indicator `{value}`"),
                "use energy_kgce, fresh_water, recycled_content or packaging_mass",
            )
        }),
        other => Err(Error::new(ErrorKind::Value, at.clone(), format!("unknown source `{other}`"), hint)),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEvidence {
    #[serde(default)]
    declared: BTreeMap<String, Spanned<RawDeclared>>,
    #[serde(default)]
    requirements: BTreeMap<String, RawRequirementEvidence>,
    // The report's tables, read by io::native::evidence_info.
    #[serde(default, rename = "basic")]
    _basic: Option<toml::Value>,
    #[serde(default, rename = "period")]
    _period: Option<toml::Value>,
    #[serde(default, rename = "design")]
    _design: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawDeclared {
    value: f64,
    unit: String,
    evidence: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirementEvidence {
    met: bool,
    evidence: Option<String>,
}

/// Reads an evidence file: declared values and the producer's statements on basic requirements.
pub fn read_evidence(path: &Path) -> Result<Evidence> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, &e))?;
    let raw: RawEvidence = toml::from_str(&text).map_err(|e| toml_error(path, &text, &e))?;
    let lines = Lines::new(&text);
    let mut problems = Collector::default();
    let mut declared = Vec::new();
    for (k, d) in raw.declared {
        let at = Location::line(path, lines.line(d.span().start)).with_entity(format!("declared `{k}`"));
        let d = d.into_inner();
        if !d.value.is_finite() {
            problems.push(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("value {} is not finite", d.value),
                "give the measured value",
            ));
        }
        if d.evidence.trim().is_empty() {
            problems.push(Error::new(
                ErrorKind::Value,
                at.clone(),
                "the declared value has no evidence",
                "name the test report or certificate (number, laboratory, date)",
            ));
        }
        declared.push((k, Declared { value: d.value, unit: d.unit, evidence: d.evidence, origin: at }));
    }
    let requirements = raw
        .requirements
        .into_iter()
        .map(|(k, r)| (k, RequirementEvidence { met: r.met, evidence: r.evidence.filter(|e| !e.trim().is_empty()) }))
        .collect();
    problems.finish(Evidence { path: Some(path.to_path_buf()), declared, requirements })
}
