//! TEMPORARY dense stand-in with the sparse solver's API, replaced by the sparse LU branch.
#![allow(missing_docs)]

use nalgebra::{DMatrix, DVector};
use sprs::CsMatView;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum SolveError {
    #[error("not square")]
    NotSquare { rows: usize, cols: usize },
    #[error("missing diagonal")]
    MissingDiagonal { col: usize },
    #[error("structurally singular")]
    StructurallySingular { cols: Vec<usize> },
    #[error("numerically singular")]
    NumericallySingular { col: usize, block: Vec<usize> },
    #[error("pattern mismatch")]
    PatternMismatch,
    #[error("not finite")]
    NotFinite { row: usize, col: usize },
}

#[derive(Debug, Clone)]
pub struct SymbolicLu {
    n: usize,
}
impl SymbolicLu {
    pub fn analyze(a: CsMatView<'_, f64>) -> Result<SymbolicLu, SolveError> {
        if a.rows() != a.cols() {
            return Err(SolveError::NotSquare { rows: a.rows(), cols: a.cols() });
        }
        Ok(SymbolicLu { n: a.rows() })
    }
    pub fn n(&self) -> usize {
        self.n
    }
    pub fn block_count(&self) -> usize {
        1
    }
    pub fn largest_block(&self) -> usize {
        self.n
    }
}

#[derive(Debug, Clone)]
pub struct NumericLu {
    lu: nalgebra::LU<f64, nalgebra::Dyn, nalgebra::Dyn>,
    lut: nalgebra::LU<f64, nalgebra::Dyn, nalgebra::Dyn>,
}
fn dense(a: CsMatView<'_, f64>) -> DMatrix<f64> {
    let mut m = DMatrix::zeros(a.rows(), a.cols());
    for (v, (r, c)) in a.iter() {
        m[(r, c)] += *v;
    }
    m
}
impl NumericLu {
    pub fn factorize(_sym: &SymbolicLu, a: CsMatView<'_, f64>) -> Result<NumericLu, SolveError> {
        let d = dense(a);
        let lu = d.clone().lu();
        if !lu.is_invertible() {
            return Err(SolveError::NumericallySingular { col: 0, block: vec![] });
        }
        Ok(NumericLu { lu, lut: d.transpose().lu() })
    }
    pub fn refactorize(&mut self, a: CsMatView<'_, f64>) -> Result<(), SolveError> {
        let d = dense(a);
        self.lu = d.clone().lu();
        self.lut = d.transpose().lu();
        Ok(())
    }
    pub fn solve_in_place(&self, b: &mut [f64]) {
        let x = self.lu.solve(&DVector::from_column_slice(b)).unwrap();
        b.copy_from_slice(x.as_slice());
    }
    pub fn solve_transpose_in_place(&self, b: &mut [f64]) {
        let x = self.lut.solve(&DVector::from_column_slice(b)).unwrap();
        b.copy_from_slice(x.as_slice());
    }
    pub fn solve_many_in_place(&self, bs: &mut [Vec<f64>]) {
        for b in bs {
            self.solve_in_place(b);
        }
    }
}

pub fn relative_residual(a: CsMatView<'_, f64>, x: &[f64], b: &[f64]) -> f64 {
    let mut r: Vec<f64> = b.iter().map(|v| -v).collect();
    for (v, (i, j)) in a.iter() {
        r[i] += v * x[j];
    }
    let rn = r.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let xn = x.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let bn = b.iter().fold(0.0f64, |m, v| m.max(v.abs()));
    let mut rows = vec![0.0; a.rows()];
    for (v, (i, _)) in a.iter() {
        rows[i] += v.abs();
    }
    let an = rows.iter().fold(0.0f64, |m, v| m.max(*v));
    if an * xn + bn == 0.0 { 0.0 } else { rn / (an * xn + bn) }
}
