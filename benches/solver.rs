//! Sparse solver benchmarks: greenlca's direct LU and its Krylov candidates (BiCGSTAB and
//! GMRES with ILU(0)) against rlu and faer on LCA technology matrices.
//!
//! Cases: USEEIO v1 `I - A` from the shared data folder, and every subfolder of
//! `$GREENLCA_BENCH_DATA` holding `A.mtx` and `A_pert.mtx` (as written by
//! `shared/peers/gen_lca_mtx.py`, e.g. the three families at 20,000 and 100,000 processes; CI
//! does not need them). Missing cases are skipped with a message.
//!
//! faer's sparse LU can take minutes and gigabytes on a large strongly connected block, rlu
//! (no block triangular form) minutes on the DAG-like systems, and greenlca's own direct LU
//! minutes on the `random` family's giant block, so on generated systems each direct solver is
//! first tried once in a child process with a time limit (`GREENLCA_BENCH_PROBE_TIMEOUT`,
//! seconds, default 20) and benchmarked only if it finished.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use criterion::{BenchmarkGroup, Criterion, measurement::WallTime};
use faer::linalg::solvers::Solve;
use faer::sparse::linalg::solvers::{Lu as FaerLu, SymbolicLu as FaerSymbolic};
use faer::sparse::{SparseColMatRef, SymbolicSparseColMatRef};
use greenlca::io::matrices::read_csc;
use greenlca::io::matrices::read_triplets;
use greenlca::solve::{NumericLu, SolverKind, SolverOptions, SymbolicLu, analyze, krylov_steps};
use sprs::{CsMat, TriMat};

/// One benchmark system: base values, perturbed values (same pattern), a demand vector.
struct Case {
    name: String,
    a: CsMat<f64>,
    a_pert: CsMat<f64>,
    b: Vec<f64>,
}

fn main() {
    if let (Ok(which), Ok(dir)) = (std::env::var("GREENLCA_BENCH_PROBE"), std::env::var("GREENLCA_BENCH_PROBE_DIR")) {
        probe(&which, Path::new(&dir));
        return;
    }
    faer::set_global_parallelism(faer::Par::Seq);
    let mut c = Criterion::default()
        .without_plots()
        .sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(2))
        .configure_from_args();
    for (case, dir) in cases() {
        eprintln!("case {}: n {} nnz {}", case.name, case.a.rows(), case.a.nnz());
        let mut g = c.benchmark_group(&case.name);
        if finishes("greenlca", &case, dir.as_deref()) {
            bench_greenlca(&mut g, &case);
        }
        bench_iterative(&mut g, &case, SolverKind::Iterative);
        bench_iterative(&mut g, &case, SolverKind::Gmres);
        if finishes("rlu", &case, dir.as_deref()) {
            bench_rlu(&mut g, &case);
        }
        if finishes("faer", &case, dir.as_deref()) {
            bench_faer(&mut g, &case);
        }
        g.finish();
    }
    c.final_summary();
}

fn bench_greenlca(g: &mut BenchmarkGroup<'_, WallTime>, case: &Case) {
    let sym = SymbolicLu::analyze(case.a.view()).unwrap();
    eprintln!(
        "  greenlca: blocks {} coupled {} largest {}",
        sym.block_count(),
        sym.coupled_block_count(),
        sym.largest_block()
    );
    g.bench_function("greenlca/analyze", |bn| bn.iter(|| SymbolicLu::analyze(case.a.view()).unwrap()));
    g.bench_function("greenlca/factorize", |bn| bn.iter(|| NumericLu::factorize(&sym, case.a.view()).unwrap()));
    let mut lu = NumericLu::factorize(&sym, case.a.view()).unwrap();
    eprintln!("  greenlca: L+U entries {}", lu.factor_nnz());
    g.bench_function("greenlca/refactorize", |bn| bn.iter(|| lu.refactorize(case.a_pert.view()).unwrap()));
    let mut x = case.b.clone();
    g.bench_function("greenlca/solve", |bn| {
        bn.iter(|| {
            x.copy_from_slice(&case.b);
            lu.solve_in_place(&mut x)
        })
    });
    g.bench_function("greenlca/solve_transpose", |bn| {
        bn.iter(|| {
            x.copy_from_slice(&case.b);
            lu.solve_transpose_in_place(&mut x)
        })
    });
}

