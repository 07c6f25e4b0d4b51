//! Sobol indices of a product model: the inputs are the model's parameters and the foreground
//! exchanges that carry a distribution (and global database parameters with one); the outputs are
//! the category totals. The background stays at its values.

use crate::calc::{Engine, Study};
use crate::error::Result;
use crate::model::Distribution;
use crate::uncertainty::draw::uncertain_db_parameters;
use crate::uncertainty::sample::quantile;

/// An uncertain input of a product model.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum SobolInput {
    /// A parameter (model or database) with its distribution and value.
    Parameter(String, Distribution, f64),
    /// A foreground exchange (id) with the distribution of its matrix value and that value.
    Exchange(String, Distribution, f64),
}

impl SobolInput {
    /// Name for reports.
    pub fn label(&self) -> String {
        match self {
            SobolInput::Parameter(n, ..) => format!("parameter {n}"),
            SobolInput::Exchange(id, ..) => format!("exchange {id}"),
        }
    }
}

/// The uncertain inputs of `variant`: parameters not fixed by the variant or `sets`, then exchanges.
pub fn inputs(study: &Study, variant: &str, sets: &[(String, f64)]) -> Result<Vec<SobolInput>> {
    let model = &study.inputs.model;
    let fixed: Vec<&str> = sets
        .iter()
        .map(|(k, _)| k.as_str())
        .chain(model.variant(variant).into_iter().flat_map(|v| v.set.iter().map(|(k, _)| k.as_str())))
        .collect();
    let mut out: Vec<SobolInput> = model
        .parameters
        .iter()
        .filter(|p| p.formula.is_none() && !fixed.contains(&p.name.as_str()))
        .filter_map(|p| p.uncertainty.map(|d| SobolInput::Parameter(p.name.clone(), d, p.value.unwrap_or(0.0))))
        .collect();
    for (name, d, v) in uncertain_db_parameters(&study.inputs.database) {
        if !fixed.contains(&name.as_str()) && !model.parameters.iter().any(|p| p.name == name) {
            out.push(SobolInput::Parameter(name, d, v));
        }
    }
    let fg = study.resolve(variant, sets)?;
    out.extend(fg.entries.iter().filter_map(|e| e.dist.map(|d| SobolInput::Exchange(e.id.clone(), d, e.value))));
    Ok(out)
}

/// The category totals of `variant` with the inputs at the quantiles `u`.
pub fn evaluate(
    study: &Study,
    engine: &Engine,
    variant: &str,
    sets: &[(String, f64)],
    inputs: &[SobolInput],
    u: &[f64],
) -> Result<Vec<f64>> {
    let mut all = sets.to_vec();
    for (inp, &ui) in inputs.iter().zip(u) {
        if let SobolInput::Parameter(name, d, v) = inp {
            all.push((name.clone(), quantile(d, *v, ui)));
        }
    }
    let mut fg = crate::matrix::foreground::resolve(
        &study.inputs.model,
        variant,
        &all,
        &study.inputs.database,
        &study.formulas,
        &study.system,
    )?;
    for (inp, &ui) in inputs.iter().zip(u) {
        if let SobolInput::Exchange(id, d, v) = inp
            && let Some(e) = fg.entries.iter_mut().find(|e| &e.id == id)
        {
            e.value = quantile(d, *v, ui);
        }
    }
    Ok(study.assess(engine, &fg)?.totals)
}
