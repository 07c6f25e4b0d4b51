//! Malformed specifications: exit 2 naming the file and line, never a verdict (exit 0 or 1).

use super::refused_without_output;
use crate::common::root;

const SPEC: &str = "datasets/specs/paint.toml";
const GRADES: &str =
    r#"grades = [{ grade = "1", limit = 0.95 }, { grade = "2", limit = 0.93 }, { grade = "3", limit = 0.90 }]"#;

/// Checks the paint model against a copy of its specification with `from` replaced by `to`.
#[track_caller]
fn refused(from: &str, to: &str, needles: &[&str]) {
    let d = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(root().join(SPEC)).unwrap();
    assert!(text.contains(from), "{from}");
    let spec = d.path().join("spec.toml");
    std::fs::write(&spec, text.replacen(from, to, 1)).unwrap();
    let s = spec.display().to_string();
    let mut all = vec![s.as_str()];
    all.extend(needles);
    refused_without_output(d.path(), &["check", "datasets/products/paint.toml", "--spec", &s], &all);
}

#[test]
fn limits_that_are_not_finite_are_refused() {
    for bad in ["inf", "-inf", "nan"] {
        refused("limit = 0.5\n", &format!("limit = {bad}\n"), &["`limit` is"]);
    }
    refused("limit = 0.95 }", "limit = inf }", &["grade `1` has the bound inf"]);
}

#[test]
fn unsorted_or_duplicate_grades_are_refused() {
    // Higher is better: the bounds must fall from grade 1 to grade 3.
    let swapped = GRADES.replace("0.95", "0.91");
    refused(GRADES, &swapped, &["not in order", "`2` (0.93) follows `1` (0.91)"]);
    let twice = GRADES.replace("grade = \"3\"", "grade = \"2\"");
    refused(GRADES, &twice, &["grade `2` is listed twice"]);
}

#[test]
fn a_negative_tolerance_is_refused() {
    refused(
        "operator = \"<=\"\nlimit = 0.5\n",
        "operator = \"equals\"\nlimit = 0.5\ntolerance = -0.1\n",
        &["`tolerance` is -0.1"],
    );
}
