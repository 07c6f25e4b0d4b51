//! Limits by product sub-type or capacity, formula limits, compound limits and modelling rules of
//! a specification (docs/specifications.md).

use serde::Deserialize;

use super::spec_toml::{RawIndicator, criterion_of};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::formula::Formula;
use crate::model::spec::{
    Basis, Bilingual, Condition, Criterion, Indicator, LimitForm, LimitRow, Measure, ModellingRule, PropertyUse,
    RuleKind,
};

/// The second condition of a compound limit.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawAlso {
    pub operator: String,
    pub limit: toml::Value,
}

/// A modelling rule as written.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawRule {
    pub id: String,
    zh: String,
    en: String,
    parameter: Option<String>,
    value: Option<f64>,
    min: Option<f64>,
    max: Option<f64>,
    exchange: Option<String>,
    providers: Option<Vec<String>>,
    citation: Option<String>,
    citation_zh: Option<String>,
}

/// The basis of an indicator that does not name one: values the applicant declares, product
/// properties and ratios are properties; everything else is per functional unit (as before
/// indicators had their own basis).
pub(super) fn default_basis(m: &Measure) -> Basis {
    match m {
        Measure::Declared(_) | Measure::Property(_) | Measure::Ratio(..) => Basis::Property,
        Measure::Foreground(f) if f.id() == "recycled_content" => Basis::Property,
        _ => Basis::FunctionalUnit,
    }
}

fn property<'a>(properties: &'a [PropertyUse], name: &str, at: &Location) -> Result<&'a PropertyUse> {
    properties.iter().find(|p| p.name == name).ok_or_else(|| {
        Error::new(
            ErrorKind::UnknownId,
            at.clone(),
            format!("the limit uses the product property `{name}`, which [standard] properties does not list"),
            format!("add it with its unit, e.g. properties = {{ {name} = \"l\" }} (or \"text\" for a sub-type)"),
        )
    })
}

fn number(v: &toml::Value) -> Option<f64> {
    v.as_float().or_else(|| v.as_integer().map(|i| i as f64)).filter(|x| x.is_finite())
}

fn condition(name: &str, v: &toml::Value, properties: &[PropertyUse], at: &Location) -> Result<Condition> {
    let p = property(properties, name, at)?;
    let bad = |msg: String| {
        Error::new(
            ErrorKind::Value,
            at.clone(),
            msg,
            "write when = { body = \"plastic\" } for a sub-type, or when = { capacity = { over = 1.5, upto = 2.0 } } for a range (over < value <= upto)",
        )
    };
    match (v, &p.unit) {
        (toml::Value::String(s), None) => Ok(Condition::Is(s.clone())),
        (toml::Value::Table(t), Some(_)) => {
            if let Some(k) = t.keys().find(|k| *k != "over" && *k != "upto") {
                return Err(bad(format!("unknown key `{k}` in the condition on `{name}`")));
            }
            let get = |k: &str| -> Result<Option<f64>> {
                match t.get(k) {
                    None => Ok(None),
                    Some(x) => number(x).map(Some).ok_or_else(|| bad(format!("`{k}` of `{name}` is not a number"))),
                }
            };
            let (over, upto) = (get("over")?, get("upto")?);
            if let (Some(a), Some(b)) = (over, upto)
                && a >= b
            {
                return Err(bad(format!("the range of `{name}` is empty: over {a}, upto {b}")));
            }
            Ok(Condition::Within { over, upto })
        }
        (_, None) => Err(bad(format!("`{name}` is a text property: compare it with a text"))),
        (_, Some(_)) => Err(bad(format!("`{name}` is a number: give a range with over and upto"))),
    }
}

