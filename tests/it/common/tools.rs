//! External programs some tests drive (headless Chromium, poppler): found on PATH, or the test
//! skips with a note, unless GREENLCA_REQUIRE_SHARED_DATA=1 or CI=true, where absence is a failure
//! (the CI script installs them).

use std::path::PathBuf;

/// True where every test must run (CI): a missing tool fails instead of skipping.
pub fn required() -> bool {
    std::env::var("GREENLCA_REQUIRE_SHARED_DATA").is_ok_and(|v| v == "1")
        || std::env::var("CI").is_ok_and(|v| v == "true")
}

/// The first of `names` found on PATH. Absent: `None` with a note naming the test and the Debian
/// package to install, or a panic where tools are required.
pub fn find(names: &[&str], package: &str, test: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    let found = names.iter().flat_map(|n| std::env::split_paths(&path).map(move |d| d.join(n))).find(|p| p.is_file());
    if found.is_none() {
        let what = format!("{test}: none of {} on PATH (Debian package {package})", names.join(", "));
        if required() {
            panic!("{what}, and GREENLCA_REQUIRE_SHARED_DATA=1 or CI=true require it; .ci/run installs it");
        }
        eprintln!("note: {what}; skipped");
    }
    found
}
