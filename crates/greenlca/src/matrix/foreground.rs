//! Resolves a product model variant against a background system: parameters evaluated, exchanges
//! linked to columns of A or rows of B, amounts converted to matrix units.

use std::collections::HashMap;

use super::parameters::{DbFormulas, unknown_parameter};
use super::relink::{self, Relinked};
use super::system::TechSystem;
use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::formula::{self, Env, Formula};
use crate::model::{
    Database, Distribution, FlowKind, ForegroundExchange, ForegroundKind, Parameter, ProductModel, Relink, Stage,
    StageScheme,
};

/// Where a foreground exchange lands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// A row of A: the product (or waste treatment) of this column.
    Column(usize),
    /// A row of B: this elementary flow.
    Flow(usize),
}

/// One foreground exchange in matrix units.
#[derive(Debug, Clone, PartialEq)]
pub struct ForegroundEntry {
    /// Exchange id.
    pub id: String,
    pub label: Option<String>,
    pub stage: Stage,
    /// Input, waste, avoided or elementary.
    pub kind: ForegroundKind,
    /// Row it lands in.
    pub target: Target,
    /// Amount in the model's unit.
    pub amount: f64,
    /// The model's unit.
    pub unit: String,
    /// Signed value in matrix units: the entry of the product's column in A (inputs negative) or B.
    pub value: f64,
    /// `value / amount`: sign and unit conversion.
    pub factor: f64,
    /// Distribution of `value`, when the amount is uncertain.
    pub dist: Option<Distribution>,
    /// The formula, if any.
    pub formula: Option<String>,
    /// Tags for foreground indicators.
    pub tags: Vec<String>,
    /// Recycled share of a material input.
    pub recycled_fraction: Option<f64>,
    pub source: Option<String>,
    /// Where it was defined.
    pub origin: Location,
}

/// A resolved variant of a product model.
#[derive(Debug, Clone)]
pub struct Foreground {
    /// Variant id (`base` for the base model).
    pub variant: String,
    pub variant_name: String,
    /// The exchanges.
    pub entries: Vec<ForegroundEntry>,
    /// Parameter values used (model parameters, after overrides).
    pub parameters: Vec<(String, f64)>,
    /// Overrides that apply to database parameters (the background must be re-evaluated).
    pub db_overrides: HashMap<String, f64>,
    /// Providers relinked throughout the supply chain (the background must be rebuilt).
    pub relinked: Vec<Relinked>,
    /// The model's stages.
    pub stage_scheme: StageScheme,
}

impl Foreground {
    /// The final demand on the background: `d[i] = -(entry of the product column in row i)`.
    /// Exchanges of a stage reported separately (module D) are left out: the total excludes them.
    pub fn demand(&self, n: usize) -> Vec<f64> {
        let mut d = vec![0.0; n];
        for e in self.entries.iter().filter(|e| !e.stage.is_separate()) {
            if let Target::Column(c) = e.target {
                d[c] -= e.value;
            }
        }
        d
    }
    /// Direct elementary flows of the product, by row of B (module D left out, as in [`Foreground::demand`]).
    pub fn direct_flows(&self, m: usize) -> Vec<f64> {
        let mut g = vec![0.0; m];
        for e in self.entries.iter().filter(|e| !e.stage.is_separate()) {
            if let Target::Flow(f) = e.target {
                g[f] += e.value;
            }
        }
        g
    }
    /// The stages with at least one exchange, in life-cycle order.
    pub fn stages(&self) -> Vec<Stage> {
        self.stage_scheme.stages().iter().copied().filter(|s| self.entries.iter().any(|e| e.stage == *s)).collect()
    }
}

/// Checks `--set`-style overrides: the name must be a parameter of the model or a global parameter
/// of the database, the value within the parameter's range.
pub fn check_overrides(
    model: &ProductModel,
    db_formulas: &DbFormulas,
    sets: &[(String, f64)],
    at: &Location,
) -> Result<()> {
    let mut problems = Collector::default();
    for (name, value) in sets {
        let param = model.parameters.iter().find(|p| p.name == *name).or_else(|| db_formulas.global(name));
        match param {
            None => {
                let mut known: Vec<&str> = model.parameters.iter().map(|p| p.name.as_str()).collect();
                known.extend(db_formulas.global_names());
                problems.push(unknown_parameter(name, &known, at.clone()));
            }
            Some(p) => problems.take(check_range(p, *value, at)).unwrap_or(()),
        }
    }
    problems.finish(())
}

