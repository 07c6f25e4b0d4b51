//! Where benchmark data live, and the shared criterion configuration.
#![allow(dead_code)]

use std::path::PathBuf;
use std::time::Duration;

use criterion::Criterion;

/// Folder with the generated systems (`random-2000`, `random-20000`, from
/// `benches/prepare-data.sh`): `GREENLCA_BENCH_DATA`, else `target/bench-data`.
pub fn data_dir() -> PathBuf {
    std::env::var_os("GREENLCA_BENCH_DATA")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/bench-data"))
}

/// A system folder if present, else `None` with a message.
pub fn system(name: &str) -> Option<PathBuf> {
    let p = data_dir().join(name);
    if p.join("technosphere.csv").exists() {
        Some(p)
    } else {
        eprintln!("skipping {name}: {} not found (run benches/prepare-data.sh)", p.display());
        None
    }
}

/// USEEIO v1 from ../shared/data, if present.
pub fn useeio() -> Option<PathBuf> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data/useeio-v1");
    if p.join("A.csv").exists() {
        Some(p)
    } else {
        eprintln!("skipping USEEIO: {} not found", p.display());
        None
    }
}

/// Small samples and short measurement: the large cases take seconds per iteration.
pub fn config() -> Criterion {
    Criterion::default().sample_size(10).warm_up_time(Duration::from_secs(1)).measurement_time(Duration::from_secs(5))
}
