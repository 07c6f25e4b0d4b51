//! Monte Carlo draws of a product study: the background drawn once per iteration and shared by all
//! variants (paired draws), model parameters drawn by name and foreground exchanges by id, so that
//! the same quantity gets the same draw in every variant. A variant that relinks providers has a
//! background of its own, drawn from the same streams (its entries are the shared background's,
//! some in other rows), so that its draws stay paired with the other variants'.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use super::draw::{BackgroundSampler, uncertain_db_parameters};
use super::sample::{Stream, draw, key_hash, rng};
use crate::calc::{Engine, ProductResult, Study};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::matrix::foreground::{self, Foreground};
use crate::matrix::relink::relinked_system;
use crate::model::Distribution;

/// Draws of a product study.
pub struct ProductSampler<'s> {
    /// The study.
    pub study: &'s Study,
    /// The background part.
    pub background: BackgroundSampler<'s>,
    model_parameters: Vec<(String, Distribution, f64)>,
    /// Backgrounds of relinking variants, built on first use, by variant.
    relinked: Mutex<HashMap<String, Arc<BackgroundSampler<'s>>>>,
}

impl<'s> ProductSampler<'s> {
    /// Prepares the sampler.
    pub fn new(study: &'s Study) -> Result<Self> {
        let background = BackgroundSampler::new(
            study.system.clone(),
            study.characterization.clone(),
            study.symbolic().clone(),
            Some((&study.formulas, uncertain_db_parameters(&study.inputs.database))),
        )?;
        let model_parameters = study
            .inputs
            .model
            .parameters
            .iter()
            .filter(|p| p.formula.is_none())
            .filter_map(|p| p.uncertainty.map(|d| (p.name.clone(), d, p.value.unwrap_or(0.0))))
            .collect();
        Ok(ProductSampler { study, background, model_parameters, relinked: Mutex::new(HashMap::new()) })
    }

    /// Number of uncertain inputs: (A, B, C entries, model parameters, foreground exchanges of the base).
    pub fn uncertain_counts(&self) -> (usize, usize, usize, usize, usize) {
        let (a, b, c) = self.background.uncertain_counts();
        let fg = self.study.inputs.model.exchanges.iter().filter(|e| e.uncertainty.is_some()).count();
        (a, b, c, self.model_parameters.len(), fg)
    }

    /// The variant resolved with the parameters of draw `iteration`; parameters the variant or
    /// `sets` fix keep their fixed value; foreground exchanges with a distribution are drawn.
    pub fn foreground(&self, variant: &str, sets: &[(String, f64)], seed: u64, iteration: u64) -> Result<Foreground> {
        let model = &self.study.inputs.model;
        let fixed_by_variant: Vec<&str> =
            model.variant(variant).map(|v| v.set.iter().map(|(k, _)| k.as_str()).collect()).unwrap_or_default();
        let mut all: Vec<(String, f64)> = Vec::new();
        for (name, d, value) in &self.model_parameters {
            if fixed_by_variant.contains(&name.as_str()) || sets.iter().any(|(k, _)| k == name) {
                continue;
            }
            let mut r = rng(seed, iteration, Stream::ModelParameters, key_hash(name));
            all.push((name.clone(), draw(d, *value, &mut r)));
        }
        all.extend(sets.iter().cloned());
        let mut fg = foreground::resolve(
            model,
            variant,
            &all,
            &self.study.inputs.database,
            &self.study.formulas,
            &self.study.system,
        )?;
        for e in fg.entries.iter_mut() {
            if let Some(d) = &e.dist {
                let mut r = rng(seed, iteration, Stream::Foreground, key_hash(&e.id));
                e.value = draw(d, e.value, &mut r);
                e.amount = e.value / e.factor;
            }
        }
        Ok(fg)
    }

    /// Runs draw `iteration` for each variant and maps each result with `f`.
    pub fn draw<T>(
        &self,
        seed: u64,
        iteration: u64,
        variants: &[String],
        sets: &[(String, f64)],
        f: &(dyn Fn(&Engine, &Foreground, &ProductResult) -> Result<T> + Sync),
    ) -> Result<Vec<T>> {
        let (lca, intensities) = self.background.engine(seed, iteration)?;
        let engine = Engine { lca, intensities };
        variants
            .iter()
            .map(|v| {
                let fg = self.foreground(v, sets, seed, iteration)?;
                if fg.relinked.is_empty() {
                    let r = crate::calc::assess(&engine.lca, &engine.intensities, &fg)?;
                    return f(&engine, &fg, &r);
                }
                let (lca, intensities) = self.relinked_background(v, &fg)?.engine(seed, iteration)?;
                let own = Engine { lca, intensities };
                let r = crate::calc::assess(&own.lca, &own.intensities, &fg)?;
                f(&own, &fg, &r)
            })
            .collect()
    }

    /// The background of a relinking variant: the database with its relinks, its entries drawn
    /// from the shared background's streams.
    fn relinked_background(&self, variant: &str, fg: &Foreground) -> Result<Arc<BackgroundSampler<'s>>> {
        if let Some(s) = self.relinked.lock().unwrap_or_else(|e| e.into_inner()).get(variant) {
            return Ok(s.clone());
        }
        let study = self.study;
        let db_params = uncertain_db_parameters(&study.inputs.database);
        if !db_params.is_empty() && !study.formulas.is_empty() {
            // Database formulas would have to be drawn on the relinked database too.
            return Err(Error::new(
                ErrorKind::Invalid,
                Location::file(&study.inputs.model.path).with_entity(format!("variant `{variant}`")),
                "Monte Carlo of a relinking variant over a database whose formulas use uncertain parameters is not supported",
                "make the change in a database layer that overrides the processes (docs/formats.md, Database layers), or fix the database parameters",
            ));
        }
        let in_db = |e: Error| e.in_file(&study.inputs.database_dir);
        let (_, system) =
            relinked_system(&study.inputs.database, &fg.relinked, study.system.links.policy).map_err(in_db)?;
        let symbolic =
            crate::calc::lca::analyze(&system, system.a_matrix().view(), &crate::solve::SolverOptions::default())
                .map_err(in_db)?;
        let sampler =
            Arc::new(BackgroundSampler::new(Arc::new(system), study.characterization.clone(), symbolic, None)?);
        self.relinked.lock().unwrap_or_else(|e| e.into_inner()).insert(variant.to_string(), sampler.clone());
        Ok(sampler)
    }
}
