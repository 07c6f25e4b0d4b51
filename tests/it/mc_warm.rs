//! Monte Carlo draws solved iteratively: started from the base system's supply (warm start) they
//! equal the cold-started draws and stay bit-identical at any thread count and shard split; draws
//! that fall back to the direct LU are counted in the output and told as a warning.

use crate::common;

use std::fmt::Write as _;
use std::path::Path;
use std::sync::Arc;

use common::matrices::{GenOptions, lca_matrix};
use greenlca::Silent;
use greenlca::io::matrices::read_exchange_folder;
use greenlca::report::McReport;
use greenlca::solve::{SolverKind, SolverOptions, analyze};
use greenlca::uncertainty::{BackgroundSampler, Draws, McRun, run_matrices_with, run_matrix_system_with};

/// A looped system of `n` processes as a triplet folder with lognormal uncertainty (sd of ln
/// 0.1) on every off-diagonal entry of A and every entry of B and C, as
/// `benches/mtx_to_folder.py` writes it.
fn folder(dir: &Path, seed: u64, n: usize) {
    let a = lca_matrix(seed, GenOptions { p_back: 0.3, inputs: 5, ..GenOptions::new(n) });
    let ln = |x: f64| format!("2,{:?},0.1,,,", x.abs().ln());
    let mut t = String::from("row,col,amount,uncertainty_type,loc,scale,shape,minimum,maximum\n");
    for (&v, (i, j)) in a.iter() {
        let u = if i == j { "0,,,,,".to_string() } else { ln(v) };
        writeln!(t, "{i},{j},{v:?},{u}").unwrap();
    }
    let m = 7;
    let mut b = String::from("row,col,amount,uncertainty_type,loc,scale,shape,minimum,maximum\n");
    for j in 0..n {
        for f in [j % m, (3 * j + 1) % m] {
            let v = 0.5 + ((j * 13 + f * 7) % 17) as f64 / 10.0;
            writeln!(b, "{f},{j},{v:?},{}", ln(v)).unwrap();
        }
    }
    let mut c = String::from("flow,category,factor,uncertainty_type,loc,scale,shape,minimum,maximum\n");
    for f in 0..m {
        for k in 0..2 {
            let v = 1.0 + (f + 3 * k) as f64;
            writeln!(c, "{f},{k},{v:?},{}", ln(v)).unwrap();
        }
    }
    std::fs::write(dir.join("technosphere.csv"), t).unwrap();
    std::fs::write(dir.join("biosphere.csv"), b).unwrap();
    std::fs::write(dir.join("cf.csv"), c).unwrap();
    std::fs::write(dir.join("demand.csv"), format!("process,amount\n{},1.0\n", n - 1)).unwrap();
}

fn iterative() -> SolverOptions {
    SolverOptions { kind: SolverKind::Iterative, ..SolverOptions::default() }
}

fn rel(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs())
}

#[test]
fn warm_started_draws_equal_cold_started_draws() {
    let tmp = tempfile::tempdir().unwrap();
    folder(tmp.path(), 11, 400);
    let ms = read_exchange_folder(tmp.path()).unwrap();
    let system = Arc::new(ms.system.clone());
    for kind in [SolverKind::Iterative, SolverKind::Gmres] {
        let options = SolverOptions { kind, ..SolverOptions::default() };
        let an = analyze(system.a_matrix().view(), &options).unwrap();
        let sampler = BackgroundSampler::new(system.clone(), Arc::new(ms.characterization.clone()), an, None).unwrap();
        let start = sampler.base_supply(&ms.demand).unwrap();
        for i in 0..20 {
            let lca = sampler.lca(3, i).unwrap();
            let cold = lca.lci(&ms.demand).unwrap();
            let steps = lca.lu().krylov_steps_taken();
            assert!(steps > 0, "the cold start iterates");
            let warm = lca.lci_from(&ms.demand, &start).unwrap();
            for (c, w) in lca.lcia(cold.clone()).scores.iter().zip(&lca.lcia(warm).scores) {
                assert!(rel(*c, *w) <= 1e-12, "{kind:?} draw {i}: {c} against {w}");
            }
            // Started from this draw's own solution there is nothing left to do: the start is used.
            let before = lca.lu().krylov_steps_taken();
            lca.lci_from(&ms.demand, &cold.supply).unwrap();
            assert_eq!(lca.lu().krylov_steps_taken(), before, "{kind:?} draw {i}");
        }
    }
}

