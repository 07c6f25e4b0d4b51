//! The product-unit part of `[product]` in a product model: the product unit, how many product
//! units the functional unit holds, the product's mass, volume and area, and declared properties
//! (docs/formats.md, "Product model"). Indicators per piece or per t of product rest on these.

use std::collections::BTreeMap;

use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::formula::Formula;
use crate::model::{ProductQuantity, PropertyValue};

/// The keys of `[product]` this file reads.
pub(crate) struct RawProductBasis {
    pub product_unit: Option<String>,
    pub units_per_fu: Option<toml::Value>,
    pub mass: Option<toml::Value>,
    pub volume: Option<toml::Value>,
    pub area: Option<toml::Value>,
    pub properties: BTreeMap<String, toml::Value>,
}

/// The checked declarations.
pub(crate) struct ProductBasis {
    pub product_unit: Option<String>,
    pub units_per_fu: Option<String>,
    pub mass: Option<ProductQuantity>,
    pub volume: Option<ProductQuantity>,
    pub area: Option<ProductQuantity>,
    pub properties: Vec<(String, PropertyValue)>,
}

/// A number or formula string as formula text; its names must be parameters of the model.
fn formula_text(v: &toml::Value, key: &str, parameters: &[&str], at: &Location) -> Result<String> {
    let text = match v {
        toml::Value::Integer(i) => i.to_string(),
        toml::Value::Float(x) => x.to_string(),
        toml::Value::String(s) => s.clone(),
        _ => {
            return Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("`{key}` must be a number or a formula"),
                format!("write e.g. {key} = \"fu_years / lifetime_years\""),
            ));
        }
    };
    let f = Formula::parse(&text, at)?;
    if let Some(v) = f.variables().iter().find(|v| !parameters.contains(&v.as_str())) {
        return Err(Error::new(
            ErrorKind::UnknownId,
            at.clone(),
            format!("`{key}` uses `{v}`, which is not a parameter of the model"),
            format!("define `{v}` under [parameters] or correct the spelling"),
        ));
    }
    Ok(text)
}

fn quantity(v: &toml::Value, key: &str, parameters: &[&str], at: &Location) -> Result<ProductQuantity> {
    let hint = format!(
        "write {key} = {{ value = 1.2, unit = \"kg\" }} or {{ formula = \"body_kg + lid_kg\", unit = \"kg\" }}"
    );
    let t = v.as_table().ok_or_else(|| {
        Error::new(
            ErrorKind::Value,
            at.clone(),
            format!("`{key}` must be a table with a value or formula and a unit"),
            hint.clone(),
        )
    })?;
    let unit = t
        .get("unit")
        .and_then(|u| u.as_str())
        .ok_or_else(|| Error::new(ErrorKind::Value, at.clone(), format!("`{key}` has no unit"), hint.clone()))?;
    let amount = match (t.get("value"), t.get("formula")) {
        (Some(x), None) | (None, Some(x)) => x,
        _ => {
            return Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("`{key}` needs either `value` or `formula`"),
                hint,
            ));
        }
    };
    Ok(ProductQuantity { formula: formula_text(amount, key, parameters, at)?, unit: unit.to_string() })
}

fn property(name: &str, v: &toml::Value, at: &Location) -> Result<PropertyValue> {
    let hint = "write e.g. capacity = { value = 1.7, unit = \"l\" } or body = \"plastic\"";
    match v {
        toml::Value::String(s) => Ok(PropertyValue::Text(s.clone())),
        toml::Value::Table(t) => match (
            t.get("value").and_then(|x| x.as_float().or(x.as_integer().map(|i| i as f64))),
            t.get("unit").and_then(|u| u.as_str()),
        ) {
            (Some(x), Some(u)) if x.is_finite() => Ok(PropertyValue::Number(x, u.to_string())),
            _ => Err(Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("property `{name}` needs a finite `value` and a `unit`"),
                hint,
            )),
        },
        _ => Err(Error::new(
            ErrorKind::Value,
            at.clone(),
            format!("property `{name}` must be a text or a value with a unit"),
            hint,
        )),
    }
}

/// Checks the declarations against the model's parameter names.
pub(crate) fn product_basis(raw: RawProductBasis, parameters: &[&str], at: &Location) -> Result<ProductBasis> {
    let mut problems = Collector::default();
    let units_per_fu =
        raw.units_per_fu.as_ref().and_then(|v| problems.take(formula_text(v, "units_per_fu", parameters, at)));
    let mut q =
        |v: &Option<toml::Value>, key: &str| v.as_ref().and_then(|v| problems.take(quantity(v, key, parameters, at)));
    let (mass, volume, area) = (q(&raw.mass, "mass"), q(&raw.volume, "volume"), q(&raw.area, "area"));
    let mut properties = Vec::new();
    for (name, v) in &raw.properties {
        let at = at.clone().with_entity(format!("[product.properties] {name}"));
        if let Some(p) = problems.take(property(name, v, &at)) {
            properties.push((name.clone(), p));
        }
    }
    problems.finish(ProductBasis { product_unit: raw.product_unit, units_per_fu, mass, volume, area, properties })
}
