//! Symbolic analysis: pattern checks, block triangular form, per-block fill-reducing orderings.

use std::sync::Arc;

use sprs::CsMatView;

use super::btf::tarjan;
use super::csc::Csc;
use super::error::SolveError;
use super::matching::unmatched_columns;
use super::options::SolverOptions;
use super::ordering::amd_order;

/// Marks a position that belongs to a coupled block (no singleton diagonal there).
pub(crate) const NONE: usize = usize::MAX;

/// Analysis of a sparsity pattern, reusable for every value set with that pattern.
///
/// Holds the block upper-triangular permutation (strongly connected components) and a
/// fill-reducing ordering of each coupled block. Cheap to clone (shared).
#[derive(Debug, Clone)]
pub struct SymbolicLu {
    pub(crate) inner: Arc<SymbolicInner>,
}

/// The data behind [`SymbolicLu`].
#[derive(Debug)]
pub(crate) struct SymbolicInner {
    pub(crate) n: usize,
    /// Copy of the analyzed pattern, to detect a mismatch cheaply.
    pub(crate) indptr: Vec<usize>,
    pub(crate) indices: Vec<usize>,
    /// `perm[pos]`: original index at position `pos`; blocks are contiguous, coupled ones in
    /// their elimination order.
    pub(crate) perm: Vec<usize>,
    /// Block `k` covers positions `starts[k]..starts[k + 1]`.
    pub(crate) starts: Vec<usize>,
    /// Per block: index into `coupled`, or `NONE` for a 1x1 block.
    pub(crate) coupled_of: Vec<usize>,
    /// Per position: storage index of the diagonal entry for a 1x1 block, else `NONE`.
    pub(crate) diag_src: Vec<usize>,
    pub(crate) coupled: Vec<CoupledBlock>,
    /// Entries above the diagonal blocks, by position of their column: original row and storage
    /// index in the input matrix.
    pub(crate) off_ptr: Vec<usize>,
    pub(crate) off_row: Vec<usize>,
    pub(crate) off_src: Vec<usize>,
    pub(crate) largest: usize,
    /// The options of the analysis, used by every factorization of it.
    pub(crate) options: SolverOptions,
}

/// A strongly connected block of more than one column, renumbered locally in elimination order.
#[derive(Debug)]
pub(crate) struct CoupledBlock {
    /// `orig[r]`: original index of local row/column `r`.
    pub(crate) orig: Vec<usize>,
    /// Local CSC pattern of the diagonal block, with storage indices into the input's values.
    pub(crate) ap: Vec<usize>,
    pub(crate) ai: Vec<usize>,
    pub(crate) asrc: Vec<usize>,
    /// Estimated entries of L (and of U) off the diagonal, to reserve storage once.
    pub(crate) lnz: usize,
    /// Whether the factors are expected to be so full that a dense LU is cheaper.
    pub(crate) dense: bool,
}

impl SymbolicLu {
    /// Analyzes the pattern of the square matrix `a` (CSC; CSR is converted).
    ///
    /// Every column needs a diagonal entry (the production amount). Values are not looked at.
    /// Uses the default [`SolverOptions`].
    pub fn analyze(a: CsMatView<'_, f64>) -> Result<SymbolicLu, SolveError> {
        Self::analyze_with(a, &SolverOptions::default())
    }

    /// As [`analyze`](Self::analyze) with given options, which its factorizations use as well.
    pub fn analyze_with(a: CsMatView<'_, f64>, options: &SolverOptions) -> Result<SymbolicLu, SolveError> {
        let a = checked_square(a)?;
        let n = a.ncols;

        let btf = tarjan(n, &a.indptr, &a.indices);
        let nblocks = btf.starts.len() - 1;
        let mut perm = btf.perm;
        let mut pos_of = vec![0usize; n];
        let mut block_of = vec![0usize; n];
        for k in 0..nblocks {
            for pos in btf.starts[k]..btf.starts[k + 1] {
                block_of[perm[pos]] = k;
            }
        }
        for (pos, &j) in perm.iter().enumerate() {
            pos_of[j] = pos;
        }

        // Order each coupled block and renumber its positions in elimination order.
        let mut coupled_of = vec![NONE; nblocks];
        let mut coupled = Vec::new();
        let mut largest = usize::from(n > 0);
        for (k, slot) in coupled_of.iter_mut().enumerate() {
            let (start, end) = (btf.starts[k], btf.starts[k + 1]);
            if end - start < 2 {
                continue;
            }
            largest = largest.max(end - start);
            let (lp, li, _) = local_pattern(&a, &perm[start..end], &pos_of, start);
            let (order, lnz) = amd_order(end - start, &lp, &li);
            let reordered: Vec<usize> = order.iter().map(|&r| perm[start + r]).collect();
            perm[start..end].copy_from_slice(&reordered);
            for pos in start..end {
                pos_of[perm[pos]] = pos;
            }
            let (ap, ai, asrc) = local_pattern(&a, &perm[start..end], &pos_of, start);
            *slot = coupled.len();
            coupled.push(CoupledBlock {
                orig: reordered,
                ap,
                ai,
                asrc,
                lnz,
                dense: prefers_dense(end - start, lnz, options),
            });
        }

        // Diagonal storage of 1x1 blocks and the entries above the diagonal blocks.
        let mut diag_src = vec![NONE; n];
        let mut off_ptr = Vec::with_capacity(n + 1);
        let mut off_row = Vec::new();
        let mut off_src = Vec::new();
        off_ptr.push(0);
        for (pos, &j) in perm.iter().enumerate() {
            let bj = block_of[j];
            let single = coupled_of[bj] == NONE;
            for p in a.col_range(j) {
                let i = a.indices[p];
                if block_of[i] != bj {
                    off_row.push(i);
                    off_src.push(p);
                } else if single {
                    diag_src[pos] = p;
                }
            }
            off_ptr.push(off_row.len());
        }

        Ok(SymbolicLu {
            inner: Arc::new(SymbolicInner {
                n,
                indptr: a.indptr.into_owned(),
                indices: a.indices.into_owned(),
                perm,
                starts: btf.starts,
                coupled_of,
                diag_src,
                coupled,
                off_ptr,
                off_row,
                off_src,
                largest,
                options: *options,
            }),
        })
    }

