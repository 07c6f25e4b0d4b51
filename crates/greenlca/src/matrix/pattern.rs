//! A sparsity pattern built once from triplets, and value slots refilled per value set.
//!
//! Entries keep the order they were added in (one per exchange); `slot[k]` is the position of entry
//! k in the CSC value array, so duplicates land in the same slot and add up. Variants and Monte
//! Carlo draws call [`Pattern::fill`] with new entry values and reuse the pattern (and with it the
//! symbolic factorization).

use sprs::CsMat;

/// The CSC structure of a matrix plus the slot of every entry.
#[derive(Debug, Clone)]
pub struct Pattern {
    nrows: usize,
    ncols: usize,
    indptr: Vec<usize>,
    indices: Vec<usize>,
    slot: Vec<usize>,
}

impl Pattern {
    /// Builds the pattern of a `nrows x ncols` matrix with entries at (`rows[k]`, `cols[k]`).
    pub fn new(nrows: usize, ncols: usize, rows: &[usize], cols: &[usize]) -> Pattern {
        assert_eq!(rows.len(), cols.len());
        // Sort entry ids by (col, row) with a counting sort on columns, then rows within a column.
        let mut count = vec![0usize; ncols + 1];
        for &c in cols {
            count[c + 1] += 1;
        }
        for j in 0..ncols {
            count[j + 1] += count[j];
        }
        let mut order = vec![0usize; rows.len()];
        let mut next = count.clone();
        for (k, &c) in cols.iter().enumerate() {
            order[next[c]] = k;
            next[c] += 1;
        }
        let mut indptr = Vec::with_capacity(ncols + 1);
        let mut indices = Vec::with_capacity(rows.len());
        let mut slot = vec![0usize; rows.len()];
        indptr.push(0);
        for j in 0..ncols {
            let seg = &mut order[count[j]..count[j + 1]];
            seg.sort_unstable_by_key(|&k| (rows[k], k));
            let mut last_row = usize::MAX;
            for &k in seg.iter() {
                if rows[k] != last_row {
                    indices.push(rows[k]);
                    last_row = rows[k];
                }
                slot[k] = indices.len() - 1;
            }
            indptr.push(indices.len());
        }
        Pattern { nrows, ncols, indptr, indices, slot }
    }

    /// Number of stored positions (duplicates merged).
    pub fn nnz(&self) -> usize {
        self.indices.len()
    }

    /// Number of entries (before merging duplicates).
    pub fn entries(&self) -> usize {
        self.slot.len()
    }

    /// Shape (rows, cols).
    pub fn shape(&self) -> (usize, usize) {
        (self.nrows, self.ncols)
    }

    /// Slot of entry `k` in the value array.
    pub fn slot(&self, k: usize) -> usize {
        self.slot[k]
    }

    /// Sums entry values into `data` (length [`Self::nnz`]), overwriting it.
    pub fn fill(&self, values: &[f64], data: &mut [f64]) {
        data.iter_mut().for_each(|x| *x = 0.0);
        for (k, v) in values.iter().enumerate() {
            data[self.slot[k]] += v;
        }
    }

    /// A CSC matrix with the given entry values.
    pub fn matrix(&self, values: &[f64]) -> CsMat<f64> {
        let mut data = vec![0.0; self.nnz()];
        self.fill(values, &mut data);
        self.matrix_from_data(data)
    }

    /// A CSC matrix from a value array already in slot order.
    pub fn matrix_from_data(&self, data: Vec<f64>) -> CsMat<f64> {
        CsMat::new_csc((self.nrows, self.ncols), self.indptr.clone(), self.indices.clone(), data)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn duplicates_add_up_and_refill_reuses_the_pattern() {
        let p = Pattern::new(2, 2, &[0, 1, 1, 0, 1], &[0, 0, 0, 1, 1]);
        assert_eq!(p.nnz(), 4);
        let m = p.matrix(&[1.0, -0.1, -0.1, -0.5, 2.0]);
        assert_eq!(m.get(1, 0), Some(&-0.2));
        assert_eq!(m.get(0, 1), Some(&-0.5));
        let m2 = p.matrix(&[2.0, 0.0, 0.0, 0.0, 1.0]);
        assert_eq!(m2.get(1, 0), Some(&0.0));
        assert_eq!(m2.get(0, 0), Some(&2.0));
    }
}
