//! The engine end to end on the peers' random systems (2,000 and 20,000 processes, seed 7) and on
//! USEEIO v1: reading and building the matrices, symbolic analysis, factorization (fresh and with
//! the symbolic analysis reused), one solve, a second demand on the same factorization, all
//! categories' intensities, and many demands in parallel at 1 and 2 threads.

mod common;

use criterion::{BenchmarkId, criterion_group, criterion_main};
use std::sync::Arc;

use greenlca::calc::Lca;
use greenlca::io::matrices::{MatrixSystem, read_exchange_folder, read_useeio};
use greenlca::solve::{NumericLu, SymbolicLu};

fn systems() -> Vec<(String, MatrixSystem)> {
    let mut out = Vec::new();
    for name in ["random-2000", "random-20000"] {
        if let Some(p) = common::system(name) {
            out.push((name.to_string(), read_exchange_folder(&p).unwrap()));
        }
    }
    if let Some(p) = common::useeio() {
        out.push(("useeio-v1".into(), read_useeio(&p, "2007_us_consumption").unwrap()));
    }
    out
}

fn bench(c: &mut criterion::Criterion) {
    let systems = systems();
    let mut g = c.benchmark_group("engine");
    for name in ["random-2000", "random-20000"] {
        if let Some(p) = common::system(name) {
            g.bench_function(BenchmarkId::new("read_and_build", name), |b| {
                b.iter(|| read_exchange_folder(&p).unwrap())
            });
        }
    }
    for (name, ms) in &systems {
        let a = ms.system.a_matrix();
        g.bench_function(BenchmarkId::new("symbolic", name), |b| b.iter(|| SymbolicLu::analyze(a.view()).unwrap()));
        let sym = SymbolicLu::analyze(a.view()).unwrap();
        g.bench_function(BenchmarkId::new("factorize_reusing_symbolic", name), |b| {
            b.iter(|| NumericLu::factorize(&sym, a.view()).unwrap())
        });
        g.bench_function(BenchmarkId::new("analyze_and_factorize", name), |b| {
            b.iter(|| {
                let s = SymbolicLu::analyze(a.view()).unwrap();
                NumericLu::factorize(&s, a.view()).unwrap()
            })
        });
        let mut lu = NumericLu::factorize(&sym, a.view()).unwrap();
        g.bench_function(BenchmarkId::new("refactorize", name), |b| b.iter(|| lu.refactorize(a.view()).unwrap()));
        let (system, characterization) = (Arc::new(ms.system.clone()), Arc::new(ms.characterization.clone()));
        let lca = Lca::new(system.clone(), characterization.clone()).unwrap();
        g.bench_function(BenchmarkId::new("solve_one_demand", name), |b| b.iter(|| lca.supply(&ms.demand).unwrap()));
        g.bench_function(BenchmarkId::new("lci_and_lcia", name), |b| b.iter(|| lca.lcia(lca.lci(&ms.demand).unwrap())));
        g.bench_function(BenchmarkId::new("intensities_all_categories", name), |b| {
            b.iter(|| lca.intensities().unwrap())
        });
        // Build, factorize, solve and characterize: what Brightway's lci + lcia do.
        g.bench_function(BenchmarkId::new("full_calc_from_entries", name), |b| {
            b.iter(|| {
                let l = Lca::new(system.clone(), characterization.clone()).unwrap();
                l.lcia(l.lci(&ms.demand).unwrap()).scores
            })
        });
        // 64 unit demands in parallel.
        let n = ms.system.n();
        let demands: Vec<Vec<f64>> = (0..64)
            .map(|i| {
                let mut d = vec![0.0; n];
                d[(i * 7919) % n] = 1.0;
                d
            })
            .collect();
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            g.bench_function(BenchmarkId::new(format!("64_demands_{threads}_threads"), name), |b| {
                b.iter(|| {
                    pool.install(|| {
                        let mut ds = demands.clone();
                        lca.lu().solve_many_in_place(&mut ds);
                        ds
                    })
                })
            });
        }
    }
    g.finish();
}

criterion_group! { name = benches; config = common::config(); targets = bench }
criterion_main!(benches);
