//! Restarted GMRES(m), right-preconditioned, the inner solver of [`SolverKind::Gmres`]
//! (a candidate against BiCGSTAB: one product with A and one preconditioner solve per step, but
//! `m` stored vectors and a growing orthogonalization).
//!
//! Modified Gram-Schmidt with Givens rotations (Saad, "Iterative Methods for Sparse Linear
//! Systems", 2nd ed., algorithm 6.9 with right preconditioning, section 9.3.2). Every reduction is
//! a sequential loop in index order, so the bits do not depend on the thread count.
//!
//! [`SolverKind::Gmres`]: super::SolverKind::Gmres

use super::krylov::Operator;

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).fold(0.0, |s, (x, y)| s + x * y)
}

/// GMRES(`restart`) for `A d = r` from `d = 0` until the 2-norm of the least-squares residual
/// (an upper bound of its infinity norm) is at most `abs_tol` or `max_steps` Arnoldi steps in
/// all; returns the steps taken.
pub(crate) fn gmres(
    op: &Operator<'_>,
    r0: &[f64],
    d: &mut [f64],
    abs_tol: f64,
    max_steps: usize,
    restart: usize,
) -> usize {
    let n = r0.len();
    let m = restart.max(1);
    let mut r = r0.to_vec();
    let mut w = vec![0.0; n];
    let mut z = vec![0.0; n];
    let mut basis: Vec<Vec<f64>> = Vec::with_capacity(m + 1);
    // Hessenberg columns, rotations (c, s) and the rotated right-hand side g.
    let mut h = vec![vec![0.0; m + 1]; m];
    let (mut cs, mut sn, mut g) = (vec![0.0; m], vec![0.0; m], vec![0.0; m + 1]);
    let mut steps = 0;
    loop {
        let beta = dot(&r, &r).sqrt();
        if beta <= abs_tol || !beta.is_finite() || steps >= max_steps {
            return steps;
        }
        basis.clear();
        basis.push(r.iter().map(|v| v / beta).collect());
        g.iter_mut().for_each(|v| *v = 0.0);
        g[0] = beta;
        let mut k = 0;
        while k < m && steps < max_steps {
            z.copy_from_slice(&basis[k]);
            (op.precond)(&mut z);
            (op.mul)(&z, &mut w);
            steps += 1;
            for (i, v) in basis.iter().enumerate() {
                let hik = dot(&w, v);
                h[k][i] = hik;
                w.iter_mut().zip(v).for_each(|(wj, vj)| *wj -= hik * vj);
            }
            let hnext = dot(&w, &w).sqrt();
            h[k][k + 1] = hnext;
            for i in 0..k {
                let (a, b) = (h[k][i], h[k][i + 1]);
                h[k][i] = cs[i] * a + sn[i] * b;
                h[k][i + 1] = -sn[i] * a + cs[i] * b;
            }
            let (a, b) = (h[k][k], h[k][k + 1]);
            let rho = a.hypot(b);
            if rho == 0.0 || !rho.is_finite() {
                break; // breakdown: keep what the earlier columns give
            }
            (cs[k], sn[k]) = (a / rho, b / rho);
            h[k][k] = rho;
            h[k][k + 1] = 0.0;
            g[k + 1] = -sn[k] * g[k];
            g[k] *= cs[k];
            k += 1;
            // A happy breakdown (hnext = 0) means the solution is in the space already.
            if g[k].abs() <= abs_tol || hnext == 0.0 {
                break;
            }
            basis.push(w.iter().map(|v| v / hnext).collect());
        }
        if k == 0 {
            return steps;
        }
        // y from the triangular system, then d += M^-1 (V y).
        let mut y = g[..k].to_vec();
        for i in (0..k).rev() {
            let s = ((i + 1)..k).fold(y[i], |s, j| s - h[j][i] * y[j]);
            y[i] = s / h[i][i];
        }
        z.iter_mut().for_each(|v| *v = 0.0);
        for (v, yi) in basis.iter().zip(&y) {
            z.iter_mut().zip(v).for_each(|(zj, vj)| *zj += yi * vj);
        }
        (op.precond)(&mut z);
        d.iter_mut().zip(&z).for_each(|(di, zi)| *di += zi);
        // The true residual of the correction for the next cycle (the recurrence would drift).
        (op.mul)(d, &mut w);
        r.iter_mut().zip(r0.iter().zip(&w)).for_each(|(ri, (r0i, wi))| *ri = r0i - wi);
        if g[k].abs() <= abs_tol {
            return steps;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn op3<'a>(mul: &'a dyn Fn(&[f64], &mut [f64]), precond: &'a dyn Fn(&mut [f64])) -> Operator<'a> {
        Operator { mul, precond, norm: 6.0 }
    }

    #[test]
    fn solves_a_nonsymmetric_system_within_n_steps() {
        // A = [[4, -1, 0], [-2, 5, -1], [0, -3, 6]], d = [1, 2, 3] by hand: A d = [2, 5, 12].
        let a = [[4.0, -1.0, 0.0], [-2.0, 5.0, -1.0], [0.0, -3.0, 6.0]];
        let mul = |x: &[f64], y: &mut [f64]| {
            for i in 0..3 {
                y[i] = (0..3).map(|j| a[i][j] * x[j]).sum();
            }
        };
        let none = |_: &mut [f64]| {};
        let mut d = [0.0; 3];
        let steps = gmres(&op3(&mul, &none), &[2.0, 5.0, 12.0], &mut d, 1e-13, 50, 30);
        assert!(steps <= 3, "{steps}");
        for (di, e) in d.iter().zip([1.0, 2.0, 3.0]) {
            assert!((di - e).abs() < 1e-12, "{d:?}");
        }
        // Restarted every step it still gets there, in more steps.
        let mut d = [0.0; 3];
        let steps = gmres(&op3(&mul, &none), &[2.0, 5.0, 12.0], &mut d, 1e-13, 200, 1);
        assert!(steps > 3 && (d[2] - 3.0).abs() < 1e-12, "{steps} {d:?}");
    }

    #[test]
    fn stops_at_its_step_cap() {
        let a = [[1.0, 3.0], [-3.0, 1.0]];
        let mul = |x: &[f64], y: &mut [f64]| {
            for i in 0..2 {
                y[i] = a[i][0] * x[0] + a[i][1] * x[1];
            }
        };
        let none = |_: &mut [f64]| {};
        let mut d = [0.0; 2];
        assert_eq!(gmres(&op3(&mul, &none), &[1.0, 0.0], &mut d, 0.0, 1, 30), 1);
    }
}
