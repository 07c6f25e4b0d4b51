//! Helpers shared by the importer tests.

use std::io::Write;
use std::path::{Path, PathBuf};

use greenlca::calc::ProcessScores;

use greenlca::Location;
use greenlca::calc::process_scores;
use greenlca::io::read_method;
use greenlca::matrix::{UnlinkedPolicy, build_system, characterize};
use greenlca::model::{Database, Flow, Parameter, Process};

/// A fixture under tests/data/import.
pub fn data(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/data/import").join(rel)
}

/// Zips every file under `dir` into a new temporary file, names prefixed with `prefix`.
pub fn zip_dir(dir: &Path, prefix: &str) -> tempfile::NamedTempFile {
    let f = tempfile::Builder::new().suffix(".zip").tempfile().unwrap();
    let mut w = zip::ZipWriter::new(f.reopen().unwrap());
    let mut files = Vec::new();
    collect(dir, dir, &mut files);
    files.sort();
    for (rel, path) in files {
        w.start_file(format!("{prefix}{rel}"), zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(&std::fs::read(path).unwrap()).unwrap();
    }
    w.finish().unwrap();
    f
}

/// A zip from (name, bytes) entries.
pub fn zip_entries(entries: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
    let f = tempfile::Builder::new().suffix(".zip").tempfile().unwrap();
    let mut w = zip::ZipWriter::new(f.reopen().unwrap());
    for (name, bytes) in entries {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(bytes).unwrap();
    }
    w.finish().unwrap();
    f
}

fn collect(root: &Path, dir: &Path, out: &mut Vec<(String, PathBuf)>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            collect(root, &p, out);
        } else {
            out.push((p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/"), p));
        }
    }
}

/// GWP100 of one unit of every process's reference flow, with the test method of tests/data/import.
pub fn gwp(db: &Database, policy: UnlinkedPolicy) -> ProcessScores {
    let system = build_system(db, policy).unwrap();
    let method = read_method(&data("ipcc_ar6_gwp100.toml")).unwrap();
    let ch = characterize(&system.flows, &[method], &db.units).unwrap();
    process_scores(&system, &ch).unwrap()
}

/// GWP100 of every process with the shipped `ipcc2021` method (matched by name and CAS).
pub fn gwp_shipped(db: &Database, policy: UnlinkedPolicy) -> ProcessScores {
    let system = build_system(db, policy).unwrap();
    let (method, _) = greenlca::io::find_method("ipcc2021", None).unwrap();
    let ch = characterize(&system.flows, &[method], &db.units).unwrap();
    process_scores(&system, &ch).unwrap()
}

/// The score of a column by id.
pub fn score(s: &ProcessScores, column: &str) -> f64 {
    s.total_of(column, 0).unwrap_or_else(|| panic!("no column `{column}`"))
}

/// Asserts |a - b| <= tol * max(|a|, |b|).
#[track_caller]
pub fn close(a: f64, b: f64, tol: f64) {
    let d = (a - b).abs() / a.abs().max(b.abs()).max(1e-300);
    assert!(a == b || d <= tol, "{a} != {b} (relative difference {d:.3e})");
}

/// The parts of a database that a round trip must keep, with the source locations cleared.
pub fn comparable(db: &Database) -> (Vec<Flow>, Vec<Process>, Vec<Parameter>) {
    let mut processes = db.processes.clone();
    for p in &mut processes {
        p.origin = Location::default();
        for e in &mut p.exchanges {
            e.origin = Location::default();
        }
        for a in &mut p.allocation_factors {
            a.origin = Location::default();
        }
    }
    let mut params = db.parameters.clone();
    for p in &mut params {
        p.origin = Location::default();
    }
    (db.flows.clone(), processes, params)
}
