//! A product study: the model, its background system and characterization, factorized once and
//! shared by every variant whose matrices differ only in the foreground.

use std::sync::Arc;

use rayon::prelude::*;

use super::lca::{Intensities, Lca, analyze};
use super::product::{ProductResult, assess};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::inputs::ModelInputs;
use crate::matrix::foreground::{self, Foreground};
use crate::matrix::parameters::DbFormulas;
use crate::matrix::relink::relinked_system;
use crate::matrix::{Characterization, TechSystem, UnlinkedPolicy, build_system, characterize};
use crate::model::Relink;
use crate::solve::{Analysis, SolverOptions};
use crate::warning::Warning;

/// A model with its built matrices.
///
/// Send and Sync: keep it in an `Arc` to share it between threads or hold it in a long-lived
/// object; the engines it makes share its system and characterization without borrowing it.
#[derive(Debug)]
pub struct Study {
    /// What was read.
    pub inputs: ModelInputs,
    /// The background system, shared with every engine.
    pub system: Arc<TechSystem>,
    /// C for the model's methods, shared with every engine.
    pub characterization: Arc<Characterization>,
    /// Database formulas, for parameter overrides.
    pub formulas: DbFormulas,
    symbolic: Arc<dyn Analysis>,
}

/// The factorized background and its intensities: owned, so it can be stored and sent across
/// threads independently of the [`Study`] that made it.
#[derive(Debug, Clone)]
pub struct Engine {
    /// The factorized system.
    pub lca: Lca,
    /// Intensities per category.
    pub intensities: Intensities,
}

impl Study {
    /// Builds the matrices and analyses the pattern of A with the default [`SolverOptions`].
    pub fn new(inputs: ModelInputs, policy: UnlinkedPolicy) -> Result<Study> {
        Self::with_options(inputs, policy, &SolverOptions::default())
    }

    /// As [`new`](Self::new) with the solver chosen and tuned by `options`.
    pub fn with_options(inputs: ModelInputs, policy: UnlinkedPolicy, options: &SolverOptions) -> Result<Study> {
        // The product's unit is the basis of per-unit limits and reports: an unknown one must not
        // pass silently.
        let unit = &inputs.model.product.unit;
        if inputs.database.units.get(unit).is_none() {
            return Err(Error::new(
                ErrorKind::Unit,
                Location::file(&inputs.model.path).with_entity("[product] unit"),
                format!("unknown unit `{unit}` of the product"),
                "use a unit of the database (units.csv) or a built-in one such as `unit` (a piece), `kg`, `m2` or `kWh` (docs/formats.md, Units)",
            ));
        }
        let system = build_system(&inputs.database, policy)?;
        let characterization = characterize(&system.flows, &inputs.methods, &inputs.database.units)?;
        let formulas = DbFormulas::new(&inputs.database)?;
        // Solver errors know the processes, not the file: name the database.
        let symbolic =
            analyze(&system, system.a_matrix().view(), options).map_err(|e| e.in_file(&inputs.database_dir))?;
        Ok(Study { inputs, system: Arc::new(system), characterization: Arc::new(characterization), formulas, symbolic })
    }

    /// What the user should hear about the build: the unlinked inputs under the `warn` policy.
    pub fn warnings(&self) -> Vec<Warning> {
        Warning::unlinked(&self.system.links)
    }

    /// The symbolic analysis of A, reused by every factorization of the study.
    pub fn symbolic(&self) -> &Arc<dyn Analysis> {
        &self.symbolic
    }

    /// Factorizes the base background and computes its intensities.
    pub fn engine(&self) -> Result<Engine> {
        let a = self.system.a_matrix();
        let lca = Lca::with_matrices(
            self.system.clone(),
            self.characterization.clone(),
            self.symbolic.as_ref(),
            a,
            self.system.b_matrix(),
            self.characterization.matrix(),
        )
        .map_err(|e| e.in_file(&self.inputs.database_dir))?;
        let intensities = lca.intensities().map_err(|e| e.in_file(&self.inputs.database_dir))?;
        Ok(Engine { lca, intensities })
    }

    /// Resolves a variant with extra parameter values (given with `--set`).
    pub fn resolve(&self, variant: &str, sets: &[(String, f64)]) -> Result<Foreground> {
        self.resolve_at(variant, sets, &Location::entity("--set"))
    }

    /// Resolves a variant with extra parameter values defined at `at` (for error messages).
    pub fn resolve_at(&self, variant: &str, sets: &[(String, f64)], at: &Location) -> Result<Foreground> {
        self.resolve_with(variant, sets, &[], at)
    }

