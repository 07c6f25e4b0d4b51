//! The paired Monte Carlo of `compare --mc`: every variant drawn with the same random streams, so
//! that their differences carry only what differs between them.

use super::compare::PairedReport;
use super::mc::label;
use crate::calc::Study;
use crate::error::Result;
use crate::progress::Progress;
use crate::uncertainty::{Draws, ProductSampler, paired};

impl PairedReport {
    /// Draws the totals of `chosen` `n` times with `seed` and summarizes each against `baseline`;
    /// also returns the draws (labelled `variant/category/total`).
    pub fn run(
        study: &Study,
        chosen: &[String],
        baseline: &str,
        (n, seed): (usize, u64),
        sets: &[(String, f64)],
        progress: &dyn Progress,
    ) -> Result<(PairedReport, Draws)> {
        let sampler = ProductSampler::new(study)?;
        let cats: Vec<String> = study.characterization.categories.iter().map(|c| c.id.clone()).collect();
        let labels = chosen.iter().flat_map(|v| cats.iter().map(move |c| label(v, c, "total"))).collect();
        let draws = Draws::run_with_progress(
            "compare --mc",
            seed,
            n,
            0..n,
            labels,
            |i| Ok(sampler.draw(seed, i, chosen, sets, &|_, _, r| Ok(r.totals.clone()))?.concat()),
            progress,
        )?;
        let report = PairedReport { iterations: n, seed, pairs: paired(&draws, chosen, &cats, baseline) };
        Ok((report, draws))
    }
}
