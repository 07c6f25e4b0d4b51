//! Does anything vary, and how much of the variance does the background carry?
//!
//! A probe of at most [`PROBE_DRAWS`] draws of the run's own seed (draws depend on (seed, iteration)
//! only, so they are the run's first draws): each category total once with every distribution drawn
//! and once with the background fixed at its deterministic values and only the foreground (model
//! parameters and foreground exchanges) drawn, from the same foreground streams. The background's
//! share is Var(all - foreground only) / Var(all), the difference taken draw by draw: its
//! first-order part plus its interactions with the foreground, an estimate with the sampling noise
//! of the probe (docs/uncertainty.md).

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::montecarlo::Draws;
use super::product::ProductSampler;
use crate::calc::Study;
use crate::error::Result;
use crate::warning::Warning;

/// Category totals per variant of one draw.
type PerVariant = Vec<Vec<f64>>;

/// Most draws of the probe.
pub const PROBE_DRAWS: usize = 200;

/// Coefficient of variation below which a total counts as not varying: 0.1 %.
pub const LOW_CV: f64 = 1e-3;

/// Key of the draws' `meta` that holds the [`Spread`] of a product run.
pub const META_KEY: &str = "spread";

/// Spread of one category total of one variant.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpreadRow {
    /// Variant (empty for matrix systems).
    pub variant: String,
    /// Category id or name.
    pub category: String,
    /// sd / |mean| with every distribution drawn (0 when nothing varies).
    pub cv: f64,
    /// Variance with every distribution drawn.
    pub variance: f64,
    /// Variance with the background fixed and only the foreground drawn.
    pub foreground_variance: f64,
    /// Variance of (all drawn - foreground only), draw by draw: what the background adds.
    pub background_variance: f64,
    /// The background's share of the variance, in [0, 1] (absent when nothing varies).
    pub background_share: Option<f64>,
}

/// The spread check of a run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Spread {
    /// Draws of the probe (or of the run, for matrix systems).
    pub draws: usize,
    /// CV threshold of "almost nothing varies".
    pub cv_threshold: f64,
    /// True when no entry of the background (technosphere, elementary exchanges, factors, database
    /// parameters) has a distribution.
    pub background_fixed: bool,
    /// One row per variant and category.
    pub rows: Vec<SpreadRow>,
    /// What [`Spread::warnings`] finds (recorded in JSON; recomputed when read back).
    #[serde(default, skip_deserializing)]
    pub warnings: Vec<Warning>,
}

fn mean_var(xs: &[f64]) -> (f64, f64) {
    // Equal draws have no spread (the rounding of their mean would make some up).
    if let Some(&x0) = xs.first()
        && xs.iter().all(|&x| x == x0)
    {
        return (x0, 0.0);
    }
    let n = xs.len().max(1) as f64;
    let m = xs.iter().sum::<f64>() / n;
    let v = xs.iter().map(|x| (x - m) * (x - m)).sum::<f64>() / (n - 1.0).max(1.0);
    (m, v)
}

fn cv(mean: f64, var: f64) -> f64 {
    let sd = var.max(0.0).sqrt();
    if sd == 0.0 {
        0.0
    } else if mean == 0.0 {
        f64::INFINITY
    } else {
        sd / mean.abs()
    }
}

