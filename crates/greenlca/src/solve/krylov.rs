//! Right-preconditioned BiCGSTAB (or GMRES(m), [`Method`]) inside an iterative-refinement loop
//! on the true residual.
//!
//! Every reduction is a sequential loop in index order, so a solve gives the same bits whatever
//! the number of threads. Convergence is judged on the true normwise backward error
//! `||b - A x||_inf / (||A||_inf ||x||_inf + ||b||_inf)`, not on BiCGSTAB's recurrence.

/// The matrix and preconditioner seen by the iteration.
pub(crate) struct Operator<'a> {
    /// `y = A x`.
    pub(crate) mul: &'a dyn Fn(&[f64], &mut [f64]),
    /// `z = M^-1 z` in place.
    pub(crate) precond: &'a dyn Fn(&mut [f64]),
    /// `||A||_inf` of the operator (for the backward error).
    pub(crate) norm: f64,
}

/// How a solve ended.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Outcome {
    /// Steps taken (BiCGSTAB: two products with A and two preconditioner solves each; GMRES:
    /// one of each).
    pub(crate) iterations: usize,
    /// Final normwise backward error.
    pub(crate) backward_error: f64,
    /// Whether the backward error reached the tolerance.
    pub(crate) converged: bool,
}

/// The Krylov method run on each refinement step's correction equation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Method {
    /// BiCGSTAB: each step two products with A and two preconditioner solves.
    BiCgStab,
    /// GMRES restarted every `m` steps: each step one product and one preconditioner solve. Its
    /// step budget is twice BiCGSTAB's, so that both may do the same work.
    Gmres(usize),
}

fn dot(a: &[f64], b: &[f64]) -> f64 {
    a.iter().zip(b).fold(0.0, |s, (x, y)| s + x * y)
}

fn inf(v: &[f64]) -> f64 {
    v.iter().fold(0.0f64, |m, x| if x.is_nan() || m.is_nan() { f64::NAN } else { m.max(x.abs()) })
}

/// Solves `A x = b`, `x` holding the starting guess on entry. Stops when the backward error is at
/// most `tol`, or after `max_iter` steps of `method` in all, or when refinement stops helping.
pub(crate) fn solve(op: &Operator<'_>, b: &[f64], x: &mut [f64], tol: f64, max_iter: usize, method: Method) -> Outcome {
    let max_iter = match method {
        Method::BiCgStab => max_iter,
        Method::Gmres(_) => max_iter.saturating_mul(2),
    };
    let n = b.len();
    let nb = inf(b);
    let mut r = vec![0.0; n];
    let mut d = vec![0.0; n];
    let mut used = 0;
    let mut last = f64::INFINITY;
    loop {
        (op.mul)(x, &mut r);
        r.iter_mut().zip(b).for_each(|(ri, bi)| *ri = bi - *ri);
        let scale = op.norm * inf(x) + nb;
        let be = if inf(&r) == 0.0 { 0.0 } else { inf(&r) / scale };
        let converged = be <= tol;
        // Refinement that no longer halves the error is stagnation: give up rather than loop.
        if converged || !be.is_finite() || used >= max_iter || be > 0.5 * last {
            return Outcome { iterations: used, backward_error: be, converged };
        }
        last = be;
        d.iter_mut().for_each(|v| *v = 0.0);
        used += match method {
            Method::BiCgStab => bicgstab(op, &r, &mut d, 0.5 * tol * scale, max_iter - used),
            Method::Gmres(m) => super::gmres::gmres(op, &r, &mut d, 0.5 * tol * scale, max_iter - used, m),
        };
        x.iter_mut().zip(&d).for_each(|(xi, di)| *xi += di);
    }
}

/// BiCGSTAB for `A d = r` from `d = 0` until the recurrence residual's infinity norm is at most
/// `abs_tol` or `max_iter` steps; returns the steps taken.
fn bicgstab(op: &Operator<'_>, r0: &[f64], d: &mut [f64], abs_tol: f64, max_iter: usize) -> usize {
    let n = r0.len();
    let mut r = r0.to_vec();
    let rhat = r0.to_vec();
    let (mut p, mut v) = (vec![0.0; n], vec![0.0; n]);
    let (mut phat, mut shat, mut t) = (vec![0.0; n], vec![0.0; n], vec![0.0; n]);
    let (mut rho, mut alpha, mut omega) = (1.0, 1.0, 1.0);
    for it in 0..max_iter {
        let rho_new = dot(&rhat, &r);
        if rho_new == 0.0 || !rho_new.is_finite() {
            return it;
        }
        let beta = (rho_new / rho) * (alpha / omega);
        rho = rho_new;
        for i in 0..n {
            p[i] = r[i] + beta * (p[i] - omega * v[i]);
        }
        phat.copy_from_slice(&p);
        (op.precond)(&mut phat);
        (op.mul)(&phat, &mut v);
        let den = dot(&rhat, &v);
        if den == 0.0 || !den.is_finite() {
            return it;
        }
        alpha = rho / den;
        // r becomes s = r - alpha v.
        r.iter_mut().zip(&v).for_each(|(ri, vi)| *ri -= alpha * vi);
        d.iter_mut().zip(&phat).for_each(|(di, pi)| *di += alpha * pi);
        if inf(&r) <= abs_tol {
            return it + 1;
        }
        shat.copy_from_slice(&r);
        (op.precond)(&mut shat);
        (op.mul)(&shat, &mut t);
        let tt = dot(&t, &t);
        if tt == 0.0 || !tt.is_finite() {
            return it + 1;
        }
        omega = dot(&t, &r) / tt;
        d.iter_mut().zip(&shat).for_each(|(di, si)| *di += omega * si);
        r.iter_mut().zip(&t).for_each(|(ri, ti)| *ri -= omega * ti);
        if inf(&r) <= abs_tol || omega == 0.0 {
            return it + 1;
        }
    }
    max_iter
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn converges_on_a_diagonally_dominant_system_with_jacobi() {
        // A = [[4, -1, 0], [-1, 4, -1], [0, -1, 4]], b = A [1, 2, 3].
        let a = [[4.0, -1.0, 0.0], [-1.0, 4.0, -1.0], [0.0, -1.0, 4.0]];
        let mul = |x: &[f64], y: &mut [f64]| {
            for i in 0..3 {
                y[i] = (0..3).map(|j| a[i][j] * x[j]).sum();
            }
        };
        let precond = |z: &mut [f64]| z.iter_mut().for_each(|v| *v /= 4.0);
        let op = Operator { mul: &mul, precond: &precond, norm: 6.0 };
        let b = [2.0, 4.0, 10.0];
        let mut x = [0.0; 3];
        let out = solve(&op, &b, &mut x, 1e-15, 50, Method::BiCgStab);
        assert!(out.converged, "{out:?}");
        for (xi, e) in x.iter().zip([1.0, 2.0, 3.0]) {
            assert!((xi - e).abs() < 1e-14);
        }
    }

    #[test]
    fn gives_up_within_its_iteration_cap() {
        let a = [[1.0, 3.0], [-3.0, 1.0]];
        let mul = |x: &[f64], y: &mut [f64]| {
            for i in 0..2 {
                y[i] = a[i][0] * x[0] + a[i][1] * x[1];
            }
        };
        let precond = |_: &mut [f64]| {};
        let op = Operator { mul: &mul, precond: &precond, norm: 4.0 };
        let mut x = [0.0; 2];
        let out = solve(&op, &[1.0, 0.0], &mut x, 1e-15, 1, Method::BiCgStab);
        assert!(!out.converged);
        assert!(out.iterations <= 1);
    }
}
