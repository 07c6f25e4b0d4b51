//! Helpers shared by the integration tests.

use std::path::{Path, PathBuf};

/// Root of the repository.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture under tests/data.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("tests/data").join(rel)
}

/// A path under `../shared` (the public data beside the repository), or `None` with a one-line
/// message when it is absent. With GREENLCA_REQUIRE_SHARED_DATA=1 (as in CI) absence is a failure.
pub fn shared(rel: &str) -> Option<PathBuf> {
    let base = std::env::var_os("GREENLCA_SHARED_DIR").map(PathBuf::from).unwrap_or_else(|| root().join("../shared"));
    let p = base.join(rel);
    if p.exists() {
        return Some(p);
    }
    if std::env::var("GREENLCA_REQUIRE_SHARED_DATA").is_ok_and(|v| v == "1") {
        panic!("shared data {} is missing and GREENLCA_REQUIRE_SHARED_DATA=1", p.display());
    }
    eprintln!("skipping: shared data {} not found", p.display());
    None
}

/// Relative difference, with a floor on the scale so that zeros compare absolutely.
pub fn rel_diff(a: f64, b: f64) -> f64 {
    (a - b).abs() / a.abs().max(b.abs()).max(1e-300)
}

/// Asserts |a - b| <= tol * max(|a|, |b|) (or both zero).
#[track_caller]
pub fn assert_close(a: f64, b: f64, tol: f64) {
    assert!(a == b || rel_diff(a, b) <= tol, "{a} != {b} (relative difference {:.3e} > {tol:e})", rel_diff(a, b));
}

/// Path of the greenlca binary built for the tests.
pub fn bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_greenlca"))
}

/// Reads a JSON file.
pub fn json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// A copy of a fixture folder in a temporary directory, to be modified by a test.
pub fn copy_fixture(rel: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture(rel), dir.path());
    dir
}

/// Copies a folder recursively.
pub fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let p = e.unwrap().path();
        let target = to.join(p.file_name().unwrap());
        if p.is_dir() {
            copy_dir(&p, &target);
        } else {
            std::fs::copy(&p, &target).unwrap();
        }
    }
}

/// Replaces text in a file (the text must be there).
pub fn edit(path: &Path, from: &str, to: &str) {
    let text = std::fs::read_to_string(path).unwrap();
    assert!(text.contains(from), "{} does not contain {from:?}", path.display());
    std::fs::write(path, text.replacen(from, to, 1)).unwrap();
}

/// Runs greenlca with `args`; returns (exit code, stdout, stderr).
pub fn run(args: &[&str]) -> (i32, String, String) {
    let out = std::process::Command::new(bin())
        .args(args)
        .current_dir(root())
        .env("GREENLCA_CACHE", test_cache())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// Runs greenlca and asserts exit code 2 with every `needles` in stderr and nothing on stdout.
#[track_caller]
pub fn assert_error(args: &[&str], needles: &[&str]) {
    let (code, out, err) = run(args);
    assert_eq!(code, 2, "exit code for {args:?}: stdout {out}\nstderr {err}");
    assert!(out.is_empty(), "stdout should be empty on error: {out}");
    assert!(!err.contains("panicked"), "panic: {err}");
    for n in needles {
        assert!(err.contains(n), "stderr lacks {n:?}:\n{err}");
    }
}

/// Seeded LCA-like matrices and dense reference solves for the solver tests.
pub mod matrices;

/// Fixtures, zips and GWP scores for the importer tests.
pub mod import;

/// External programs (Chromium, poppler) that tests drive.
pub mod tools;

/// The Python of the peer environment (bw2calc, NumPy, SciPy): GREENLCA_PEER_PYTHON. Absent, the test
/// skips with a message, unless GREENLCA_REQUIRE_SHARED_DATA=1 (as in CI), where absence is a failure.
pub fn peer_python() -> Option<PathBuf> {
    let p = std::env::var_os("GREENLCA_PEER_PYTHON").map(PathBuf::from);
    match p {
        Some(p) if p.exists() => Some(p),
        _ if std::env::var("GREENLCA_REQUIRE_SHARED_DATA").is_ok_and(|v| v == "1") => {
            panic!("GREENLCA_PEER_PYTHON must name a Python with bw2calc and NumPy (see ../shared/peers/README.md)")
        }
        _ => {
            eprintln!("skipping: GREENLCA_PEER_PYTHON (a Python with bw2calc and NumPy) is not set");
            None
        }
    }
}

/// The compiled forms of the tests' inputs go to the target directory, not the user's cache.
pub fn test_cache() -> PathBuf {
    std::env::var_os("GREENLCA_CACHE")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("greenlca-cache"))
}

/// Changes the greenlca version written in a compiled file's header (its first digit becomes 9),
/// so that the file reads as written by another greenlca.
pub fn bump_compiled_version(b: &mut [u8]) {
    let version = env!("CARGO_PKG_VERSION");
    let at = b.windows(version.len()).position(|w| w == version.as_bytes()).expect("the header names the version");
    b[at] = b'9';
}
