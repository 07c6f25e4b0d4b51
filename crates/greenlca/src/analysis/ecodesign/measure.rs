//! The value of an indicator for one product result, in the indicator's unit and per the
//! specification's basis.

use crate::error::{Error, ErrorKind, Location, Result};
use crate::matrix::TechSystem;
use crate::matrix::foreground::{Foreground, ForegroundEntry, Target};
use crate::model::spec::{Evidence, ForegroundMeasure, Indicator, Measure};
use crate::model::{ForegroundKind, ProductInfo, PropertyValue, Stage, UnitRegistry};

use super::energy::EnergyTable;
use super::units::convert_quantity;

/// Inventory of the stages in scope (`None`: whole life cycle), by flow row.
pub type InventoryFn<'a> = dyn Fn(Option<&[Stage]>) -> Result<Vec<f64>> + 'a;

/// What an indicator value is computed from.
pub struct MeasureInputs<'a> {
    pub units: &'a UnitRegistry,
    /// The resolved product.
    pub foreground: &'a Foreground,
    /// Category totals per stage, for LCIA measures: (stage, value per category).
    pub stages: &'a [(Stage, Vec<f64>)],
    /// Category ids and units, in the order of the values.
    pub categories: &'a [(String, String)],
    /// Inventory of the stages in scope (`None`: whole life cycle), by flow row; with flow ids and units.
    pub inventory: &'a InventoryFn<'a>,
    /// The background system (names and units of rows and columns).
    pub system: &'a TechSystem,
    /// GB/T 2589 coefficients.
    pub energy: &'a EnergyTable,
    /// Declared values.
    pub evidence: &'a Evidence,
    /// Specification basis / model reference flow: results per functional unit are multiplied by it.
    pub basis_scale: f64,
    /// The product's declarations (product unit, mass, properties).
    pub product: &'a ProductInfo,
}

/// A value and what it is made of.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasuredValue {
    /// The value, in the indicator's unit, per the specification's basis.
    pub value: f64,
    /// Contributions (label, value) that add up to it, where that makes sense.
    pub breakdown: Vec<(String, f64)>,
    /// The evidence behind a declared value.
    pub evidence: Option<String>,
    /// The same in Chinese, when the evidence file gives it.
    pub evidence_zh: Option<String>,
}

fn in_scope(stages: Option<&[Stage]>, s: Stage) -> bool {
    stages.is_none_or(|list| list.contains(&s))
}

