//! The read phase on the peers' `local`, `tiered` and `random` families (gen_lca_mtx.py, seed 1,
//! 20,000 and 100,000 processes, converted to the triplet CSV folder): the CSV reader (fast path),
//! the general CSV reader (the same folder with a quoted header, which the fast path leaves to it),
//! SHA-256 of the folder's bytes, and the compiled form loaded from the cache (hashing included).
//! The systems are generated into target/bench-data on first run (needs a Python with numpy and
//! scipy: GREENLCA_PEER_PYTHON or PYTHON, else python3); GREENLCA_BENCH_SIZES=20000 limits the sizes.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use criterion::{BenchmarkId, Throughput, criterion_group, criterion_main};
use greenlca::io::compiled::{CacheMode, CompiledStatus, read_matrix_folder_cached};
use greenlca::io::matrices::read_exchange_folder;

fn python() -> String {
    ["GREENLCA_PEER_PYTHON", "PYTHON"].iter().find_map(|k| std::env::var(k).ok()).unwrap_or_else(|| "python3".into())
}

/// The triplet folder of a family at size `n`, generated if missing; `None` when it cannot be.
fn family(structure: &str, n: usize) -> Option<PathBuf> {
    let out = common::data_dir().join(format!("{structure}-{n}"));
    if out.join("technosphere.csv").exists() {
        return Some(out);
    }
    let mtx = common::data_dir().join(format!("{structure}-{n}-mtx"));
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gen_ok = mtx.join("A.mtx").exists()
        || Command::new(python())
            .arg(root.join("../shared/peers/gen_lca_mtx.py"))
            .args([&n.to_string(), &mtx.display().to_string(), "--seed", "1", "--structure", structure])
            .args(["--p-back", "0.002", "--p-hubcol-any", "0.2"])
            .status()
            .is_ok_and(|s| s.success());
    let conv_ok = gen_ok
        && Command::new(python())
            .arg(root.join("benches/mtx_to_folder.py"))
            .args([&mtx, &out])
            .arg("--no-uncertainty")
            .status()
            .is_ok_and(|s| s.success());
    if !conv_ok {
        eprintln!("skipping {structure}-{n}: could not generate it (see benches/read.rs)");
    }
    conv_ok.then_some(out)
}

/// The folder with a quoted header in technosphere.csv: the general reader reads all of it.
fn quoted_copy(dir: &Path) -> PathBuf {
    let q = dir.with_file_name(format!("{}-quoted", dir.file_name().unwrap().to_string_lossy()));
    if !q.join("technosphere.csv").exists() {
        std::fs::create_dir_all(&q).unwrap();
        for f in ["biosphere.csv", "cf.csv", "demand.csv"] {
            let _ = std::fs::remove_file(q.join(f));
            std::fs::hard_link(dir.join(f), q.join(f))
                .or_else(|_| std::fs::copy(dir.join(f), q.join(f)).map(|_| ()))
                .unwrap();
        }
        let tech = std::fs::read_to_string(dir.join("technosphere.csv")).unwrap();
        std::fs::write(q.join("technosphere.csv"), tech.replacen("row,", "\"row\",", 1)).unwrap();
    }
    q
}

fn folder_bytes(dir: &Path) -> Vec<Vec<u8>> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().path()).collect();
    names.sort();
    names.iter().map(|p| std::fs::read(p).unwrap()).collect()
}

fn bench(c: &mut criterion::Criterion) {
    let sizes: Vec<usize> = std::env::var("GREENLCA_BENCH_SIZES")
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|_| vec![20_000, 100_000]);
    let cache = common::data_dir().join("cache");
    // SAFETY: no other thread runs yet (criterion measures on this one; rayon starts later).
    unsafe { std::env::set_var("GREENLCA_CACHE", &cache) };
    let mut g = c.benchmark_group("read");
    for &n in &sizes {
        for structure in ["local", "tiered", "random"] {
            let Some(dir) = family(structure, n) else { continue };
            let name = format!("{structure}-{n}");
            let files = folder_bytes(&dir);
            let total: usize = files.iter().map(Vec::len).sum();
            g.throughput(Throughput::Bytes(total as u64));
            g.bench_function(BenchmarkId::new("csv", &name), |b| b.iter(|| read_exchange_folder(&dir).unwrap()));
            let quoted = quoted_copy(&dir);
            g.bench_function(BenchmarkId::new("csv_general", &name), |b| {
                b.iter(|| read_exchange_folder(&quoted).unwrap())
            });
            g.bench_function(BenchmarkId::new("sha256", &name), |b| {
                b.iter(|| files.iter().map(|f| greenlca::source::sha256_hex(f)).collect::<Vec<_>>())
            });
            let (_, first) = read_matrix_folder_cached(&dir, CacheMode::Use).unwrap();
            assert!(matches!(first.status, CompiledStatus::Loaded | CompiledStatus::Built), "{first:?}");
            g.bench_function(BenchmarkId::new("compiled", &name), |b| {
                b.iter(|| {
                    let (ms, c) = read_matrix_folder_cached(&dir, CacheMode::Use).unwrap();
                    assert_eq!(c.status, CompiledStatus::Loaded);
                    ms
                })
            });
        }
    }
    g.finish();
}

criterion_group! { name = benches; config = common::config(); targets = bench }
criterion_main!(benches);
