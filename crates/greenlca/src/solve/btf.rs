//! Block triangular form: strongly connected components of the column graph (Tarjan).
//!
//! With a zero-free diagonal, a symmetric permutation that lists the components in Tarjan's
//! emission order makes the matrix block upper triangular: an entry (i, j) is an edge j -> i, and
//! Tarjan emits a component only after every component it reaches, so rows come before columns.

const UNVISITED: usize = usize::MAX;

/// A block upper-triangular permutation.
#[derive(Debug, Clone)]
pub(crate) struct Btf {
    /// `perm[pos]` is the original index at permuted position `pos`.
    pub(crate) perm: Vec<usize>,
    /// Block `k` covers positions `starts[k]..starts[k + 1]`; `starts.len()` is blocks + 1.
    pub(crate) starts: Vec<usize>,
}

/// Strongly connected components of the graph with an edge j -> i for every entry (i, j), i != j.
///
/// Iterative, so deep chains (long supply chains) cannot overflow the call stack.
pub(crate) fn tarjan(n: usize, indptr: &[usize], indices: &[usize]) -> Btf {
    let mut index = vec![UNVISITED; n];
    let mut low = vec![0usize; n];
    let mut on_stack = vec![false; n];
    let mut comp_stack: Vec<usize> = Vec::new();
    // Depth-first call stack: (node, next storage position to explore).
    let mut calls: Vec<(usize, usize)> = Vec::new();
    let mut perm = Vec::with_capacity(n);
    let mut starts = vec![0];
    let mut counter = 0;

    for root in 0..n {
        if index[root] != UNVISITED {
            continue;
        }
        index[root] = counter;
        low[root] = counter;
        counter += 1;
        comp_stack.push(root);
        on_stack[root] = true;
        calls.push((root, indptr[root]));

        while let Some(top) = calls.last_mut() {
            let v = top.0;
            if top.1 < indptr[v + 1] {
                let w = indices[top.1];
                top.1 += 1;
                if index[w] == UNVISITED {
                    index[w] = counter;
                    low[w] = counter;
                    counter += 1;
                    comp_stack.push(w);
                    on_stack[w] = true;
                    calls.push((w, indptr[w]));
                } else if on_stack[w] && index[w] < low[v] {
                    low[v] = index[w];
                }
                continue;
            }
            calls.pop();
            if low[v] == index[v] {
                // v roots a component: everything above it on the component stack.
                while let Some(w) = comp_stack.pop() {
                    on_stack[w] = false;
                    perm.push(w);
                    if w == v {
                        break;
                    }
                }
                starts.push(perm.len());
            }
            if let Some(parent) = calls.last() {
                let u = parent.0;
                if low[v] < low[u] {
                    low[u] = low[v];
                }
            }
        }
    }
    Btf { perm, starts }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// CSC pattern from (row, col) pairs.
    fn pattern(n: usize, entries: &[(usize, usize)]) -> (Vec<usize>, Vec<usize>) {
        let mut cols: Vec<Vec<usize>> = vec![Vec::new(); n];
        for &(i, j) in entries {
            cols[j].push(i);
        }
        let mut indptr = vec![0];
        let mut indices = Vec::new();
        for c in cols {
            indices.extend(c);
            indptr.push(indices.len());
        }
        (indptr, indices)
    }

    fn block_of(btf: &Btf, n: usize) -> Vec<usize> {
        let mut b = vec![0; n];
        for k in 0..btf.starts.len() - 1 {
            for &j in &btf.perm[btf.starts[k]..btf.starts[k + 1]] {
                b[j] = k;
            }
        }
        b
    }

    #[test]
    fn triangular_gives_singletons_in_dependency_order() {
        // Upper triangular: column 1 uses row 0, column 2 uses rows 0 and 1.
        let (p, i) = pattern(3, &[(0, 0), (0, 1), (1, 1), (0, 2), (1, 2), (2, 2)]);
        let btf = tarjan(3, &p, &i);
        assert_eq!(btf.starts, vec![0, 1, 2, 3]);
        assert_eq!(btf.perm, vec![0, 1, 2]);
    }

    #[test]
    fn loop_is_one_block_and_result_is_block_upper_triangular() {
        // 1 <-> 2 loop, 0 feeds 1, 3 uses 2.
        let entries = [(0, 0), (1, 1), (2, 2), (3, 3), (0, 1), (2, 1), (1, 2), (2, 3)];
        let (p, i) = pattern(4, &entries);
        let btf = tarjan(4, &p, &i);
        assert_eq!(btf.starts.len() - 1, 3);
        let b = block_of(&btf, 4);
        assert_eq!(b[1], b[2]);
        for &(r, c) in &entries {
            assert!(b[r] <= b[c], "entry ({r},{c}) below the block diagonal");
        }
    }

    #[test]
    fn long_chain_does_not_overflow() {
        let n = 200_000;
        let mut entries: Vec<(usize, usize)> = (0..n).map(|j| (j, j)).collect();
        entries.extend((1..n).map(|j| (j, j - 1)));
        entries.push((0, n - 1));
        let (p, i) = pattern(n, &entries);
        let btf = tarjan(n, &p, &i);
        assert_eq!(btf.starts, vec![0, n]);
    }
}
