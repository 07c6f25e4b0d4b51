//! Triangular solves with the factors of one block, on a vector in pivot-step numbering.

use super::factors::BlockLu;

/// Overwrites `y` (= P b) with the solution w of `L U w = y`.
pub(crate) fn lu_solve(lu: &BlockLu, y: &mut [f64]) {
    let n = lu.n();
    for k in 0..n {
        let yk = y[k];
        if yk != 0.0 {
            for p in lu.lp[k]..lu.lp[k + 1] {
                y[lu.li[p]] -= lu.lx[p] * yk;
            }
        }
    }
    for k in (0..n).rev() {
        let yk = y[k] / lu.udiag[k];
        y[k] = yk;
        if yk != 0.0 {
            for p in lu.up[k]..lu.up[k + 1] {
                y[lu.ui[p]] -= lu.ux[p] * yk;
            }
        }
    }
}

/// Overwrites `y` with the solution w of `U^T L^T w = y`.
pub(crate) fn lu_solve_transpose(lu: &BlockLu, y: &mut [f64]) {
    let n = lu.n();
    for k in 0..n {
        let mut s = y[k];
        for p in lu.up[k]..lu.up[k + 1] {
            s -= lu.ux[p] * y[lu.ui[p]];
        }
        y[k] = s / lu.udiag[k];
    }
    for k in (0..n).rev() {
        let mut s = y[k];
        for p in lu.lp[k]..lu.lp[k + 1] {
            s -= lu.lx[p] * y[lu.li[p]];
        }
        y[k] = s;
    }
}
