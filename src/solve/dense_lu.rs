//! Dense LU of a coupled block whose factors would be mostly nonzero anyway.
//!
//! Input-output models (USEEIO, EXIOBASE) have strongly connected blocks that are 40-60 % dense;
//! there sparse bookkeeping costs more than it saves, and contiguous column updates vectorize.
//! Right-looking, column-major, with the same diagonal-preferring threshold pivoting as `gp_lu`.

use super::factors::{PIVOT_TOL, SINGULAR_TOL};
use super::symbolic::CoupledBlock;

/// `P B = L U` stored LAPACK-style in one column-major array (unit L below the diagonal).
#[derive(Debug, Clone, Default)]
pub(crate) struct DenseLu {
    pub(crate) n: usize,
    pub(crate) lu: Vec<f64>,
    /// `prow[k]`: local row of B that ended up at row `k`.
    pub(crate) prow: Vec<usize>,
}

/// Factorizes the block `blk` with values from `data` into `f`; on a negligible pivot returns the
/// local column index.
pub(crate) fn factor_dense(blk: &CoupledBlock, data: &[f64], f: &mut DenseLu) -> Result<(), usize> {
    let n = blk.orig.len();
    f.n = n;
    f.lu.clear();
    f.lu.resize(n * n, 0.0);
    f.prow.clear();
    f.prow.extend(0..n);
    let mut colmax = vec![0.0f64; n];
    for (j, cm) in colmax.iter_mut().enumerate() {
        for p in blk.ap[j]..blk.ap[j + 1] {
            let v = data[blk.asrc[p]];
            f.lu[blk.ai[p] + j * n] += v;
            *cm = cm.max(v.abs());
        }
    }
    let a = &mut f.lu;
    for k in 0..n {
        let col = &a[k * n..(k + 1) * n];
        let (mut best, mut amax) = (k, 0.0f64);
        for (i, v) in col.iter().enumerate().skip(k) {
            if v.abs() > amax {
                amax = v.abs();
                best = i;
            }
        }
        if amax.partial_cmp(&(SINGULAR_TOL * colmax[k])) != Some(std::cmp::Ordering::Greater) {
            return Err(k);
        }
        let piv = if col[k].abs() >= PIVOT_TOL * amax {
            k
        } else {
            best
        };
        if piv != k {
            for j in 0..n {
                a.swap(k + j * n, piv + j * n);
            }
            f.prow.swap(k, piv);
        }
        let (left, right) = a.split_at_mut((k + 1) * n);
        let lcol = &mut left[k * n + k..];
        let pivot = lcol[0];
        for v in &mut lcol[1..] {
            *v /= pivot;
        }
        let lcol = &lcol[1..];
        for cj in right.chunks_exact_mut(n) {
            let akj = cj[k];
            if akj != 0.0 {
                for (x, &l) in cj[k + 1..].iter_mut().zip(lcol) {
                    *x -= l * akj;
                }
            }
        }
    }
    Ok(())
}

/// Overwrites `y` (= P b) with the solution w of `L U w = y`.
pub(crate) fn dense_solve(f: &DenseLu, y: &mut [f64]) {
    let n = f.n;
    for k in 0..n {
        let yk = y[k];
        if yk != 0.0 {
            let col = &f.lu[k * n + k + 1..(k + 1) * n];
            for (yi, &l) in y[k + 1..].iter_mut().zip(col) {
                *yi -= l * yk;
            }
        }
    }
    for k in (0..n).rev() {
        let yk = y[k] / f.lu[k * n + k];
        y[k] = yk;
        if yk != 0.0 {
            let col = &f.lu[k * n..k * n + k];
            for (yi, &u) in y[..k].iter_mut().zip(col) {
                *yi -= u * yk;
            }
        }
    }
}

/// Overwrites `y` with the solution w of `U^T L^T w = y`.
pub(crate) fn dense_solve_transpose(f: &DenseLu, y: &mut [f64]) {
    let n = f.n;
    for k in 0..n {
        let col = &f.lu[k * n..k * n + k];
        let s: f64 = col.iter().zip(&y[..k]).map(|(u, yi)| u * yi).sum();
        y[k] = (y[k] - s) / f.lu[k * n + k];
    }
    for k in (0..n).rev() {
        let col = &f.lu[k * n + k + 1..(k + 1) * n];
        let s: f64 = col.iter().zip(&y[k + 1..]).map(|(l, yi)| l * yi).sum();
        y[k] -= s;
    }
}