    /// Dimension of the analyzed matrix.
    pub fn n(&self) -> usize {
        self.inner.n
    }

    /// Number of diagonal blocks of the block triangular form (1x1 blocks included).
    pub fn block_count(&self) -> usize {
        self.inner.starts.len() - 1
    }

    /// Size of the largest diagonal block.
    pub fn largest_block(&self) -> usize {
        self.inner.largest
    }

    /// Number of coupled (larger than 1x1) blocks, the only ones that get a sparse LU.
    pub fn coupled_block_count(&self) -> usize {
        self.inner.coupled.len()
    }

    /// Number of stored entries in the analyzed pattern.
    pub fn nnz(&self) -> usize {
        self.inner.indices.len()
    }

    /// Whether `a` has exactly the analyzed pattern.
    pub(crate) fn matches(&self, a: &Csc<'_>) -> bool {
        a.nrows == self.inner.n
            && a.ncols == self.inner.n
            && *a.indptr == *self.inner.indptr
            && *a.indices == *self.inner.indices
    }
}

/// Whether a block of `nb` columns with AMD's estimate `lnz` of off-diagonal L entries should be
/// factorized densely: dense storage pays once the factors are expected to fill
/// `options.dense_fill` of the block.
fn prefers_dense(nb: usize, lnz: usize, options: &SolverOptions) -> bool {
    let predicted = (2 * lnz + nb) as f64;
    nb <= options.max_dense && predicted >= options.dense_fill * (nb * nb) as f64
}

/// The matrix every solver family analyses: square, indexable in u32, a diagonal entry in
/// every column.
pub(crate) fn checked_square<'a>(a: CsMatView<'a, f64>) -> Result<Csc<'a>, SolveError> {
    let a = Csc::new(a);
    if a.nrows != a.ncols {
        return Err(SolveError::NotSquare { rows: a.nrows, cols: a.ncols });
    }
    if u32::try_from(a.ncols).is_err() {
        return Err(SolveError::TooLarge { n: a.ncols });
    }
    check_diagonal(&a)?;
    Ok(a)
}

/// Refuses a column without a diagonal entry, telling apart a structurally singular pattern.
pub(crate) fn check_diagonal(a: &Csc<'_>) -> Result<(), SolveError> {
    let missing = (0..a.ncols).find(|&j| !a.indices[a.col_range(j)].contains(&j));
    let Some(col) = missing else {
        return Ok(());
    };
    let cols = unmatched_columns(a.ncols, &a.indptr, &a.indices);
    if cols.is_empty() {
        Err(SolveError::MissingDiagonal { col })
    } else {
        Err(SolveError::StructurallySingular { cols })
    }
}

/// Local CSC pattern of the diagonal block whose columns are `cols` (positions `start..`),
/// with storage indices into the input's values.
fn local_pattern(a: &Csc<'_>, cols: &[usize], pos_of: &[usize], start: usize) -> (Vec<usize>, Vec<usize>, Vec<usize>) {
    let end = start + cols.len();
    let mut ap = Vec::with_capacity(cols.len() + 1);
    let mut ai = Vec::new();
    let mut asrc = Vec::new();
    ap.push(0);
    for &j in cols {
        for p in a.col_range(j) {
            let pos = pos_of[a.indices[p]];
            if (start..end).contains(&pos) {
                ai.push(pos - start);
                asrc.push(p);
            }
        }
        ap.push(ai.len());
    }
    (ap, ai, asrc)
}
