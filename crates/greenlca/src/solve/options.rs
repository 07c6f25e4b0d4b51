//! The tunables of the sparse solvers, and the choice of solver family.

/// The solver families; [`analyze`](super::analyze) is the one place that maps a kind to its
/// implementation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum SolverKind {
    /// Block triangular form (Tarjan), AMD ordering of each coupled block, left-looking
    /// Gilbert-Peierls LU with threshold partial pivoting, dense LU for blocks expected to fill up
    /// (in the manner of KLU).
    BtfLu,
    /// BiCGSTAB preconditioned by ILU(0) of the matrix in block triangular order, every solve
    /// checked by its backward error and done again by the direct LU when it does not converge
    /// (for giant coupled blocks: ecoinvent-like databases).
    Iterative,
    /// As [`Iterative`](Self::Iterative) with restarted GMRES([`SolverOptions::gmres_restart`])
    /// instead of BiCGSTAB (same preconditioner, same convergence check, same fallback).
    Gmres,
    /// The Krylov family when the largest coupled block has at least
    /// [`SolverOptions::iterative_min_block`] columns, else the direct LU.
    #[default]
    Auto,
}

impl SolverKind {
    /// The name used on the command line (`--solver`).
    pub fn as_str(self) -> &'static str {
        match self {
            SolverKind::BtfLu => "lu",
            SolverKind::Iterative => "iterative",
            SolverKind::Gmres => "gmres",
            SolverKind::Auto => "auto",
        }
    }

    /// The kind named `name` on the command line.
    pub fn parse(name: &str) -> Option<SolverKind> {
        [SolverKind::Auto, SolverKind::BtfLu, SolverKind::Iterative, SolverKind::Gmres]
            .into_iter()
            .find(|k| k.as_str() == name)
    }
}

/// How matrices are analyzed, factorized and checked. `Default` gives the values greenlca has
/// always used; results are reproducible for given options.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct SolverOptions {
    /// The solver family.
    pub kind: SolverKind,
    /// Threshold partial pivoting: the diagonal stays the pivot while it is at least this fraction
    /// of the largest candidate in its column (KLU's default 0.001). Smaller keeps the
    /// fill-reducing order more often, larger is more stable.
    pub pivot_tolerance: f64,
    /// A pivot no larger than this fraction of its column's original magnitude is rounding noise:
    /// the block is singular.
    pub singular_tolerance: f64,
    /// A coupled block is factorized densely once its factors are expected to fill this share of
    /// it (input-output tables).
    pub dense_fill: f64,
    /// Largest block factorized densely (16384 columns is 2 GiB of f64); beyond, sparse whatever
    /// the fill.
    pub max_dense: usize,
    /// Largest relative residual (normwise backward error) accepted for a checked solve.
    pub residual_tolerance: f64,
    /// Krylov family: a solve has converged once its normwise backward error is at most this.
    pub iterative_tolerance: f64,
    /// Krylov family: BiCGSTAB steps allowed per solve before it falls back to the direct LU.
    pub max_iterations: usize,
    /// [`SolverKind::Auto`] takes the Krylov family from a coupled block of this many columns.
    pub iterative_min_block: usize,
    /// Krylov family: a refactorization (Monte Carlo draw) keeps the base matrix's
    /// preconditioner instead of computing ILU(0) of the new values.
    pub keep_preconditioner: bool,
    /// [`SolverKind::Gmres`]: Arnoldi vectors kept before a restart (memory: this many vectors
    /// of the dimension per solve).
    pub gmres_restart: usize,
}

impl Default for SolverOptions {
    fn default() -> Self {
        SolverOptions {
            kind: SolverKind::Auto,
            pivot_tolerance: 1e-3,
            singular_tolerance: f64::EPSILON,
            dense_fill: 0.3,
            max_dense: 16_384,
            residual_tolerance: 1e-9,
            iterative_tolerance: 1e-15,
            max_iterations: 100,
            iterative_min_block: 2_000,
            keep_preconditioner: true,
            gmres_restart: 30,
        }
    }
}
