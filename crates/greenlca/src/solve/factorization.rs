//! The interface every solver family implements: a symbolic analysis of a pattern, reused for
//! every value set with that pattern, and numeric factors that solve with A and A^T.
//!
//! Callers hold `Arc<dyn Analysis>` and `Box<dyn Factorization>` from [`analyze`](super::analyze);
//! dispatch is per factorization or solve, never per matrix entry.

use std::fmt::Debug;

use rayon::prelude::*;
use sprs::CsMatView;

use super::error::SolveError;
use super::options::SolverOptions;
use super::residual::{relative_residual, relative_residual_transpose};

/// Analysis of a sparsity pattern (orderings, block structure), independent of the values.
pub trait Analysis: Debug + Send + Sync {
    /// Dimension of the analyzed matrix.
    fn n(&self) -> usize;

    /// The options the analysis was made with; its factorizations use them too.
    fn options(&self) -> &SolverOptions;

    /// Factorizes values with the analyzed pattern (same CSC structure).
    fn factorize(&self, a: CsMatView<'_, f64>) -> Result<Box<dyn Factorization>, SolveError>;
}

/// Numeric factors of one value set, able to take new values of the same pattern.
///
/// Each worker of a parallel Monte Carlo run can own a clone and refactorize it with its draw.
pub trait Factorization: Debug + Send + Sync {
    /// Dimension of the factorized matrix.
    fn n(&self) -> usize;

    /// The options of the analysis behind these factors.
    fn options(&self) -> &SolverOptions;

    /// New values, same pattern: reuses what the family can (pivot order, fill pattern). After an
    /// error the factors are incomplete: refactorize successfully before solving again.
    fn refactorize(&mut self, a: CsMatView<'_, f64>) -> Result<(), SolveError>;

    /// Solves `A x = b`, overwriting `b` with `x`. Panics if `b.len()` is not the dimension.
    fn solve_in_place(&self, b: &mut [f64]);

    /// Solves `A^T x = b`, overwriting `b` with `x`. Panics if `b.len()` is not the dimension.
    fn solve_transpose_in_place(&self, b: &mut [f64]);

    /// Solves `A x = b` starting from `guess` (a solution of a nearby system, such as the base
    /// matrix of a Monte Carlo draw), overwriting `b` with `x`. The Krylov family iterates from
    /// it; direct families ignore it. The result depends on `b`, `guess` and the factors only.
    fn solve_from_in_place(&self, b: &mut [f64], guess: &[f64]) {
        let _ = guess;
        self.solve_in_place(b);
    }

    /// As [`solve_from_in_place`](Self::solve_from_in_place) for `A^T x = b`.
    fn solve_transpose_from_in_place(&self, b: &mut [f64], guess: &[f64]) {
        let _ = guess;
        self.solve_transpose_in_place(b);
    }

    /// Krylov steps the solves of these values took (0 for direct families); for benchmarks.
    fn krylov_steps_taken(&self) -> usize {
        0
    }

    /// What the user should hear about the solves made so far (a fallback from an iterative
    /// method to the direct LU); empty for the direct family.
    fn notes(&self) -> Vec<String> {
        Vec::new()
    }

    /// A copy to refactorize independently of this one.
    fn boxed_clone(&self) -> Box<dyn Factorization>;

    /// Solves `A x = b` for every vector of `bs` in parallel (rayon), each overwritten by its x.
    fn solve_many_in_place(&self, bs: &mut [Vec<f64>]) {
        bs.par_iter_mut().for_each(|b| self.solve_in_place(b));
    }

    /// Solves `A^T x = b` for every vector of `bs` in parallel (rayon).
    fn solve_transpose_many_in_place(&self, bs: &mut [Vec<f64>]) {
        bs.par_iter_mut().for_each(|b| self.solve_transpose_in_place(b));
    }

    /// Solves `A x = b` and refuses a solution whose relative residual (with `a`, the factorized
    /// matrix) exceeds [`SolverOptions::residual_tolerance`].
    fn solve_checked(&self, a: CsMatView<'_, f64>, b: &[f64]) -> Result<Vec<f64>, SolveError> {
        let mut x = b.to_vec();
        self.solve_in_place(&mut x);
        accept(relative_residual(a, &x, b), self.options())?;
        Ok(x)
    }

    /// As [`solve_checked`](Self::solve_checked), starting from `guess`
    /// ([`solve_from_in_place`](Self::solve_from_in_place)).
    fn solve_checked_from(&self, a: CsMatView<'_, f64>, b: &[f64], guess: &[f64]) -> Result<Vec<f64>, SolveError> {
        let mut x = b.to_vec();
        self.solve_from_in_place(&mut x, guess);
        accept(relative_residual(a, &x, b), self.options())?;
        Ok(x)
    }

    /// As [`solve_checked`](Self::solve_checked) for `A^T x = b`; the transposed residual reads
    /// `a` as it is (no transposed copy).
    fn solve_transpose_checked(&self, a: CsMatView<'_, f64>, b: &[f64]) -> Result<Vec<f64>, SolveError> {
        let mut x = b.to_vec();
        self.solve_transpose_in_place(&mut x);
        accept(relative_residual_transpose(a, &x, b), self.options())?;
        Ok(x)
    }
}

impl Clone for Box<dyn Factorization> {
    fn clone(&self) -> Self {
        self.boxed_clone()
    }
}

fn accept(residual: f64, options: &SolverOptions) -> Result<(), SolveError> {
    if residual.is_finite() && residual <= options.residual_tolerance {
        Ok(())
    } else {
        Err(SolveError::Inaccurate { residual })
    }
}
