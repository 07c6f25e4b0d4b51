//! Dense LU of a coupled block whose factors would be mostly nonzero anyway.
//!
//! Input-output models (USEEIO, EXIOBASE) have strongly connected blocks that are 40-60 % dense;
//! there sparse bookkeeping costs more than it saves, and contiguous column updates vectorize.
//! Right-looking, column-major, with the same diagonal-preferring threshold pivoting as `gp_lu`.

use super::options::SolverOptions;
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
pub(crate) fn factor_dense(
    blk: &CoupledBlock,
    data: &[f64],
    f: &mut DenseLu,
    opts: &SolverOptions,
) -> Result<(), usize> {
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
    // Panels of PANEL columns: factorize the panel right-looking, then bring every later column
    // up to date with the whole panel while that column (four at a time) stays in cache.
    let mut p0 = 0;
    while p0 < n {
        let p1 = (p0 + PANEL).min(n);
        for k in p0..p1 {
            pivot_step(a, n, k, colmax[k], &mut f.prow, opts)?;
            let (left, right) = a.split_at_mut((k + 1) * n);
            let lcol = &left[k * n + k + 1..];
            for cj in right[..(p1 - k - 1) * n].chunks_exact_mut(n) {
                update1(cj, k, lcol);
            }
        }
        let (left, right) = a.split_at_mut(p1 * n);
        let panel = &left[p0 * n..];
        let lcol = |k: usize| &panel[(k - p0) * n + k + 1..(k - p0 + 1) * n];
        let mut quads = right.chunks_exact_mut(4 * n);
        for quad in &mut quads {
            // Rows of the panel first (U12, a small triangular solve), which fixes the
            // coefficients; then the rows below (A22) with four panel columns at a time.
            for k in p0..p1 {
                update4(quad, n, k, &lcol(k)[..p1 - k - 1]);
            }
            let mut k = p0;
            while k + 4 <= p1 {
                let l = [k, k + 1, k + 2, k + 3].map(|t| &lcol(t)[p1 - t - 1..]);
                rank4_update4(quad, n, k, p1, l);
                k += 4;
            }
            for t in k..p1 {
                update4_rows(quad, n, t, p1, &lcol(t)[p1 - t - 1..]);
            }
        }
        for cj in quads.into_remainder().chunks_exact_mut(n) {
            for k in p0..p1 {
                update1(cj, k, lcol(k));
            }
        }
        p0 = p1;
    }
    Ok(())
}

/// Columns per panel of the blocked factorization.
const PANEL: usize = 32;

/// Step `k`: picks the pivot in column `k` (the diagonal while acceptable), swaps whole rows and
/// scales the column of L. `Err(k)` when the column has no usable pivot.
fn pivot_step(
    a: &mut [f64],
    n: usize,
    k: usize,
    colmax: f64,
    prow: &mut [usize],
    opts: &SolverOptions,
) -> Result<(), usize> {
    let col = &a[k * n..(k + 1) * n];
    let (mut best, mut amax) = (k, 0.0f64);
    for (i, v) in col.iter().enumerate().skip(k) {
        if v.abs() > amax {
            amax = v.abs();
            best = i;
        }
    }
    if amax.partial_cmp(&(opts.singular_tolerance * colmax)) != Some(std::cmp::Ordering::Greater) {
        return Err(k);
    }
    let piv = if col[k].abs() >= opts.pivot_tolerance * amax { k } else { best };
    if piv != k {
        for j in 0..n {
            a.swap(k + j * n, piv + j * n);
        }
        prow.swap(k, piv);
    }
    let lcol = &mut a[k * n + k..(k + 1) * n];
    let pivot = lcol[0];
    for v in &mut lcol[1..] {
        *v /= pivot;
    }
    Ok(())
}

/// Rank-one update of one column `cj` below row `k` with L(k+1.., k) = `lcol`.
fn update1(cj: &mut [f64], k: usize, lcol: &[f64]) {
    let akj = cj[k];
    if akj != 0.0 {
        for (x, &l) in cj[k + 1..].iter_mut().zip(lcol) {
            *x -= l * akj;
        }
    }
}

/// Rank-one update of four adjacent columns below row `k`: each entry of `lcol` is loaded once
/// for four columns, which halves the memory traffic of the update.
fn update4(quad: &mut [f64], n: usize, k: usize, lcol: &[f64]) {
    update4_from(quad, n, k, k + 1, lcol);
}

/// As [`update4`] for rows `first..` only (`lcol` holds L(first.., k)).
fn update4_rows(quad: &mut [f64], n: usize, k: usize, first: usize, lcol: &[f64]) {
    update4_from(quad, n, k, first, lcol);
}

/// `C(first.., 0..4) -= L(first.., k) * C(k, 0..4)` for the four columns in `quad`.
fn update4_from(quad: &mut [f64], n: usize, k: usize, first: usize, lcol: &[f64]) {
    let (c0, rest) = quad.split_at_mut(n);
    let (c1, rest) = rest.split_at_mut(n);
    let (c2, c3) = rest.split_at_mut(n);
    let (a0, a1, a2, a3) = (c0[k], c1[k], c2[k], c3[k]);
    let rows = first..(first + lcol.len()).min(n);
    let cols = c0[rows.clone()].iter_mut().zip(&mut c1[rows.clone()]).zip(&mut c2[rows.clone()]).zip(&mut c3[rows]);
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
    let tail: f64 = qa.remainder().iter().zip(qb.remainder()).map(|(x, y)| x * y).sum();
    for (x, y) in qa.zip(qb) {
        for i in 0..4 {
            acc[i] += x[i] * y[i];
        }
    }
    (acc[0] + acc[1]) + (acc[2] + acc[3]) + tail
}

/// `C(first.., 0..4) -= L(first.., k..k+4) * C(k..k+4, 0..4)`: a 4x4 register block, loading
/// each entry of C once per four columns of L instead of once per column.
fn rank4_update4(quad: &mut [f64], n: usize, k: usize, first: usize, l: [&[f64]; 4]) {
    let (c0, rest) = quad.split_at_mut(n);
    let (c1, rest) = rest.split_at_mut(n);
    let (c2, c3) = rest.split_at_mut(n);
    let u = |c: &[f64]| [c[k], c[k + 1], c[k + 2], c[k + 3]];
    let (u0, u1, u2, u3) = (u(c0), u(c1), u(c2), u(c3));
    let m = n - first;
    let (c0, c1, c2, c3) = (&mut c0[first..], &mut c1[first..], &mut c2[first..], &mut c3[first..]);
    let (l0, l1, l2, l3) = (&l[0][..m], &l[1][..m], &l[2][..m], &l[3][..m]);
    for r in 0..m {
        let li = [l0[r], l1[r], l2[r], l3[r]];
        let dot = |u: &[f64; 4]| li[0] * u[0] + li[1] * u[1] + li[2] * u[2] + li[3] * u[3];
        c0[r] -= dot(&u0);
        c1[r] -= dot(&u1);
        c2[r] -= dot(&u2);
        c3[r] -= dot(&u3);
    }
}