/// A Krylov candidate (`iterative`: BiCGSTAB, `gmres`: GMRES(30), both with ILU(0)): analysis,
/// ILU(0), solves, and a Monte Carlo draw (new values, the base's preconditioner kept, one solve)
/// started cold and warm (from the base solution).
fn bench_iterative(g: &mut BenchmarkGroup<'_, WallTime>, case: &Case, kind: SolverKind) {
    let opts = SolverOptions { kind, ..SolverOptions::default() };
    let name = kind.as_str();
    for (what, a, t) in
        [("solve", &case.a, false), ("solve_transpose", &case.a, true), ("draw solve", &case.a_pert, false)]
    {
        let steps = if what == "draw solve" {
            // The draw keeps the base's preconditioner: count through a kept-preconditioner solve.
            let base = analyze(case.a.view(), &opts).unwrap().factorize(case.a.view()).unwrap();
            let mut f = base.clone();
            f.refactorize(a.view()).unwrap();
            let x = f.solve_checked(a.view(), &case.b).unwrap();
            format!("notes {:?}, first entry {}", f.notes(), x[0])
        } else {
            format!("{:?}", krylov_steps(a.view(), &opts, &case.b, t).unwrap())
        };
        eprintln!("  {name} {what}: (steps, backward error) {steps}");
    }
    g.bench_function(format!("{name}/analyze"), |bn| bn.iter(|| analyze(case.a.view(), &opts).unwrap()));
    let an = analyze(case.a.view(), &opts).unwrap();
    g.bench_function(format!("{name}/factorize (ILU(0))"), |bn| bn.iter(|| an.factorize(case.a.view()).unwrap()));
    let f = an.factorize(case.a.view()).unwrap();
    let mut x = case.b.clone();
    g.bench_function(format!("{name}/solve"), |bn| {
        bn.iter(|| {
            x.copy_from_slice(&case.b);
            f.solve_in_place(&mut x)
        })
    });
    g.bench_function(format!("{name}/solve_transpose"), |bn| {
        bn.iter(|| {
            x.copy_from_slice(&case.b);
            f.solve_transpose_in_place(&mut x)
        })
    });
    g.bench_function(format!("{name}/draw (refactorize + solve)"), |bn| {
        bn.iter(|| {
            let mut d = f.clone();
            d.refactorize(case.a_pert.view()).unwrap();
            x.copy_from_slice(&case.b);
            d.solve_in_place(&mut x)
        })
    });
    let start = f.solve_checked(case.a.view(), &case.b).unwrap();
    let mut d = f.clone();
    d.refactorize(case.a_pert.view()).unwrap();
    d.solve_from_in_place(&mut case.b.clone(), &start);
    eprintln!("  {name} warm draw: steps {}, notes {:?}", d.krylov_steps_taken(), d.notes());
    g.bench_function(format!("{name}/draw warm (refactorize + solve from the base solution)"), |bn| {
        bn.iter(|| {
            let mut d = f.clone();
            d.refactorize(case.a_pert.view()).unwrap();
            x.copy_from_slice(&case.b);
            d.solve_from_in_place(&mut x, &start)
        })
    });
}