/// Computes the value of `ind`; `Ok(None)` when a declared value is missing from the evidence.
pub fn measure(ind: &Indicator, x: &MeasureInputs<'_>) -> Result<Option<MeasuredValue>> {
    let at = &ind.origin;
    let scope = ind.stages.as_deref();
    let unit = super::basis::value_unit(ind, x.units);
    let scale = super::basis::factor(ind, x.product, &x.foreground.parameters, x.units, x.basis_scale)?;
    match &ind.measure {
        Measure::Lcia(cat) => {
            let k = x.categories.iter().position(|(id, _)| id == cat).ok_or_else(|| unknown_category(cat, x, at))?;
            let conv = convert_quantity(x.units, 1.0, &x.categories[k].1, &unit, at)?;
            let breakdown: Vec<(String, f64)> = x
                .stages
                .iter()
                .filter(|(s, _)| in_scope(scope, *s))
                .map(|(s, v)| (s.id().to_string(), v[k] * conv * scale))
                .collect();
            Ok(Some(MeasuredValue {
                value: breakdown.iter().map(|b| b.1).sum(),
                breakdown,
                evidence: None,
                evidence_zh: None,
            }))
        }
        Measure::Flow(id) => {
            let row = x.system.flow_index.get(id).ok_or_else(|| {
                Error::new(
                    ErrorKind::UnknownId,
                    at.clone(),
                    format!("flow `{id}` is not an elementary flow of the database"),
                    "name an elementary flow id of the database (flows.csv)",
                )
            })?;
            let conv = x.units.factor(&x.system.flows[row].unit, &unit, at)?;
            let g = (x.inventory)(scope)?;
            Ok(Some(MeasuredValue {
                value: g[row] * conv * scale,
                breakdown: Vec::new(),
                evidence: None,
                evidence_zh: None,
            }))
        }
        Measure::Declared(key) => {
            let Some((_, d)) = x.evidence.declared.iter().find(|(k, _)| k == key) else { return Ok(None) };
            let v = if d.unit.is_empty() && unit.is_empty() {
                d.value
            } else {
                x.units.convert(d.value, &d.unit, &unit, &d.origin)?
            };
            Ok(Some(MeasuredValue {
                value: v,
                breakdown: Vec::new(),
                evidence: Some(d.evidence.clone()),
                evidence_zh: d.evidence_zh.clone(),
            }))
        }
        Measure::Foreground(m) => {
            let entries: Vec<&ForegroundEntry> =
                x.foreground.entries.iter().filter(|e| in_scope(scope, e.stage)).collect();
            let (value, breakdown) = foreground_measure(*m, &entries, x, at)?;
            let conv = x.units.factor(m.unit(), &unit, at)?;
            let scale = conv * scale;
            Ok(Some(MeasuredValue {
                value: value * scale,
                breakdown: breakdown.into_iter().map(|(l, v)| (l, v * scale)).collect(),
                evidence: None,
                evidence_zh: None,
            }))
        }
        Measure::Tagged(tag) => {
            let mut breakdown = Vec::new();
            for e in x.foreground.entries.iter().filter(|e| in_scope(scope, e.stage) && e.tags.iter().any(|t| t == tag))
            {
                let v = x.units.convert(product_amount(e), &entry_unit(e, x), &unit, &e.origin)?;
                breakdown.push((e.label.clone().unwrap_or_else(|| e.id.clone()), v * scale));
            }
            Ok(Some(MeasuredValue {
                value: breakdown.iter().map(|b| b.1).sum(),
                breakdown,
                evidence: None,
                evidence_zh: None,
            }))
        }
        Measure::Ratio(num, den) => {
            let sum = |tag: &str, common: &mut Option<String>| -> Result<f64> {
                let mut total = 0.0;
                for e in
                    x.foreground.entries.iter().filter(|e| in_scope(scope, e.stage) && e.tags.iter().any(|t| t == tag))
                {
                    let u = entry_unit(e, x);
                    let to = common.get_or_insert_with(|| u.clone()).clone();
                    total += x.units.convert(product_amount(e), &u, &to, &e.origin)?;
                }
                Ok(total)
            };
            let mut common = None;
            let d = sum(den, &mut common)?;
            let n = sum(num, &mut common)?;
            if d == 0.0 {
                return Err(Error::new(
                    ErrorKind::Value,
                    at.clone(),
                    format!("no exchange in scope is tagged `{den}`, so the ratio is undefined"),
                    format!("tag the exchanges of the denominator with tags = [\"{den}\"]"),
                ));
            }
            let conv = x.units.factor("fraction", &unit, at)?;
            Ok(Some(MeasuredValue {
                value: n / d * conv * scale,
                breakdown: Vec::new(),
                evidence: None,
                evidence_zh: None,
            }))
        }
        Measure::Property(name) => {
            let Some((_, p)) = x.product.properties.iter().find(|(k, _)| k == name) else {
                return Err(Error::new(
                    ErrorKind::UnknownId,
                    at.clone(),
                    format!("the model declares no product property `{name}`"),
                    format!("declare it under [product.properties], e.g. {name} = {{ value = 1.7, unit = \"l\" }}"),
                ));
            };
            let PropertyValue::Number(v, u) = p else {
                return Err(Error::new(
                    ErrorKind::Value,
                    at.clone(),
                    format!("product property `{name}` is a text, not a number"),
                    "compare text properties with a limit table's `when`",
                ));
            };
            Ok(Some(MeasuredValue {
                value: x.units.convert(*v, u, &unit, at)? * scale,
                breakdown: Vec::new(),
                evidence: None,
                evidence_zh: None,
            }))
        }
    }
}