    /// Resolves a variant with extra parameter values and extra relinks (a scenario row's), both
    /// defined at `at`.
    pub fn resolve_with(
        &self,
        variant: &str,
        sets: &[(String, f64)],
        relinks: &[Relink],
        at: &Location,
    ) -> Result<Foreground> {
        let model = &self.inputs.model;
        // A variant named in a file (a scenarios CSV) is reported there, not in the model.
        if at.path.is_some() && variant != "base" && variant != model.base_name && model.variant(variant).is_none() {
            return Err(foreground::unknown_variant(model, variant, at.clone()));
        }
        foreground::check_overrides(&self.inputs.model, &self.formulas, sets, at)?;
        foreground::resolve_relinked(
            &self.inputs.model,
            variant,
            sets,
            relinks,
            &self.inputs.database,
            &self.formulas,
            &self.system,
        )
    }

    /// The engine a resolved variant needs: `None` when the shared `engine` serves it, else a
    /// background refactorized with the variant's database parameter values (same symbolic
    /// analysis).
    pub fn engine_for(&self, fg: &Foreground) -> Result<Option<Engine>> {
        if !fg.relinked.is_empty() {
            return self.relinked_engine(fg).map(Some);
        }
        if fg.db_overrides.is_empty() || self.formulas.is_empty() {
            return Ok(None);
        }
        let (a_vals, b_vals) = self.formulas.entry_values(&self.system, &fg.db_overrides)?;
        let lca = Lca::with_matrices(
            self.system.clone(),
            self.characterization.clone(),
            self.symbolic.as_ref(),
            self.system.a_pattern.matrix(&a_vals),
            self.system.b_pattern.matrix(&b_vals),
            self.characterization.matrix(),
        )?;
        let intensities = lca.intensities()?;
        Ok(Some(Engine { lca, intensities }))
    }

    /// The background system a resolved variant is computed on: the shared one, or, for a variant
    /// that relinks providers, its own (same rows and columns, another pattern of A).
    pub fn background_for(&self, fg: &Foreground) -> Result<std::borrow::Cow<'_, TechSystem>> {
        if fg.relinked.is_empty() {
            return Ok(std::borrow::Cow::Borrowed(&self.system));
        }
        let (_, system) = relinked_system(&self.inputs.database, &fg.relinked, self.system.links.policy)
            .map_err(|e| e.in_file(&self.inputs.database_dir))?;
        Ok(std::borrow::Cow::Owned(system))
    }

    /// A background built from the database with the variant's relinks (and its database
    /// parameter values): same rows and columns as the shared one, another pattern of A.
    fn relinked_engine(&self, fg: &Foreground) -> Result<Engine> {
        let in_db = |e: Error| e.in_file(&self.inputs.database_dir);
        let (db, system) = relinked_system(&self.inputs.database, &fg.relinked, self.system.links.policy)?;
        let (a, b) = if fg.db_overrides.is_empty() || self.formulas.is_empty() {
            (system.a_matrix(), system.b_matrix())
        } else {
            let (a_vals, b_vals) = DbFormulas::new(&db)?.entry_values(&system, &fg.db_overrides)?;
            (system.a_pattern.matrix(&a_vals), system.b_pattern.matrix(&b_vals))
        };
        let symbolic = analyze(&system, a.view(), &SolverOptions::default()).map_err(in_db)?;
        let lca = Lca::with_matrices(
            Arc::new(system),
            self.characterization.clone(),
            symbolic.as_ref(),
            a,
            b,
            self.characterization.matrix(),
        )
        .map_err(in_db)?;
        let intensities = lca.intensities().map_err(in_db)?;
        Ok(Engine { lca, intensities })
    }

    /// Assesses a resolved variant: with the shared engine, or, when it changes database
    /// parameters, with a background refactorized for it.
    pub fn assess(&self, engine: &Engine, fg: &Foreground) -> Result<ProductResult> {
        match self.engine_for(fg)? {
            None => assess(&engine.lca, &engine.intensities, fg),
            Some(own) => assess(&own.lca, &own.intensities, fg),
        }
    }

    /// Resolves and assesses several variants in parallel, results in the order asked.
    pub fn assess_variants(
        &self,
        engine: &Engine,
        variants: &[String],
        sets: &[(String, f64)],
    ) -> Result<Vec<ProductResult>> {
        variants.par_iter().map(|v| self.assess(engine, &self.resolve(v, sets)?)).collect()
    }
}

#[cfg(test)]
mod tests {
    /// A language binding or a service keeps these in long-lived objects and shares them between
    /// threads: none may borrow.
    #[test]
    fn handles_are_owned_send_and_sync() {
        fn shareable<T: Send + Sync + 'static>() {}
        shareable::<super::Study>();
        shareable::<super::Engine>();
        shareable::<crate::calc::Lca>();
    }
}