fn bench_rlu(g: &mut BenchmarkGroup<'_, WallTime>, case: &Case) {
    let n = case.a.rows();
    let (ap, ai) = (case.a.indptr().to_proper().to_vec(), case.a.indices());
    let order = || amd::order::<usize>(n, &ap, ai, &amd::Control::default()).unwrap().0;
    g.bench_function("rlu/analyze (amd)", |bn| bn.iter(order));
    let p = order();
    let factor = |data: &[f64]| {
        let mut reach = Vec::new();
        let mut rperm = vec![0; n];
        let (l, u, _) = rlu::lu_decomposition(n, ai, &ap, data, Some(&p), Some(&mut reach), Some(&mut rperm), true);
        (l, u, reach, rperm)
    };
    g.bench_function("rlu/factorize", |bn| bn.iter(|| factor(case.a.data())));
    let (l, u, reach, rperm) = factor(case.a.data());
    g.bench_function("rlu/refactorize", |bn| {
        bn.iter(|| rlu::lu_redecomposition(n, ai, &ap, case.a_pert.data(), &reach, Some(&rperm), Some(&p), false))
    });
    let mut x = vec![0.0; n];
    let mut y = vec![0.0; n];
    g.bench_function("rlu/solve", |bn| {
        bn.iter(|| {
            // rlu's own solve: row permutation, L, U, column permutation.
            for (i, &bi) in case.b.iter().enumerate() {
                x[rperm[i]] = bi;
            }
            rlu::lsolve(&l, &mut x);
            rlu::usolve(&u, &mut x);
            for (k, &pk) in p.iter().enumerate() {
                y[pk] = x[k];
            }
        })
    });
}

fn faer_parts(a: &CsMat<f64>) -> (Vec<usize>, &[usize], &[f64]) {
    (a.indptr().to_proper().to_vec(), a.indices(), a.data())
}

fn bench_faer(g: &mut BenchmarkGroup<'_, WallTime>, case: &Case) {
    let n = case.a.rows();
    let (ap, ai, ax) = faer_parts(&case.a);
    let s = SymbolicSparseColMatRef::new_checked(n, n, &ap, None, ai);
    let a = SparseColMatRef::new(s, ax);
    let a2 = SparseColMatRef::new(s, case.a_pert.data());
    g.bench_function("faer/analyze", |bn| bn.iter(|| FaerSymbolic::try_new(s).unwrap()));
    let sym = FaerSymbolic::try_new(s).unwrap();
    g.bench_function("faer/factorize", |bn| bn.iter(|| FaerLu::try_new_with_symbolic(sym.clone(), a).unwrap()));
    g.bench_function("faer/refactorize (numeric with symbolic)", |bn| {
        bn.iter(|| FaerLu::try_new_with_symbolic(sym.clone(), a2).unwrap())
    });
    let lu = FaerLu::try_new_with_symbolic(sym, a).unwrap();
    let mut x = faer::Mat::<f64>::zeros(n, 1);
    g.bench_function("faer/solve", |bn| {
        bn.iter(|| {
            for (i, &bi) in case.b.iter().enumerate() {
                x[(i, 0)] = bi;
            }
            lu.solve_in_place(x.as_mut())
        })
    });
}

