//! The matrix method: factorize A once, then supply s = A^-1 f, inventory g = B s, scores h = C g,
//! and the intensities (adjoints) lambda_k = A^-T B^T c_k that price every product.

use std::sync::Arc;

use rayon::prelude::*;
use sprs::CsMat;

use super::productive::check_productive;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::matrix::{Characterization, TechSystem};
use crate::solve::{Analysis, Factorization, SolveError, SolverOptions};

/// A factorized system ready to answer many demands.
///
/// Owns its matrices and factors and shares the system and characterization, so it can be kept
/// in a long-lived struct and sent to other threads; a clone copies the matrices and factors.
#[derive(Debug, Clone)]
pub struct Lca {
    system: Arc<TechSystem>,
    characterization: Arc<Characterization>,
    a: CsMat<f64>,
    b: CsMat<f64>,
    c: CsMat<f64>,
    lu: Box<dyn Factorization>,
}

/// Supply and inventory for one demand.
#[derive(Debug, Clone, PartialEq)]
pub struct LciResult {
    /// Scaling vector s: how much each process runs.
    pub supply: Vec<f64>,
    /// Inventory g = B s (plus any direct flows added by the caller).
    pub inventory: Vec<f64>,
}

/// Category scores for one inventory.
#[derive(Debug, Clone, PartialEq)]
pub struct LciaResult {
    /// The inventory the scores were computed from.
    pub lci: LciResult,
    /// h = C g, one value per category.
    pub scores: Vec<f64>,
}

/// Per category, the impact of one unit of each product (lambda) and the direct impact of one unit
/// of each process (C B).
#[derive(Debug, Clone, PartialEq)]
pub struct Intensities {
    /// `lambda[k][i]`: cradle-to-gate impact in category k of one unit of product i.
    pub total: Vec<Vec<f64>>,
    /// `direct[k][j]`: impact in category k of the elementary flows of one unit of process j.
    pub direct: Vec<Vec<f64>>,
}

impl Lca {
    /// Analyses and factorizes the system with its deterministic values and the default
    /// [`SolverOptions`]. Takes the system and characterization by value or as `Arc`s to share.
    pub fn new(system: impl Into<Arc<TechSystem>>, characterization: impl Into<Arc<Characterization>>) -> Result<Lca> {
        Self::with_options(system, characterization, &SolverOptions::default())
    }

    /// As [`new`](Self::new) with the solver chosen and tuned by `options`.
    pub fn with_options(
        system: impl Into<Arc<TechSystem>>,
        characterization: impl Into<Arc<Characterization>>,
        options: &SolverOptions,
    ) -> Result<Lca> {
        let (system, characterization) = (system.into(), characterization.into());
        let a = system.a_matrix();
        let analysis = analyze(&system, a.view(), options)?;
        let (b, c) = (system.b_matrix(), characterization.matrix());
        Self::with_matrices(system, characterization, analysis.as_ref(), a, b, c)
    }

    /// Factorizes given matrices (same patterns as `system`) with an analysis done before.
    pub fn with_matrices(
        system: Arc<TechSystem>,
        characterization: Arc<Characterization>,
        analysis: &dyn Analysis,
        a: CsMat<f64>,
        b: CsMat<f64>,
        c: CsMat<f64>,
    ) -> Result<Lca> {
        check_finite(&a, "A", &system)?;
        check_finite(&b, "B", &system)?;
        let lu = analysis.factorize(a.view()).map_err(|e| solve_error(e, &system))?;
        check_productive(&a, lu.as_ref(), &system)?;
        Ok(Lca { system, characterization, a, b, c: c.to_csr(), lu })
    }

    /// Factorizes new values of the same pattern starting from the factors `base` (what the
    /// solver can reuse, such as the pivot order and fill pattern, is reused). The result depends
    /// on `base` and the values only, so a Monte Carlo draw does not depend on the draws before it.
    pub fn refactorized(
        system: Arc<TechSystem>,
        characterization: Arc<Characterization>,
        base: &dyn Factorization,
        a: CsMat<f64>,
        b: CsMat<f64>,
        c: CsMat<f64>,
    ) -> Result<Lca> {
        check_finite(&a, "A", &system)?;
        check_finite(&b, "B", &system)?;
        let mut lu = base.boxed_clone();
        lu.refactorize(a.view()).map_err(|e| solve_error(e, &system))?;
        Ok(Lca { system, characterization, a, b, c: c.to_csr(), lu })
    }

