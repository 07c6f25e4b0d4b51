//! Measures Monte Carlo draws of a matrix folder with uncertainty columns (as written by
//! `benches/mtx_to_folder.py`): draws per second and Krylov steps per draw with the iterative
//! solve started cold (`M^-1 b`) and warm (the base system's supply), in the same run, and the
//! time of each phase of a draw (sampling the values, building the matrices and loading them into
//! the factors, solving, characterizing). Medians of `GREENLCA_REPEATS` (default 3) rounds.
//!
//! Usage: `cargo run --release -p greenlca --example mc_warm -- DIR [DRAWS] [THREADS] [iterative|gmres]`

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use greenlca::io::matrices::read_exchange_folder;
use greenlca::solve::{SolverKind, SolverOptions, analyze};
use greenlca::uncertainty::BackgroundSampler;
use rayon::prelude::*;

fn median(mut t: Vec<f64>) -> f64 {
    t.sort_by(f64::total_cmp);
    t[t.len() / 2]
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = Path::new(&args[0]);
    let draws: u64 = args.get(1).and_then(|v| v.parse().ok()).unwrap_or(40);
    let threads: usize = args.get(2).and_then(|v| v.parse().ok()).unwrap_or(1);
    let kind = args.get(3).and_then(|k| SolverKind::parse(k)).unwrap_or(SolverKind::Iterative);
    let reps: usize = std::env::var("GREENLCA_REPEATS").ok().and_then(|v| v.parse().ok()).unwrap_or(3);
    let ms = read_exchange_folder(dir).unwrap();
    let options = SolverOptions { kind, ..SolverOptions::default() };
    let system = Arc::new(ms.system.clone());
    let an = analyze(system.a_matrix().view(), &options).unwrap();
    let sampler = BackgroundSampler::new(system, Arc::new(ms.characterization.clone()), an, None).unwrap();
    let start = sampler.base_supply(&ms.demand).unwrap();
    let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
    println!("{}: n {}, {draws} draws, {threads} thread(s), {}", dir.display(), ms.system.n(), kind.as_str());

    // One round: every draw's scores, Krylov steps and fallbacks; wall time.
    let round = |warm: bool| {
        let t = Instant::now();
        let out: Vec<(Vec<f64>, usize, bool)> = pool.install(|| {
            (0..draws)
                .into_par_iter()
                .map(|i| {
                    let lca = sampler.lca(7, i).unwrap();
                    let lci = if warm { lca.lci_from(&ms.demand, &start) } else { lca.lci(&ms.demand) }.unwrap();
                    (lca.lcia(lci).scores, lca.lu().krylov_steps_taken(), !lca.lu().notes().is_empty())
                })
                .collect()
        });
        (t.elapsed().as_secs_f64(), out)
    };
    let (mut cold_t, mut warm_t) = (Vec::new(), Vec::new());
    let (mut cold, mut warm) = (Vec::new(), Vec::new());
    for _ in 0..reps {
        let (t, o) = round(false);
        cold_t.push(t);
        cold = o;
        let (t, o) = round(true);
        warm_t.push(t);
        warm = o;
    }
    let steps = |o: &[(Vec<f64>, usize, bool)]| o.iter().map(|r| r.1).sum::<usize>() as f64 / o.len() as f64;
    let fell = |o: &[(Vec<f64>, usize, bool)]| o.iter().filter(|r| r.2).count();
    let mut worst = 0.0f64;
    for (c, w) in cold.iter().zip(&warm) {
        for (x, y) in c.0.iter().zip(&w.0) {
            worst = worst.max((x - y).abs() / x.abs().max(f64::MIN_POSITIVE));
        }
    }
    for (name, t, o) in [("cold", &cold_t, &cold), ("warm", &warm_t, &warm)] {
        let m = median(t.clone());
        println!(
            "{name}: {:.1} draws/s (median of {reps}: {:.3} s), {:.2} Krylov steps per draw, {} fallback(s)",
            draws as f64 / m,
            m,
            steps(o),
            fell(o)
        );
    }
    println!("largest relative difference of a score, warm against cold: {worst:e}");
    if std::env::var("GREENLCA_CHECK_LU").is_ok() {
        // The direct LU of the same draws, as the reference for both starts.
        let lu_opts = SolverOptions { kind: SolverKind::BtfLu, ..SolverOptions::default() };
        let lu_an = analyze(sampler.system.a_matrix().view(), &lu_opts).unwrap();
        let lu_sampler =
            BackgroundSampler::new(sampler.system.clone(), sampler.characterization.clone(), lu_an, None).unwrap();
        for i in 0..3 {
            let lca = lu_sampler.lca(7, i).unwrap();
            let exact = lca.lcia(lca.lci(&ms.demand).unwrap()).scores;
            let rel = |o: &[f64]| exact.iter().zip(o).map(|(x, y)| (x - y).abs() / x.abs()).fold(0.0, f64::max);
            println!("draw {i}: cold vs LU {:e}, warm vs LU {:e}", rel(&cold[i as usize].0), rel(&warm[i as usize].0));
        }
    }

    // Phases of one draw at one thread (median over the draws).
    let (mut tv, mut tl, mut ts, mut tc) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
    for i in 0..draws.min(20) {
        let t = Instant::now();
        std::hint::black_box(sampler.values(7, i).unwrap());
        tv.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let lca = sampler.lca(7, i).unwrap();
        tl.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        let lci = lca.lci_from(&ms.demand, &start).unwrap();
        ts.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        std::hint::black_box(lca.lcia(lci));
        tc.push(t.elapsed().as_secs_f64() * 1e3);
    }
    println!(
        "phases (ms, median): sample values {:.1}; sample + build matrices + load factors {:.1}; warm solve + inventory {:.1}; characterize {:.1}",
        median(tv),
        median(tl),
        median(ts),
        median(tc)
    );
}
