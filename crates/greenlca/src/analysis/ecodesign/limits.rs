//! The limit that applies to one product: the row of a limit table whose conditions its declared
//! properties meet, or a formula limit evaluated with them.

use super::basis::property_value;
use crate::error::{Error, ErrorKind, Result};
use crate::formula::Formula;
use crate::model::spec::{Condition, Criterion, Indicator, LimitForm, PropertyUse};
use crate::model::{ProductInfo, PropertyValue, UnitRegistry};

/// The criterion for this product, with the table row or formula that gave it (in words).
pub fn resolve(
    ind: &Indicator,
    product: &ProductInfo,
    properties: &[PropertyUse],
    units: &UnitRegistry,
) -> Result<(Criterion, Option<String>)> {
    let at = &ind.origin;
    let get = |name: &str| -> Result<PropertyValue> {
        let unit = properties.iter().find(|p| p.name == name).and_then(|p| p.unit.as_deref());
        property_value(product, name, unit, units, at)
    };
    match &ind.limit_form {
        LimitForm::Fixed => Ok((ind.criterion.clone(), None)),
        LimitForm::Formula(text) => {
            let f = Formula::parse(text, at)?;
            let mut values = Vec::new();
            for v in f.variables() {
                if let PropertyValue::Number(x, _) = get(v)? {
                    values.push((v.clone(), x));
                }
            }
            let bound = f.eval(|n| values.iter().find(|(k, _)| k == n).map(|(_, x)| *x), at)?;
            let c = with_bound(&ind.criterion, bound);
            let shown: Vec<String> = values.iter().map(|(k, x)| format!("{k} = {x}")).collect();
            // Symbols only, so that it reads the same in the Chinese and the English report.
            Ok((c, Some(format!("{text}; {}", shown.join(", ")))))
        }
        LimitForm::Table(rows) => {
            for row in rows {
                let mut all = true;
                for (name, cond) in &row.when {
                    let holds = match (cond, get(name)?) {
                        (Condition::Is(s), PropertyValue::Text(t)) => *s == t,
                        (Condition::Within { over, upto }, PropertyValue::Number(x, _)) => {
                            over.is_none_or(|a| x > a) && upto.is_none_or(|b| x <= b)
                        }
                        _ => false,
                    };
                    all &= holds;
                }
                if all {
                    let words: Vec<String> = row.when.iter().map(|(n, c)| c.text(n)).collect();
                    return Ok((row.criterion.clone(), Some(words.join(", "))));
                }
            }
            let declared: Vec<String> = product
                .properties
                .iter()
                .map(|(k, v)| match v {
                    PropertyValue::Number(x, u) => format!("{k} = {x} {u}"),
                    PropertyValue::Text(t) => format!("{k} = {t}"),
                })
                .collect();
            Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("no row of the limit table applies to the product ({})", declared.join(", ")),
                "check the product's declared properties, or add a row for this sub-type or range to the specification",
            ))
        }
    }
}

/// `c` with its bound replaced (one-sided operators and `equals`).
pub fn with_bound(c: &Criterion, bound: f64) -> Criterion {
    match c {
        Criterion::AtMost(_) => Criterion::AtMost(bound),
        Criterion::Below(_) => Criterion::Below(bound),
        Criterion::AtLeast(_) => Criterion::AtLeast(bound),
        Criterion::Above(_) => Criterion::Above(bound),
        Criterion::Equals { tolerance, .. } => Criterion::Equals { target: bound, tolerance: *tolerance },
        other => other.clone(),
    }
}
