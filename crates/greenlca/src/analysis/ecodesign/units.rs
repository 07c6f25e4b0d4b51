//! Conversion of category units such as `kg CO2-eq` into `t CO2-eq`: a unit of the registry
//! followed by a substance label that must match.

use crate::error::{Error, ErrorKind, Location, Result};
use crate::model::UnitRegistry;

fn normalize_label(s: &str) -> String {
    s.to_lowercase().replace(['-', ' ', '_', '.'], "").replace("equivalent", "eq").replace("eq", "e")
}

/// Converts `value` from `from` to `to`; both may be plain units (`kg`) or a unit plus a label
/// (`kg CO2-eq`, `kg SO2 eq`); labels must agree, units must share a dimension.
pub fn convert_quantity(units: &UnitRegistry, value: f64, from: &str, to: &str, at: &Location) -> Result<f64> {
    if from.trim() == to.trim() {
        return Ok(value);
    }
    if units.resolve(from).is_some() && units.resolve(to).is_some() {
        return units.convert(value, from, to, at);
    }
    let split = |s: &str| {
        let s = s.trim();
        match s.split_once(' ') {
            Some((u, rest)) => (u.to_string(), rest.to_string()),
            None => (s.to_string(), String::new()),
        }
    };
    let (fu, fl) = split(from);
    let (tu, tl) = split(to);
    if normalize_label(&fl) != normalize_label(&tl) {
        return Err(Error::new(
            ErrorKind::Unit,
            at.clone(),
            format!("cannot convert `{from}` into `{to}`"),
            format!(
                "give the indicator in the unit of its source, `{from}` (or the same quantity with another prefix)"
            ),
        ));
    }
    units.convert(value, &fu, &tu, at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converts_labelled_quantities() {
        let u = UnitRegistry::default();
        let at = Location::default();
        assert_eq!(convert_quantity(&u, 1500.0, "kg CO2-eq", "t CO2-eq", &at).unwrap(), 1.5);
        assert_eq!(convert_quantity(&u, 2.0, "kg CO2-eq", "kg CO2e", &at).unwrap(), 2.0);
        assert!(convert_quantity(&u, 1.0, "kg CO2-eq", "kg SO2-eq", &at).is_err());
        assert!(convert_quantity(&u, 1.0, "kg CO2-eq", "kWh CO2-eq", &at).is_err());
    }
}
