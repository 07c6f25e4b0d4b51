//! Relative residuals, the backward-error measure used to accept or refine a solution.

use sprs::CsMatView;

/// `||A x - b||_inf / (||A||_inf ||x||_inf + ||b||_inf)`; 0 when both sides are zero.
///
/// # Panics
/// If the lengths of `x` and `b` do not match the shape of `a`.
pub fn relative_residual(a: CsMatView<'_, f64>, x: &[f64], b: &[f64]) -> f64 {
    let (r, norm_a) = residual(a, x, b, false);
    ratio(&r, norm_a, x, b)
}

/// `||A^T x - b||_inf / (||A^T||_inf ||x||_inf + ||b||_inf)`; 0 when both sides are zero.
///
/// # Panics
/// If the lengths of `x` and `b` do not match the shape of `a`.
pub fn relative_residual_transpose(a: CsMatView<'_, f64>, x: &[f64], b: &[f64]) -> f64 {
    let (r, norm_a) = residual(a, x, b, true);
    ratio(&r, norm_a, x, b)
}

/// `A x - b` (or `A^T x - b`) and the infinity norm of the operator.
pub(crate) fn residual(a: CsMatView<'_, f64>, x: &[f64], b: &[f64], transpose: bool) -> (Vec<f64>, f64) {
    let (rows, cols) = if transpose { (a.cols(), a.rows()) } else { (a.rows(), a.cols()) };
    assert_eq!(x.len(), cols, "x length differs from the matrix");
    assert_eq!(b.len(), rows, "b length differs from the matrix");
    let mut r: Vec<f64> = b.iter().map(|v| -v).collect();
    let mut row_abs = vec![0.0; rows];
    for (&v, (i, j)) in a.iter() {
        let (i, j) = if transpose { (j, i) } else { (i, j) };
        r[i] += v * x[j];
        row_abs[i] += v.abs();
    }
    (r, inf_norm(&row_abs))
}

/// The normwise relative backward error from a residual vector.
pub(crate) fn ratio(r: &[f64], norm_a: f64, x: &[f64], b: &[f64]) -> f64 {
    let num = inf_norm(r);
    let den = norm_a * inf_norm(x) + inf_norm(b);
    if num == 0.0 { 0.0 } else { num / den }
}

/// Largest absolute value (NaN propagates).
fn inf_norm(v: &[f64]) -> f64 {
    v.iter().fold(0.0f64, |m, x| if x.is_nan() || m.is_nan() { f64::NAN } else { m.max(x.abs()) })
}

#[cfg(test)]
mod tests {
    use super::*;
    use sprs::TriMat;

    #[test]
    fn exact_solution_has_zero_residual_and_error_is_scaled() {
        let mut t = TriMat::new((2, 2));
        t.add_triplet(0, 0, 2.0);
        t.add_triplet(0, 1, -1.0);
        t.add_triplet(1, 1, 1.0);
        let a = t.to_csc::<usize>();
        assert_eq!(relative_residual(a.view(), &[1.0, 2.0], &[0.0, 2.0]), 0.0);
        // A^T x = [2, -1 + 2] for x = [1, 2].
        assert_eq!(relative_residual_transpose(a.view(), &[1.0, 2.0], &[2.0, 1.0]), 0.0);
        // Off by 0.3 in row 0: 0.3 / (3 * 2 + 2).
        let rr = relative_residual(a.view(), &[1.0, 2.0], &[0.3, 2.0]);
        assert!((rr - 0.3 / 8.0).abs() < 1e-15);
    }
}
