//! A matrix system built from arrays held in memory (a language binding passes SciPy's sparse A, B
//! and C as triplets), with the checks the exchange folder's reader makes.

use crate::error::{Error, ErrorKind, Location, Result};
use crate::matrix::{Entries, EntrySource};

use super::numbered::{numbered_characterization, numbered_system};
use super::triplet_read::MatrixSystem;

/// One sparse matrix as coordinates: a shape and (row, column, value) entries; duplicates add up.
#[derive(Debug, Clone, Default)]
pub struct Triplets {
    /// Rows and columns.
    pub shape: (usize, usize),
    /// Row of each entry.
    pub rows: Vec<usize>,
    /// Column of each entry.
    pub cols: Vec<usize>,
    /// Value of each entry.
    pub values: Vec<f64>,
}

impl MatrixSystem {
    /// A (n x n), B (m x n) and C (k x m) with the demand (length n) and, optionally, a
    /// (name, unit) per category. Errors name the matrix and entry at fault.
    pub fn from_triplets(
        a: &Triplets,
        b: &Triplets,
        c: &Triplets,
        demand: Vec<f64>,
        categories: Option<Vec<(String, String)>>,
    ) -> Result<MatrixSystem> {
        let (n, n2) = a.shape;
        if n != n2 {
            return Err(bad("A", format!("A is {n} x {n2}, not square"), "give the square technosphere matrix"));
        }
        let (m, nb) = b.shape;
        if nb != n {
            return Err(bad("B", format!("B has {nb} columns, A has {n}"), "B needs one column per process of A"));
        }
        let (k, mc) = c.shape;
        if mc != m {
            return Err(bad("C", format!("C has {mc} columns, B has {m} rows"), "C needs one column per flow of B"));
        }
        if demand.len() != n {
            return Err(bad(
                "demand",
                format!("the demand has {} values, A has {n} processes", demand.len()),
                "give one demand value per process",
            ));
        }
        if let Some(i) = demand.iter().position(|v| !v.is_finite()) {
            return Err(bad("demand", format!("demand[{i}] is not finite"), "give finite numbers"));
        }
        let a_entries = entries("A", a)?;
        let mut has_diag = vec![false; n];
        for (&i, &j) in a.rows.iter().zip(&a.cols) {
            if i == j {
                has_diag[i] = true;
            }
        }
        if let Some(j) = has_diag.iter().position(|h| !h) {
            return Err(Error::new(
                ErrorKind::Singular,
                Location::entity(format!("A process {j}")),
                format!("process {j} has no diagonal (production) entry"),
                format!("set A[{j}, {j}] to its production amount (usually 1)"),
            ));
        }
        let names = categories.unwrap_or_else(|| (0..k).map(|i| (i.to_string(), String::new())).collect());
        if names.len() != k {
            return Err(bad(
                "categories",
                format!("{} category names for the {k} rows of C", names.len()),
                "give one (name, unit) per row of C",
            ));
        }
        let system = numbered_system(n, m, a_entries, entries("B", b)?);
        let characterization = numbered_characterization(names, m, entries("C", c)?);
        Ok(MatrixSystem { system, characterization, demand })
    }
}

/// The entries of one matrix, checked against its shape.
fn entries(name: &str, t: &Triplets) -> Result<Entries> {
    if t.rows.len() != t.values.len() || t.cols.len() != t.values.len() {
        return Err(bad(
            name,
            format!("{name} has rows, columns and values of different lengths"),
            "pass a COO matrix",
        ));
    }
    let mut e = Entries::default();
    for k in 0..t.values.len() {
        let (i, j, v) = (t.rows[k], t.cols[k], t.values[k]);
        if i >= t.shape.0 || j >= t.shape.1 {
            return Err(bad(
                name,
                format!("entry ({i}, {j}) is outside the {} x {} shape", t.shape.0, t.shape.1),
                "check the indices (0-based)",
            ));
        }
        if !v.is_finite() {
            return Err(bad(name, format!("entry ({i}, {j}) is not finite"), "give finite numbers"));
        }
        e.push(i, j, v, None, EntrySource::Data);
    }
    Ok(e)
}

fn bad(entity: &str, message: String, hint: &str) -> Error {
    Error::new(ErrorKind::Value, Location::entity(entity), message, hint)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calc::Lca;

    fn t(shape: (usize, usize), e: &[(usize, usize, f64)]) -> Triplets {
        Triplets {
            shape,
            rows: e.iter().map(|x| x.0).collect(),
            cols: e.iter().map(|x| x.1).collect(),
            values: e.iter().map(|x| x.2).collect(),
        }
    }

    /// Two processes, process 0 needs 0.5 of process 1: s = (1, 0.5); emissions 2 and 4 per unit
    /// give g = 2 + 0.5 * 4 = 4, and a factor 3 gives 12.
    #[test]
    fn solves_a_hand_case() {
        let a = t((2, 2), &[(0, 0, 1.0), (1, 1, 1.0), (1, 0, -0.5)]);
        let b = t((1, 2), &[(0, 0, 2.0), (0, 1, 4.0)]);
        let c = t((1, 1), &[(0, 0, 3.0)]);
        let ms = MatrixSystem::from_triplets(&a, &b, &c, vec![1.0, 0.0], None).unwrap();
        let lca = Lca::new(ms.system, ms.characterization).unwrap();
        let r = lca.lcia(lca.lci(&ms.demand).unwrap());
        assert_eq!(r.scores, vec![12.0]);
    }

    #[test]
    fn names_the_matrix_at_fault() {
        let a = t((2, 2), &[(0, 0, 1.0)]);
        let b = t((1, 2), &[]);
        let c = t((1, 1), &[]);
        let e = MatrixSystem::from_triplets(&a, &b, &c, vec![1.0, 0.0], None).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Singular);
        assert!(e.to_string().contains("process 1 has no diagonal"), "{e}");
        let e = MatrixSystem::from_triplets(&a, &t((1, 3), &[]), &c, vec![1.0, 0.0], None).unwrap_err();
        assert!(e.to_string().contains("B has 3 columns"), "{e}");
    }
}
