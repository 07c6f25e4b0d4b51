//! The Krylov family: BiCGSTAB (or restarted GMRES, [`SolverKind::Gmres`]) preconditioned by
//! ILU(0) of the whole matrix in block triangular order, for systems whose coupled block is too large for a fast direct LU (ecoinvent-like
//! databases, where markets and transport tie most processes into one loop).
//!
//! The analysis costs one Tarjan pass and a transposition (no fill-reducing ordering); the
//! "factorization" is ILU(0), one sweep over the entries. Each solve iterates until the true
//! backward error is at most [`SolverOptions::iterative_tolerance`]; one that does not get there
//! within [`SolverOptions::max_iterations`] is done again by the direct LU ([`NumericLu`]),
//! built once on demand, and counted in [`Factorization::notes`]. In the block triangular order
//! ILU(0) is exact outside the coupled blocks' interactions, which keeps iteration counts low.
//!
//! [`refactorize`](Factorization::refactorize) (a Monte Carlo draw) takes the new values and keeps
//! the preconditioner of the base matrix: a draw differs little from the base, so the base's
//! ILU(0) still preconditions it well, and the residual check decides. A draw's solve may start
//! from the base system's solution ([`Factorization::solve_from_in_place`]) instead of `M^-1 b`.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};

use sprs::{CsMat, CsMatView};

use super::btf::{Btf, tarjan};
use super::csc::Csc;
use super::error::SolveError;
use super::factorization::{Analysis, Factorization};
use super::ilu0::RowPattern;
use super::krylov::{Method, Operator, Outcome, solve};
use super::numeric::NumericLu;
use super::options::{SolverKind, SolverOptions};
use super::symbolic::{SymbolicLu, checked_square};

/// Analysis of a pattern for the Krylov family; cheap to clone (shared).
#[derive(Debug, Clone)]
pub(crate) struct IterativeAnalysis {
    inner: Arc<Inner>,
}

#[derive(Debug)]
struct Inner {
    n: usize,
    options: SolverOptions,
    /// The analyzed CSC pattern of A, to check inputs and to build the direct fallback.
    indptr: Vec<usize>,
    indices: Vec<usize>,
    /// `perm[pos]`: original index at position `pos` of the block triangular order.
    perm: Vec<usize>,
    /// `P A P^T` by rows, and per entry its storage index in A's values.
    pat: RowPattern,
    src: Vec<usize>,
    /// The direct LU's analysis, made the first time a solve falls back.
    direct: OnceLock<Result<SymbolicLu, SolveError>>,
}

impl IterativeAnalysis {
    /// Analyzes `a` with the block triangular form `btf` of its pattern (Tarjan), computed here
    /// when not given.
    pub(crate) fn analyze(
        a: CsMatView<'_, f64>,
        options: &SolverOptions,
        btf: Option<Btf>,
    ) -> Result<Self, SolveError> {
        let a = checked_square(a)?;
        let n = a.ncols;
        let perm = btf.unwrap_or_else(|| tarjan(n, &a.indptr, &a.indices)).perm;
        let mut pos_of = vec![0usize; n];
        for (pos, &j) in perm.iter().enumerate() {
            pos_of[j] = pos;
        }
        // Rows of P A P^T: count, place, then sort each row by column.
        let mut rp = vec![0usize; n + 1];
        for &i in a.indices.iter() {
            rp[pos_of[i] + 1] += 1;
        }
        for i in 0..n {
            rp[i + 1] += rp[i];
        }
        let mut next = rp.clone();
        let mut entries = vec![(0u32, 0usize); a.indices.len()];
        for j in 0..n {
            for p in a.col_range(j) {
                let r = pos_of[a.indices[p]];
                entries[next[r]] = (pos_of[j] as u32, p);
                next[r] += 1;
            }
        }
        let mut diag = vec![0usize; n];
        for i in 0..n {
            let row = &mut entries[rp[i]..rp[i + 1]];
            row.sort_unstable();
            diag[i] = rp[i] + row.partition_point(|&(c, _)| (c as usize) < i);
        }
        let (ci, src) = entries.into_iter().unzip();
        Ok(IterativeAnalysis {
            inner: Arc::new(Inner {
                n,
                options: *options,
                indptr: a.indptr.into_owned(),
                indices: a.indices.into_owned(),
                perm,
                pat: RowPattern { rp, ci, diag },
                src,
                direct: OnceLock::new(),
            }),
        })
    }
}

impl Analysis for IterativeAnalysis {
    fn n(&self) -> usize {
        self.inner.n
    }

    fn options(&self) -> &SolverOptions {
        &self.inner.options
    }

    fn factorize(&self, a: CsMatView<'_, f64>) -> Result<Box<dyn Factorization>, SolveError> {
        let mut f = IterativeLu::empty(&self.inner);
        f.load(a)?;
        f.precondition()?;
        Ok(Box::new(f))
    }
}

