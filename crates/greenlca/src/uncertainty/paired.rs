//! Paired comparison of variants under uncertainty: in every draw all variants see the same draw of
//! the shared data, so the difference of a draw is a difference of the designs alone.

use serde::Serialize;

use super::montecarlo::Draws;
use super::stats::Summary;

/// One variant against the baseline in one category.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Paired {
    /// Variant id.
    pub variant: String,
    /// Category id.
    pub category: String,
    /// Share of draws in which the variant's result is lower (better) than the baseline's.
    pub beats_baseline: f64,
    /// Distribution of variant - baseline.
    pub difference: Summary,
}

/// Pairs every variant with `baseline` for each category; labels are `variant|category|total`.
pub fn paired(draws: &Draws, variants: &[String], categories: &[String], baseline: &str) -> Vec<Paired> {
    let col = |v: &str, c: &str| draws.labels.iter().position(|l| *l == format!("{v}|{c}|total"));
    let mut out = Vec::new();
    for c in categories {
        let Some(b) = col(baseline, c) else { continue };
        for v in variants.iter().filter(|v| *v != baseline) {
            let Some(x) = col(v, c) else { continue };
            let diff: Vec<f64> = draws.values.iter().map(|row| row[x] - row[b]).collect();
            let beats = diff.iter().filter(|d| **d < 0.0).count() as f64 / diff.len().max(1) as f64;
            out.push(Paired {
                variant: v.clone(),
                category: c.clone(),
                beats_baseline: beats,
                difference: Summary::of(&diff),
            });
        }
    }
    out
}
