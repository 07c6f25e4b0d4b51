//! One Monte Carlo draw of a background system: every uncertain entry of A, B and C drawn from its
//! own stream, A factorized afresh with the shared symbolic analysis, so that the draw depends on
//! (seed, iteration) only — never on the thread or the draws before it.

use std::collections::HashMap;
use std::sync::Arc;

use super::sample::{Stream, draw, rng};
use crate::calc::{Intensities, Lca};
use crate::error::Result;
use crate::matrix::parameters::DbFormulas;
use crate::matrix::{Characterization, Entries, TechSystem};
use crate::model::{Database, Distribution, Parameter, Scope};
use crate::solve::{Analysis, Factorization};

/// Parameters with a distribution: (name, distribution, value).
pub type UncertainParameters = Vec<(String, Distribution, f64)>;

/// Database formulas with the parameters to draw.
pub type FormulaDraws<'s> = Option<(&'s DbFormulas, UncertainParameters)>;

/// What stays fixed between draws of a background.
pub struct BackgroundSampler<'s> {
    /// The system.
    pub system: Arc<TechSystem>,
    /// Its characterization.
    pub characterization: Arc<Characterization>,
    /// Symbolic analysis of A.
    pub symbolic: Arc<dyn Analysis>,
    /// Database formulas and the global parameters with a distribution (empty for matrix files).
    pub formulas: FormulaDraws<'s>,
    a_uncertain: Vec<usize>,
    b_uncertain: Vec<usize>,
    c_uncertain: Vec<usize>,
    /// Factors of the deterministic A: every draw refactorizes a copy of them.
    base: Box<dyn Factorization>,
}

/// Global database parameters that carry a distribution: (name, distribution, value).
pub fn uncertain_db_parameters(db: &Database) -> UncertainParameters {
    db.parameters
        .iter()
        .filter(|p| p.scope == Scope::Global && p.formula.is_none())
        .filter_map(|p: &Parameter| p.uncertainty.map(|d| (p.name.clone(), d, p.value.unwrap_or(0.0))))
        .collect()
}

/// Writes the draws of the uncertain entries into `v` (the base values, taken by value so that
/// a draw copies the values once, not twice).
fn draw_entries(
    e: &Entries,
    mut v: Vec<f64>,
    uncertain: &[usize],
    seed: u64,
    iteration: u64,
    stream: Stream,
) -> Vec<f64> {
    let mut r = rng(seed, iteration, stream, 0);
    for &k in uncertain {
        let d = e.dists[k].as_ref().expect("listed as uncertain");
        v[k] = draw(d, e.values[k], &mut r);
    }
    v
}

impl<'s> BackgroundSampler<'s> {
    /// Prepares the sampler.
    pub fn new(
        system: Arc<TechSystem>,
        characterization: Arc<Characterization>,
        symbolic: Arc<dyn Analysis>,
        formulas: FormulaDraws<'s>,
    ) -> Result<Self> {
        let base =
            symbolic.factorize(system.a_matrix().view()).map_err(|e| crate::calc::lca::solve_error(e, &system))?;
        Ok(BackgroundSampler {
            a_uncertain: system.a.uncertain(),
            b_uncertain: system.b.uncertain(),
            c_uncertain: characterization.c.uncertain(),
            system,
            characterization,
            symbolic,
            formulas,
            base,
        })
    }

    /// The supply of `demand` from the deterministic A (checked by its residual): the starting
    /// point of every draw's iterative solve, so that a draw depends on (seed, iteration) only.
    pub fn base_supply(&self, demand: &[f64]) -> Result<Vec<f64>> {
        let a = self.system.a_matrix();
        self.base.solve_checked(a.view(), demand).map_err(|e| crate::calc::lca::solve_error(e, &self.system))
    }

    /// Number of uncertain entries in A, B and C.
    pub fn uncertain_counts(&self) -> (usize, usize, usize) {
        (self.a_uncertain.len(), self.b_uncertain.len(), self.c_uncertain.len())
    }

    /// True when nothing in the background is uncertain.
    pub fn is_fixed(&self) -> bool {
        self.a_uncertain.is_empty()
            && self.b_uncertain.is_empty()
            && self.c_uncertain.is_empty()
            && self.formulas.as_ref().is_none_or(|f| f.1.is_empty())
    }

    /// Entry values of A, B and C for draw `iteration`.
    pub fn values(&self, seed: u64, iteration: u64) -> Result<(Vec<f64>, Vec<f64>, Vec<f64>)> {
        let (a_base, b_base) = match &self.formulas {
            Some((f, params)) if !params.is_empty() => {
                let mut overrides = HashMap::new();
                for (name, d, value) in params {
                    let mut r = rng(seed, iteration, Stream::DatabaseParameters, super::sample::key_hash(name));
                    overrides.insert(name.clone(), draw(d, *value, &mut r));
                }
                f.entry_values(&self.system, &overrides)?
            }
            _ => (self.system.a.values.clone(), self.system.b.values.clone()),
        };
        let a = draw_entries(&self.system.a, a_base, &self.a_uncertain, seed, iteration, Stream::Technosphere);
        let b = draw_entries(&self.system.b, b_base, &self.b_uncertain, seed, iteration, Stream::Biosphere);
        let c = draw_entries(
            &self.characterization.c,
            self.characterization.c.values.clone(),
            &self.c_uncertain,
            seed,
            iteration,
            Stream::Characterization,
        );
        Ok((a, b, c))
    }

    /// The factorized background of draw `iteration`.
    pub fn lca(&self, seed: u64, iteration: u64) -> Result<Lca> {
        let (a, b, c) = self.values(seed, iteration)?;
        Lca::refactorized(
            self.system.clone(),
            self.characterization.clone(),
            self.base.as_ref(),
            self.system.a_pattern.matrix(&a),
            self.system.b_pattern.matrix(&b),
            self.characterization.pattern.matrix(&c),
        )
    }

    /// The factorized background of a draw and its intensities.
    pub fn engine(&self, seed: u64, iteration: u64) -> Result<(Lca, Intensities)> {
        let lca = self.lca(seed, iteration)?;
        let intensities = lca.intensities()?;
        Ok((lca, intensities))
    }
}