/// Values and preconditioner of one matrix for the Krylov family.
#[derive(Debug)]
pub(crate) struct IterativeLu {
    an: Arc<Inner>,
    /// Values of `P A P^T` in the order of `an.pat`.
    val: Vec<f64>,
    /// Values of A in its CSC order (for the direct fallback).
    data: Vec<f64>,
    row_norm: f64,
    col_norm: f64,
    /// ILU(0) factors, shared by the draws that keep the base's preconditioner; `None` when
    /// ILU(0) broke down and every solve is direct.
    ilu: Option<Arc<Vec<f64>>>,
    /// Direct factors of these values, made on the first fallback.
    direct: OnceLock<Result<NumericLu, SolveError>>,
    fallbacks: AtomicUsize,
    /// Krylov steps of the solves of these values.
    steps: AtomicUsize,
}

impl Clone for IterativeLu {
    fn clone(&self) -> Self {
        IterativeLu {
            an: self.an.clone(),
            val: self.val.clone(),
            data: self.data.clone(),
            row_norm: self.row_norm,
            col_norm: self.col_norm,
            ilu: self.ilu.clone(),
            direct: self.direct.clone(),
            fallbacks: AtomicUsize::new(self.fallbacks.load(Ordering::Relaxed)),
            steps: AtomicUsize::new(self.steps.load(Ordering::Relaxed)),
        }
    }
}

impl IterativeLu {
    fn empty(an: &Arc<Inner>) -> Self {
        IterativeLu {
            an: an.clone(),
            val: vec![0.0; an.src.len()],
            data: Vec::new(),
            row_norm: 0.0,
            col_norm: 0.0,
            ilu: None,
            direct: OnceLock::new(),
            fallbacks: AtomicUsize::new(0),
            steps: AtomicUsize::new(0),
        }
    }

    /// Checks pattern and values of `a` and takes them.
    fn load(&mut self, a: CsMatView<'_, f64>) -> Result<(), SolveError> {
        let a = Csc::new(a);
        let an = &self.an;
        if a.nrows != a.ncols {
            return Err(SolveError::NotSquare { rows: a.nrows, cols: a.ncols });
        }
        if a.ncols != an.n || *a.indptr != *an.indptr || *a.indices != *an.indices {
            return Err(SolveError::PatternMismatch);
        }
        if let Some((row, col)) = a.first_non_finite() {
            return Err(SolveError::NotFinite { row, col });
        }
        for (v, &s) in self.val.iter_mut().zip(&an.src) {
            *v = a.data[s];
        }
        self.data.clear();
        self.data.extend_from_slice(&a.data);
        let mut rows = vec![0.0f64; an.n];
        let mut cols = 0.0f64;
        for j in 0..an.n {
            let mut c = 0.0;
            for p in a.col_range(j) {
                rows[a.indices[p]] += a.data[p].abs();
                c += a.data[p].abs();
            }
            cols = cols.max(c);
        }
        self.row_norm = rows.iter().fold(0.0, |m: f64, v| m.max(*v));
        self.col_norm = cols;
        self.direct = OnceLock::new();
        Ok(())
    }

    /// ILU(0) of the current values; when it breaks down, the direct LU now (so that a singular
    /// matrix is reported at factorization, as by the direct family).
    fn precondition(&mut self) -> Result<(), SolveError> {
        match self.an.pat.ilu0(&self.val) {
            Ok(lu) => self.ilu = Some(Arc::new(lu)),
            Err(_) => {
                self.ilu = None;
                if let Err(e) = self.direct_lu() {
                    return Err(e.clone());
                }
            }
        }
        Ok(())
    }

    /// The direct LU of the current values, made once.
    fn direct_lu(&self) -> &Result<NumericLu, SolveError> {
        self.direct.get_or_init(|| {
            let sym = self.an.direct.get_or_init(|| {
                let a = self.matrix();
                SymbolicLu::analyze_with(a.view(), &self.an.options)
            });
            let sym = sym.as_ref().map_err(Clone::clone)?;
            NumericLu::factorize(sym, self.matrix().view())
        })
    }

    fn matrix(&self) -> CsMat<f64> {
        let n = self.an.n;
        CsMat::new_csc((n, n), self.an.indptr.clone(), self.an.indices.clone(), self.data.clone())
    }

    fn method(&self) -> Method {
        match self.an.options.kind {
            SolverKind::Gmres => Method::Gmres(self.an.options.gmres_restart),
            _ => Method::BiCgStab,
        }
    }

