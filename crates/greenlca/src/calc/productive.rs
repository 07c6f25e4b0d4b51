//! Detects a non-productive loop: a cycle of processes that consumes more of its own products
//! than it makes, which LU solves without complaint into negative supplies and impacts.
//!
//! The test (docs/formats.md, "Productive systems") applies to systems of the Leontief sign
//! pattern, where every off-diagonal entry of A has the opposite sign of its column's diagonal (no
//! co-product credits, avoided products or waste outputs). Scaled by its diagonal such an A is
//! I - M with M >= 0, and it is productive exactly when some x > 0 has (I - M) x > 0 (a
//! nonsingular M-matrix); then (I - M)^-1 = I + M + M^2 + ... >= I. So the solution y of
//! (A D^-1) y = 1 is >= 1 everywhere when the system is productive, and has an entry <= 0 when it
//! is not: one solve decides (x = A^-1 1, then y = D x; the diagonal may be negative for a waste
//! treatment, the scaling takes its sign along).

use sprs::CsMat;

use crate::error::{Error, ErrorKind, Location, Result};
use crate::matrix::TechSystem;
use crate::solve::Factorization;

/// Whether A (CSC) has the Leontief sign pattern, with its diagonal when it has.
fn leontief_diagonal(a: &CsMat<f64>) -> Option<Vec<f64>> {
    let n = a.cols();
    let mut diag = vec![0.0; n];
    for (j, col) in a.outer_iterator().enumerate() {
        for (i, &v) in col.iter() {
            if i == j {
                diag[j] += v;
            }
        }
    }
    for (j, col) in a.outer_iterator().enumerate() {
        for (i, &v) in col.iter() {
            if i != j && v != 0.0 && (diag[j] == 0.0 || v.signum() == diag[j].signum()) {
                return None;
            }
        }
    }
    Some(diag)
}

/// An error naming the processes of a loop that consumes more than it makes, if `a` has one.
pub(crate) fn check_productive(a: &CsMat<f64>, lu: &dyn Factorization, system: &TechSystem) -> Result<()> {
    if !a.is_csc() {
        return Ok(());
    }
    let Some(diag) = leontief_diagonal(a) else { return Ok(()) };
    // A x = 1 gives y = D x with (A D^-1) y = 1.
    let mut x = vec![1.0; diag.len()];
    lu.solve_in_place(&mut x);
    // Below 0.5 (or NaN) where a productive system gives at least 1.
    let short: Vec<usize> = (0..x.len()).filter(|&j| (diag[j] * x[j]).is_nan() || diag[j] * x[j] < 0.5).collect();
    if short.is_empty() {
        return Ok(());
    }
    let mut names: Vec<String> = short.iter().take(10).map(|&j| format!("`{}`", system.columns[j].id)).collect();
    if short.len() > 10 {
        names.push(format!("and {} more", short.len() - 10));
    }
    Err(Error::new(
        ErrorKind::Singular,
        Location::entity(format!("process `{}`", system.columns[short[0]].id)),
        format!(
            "the system is not productive: a loop through {} consumes more of its products than it makes, so supplies and impacts would come out negative",
            names.join(", ")
        ),
        "check the amounts of the inputs these processes take from each other (units, per-unit basis): around every loop the product made must exceed the product used",
    ))
}
