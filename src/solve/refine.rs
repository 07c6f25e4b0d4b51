//! Iterative refinement: repeat `x += A^-1 (b - A x)` with the existing factors.
//!
//! Recovers accuracy lost to pivoting, and lets factors of a nearby matrix (the base of a Monte
//! Carlo run) serve as a preconditioner for a perturbed one.

use sprs::CsMatView;

use super::error::SolveError;
use super::numeric::NumericLu;
use super::residual::{relative_residual, residual};

impl NumericLu {
    /// Solves `a x = b` with these factors and refines until the relative residual
    /// (see [`relative_residual`](super::relative_residual)) is at most `tol` or `max_iter`
    /// refinement steps were made. Returns x and its final relative residual.
    ///
    /// `a` may differ in values (and pattern) from the factorized matrix, as long as its
    /// dimension matches; refinement then converges only if the two are close.
    pub fn solve_refined(
        &self,
        a: CsMatView<'_, f64>,
        b: &[f64],
        tol: f64,
        max_iter: usize,
    ) -> Result<(Vec<f64>, f64), SolveError> {
        let n = self.n();
        if a.rows() != a.cols() {
            return Err(SolveError::NotSquare {
                rows: a.rows(),
                cols: a.cols(),
            });
        }
        for found in [a.cols(), b.len()] {
            if found != n {
                return Err(SolveError::DimensionMismatch { expected: n, found });
            }
        }
        if let Some((&_, (row, col))) = a.iter().find(|(v, _)| !v.is_finite()) {
            return Err(SolveError::NotFinite { row, col });
        }
        let mut x = b.to_vec();
        self.solve_in_place(&mut x);
        let mut rel = relative_residual(a, &x, b);
        for _ in 0..max_iter {
            if rel <= tol {
                break;
            }
            let (mut d, _) = residual(a, &x, b, false);
            self.solve_in_place(&mut d);
            let candidate: Vec<f64> = x.iter().zip(&d).map(|(xi, di)| xi - di).collect();
            let next = relative_residual(a, &candidate, b);
            // Stop when a step no longer helps (stagnation at rounding level).
            if next.partial_cmp(&rel) != Some(std::cmp::Ordering::Less) {
                break;
            }
            x = candidate;
            rel = next;
        }
        Ok((x, rel))
    }
}
