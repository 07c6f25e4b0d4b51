//! Units and their conversion inside a dimension.
//!
//! Each dimension has a reference unit (factor 1); every other unit states how many reference units
//! one of it makes. Conversion across dimensions is an error, never a guess. Factors are exact SI
//! definitions (BIPM SI Brochure, 9th ed., 2019; NIST SP 811, 2008, appendix B) unless noted.

use std::collections::HashMap;

use crate::error::{Error, ErrorKind, Location, Result};

/// One unit: its dimension and the number of reference units one of it makes.
#[derive(Debug, Clone, PartialEq)]
pub struct UnitDef {
    /// The canonical symbol, e.g. `kg`.
    pub symbol: String,
    /// The dimension, e.g. `mass`.
    pub dimension: String,
    /// Reference units per one of this unit.
    pub factor: f64,
}

/// The units greenlca knows: built-in ones plus those a database adds.
#[derive(Debug, Clone)]
pub struct UnitRegistry {
    units: HashMap<String, UnitDef>,
}

/// Built-in units: (dimension, canonical symbol, factor to the reference unit, aliases).
const BUILTIN: &[(&str, &str, f64, &[&str])] = &[
    // mass, reference kg
    ("mass", "kg", 1.0, &["kilogram", "kilograms", "千克", "公斤"]),
    ("mass", "g", 1e-3, &["gram", "grams", "克"]),
    ("mass", "mg", 1e-6, &["milligram", "milligrams", "毫克"]),
    ("mass", "ug", 1e-9, &["µg", "microgram"]),
    ("mass", "t", 1e3, &["tonne", "tonnes", "metric ton", "Mg", "吨"]),
    ("mass", "kt", 1e6, &["kilotonne"]),
    ("mass", "lb", 0.453_592_37, &["pound", "lb av"]),
    // energy, reference MJ
    ("energy", "MJ", 1.0, &["megajoule", "兆焦"]),
    ("energy", "J", 1e-6, &["joule"]),
    ("energy", "kJ", 1e-3, &["kilojoule", "千焦"]),
    ("energy", "GJ", 1e3, &["gigajoule", "吉焦"]),
    ("energy", "TJ", 1e6, &["terajoule"]),
    ("energy", "Wh", 3.6e-3, &["watt hour"]),
    ("energy", "kWh", 3.6, &["kilowatt hour", "kW*h", "千瓦时", "度"]),
    ("energy", "MWh", 3.6e3, &["megawatt hour"]),
    ("energy", "GWh", 3.6e6, &["gigawatt hour"]),
    // International Table BTU, NIST SP 811 B.9: 1 Btu_IT = 1055.05585262 J.
    ("energy", "BTU", 1.055_055_852_62e-3, &["Btu", "btu"]),
    // GB/T 2589-2020 section 4.2: 1 kgce has a net calorific value of 29 307.6 kJ.
    ("energy", "kgce", 29.3076, &["kg coal equivalent", "千克标准煤", "kgce(标煤)"]),
    ("energy", "tce", 29_307.6, &["tonne coal equivalent", "吨标准煤"]),
    // volume, reference m3
    ("volume", "m3", 1.0, &["cubic meter", "cubic metre", "m³", "立方米"]),
    ("volume", "l", 1e-3, &["L", "litre", "liter", "dm3", "升"]),
    ("volume", "ml", 1e-6, &["mL", "millilitre", "milliliter", "cm3", "毫升"]),
    ("volume", "Nm3", 1.0, &["normal cubic meter"]),
    // US liquid gallon, NIST SP 811 B.9: 3.785411784 L.
    ("volume", "gal", 3.785_411_784e-3, &["gallon", "US gallon"]),
    // area, reference m2
    ("area", "m2", 1.0, &["square meter", "square metre", "m²", "平方米"]),
    ("area", "cm2", 1e-4, &["square centimeter"]),
    ("area", "ha", 1e4, &["hectare"]),
    ("area", "km2", 1e6, &["square kilometer"]),
    // length, reference m
    ("length", "m", 1.0, &["meter", "metre", "米"]),
    ("length", "mm", 1e-3, &["millimeter", "millimetre"]),
    ("length", "cm", 1e-2, &["centimeter", "centimetre"]),
    ("length", "km", 1e3, &["kilometer", "kilometre", "千米", "公里"]),
    ("length", "mi", 1609.344, &["mile"]),
    // count, reference unit
    ("count", "unit", 1.0, &["p", "pc", "pcs", "piece", "pieces", "item", "items", "Item(s)", "件", "台", "个"]),
    ("count", "dozen", 12.0, &[]),
    // time, reference h
    ("time", "h", 1.0, &["hour", "hours", "hr", "小时"]),
    ("time", "s", 1.0 / 3600.0, &["second", "seconds"]),
    ("time", "min", 1.0 / 60.0, &["minute", "minutes"]),
    ("time", "d", 24.0, &["day", "days", "天"]),
    ("time", "a", 8760.0, &["year", "years", "yr", "年"]),
    // freight (mass x distance), reference t*km
    ("mass*distance", "t*km", 1.0, &["tkm", "t km", "tonne kilometer", "ton kilometer", "吨公里"]),
    ("mass*distance", "kg*km", 1e-3, &["kgkm", "kg km"]),
    // area x time (land occupation), reference m2*a
    ("area*time", "m2*a", 1.0, &["m2a", "m2*year"]),
    // volume x distance? not needed; person transport, reference p*km
    ("person*distance", "p*km", 1.0, &["pkm", "person kilometer"]),
    // radioactivity, reference kBq
    ("radioactivity", "kBq", 1.0, &["kilobecquerel"]),
    ("radioactivity", "Bq", 1e-3, &["becquerel"]),
    // dimensionless shares, reference: fraction (1 = 100 %)
    ("ratio", "fraction", 1.0, &["1", "share"]),
    ("ratio", "%", 0.01, &["percent", "pct"]),
    ("ratio", "‰", 0.001, &["permille"]),
    ("ratio", "ppm", 1e-6, &[]),
    // currencies: one dimension per currency, since exchange rates are data, not constants
    ("currency USD", "USD", 1.0, &["$", "US dollar"]),
    ("currency USD", "kUSD", 1e3, &[]),
    ("currency USD", "MUSD", 1e6, &[]),
    ("currency CNY", "CNY", 1.0, &["RMB", "yuan", "元"]),
    ("currency CNY", "kCNY", 1e3, &["千元"]),
    ("currency CNY", "10kCNY", 1e4, &["万元"]),
    ("currency EUR", "EUR", 1.0, &["€", "euro"]),
];