/// A value outside a parameter's `[min, max]` is an error.
pub fn check_range(p: &Parameter, value: f64, at: &Location) -> Result<()> {
    if !value.is_finite() {
        return Err(Error::new(
            ErrorKind::Value,
            at.clone(),
            format!("`{}` = {value} is not a finite number", p.name),
            "give a number",
        ));
    }
    if p.formula.is_some() {
        return Err(Error::new(
            ErrorKind::Value,
            at.clone(),
            format!("`{}` is computed by the formula `{}`", p.name, p.formula.as_deref().unwrap_or("")),
            "set the input parameters it depends on instead",
        ));
    }
    let lo = p.min.unwrap_or(f64::NEG_INFINITY);
    let hi = p.max.unwrap_or(f64::INFINITY);
    if value < lo || value > hi {
        return Err(Error::new(
            ErrorKind::Value,
            at.clone(),
            format!("`{}` = {value} is outside its range [{}, {}]", p.name, fmt_bound(p.min), fmt_bound(p.max)),
            format!("choose a value in the range defined at {}", p.origin),
        ));
    }
    Ok(())
}

/// The error for a variant the model does not define, named where it was written (`at`).
pub fn unknown_variant(model: &ProductModel, variant: &str, at: Location) -> Error {
    Error::new(
        ErrorKind::UnknownId,
        at,
        format!("unknown variant `{variant}`"),
        match crate::did_you_mean(variant, model.variant_ids().iter().map(String::as_str)) {
            Some(near) => format!("did you mean `{near}`? (variants: {})", model.variant_ids().join(", ")),
            None => format!("choose one of: {}", model.variant_ids().join(", ")),
        },
    )
}

fn fmt_bound(b: Option<f64>) -> String {
    b.map_or("-".into(), |x| x.to_string())
}

/// Resolves `variant` (`base` or a variant id) with extra parameter `sets` (applied after the
/// variant's own), against the background `system` built from `db` (whose formulas are
/// `db_formulas`).
pub fn resolve(
    model: &ProductModel,
    variant: &str,
    sets: &[(String, f64)],
    db: &Database,
    db_formulas: &DbFormulas,
    system: &TechSystem,
) -> Result<Foreground> {
    resolve_relinked(model, variant, sets, &[], db, db_formulas, system)
}

/// As [`resolve`], with `extra` relinks applied after the model's and the variant's (a scenario's
/// or the command line's).
pub fn resolve_relinked(
    model: &ProductModel,
    variant: &str,
    sets: &[(String, f64)],
    extra: &[Relink],
    db: &Database,
    db_formulas: &DbFormulas,
    system: &TechSystem,
) -> Result<Foreground> {
    let var = if variant == "base" || variant == model.base_name {
        None
    } else {
        Some(model.variant(variant).ok_or_else(|| unknown_variant(model, variant, Location::file(&model.path)))?)
    };
    let mut overrides: HashMap<String, f64> = HashMap::new();
    if let Some(v) = var {
        // A variant may set model parameters and global parameters of the database.
        // Checked like `--set`: a variant's value outside the declared range is refused too.
        for (name, value) in &v.set {
            match model.parameters.iter().find(|p| &p.name == name).or_else(|| db_formulas.global(name)) {
                Some(p) => check_range(p, *value, &v.origin)?,
                None => {
                    let mut known: Vec<&str> = model.parameters.iter().map(|p| p.name.as_str()).collect();
                    known.extend(db_formulas.global_names());
                    return Err(unknown_parameter(name, &known, v.origin.clone()));
                }
            }
        }
        overrides.extend(v.set.iter().cloned());
    }
    overrides.extend(sets.iter().cloned());
    let model_names: Vec<&str> = model.parameters.iter().map(|p| p.name.as_str()).collect();
    let db_overrides: HashMap<String, f64> =
        overrides.iter().filter(|(k, _)| !model_names.contains(&k.as_str())).map(|(k, v)| (k.clone(), *v)).collect();
    let outer = db_formulas.global_env(&db_overrides)?;
    let refs: Vec<&Parameter> = model.parameters.iter().collect();
    let env = formula::evaluate(&refs, &overrides, Some(&outer))?;

    let mut exchanges: Vec<ForegroundExchange> = model.exchanges.clone();
    let mut problems = Collector::default();
    if let Some(v) = var {
        exchanges.retain(|e| !v.remove.contains(&e.id));
        for s in &v.swaps {
            let mut hit = false;
            for e in exchanges.iter_mut().filter(|e| e.target == s.from && s.stage.is_none_or(|st| st == e.stage)) {
                e.target = s.to.clone();
                hit = true;
            }
            if !hit {
                problems.push(Error::new(
                    ErrorKind::UnknownId,
                    s.origin.clone(),
                    format!(
                        "swap from `{}` matches no exchange{}",
                        s.from,
                        s.stage.map(|st| format!(" in stage {st}")).unwrap_or_default()
                    ),
                    "name a provider or flow that an [[exchange]] of the model uses",
                ));
            }
        }
        exchanges.extend(v.add.iter().cloned());
    }
    let relinks: Vec<&Relink> =
        model.relinks.iter().chain(var.iter().flat_map(|v| v.relinks.iter())).chain(extra.iter()).collect();
    let relinked = problems.take(relink::plan(&relinks, &mut exchanges, db, system)).unwrap_or_default();
    let mut entries = Vec::with_capacity(exchanges.len());
    for e in &exchanges {
        if let Some(entry) = problems.take(entry(e, &env, db, system)) {
            entries.push(entry);
        }
    }
    let mut parameters = env.sorted();
    parameters.retain(|(k, _)| model_names.contains(&k.as_str()));
    let foreground = Foreground {
        variant: var.map_or_else(|| "base".to_string(), |v| v.id.clone()),
        variant_name: var.map_or_else(|| model.base_name.clone(), |v| v.name.clone()),
        entries,
        parameters,
        db_overrides,
        relinked,
        stage_scheme: model.stage_scheme.clone(),
    };
    problems.finish(foreground)
}