fn unknown_category(cat: &str, x: &MeasureInputs<'_>, at: &Location) -> Error {
    Error::new(
        ErrorKind::UnknownId,
        at.clone(),
        format!("category `{cat}` is not among the model's methods"),
        format!(
            "{}use one of: {} (or add the method to the model's `methods`)",
            crate::did_you_mean(cat, x.categories.iter().map(|c| c.0.as_str()))
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default(),
            x.categories.iter().map(|c| c.0.as_str()).collect::<Vec<_>>().join(", ")
        ),
    )
}

/// Amount of an entry in the reference unit of its provider's product (positive for inputs).
fn product_amount(e: &ForegroundEntry) -> f64 {
    e.value.abs()
}

fn foreground_measure(
    m: ForegroundMeasure,
    entries: &[&ForegroundEntry],
    x: &MeasureInputs<'_>,
    at: &Location,
) -> Result<(f64, Vec<(String, f64)>)> {
    let label = |e: &ForegroundEntry| e.label.clone().unwrap_or_else(|| e.id.clone());
    let mut breakdown = Vec::new();
    match m {
        ForegroundMeasure::EnergyKgce => {
            for e in entries.iter().filter(|e| e.kind == ForegroundKind::Input) {
                let Target::Column(c) = e.target else { continue };
                let col = &x.system.columns[c];
                let (Some(flow), unit) = (&col.product, &col.unit) else { continue };
                match x.energy.for_flow(flow) {
                    Some(coef) => {
                        let amount = x.units.convert(product_amount(e), unit, &coef.unit, &e.origin)?;
                        breakdown.push((label(e), amount * coef.kgce_per_unit));
                    }
                    None if e.tags.iter().any(|t| t == "energy") => {
                        return Err(Error::new(
                            ErrorKind::UnknownId,
                            e.origin.clone(),
                            format!(
                                "exchange is tagged `energy` but its product `{flow}` has no GB/T 2589 coefficient"
                            ),
                            "map the flow to a carrier in energy_carriers.csv (beside the coefficient table)",
                        ));
                    }
                    None => {}
                }
            }
        }
        ForegroundMeasure::FreshWater => {
            for e in entries.iter().filter(|e| e.tags.iter().any(|t| t == "fresh_water")) {
                let unit = entry_unit(e, x);
                breakdown.push((label(e), x.units.convert(product_amount(e), &unit, "m3", &e.origin)?));
            }
        }
        ForegroundMeasure::PackagingMass => {
            for e in
                entries.iter().filter(|e| e.tags.iter().any(|t| t == "packaging") && e.kind == ForegroundKind::Input)
            {
                let unit = entry_unit(e, x);
                breakdown.push((label(e), x.units.convert(product_amount(e), &unit, "kg", &e.origin)?));
            }
        }
        ForegroundMeasure::RecycledContent => {
            let mut total = 0.0;
            let mut recycled = 0.0;
            for e in
                entries.iter().filter(|e| e.tags.iter().any(|t| t == "material") && e.kind == ForegroundKind::Input)
            {
                let unit = entry_unit(e, x);
                let mass = x.units.convert(product_amount(e), &unit, "kg", &e.origin)?;
                total += mass;
                let r = mass * e.recycled_fraction.unwrap_or(0.0);
                recycled += r;
                breakdown.push((label(e), r));
            }
            if total == 0.0 {
                return Err(Error::new(
                    ErrorKind::Value,
                    at.clone(),
                    "no input in scope is tagged `material`, so recycled content is undefined",
                    "tag the material inputs with tags = [\"material\"] and give recycled_fraction where it is not 0",
                ));
            }
            let share = recycled / total;
            return Ok((share, breakdown.into_iter().map(|(l, r)| (l, r / total)).collect()));
        }
    }
    Ok((breakdown.iter().map(|b| b.1).sum(), breakdown))
}

/// Unit in which `e.value` is expressed: the provider's reference unit or the flow's unit.
fn entry_unit(e: &ForegroundEntry, x: &MeasureInputs<'_>) -> String {
    match e.target {
        Target::Column(c) => x.system.columns[c].unit.clone(),
        Target::Flow(f) => x.system.flows[f].unit.clone(),
    }
}