impl Spread {
    /// Probes the totals of `variants` of a study with `min(iterations, PROBE_DRAWS)` draws.
    pub fn of_study(
        study: &Study,
        variants: &[String],
        sets: &[(String, f64)],
        seed: u64,
        iterations: usize,
    ) -> Result<Spread> {
        let m = iterations.clamp(2, PROBE_DRAWS);
        let sampler = ProductSampler::new(study)?;
        let fixed = study.engine()?;
        let k = study.characterization.categories.len();
        // Draws depend on (seed, iteration) only, so the probe runs them in parallel and in order.
        let per_draw: Vec<(PerVariant, PerVariant)> = (0..m as u64)
            .into_par_iter()
            .map(|i| {
                let totals = sampler.draw(seed, i, variants, sets, &|_, _, r| Ok(r.totals.clone()))?;
                let fg_only = variants
                    .iter()
                    .map(|v| {
                        let fg = sampler.foreground(v, sets, seed, i)?;
                        // A relinking variant's own background, fixed.
                        Ok(study.assess(&fixed, &fg)?.totals)
                    })
                    .collect::<Result<Vec<_>>>()?;
                Ok((totals, fg_only))
            })
            .collect::<Result<_>>()?;
        let mut all = vec![Vec::with_capacity(m); variants.len() * k];
        let mut fg_only = vec![Vec::with_capacity(m); variants.len() * k];
        for (totals, fg) in &per_draw {
            for vi in 0..variants.len() {
                for c in 0..k {
                    all[vi * k + c].push(totals[vi][c]);
                    fg_only[vi * k + c].push(fg[vi][c]);
                }
            }
        }
        let cats = &study.characterization.categories;
        let mut rows = Vec::new();
        for (vi, v) in variants.iter().enumerate() {
            for (c, cat) in cats.iter().enumerate() {
                let (a, f) = (&all[vi * k + c], &fg_only[vi * k + c]);
                let (mean, var) = mean_var(a);
                let (_, fg_var) = mean_var(f);
                let diff: Vec<f64> = a.iter().zip(f).map(|(x, y)| x - y).collect();
                let (_, bg_var) = mean_var(&diff);
                let share = (var > 0.0).then(|| (bg_var / var).clamp(0.0, 1.0));
                rows.push(SpreadRow {
                    variant: v.clone(),
                    category: cat.id.clone(),
                    cv: cv(mean, var),
                    variance: var,
                    foreground_variance: fg_var,
                    background_variance: bg_var,
                    background_share: share,
                });
            }
        }
        Ok(Spread::new(m, sampler.background.is_fixed(), rows))
    }

    /// The spread of complete draws of a matrix system: no foreground, so the background carries
    /// all of the variance.
    pub fn of_draws(draws: &Draws) -> Spread {
        let rows = draws
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let col: Vec<f64> = draws.values.iter().map(|r| r[i]).collect();
                let (mean, var) = mean_var(&col);
                let mut parts = l.splitn(3, '|');
                SpreadRow {
                    variant: parts.next().unwrap_or("").to_string(),
                    category: parts.next().unwrap_or("").to_string(),
                    cv: cv(mean, var),
                    variance: var,
                    foreground_variance: 0.0,
                    background_variance: var,
                    background_share: (var > 0.0).then_some(1.0),
                }
            })
            .collect::<Vec<_>>();
        let background_fixed = rows.iter().all(|r| r.variance == 0.0);
        Spread::new(draws.values.len(), background_fixed, rows)
    }

    /// The spread recorded in the meta of a product run's draws, if any.
    pub fn from_meta(meta: &serde_json::Value) -> Option<Spread> {
        let s: Spread = serde_json::from_value(meta.get(META_KEY)?.clone()).ok()?;
        Some(Spread::new(s.draws, s.background_fixed, s.rows))
    }

    fn new(draws: usize, background_fixed: bool, rows: Vec<SpreadRow>) -> Spread {
        let mut s = Spread { draws, cv_threshold: LOW_CV, background_fixed, rows, warnings: Vec::new() };
        s.warnings = s.warnings();
        s
    }

    /// Warnings: nothing (or almost nothing) varies, or only the foreground varies.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut out = Vec::new();
        if self.rows.is_empty() {
            return out;
        }
        let max_cv = self.rows.iter().map(|r| r.cv).fold(0.0, f64::max);
        if max_cv < self.cv_threshold {
            out.push(Warning::LittleVariation { outputs: self.rows.len(), max_cv, threshold: self.cv_threshold });
        } else if self.background_fixed {
            out.push(Warning::FixedBackground);
        }
        out
    }

    /// The background's share of the variance over all rows that vary: (smallest, largest).
    pub fn background_share_range(&self) -> Option<(f64, f64)> {
        let shares: Vec<f64> = self.rows.iter().filter_map(|r| r.background_share).collect();
        let lo = shares.iter().copied().fold(f64::INFINITY, f64::min);
        let hi = shares.iter().copied().fold(f64::NEG_INFINITY, f64::max);
        (!shares.is_empty()).then_some((lo, hi))
    }
}
