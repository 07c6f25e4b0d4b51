//! Times the solver families on a `gen_lca_mtx.py` folder (A.mtx, A_pert.mtx, rhs.mtx): analysis,
//! factorization, a solve and a transposed solve of the first demand, and a Monte Carlo draw
//! (refactorization with A_pert plus a solve); medians of `GREENLCA_REPEATS` (default 5) runs,
//! and the Krylov steps (BiCGSTAB for `iterative`, Arnoldi steps for `gmres`).
//! Usage: `cargo run --release -p greenlca --example solver_phases -- DIR [lu|iterative|gmres]...`

use std::path::Path;
use std::time::Instant;

use greenlca::io::matrices::{read_csc, read_triplets};
use greenlca::solve::{SolverKind, SolverOptions, analyze, krylov_steps};

fn median(mut t: Vec<f64>) -> f64 {
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn time<T>(reps: usize, mut f: impl FnMut() -> T) -> f64 {
    median(
        (0..reps)
            .map(|_| {
                let s = Instant::now();
                std::hint::black_box(f());
                s.elapsed().as_secs_f64() * 1e3
            })
            .collect(),
    )
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(&args[0]);
    let reps: usize = std::env::var("GREENLCA_REPEATS").ok().and_then(|v| v.parse().ok()).unwrap_or(5);
    let a = read_csc(&dir.join("A.mtx")).unwrap();
    let ap = read_csc(&dir.join("A_pert.mtx")).unwrap();
    let rhs = read_triplets(&dir.join("rhs.mtx")).unwrap();
    let mut b = vec![0.0; a.rows()];
    for (&v, (i, j)) in rhs.triplet_iter() {
        if j == 0 {
            b[i] += v;
        }
    }
    let kinds: Vec<&str> =
        if args.len() > 1 { args[1..].iter().map(String::as_str).collect() } else { vec!["lu", "iterative"] };
    println!("{}: n {} nnz {}", dir.display(), a.rows(), a.nnz());
    for k in kinds {
        let kind = SolverKind::parse(k).expect("lu, iterative or gmres");
        let o = SolverOptions { kind, ..SolverOptions::default() };
        let t_an = time(reps, || analyze(a.view(), &o).unwrap());
        let an = analyze(a.view(), &o).unwrap();
        let t_f = time(reps, || an.factorize(a.view()).unwrap());
        let f = an.factorize(a.view()).unwrap();
        let t_s = time(reps, || f.solve_checked(a.view(), &b).unwrap());
        let t_t = time(reps, || f.solve_transpose_checked(a.view(), &b).unwrap());
        let t_d = time(reps, || {
            let mut d = f.clone();
            d.refactorize(ap.view()).unwrap();
            d.solve_checked(ap.view(), &b).unwrap()
        });
        let mut d = f.clone();
        d.refactorize(ap.view()).unwrap();
        d.solve_checked(ap.view(), &b).unwrap();
        print!(
            "{k}: analyze {t_an:.1} ms, factorize {t_f:.1} ms, solve {t_s:.1} ms, transposed solve {t_t:.1} ms, draw (refactorize + solve) {t_d:.1} ms"
        );
        if kind != SolverKind::BtfLu {
            let s = krylov_steps(a.view(), &o, &b, false).unwrap();
            let st = krylov_steps(a.view(), &o, &b, true).unwrap();
            print!("; steps (count, backward error) solve {s:?} transposed {st:?}; draw notes {:?}", d.notes());
        }
        println!();
    }
}
