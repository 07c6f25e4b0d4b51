//! Unit names as EcoSpold files write them (`metric ton*km`, `m2*year`, `tkm`, `m2a`), mapped onto
//! greenlca's units. A name greenlca does not know becomes a dimension of its own (factor 1), so
//! that its amounts are kept and only converted to themselves.

use crate::error::{Location, Result};
use crate::model::UnitRegistry;

/// EcoSpold spellings whose greenlca symbol differs.
const ALIASES: &[(&str, &str)] = &[
    ("metric ton*km", "t*km"),
    ("ton*km", "t*km"),
    ("kg*km", "kg*km"),
    ("m2*year", "m2*a"),
    ("m2a", "m2*a"),
    ("person*km", "p*km"),
    ("kilowatt hour", "kWh"),
    ("megajoule", "MJ"),
    ("cubic meter", "m3"),
    ("square meter", "m2"),
    ("kilo becquerel", "kBq"),
];

/// The greenlca symbol of `name`, adding it to `units` when unknown.
pub fn unit_symbol(name: &str, units: &mut UnitRegistry, at: &Location) -> Result<String> {
    let name = name.trim();
    let mapped = ALIASES.iter().find(|(from, _)| from.eq_ignore_ascii_case(name)).map_or(name, |(_, to)| *to);
    if let Some(def) = units.get(mapped) {
        return Ok(def.symbol.clone());
    }
    units.add(mapped, &format!("unit {mapped}"), 1.0, at)?;
    Ok(mapped.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_ecospold_spellings_and_keeps_unknown_units() {
        let mut u = UnitRegistry::default();
        let at = Location::default();
        assert_eq!(unit_symbol("metric ton*km", &mut u, &at).unwrap(), "t*km");
        assert_eq!(unit_symbol("m2*year", &mut u, &at).unwrap(), "m2*a");
        assert_eq!(unit_symbol("kilogram", &mut u, &at).unwrap(), "kg");
        assert_eq!(unit_symbol("guest night", &mut u, &at).unwrap(), "guest night");
        assert!(u.get("guest night").is_some());
        assert!(u.factor("guest night", "kg", &at).is_err());
    }
}
