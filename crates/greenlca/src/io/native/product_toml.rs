//! Reads a product model (docs/formats.md, "Product model").

use std::collections::{BTreeMap, HashSet};
use std::path::Path;

use serde::Deserialize;
use toml::Spanned;

use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::io::{Lines, toml_error};
use crate::model::{
    Boundary, Distribution, ForegroundExchange, ForegroundKind, Parameter, ProductInfo, ProductModel, Relink, Scope,
    StageScheme, Swap, Variant,
};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    product: RawProduct,
    database: Option<Spanned<RawDatabase>>,
    methods: Option<Vec<String>>,
    spec: Option<String>,
    evidence: Option<String>,
    base_name: Option<String>,
    stage_scheme: Option<Spanned<toml::Value>>,
    #[serde(default)]
    boundary: Boundary,
    #[serde(default)]
    parameters: BTreeMap<String, Spanned<toml::Value>>,
    #[serde(default)]
    exchange: Vec<Spanned<RawExchange>>,
    #[serde(default)]
    variant: Vec<Spanned<RawVariant>>,
    #[serde(default)]
    relink: Vec<Spanned<RawRelink>>,
}

/// `database = "path"`, or the layers in order: `database = ["default", "my-layer"]`.
#[derive(Deserialize)]
#[serde(untagged)]
enum RawDatabase {
    One(String),
    Layers(Vec<String>),
}

#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawRelink {
    from: String,
    to: String,
    #[serde(default)]
    within: Vec<String>,
}

