//! Numeric factorization: values for a pattern analyzed by [`SymbolicLu`].

use sprs::CsMatView;

use super::block_factors::BlockFactors;
use super::csc::Csc;
use super::error::SolveError;
use super::factors::Workspace;
use super::symbolic::{CoupledBlock, NONE, SymbolicLu};

/// LU factors of every coupled block plus the 1x1 pivots and the entries above the diagonal
/// blocks: everything needed to solve with A and A^T.
///
/// Each worker of a parallel Monte Carlo run can own a clone and [`refactorize`](Self::refactorize)
/// it with its own draw.
#[derive(Debug, Clone)]
pub struct NumericLu {
    pub(crate) sym: SymbolicLu,
    /// Per position: the pivot of a 1x1 block (unused inside coupled blocks).
    pub(crate) diag: Vec<f64>,
    /// Per coupled block, in the order of `sym.inner.coupled`.
    pub(crate) blocks: Vec<BlockFactors>,
    /// Values of the entries above the diagonal blocks (`sym.inner.off_*`).
    pub(crate) offx: Vec<f64>,
    ws: Workspace,
}

impl NumericLu {
    /// Factorizes values with the pattern `sym` was analyzed for (same CSC structure).
    ///
    /// Pivots are chosen afresh in each coupled block, the diagonal being preferred while it is
    /// at least [`SolverOptions::pivot_tolerance`](super::SolverOptions::pivot_tolerance) times
    /// the largest candidate in its column (the options `sym` was analyzed with).
    pub fn factorize(sym: &SymbolicLu, a: CsMatView<'_, f64>) -> Result<NumericLu, SolveError> {
        let inner = &sym.inner;
        let mut lu = NumericLu {
            sym: sym.clone(),
            diag: vec![0.0; inner.n],
            blocks: inner.coupled.iter().map(BlockFactors::for_block).collect(),
            offx: vec![0.0; inner.off_src.len()],
            ws: Workspace::new(inner.largest),
        };
        let a = lu.load(a)?;
        for (c, blk) in inner.coupled.iter().enumerate() {
            lu.blocks[c].factor(blk, &a.data, &mut lu.ws, &inner.options).map_err(|k| singular(blk, k))?;
        }
        Ok(lu)
    }

    /// New values, same pattern: reuses the pivot order and L/U pattern of each coupled block
    /// while its pivots stay acceptable, otherwise factorizes that block afresh.
    ///
    /// Allocates nothing unless a block needs a fresh factorization. After an error the factors
    /// are incomplete: factorize or refactorize successfully before solving again.
    pub fn refactorize(&mut self, a: CsMatView<'_, f64>) -> Result<(), SolveError> {
        let a = self.load(a)?;
        let inner = &self.sym.inner;
        for (c, blk) in inner.coupled.iter().enumerate() {
            self.blocks[c].refactor(blk, &a.data, &mut self.ws, &inner.options).map_err(|k| singular(blk, k))?;
        }
        Ok(())
    }

    /// The symbolic analysis these factors belong to.
    pub fn symbolic(&self) -> &SymbolicLu {
        &self.sym
    }

    /// Dimension of the factorized matrix.
    pub fn n(&self) -> usize {
        self.sym.inner.n
    }

    /// Stored entries of L and U in the coupled blocks, diagonals included (a measure of fill).
    pub fn factor_nnz(&self) -> usize {
        self.blocks.iter().map(BlockFactors::nnz).sum()
    }

    /// Checks pattern and values of `a`, then copies the 1x1 pivots and off-block values.
    fn load<'a>(&mut self, a: CsMatView<'a, f64>) -> Result<Csc<'a>, SolveError> {
        let a = Csc::new(a);
        if a.nrows != a.ncols {
            return Err(SolveError::NotSquare { rows: a.nrows, cols: a.ncols });
        }
        if !self.sym.matches(&a) {
            return Err(SolveError::PatternMismatch);
        }
        if let Some((row, col)) = a.first_non_finite() {
            return Err(SolveError::NotFinite { row, col });
        }
        let inner = &self.sym.inner;
        for (pos, &src) in inner.diag_src.iter().enumerate() {
            if src != NONE {
                let d = a.data[src];
                if d == 0.0 {
                    let col = inner.perm[pos];
                    return Err(SolveError::NumericallySingular { col, block: vec![col] });
                }
                self.diag[pos] = d;
            }
        }
        for (x, &src) in self.offx.iter_mut().zip(&inner.off_src) {
            *x = a.data[src];
        }
        Ok(a)
    }
}

/// The error for a failed pivot at local column `k` of `blk`, in original indices.
fn singular(blk: &CoupledBlock, k: usize) -> SolveError {
    let mut block = blk.orig.clone();
    block.sort_unstable();
    SolveError::NumericallySingular { col: blk.orig[k], block }
}
