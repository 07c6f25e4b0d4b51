//! Fill-reducing ordering of a coupled block: approximate minimum degree on the pattern of
//! B + B^T (the `amd` crate, a BSD-3 port of AMD).
//!
//! A symmetric ordering keeps the diagonal on the diagonal, which is what the diagonal-preferring
//! pivoting of `gp_lu` wants: LCA diagonals are production amounts, usually the best pivots.

/// Ordering of a block given by its local CSC pattern (any order within a column).
///
/// Returns `order[k]` = local index eliminated at step `k`, and AMD's estimate of the entries of
/// L (of a Cholesky factor of B + B^T, a hint for reserving storage). Falls back to the natural
/// order if AMD rejects the pattern, which cannot happen for a valid square pattern.
pub(crate) fn amd_order(n: usize, indptr: &[usize], indices: &[usize]) -> (Vec<usize>, usize) {
    // Sorted columns spare AMD its transpose-and-sort preprocessing of a "jumbled" pattern.
    let mut sorted = indices.to_vec();
    for j in 0..n {
        sorted[indptr[j]..indptr[j + 1]].sort_unstable();
    }
    let control = amd::Control::default();
    match amd::order::<usize>(n, indptr, &sorted, &control) {
        Ok((p, _, info)) if p.len() == n => (p, info.lnz),
        _ => ((0..n).collect(), indices.len()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arrow_matrix_puts_hub_last() {
        // Column 0 is dense (hub); AMD must eliminate it last to avoid fill.
        let n = 5;
        let mut indptr = vec![0];
        let mut indices = Vec::new();
        for j in 0..n {
            if j == 0 {
                indices.extend(0..n);
            } else {
                indices.extend([0, j]);
            }
            indptr.push(indices.len());
        }
        let (order, _) = amd_order(n, &indptr, &indices);
        assert_eq!(order.len(), n);
        assert_eq!(*order.last().unwrap(), 0);
        let mut sorted = order.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, (0..n).collect::<Vec<_>>());
    }
}
