//! The Krylov family (BiCGSTAB + ILU(0), `SolverKind::Iterative`) against the dense LU, SciPy and
//! Brightway: solves and transposed solves, the fallback to the direct LU, and Monte Carlo draws
//! that keep the base preconditioner, bit-identical at any thread count.

use crate::common;

use std::path::{Path, PathBuf};
use std::process::Command;

use common::matrices::{GenOptions, dense_solve, lca_matrix, perturb, rel_diff, rhs, shuffled_rows};
use common::{assert_close, shared};
use greenlca::calc::Lca;
use greenlca::io::matrices::read_exchange_folder;
use greenlca::solve::{Factorization, SolverKind, SolverOptions, analyze, krylov_steps, relative_residual};
use proptest::prelude::*;
use sprs::CsMat;

fn iterative() -> SolverOptions {
    SolverOptions { kind: SolverKind::Iterative, ..SolverOptions::default() }
}

pub(crate) fn factor(a: &CsMat<f64>, o: &SolverOptions) -> Box<dyn Factorization> {
    analyze(a.view(), o).unwrap().factorize(a.view()).unwrap()
}

/// Both directions against the dense LU, and the backward error near machine precision.
pub(crate) fn check(a: &CsMat<f64>, f: &dyn Factorization, b: &[f64]) {
    let x = f.solve_checked(a.view(), b).unwrap();
    assert!(rel_diff(&x, &dense_solve(a, b, false)) < 1e-10, "{}", rel_diff(&x, &dense_solve(a, b, false)));
    assert!(relative_residual(a.view(), &x, b) <= 1e-14);
    let y = f.solve_transpose_checked(a.view(), b).unwrap();
    assert!(rel_diff(&y, &dense_solve(a, b, true)) < 1e-10, "{}", rel_diff(&y, &dense_solve(a, b, true)));
    assert!(greenlca::solve::relative_residual_transpose(a.view(), &y, b) <= 1e-14);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn iterative_equals_dense_on_random_lca_systems(
        seed in any::<u64>(),
        n in 1usize..80,
        p_back in 0.0f64..0.4,
        inputs in 1usize..8,
    ) {
        let a = lca_matrix(seed, GenOptions { n, inputs, p_back, ..GenOptions::new(n) });
        let f = factor(&a, &iterative());
        check(&a, f.as_ref(), &rhs(seed, n));
    }

    #[test]
    fn a_draw_with_the_base_preconditioner_equals_dense(seed in any::<u64>(), n in 2usize..60) {
        let a = lca_matrix(seed, GenOptions { p_back: 0.3, ..GenOptions::new(n) });
        let a2 = perturb(&a, seed.wrapping_add(1), 0.3);
        let mut f = factor(&a, &iterative());
        f.refactorize(a2.view()).unwrap();
        check(&a2, f.as_ref(), &rhs(seed, n));
    }

    /// Rows shuffled, tiny diagonals: ILU(0) is useless or breaks down; whatever the iteration
    /// does, the answer is right (converged, or solved again by the direct LU with a note).
    #[test]
    fn a_useless_preconditioner_still_gives_the_right_answer(seed in any::<u64>(), n in 3usize..50) {
        let a = shuffled_rows(seed, GenOptions { p_back: 0.2, ..GenOptions::new(n) });
        let b = rhs(seed, n);
        let f = factor(&a, &iterative());
        let x = f.solve_checked(a.view(), &b).unwrap();
        prop_assert!(rel_diff(&x, &dense_solve(&a, &b, false)) < 1e-7);
        let converged = krylov_steps(a.view(), &iterative(), &b, false).unwrap().is_some();
        prop_assert_eq!(converged, f.notes().is_empty(), "notes {:?}", f.notes());
    }
}

#[test]
fn a_solve_over_its_iteration_cap_falls_back_with_a_note() {
    let n = 60;
    let a = lca_matrix(5, GenOptions { p_back: 0.4, inputs: 6, ..GenOptions::new(n) });
    let capped = SolverOptions { max_iterations: 0, ..iterative() };
    let b = rhs(5, n);
    assert_eq!(krylov_steps(a.view(), &capped, &b, false).unwrap(), None);
    let f = factor(&a, &capped);
    assert!(f.notes().is_empty());
    check(&a, f.as_ref(), &b);
    let notes = f.notes();
    assert_eq!(notes.len(), 1, "{notes:?}");
    assert!(notes[0].starts_with("2 solve(s) did not reach"), "{notes:?}");
    // The uncapped solver converges on the same system in a few steps.
    let (steps, be) = krylov_steps(a.view(), &iterative(), &b, false).unwrap().unwrap();
    assert!(steps <= 30 && be <= 1e-15, "{steps} {be:e}");
}