impl Default for UnitRegistry {
    fn default() -> Self {
        let mut r = UnitRegistry { units: HashMap::new() };
        for (dim, sym, factor, aliases) in BUILTIN {
            let def = UnitDef { symbol: (*sym).to_string(), dimension: (*dim).to_string(), factor: *factor };
            r.units.insert((*sym).to_string(), def.clone());
            for a in *aliases {
                r.units.insert((*a).to_string(), def.clone());
            }
        }
        r
    }
}

impl UnitRegistry {
    /// Every symbol and alias with its unit, sorted by key (the compiled form stores them all).
    pub(crate) fn entries(&self) -> Vec<(&str, &UnitDef)> {
        let mut v: Vec<(&str, &UnitDef)> = self.units.iter().map(|(k, d)| (k.as_str(), d)).collect();
        v.sort_by(|a, b| a.0.cmp(b.0));
        v
    }

    /// A registry of exactly these keys and units (the inverse of [`UnitRegistry::entries`]).
    pub(crate) fn from_entries(entries: impl IntoIterator<Item = (String, UnitDef)>) -> Self {
        UnitRegistry { units: entries.into_iter().collect() }
    }

    /// Looks a unit up by symbol or alias (exact match first, then case-insensitive).
    pub fn get(&self, symbol: &str) -> Option<&UnitDef> {
        let s = symbol.trim();
        self.units.get(s).or_else(|| {
            // Case-insensitive only when unambiguous: `MG` must not silently become mg or Mg.
            let mut hits = self.units.iter().filter(|(k, _)| k.eq_ignore_ascii_case(s)).map(|(_, v)| v);
            let first = hits.next()?;
            if hits.all(|v| v == first) { Some(first) } else { None }
        })
    }

