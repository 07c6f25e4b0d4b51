//! One-at-a-time sensitivity: each input parameter at the low and high end of its range (its
//! `min`/`max`, else the 2.5th and 97.5th percentiles of its distribution), all others at their
//! values; the swing of every category, for a tornado chart.

use rayon::prelude::*;

use crate::calc::{Engine, Study};
use crate::error::Result;
use crate::uncertainty::sample::quantile;

/// One parameter's effect.
#[derive(Debug, Clone, PartialEq)]
pub struct OatRow {
    /// Parameter name.
    pub parameter: String,
    /// Value used as low.
    pub low: f64,
    /// Value used as high.
    pub high: f64,
    /// Where the range comes from: `range` or `distribution`.
    pub basis: &'static str,
    /// Totals per category at the low value.
    pub at_low: Vec<f64>,
    /// Totals per category at the high value.
    pub at_high: Vec<f64>,
}

impl OatRow {
    /// |high result - low result| for category `k`.
    pub fn swing(&self, k: usize) -> f64 {
        (self.at_high[k] - self.at_low[k]).abs()
    }
}

/// Result of a one-at-a-time analysis.
#[derive(Debug, Clone, PartialEq)]
pub struct Oat {
    /// Totals per category with every parameter at its value.
    pub base: Vec<f64>,
    /// One row per parameter that has a range.
    pub rows: Vec<OatRow>,
    /// Input parameters left out for lack of a range or distribution.
    pub skipped: Vec<String>,
}

/// Runs the analysis for `variant` (with extra `sets` fixed).
pub fn one_at_a_time(study: &Study, engine: &Engine, variant: &str, sets: &[(String, f64)]) -> Result<Oat> {
    let model = &study.inputs.model;
    let fixed: Vec<&str> = sets
        .iter()
        .map(|(k, _)| k.as_str())
        .chain(model.variant(variant).into_iter().flat_map(|v| v.set.iter().map(|(k, _)| k.as_str())))
        .collect();
    let base = study.assess(engine, &study.resolve(variant, sets)?)?.totals;
    let mut plan = Vec::new();
    let mut skipped = Vec::new();
    for p in model.parameters.iter().filter(|p| p.formula.is_none() && !fixed.contains(&p.name.as_str())) {
        let v = p.value.unwrap_or(0.0);
        match (p.min, p.max, &p.uncertainty) {
            (Some(lo), Some(hi), _) => plan.push((p.name.clone(), lo, hi, "range")),
            (_, _, Some(d)) => {
                plan.push((p.name.clone(), quantile(d, v, 0.025), quantile(d, v, 0.975), "distribution"))
            }
            _ => skipped.push(p.name.clone()),
        }
    }
    let rows = plan
        .into_par_iter()
        .map(|(name, low, high, basis)| {
            let run = |x: f64| -> Result<Vec<f64>> {
                let mut s = sets.to_vec();
                s.push((name.clone(), x));
                Ok(study
                    .assess(
                        engine,
                        &crate::matrix::foreground::resolve(
                            model,
                            variant,
                            &s,
                            &study.inputs.database,
                            &study.formulas,
                            &study.system,
                        )?,
                    )?
                    .totals)
            };
            Ok(OatRow { at_low: run(low)?, at_high: run(high)?, parameter: name, low, high, basis })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(Oat { base, rows, skipped })
}