#[test]
fn auto_takes_the_lu_below_its_threshold_and_iterates_above() {
    let a = lca_matrix(9, GenOptions { p_back: 0.4, inputs: 6, ..GenOptions::new(200) });
    let b = rhs(9, 200);
    let lu = factor(&a, &SolverOptions { kind: SolverKind::BtfLu, ..SolverOptions::default() });
    let auto = factor(&a, &SolverOptions::default());
    assert_eq!(lu.solve_checked(a.view(), &b).unwrap(), auto.solve_checked(a.view(), &b).unwrap());
    let low = factor(&a, &SolverOptions { iterative_min_block: 2, ..SolverOptions::default() });
    let it = factor(&a, &iterative());
    assert_eq!(low.solve_checked(a.view(), &b).unwrap(), it.solve_checked(a.view(), &b).unwrap());
}

pub(crate) fn peer_python() -> Option<PathBuf> {
    match std::env::var_os("GREENLCA_PEER_PYTHON").map(PathBuf::from) {
        Some(p) if p.exists() => Some(p),
        _ if std::env::var("GREENLCA_REQUIRE_SHARED_DATA").is_ok_and(|v| v == "1") => {
            panic!("GREENLCA_PEER_PYTHON must name a Python with bw2calc and scipy (see ../shared/peers/README.md)")
        }
        _ => {
            eprintln!("skipping: GREENLCA_PEER_PYTHON is not set");
            None
        }
    }
}

pub(crate) fn py(py: &Path, args: &[&str]) -> Vec<u8> {
    let out = Command::new(py).args(args).output().unwrap();
    assert!(out.status.success(), "{:?}: {}", args, String::from_utf8_lossy(&out.stderr));
    out.stdout
}

/// A `gen_lca_mtx.py` system of `structure` and its triplet CSV folder (`--no-uncertainty` or not).
pub(crate) fn generate(
    py_: &Path,
    peers: &Path,
    out: &Path,
    structure: &str,
    n: usize,
    uncertain: bool,
) -> (PathBuf, PathBuf) {
    let mtx = out.join(format!("mtx-{structure}"));
    let csv = out.join(format!("csv-{structure}"));
    let mut args = vec![
        peers.join("gen_lca_mtx.py").display().to_string(),
        n.to_string(),
        mtx.display().to_string(),
        "--seed".into(),
        "3".into(),
        "--structure".into(),
        structure.into(),
        "--m".into(),
        "300".into(),
    ];
    if structure == "local" {
        args.extend(["--p-back", "0.002", "--p-hubcol-any", "0.2"].map(String::from));
    }
    py(py_, &args.iter().map(String::as_str).collect::<Vec<_>>());
    let conv = common::root().join("benches/mtx_to_folder.py").display().to_string();
    let mut cargs = vec![conv.as_str(), mtx.to_str().unwrap(), csv.to_str().unwrap()];
    if !uncertain {
        cargs.push("--no-uncertainty");
    }
    py(py_, &cargs);
    (mtx, csv)
}

/// SciPy's `spsolve` of A x = b and A^T y = b (b the first demand of rhs.mtx).
pub(crate) const SCIPY: &str = r#"
import sys, numpy as np, scipy.io, scipy.sparse as sp, scipy.sparse.linalg as sl
d = sys.argv[1]
A = sp.csc_matrix(scipy.io.mmread(d + "/A.mtx"))
r = scipy.io.mmread(d + "/rhs.mtx")
b = (r.toarray() if sp.issparse(r) else np.asarray(r))[:, 0]
for v in (sl.spsolve(A, b), sl.spsolve(sp.csc_matrix(A.T), b)):
    print(" ".join(repr(float(x)) for x in v))
"#;

