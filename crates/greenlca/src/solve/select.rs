//! The one place a [`SolverKind`] becomes a solver: a new family plugs in here.

use std::sync::Arc;

use sprs::CsMatView;

use super::btf::tarjan;
use super::csc::Csc;
use super::error::SolveError;
use super::factorization::Analysis;
use super::iterative::IterativeAnalysis;
use super::options::{SolverKind, SolverOptions};
use super::symbolic::SymbolicLu;

/// Analyzes the pattern of the square matrix `a` with the family `options.kind` chooses.
pub fn analyze(a: CsMatView<'_, f64>, options: &SolverOptions) -> Result<Arc<dyn Analysis>, SolveError> {
    match options.kind {
        SolverKind::BtfLu => Ok(Arc::new(SymbolicLu::analyze_with(a, options)?)),
        SolverKind::Iterative | SolverKind::Gmres => Ok(Arc::new(IterativeAnalysis::analyze(a, options, None)?)),
        SolverKind::Auto => {
            // Tarjan is one cheap pass; the direct LU redoes it within its own analysis.
            let c = Csc::new(a);
            let btf = (c.nrows == c.ncols).then(|| tarjan(c.ncols, &c.indptr, &c.indices));
            let largest = btf.as_ref().map_or(0, |b| b.starts.windows(2).map(|w| w[1] - w[0]).max().unwrap_or(0));
            if largest >= options.iterative_min_block {
                Ok(Arc::new(IterativeAnalysis::analyze(a, options, btf)?))
            } else {
                Ok(Arc::new(SymbolicLu::analyze_with(a, options)?))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use sprs::{CsMat, TriMat};

    use super::*;
    use crate::solve::NumericLu;

    /// A 3x3 system with a loop between 0 and 1 (a coupled block) and 2 feeding both.
    fn looped() -> CsMat<f64> {
        let mut t = TriMat::new((3, 3));
        for (i, j, v) in [(0, 0, 0.9), (1, 0, -0.2), (0, 1, -0.5), (1, 1, 1.0), (2, 0, -0.1), (2, 1, -0.3), (2, 2, 2.0)]
        {
            t.add_triplet(i, j, v);
        }
        t.to_csc()
    }

    #[test]
    fn default_options_give_the_lu_bit_for_bit() {
        let a = looped();
        let lu = analyze(a.view(), &SolverOptions::default()).unwrap().factorize(a.view()).unwrap();
        let direct = NumericLu::factorize(&SymbolicLu::analyze(a.view()).unwrap(), a.view()).unwrap();
        let b = [1.0, 0.5, 0.25];
        let (mut x, mut y) = (b.to_vec(), b.to_vec());
        lu.solve_in_place(&mut x);
        direct.solve_in_place(&mut y);
        assert_eq!(x, y);
        let (mut x, mut y) = (b.to_vec(), b.to_vec());
        lu.solve_transpose_in_place(&mut x);
        direct.solve_transpose_in_place(&mut y);
        assert_eq!(x, y);
        assert_eq!(lu.solve_checked(a.view(), &b).unwrap(), {
            let mut s = b.to_vec();
            direct.solve_in_place(&mut s);
            s
        });
    }

    #[test]
    fn refactorized_clone_leaves_the_original_alone() {
        let a = looped();
        let base = analyze(a.view(), &SolverOptions::default()).unwrap().factorize(a.view()).unwrap();
        let mut doubled = a.clone();
        doubled.data_mut().iter_mut().for_each(|v| *v *= 2.0);
        let mut copy = base.clone();
        copy.refactorize(doubled.view()).unwrap();
        let x = base.solve_checked(a.view(), &[1.0, 0.0, 0.0]).unwrap();
        let y = copy.solve_checked(doubled.view(), &[2.0, 0.0, 0.0]).unwrap();
        for (x, y) in x.iter().zip(&y) {
            assert!((x - y).abs() <= 1e-15 * x.abs());
        }
    }

    #[test]
    fn residual_check_follows_the_options() {
        let a = looped();
        let strict = SolverOptions { residual_tolerance: -1.0, ..SolverOptions::default() };
        let lu = analyze(a.view(), &strict).unwrap().factorize(a.view()).unwrap();
        assert_eq!(lu.options(), &strict);
        assert!(matches!(lu.solve_transpose_checked(a.view(), &[1.0, 0.0, 0.0]), Err(SolveError::Inaccurate { .. })));
    }
}