impl RawRelink {
    pub(crate) fn into_relink(self, origin: Location) -> Relink {
        Relink { from: self.from, to: self.to, within: self.within, origin }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawProduct {
    id: String,
    name: String,
    name_zh: Option<String>,
    category: Option<String>,
    category_zh: Option<String>,
    producer: Option<String>,
    functional_unit: String,
    functional_unit_zh: Option<String>,
    reference_amount: Option<f64>,
    unit: Option<String>,
    description: Option<String>,
    description_zh: Option<String>,
    product_unit: Option<String>,
    units_per_fu: Option<toml::Value>,
    mass: Option<toml::Value>,
    volume: Option<toml::Value>,
    area: Option<toml::Value>,
    #[serde(default)]
    properties: BTreeMap<String, toml::Value>,
}

/// An exchange as written; also used by scenario files and evidence.
#[derive(Deserialize, Clone)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawExchange {
    id: Option<String>,
    label: Option<String>,
    stage: String,
    provider: Option<String>,
    flow: Option<String>,
    kind: Option<String>,
    amount: Option<f64>,
    formula: Option<String>,
    unit: String,
    uncertainty: Option<RawUncertainty>,
    #[serde(default)]
    tags: Vec<String>,
    recycled_fraction: Option<f64>,
    source: Option<String>,
    comment: Option<String>,
}

/// A distribution as written in TOML.
#[derive(Deserialize, Clone, Default)]
#[serde(deny_unknown_fields)]
pub(crate) struct RawUncertainty {
    distribution: String,
    gsd: Option<f64>,
    sigma: Option<f64>,
    mu: Option<f64>,
    mean: Option<f64>,
    sd: Option<f64>,
    min: Option<f64>,
    mode: Option<f64>,
    max: Option<f64>,
    pedigree: Option<Vec<u8>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawVariant {
    id: String,
    name: Option<String>,
    name_zh: Option<String>,
    description: Option<String>,
    description_zh: Option<String>,
    #[serde(default)]
    set: BTreeMap<String, f64>,
    #[serde(default)]
    swap: Vec<RawSwap>,
    #[serde(default)]
    relink: Vec<RawRelink>,
    #[serde(default)]
    remove: Vec<String>,
    #[serde(default)]
    add: Vec<Spanned<RawExchange>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawSwap {
    from: String,
    to: String,
    stage: Option<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawParameter {
    value: Option<f64>,
    formula: Option<String>,
    unit: Option<String>,
    min: Option<f64>,
    max: Option<f64>,
    uncertainty: Option<RawUncertainty>,
    description: Option<String>,
    source: Option<String>,
}

/// Reads a product model file and checks it on its own (links to the database are checked when the
/// model is resolved against one).
pub fn read_product_model(path: &Path) -> Result<ProductModel> {
    let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::InvalidData => {
            Error::new(ErrorKind::Syntax, Location::file(path), "the file is not valid UTF-8", "save it as UTF-8")
        }
        _ => Error::io(path, &e),
    })?;
    let raw: RawModel = toml::from_str(&text).map_err(|e| toml_error(path, &text, &e))?;
    let mut problems = Collector::default();
    let lines = Lines::new(&text);
    let at_span = |span: std::ops::Range<usize>| Location::line(path, lines.line(span.start));

    let p = raw.product;
    let reference_amount = p.reference_amount.unwrap_or(1.0);
    if !(reference_amount.is_finite() && reference_amount > 0.0) {
        problems.push(Error::new(
            ErrorKind::Value,
            Location::file(path).with_entity("[product]"),
            format!("reference_amount is {reference_amount}"),
            "give a positive amount",
        ));
    }
    let names: Vec<&str> = raw.parameters.keys().map(String::as_str).collect();
    let basis_at = Location::file(path).with_entity("[product]");
    let b = problems.take(super::product_basis_toml::product_basis(
        super::product_basis_toml::RawProductBasis {
            product_unit: p.product_unit,
            units_per_fu: p.units_per_fu,
            mass: p.mass,
            volume: p.volume,
            area: p.area,
            properties: p.properties,
        },
        &names,
        &basis_at,
    ));
    let b = b.unwrap_or(super::product_basis_toml::ProductBasis {
        product_unit: None,
        units_per_fu: None,
        mass: None,
        volume: None,
        area: None,
        properties: Vec::new(),
    });
    let product = ProductInfo {
        product_unit: b.product_unit,
        units_per_fu: b.units_per_fu,
        mass: b.mass,
        volume: b.volume,
        area: b.area,
        properties: b.properties,
        id: p.id,
        name: p.name,
        name_zh: p.name_zh,
        category: p.category,
        category_zh: p.category_zh,
        producer: p.producer,
        functional_unit: p.functional_unit,
        functional_unit_zh: p.functional_unit_zh,
        reference_amount,
        unit: p.unit.unwrap_or_else(|| "unit".into()),
        description: p.description,
        description_zh: p.description_zh,
    };

    let scheme = match &raw.stage_scheme {
        None => StageScheme::gbt(),
        Some(v) => {
            let at = at_span(v.span()).with_entity("stage_scheme");
            problems.take(super::stage_scheme_toml::scheme_value(v.get_ref(), &at)).unwrap_or_default()
        }
    };

    let mut parameters = Vec::new();
    for (name, value) in &raw.parameters {
        let at = at_span(value.span()).with_entity(format!("parameter `{name}`"));
        if let Some(param) = problems.take(parameter(name, value.get_ref(), at)) {
            parameters.push(param);
        }
    }

    let mut exchanges = Vec::new();
    let mut ids = HashSet::new();
    for (i, ex) in raw.exchange.iter().enumerate() {
        let at = at_span(ex.span());
        if let Some(e) = problems.take(exchange(ex.get_ref(), i, at.clone(), &scheme)) {
            if !ids.insert(e.id.clone()) {
                problems.push(Error::new(
                    ErrorKind::DuplicateId,
                    at,
                    format!("exchange id `{}` is used twice", e.id),
                    "give each [[exchange]] its own id",
                ));
            }
            exchanges.push(e);
        }
    }

    let mut variants = Vec::new();
    let mut variant_ids = HashSet::from(["base".to_string()]);
    for v in &raw.variant {
        let at = at_span(v.span()).with_entity(format!("variant `{}`", v.get_ref().id));
        let rv = v.get_ref();
        if !variant_ids.insert(rv.id.clone()) {
            problems.push(Error::new(
                ErrorKind::DuplicateId,
                at.clone(),
                format!("variant id `{}` is used twice (`base` is the base model)", rv.id),
                "give each variant its own id",
            ));
        }
        for id in &rv.remove {
            if !ids.contains(id) {
                problems.push(Error::new(
                    ErrorKind::UnknownId,
                    at.clone(),
                    format!("`remove` names exchange `{id}`, which the model lacks"),
                    "use an id of an [[exchange]]",
                ));
            }
        }
        let mut swaps = Vec::new();
        for s in &rv.swap {
            let stage = match &s.stage {
                None => None,
                Some(st) => match scheme.parse(st) {
                    Some(x) => Some(x),
                    None => {
                        problems.push(scheme.unknown(st, at.clone()));
                        continue;
                    }
                },
            };
            swaps.push(Swap { from: s.from.clone(), to: s.to.clone(), stage, origin: at.clone() });
        }
        let mut add = Vec::new();
        for (i, ex) in rv.add.iter().enumerate() {
            let eat = at_span(ex.span()).with_entity(format!("variant `{}`", rv.id));
            if let Some(e) = problems.take(exchange(ex.get_ref(), exchanges.len() + i, eat, &scheme)) {
                add.push(e);
            }
        }
        variants.push(Variant {
            id: rv.id.clone(),
            name: rv.name.clone().unwrap_or_else(|| rv.id.clone()),
            name_zh: rv.name_zh.clone(),
            description: rv.description.clone(),
            description_zh: rv.description_zh.clone(),
            set: rv.set.iter().map(|(k, v)| (k.clone(), *v)).collect(),
            swaps,
            relinks: rv.relink.iter().map(|r| r.clone().into_relink(at.clone())).collect(),
            add,
            remove: rv.remove.clone(),
            origin: at,
        });
    }

    let (database, layers) = match raw.database {
        None => (None, Vec::new()),
        Some(d) => {
            let at = at_span(d.span()).with_entity("database");
            match d.into_inner() {
                RawDatabase::One(one) => (Some(one), Vec::new()),
                RawDatabase::Layers(list) if list.is_empty() => {
                    problems.push(Error::new(
                        ErrorKind::Value,
                        at,
                        "`database` lists no layers",
                        "write database = [\"default\", \"my-layer\"] (the database first, then your folders), or leave it out",
                    ));
                    (None, Vec::new())
                }
                RawDatabase::Layers(mut list) => {
                    let first = list.remove(0);
                    ((first != "default").then_some(first), list)
                }
            }
        }
    };
    let relinks =
        raw.relink.iter().map(|r| r.get_ref().clone().into_relink(at_span(r.span()).with_entity("relink"))).collect();
    let model = ProductModel {
        path: path.to_path_buf(),
        product,
        database,
        layers,
        relinks,
        methods: raw.methods.unwrap_or_default(),
        spec: raw.spec,
        evidence: raw.evidence,
        parameters,
        exchanges,
        variants,
        base_name: raw.base_name.unwrap_or_else(|| "base".into()),
        boundary: raw.boundary,
        stage_scheme: scheme,
    };
    problems.finish(model)
}

fn parameter(name: &str, value: &toml::Value, at: Location) -> Result<Parameter> {
    if !crate::formula::is_usable_name(name) {
        return Err(crate::formula::unusable_name(name, at));
    }
    let raw: RawParameter = match value {
        toml::Value::Integer(i) => RawParameter::plain(*i as f64),
        toml::Value::Float(x) => RawParameter::plain(*x),
        toml::Value::String(f) => RawParameter { formula: Some(f.clone()), ..RawParameter::plain(0.0).without_value() },
        other => other.clone().try_into().map_err(|e: toml::de::Error| {
            Error::new(
                ErrorKind::Syntax,
                at.clone(),
                e.message().trim().to_string(),
                "write a number, a formula string, or a table with value or formula (docs/formats.md)",
            )
        })?,
    };
    if raw.value.is_some() == raw.formula.is_some() {
        return Err(Error::new(
            ErrorKind::Value,
            at,
            "give either `value` or `formula`",
            "an input parameter has a value; a dependent one has a formula",
        ));
    }
    if let Some(v) = raw.value {
        if !v.is_finite() {
            return Err(Error::new(ErrorKind::Value, at, format!("value {v} is not finite"), "give a finite number"));
        }
        if let (Some(lo), Some(hi)) = (raw.min, raw.max)
            && !(lo <= v && v <= hi)
        {
            return Err(Error::new(
                ErrorKind::Value,
                at,
                format!("value {v} lies outside its range [{lo}, {hi}]"),
                "correct the value or the range",
            ));
        }
    }
    let uncertainty = match (&raw.uncertainty, raw.value) {
        (Some(u), Some(v)) => Some(distribution(u, v, &at)?),
        (Some(_), None) => {
            return Err(Error::new(
                ErrorKind::Distribution,
                at,
                "a parameter with a formula cannot carry its own distribution",
                "put the uncertainty on the input parameters the formula uses",
            ));
        }
        _ => None,
    };
    Ok(Parameter {
        name: name.to_string(),
        scope: Scope::Global,
        value: raw.value,
        formula: raw.formula,
        unit: raw.unit,
        min: raw.min,
        max: raw.max,
        uncertainty,
        description: raw.description,
        source: raw.source,
        origin: at,
    })
}

impl RawParameter {
    fn plain(v: f64) -> Self {
        RawParameter {
            value: Some(v),
            formula: None,
            unit: None,
            min: None,
            max: None,
            uncertainty: None,
            description: None,
            source: None,
        }
    }
    fn without_value(mut self) -> Self {
        self.value = None;
        self
    }
}

pub(crate) fn exchange(
    raw: &RawExchange,
    index: usize,
    at: Location,
    scheme: &StageScheme,
) -> Result<ForegroundExchange> {
    let stage = scheme.parse(&raw.stage).ok_or_else(|| scheme.unknown(&raw.stage, at.clone()))?;
    let id = raw.id.clone().unwrap_or_else(|| format!("{}-{}", stage.id(), index + 1));
    let at = at.with_entity(format!("exchange `{id}`"));
    let explicit = match &raw.kind {
        None => None,
        Some(k) => Some(ForegroundKind::parse(k).ok_or_else(|| {
            Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("unknown kind `{k}`"),
                "use input, waste, avoided or elementary",
            )
        })?),
    };
    let (kind, target) = match (&raw.provider, &raw.flow) {
        (Some(p), None) => {
            let k = explicit.unwrap_or(ForegroundKind::Input);
            if k == ForegroundKind::Elementary {
                return Err(Error::new(
                    ErrorKind::Value,
                    at,
                    "kind elementary needs `flow`, not `provider`",
                    "name the elementary flow with `flow`",
                ));
            }
            (k, p.clone())
        }
        (None, Some(f)) => {
            if explicit.is_some_and(|k| k != ForegroundKind::Elementary) {
                return Err(Error::new(
                    ErrorKind::Value,
                    at,
                    "`flow` is for elementary flows",
                    "use `provider` for products, wastes and avoided products",
                ));
            }
            (ForegroundKind::Elementary, f.clone())
        }
        _ => {
            return Err(Error::new(
                ErrorKind::Value,
                at,
                "give exactly one of `provider` and `flow`",
                "`provider` names a process of the database; `flow` an elementary flow",
            ));
        }
    };
    let amount = match (raw.amount, &raw.formula) {
        (Some(_), Some(_)) => {
            return Err(Error::new(
                ErrorKind::Value,
                at,
                "give either `amount` or `formula`, not both",
                "remove one of them",
            ));
        }
        (Some(a), None) if !a.is_finite() => {
            return Err(Error::new(ErrorKind::Value, at, format!("amount {a} is not finite"), "give a finite number"));
        }
        (Some(a), None) => a,
        (None, Some(_)) => 0.0,
        (None, None) => {
            return Err(Error::new(
                ErrorKind::Value,
                at,
                "give `amount` or `formula`",
                "amounts are per functional unit",
            ));
        }
    };
    let uncertainty = match &raw.uncertainty {
        Some(_) if raw.formula.is_some() => {
            return Err(Error::new(
                ErrorKind::Distribution,
                at,
                "an exchange with a formula cannot carry its own distribution",
                "put the uncertainty on the parameters the formula uses",
            ));
        }
        Some(u) => Some(distribution(u, amount, &at)?),
        None => None,
    };
    if let Some(r) = raw.recycled_fraction
        && !(0.0..=1.0).contains(&r)
    {
        return Err(Error::new(
            ErrorKind::Value,
            at,
            format!("recycled_fraction {r} is outside [0, 1]"),
            "give a share between 0 and 1",
        ));
    }
    Ok(ForegroundExchange {
        id,
        label: raw.label.clone(),
        stage,
        kind,
        target,
        amount,
        formula: raw.formula.clone(),
        unit: raw.unit.clone(),
        uncertainty,
        recycled_fraction: raw.recycled_fraction,
        tags: raw.tags.clone(),
        source: raw.source.clone(),
        comment: raw.comment.clone(),
        origin: at,
    })
}

/// Turns a TOML distribution into a [`Distribution`] around the deterministic `amount`.
pub(crate) fn distribution(u: &RawUncertainty, amount: f64, at: &Location) -> Result<Distribution> {
    let need = |v: Option<f64>, name: &str| {
        v.ok_or_else(|| {
            Error::new(
                ErrorKind::Distribution,
                at.clone(),
                format!("{} distribution needs `{name}`", u.distribution),
                "see docs/uncertainty.md",
            )
        })
    };
    let d = match u.distribution.trim().to_ascii_lowercase().as_str() {
        "lognormal" => {
            let mut sigma = match (u.gsd, u.sigma) {
                (Some(g), None) => {
                    if g < 1.0 {
                        return Err(Error::new(
                            ErrorKind::Distribution,
                            at.clone(),
                            format!("gsd {g} is below 1"),
                            "a geometric standard deviation is at least 1; for sigma use `sigma`",
                        ));
                    }
                    g.ln()
                }
                (None, Some(s)) => s,
                (None, None) if u.pedigree.is_some() => 0.0,
                _ => {
                    return Err(Error::new(
                        ErrorKind::Distribution,
                        at.clone(),
                        "lognormal needs exactly one of `gsd` and `sigma`",
                        "gsd = exp(sigma)",
                    ));
                }
            };
            if let Some(p) = &u.pedigree {
                let text = p.iter().map(|s| s.to_string()).collect::<Vec<_>>().join(",");
                sigma = crate::model::pedigree::total_sigma(sigma, crate::model::pedigree::parse(&text, at)?);
            }
            Distribution::Lognormal { mu: u.mu.unwrap_or_else(|| amount.abs().ln()), sigma }
        }
        "normal" => {
            Distribution::Normal { mean: u.mean.unwrap_or(amount), sd: need(u.sd, "sd")?, min: u.min, max: u.max }
        }
        "uniform" => Distribution::Uniform { min: need(u.min, "min")?, max: need(u.max, "max")? },
        "triangular" => Distribution::Triangular {
            min: need(u.min, "min")?,
            mode: u.mode.unwrap_or(amount),
            max: need(u.max, "max")?,
        },
        other => {
            return Err(Error::new(
                ErrorKind::Distribution,
                at.clone(),
                format!("unknown distribution `{other}`"),
                "use lognormal, normal, uniform or triangular",
            ));
        }
    };
    d.check(amount, at)?;
    Ok(d)
}
