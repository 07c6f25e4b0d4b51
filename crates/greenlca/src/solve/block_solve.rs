//! Triangular solves with the factors of one block, on a vector in pivot-step numbering.

use super::factors::BlockLu;

/// Overwrites `y` (= P b) with the solution w of `L U w = y`.
pub(crate) fn lu_solve(lu: &BlockLu, y: &mut [f64]) {
    let n = lu.n();
    for k in 0..n {
        let yk = y[k];
        if yk != 0.0 {
            let range = lu.lp[k]..lu.lp[k + 1];
            for (&i, &l) in lu.li[range.clone()].iter().zip(&lu.lx[range]) {
                y[i as usize] -= l * yk;
            }
        }
    }
    for k in (0..n).rev() {
        let yk = y[k] / lu.udiag[k];
        y[k] = yk;
        if yk != 0.0 {
            let range = lu.up[k]..lu.up[k + 1];
            for (&i, &u) in lu.ui[range.clone()].iter().zip(&lu.ux[range]) {
                y[i as usize] -= u * yk;
            }
        }
    }
}

/// Overwrites `y` with the solution w of `U^T L^T w = y`.
pub(crate) fn lu_solve_transpose(lu: &BlockLu, y: &mut [f64]) {
    let n = lu.n();
    for k in 0..n {
        let range = lu.up[k]..lu.up[k + 1];
        let s = lu.ui[range.clone()].iter().zip(&lu.ux[range]).fold(y[k], |acc, (&i, &u)| acc - u * y[i as usize]);
        y[k] = s / lu.udiag[k];
    }
    for k in (0..n).rev() {
        let range = lu.lp[k]..lu.lp[k + 1];
        y[k] = lu.li[range.clone()].iter().zip(&lu.lx[range]).fold(y[k], |acc, (&i, &l)| acc - l * y[i as usize]);
    }
}
