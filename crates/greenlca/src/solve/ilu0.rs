//! Incomplete LU without fill (ILU(0)) of a matrix stored by rows, the preconditioner of the
//! Krylov family: L and U keep exactly the pattern of the matrix, so it costs about one pass over
//! the entries per entry of a row's lower part and a solve with it costs one matrix-vector product.

use super::symbolic::NONE;

/// A square pattern stored by rows, each row's columns ascending, with the position of each
/// row's diagonal entry.
#[derive(Debug, Clone)]
pub(crate) struct RowPattern {
    pub(crate) rp: Vec<usize>,
    pub(crate) ci: Vec<u32>,
    pub(crate) diag: Vec<usize>,
}

impl RowPattern {
    pub(crate) fn n(&self) -> usize {
        self.diag.len()
    }

    /// `y = M x` for the values `val` of this pattern (row by row: a fixed summation order).
    pub(crate) fn mul(&self, val: &[f64], x: &[f64], y: &mut [f64]) {
        for (i, yi) in y.iter_mut().enumerate() {
            let r = self.rp[i]..self.rp[i + 1];
            *yi = self.ci[r.clone()].iter().zip(&val[r]).fold(0.0, |s, (&j, &v)| s + v * x[j as usize]);
        }
    }

    /// `y = M^T x`, scattering row by row (a fixed order too).
    pub(crate) fn mul_transpose(&self, val: &[f64], x: &[f64], y: &mut [f64]) {
        y.iter_mut().for_each(|v| *v = 0.0);
        for (i, &xi) in x.iter().enumerate() {
            if xi != 0.0 {
                let r = self.rp[i]..self.rp[i + 1];
                for (&j, &v) in self.ci[r.clone()].iter().zip(&val[r]) {
                    y[j as usize] += v * xi;
                }
            }
        }
    }

    /// ILU(0) of the values `val`: L (unit, below the diagonal) and U overwrite a copy of them.
    /// `Err(i)` names the row whose pivot vanished (or is not finite).
    pub(crate) fn ilu0(&self, val: &[f64]) -> Result<Vec<f64>, usize> {
        let n = self.n();
        let mut lu = val.to_vec();
        let mut at = vec![NONE; n];
        for i in 0..n {
            let row = self.rp[i]..self.rp[i + 1];
            for k in row.clone() {
                at[self.ci[k] as usize] = k;
            }
            for k in self.rp[i]..self.diag[i] {
                let c = self.ci[k] as usize;
                let m = lu[k] / lu[self.diag[c]];
                lu[k] = m;
                if m != 0.0 {
                    for kk in self.diag[c] + 1..self.rp[c + 1] {
                        let t = at[self.ci[kk] as usize];
                        if t != NONE {
                            lu[t] -= m * lu[kk];
                        }
                    }
                }
            }
            for k in row {
                at[self.ci[k] as usize] = NONE;
            }
            let d = lu[self.diag[i]];
            if d == 0.0 || !d.is_finite() {
                return Err(i);
            }
        }
        Ok(lu)
    }

    /// Overwrites `z` with `(L U)^-1 z` for ILU factors `lu` of this pattern.
    pub(crate) fn apply(&self, lu: &[f64], z: &mut [f64]) {
        let n = self.n();
        for i in 0..n {
            let r = self.rp[i]..self.diag[i];
            z[i] = self.ci[r.clone()].iter().zip(&lu[r]).fold(z[i], |s, (&j, &l)| s - l * z[j as usize]);
        }
        for i in (0..n).rev() {
            let r = self.diag[i] + 1..self.rp[i + 1];
            let s = self.ci[r.clone()].iter().zip(&lu[r]).fold(z[i], |s, (&j, &u)| s - u * z[j as usize]);
            z[i] = s / lu[self.diag[i]];
        }
    }

    /// Overwrites `z` with `(L U)^-T z`: `U^T` forward, then `L^T` backward.
    pub(crate) fn apply_transpose(&self, lu: &[f64], z: &mut [f64]) {
        let n = self.n();
        for i in 0..n {
            let zi = z[i] / lu[self.diag[i]];
            z[i] = zi;
            if zi != 0.0 {
                for k in self.diag[i] + 1..self.rp[i + 1] {
                    z[self.ci[k] as usize] -= lu[k] * zi;
                }
            }
        }
        for i in (0..n).rev() {
            let zi = z[i];
            if zi != 0.0 {
                for k in self.rp[i]..self.diag[i] {
                    z[self.ci[k] as usize] -= lu[k] * zi;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A 3x3 tridiagonal-like pattern: ILU(0) of a tridiagonal matrix is its exact LU.
    fn tri() -> (RowPattern, Vec<f64>) {
        let p = RowPattern { rp: vec![0, 2, 5, 7], ci: vec![0, 1, 0, 1, 2, 1, 2], diag: vec![0, 3, 6] };
        (p, vec![4.0, -1.0, -2.0, 5.0, -1.0, -1.0, 3.0])
    }

    #[test]
    fn ilu0_of_a_tridiagonal_matrix_is_exact() {
        let (p, v) = tri();
        let lu = p.ilu0(&v).unwrap();
        let x = [1.0, -2.0, 0.5];
        let mut y = [0.0; 3];
        p.mul(&v, &x, &mut y);
        p.apply(&lu, &mut y);
        for (a, b) in y.iter().zip(&x) {
            assert!((a - b).abs() < 1e-15);
        }
        p.mul_transpose(&v, &x, &mut y);
        p.apply_transpose(&lu, &mut y);
        for (a, b) in y.iter().zip(&x) {
            assert!((a - b).abs() < 1e-15);
        }
    }

    #[test]
    fn a_vanishing_pivot_is_named() {
        let (p, mut v) = tri();
        v[0] = 0.0;
        assert_eq!(p.ilu0(&v), Err(0));
    }
}
