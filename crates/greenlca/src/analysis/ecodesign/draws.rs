//! Monte Carlo draws of a specification check: every indicator's value and verdict per draw, for
//! P(pass) per indicator and overall and the distributions against the limits (`check --mc`,
//! `report --mc`). Several variants are drawn together, paired on the same random streams.

use super::{CheckResult, IndicatorStatus, RequirementStatus, SpecInputs, check};
use crate::calc::Study;
use crate::error::Result;
use crate::progress::Progress;
use crate::uncertainty::{Draws, ProductSampler};

/// The draws of one variant.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorDraws {
    /// Draws run.
    pub n: usize,
    /// Seed.
    pub seed: u64,
    /// Per indicator (spec order): the value of each draw (NaN where a declared value is missing).
    pub values: Vec<Vec<f64>>,
    /// Per indicator: the share of draws that pass.
    pub p_pass: Vec<f64>,
    /// The share of draws in which every indicator passes; 0 when a basic requirement or a
    /// modelling rule fails at the central values (they do not vary).
    pub p_all: f64,
}

/// Runs `n` draws of the check of `variant` with `seed`; `central` is its deterministic check.
pub fn indicator_draws(
    study: &Study,
    si: &SpecInputs,
    variant: &str,
    runs: (usize, u64),
    sets: &[(String, f64)],
    central: &CheckResult,
    progress: &dyn Progress,
) -> Result<IndicatorDraws> {
    let chosen = [variant.to_string()];
    let mut all = variants_draws(study, si, &chosen, runs, sets, std::slice::from_ref(central), progress)?;
    Ok(all.remove(0))
}

/// The draws of every variant of `chosen` (same order as `central`, their deterministic checks),
/// each draw computing all of them from the same sampled background and parameters.
pub fn variants_draws(
    study: &Study,
    si: &SpecInputs,
    chosen: &[String],
    (n, seed): (usize, u64),
    sets: &[(String, f64)],
    central: &[CheckResult],
    progress: &dyn Progress,
) -> Result<Vec<IndicatorDraws>> {
    let sampler = ProductSampler::new(study)?;
    let k = si.spec.indicators.len();
    // Each row: per variant, k values then k pass flags.
    let draws = Draws::run_with_progress(
        "check --mc",
        seed,
        n,
        0..n,
        Vec::new(),
        |i| {
            let per = sampler.draw(seed, i, chosen, sets, &|engine, fg, r| {
                let c = check(&si.setup(), study, engine, fg, r)?;
                let mut row: Vec<f64> =
                    c.indicators.iter().map(|o| o.value.as_ref().map_or(f64::NAN, |v| v.value)).collect();
                row.extend(c.indicators.iter().map(|o| f64::from(u8::from(o.status == IndicatorStatus::Pass))));
                Ok(row)
            })?;
            Ok(per.concat())
        },
        progress,
    )?;
    Ok(central
        .iter()
        .enumerate()
        .map(|(v, det)| {
            let at = v * 2 * k;
            let values: Vec<Vec<f64>> = (0..k).map(|j| draws.values.iter().map(|row| row[at + j]).collect()).collect();
            let passes = |row: &Vec<f64>, j: usize| row[at + k + j] == 1.0;
            let p_pass: Vec<f64> =
                (0..k).map(|j| draws.values.iter().filter(|row| passes(row, j)).count() as f64 / n as f64).collect();
            let fixed_ok =
                det.requirements.iter().all(|r| r.status == RequirementStatus::Met) && det.rules.iter().all(|r| r.kept);
            let p_all = if fixed_ok {
                draws.values.iter().filter(|row| (0..k).all(|j| passes(row, j))).count() as f64 / n as f64
            } else {
                0.0
            };
            IndicatorDraws { n, seed, values, p_pass, p_all }
        })
        .collect())
}
