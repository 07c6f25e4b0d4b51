//! The BTF + AMD + Gilbert-Peierls LU ([`SymbolicLu`], [`NumericLu`]) as a solver family.

use sprs::CsMatView;

use super::error::SolveError;
use super::factorization::{Analysis, Factorization};
use super::numeric::NumericLu;
use super::options::SolverOptions;
use super::symbolic::SymbolicLu;

impl Analysis for SymbolicLu {
    fn n(&self) -> usize {
        SymbolicLu::n(self)
    }

    fn options(&self) -> &SolverOptions {
        &self.inner.options
    }

    fn factorize(&self, a: CsMatView<'_, f64>) -> Result<Box<dyn Factorization>, SolveError> {
        Ok(Box::new(NumericLu::factorize(self, a)?))
    }
}

impl Factorization for NumericLu {
    fn n(&self) -> usize {
        NumericLu::n(self)
    }

    fn options(&self) -> &SolverOptions {
        &self.sym.inner.options
    }

    fn refactorize(&mut self, a: CsMatView<'_, f64>) -> Result<(), SolveError> {
        NumericLu::refactorize(self, a)
    }

    fn solve_in_place(&self, b: &mut [f64]) {
        NumericLu::solve_in_place(self, b);
    }

    fn solve_transpose_in_place(&self, b: &mut [f64]) {
        NumericLu::solve_transpose_in_place(self, b);
    }

    fn boxed_clone(&self) -> Box<dyn Factorization> {
        Box::new(self.clone())
    }

    fn solve_many_in_place(&self, bs: &mut [Vec<f64>]) {
        NumericLu::solve_many_in_place(self, bs);
    }

    fn solve_transpose_many_in_place(&self, bs: &mut [Vec<f64>]) {
        NumericLu::solve_transpose_many_in_place(self, bs);
    }
}
