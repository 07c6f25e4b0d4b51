//! Block back and forward substitution through the block triangular form.
//!
//! A is block upper triangular after the symmetric permutation, so `A x = b` is solved from the
//! last block to the first (each solved block's columns then update the rows above), and
//! `A^T x = b` from the first block to the last.

use rayon::prelude::*;

use super::numeric::NumericLu;
use super::symbolic::NONE;

impl NumericLu {
    /// Solves `A x = b`, overwriting `b` with `x`.
    ///
    /// # Panics
    /// If `b.len()` is not the matrix dimension.
    pub fn solve_in_place(&self, b: &mut [f64]) {
        let s = &self.sym.inner;
        assert_eq!(b.len(), s.n, "right-hand side length differs from the dimension");
        let mut y = vec![0.0; self.max_coupled()];
        for blk in (0..s.starts.len() - 1).rev() {
            let start = s.starts[blk];
            let c = s.coupled_of[blk];
            if c == NONE {
                let j = s.perm[start];
                let xj = b[j] / self.diag[start];
                b[j] = xj;
                self.scatter_off(start, xj, b);
                continue;
            }
            let (lu, orig) = (&self.blocks[c], &s.coupled[c].orig);
            let y = &mut y[..orig.len()];
            for (yk, &r) in y.iter_mut().zip(lu.prow()) {
                *yk = b[orig[r]];
            }
            lu.solve(y);
            for (k, (&yk, &j)) in y.iter().zip(orig).enumerate() {
                b[j] = yk;
                self.scatter_off(start + k, yk, b);
            }
        }
    }

    /// Solves `A^T x = b` with the same factors, overwriting `b` with `x`.
    ///
    /// # Panics
    /// If `b.len()` is not the matrix dimension.
    pub fn solve_transpose_in_place(&self, b: &mut [f64]) {
        let s = &self.sym.inner;
        assert_eq!(b.len(), s.n, "right-hand side length differs from the dimension");
        let mut y = vec![0.0; self.max_coupled()];
        for blk in 0..s.starts.len() - 1 {
            let start = s.starts[blk];
            let c = s.coupled_of[blk];
            if c == NONE {
                let j = s.perm[start];
                b[j] = self.gather_off(start, b[j], b) / self.diag[start];
                continue;
            }
            let (lu, orig) = (&self.blocks[c], &s.coupled[c].orig);
            let y = &mut y[..orig.len()];
            for (k, (yk, &j)) in y.iter_mut().zip(orig).enumerate() {
                *yk = self.gather_off(start + k, b[j], b);
            }
            lu.solve_transpose(y);
            for (&yk, &r) in y.iter().zip(lu.prow()) {
                b[orig[r]] = yk;
            }
        }
    }

    /// Solves `A x = b` for every vector of `bs` in parallel (rayon), each overwritten by its x.
    ///
    /// # Panics
    /// If a vector's length is not the matrix dimension.
    pub fn solve_many_in_place(&self, bs: &mut [Vec<f64>]) {
        bs.par_iter_mut().for_each(|b| self.solve_in_place(b));
    }

    /// Solves `A^T x = b` for every vector of `bs` in parallel (rayon).
    ///
    /// # Panics
    /// If a vector's length is not the matrix dimension.
    pub fn solve_transpose_many_in_place(&self, bs: &mut [Vec<f64>]) {
        bs.par_iter_mut().for_each(|b| self.solve_transpose_in_place(b));
    }

    /// Largest coupled block, the size of the local work vector.
    fn max_coupled(&self) -> usize {
        self.blocks.iter().map(|b| b.n()).max().unwrap_or(0)
    }

    /// `b -= A(rows above, col at pos) * xj`.
    #[inline]
    fn scatter_off(&self, pos: usize, xj: f64, b: &mut [f64]) {
        if xj == 0.0 {
            return;
        }
        let s = &self.sym.inner;
        let range = s.off_ptr[pos]..s.off_ptr[pos + 1];
        for (&i, &v) in s.off_row[range.clone()].iter().zip(&self.offx[range]) {
            b[i] -= v * xj;
        }
    }

    /// `bj - A(rows above, col at pos)^T * b`.
    #[inline]
    fn gather_off(&self, pos: usize, bj: f64, b: &[f64]) -> f64 {
        let s = &self.sym.inner;
        let range = s.off_ptr[pos]..s.off_ptr[pos + 1];
        s.off_row[range.clone()].iter().zip(&self.offx[range]).fold(bj, |acc, (&i, &v)| acc - v * b[i])
    }
}
