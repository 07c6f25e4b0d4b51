//! `greenlca check`: foreground indicators against hand-computed values, missing evidence, exit
//! codes, and every kind of bad specification.

use crate::common;

use common::{assert_close, assert_error, copy_fixture, edit, run};

fn check_json(model: &str, extra: &[&str]) -> (i32, serde_json::Value) {
    let mut args = vec!["check", model, "--format", "json"];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert!(code == 0 || code == 1, "{err}");
    (code, serde_json::from_str(&out).unwrap())
}

fn indicator<'a>(v: &'a serde_json::Value, id: &str) -> &'a serde_json::Value {
    v["variants"][0]["indicators"].as_array().unwrap().iter().find(|i| i["id"] == id).unwrap()
}

const WIDGET: [&str; 4] = ["--spec", "tests/data/check/spec.toml", "--evidence", "tests/data/check/evidence.toml"];

#[test]
fn foreground_indicators_equal_hand_computed_values() {
    let (code, r) = check_json("tests/data/check/widget.toml", &WIDGET);
    // Per widget (the model's reference flow is 2 widgets, the limits are per 1):
    // energy in production: (10 kWh x 0.1229 + 2 m3 x 1.33 kgce) / 2 (GB/T 2589-2020, datasets/indicators)
    assert_close(indicator(&r, "energy")["value"].as_f64().unwrap(), (10.0 * 0.1229 + 2.0 * 1.33) / 2.0, 1e-12);
    // recycled content: (1 kg x 0.3 + 3 kg x 0.1) / 4 kg = 15 %, exactly at the >= 15 limit: pass
    assert_close(indicator(&r, "recycled")["value"].as_f64().unwrap(), 15.0, 1e-12);
    assert_eq!(indicator(&r, "recycled")["status"], "pass");
    // packaging: 0.2 kg / 2 = 100 g, exactly at the < 100 limit: fail
    assert_close(indicator(&r, "packaging")["value"].as_f64().unwrap(), 100.0, 1e-12);
    assert_eq!(indicator(&r, "packaging")["status"], "fail");
    // fresh water: 50 l / 2 = 25 l, at the upper end of the range [10, 25]: pass
    assert_close(indicator(&r, "water")["value"].as_f64().unwrap(), 25.0, 1e-12);
    assert_eq!(indicator(&r, "water")["status"], "pass");
    // declared 0.03 kg/l = 30 g/L, with its evidence
    assert_close(indicator(&r, "voc")["value"].as_f64().unwrap(), 30.0, 1e-12);
    assert_eq!(indicator(&r, "voc")["evidence"], "TEST-REPORT-1 (fictitious)");
    assert_eq!(r["variants"][0]["verdict"], "not met");
    assert_eq!(code, 1);
}

#[test]
fn missing_evidence_is_never_a_pass() {
    let (code, r) = check_json("tests/data/check/widget.toml", &["--spec", "tests/data/check/spec.toml"]);
    assert_eq!(code, 1);
    assert_eq!(indicator(&r, "voc")["status"], "not met: evidence missing");
    assert_eq!(r["variants"][0]["requirements"][0]["status"], "not met: evidence missing");
    let d = copy_fixture("check");
    edit(&d.path().join("evidence.toml"), "evidence = \"TEST-MONITORING-1 (fictitious)\"", "");
    let m = d.path().join("widget.toml").display().to_string();
    let (_, r) = check_json(
        &m,
        &[
            "--spec",
            &d.path().join("spec.toml").display().to_string(),
            "--evidence",
            &d.path().join("evidence.toml").display().to_string(),
        ],
    );
    assert_eq!(r["variants"][0]["requirements"][0]["status"], "not met: evidence missing");
}

#[test]
fn exit_codes_follow_the_verdict() {
    // The shipped kettle: `long_life` passes its illustrative specification, `base` does not.
    let (code, _, err) = run(&["check", "datasets/products/kettle.toml", "--variant", "long_life"]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = run(&["check", "datasets/products/kettle.toml"]);
    assert_eq!(code, 1);
    assert!(out.contains("NOT MET"));
    let (code, out, _) = run(&["check", "datasets/products/kettle.toml", "--all-variants", "--format", "csv"]);
    assert_eq!(code, 1);
    assert!(out.lines().any(|l| l.starts_with("long_life,verdict") && l.contains(",pass,")), "{out}");
}

fn bad_spec(from: &str, to: &str, needles: &[&str]) {
    let d = copy_fixture("check");
    let spec = d.path().join("spec.toml");
    edit(&spec, from, to);
    let m = d.path().join("widget.toml").display().to_string();
    let s = spec.display().to_string();
    let mut all = vec!["spec.toml"];
    all.extend_from_slice(needles);
    assert_error(&["check", &m, "--spec", &s], &all);
}

#[test]
fn bad_specifications_name_the_file_the_indicator_and_the_fix() {
    bad_spec(
        "source = { foreground = \"energy_kgce\" }",
        "source = { fooground = \"energy_kgce\" }",
        &["indicator `energy`", "unknown source `fooground`", "hint:"],
    );
    bad_spec(
        "source = { foreground = \"energy_kgce\" }",
        "source = { foreground = \"energy\" }",
        &["indicator `energy`", "unknown foreground indicator `energy`"],
    );
    bad_spec(
        "unit = \"kgce\"",
        "unit = \"kg\"",
        &["indicator `energy`", "cannot convert `kgce` (energy) into `kg` (mass)"],
    );
    bad_spec(
        "operator = \"<=\"\nlimit = 2",
        "operator = \"=<\"\nlimit = 2",
        &["indicator `energy`", "unknown operator `=<`", "<=, >=, <, >, range, equals, grade or yes"],
    );
    bad_spec("operator = \"<=\"\nlimit = 2", "operator = \"<=\"", &["indicator `energy`", "no `limit`"]);
    bad_spec(
        "source = { foreground = \"recycled_content\" }",
        "source = { lcia = \"gwp1000\" }",
        &["indicator `recycled`", "category `gwp1000` is not in the model's methods", "gwp100"],
    );
    bad_spec(
        "source = { foreground = \"packaging_mass\" }",
        "source = { flow = \"co2_fosil\" }",
        &["indicator `packaging`", "flow `co2_fosil` is not an elementary flow"],
    );
    bad_spec(
        "stages = [\"production\"]",
        "stages = [\"distribution\"]",
        &["indicator `energy`", "stage `distribution` has no exchanges in the model"],
    );
    bad_spec(
        "basis = { amount = 1, unit = \"unit\" }",
        "basis = { amount = 1, unit = \"t\" }",
        &["[standard] basis", "refer to 1 t", "reference flow is 2 unit"],
    );
}

#[test]
fn nothing_is_written_when_the_specification_is_bad() {
    let d = copy_fixture("check");
    edit(&d.path().join("spec.toml"), "operator = \"<=\"\nlimit = 2", "operator = \"=<\"\nlimit = 2");
    let out = d.path().join("check.json");
    let m = d.path().join("widget.toml").display().to_string();
    assert_error(
        &[
            "check",
            &m,
            "--spec",
            &d.path().join("spec.toml").display().to_string(),
            "--format",
            "json",
            "--out",
            &out.display().to_string(),
        ],
        &["unknown operator"],
    );
    assert!(!out.exists());
}