    /// The system.
    pub fn system(&self) -> &TechSystem {
        &self.system
    }

    /// The characterization.
    pub fn characterization(&self) -> &Characterization {
        &self.characterization
    }

    /// The shared system, to build another `Lca` on it without a copy.
    pub fn shared_system(&self) -> &Arc<TechSystem> {
        &self.system
    }

    /// The shared characterization.
    pub fn shared_characterization(&self) -> &Arc<Characterization> {
        &self.characterization
    }

    /// A as factorized.
    pub fn a(&self) -> &CsMat<f64> {
        &self.a
    }

    pub fn b(&self) -> &CsMat<f64> {
        &self.b
    }

    /// C (rows are categories).
    pub fn c(&self) -> &CsMat<f64> {
        &self.c
    }

    /// The numeric factorization.
    pub fn lu(&self) -> &dyn Factorization {
        self.lu.as_ref()
    }

    /// What the solver has to report about the solves made so far: an iterative solve that fell
    /// back to the direct LU (the results are still checked by their residual).
    pub fn solver_warnings(&self) -> Vec<crate::Warning> {
        self.lu.notes().into_iter().map(|note| crate::Warning::SolverFallback { note }).collect()
    }

    /// Solves A s = demand and checks the residual.
    pub fn supply(&self, demand: &[f64]) -> Result<Vec<f64>> {
        self.lu.solve_checked(self.a.view(), demand).map_err(|e| solve_error(e, &self.system))
    }

    /// As [`supply`](Self::supply), the iterative solvers starting from `guess` (the supply of
    /// a nearby system: a Monte Carlo draw starts from the base system's).
    pub fn supply_from(&self, demand: &[f64], guess: &[f64]) -> Result<Vec<f64>> {
        self.lu.solve_checked_from(self.a.view(), demand, guess).map_err(|e| solve_error(e, &self.system))
    }

    /// As [`lci`](Self::lci), the supply solved from `guess` ([`supply_from`](Self::supply_from)).
    pub fn lci_from(&self, demand: &[f64], guess: &[f64]) -> Result<LciResult> {
        let supply = self.supply_from(demand, guess)?;
        let inventory = self.inventory(&supply);
        Ok(LciResult { supply, inventory })
    }

    /// Solves A^T x = rhs and checks the residual.
    pub fn solve_transpose(&self, rhs: &[f64]) -> Result<Vec<f64>> {
        self.lu.solve_transpose_checked(self.a.view(), rhs).map_err(|e| solve_error(e, &self.system))
    }

    /// Inventory g = B s.
    pub fn inventory(&self, supply: &[f64]) -> Vec<f64> {
        let mut g = vec![0.0; self.system.m()];
        for (j, col) in self.b.outer_iterator().enumerate() {
            let sj = supply[j];
            if sj == 0.0 {
                continue;
            }
            for (f, v) in col.iter() {
                g[f] += v * sj;
            }
        }
        g
    }

    /// Scores h = C g.
    pub fn scores(&self, inventory: &[f64]) -> Vec<f64> {
        self.c.outer_iterator().map(|row| row.iter().map(|(f, v)| v * inventory[f]).sum()).collect()
    }

    /// Supply and inventory for a demand.
    pub fn lci(&self, demand: &[f64]) -> Result<LciResult> {
        let supply = self.supply(demand)?;
        let inventory = self.inventory(&supply);
        Ok(LciResult { supply, inventory })
    }

    /// Scores of an inventory.
    pub fn lcia(&self, lci: LciResult) -> LciaResult {
        let scores = self.scores(&lci.inventory);
        LciaResult { lci, scores }
    }

    /// The intensities of every category: one transposed solve per category, in parallel.
    pub fn intensities(&self) -> Result<Intensities> {
        let n = self.system.n();
        let direct: Vec<Vec<f64>> = self
            .c
            .outer_iterator()
            .map(|crow| {
                // (C B)[k, j] = sum_f C[k, f] B[f, j]
                let mut ck = vec![0.0; self.system.m()];
                for (f, v) in crow.iter() {
                    ck[f] = *v;
                }
                let mut d = vec![0.0; n];
                for (j, col) in self.b.outer_iterator().enumerate() {
                    d[j] = col.iter().map(|(f, v)| v * ck[f]).sum();
                }
                d
            })
            .collect();
        let total = direct.par_iter().map(|d| self.solve_transpose(d)).collect::<Result<Vec<_>>>()?;
        Ok(Intensities { total, direct })
    }
}