/// Whether competitor `which` factorizes `case` within the time limit, tried in a child process.
fn finishes(which: &str, case: &Case, dir: Option<&Path>) -> bool {
    let Some(dir) = dir else {
        return true; // the small USEEIO case
    };
    let limit: u64 = std::env::var("GREENLCA_BENCH_PROBE_TIMEOUT").ok().and_then(|s| s.parse().ok()).unwrap_or(20);
    let Ok(exe) = std::env::current_exe() else {
        return false;
    };
    let Ok(mut child) = Command::new(exe)
        .env("GREENLCA_BENCH_PROBE", which)
        .env("GREENLCA_BENCH_PROBE_DIR", dir)
        .stdout(Stdio::inherit())
        .spawn()
    else {
        return false;
    };
    let start = Instant::now();
    loop {
        if let Ok(Some(status)) = child.try_wait() {
            return status.success();
        }
        if start.elapsed() > Duration::from_secs(limit) {
            let _ = child.kill();
            let _ = child.wait();
            eprintln!("  {which}: {}: factorization not finished after {limit} s, not benchmarked", case.name);
            return false;
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

/// Child process: one analysis + factorization of `dir/A.mtx` by `which`, timed.
fn probe(which: &str, dir: &Path) {
    faer::set_global_parallelism(faer::Par::Seq);
    let a = read_csc(&dir.join("A.mtx")).unwrap();
    let n = a.rows();
    let (ap, ai, ax) = faer_parts(&a);
    let t = Instant::now();
    if which == "greenlca" {
        let sym = SymbolicLu::analyze(a.view()).unwrap();
        NumericLu::factorize(&sym, a.view()).unwrap();
    } else if which == "faer" {
        let s = SymbolicSparseColMatRef::new_checked(n, n, &ap, None, ai);
        let sym = FaerSymbolic::try_new(s).unwrap();
        FaerLu::try_new_with_symbolic(sym, SparseColMatRef::new(s, ax)).unwrap();
    } else {
        let p = amd::order::<usize>(n, &ap, ai, &amd::Control::default()).unwrap().0;
        rlu::lu_decomposition(n, ai, &ap, ax, Some(&p), None, None, true);
    }
    eprintln!("  {which} probe: analyze+factorize {:?}", t.elapsed());
}

/// USEEIO v1 (if the shared data is there) and every generated system under
/// `$GREENLCA_BENCH_DATA`, with the folder each was read from.
fn cases() -> Vec<(Case, Option<PathBuf>)> {
    let mut out = Vec::new();
    match useeio() {
        Some(c) => out.push((c, None)),
        None => eprintln!("skipping USEEIO v1: shared data not found"),
    }
    let Ok(root) = std::env::var("GREENLCA_BENCH_DATA") else {
        eprintln!("skipping generated systems: GREENLCA_BENCH_DATA not set");
        return out;
    };
    let mut dirs: Vec<PathBuf> =
        std::fs::read_dir(&root).map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect()).unwrap_or_default();
    dirs.sort();
    for dir in dirs {
        if !dir.join("A.mtx").exists() || !dir.join("A_pert.mtx").exists() {
            continue;
        }
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let a = read_csc(&dir.join("A.mtx")).unwrap();
        let a_pert = read_csc(&dir.join("A_pert.mtx")).unwrap();
        let b = demand(&dir.join("rhs.mtx"), a.rows());
        out.push((Case { name, a, a_pert, b }, Some(dir)));
    }
    out
}

/// First column of `rhs.mtx`, or a unit demand of the last process.
fn demand(path: &Path, n: usize) -> Vec<f64> {
    let mut b = vec![0.0; n];
    match read_triplets(path) {
        Ok(t) => {
            for (&v, (i, j)) in t.triplet_iter() {
                if j == 0 {
                    b[i] += v;
                }
            }
        }
        Err(_) => b[n - 1] = 1.0,
    }
    b
}

/// USEEIO v1 `I - A`, perturbed copy with off-diagonals scaled deterministically by up to 10%.
fn useeio() -> Option<Case> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/data/useeio-v1/A.csv");
    let text = std::fs::read_to_string(path).ok()?;
    let rows: Vec<Vec<f64>> = text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(|v| v.trim().parse().unwrap()).collect())
        .collect();
    let n = rows.len();
    let mut t = TriMat::new((n, n));
    let mut tp = TriMat::new((n, n));
    for (i, row) in rows.iter().enumerate() {
        for (j, &v) in row.iter().enumerate() {
            if i == j {
                t.add_triplet(i, j, 1.0 - v);
                tp.add_triplet(i, j, 1.0 - v);
            } else if v != 0.0 {
                t.add_triplet(i, j, -v);
                tp.add_triplet(i, j, -v * (1.0 + 0.1 * ((i * 31 + j * 17) as f64).sin()));
            }
        }
    }
    let mut b = vec![0.0; n];
    b[0] = 1.0;
    Some(Case { name: "useeio-v1".into(), a: t.to_csc(), a_pert: tp.to_csc(), b })
}
