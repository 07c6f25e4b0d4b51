//! Maximum transversal, used only to explain a missing diagonal.
//!
//! LCA matrices must have every diagonal entry; when one is missing the caller wants to know
//! whether the pattern is singular whatever the values (some columns cannot be matched to distinct
//! rows) or merely breaks the convention.

const NONE: usize = usize::MAX;

/// Columns left unmatched by a maximum matching of columns to rows (empty if the pattern has
/// full structural rank).
pub(crate) fn unmatched_columns(n: usize, indptr: &[usize], indices: &[usize]) -> Vec<usize> {
    let mut row_match = vec![NONE; n];
    let mut col_matched = vec![false; n];
    // Start from the diagonal: then only columns without one need an augmenting path.
    for j in 0..n {
        if indices[indptr[j]..indptr[j + 1]].contains(&j) {
            row_match[j] = j;
            col_matched[j] = true;
        }
    }
    let mut visited = vec![NONE; n];
    let mut unmatched = Vec::new();
    // Depth-first stack: (column, next storage position, row through which it was entered).
    let mut stack: Vec<(usize, usize, usize)> = Vec::new();
    for j0 in 0..n {
        if col_matched[j0] {
            continue;
        }
        stack.clear();
        stack.push((j0, indptr[j0], NONE));
        let mut found = NONE;
        while let Some(top) = stack.last_mut() {
            let (j, p) = (top.0, top.1);
            if p == indptr[j + 1] {
                stack.pop();
                continue;
            }
            top.1 += 1;
            let i = indices[p];
            if visited[i] == j0 {
                continue;
            }
            visited[i] = j0;
            if row_match[i] == NONE {
                found = i;
                break;
            }
            stack.push((row_match[i], indptr[row_match[i]], i));
        }
        if found == NONE {
            unmatched.push(j0);
            continue;
        }
        // Flip the path: each column on the stack takes the row found below it.
        let mut row = found;
        for &(col, _, via) in stack.iter().rev() {
            row_match[row] = col;
            row = via;
        }
        col_matched[j0] = true;
    }
    unmatched
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn permuted_diagonal_is_full_rank() {
        // [[0, x], [x, 0]]
        let indptr = [0, 1, 2];
        let indices = [1, 0];
        assert!(unmatched_columns(2, &indptr, &indices).is_empty());
    }

    #[test]
    fn augmenting_path_through_matched_column() {
        // Column 0 has rows {0, 1}, column 1 only row 0 (no diagonal), column 2 row 2.
        let indptr = [0, 2, 3, 4];
        let indices = [0, 1, 0, 2];
        assert!(unmatched_columns(3, &indptr, &indices).is_empty());
    }

    #[test]
    fn two_columns_on_one_row_are_singular() {
        // Columns 0 and 1 both only touch row 0.
        let indptr = [0, 1, 2, 3];
        let indices = [0, 0, 2];
        assert_eq!(unmatched_columns(3, &indptr, &indices), vec![1]);
    }
}
