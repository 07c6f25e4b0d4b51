//! Restarted GMRES with the ILU(0) preconditioner (`SolverKind::Gmres`, `--solver gmres`) against
//! the dense LU and SciPy, as the BiCGSTAB tests do: solves, transposed solves, draws that keep
//! the base preconditioner, and the fallback to the direct LU.

use crate::common;

use common::matrices::{GenOptions, dense_solve, lca_matrix, perturb, rel_diff, rhs};
use common::shared;
use greenlca::io::matrices::read_exchange_folder;
use greenlca::solve::{SolverKind, SolverOptions, krylov_steps};
use proptest::prelude::*;

use crate::solver_iterative::{SCIPY, check, factor, generate, peer_python, py};

fn gmres() -> SolverOptions {
    SolverOptions { kind: SolverKind::Gmres, ..SolverOptions::default() }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn gmres_equals_dense_on_random_lca_systems(
        seed in any::<u64>(),
        n in 1usize..80,
        p_back in 0.0f64..0.4,
        inputs in 1usize..8,
        restart in 1usize..40,
    ) {
        let a = lca_matrix(seed, GenOptions { n, inputs, p_back, ..GenOptions::new(n) });
        let f = factor(&a, &SolverOptions { gmres_restart: restart, ..gmres() });
        check(&a, f.as_ref(), &rhs(seed, n));
    }

    #[test]
    fn a_gmres_draw_with_the_base_preconditioner_equals_dense(seed in any::<u64>(), n in 2usize..60) {
        let a = lca_matrix(seed, GenOptions { p_back: 0.3, ..GenOptions::new(n) });
        let a2 = perturb(&a, seed.wrapping_add(1), 0.3);
        let mut f = factor(&a, &gmres());
        f.refactorize(a2.view()).unwrap();
        check(&a2, f.as_ref(), &rhs(seed, n));
        // Started from the base system's solution: the same answer.
        let b = rhs(seed, n);
        let start = factor(&a, &gmres()).solve_checked(a.view(), &b).unwrap();
        let x = f.solve_checked_from(a2.view(), &b, &start).unwrap();
        prop_assert!(rel_diff(&x, &dense_solve(&a2, &b, false)) < 1e-10);
    }
}

#[test]
fn gmres_over_its_step_cap_falls_back_with_a_note() {
    let n = 60;
    let a = lca_matrix(5, GenOptions { p_back: 0.4, inputs: 6, ..GenOptions::new(n) });
    let capped = SolverOptions { max_iterations: 0, ..gmres() };
    let b = rhs(5, n);
    assert_eq!(krylov_steps(a.view(), &capped, &b, false).unwrap(), None);
    let f = factor(&a, &capped);
    check(&a, f.as_ref(), &b);
    let notes = f.notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("2 solve(s) did not reach") && notes[0].contains("GMRES"), "{notes:?}");
    let (steps, be) = krylov_steps(a.view(), &gmres(), &b, false).unwrap().unwrap();
    assert!(steps <= 60 && be <= 1e-15, "{steps} {be:e}");
}

#[test]
fn gmres_solves_equal_scipy_on_the_three_families() {
    let Some(peers) = shared("peers") else { return };
    let Some(python) = peer_python() else { return };
    let tmp = tempfile::tempdir().unwrap();
    for structure in ["local", "tiered", "random"] {
        let (mtx, csv) = generate(&python, &peers, tmp.path(), structure, 2500, false);
        let ms = read_exchange_folder(&csv).unwrap();
        let a = ms.system.a_matrix();
        let lines = String::from_utf8(py(&python, &["-c", SCIPY, mtx.to_str().unwrap()])).unwrap();
        let mut sol = lines.lines().map(|l| l.split(' ').map(|v| v.parse::<f64>().unwrap()).collect::<Vec<_>>());
        let (xs, ys) = (sol.next().unwrap(), sol.next().unwrap());
        let f = factor(&a, &gmres());
        let x = f.solve_checked(a.view(), &ms.demand).unwrap();
        let y = f.solve_transpose_checked(a.view(), &ms.demand).unwrap();
        assert!(rel_diff(&x, &xs) < 1e-10, "{structure}: supply differs from SciPy by {:e}", rel_diff(&x, &xs));
        assert!(rel_diff(&y, &ys) < 1e-10, "{structure}: transposed solve differs from SciPy");
        assert!(f.notes().is_empty(), "{structure}: {:?}", f.notes());
    }
}
