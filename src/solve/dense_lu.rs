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
        let mut quads = right.chunks_exact_mut(4 * n);
        for quad in &mut quads {
            update4(quad, n, k, lcol);
        }
        for cj in quads.into_remainder().chunks_exact_mut(n) {
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

/// Rank-one update of four adjacent columns below row `k`: each entry of `lcol` is loaded once
/// for four columns, which halves the memory traffic of the update.
fn update4(quad: &mut [f64], n: usize, k: usize, lcol: &[f64]) {
    let (c0, rest) = quad.split_at_mut(n);
    let (c1, rest) = rest.split_at_mut(n);
    let (c2, c3) = rest.split_at_mut(n);
    let (a0, a1, a2, a3) = (c0[k], c1[k], c2[k], c3[k]);
    let rows = k + 1..n;
    let cols = c0[rows.clone()]
        .iter_mut()
        .zip(&mut c1[rows.clone()])
        .zip(&mut c2[rows.clone()])
        .zip(&mut c3[rows]);
    for ((((x0, x1), x2), x3), &l) in cols.zip(lcol) {
        *x0 -= l * a0;
        *x1 -= l * a1;
        *x2 -= l * a2;
        *x3 -= l * a3;
    }
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
        let s = dot(&f.lu[k * n..k * n + k], &y[..k]);
        y[k] = (y[k] - s) / f.lu[k * n + k];
    }
    for k in (0..n).rev() {
        let s = dot(&f.lu[k * n + k + 1..(k + 1) * n], &y[k + 1..]);
        y[k] -= s;
    }
}

/// Dot product with four partial sums, so the compiler may vectorize it.
fn dot(a: &[f64], b: &[f64]) -> f64 {
    let mut acc = [0.0f64; 4];
    let (qa, qb) = (a.chunks_exact(4), b.chunks_exact(4));
    let tail: f64 = qa
        .remainder()
        .iter()
        .zip(qb.remainder())
        .map(|(x, y)| x * y)
        .sum();
    for (x, y) in qa.zip(qb) {
        for i in 0..4 {
            acc[i] += x[i] * y[i];
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}