#[test]
fn scores_and_solves_equal_scipy_and_brightway_on_the_three_families() {
    let Some(peers) = shared("peers") else { return };
    let Some(python) = peer_python() else { return };
    let tmp = tempfile::tempdir().unwrap();
    for structure in ["local", "tiered", "random"] {
        let (mtx, csv) = generate(&python, &peers, tmp.path(), structure, 2500, false);
        let ms = read_exchange_folder(&csv).unwrap();
        let a = ms.system.a_matrix();
        let demand = ms.demand.clone();
        let lines = String::from_utf8(py(&python, &["-c", SCIPY, mtx.to_str().unwrap()])).unwrap();
        let mut sol = lines.lines().map(|l| l.split(' ').map(|v| v.parse::<f64>().unwrap()).collect::<Vec<_>>());
        let (xs, ys) = (sol.next().unwrap(), sol.next().unwrap());
        let f = factor(&a, &iterative());
        let x = f.solve_checked(a.view(), &demand).unwrap();
        let y = f.solve_transpose_checked(a.view(), &demand).unwrap();
        assert!(rel_diff(&x, &xs) < 1e-10, "{structure}: supply differs from SciPy by {:e}", rel_diff(&x, &xs));
        assert!(rel_diff(&y, &ys) < 1e-10, "{structure}: transposed solve differs from SciPy");
        assert!(f.notes().is_empty(), "{structure}: {:?}", f.notes());

        let bw: serde_json::Value = serde_json::from_slice(&py(
            &python,
            &[peers.join("peer_brightway.py").to_str().unwrap(), csv.to_str().unwrap(), "--threads", "1"],
        ))
        .unwrap();
        let lca = Lca::with_options(ms.system.clone(), ms.characterization.clone(), &iterative()).unwrap();
        let r = lca.lcia(lca.lci(&demand).unwrap());
        for (k, v) in bw["scores"].as_object().unwrap() {
            assert_close(r.scores[k.parse::<usize>().unwrap()], v.as_f64().unwrap(), 1e-11);
        }
    }
}

#[test]
fn monte_carlo_with_the_iterative_draw_path_is_the_same_at_any_thread_count_and_split() {
    let Some(peers) = shared("peers") else { return };
    let Some(python) = peer_python() else { return };
    let tmp = tempfile::tempdir().unwrap();
    // 2,500 processes in one loop: `auto` takes the Krylov family.
    let (_, csv) = generate(&python, &peers, tmp.path(), "local", 2500, true);
    let dir = csv.display().to_string();
    let run = |threads: &str, extra: &[&str]| {
        let mut args =
            vec!["--threads", threads, "mc", "--matrices", &dir, "-n", "12", "--seed", "4", "--format", "json"];
        args.extend_from_slice(extra);
        let (code, out, err) = common::run(&args);
        assert_eq!(code, 0, "{err}");
        assert!(!err.contains("solver:"), "{err}");
        out
    };
    let one = run("1", &[]);
    assert_eq!(one, run("2", &[]));
    let mut parts = Vec::new();
    for k in 0..2 {
        let p = tmp.path().join(format!("part-{k}.json")).display().to_string();
        run("2", &["--shard", &format!("{k}/2"), "--out", &p]);
        parts.push(p);
    }
    let (code, merged, err) = common::run(&["merge", "--format", "json", &parts[1], &parts[0]]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(merged, one);
}

#[test]
fn the_command_line_solver_choice_gives_the_same_scores() {
    let Some(case) = shared("peers/cases/bw2calc_multiple_cf") else { return };
    let dir = case.display().to_string();
    let scores = |solver: &str| {
        let (code, out, err) = common::run(&["calc", "--matrices", &dir, "--solver", solver, "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        assert!(!err.contains("solver:"), "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["scores"].as_array().unwrap().iter().map(|s| s["total"].as_f64().unwrap()).collect::<Vec<_>>()
    };
    let lu = scores("lu");
    assert!(!lu.is_empty());
    for solver in ["iterative", "auto"] {
        for (a, b) in scores(solver).iter().zip(&lu) {
            assert_close(*a, *b, 1e-12);
        }
    }
    let (code, _, err) = common::run(&["calc", "--matrices", &dir, "--solver", "fast"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--solver"), "{err}");
}
