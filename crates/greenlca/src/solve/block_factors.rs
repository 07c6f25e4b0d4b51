//! The factors of one coupled block, sparse or dense, behind one interface.

use super::block_solve::{lu_solve, lu_solve_transpose};
use super::dense_lu::{DenseLu, dense_solve, dense_solve_transpose, factor_dense};
use super::factors::{BlockLu, Workspace};
use super::gp_lu::factor_block;
use super::options::SolverOptions;
use super::refactor::refactor_block;
use super::symbolic::CoupledBlock;

/// LU factors of a coupled block; both kinds store `P B = L U` with `prow` giving P.
#[derive(Debug, Clone)]
pub(crate) enum BlockFactors {
    Sparse(BlockLu),
    Dense(DenseLu),
}

impl BlockFactors {
    /// Empty factors of the kind the analysis chose for `blk`.
    pub(crate) fn for_block(blk: &CoupledBlock) -> Self {
        if blk.dense { BlockFactors::Dense(DenseLu::default()) } else { BlockFactors::Sparse(BlockLu::default()) }
    }

    /// Fresh factorization with pivot search; `Err(k)` names the failing local column.
    pub(crate) fn factor(
        &mut self,
        blk: &CoupledBlock,
        data: &[f64],
        ws: &mut Workspace,
        opts: &SolverOptions,
    ) -> Result<(), usize> {
        match self {
            BlockFactors::Sparse(lu) => factor_block(blk, data, lu, ws, opts),
            BlockFactors::Dense(lu) => factor_dense(blk, data, lu, opts),
        }
    }

    /// New values: keeps the sparse pivot order and pattern while the pivots stay acceptable,
    /// else factorizes afresh (a dense block always is: its pivot search costs O(n^2) of O(n^3)).
    pub(crate) fn refactor(
        &mut self,
        blk: &CoupledBlock,
        data: &[f64],
        ws: &mut Workspace,
        opts: &SolverOptions,
    ) -> Result<(), usize> {
        if let BlockFactors::Sparse(lu) = self
            && refactor_block(blk, data, lu, ws, opts)
        {
            return Ok(());
        }
        self.factor(blk, data, ws, opts)
    }

    /// `prow[k]`: local row that is row `k` of `P B`.
    pub(crate) fn prow(&self) -> &[usize] {
        match self {
            BlockFactors::Sparse(lu) => &lu.prow,
            BlockFactors::Dense(lu) => &lu.prow,
        }
    }

    /// Dimension of the block.
    pub(crate) fn n(&self) -> usize {
        self.prow().len()
    }

    /// Stored entries of L and U, diagonals included.
    pub(crate) fn nnz(&self) -> usize {
        match self {
            BlockFactors::Sparse(lu) => lu.li.len() + lu.ui.len() + 2 * lu.n(),
            BlockFactors::Dense(lu) => lu.lu.len() + lu.n,
        }
    }

    /// Overwrites `y` (= P b) with the solution of `L U w = y`.
    pub(crate) fn solve(&self, y: &mut [f64]) {
        match self {
            BlockFactors::Sparse(lu) => lu_solve(lu, y),
            BlockFactors::Dense(lu) => dense_solve(lu, y),
        }
    }

    /// Overwrites `y` with the solution of `U^T L^T w = y`.
    pub(crate) fn solve_transpose(&self, y: &mut [f64]) {
        match self {
            BlockFactors::Sparse(lu) => lu_solve_transpose(lu, y),
            BlockFactors::Dense(lu) => dense_solve_transpose(lu, y),
        }
    }
}
