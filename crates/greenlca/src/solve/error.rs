//! Errors of the sparse solver.

use thiserror::Error;

/// Why a matrix could not be analyzed, factorized or solved.
///
/// Every index is in the ORIGINAL numbering of the matrix passed in, so the caller can map it
/// back to process names.
#[derive(Debug, Clone, PartialEq, Error)]
#[non_exhaustive]
pub enum SolveError {
    /// The matrix is not square.
    #[error("the technology matrix is {rows}x{cols}, not square")]
    NotSquare {
        /// Number of rows.
        rows: usize,
        /// Number of columns.
        cols: usize,
    },
    /// A column has no diagonal entry: the process does not produce its own reference product.
    #[error("column {col} has no diagonal entry (its process has no reference product amount)")]
    MissingDiagonal {
        /// Original column index.
        col: usize,
    },
    /// No permutation of the pattern has a zero-free diagonal: these columns cannot be matched to
    /// distinct rows, so the matrix is singular whatever its values.
    #[error("the matrix is structurally singular; unmatched columns: {cols:?}")]
    StructurallySingular {
        /// Original indices of the columns left without a row.
        cols: Vec<usize>,
    },
    /// A pivot was zero or negligible: the block containing `col` is (numerically) singular.
    #[error("the matrix is numerically singular at column {col} (coupled block of {} columns)", block.len())]
    NumericallySingular {
        /// Original index of the column whose pivot failed.
        col: usize,
        /// Original indices of every column of the strongly connected block containing `col`.
        block: Vec<usize>,
    },
    /// The matrix does not have the sparsity pattern the symbolic analysis was made for.
    #[error("the matrix pattern differs from the one the symbolic analysis was made for")]
    PatternMismatch,
    /// An entry is NaN or infinite.
    #[error("entry ({row}, {col}) is not finite")]
    NotFinite {
        /// Original row index.
        row: usize,
        /// Original column index.
        col: usize,
    },
    /// The matrix has more than 2^32 - 1 rows, beyond what the factor storage indexes.
    #[error("the matrix dimension {n} exceeds the supported 4294967295")]
    TooLarge {
        /// The dimension.
        n: usize,
    },
    /// A vector's length does not match the matrix dimension.
    #[error("vector of length {found} given for a matrix of dimension {expected}")]
    DimensionMismatch {
        /// The matrix dimension.
        expected: usize,
        /// The vector length received.
        found: usize,
    },
    /// A solution's relative residual exceeds the accepted tolerance, or is not finite: the
    /// matrix is too ill-conditioned for the factors.
    #[error("the relative residual {residual:.1e} of a solve exceeds the tolerance")]
    Inaccurate {
        /// The relative residual found.
        residual: f64,
    },
}