    /// The Krylov solve in block triangular numbering, from `guess` (original numbering) or else
    /// from `M^-1 b`; `None` when it did not converge.
    fn iterate(&self, b: &mut [f64], transpose: bool, guess: Option<&[f64]>) -> Option<Outcome> {
        let ilu = self.ilu.as_ref()?;
        let (an, pat) = (&self.an, &self.an.pat);
        let z: Vec<f64> = an.perm.iter().map(|&j| b[j]).collect();
        let mul = |x: &[f64], y: &mut [f64]| {
            if transpose { pat.mul_transpose(&self.val, x, y) } else { pat.mul(&self.val, x, y) }
        };
        let precond = |z: &mut [f64]| {
            if transpose { pat.apply_transpose(ilu, z) } else { pat.apply(ilu, z) }
        };
        let op = Operator { mul: &mul, precond: &precond, norm: if transpose { self.col_norm } else { self.row_norm } };
        let mut x = match guess {
            Some(g) => an.perm.iter().map(|&j| g[j]).collect(),
            None => {
                let mut x = z.clone();
                precond(&mut x);
                x
            }
        };
        let out = solve(&op, &z, &mut x, an.options.iterative_tolerance, an.options.max_iterations, self.method());
        self.steps.fetch_add(out.iterations, Ordering::Relaxed);
        if !out.converged {
            return None;
        }
        for (pos, &j) in an.perm.iter().enumerate() {
            b[j] = x[pos];
        }
        Some(out)
    }

    fn solve_any(&self, b: &mut [f64], transpose: bool, guess: Option<&[f64]>) {
        assert_eq!(b.len(), self.an.n, "right-hand side length differs from the matrix");
        if let Some(g) = guess {
            assert_eq!(g.len(), self.an.n, "starting guess length differs from the matrix");
        }
        if self.iterate(b, transpose, guess).is_some() {
            return;
        }
        if self.ilu.is_some() {
            self.fallbacks.fetch_add(1, Ordering::Relaxed);
        }
        match self.direct_lu() {
            Ok(lu) if transpose => lu.solve_transpose_in_place(b),
            Ok(lu) => lu.solve_in_place(b),
            // Singular: NaN makes every residual check refuse the result.
            Err(_) => b.iter_mut().for_each(|v| *v = f64::NAN),
        }
    }

    /// Krylov steps and backward error of solving `A x = b` (or `A^T x = b`), without fallback;
    /// `None` when the iteration did not converge. For benchmarks and tests.
    fn iterations(&self, b: &[f64], transpose: bool) -> Option<(usize, f64)> {
        let mut x = b.to_vec();
        self.iterate(&mut x, transpose, None).map(|o| (o.iterations, o.backward_error))
    }
}

impl Factorization for IterativeLu {
    fn n(&self) -> usize {
        self.an.n
    }

    fn options(&self) -> &SolverOptions {
        &self.an.options
    }

    fn refactorize(&mut self, a: CsMatView<'_, f64>) -> Result<(), SolveError> {
        self.load(a)?;
        // New values: the counts describe the solves of these values only.
        self.fallbacks.store(0, Ordering::Relaxed);
        self.steps.store(0, Ordering::Relaxed);
        if self.ilu.is_none() || !self.an.options.keep_preconditioner {
            self.precondition()?;
        }
        Ok(())
    }

    fn solve_in_place(&self, b: &mut [f64]) {
        self.solve_any(b, false, None);
    }

    fn solve_transpose_in_place(&self, b: &mut [f64]) {
        self.solve_any(b, true, None);
    }

    fn solve_from_in_place(&self, b: &mut [f64], guess: &[f64]) {
        self.solve_any(b, false, Some(guess));
    }

    fn solve_transpose_from_in_place(&self, b: &mut [f64], guess: &[f64]) {
        self.solve_any(b, true, Some(guess));
    }

    fn krylov_steps_taken(&self) -> usize {
        self.steps.load(Ordering::Relaxed)
    }

    fn boxed_clone(&self) -> Box<dyn Factorization> {
        Box::new(self.clone())
    }

    fn notes(&self) -> Vec<String> {
        let count = self.fallbacks.load(Ordering::Relaxed);
        let mut notes = Vec::new();
        if self.ilu.is_none() {
            notes.push(
                "the ILU(0) preconditioner broke down (a vanishing pivot): solved by the direct sparse LU".to_string(),
            );
        }
        if count > 0 {
            notes.push(format!(
                "{count} solve(s) did not reach a backward error of {:e} within {} {} steps and were solved again by the direct sparse LU",
                self.an.options.iterative_tolerance,
                match self.method() {
                    Method::BiCgStab => self.an.options.max_iterations,
                    Method::Gmres(_) => 2 * self.an.options.max_iterations,
                },
                match self.method() {
                    Method::BiCgStab => "BiCGSTAB",
                    Method::Gmres(_) => "GMRES",
                }
            ));
        }
        notes
    }
}

/// Krylov steps (BiCGSTAB, or GMRES for [`SolverKind::Gmres`]) and final backward error of the Krylov family on `A x = b` (or `A^T x = b`
/// when `transpose`), without the direct fallback: `None` when the solve did not converge (or
/// ILU(0) broke down). For benchmarks and for choosing [`SolverOptions`].
pub fn krylov_steps(
    a: CsMatView<'_, f64>,
    options: &SolverOptions,
    b: &[f64],
    transpose: bool,
) -> Result<Option<(usize, f64)>, SolveError> {
    let an = IterativeAnalysis::analyze(a, options, None)?;
    let mut f = IterativeLu::empty(&an.inner);
    f.load(a)?;
    f.ilu = an.inner.pat.ilu0(&f.val).ok().map(Arc::new);
    Ok(f.iterations(b, transpose))
}