#[test]
fn warm_started_runs_are_bit_identical_at_any_thread_count_and_split() {
    let tmp = tempfile::tempdir().unwrap();
    folder(tmp.path(), 12, 300);
    let ms = read_exchange_folder(tmp.path()).unwrap();
    let n = 24;
    let run = |threads: usize, range: std::ops::Range<usize>, options: &SolverOptions| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        let mc = McRun { iterations: n, seed: 9, range };
        pool.install(|| run_matrix_system_with(&ms, "t", &mc, options, &Silent)).unwrap().0
    };
    for options in [iterative(), SolverOptions { kind: SolverKind::Gmres, ..SolverOptions::default() }] {
        let one = run(1, 0..n, &options);
        assert_eq!(one, run(2, 0..n, &options));
        assert_eq!(one.solver_fallbacks, 0);
        let parts = vec![run(2, 10..n, &options), run(1, 0..10, &options)];
        assert_eq!(Draws::merge(parts).unwrap(), one);
        // The direct LU gives the same draws to rounding.
        let lu = run(2, 0..n, &SolverOptions { kind: SolverKind::BtfLu, ..SolverOptions::default() });
        for (x, y) in one.values.iter().flatten().zip(lu.values.iter().flatten()) {
            assert!(rel(*x, *y) <= 1e-12, "{x} against {y}");
        }
    }
}

#[test]
fn draws_that_fall_back_are_counted_and_told() {
    let tmp = tempfile::tempdir().unwrap();
    folder(tmp.path(), 13, 200);
    let dir = tmp.path().display().to_string();
    // No Krylov step allowed: every draw's solve falls back to the direct LU.
    let capped = SolverOptions { max_iterations: 0, ..iterative() };
    let n = 12;
    let part = |range: std::ops::Range<usize>| {
        let mc = McRun { iterations: n, seed: 5, range };
        run_matrices_with(tmp.path(), &mc, &capped, &Silent).unwrap()
    };
    let (whole, units) = part(0..n);
    assert_eq!(whole.solver_fallbacks, n);
    let report: serde_json::Value = serde_json::from_str(&McReport::with_units(&whole, &units).to_json()).unwrap();
    assert_eq!(report["solver_fallbacks"], n);
    let warnings = report["warnings"].to_string();
    assert!(warnings.contains("12 of 12 Monte Carlo draws did not converge"), "{warnings}");
    // The exact answer all the same: the direct LU's draws.
    let (lu, _) = run_matrices_with(
        tmp.path(),
        &McRun { iterations: n, seed: 5, range: 0..n },
        &SolverOptions { kind: SolverKind::BtfLu, ..SolverOptions::default() },
        &Silent,
    )
    .unwrap();
    assert_eq!(lu.solver_fallbacks, 0);
    for (x, y) in whole.values.iter().flatten().zip(lu.values.iter().flatten()) {
        assert!(rel(*x, *y) <= 1e-12, "{x} against {y}");
    }

    // Shards add their counts up when merged on the command line, which prints the warning.
    let out = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    for (k, range) in [(0, 0..5), (1, 5..n)] {
        let (d, _) = part(range);
        let p = out.path().join(format!("part-{k}.json"));
        std::fs::write(&p, serde_json::to_string(&d).unwrap()).unwrap();
        files.push(p.display().to_string());
    }
    let (code, out, err) = common::run(&["merge", "--format", "json", &files[1], &files[0]]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: solver: 12 of 12 Monte Carlo draws"), "{err}");
    let merged: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(merged["solver_fallbacks"], n);

    // Without fallbacks the output has no count and no solver warning.
    let (code, out, err) = common::run(&["mc", "--matrices", &dir, "-n", "6", "--solver", "gmres", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("solver:") && !out.contains("solver_fallbacks"), "{err}");
}

#[test]
fn the_mc_solver_choice_gives_the_same_draws() {
    let tmp = tempfile::tempdir().unwrap();
    folder(tmp.path(), 14, 150);
    let dir = tmp.path().display().to_string();
    let means = |solver: &str| {
        let (code, out, err) =
            common::run(&["mc", "--matrices", &dir, "-n", "8", "--solver", solver, "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let run = v["run"].as_str().unwrap().to_string();
        (v["outputs"].as_array().unwrap().iter().map(|o| o["mean"].as_f64().unwrap()).collect::<Vec<_>>(), run)
    };
    let (lu, run_lu) = means("lu");
    assert!(run_lu.ends_with("--solver lu"), "{run_lu}");
    assert_eq!(lu.len(), 2);
    for solver in ["iterative", "gmres", "auto"] {
        let (m, run) = means(solver);
        assert_eq!(run.contains("--solver"), solver != "auto", "{run}");
        for (a, b) in m.iter().zip(&lu) {
            assert!(rel(*a, *b) <= 1e-12, "{solver}: {a} against {b}");
        }
    }
    let (code, _, err) = common::run(&["mc", "fixture.toml", "--solver", "lu"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("--matrices"), "{err}");
}
