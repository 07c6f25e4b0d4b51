//! Matrix exchange folders with absurd indices, zero diagonals and masses of bad lines.

use std::path::Path;

use super::refused_without_output;
use crate::common::{assert_close, run};

/// A two-process folder with the given technosphere: B = [[1, 2]], C = [[1]], f = e_0.
fn folder(dir: &Path, technosphere: &str) {
    std::fs::write(dir.join("technosphere.csv"), technosphere).unwrap();
    std::fs::write(dir.join("biosphere.csv"), "row,col,amount\n0,0,1\n0,1,2\n").unwrap();
    std::fs::write(dir.join("cf.csv"), "flow,category,factor\n0,0,1\n").unwrap();
    std::fs::write(dir.join("demand.csv"), "process,amount\n0,1\n").unwrap();
}

const GOOD: &str = "row,col,amount\n0,0,1\n1,0,-0.5\n1,1,1\n";

fn calc(dir: &Path) -> (i32, String, String) {
    run(&["calc", "--matrices", &dir.display().to_string(), "--format", "json"])
}

#[test]
fn the_good_folder_solves() {
    // Process 0 needs 0.5 of product 1: s = [1, 0.5]; g = 1 * 1 + 0.5 * 2 = 2; score 2.
    let d = tempfile::tempdir().unwrap();
    folder(d.path(), GOOD);
    let (code, out, err) = calc(d.path());
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_close(v["scores"][0]["total"].as_f64().unwrap(), 2.0, 1e-12);
    assert_close(v["supply_sum"].as_f64().unwrap(), 1.5, 1e-12);
}

#[test]
fn an_absurd_index_is_a_message_not_an_allocation() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().display().to_string();
    for index in ["100000000000000", "2000000"] {
        folder(d.path(), &format!("{GOOD}{index},0,1\n"));
        refused_without_output(d.path(), &["calc", "--matrices", &dir], &["technosphere.csv:5", "far beyond", "hint:"]);
    }
    // A flow index far beyond the entries that could fill it.
    folder(d.path(), GOOD);
    std::fs::write(d.path().join("biosphere.csv"), "row,col,amount\n0,0,1\n99999999999,1,2\n").unwrap();
    refused_without_output(d.path(), &["calc", "--matrices", &dir], &["biosphere.csv:3", "far beyond"]);
}

#[test]
fn zero_and_cancelling_diagonals_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let dir = d.path().display().to_string();
    folder(d.path(), "row,col,amount\n0,0,1\n1,0,-0.5\n1,1,0\n0,1,1\n");
    refused_without_output(d.path(), &["calc", "--matrices", &dir], &["technosphere.csv", "process 1", "zero"]);
    folder(d.path(), "row,col,amount\n0,0,1\n1,0,-0.5\n1,1,1\n1,1,-1\n0,1,1\n");
    refused_without_output(d.path(), &["calc", "--matrices", &dir], &["technosphere.csv", "process 1", "cancel"]);
}

#[test]
fn a_mass_of_bad_lines_is_summarised() {
    let d = tempfile::tempdir().unwrap();
    let mut tech = String::from(GOOD);
    for i in 0..5000 {
        tech.push_str(&format!("{i},x,1\n"));
    }
    folder(d.path(), &tech);
    let (code, out, err) = calc(d.path());
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("more problems"), "{err}");
    assert!(err.lines().count() < 400, "{} lines of messages", err.lines().count());
}
