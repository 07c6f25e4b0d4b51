//! Storage of the LU factors of one coupled block, and the scratch space to compute them.

use super::symbolic::NONE;

/// Row index inside a block's factors: 32 bits halve the index traffic of the memory-bound
/// update loops (blocks are checked to fit at analysis).
pub(crate) type Idx = u32;

/// `P B = L U` for a block B in local numbering (columns already in elimination order).
///
/// L is unit lower triangular, stored by column without its diagonal; U by column without its
/// diagonal (kept in `udiag`), each column's rows in an order valid for substitution.
/// Row indices of both are pivot steps.
#[derive(Debug, Clone, Default)]
pub(crate) struct BlockLu {
    /// `prow[k]`: local row chosen as pivot at step `k`.
    pub(crate) prow: Vec<usize>,
    /// `pinv[r]`: step at which local row `r` became pivotal.
    pub(crate) pinv: Vec<usize>,
    pub(crate) lp: Vec<usize>,
    pub(crate) li: Vec<Idx>,
    pub(crate) lx: Vec<f64>,
    pub(crate) up: Vec<usize>,
    pub(crate) ui: Vec<Idx>,
    pub(crate) ux: Vec<f64>,
    pub(crate) udiag: Vec<f64>,
}

impl BlockLu {
    /// Dimension of the block.
    pub(crate) fn n(&self) -> usize {
        self.udiag.len()
    }

    /// Empties the factors for a fresh factorization of dimension `n`, keeping capacity.
    pub(crate) fn reset(&mut self, n: usize) {
        self.prow.clear();
        self.prow.resize(n, NONE);
        self.pinv.clear();
        self.pinv.resize(n, NONE);
        self.lp.clear();
        self.lp.push(0);
        self.li.clear();
        self.lx.clear();
        self.up.clear();
        self.up.push(0);
        self.ui.clear();
        self.ux.clear();
        self.udiag.clear();
        self.udiag.resize(n, 0.0);
    }
}

/// Scratch arrays sized for the largest block; `x` is all zeros between uses.
#[derive(Debug, Clone, Default)]
pub(crate) struct Workspace {
    pub(crate) x: Vec<f64>,
    pub(crate) mark: Vec<usize>,
    pub(crate) stack: Vec<(usize, usize)>,
    pub(crate) post: Vec<usize>,
    pub(crate) cand: Vec<usize>,
    /// Per L column: end of the part the depth-first search must still visit (symmetric pruning).
    pub(crate) lpend: Vec<usize>,
    /// Per L column: whether it was pruned already.
    pub(crate) pruned: Vec<bool>,
}

impl Workspace {
    /// Scratch for blocks of up to `n` rows.
    pub(crate) fn new(n: usize) -> Self {
        Workspace {
            x: vec![0.0; n],
            mark: vec![NONE; n],
            stack: Vec::new(),
            post: Vec::new(),
            cand: Vec::new(),
            lpend: Vec::with_capacity(n),
            pruned: Vec::with_capacity(n),
        }
    }
}
