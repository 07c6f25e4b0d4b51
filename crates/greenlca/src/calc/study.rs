//! A product study: the model, its background system and characterization, factorized once and
//! shared by every variant whose matrices differ only in the foreground.

use rayon::prelude::*;

use super::lca::{Intensities, Lca, solve_error};
use super::product::{ProductResult, assess};
use crate::error::{Location, Result};
use crate::io::inputs::ModelInputs;
use crate::matrix::foreground::{self, Foreground};
use crate::matrix::parameters::DbFormulas;
use crate::matrix::{Characterization, TechSystem, UnlinkedPolicy, build_system, characterize};
use crate::solve::SymbolicLu;
use crate::warning::Warning;

/// A model with its built matrices.
#[derive(Debug)]
pub struct Study {
    /// What was read.
    pub inputs: ModelInputs,
    /// The background system.
    pub system: TechSystem,
    /// C for the model's methods.
    pub characterization: Characterization,
    /// Database formulas, for parameter overrides.
    pub formulas: DbFormulas,
    symbolic: SymbolicLu,
}

/// The factorized background and its intensities.
#[derive(Debug, Clone)]
pub struct Engine<'s> {
    /// The factorized system.
    pub lca: Lca<'s>,
    /// Intensities per category.
    pub intensities: Intensities,
}

impl Study {
    /// Builds the matrices and analyses the pattern of A.
    pub fn new(inputs: ModelInputs, policy: UnlinkedPolicy) -> Result<Study> {
        let system = build_system(&inputs.database, policy)?;
        let characterization = characterize(&system.flows, &inputs.methods, &inputs.database.units)?;
        let formulas = DbFormulas::new(&inputs.database)?;
        let symbolic = SymbolicLu::analyze(system.a_matrix().view()).map_err(|e| solve_error(e, &system))?;
        Ok(Study { inputs, system, characterization, formulas, symbolic })
    }

    /// What the user should hear about the build: the unlinked inputs under the `warn` policy.
    pub fn warnings(&self) -> Vec<Warning> {
        Warning::unlinked(&self.system.links)
    }

    /// The symbolic analysis of A.
    pub fn symbolic(&self) -> &SymbolicLu {
        &self.symbolic
    }

    /// Factorizes the base background and computes its intensities.
    pub fn engine(&self) -> Result<Engine<'_>> {
        let a = self.system.a_matrix();
        let lca = Lca::with_matrices(
            &self.system,
            &self.characterization,
            &self.symbolic,
            a,
            self.system.b_matrix(),
            self.characterization.matrix(),
        )?;
        let intensities = lca.intensities()?;
        Ok(Engine { lca, intensities })
    }

    /// Resolves a variant with extra parameter values (given with `--set`).
    pub fn resolve(&self, variant: &str, sets: &[(String, f64)]) -> Result<Foreground> {
        self.resolve_at(variant, sets, &Location::entity("--set"))
    }

    /// Resolves a variant with extra parameter values defined at `at` (for error messages).
    pub fn resolve_at(&self, variant: &str, sets: &[(String, f64)], at: &Location) -> Result<Foreground> {
        foreground::check_overrides(&self.inputs.model, &self.formulas, sets, at)?;
        foreground::resolve(&self.inputs.model, variant, sets, &self.inputs.database, &self.formulas, &self.system)
    }

    /// The engine a resolved variant needs: `None` when the shared `engine` serves it, else a
    /// background refactorized with the variant's database parameter values (same symbolic
    /// analysis).
    pub fn engine_for(&self, fg: &Foreground) -> Result<Option<Engine<'_>>> {
        if fg.db_overrides.is_empty() || self.formulas.is_empty() {
            return Ok(None);
        }
        let (a_vals, b_vals) = self.formulas.entry_values(&self.system, &fg.db_overrides)?;
        let lca = Lca::with_matrices(
            &self.system,
            &self.characterization,
            &self.symbolic,
            self.system.a_pattern.matrix(&a_vals),
            self.system.b_pattern.matrix(&b_vals),
            self.characterization.matrix(),
        )?;
        let intensities = lca.intensities()?;
        Ok(Some(Engine { lca, intensities }))
    }

    /// Assesses a resolved variant: with the shared engine, or, when it changes database
    /// parameters, with a background refactorized for it.
    pub fn assess(&self, engine: &Engine<'_>, fg: &Foreground) -> Result<ProductResult> {
        match self.engine_for(fg)? {
            None => assess(&engine.lca, &engine.intensities, fg),
            Some(own) => assess(&own.lca, &own.intensities, fg),
        }
    }

    /// Resolves and assesses several variants in parallel, results in the order asked.
    pub fn assess_variants(
        &self,
        engine: &Engine<'_>,
        variants: &[String],
        sets: &[(String, f64)],
    ) -> Result<Vec<ProductResult>> {
        variants.par_iter().map(|v| self.assess(engine, &self.resolve(v, sets)?)).collect()
    }
}