fn entry(e: &ForegroundExchange, env: &Env, db: &Database, system: &TechSystem) -> Result<ForegroundEntry> {
    let at = &e.origin;
    let amount = match &e.formula {
        Some(f) => Formula::parse(f, at)?.eval(|n| env.get(n), at)?,
        None => e.amount,
    };
    let (target, kind, ref_unit) = match e.kind {
        ForegroundKind::Elementary => {
            let row = system.flow_index.get(&e.target).ok_or_else(|| {
                Error::new(
                    ErrorKind::UnknownId,
                    at.clone(),
                    format!("unknown elementary flow `{}`", e.target),
                    "use the id of an elementary flow of the database (flows.csv)",
                )
            })?;
            (Target::Flow(row), ForegroundKind::Elementary, system.flows[row].unit.clone())
        }
        k => {
            let col = find_column(&e.target, db, system).ok_or_else(|| {
                let hint = if system.flow_index.get(&e.target).is_some() {
                    "this is an elementary flow: write `flow = ...` instead of `provider = ...`".to_string()
                } else {
                    "use the id of a process of the database (processes.csv)".to_string()
                };
                Error::new(ErrorKind::UnknownId, at.clone(), format!("unknown provider `{}`", e.target), hint)
            })?;
            let col_info = &system.columns[col];
            let treats_waste =
                col_info.product.as_deref().and_then(|f| db.flow(f)).is_some_and(|f| f.kind == FlowKind::Waste);
            let kind = match (k, treats_waste) {
                (ForegroundKind::Input, true) => ForegroundKind::Waste,
                (ForegroundKind::Waste, false) => {
                    return Err(Error::new(
                        ErrorKind::Invalid,
                        at.clone(),
                        format!("`{}` is not a waste treatment process", e.target),
                        "send waste to a process whose reference flow is a waste, or use kind = \"input\"",
                    ));
                }
                (k, _) => k,
            };
            (Target::Column(col), kind, col_info.unit.clone())
        }
    };
    let conv = db.units.factor(&e.unit, &ref_unit, at)?;
    let sign = if kind == ForegroundKind::Input { -1.0 } else { 1.0 };
    let factor = sign * conv;
    Ok(ForegroundEntry {
        id: e.id.clone(),
        label: e.label.clone(),
        stage: e.stage,
        kind,
        target,
        amount,
        unit: e.unit.clone(),
        value: amount * factor,
        factor,
        dist: e.uncertainty.map(|d| d.scaled(factor)),
        formula: e.formula.clone(),
        tags: e.tags.clone(),
        recycled_fraction: e.recycled_fraction,
        source: e.source.clone(),
        origin: e.origin.clone(),
    })
}

/// The column of a provider: by column id, else the column of the process's reference product.
fn find_column(target: &str, db: &Database, system: &TechSystem) -> Option<usize> {
    if let Some(c) = system.column_index.get(target) {
        return Some(c);
    }
    let p = db.process(target)?;
    let reference = p.reference()?;
    system.column_index.get(&format!("{}|{}", p.id, reference.flow))
}
