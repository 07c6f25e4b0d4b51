//! The probability that a product meets a specification: Monte Carlo draws of the check, per
//! indicator and for all of them at once (`check --mc`).

use super::{CheckResult, IndicatorStatus, RequirementStatus, SpecInputs, check};
use crate::calc::Study;
use crate::error::Result;
use crate::progress::Progress;
use crate::uncertainty::{Draws, ProductSampler};

/// Per variant of `chosen`: (probability that everything passes, probability per indicator), from
/// `n` draws with `seed`. `deterministic` are the checks without uncertainty, in the same order: a
/// basic requirement not met or a modelling rule broken makes the overall probability 0.
pub fn pass_probabilities(
    study: &Study,
    si: &SpecInputs,
    chosen: &[String],
    (n, seed): (usize, u64),
    sets: &[(String, f64)],
    deterministic: &[CheckResult],
    progress: &dyn Progress,
) -> Result<Vec<(f64, Vec<f64>)>> {
    let sampler = ProductSampler::new(study)?;
    let k = si.spec.indicators.len();
    let draws = Draws::run_with_progress(
        "check --mc",
        seed,
        n,
        0..n,
        Vec::new(),
        |i| {
            let per = sampler.draw(seed, i, chosen, sets, &|engine, fg, r| {
                let c = check(&si.setup(), study, engine, fg, r)?;
                Ok(c.indicators
                    .iter()
                    .map(|o| f64::from(u8::from(o.status == IndicatorStatus::Pass)))
                    .collect::<Vec<f64>>())
            })?;
            Ok(per.concat())
        },
        progress,
    )?;
    Ok(deterministic
        .iter()
        .enumerate()
        .map(|(v, det)| {
            let per_ind: Vec<f64> =
                (0..k).map(|j| draws.values.iter().map(|row| row[v * k + j]).sum::<f64>() / n as f64).collect();
            let requirements_met =
                det.requirements.iter().all(|r| r.status == RequirementStatus::Met) && det.rules.iter().all(|r| r.kept);
            let all = if requirements_met {
                draws.values.iter().filter(|row| (0..k).all(|j| row[v * k + j] == 1.0)).count() as f64 / n as f64
            } else {
                0.0
            };
            (all, per_ind)
        })
        .collect())
}
