//! The probability that a product meets a specification, per indicator and for all of them at
//! once (`check --mc`): the pass shares of [`super::variants_draws`].

use super::{CheckResult, SpecInputs, variants_draws};
use crate::calc::Study;
use crate::error::Result;
use crate::progress::Progress;

/// Per variant of `chosen`: (probability that everything passes, probability per indicator), from
/// `n` draws with `seed`. `deterministic` are the checks without uncertainty, in the same order: a
/// basic requirement not met or a modelling rule broken makes the overall probability 0.
pub fn pass_probabilities(
    study: &Study,
    si: &SpecInputs,
    chosen: &[String],
    runs: (usize, u64),
    sets: &[(String, f64)],
    deterministic: &[CheckResult],
    progress: &dyn Progress,
) -> Result<Vec<(f64, Vec<f64>)>> {
    let draws = variants_draws(study, si, chosen, runs, sets, deterministic, progress)?;
    Ok(draws.into_iter().map(|d| (d.p_all, d.p_pass)).collect())
}