    /// Adds (or redefines) a unit. Redefining a built-in unit with another factor is an error.
    pub fn add(&mut self, symbol: &str, dimension: &str, factor: f64, at: &Location) -> Result<()> {
        if !(factor.is_finite() && factor > 0.0) {
            return Err(Error::new(
                ErrorKind::Unit,
                at.clone(),
                format!("unit `{symbol}` has conversion factor {factor}"),
                "give a positive, finite factor: how many reference units one of this unit makes",
            ));
        }
        if let Some(old) = self.units.get(symbol.trim()) {
            let same = old.dimension == dimension && (old.factor - factor).abs() <= 1e-9 * old.factor;
            if !same {
                return Err(Error::new(
                    ErrorKind::Unit,
                    at.clone(),
                    format!(
                        "unit `{symbol}` is already defined as {} {} (dimension {}), not {factor} ({dimension})",
                        old.factor,
                        self.reference_symbol(&old.dimension).unwrap_or("?"),
                        old.dimension
                    ),
                    "use another symbol for the new unit",
                ));
            }
            return Ok(());
        }
        let def = UnitDef { symbol: symbol.trim().to_string(), dimension: dimension.to_string(), factor };
        self.units.insert(def.symbol.clone(), def);
        Ok(())
    }

    /// The reference unit of a dimension. Several units may have factor 1 (an imported `Nm3`
    /// beside `m3`): the built-in one wins, else the shortest symbol, then the first in order, so
    /// that the answer never depends on the order of the hash map.
    pub fn reference_symbol(&self, dimension: &str) -> Option<&str> {
        let builtin = |u: &UnitDef| BUILTIN.iter().any(|(d, s, f, _)| *d == u.dimension && *s == u.symbol && *f == 1.0);
        self.units
            .values()
            .filter(|u| u.dimension == dimension && u.factor == 1.0)
            .min_by_key(|u| (!builtin(u), u.symbol.len(), u.symbol.as_str()))
            .map(|u| u.symbol.as_str())
    }

    /// Dimension and factor of a unit, also of a quotient `a/b` of known units (e.g. `g/L`, `kgce/t`).
    pub fn resolve(&self, symbol: &str) -> Option<(String, f64)> {
        if let Some(u) = self.get(symbol) {
            return Some((u.dimension.clone(), u.factor));
        }
        let (num, den) = symbol.rsplit_once('/')?;
        let (nd, nf) = self.resolve(num)?;
        let d = self.get(den)?;
        Some((format!("{nd}/{}", d.dimension), nf / d.factor))
    }

    /// Factor that converts an amount in `from` into `to`: `amount_to = amount_from * factor`.
    pub fn factor(&self, from: &str, to: &str, at: &Location) -> Result<f64> {
        if from.trim() == to.trim() {
            return Ok(1.0);
        }
        let f = self.lookup(from, at)?;
        let t = self.lookup(to, at)?;
        if f.dimension != t.dimension {
            return Err(Error::new(
                ErrorKind::Unit,
                at.clone(),
                format!("cannot convert `{from}` ({}) into `{to}` ({})", f.dimension, t.dimension),
                format!("give the amount in a unit of dimension {}, e.g. `{}`", t.dimension, t.symbol),
            ));
        }
        Ok(f.factor / t.factor)
    }

    /// Converts `amount` from unit `from` into unit `to`.
    pub fn convert(&self, amount: f64, from: &str, to: &str, at: &Location) -> Result<f64> {
        Ok(amount * self.factor(from, to, at)?)
    }

