//! Reads eco-design specifications and evidence files (docs/specifications.md).

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::io::{Lines, toml_error};
use crate::model::StageScheme;
use crate::model::spec::{
    Basis, Bilingual, Criterion, Declared, Evidence, ForegroundMeasure, Group, Indicator, Measure, PropertyUse,
    Requirement, RequirementEvidence, Specification,
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
    #[serde(default)]
    rule: Vec<Spanned<super::spec_limits_toml::RawRule>>,
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
    category_zh: Option<String>,
    basis: Option<RawBasis>,
    illustrative: Option<bool>,
    #[serde(default)]
    properties: BTreeMap<String, String>,
    citation: Option<String>,
    citation_zh: Option<String>,
    energy_coefficients: Option<String>,
    stage_scheme: Option<toml::Value>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawBasis {
    amount: f64,
    unit: String,
    text: Option<String>,
    text_zh: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirement {
    id: String,
    zh: String,
    en: String,
    evidence: String,
    evidence_zh: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawIndicator {
    pub(super) id: String,
    group: String,
    zh: String,
    en: String,
    unit: String,
    source: BTreeMap<String, toml::Value>,
    basis: Option<String>,
    verification: Option<Bilingual>,
    phase: Option<Bilingual>,
    also: Option<super::spec_limits_toml::RawAlso>,
    stages: Option<Vec<String>>,
    pub(super) operator: String,
    pub(super) limit: Option<toml::Value>,
    tolerance: Option<f64>,
    grades: Option<Vec<RawGrade>>,
    required: Option<String>,
    better: Option<String>,
    benchmark: Option<f64>,
    pub(super) citation: Option<String>,
    citation_zh: Option<String>,
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
    // Without a basis, functional-unit indicators refer to the model's own functional unit.
    let basis = s.basis.unwrap_or(RawBasis { amount: 1.0, unit: String::new(), text: None, text_zh: None });
    if !(basis.amount.is_finite() && basis.amount > 0.0) {
        problems.push(Error::new(
            ErrorKind::Value,
            Location::file(path).with_entity("[standard] basis"),
            format!("basis amount {} is not positive", basis.amount),
            "give the amount of product the limits refer to, e.g. { amount = 1, unit = \"t\" }",
        ));
    }
    let illustrative = s.illustrative.unwrap_or_else(|| {
        problems.push(Error::new(
            ErrorKind::Invalid,
            Location::file(path).with_entity("[standard] illustrative"),
            "the specification does not say whether its limits are illustrative",
            "write illustrative = true for invented or unverified limits, or illustrative = false for limits transcribed from a standard (every limit then needs its citation)",
        ));
        true
    });
    let properties: Vec<PropertyUse> = s
        .properties
        .iter()
        .map(|(name, unit)| PropertyUse { name: name.clone(), unit: (unit != "text").then(|| unit.clone()) })
        .collect();
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
            evidence_zh: r.evidence_zh.clone(),
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
        if let Some(ind) = problems.take(indicator(i.get_ref(), at, &groups, &scheme, &properties)) {
            if !illustrative {
                problems.take(super::spec_limits_toml::require_citations(&ind));
            }
            indicators.push(ind);
        }
    }
    let mut rules = Vec::new();
    for r in &raw.rule {
        let at = Location::line(path, lines.line(r.span().start)).with_entity(format!("rule `{}`", r.get_ref().id));
        if !ids.insert(r.get_ref().id.clone()) {
            problems.push(Error::new(
                ErrorKind::DuplicateId,
                at.clone(),
                format!("id `{}` is used twice", r.get_ref().id),
                "give every requirement, indicator and rule its own id",
            ));
        }
        if let Some(rule) = problems.take(super::spec_limits_toml::rule(r.get_ref(), at, illustrative)) {
            rules.push(rule);
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
        category_zh: s.category_zh,
        basis_amount: basis.amount,
        basis_unit: basis.unit,
        basis_text: basis.text,
        basis_text_zh: basis.text_zh,
        illustrative,
        properties,
        rules,
        citation: s.citation,
        citation_zh: s.citation_zh,
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

/// The criterion of `operator` with `limit` (a number, or `[lo, hi]` for a range).
pub(super) fn criterion_of(
    r: &RawIndicator,
    operator: &str,
    limit: Option<&toml::Value>,
    at: &Location,
) -> Result<Criterion> {
    let number = |what: &str| -> Result<f64> {
        match limit {
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
    let criterion = match operator.trim() {
        "<=" | "≤" => Criterion::AtMost(number("<=")?),
        "<" => Criterion::Below(number("<")?),
        ">=" | "≥" => Criterion::AtLeast(number(">=")?),
        ">" => Criterion::Above(number(">")?),
        "equals" | "=" | "==" => {
            let tolerance = r.tolerance.unwrap_or(0.0);
            if !(tolerance.is_finite() && tolerance >= 0.0) {
                return Err(Error::new(
                    ErrorKind::Value,
                    at.clone(),
                    format!("`tolerance` is {tolerance}"),
                    "give the allowed deviation as a number >= 0, e.g. tolerance = 0.5",
                ));
            }
            Criterion::Equals { target: number("equals")?, tolerance }
        }
        "range" => {
            let pair = match limit {
                Some(toml::Value::Array(a)) if a.len() == 2 => a
                    .iter()
                    .map(|v| v.as_float().or_else(|| v.as_integer().map(|i| i as f64)))
                    .collect::<Option<Vec<f64>>>(),
                None => {
                    return Err(Error::new(
                        ErrorKind::Value,
                        at.clone(),
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
                        at.clone(),
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
                    at.clone(),
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
                        at.clone(),
                        format!("better = `{o}`"),
                        "write better = \"lower\" or \"higher\"",
                    ));
                }
            };
            check_grades(grades, higher_is_better, at)?;
            Criterion::Grade {
                grades: grades.iter().map(|g| (g.grade.clone(), g.limit)).collect(),
                required,
                higher_is_better,
            }
        }
        "yes" | "yes/no" | "是/否" => Criterion::Yes,
        other => {
            return Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("unknown operator `{other}`"),
                "use <=, >=, <, >, range, equals, grade or yes",
            ));
        }
    };
    Ok(criterion)
}

fn indicator(
    r: &RawIndicator,
    at: Location,
    groups: &[Group],
    scheme: &StageScheme,
    properties: &[PropertyUse],
) -> Result<Indicator> {
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
    let (criterion, limit_form) = super::spec_limits_toml::limit(r, &at, properties)?;
    let also = match &r.also {
        None => None,
        Some(a) => Some(criterion_of(r, &a.operator, Some(&a.limit), &at)?),
    };
    let basis = match &r.basis {
        None => super::spec_limits_toml::default_basis(&measure),
        Some(b) => Basis::parse(b).ok_or_else(|| {
            Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("unknown basis `{b}`"),
                "use functional_unit, product_unit, mass (per t: unit \"kgce/t\"), volume, area or property",
            )
        })?,
    };
    Ok(Indicator {
        id: r.id.clone(),
        group,
        name_zh: r.zh.clone(),
        name_en: r.en.clone(),
        unit: r.unit.clone(),
        stages,
        criterion,
        also,
        limit_form,
        basis,
        verification: r.verification.clone(),
        phase: r.phase.clone(),
        benchmark: r.benchmark,
        measure,
        citation: r.citation.clone(),
        citation_zh: r.citation_zh.clone(),
        origin: at,
    })
}

fn measure(source: &BTreeMap<String, toml::Value>, at: &Location) -> Result<Measure> {
    let hint = "write source = { lcia = \"gwp100\" }, { flow = \"so2\" }, { foreground = \"energy_kgce\" }, { declared = \"voc_content\" }, { tagged = \"fresh_water\" }, { ratio = [\"recycled_packaging\", \"packaging\"] } or { property = \"capacity\" }";
    if source.len() != 1 {
        return Err(Error::new(ErrorKind::Value, at.clone(), "`source` must name exactly one kind of source", hint));
    }
    let (kind, value) = source.iter().next().expect("one entry");
    if kind == "ratio" {
        let pair: Option<Vec<String>> = value
            .as_array()
            .filter(|a| a.len() == 2)
            .and_then(|a| a.iter().map(|v| v.as_str().map(String::from)).collect());
        return match pair {
            Some(p) => Ok(Measure::Ratio(p[0].clone(), p[1].clone())),
            None => Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                "a ratio needs two tags: the numerator's and the denominator's",
                "write source = { ratio = [\"recycled_packaging\", \"packaging\"] }",
            )),
        };
    }
    let Some(value) = value.as_str() else {
        return Err(Error::new(ErrorKind::Value, at.clone(), format!("`source.{kind}` must be a text"), hint));
    };
    let value = value.to_string();
    match kind.as_str() {
        "lcia" => Ok(Measure::Lcia(value)),
        "flow" => Ok(Measure::Flow(value)),
        "declared" => Ok(Measure::Declared(value)),
        "tagged" => Ok(Measure::Tagged(value)),
        "property" => Ok(Measure::Property(value)),
        "foreground" => ForegroundMeasure::parse(&value).map(Measure::Foreground).ok_or_else(|| {
            Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("unknown foreground indicator `{value}`"),
                "use energy_kgce, fresh_water, recycled_content or packaging_mass (or a computed source: tagged, ratio)",
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
    /// A number, or true / false for a yes/no indicator.
    value: toml::Value,
    #[serde(default)]
    unit: String,
    evidence: String,
    evidence_zh: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawRequirementEvidence {
    met: bool,
    evidence: Option<String>,
    evidence_zh: Option<String>,
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
        let value = match &d.value {
            toml::Value::Float(x) => *x,
            toml::Value::Integer(i) => *i as f64,
            toml::Value::Boolean(b) => f64::from(u8::from(*b)),
            _ => f64::NAN,
        };
        if !value.is_finite() {
            problems.push(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("value {} is not a finite number or yes/no", d.value),
                "give the measured value, or true / false for a yes/no indicator",
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
        declared
            .push((k, Declared { value, unit: d.unit, evidence: d.evidence, evidence_zh: d.evidence_zh, origin: at }));
    }
    let requirements = raw
        .requirements
        .into_iter()
        .map(|(k, r)| {
            let evidence = r.evidence.filter(|e| !e.trim().is_empty());
            (k, RequirementEvidence { met: r.met, evidence, evidence_zh: r.evidence_zh })
        })
        .collect();
    problems.finish(Evidence { path: Some(path.to_path_buf()), declared, requirements })
}
