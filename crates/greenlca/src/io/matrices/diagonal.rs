//! The diagonal of a technology matrix read from files: every process needs a non-zero production
//! entry. Duplicate entries add up (as they do in A), so duplicates that cancel count as zero;
//! an LU with pivoting would otherwise solve round the zero and give negative impacts.

use std::path::Path;

use crate::error::{Collector, Error, ErrorKind, Location};
use crate::matrix::Entries;

/// Reports each process of `a` (n x n) whose diagonal is missing or sums to zero; `file` is the
/// technosphere file and `missing_hint` says how to add the entry of a process in it.
pub(crate) fn check_diagonal(
    a: &Entries,
    n: usize,
    file: &Path,
    missing_hint: &dyn Fn(usize) -> String,
    problems: &mut Collector,
) {
    let mut diag: Vec<Option<f64>> = vec![None; n];
    for k in 0..a.len() {
        if a.rows[k] == a.cols[k] && a.rows[k] < n {
            *diag[a.rows[k]].get_or_insert(0.0) += a.values[k];
        }
    }
    let bad: Vec<(usize, Option<f64>)> =
        diag.iter().enumerate().filter(|(_, d)| d.is_none_or(|v| v == 0.0)).map(|(j, d)| (j, *d)).collect();
    // A mass of identical problems is one line, not one per process.
    for &(j, d) in bad.iter().take(20) {
        let (message, hint) = match d {
            None => (format!("process {j} has no diagonal (production) entry"), missing_hint(j)),
            Some(_) => (
                format!("process {j} has a diagonal (production) entry of zero (its entries on the diagonal are zero or cancel out)"),
                "give the process a non-zero production amount: a zero diagonal makes the system singular or its results negative".to_string(),
            ),
        };
        problems.push(Error::new(
            ErrorKind::Singular,
            Location::file(file).with_entity(format!("process {j}")),
            message,
            hint,
        ));
    }
    if bad.len() > 20 {
        problems.push(Error::new(
            ErrorKind::Singular,
            Location::file(file),
            format!("... and {} more processes without a non-zero diagonal entry", bad.len() - 20),
            "every process needs a non-zero production entry on the diagonal",
        ));
    }
}
