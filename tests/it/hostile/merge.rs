//! Edited or forged partial results: exit 2 naming the file, never an index panic or an abort on
//! a huge allocation.

use std::path::{Path, PathBuf};

use super::refused_without_output;
use crate::common::run;

fn mc_part(dir: &Path, shard: &str) -> PathBuf {
    let p = dir.join(format!("mc-{}.json", shard.replace('/', "of")));
    let r = run(&[
        "mc",
        "datasets/products/paint.toml",
        "-n",
        "20",
        "--seed",
        "3",
        "--shard",
        shard,
        "--out",
        &p.display().to_string(),
    ]);
    assert_eq!(r.0, 0, "{}", r.2);
    p
}

fn sobol_part(dir: &Path) -> PathBuf {
    let p = dir.join("sobol.json");
    let r = run(&[
        "sensitivity",
        "datasets/products/kettle.toml",
        "--sobol",
        "10",
        "--bootstrap",
        "5",
        "--shard",
        "0/1",
        "--out",
        &p.display().to_string(),
    ]);
    assert_eq!(r.0, 0, "{}", r.2);
    p
}

/// Rewrites a JSON file through `f`.
fn forge(path: &Path, f: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut v: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    f(&mut v);
    let forged = path.with_file_name(format!("forged-{}", path.file_name().unwrap().to_string_lossy()));
    std::fs::write(&forged, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    forged.display().to_string()
}

#[test]
fn forged_monte_carlo_parts_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let (p0, p1) = (mc_part(d.path(), "0/2"), mc_part(d.path(), "1/2"));
    let p1s = p1.display().to_string();
    // A row shorter than the labels.
    let short = forge(&p0, |v| {
        v["values"][3].as_array_mut().unwrap().clear();
    });
    refused_without_output(d.path(), &["merge", &short, &p1s], &[&short, "iteration 3 has 0 values"]);
    // An absurd iteration count, which asked for a huge allocation.
    for n in [u64::MAX, 1u64 << 60] {
        let huge = forge(&p0, |v| v["iterations"] = n.into());
        refused_without_output(d.path(), &["merge", &huge, &p1s], &["hint:"]);
    }
    // A start beyond the run.
    let late = forge(&p1, |v| v["start"] = 1_000_000.into());
    refused_without_output(d.path(), &["merge", &p0.display().to_string(), &late], &[&late, "of a run of 20"]);
}

#[test]
fn forged_sobol_parts_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let p = sobol_part(d.path());
    let boot = forge(&p, |v| v["bootstrap"] = (1u64 << 62).into());
    refused_without_output(d.path(), &["merge", &boot], &[&boot, "`bootstrap`"]);
    let zero = forge(&p, |v| v["bootstrap"] = 0.into());
    refused_without_output(d.path(), &["merge", &zero], &[&zero, "`bootstrap` is 0"]);
    let short = forge(&p, |v| {
        v["rows"]["fab"][2].as_array_mut().unwrap().pop();
    });
    refused_without_output(d.path(), &["merge", &short], &[&short, "row 2"]);
    let fewer = forge(&p, |v| {
        v["rows"]["fb"].as_array_mut().unwrap().pop();
    });
    refused_without_output(d.path(), &["merge", &fewer], &[&fewer, "f(B) rows"]);
}

#[test]
fn an_absurd_bootstrap_count_is_refused_before_the_run() {
    let d = tempfile::tempdir().unwrap();
    for b in ["0", "100000000"] {
        refused_without_output(
            d.path(),
            &["sensitivity", "datasets/products/kettle.toml", "--sobol", "10", "--bootstrap", b],
            &["--bootstrap", "hint:"],
        );
    }
}