/// The criterion and the limit form of an indicator: a number, `[lo, hi]`, a formula of product
/// properties, or a table of rows `{ when = {...}, limit = ..., citation = "..." }`.
pub(super) fn limit(r: &RawIndicator, at: &Location, properties: &[PropertyUse]) -> Result<(Criterion, LimitForm)> {
    match &r.limit {
        Some(toml::Value::String(text)) => {
            if !matches!(r.operator.trim(), "<=" | "≤" | "<" | ">=" | "≥" | ">" | "equals" | "=" | "==") {
                return Err(Error::new(
                    ErrorKind::Value,
                    at.clone(),
                    format!("a formula limit needs a one-sided operator, not `{}`", r.operator),
                    "use <=, <, >=, > or equals with a formula limit",
                ));
            }
            let f = Formula::parse(text, at)?;
            for v in f.variables() {
                if property(properties, v, at)?.unit.is_none() {
                    return Err(Error::new(
                        ErrorKind::Value,
                        at.clone(),
                        format!("the formula uses `{v}`, a text property"),
                        "use numeric properties in formulas; tell sub-types apart with a limit table",
                    ));
                }
            }
            let c = criterion_of(r, &r.operator, Some(&toml::Value::Float(0.0)), at)?;
            Ok((c, LimitForm::Formula(text.clone())))
        }
        Some(toml::Value::Array(rows)) if !rows.is_empty() && rows.iter().all(|x| x.is_table()) => {
            let mut out = Vec::new();
            for (i, row) in rows.iter().enumerate() {
                let t = row.as_table().expect("checked");
                let at =
                    at.clone().with_entity(format!("{} limit row {}", at.entity.clone().unwrap_or_default(), i + 1));
                if let Some(k) = t.keys().find(|k| !matches!(k.as_str(), "when" | "limit" | "citation")) {
                    return Err(Error::new(
                        ErrorKind::Value,
                        at,
                        format!("unknown key `{k}` in a limit row"),
                        "a row has when, limit and citation",
                    ));
                }
                let when = match t.get("when") {
                    None => Vec::new(),
                    Some(toml::Value::Table(w)) => w
                        .iter()
                        .map(|(k, v)| Ok((k.clone(), condition(k, v, properties, &at)?)))
                        .collect::<Result<Vec<_>>>()?,
                    Some(_) => {
                        return Err(Error::new(
                            ErrorKind::Value,
                            at,
                            "`when` must be a table of conditions",
                            "write when = { body = \"plastic\" }",
                        ));
                    }
                };
                let criterion = criterion_of(r, &r.operator, t.get("limit"), &at)?;
                let citation = t.get("citation").and_then(|c| c.as_str()).map(String::from);
                out.push(LimitRow { when, criterion, citation });
            }
            Ok((out[0].criterion.clone(), LimitForm::Table(out)))
        }
        other => Ok((criterion_of(r, &r.operator, other.as_ref(), at)?, LimitForm::Fixed)),
    }
}

/// A specification that is not illustrative cites a source for every limit.
pub(super) fn require_citations(ind: &Indicator) -> Result<()> {
    let cited = |c: &Option<String>| c.as_deref().is_some_and(|c| !c.trim().is_empty());
    let rows_cited = match &ind.limit_form {
        LimitForm::Table(rows) => rows.iter().all(|r| cited(&r.citation)),
        _ => false,
    };
    if cited(&ind.citation) || rows_cited {
        return Ok(());
    }
    Err(Error::new(
        ErrorKind::Invalid,
        ind.origin.clone(),
        "the limit has no citation, but the specification is not illustrative",
        "give citation = \"GB/T ... clause ..., table ...\" for every limit, or set illustrative = true in [standard]",
    ))
}

/// Reads a modelling rule.
pub(super) fn rule(r: &RawRule, at: Location, illustrative: bool) -> Result<ModellingRule> {
    let hint = "write parameter = \"lifetime_years\" with value = 3 (or min / max), or exchange = \"use_electricity\" with providers = [\"grid_cn_2023\"]";
    let kind = match (&r.parameter, &r.exchange) {
        (Some(name), None) => {
            let (min, max) = match (r.value, r.min, r.max) {
                (Some(v), None, None) => (v, v),
                (None, lo, hi) if lo.is_some() || hi.is_some() => {
                    (lo.unwrap_or(f64::NEG_INFINITY), hi.unwrap_or(f64::INFINITY))
                }
                _ => {
                    return Err(Error::new(
                        ErrorKind::Value,
                        at,
                        "a parameter rule needs either `value` or `min` / `max`",
                        hint,
                    ));
                }
            };
            if min.is_nan() || max.is_nan() || min > max {
                return Err(Error::new(
                    ErrorKind::Value,
                    at,
                    format!("the rule's range [{min}, {max}] is empty"),
                    hint,
                ));
            }
            RuleKind::Parameter { name: name.clone(), min, max }
        }
        (None, Some(exchange)) => match &r.providers {
            Some(p) if !p.is_empty() => RuleKind::Provider { exchange: exchange.clone(), providers: p.clone() },
            _ => return Err(Error::new(ErrorKind::Value, at, "an exchange rule needs `providers`", hint)),
        },
        _ => {
            return Err(Error::new(ErrorKind::Value, at, "a rule names either a `parameter` or an `exchange`", hint));
        }
    };
    if !illustrative && r.citation.as_deref().is_none_or(|c| c.trim().is_empty()) {
        return Err(Error::new(
            ErrorKind::Invalid,
            at,
            "the rule has no citation, but the specification is not illustrative",
            "give citation = \"...\" (the standard's clause), or set illustrative = true in [standard]",
        ));
    }
    Ok(ModellingRule {
        id: r.id.clone(),
        text: Bilingual { zh: r.zh.clone(), en: r.en.clone() },
        kind,
        citation: r.citation.clone(),
        citation_zh: r.citation_zh.clone(),
        origin: at,
    })
}