    fn lookup(&self, symbol: &str, at: &Location) -> Result<UnitDef> {
        self.resolve(symbol)
            .map(|(dimension, factor)| UnitDef { symbol: symbol.trim().to_string(), dimension, factor })
            .ok_or_else(|| {
                Error::new(
                    ErrorKind::Unit,
                    at.clone(),
                    format!("unknown unit `{symbol}`"),
                    "use a known unit (see docs/formats.md, \"Units\") or define it in the database's units.csv",
                )
            })
    }

    /// Every known unit, sorted by dimension and factor (for documentation and `greenlca units`).
    pub fn all(&self) -> Vec<&UnitDef> {
        let mut v: Vec<&UnitDef> = self.units.values().collect();
        v.sort_by(|a, b| {
            a.dimension.cmp(&b.dimension).then(a.factor.total_cmp(&b.factor)).then(a.symbol.cmp(&b.symbol))
        });
        v.dedup_by(|a, b| a.symbol == b.symbol);
        v
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_reference_unit_does_not_depend_on_the_order_of_definition() {
        let at = Location::default();
        // Every registry hashes with its own random state: many registries, many orders.
        for _ in 0..32 {
            let mut r = UnitRegistry::default();
            r.add("Nm3", "volume", 1.0, &at).unwrap();
            assert_eq!(r.reference_symbol("volume"), Some("m3"));
        }
        // Without a built-in unit: the shortest symbol, then the first in order.
        for order in [["zz", "ab", "abc"], ["abc", "zz", "ab"]] {
            let mut r = UnitRegistry::default();
            for sym in order {
                r.add(sym, "widgets", 1.0, &at).unwrap();
            }
            assert_eq!(r.reference_symbol("widgets"), Some("ab"));
        }
    }

    #[test]
    fn converts_inside_a_dimension() {
        let r = UnitRegistry::default();
        let at = Location::default();
        assert_eq!(r.convert(2.0, "t", "kg", &at).unwrap(), 2000.0);
        assert!((r.convert(1.0, "kWh", "MJ", &at).unwrap() - 3.6).abs() < 1e-15);
        assert!((r.convert(1.0, "kgce", "kWh", &at).unwrap() - 29.3076 / 3.6).abs() < 1e-12);
        assert_eq!(r.convert(500.0, "kg*km", "tkm", &at).unwrap(), 0.5);
        assert_eq!(r.convert(3.0, "千克", "g", &at).unwrap(), 3000.0);
    }

    #[test]
    fn refuses_across_dimensions_and_unknown_units() {
        let r = UnitRegistry::default();
        let at = Location::entity("exchange 3");
        let e = r.convert(1.0, "kg", "kWh", &at).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Unit);
        assert!(e.message.contains("mass") && e.message.contains("energy"), "{e}");
        let e = r.convert(1.0, "furlong", "m", &at).unwrap_err();
        assert!(e.message.contains("unknown unit `furlong`"));
        assert!(r.convert(1.0, "USD", "CNY", &at).is_err());
    }

    #[test]
    fn quotients_and_shares() {
        let r = UnitRegistry::default();
        let at = Location::default();
        assert!((r.convert(35.0, "g/L", "kg/m3", &at).unwrap() - 35.0).abs() < 1e-12);
        assert!((r.convert(0.5, "kgce/kg", "tce/t", &at).unwrap() - 0.5).abs() < 1e-12);
        assert!((r.convert(0.3, "fraction", "%", &at).unwrap() - 30.0).abs() < 1e-12);
        assert!(r.convert(1.0, "g/L", "g/kg", &at).is_err());
    }

    #[test]
    fn redefinition_with_another_factor_is_refused() {
        let mut r = UnitRegistry::default();
        let at = Location::default();
        assert!(r.add("kg", "mass", 1.0, &at).is_ok());
        assert!(r.add("kg", "mass", 2.0, &at).is_err());
        assert!(r.add("bag", "count", 0.0, &at).is_err());
        r.add("bag50", "mass", 50.0, &at).unwrap();
        assert_eq!(r.convert(2.0, "bag50", "kg", &at).unwrap(), 100.0);
    }
}
