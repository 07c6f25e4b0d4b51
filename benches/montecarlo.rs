//! Monte Carlo draws per second: the peers' 20,000-process random system (seed 7) with its own
//! uncertainty columns, and USEEIO v1 with every technosphere coefficient given a lognormal width
//! of 0.1 (an assumption made for timing only: USEEIO publishes no uncertainty), at 1 and 2 threads.

mod common;

use std::sync::Arc;

use criterion::{BenchmarkId, Throughput, criterion_group, criterion_main};
use greenlca::io::matrices::{MatrixSystem, read_exchange_folder, read_useeio};
use greenlca::matrix::{Characterization, TechSystem};
use greenlca::model::Distribution;
use greenlca::solve::{Analysis, SolverOptions, analyze};
use greenlca::uncertainty::BackgroundSampler;
use greenlca::uncertainty::Draws;

fn run(ms: &MatrixSystem, shared: &Shared, draws: usize) -> Draws {
    let (system, characterization, sym) = shared;
    let sampler = BackgroundSampler::new(system.clone(), characterization.clone(), sym.clone(), None).unwrap();
    Draws::run("bench", 1, draws, 0..draws, Vec::new(), |i| {
        let lca = sampler.lca(1, i)?;
        Ok(lca.lcia(lca.lci(&ms.demand)?).scores)
    })
    .unwrap()
}

/// The system, characterization and analysis every run shares (made once, outside the timing).
type Shared = (Arc<TechSystem>, Arc<Characterization>, Arc<dyn Analysis>);

fn bench(c: &mut criterion::Criterion) {
    let mut cases = Vec::new();
    if let Some(p) = common::system("random-20000") {
        cases.push(("random-20000", read_exchange_folder(&p).unwrap(), 20));
    }
    if let Some(p) = common::system("random-2000") {
        cases.push(("random-2000", read_exchange_folder(&p).unwrap(), 100));
    }
    if let Some(p) = common::useeio() {
        let mut ms = read_useeio(&p, "2007_us_consumption").unwrap();
        for k in 0..ms.system.a.len() {
            if ms.system.a.rows[k] != ms.system.a.cols[k] {
                let v = ms.system.a.values[k];
                ms.system.a.dists[k] = Some(Distribution::Lognormal { mu: v.abs().ln(), sigma: 0.1 });
            }
        }
        cases.push(("useeio-v1", ms, 100));
    }
    let mut g = c.benchmark_group("montecarlo");
    for (name, ms, draws) in &cases {
        let sym = analyze(ms.system.a_matrix().view(), &SolverOptions::default()).unwrap();
        let sym: Shared = (Arc::new(ms.system.clone()), Arc::new(ms.characterization.clone()), sym);
        g.throughput(Throughput::Elements(*draws as u64));
        for threads in [1, 2] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
            g.bench_function(BenchmarkId::new(format!("{draws}_draws_{threads}_threads"), name), |b| {
                b.iter(|| pool.install(|| run(ms, &sym, *draws)))
            });
        }
    }
    g.finish();
}

criterion_group! { name = benches; config = common::config(); targets = bench }
criterion_main!(benches);