/// Analyzes the pattern of `a`, errors naming the processes of `system`.
pub fn analyze(system: &TechSystem, a: sprs::CsMatView<'_, f64>, options: &SolverOptions) -> Result<Arc<dyn Analysis>> {
    crate::solve::analyze(a, options).map_err(|e| solve_error(e, system))
}

fn check_finite(m: &CsMat<f64>, name: &str, system: &TechSystem) -> Result<()> {
    for (v, (r, c)) in m.iter() {
        if !v.is_finite() {
            let col = if m.is_csc() { c } else { r };
            return Err(Error::new(
                ErrorKind::Value,
                Location::entity(format!("process `{}`", system.columns[col].id)),
                format!("an entry of {name} is {v}"),
                "every amount must be a finite number: check the exchange amounts and formulas of this process",
            ));
        }
    }
    Ok(())
}

/// Turns a solver error into an error that names the processes involved.
pub fn solve_error(e: SolveError, system: &TechSystem) -> Error {
    let name =
        |c: usize| system.columns.get(c).map_or_else(|| format!("#{c}"), |col| format!("`{}` ({})", col.id, col.name));
    let list = |cols: &[usize]| {
        let mut v: Vec<String> = cols.iter().take(10).map(|&c| name(c)).collect();
        if cols.len() > 10 {
            v.push(format!("and {} more", cols.len() - 10));
        }
        v.join(", ")
    };
    let hint = "check that each of these processes makes a non-zero amount of its reference product and that their loops do not consume more than they make";
    match e {
        SolveError::NotSquare { rows, cols } => Error::new(
            ErrorKind::Singular,
            Location::entity("technology matrix"),
            format!("the technology matrix is {rows} x {cols}, not square"),
            "every process needs exactly one reference product",
        ),
        SolveError::MissingDiagonal { col } => Error::new(
            ErrorKind::Singular,
            Location::entity("technology matrix"),
            format!("process {} has no entry for its own reference product", name(col)),
            "give the process a reference exchange with a non-zero amount",
        ),
        SolveError::StructurallySingular { cols } => Error::new(
            ErrorKind::Singular,
            Location::entity("technology matrix"),
            format!("the system cannot be solved: processes {} are structurally dependent", list(&cols)),
            hint,
        ),
        SolveError::NumericallySingular { col, block } => {
            let involved = if block.is_empty() { name(col) } else { list(&block) };
            Error::new(
                ErrorKind::Singular,
                Location::entity("technology matrix"),
                format!("the technology matrix is singular at process {}; processes involved: {involved}", name(col)),
                hint,
            )
        }
        SolveError::PatternMismatch => Error::new(
            ErrorKind::Invalid,
            Location::entity("technology matrix"),
            "matrix values do not match the analysed pattern",
            "this is a bug in greenlca: please report it",
        ),
        SolveError::TooLarge { n } => Error::new(
            ErrorKind::Invalid,
            Location::entity("technology matrix"),
            format!("the system has {n} processes, more than the solver indexes (2^32 - 1)"),
            "split the database",
        ),
        SolveError::DimensionMismatch { expected, found } => Error::new(
            ErrorKind::Invalid,
            Location::entity("technology matrix"),
            format!("a vector of length {found} was given for {expected} processes"),
            "this is a bug in greenlca: please report it",
        ),
        SolveError::NotFinite { row, col } => Error::new(
            ErrorKind::Value,
            Location::entity("technology matrix"),
            format!("entry ({}, {}) of the technology matrix is not finite", name(row), name(col)),
            "check the exchange amounts and formulas",
        ),
        SolveError::Inaccurate { residual } => Error::new(
            ErrorKind::Singular,
            Location::entity("technology matrix"),
            format!(
                "the technology matrix is too ill-conditioned to solve reliably (relative residual {residual:.1e})"
            ),
            "look for processes that produce almost nothing of their reference product, or loops that consume more than they make",
        ),
    }
}
