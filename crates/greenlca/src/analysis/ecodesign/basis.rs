//! The basis of an indicator: a value per functional unit becomes a value per product unit or per
//! amount of product (per t, per m²) with the product declarations of the model, evaluated with the
//! variant's parameters. Gate-to-gate indicators per product unit therefore do not change when
//! only the use pattern or the lifetime changes.

use crate::error::{Error, ErrorKind, Location, Result};
use crate::formula::Formula;
use crate::model::spec::{Basis, Indicator};
use crate::model::{ProductInfo, ProductQuantity, PropertyValue, UnitRegistry};

/// The unit a measure is computed in for `ind`: the indicator's unit without the denominator its
/// basis divides by (`kgce/t` per mass: `kgce`; `kg/件` per product unit: `kg`).
pub fn value_unit(ind: &Indicator, units: &UnitRegistry) -> String {
    match (&ind.basis, ind.unit.rsplit_once('/')) {
        (Basis::Quantity(_), Some((num, _))) => num.trim().to_string(),
        (Basis::ProductUnit, Some((num, den))) if units.resolve(den.trim()).is_some_and(|(d, _)| d == "count") => {
            num.trim().to_string()
        }
        _ => ind.unit.clone(),
    }
}

/// Evaluates a formula of the model's parameters with the variant's values.
fn eval(text: &str, parameters: &[(String, f64)], at: &Location) -> Result<f64> {
    Formula::parse(text, at)?.eval(|n| parameters.iter().find(|(k, _)| k == n).map(|(_, v)| *v), at)
}

/// Product units in one functional unit.
pub fn units_per_fu(product: &ProductInfo, parameters: &[(String, f64)], at: &Location) -> Result<f64> {
    let text = product
        .units_per_fu
        .as_deref()
        .ok_or_else(|| missing(at, "units_per_fu", "units_per_fu = \"fu_years / lifetime_years\""))?;
    let n = eval(text, parameters, at)?;
    if !(n.is_finite() && n > 0.0) {
        return Err(Error::new(
            ErrorKind::Value,
            at.clone(),
            format!("the functional unit holds {n} product units (units_per_fu = `{text}`)"),
            "units_per_fu must be positive for every variant",
        ));
    }
    Ok(n)
}

fn missing(at: &Location, key: &str, example: &str) -> Error {
    Error::new(
        ErrorKind::Invalid,
        at.clone(),
        format!("the indicator's basis needs `{key}` in the model's [product], which the model does not declare"),
        format!("declare it in the product model, e.g. {example}, or give the indicator another basis"),
    )
}

/// The product quantity of a dimension (`mass`, `volume`, `area`).
pub fn quantity<'a>(product: &'a ProductInfo, dimension: &str) -> Option<&'a ProductQuantity> {
    match dimension {
        "mass" => product.mass.as_ref(),
        "volume" => product.volume.as_ref(),
        "area" => product.area.as_ref(),
        _ => None,
    }
}

/// Checks that the model can give the basis `ind` asks for and that its unit fits (before any
/// computation): exit 2 with the indicator's location otherwise.
pub fn check_basis(ind: &Indicator, product: &ProductInfo, units: &UnitRegistry) -> Result<()> {
    let at = &ind.origin;
    match &ind.basis {
        Basis::FunctionalUnit | Basis::Property => Ok(()),
        Basis::ProductUnit => product
            .units_per_fu
            .as_ref()
            .map(|_| ())
            .ok_or_else(|| missing(at, "units_per_fu", "units_per_fu = \"fu_years / lifetime_years\"")),
        Basis::Quantity(dim) => {
            product
                .units_per_fu
                .as_ref()
                .ok_or_else(|| missing(at, "units_per_fu", "units_per_fu = \"fu_years / lifetime_years\""))?;
            let q = quantity(product, dim).ok_or_else(|| {
                missing(
                    at,
                    dim,
                    &format!(
                        "{dim} = {{ formula = \"...\", unit = \"{}\" }}",
                        match dim.as_str() {
                            "mass" => "kg",
                            "volume" => "l",
                            _ => "m2",
                        }
                    ),
                )
            })?;
            let den = ind.unit.rsplit_once('/').map(|(_, d)| d.trim()).unwrap_or("");
            match units.resolve(den) {
                Some((d, _)) if d == *dim => units.factor(&q.unit, den, at).map(|_| ()),
                _ => Err(Error::new(
                    ErrorKind::Unit,
                    at.clone(),
                    format!(
                        "the indicator is per {dim} of product, but its unit `{}` is not per a unit of {dim}",
                        ind.unit
                    ),
                    format!(
                        "write the unit as a quotient, e.g. `kgce/t` or `m3/t` for per mass (the model declares {dim} in {})",
                        q.unit
                    ),
                )),
            }
        }
    }
}

/// Multiplier from a value per functional unit (in the value unit) to the indicator's basis.
pub fn factor(
    ind: &Indicator,
    product: &ProductInfo,
    parameters: &[(String, f64)],
    units: &UnitRegistry,
    basis_scale: f64,
) -> Result<f64> {
    let at = &ind.origin;
    match &ind.basis {
        Basis::FunctionalUnit => Ok(basis_scale),
        Basis::Property => Ok(1.0),
        Basis::ProductUnit => Ok(1.0 / units_per_fu(product, parameters, at)?),
        Basis::Quantity(dim) => {
            let n = units_per_fu(product, parameters, at)?;
            let q = quantity(product, dim).ok_or_else(|| missing(at, dim, "mass = { value = 1.2, unit = \"kg\" }"))?;
            let den = ind.unit.rsplit_once('/').map(|(_, d)| d.trim()).unwrap_or("");
            let amount = units.convert(eval(&q.formula, parameters, at)?, &q.unit, den, at)?;
            if !(amount.is_finite() && amount > 0.0) {
                return Err(Error::new(
                    ErrorKind::Value,
                    at.clone(),
                    format!("the product's {dim} is {amount} {den}"),
                    format!("the model's {dim} must be positive for every variant"),
                ));
            }
            Ok(1.0 / (n * amount))
        }
    }
}

/// A numeric product property in `unit`, or a text property.
pub fn property_value(
    product: &ProductInfo,
    name: &str,
    unit: Option<&str>,
    units: &UnitRegistry,
    at: &Location,
) -> Result<PropertyValue> {
    let Some((_, v)) = product.properties.iter().find(|(k, _)| k == name) else {
        return Err(Error::new(
            ErrorKind::UnknownId,
            at.clone(),
            format!("the specification uses the product property `{name}`, which the model does not declare"),
            format!(
                "declare it under [product.properties], e.g. {name} = {{ value = 1.7, unit = \"l\" }} or {name} = \"plastic\""
            ),
        ));
    };
    match (v, unit) {
        (PropertyValue::Number(x, u), Some(to)) => {
            Ok(PropertyValue::Number(units.convert(*x, u, to, at)?, to.to_string()))
        }
        (PropertyValue::Text(t), None) => Ok(PropertyValue::Text(t.clone())),
        (PropertyValue::Number(..), None) => Err(Error::new(
            ErrorKind::Value,
            at.clone(),
            format!("the specification takes `{name}` as a text (a sub-type), but the model declares a number"),
            "declare the property as a text in the model, or give its unit in the specification's [standard] properties",
        )),
        (PropertyValue::Text(_), Some(u)) => Err(Error::new(
            ErrorKind::Value,
            at.clone(),
            format!("the specification takes `{name}` as a number in {u}, but the model declares a text"),
            format!("declare it as {name} = {{ value = ..., unit = \"{u}\" }} in the model"),
        )),
    }
}
