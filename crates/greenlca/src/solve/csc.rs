//! Borrowed or converted compressed-sparse-column parts of an input matrix.

use std::borrow::Cow;

use sprs::CsMatView;

/// The raw CSC arrays of a matrix, with an index pointer that starts at zero.
///
/// A CSC input is borrowed as it is; a CSR input is converted once (its transpose storage).
pub(crate) struct Csc<'a> {
    pub(crate) nrows: usize,
    pub(crate) ncols: usize,
    pub(crate) indptr: Cow<'a, [usize]>,
    pub(crate) indices: Cow<'a, [usize]>,
    pub(crate) data: Cow<'a, [f64]>,
}

impl<'a> Csc<'a> {
    /// Views `a` as CSC, converting only when it is stored as CSR.
    pub(crate) fn new(a: CsMatView<'a, f64>) -> Self {
        let (nrows, ncols) = a.shape();
        if a.is_csc() {
            let (indptr, indices, data) = a.into_raw_storage();
            // A sliced view keeps its parent's offsets; shift them to start at zero.
            let indptr = match indptr.first() {
                Some(&offset) if offset != 0 => Cow::Owned(indptr.iter().map(|p| p - offset).collect()),
                _ => Cow::Borrowed(indptr),
            };
            Csc { nrows, ncols, indptr, indices: Cow::Borrowed(indices), data: Cow::Borrowed(data) }
        } else {
            let (indptr, indices, data) = a.to_other_storage().into_raw_storage();
            Csc { nrows, ncols, indptr: Cow::Owned(indptr), indices: Cow::Owned(indices), data: Cow::Owned(data) }
        }
    }

    /// Storage range of column `j` in `indices` and `data`.
    #[inline]
    pub(crate) fn col_range(&self, j: usize) -> std::ops::Range<usize> {
        self.indptr[j]..self.indptr[j + 1]
    }

    /// First non-finite entry, as (row, col).
    pub(crate) fn first_non_finite(&self) -> Option<(usize, usize)> {
        let p = self.data.iter().position(|v| !v.is_finite())?;
        // Column of storage position p: the last column starting at or before p.
        let col = self.indptr.partition_point(|&s| s <= p) - 1;
        Some((self.indices[p], col))
    }
}
