//! Hostile and careless input (issue 12): crashes, silent wrong answers, memory and time. Each
//! case asserts exit code 2 with a message naming the file, line or id, and that nothing was
//! written; the sign and matching rules are checked against hand calculations.

mod csv_input;
mod elementary_sign;
mod formulas;
mod loops;
mod matrix_folder;
mod memory;
mod merge;
mod non_finite;
mod spec;
mod variants;
mod xml;

use std::path::Path;

use crate::common::{assert_error, run};

/// Runs `args` plus `--out OUT` inside `dir`, asserts exit 2, the needles, and that OUT was not
/// written.
#[track_caller]
pub fn refused_without_output(dir: &Path, args: &[&str], needles: &[&str]) {
    let out = dir.join("result-should-not-exist.json");
    let out_s = out.display().to_string();
    let mut all: Vec<&str> = args.to_vec();
    all.extend(["--out", &out_s]);
    assert_error(&all, needles);
    assert!(!out.exists(), "{} was written", out.display());
}

/// The JSON of a successful `calc --format json`.
#[track_caller]
pub fn calc_json(model: &str) -> serde_json::Value {
    let (code, out, err) = run(&["calc", model, "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// The total of `category` in the first variant of a calc JSON.
pub fn total(v: &serde_json::Value, category: &str) -> f64 {
    let results = v["variants"][0]["results"].as_array().unwrap();
    results.iter().find(|r| r["category"] == category).unwrap()["total"].as_f64().unwrap()
}
