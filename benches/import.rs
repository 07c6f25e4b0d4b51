//! Importing USLCI (openLCA JSON-LD zip) and computing every process's GWP100.
//! Reads ../shared/data (or GREENLCA_SHARED_DIR); without it, benchmarks the small fixture.

use std::path::PathBuf;

use criterion::{Criterion, criterion_group, criterion_main};
use greenlca::calc::process_scores;
use greenlca::io::read_method;
use greenlca::io::{ImportOptions, import_any};
use greenlca::matrix::{UnlinkedPolicy, build_system, characterize};

fn source() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shared = std::env::var_os("GREENLCA_SHARED_DIR").map(PathBuf::from).unwrap_or_else(|| root.join("../shared"));
    let zip = shared.join("data/uslci-fy17q4/uslci_fy17_q4_olca1.5_json_ld.zip");
    if zip.exists() {
        zip
    } else {
        eprintln!("USLCI not found at {}: benchmarking tests/data/import/jsonld_v1 instead", zip.display());
        root.join("tests/data/import/jsonld_v1")
    }
}

fn bench(c: &mut Criterion) {
    let src = source();
    let method = read_method(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/import/ipcc_ar6_gwp100.toml"))
        .expect("test method");
    let mut g = c.benchmark_group("uslci");
    g.sample_size(10);
    g.bench_function("import", |b| b.iter(|| import_any(&src, &ImportOptions::default()).unwrap()));
    let db = import_any(&src, &ImportOptions::default()).unwrap().database;
    g.bench_function("every_process_gwp100", |b| {
        b.iter(|| {
            let system = build_system(&db, UnlinkedPolicy::Cutoff).unwrap();
            let ch = characterize(&system.flows, std::slice::from_ref(&method), &db.units).unwrap();
            process_scores(&system, &ch).unwrap()
        })
    });
    g.bench_function("import_and_every_process_gwp100", |b| {
        b.iter(|| {
            let db = import_any(&src, &ImportOptions::default()).unwrap().database;
            let system = build_system(&db, UnlinkedPolicy::Cutoff).unwrap();
            let ch = characterize(&system.flows, std::slice::from_ref(&method), &db.units).unwrap();
            process_scores(&system, &ch).unwrap()
        })
    });
    g.finish();
}

criterion_group! {
    name = benches;
    // Plots need system fonts, which build machines often lack; the numbers are what matter here.
    config = Criterion::default().without_plots();
    targets = bench
}
criterion_main!(benches);
