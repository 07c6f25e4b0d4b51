//! Iterative refinement: repeat `x -= A^-1 (A x - b)` with the existing factors.
//!
//! Recovers accuracy lost to threshold pivoting (which trades some stability for sparsity), and
//! lets factors of a nearby matrix (the base of a Monte Carlo run) serve as a preconditioner for a
//! perturbed one.

use sprs::CsMatView;

use super::error::SolveError;
use super::numeric::NumericLu;
use super::residual::residual;

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
        self.refine(a, b, tol, max_iter, false)
    }

    /// As [`solve_refined`](Self::solve_refined) for `a^T x = b` (adjoints), with the
    /// transposed residual (see [`relative_residual_transpose`](super::relative_residual_transpose)).
    pub fn solve_transpose_refined(
        &self,
        a: CsMatView<'_, f64>,
        b: &[f64],
        tol: f64,
        max_iter: usize,
    ) -> Result<(Vec<f64>, f64), SolveError> {
        self.refine(a, b, tol, max_iter, true)
    }

    fn refine(
        &self,
        a: CsMatView<'_, f64>,
        b: &[f64],
        tol: f64,
        max_iter: usize,
        transpose: bool,
    ) -> Result<(Vec<f64>, f64), SolveError> {
        let n = self.n();
        if a.rows() != a.cols() {
            return Err(SolveError::NotSquare { rows: a.rows(), cols: a.cols() });
        }
        for found in [a.cols(), b.len()] {
            if found != n {
                return Err(SolveError::DimensionMismatch { expected: n, found });
            }
        }
        if let Some((&_, (row, col))) = a.iter().find(|(v, _)| !v.is_finite()) {
            return Err(SolveError::NotFinite { row, col });
        }
        let solve = |v: &mut [f64]| {
            if transpose { self.solve_transpose_in_place(v) } else { self.solve_in_place(v) }
        };
        let mut x = b.to_vec();
        solve(&mut x);
        let (mut r, mut rel) = measured(a, &x, b, transpose);
        for _ in 0..max_iter {
            if rel <= tol {
                break;
            }
            solve(&mut r);
            let candidate: Vec<f64> = x.iter().zip(&r).map(|(xi, di)| xi - di).collect();
            let (next_r, next) = measured(a, &candidate, b, transpose);
            // Stop when a step no longer helps (stagnation at rounding level).
            if next.partial_cmp(&rel) != Some(std::cmp::Ordering::Less) {
                break;
            }
            (x, r, rel) = (candidate, next_r, next);
        }
        Ok((x, rel))
    }
}

/// The residual `A x - b` (or `A^T x - b`) and its relative size.
fn measured(a: CsMatView<'_, f64>, x: &[f64], b: &[f64], transpose: bool) -> (Vec<f64>, f64) {
    let (r, norm_a) = residual(a, x, b, transpose);
    let rel = super::residual::ratio(&r, norm_a, x, b);
    (r, rel)
}
