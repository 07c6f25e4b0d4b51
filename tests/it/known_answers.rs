//! Published worked examples rebuilt in the native format (tests/data), checked to their known answers.

use crate::common;

use common::{assert_close, fixture, shared};
use greenlca::calc::Study;
use greenlca::io::load_model;
use greenlca::matrix::UnlinkedPolicy;

fn run(model: &str) -> (Study, Vec<f64>, Vec<f64>, Vec<f64>) {
    let study = Study::new(load_model(&fixture(model), None, &[]).unwrap(), UnlinkedPolicy::Error).unwrap();
    let engine = study.engine().unwrap();
    let fg = study.resolve("base", &[]).unwrap();
    let r = study.assess(&engine, &fg).unwrap();
    (study, r.totals.clone(), r.supply.clone(), r.inventory.clone())
}

#[test]
fn heijungs_suh_chapter_2() {
    let (study, totals, supply, inventory) = run("heijungs_suh/model.toml");
    // s = [100, 2]: 100 runs of 10 kWh, 2 runs of 100 l of fuel.
    let col = |id: &str| study.system.column_index.get(id).unwrap();
    assert_close(supply[col("electricity_production")], 100.0, 1e-14);
    assert_close(supply[col("fuel_production")], 2.0, 1e-14);
    let flow = |id: &str| study.system.flow_index.get(id).unwrap();
    // Resource extraction is a positive amount (Brightway convention; the book writes -100).
    assert_close(inventory[flow("crude_oil")], 100.0, 1e-14);
    assert_close(inventory[flow("co2")], 120.0, 1e-14);
    assert_close(inventory[flow("so2")], 14.0, 1e-14);
    assert_close(totals[0], 120.0, 1e-14);
    assert_close(totals[1], 14.0, 1e-14);
    if let Some(p) = shared("data/known-answers/heijungs_suh_2002_ch2.json") {
        let ka = common::json(&p);
        let s: Vec<f64> = ka["expected_scaling_s"].as_array().unwrap().iter().map(|v| v.as_f64().unwrap()).collect();
        assert_close(supply[col("electricity_production")], s[0], 1e-14);
        assert_close(supply[col("fuel_production")], s[1], 1e-14);
        assert_close(inventory[flow("co2")], ka["expected_inventory_g"]["CO2"].as_f64().unwrap(), 1e-14);
        assert_close(inventory[flow("so2")], ka["expected_inventory_g"]["SO2"].as_f64().unwrap(), 1e-14);
        assert_close(-inventory[flow("crude_oil")], ka["expected_inventory_g"]["crude oil"].as_f64().unwrap(), 1e-14);
    }
}

#[test]
fn brightway_basic_fixture() {
    let (study, totals, supply, _) = run("bw_basic/model.toml");
    assert_eq!(supply[study.system.column_index.get("activity_101").unwrap()], 1.0);
    assert_eq!(supply[study.system.column_index.get("activity_102").unwrap()], 0.5);
    assert_eq!(totals, vec![1.0]);
}

#[test]
fn mobility_example_with_formulas() {
    let expected = [
        ("mobility/driving_electric.toml", 0.1824816),
        ("mobility/driving_combustion.toml", 0.1549075),
        ("mobility/electric_car.toml", 4096.32),
        ("mobility/battery.toml", 1214.82),
    ];
    for (model, kg) in expected {
        let (_, totals, _, _) = run(model);
        assert_close(totals[0], kg, 1e-12);
    }
    if let Some(p) = shared("data/known-answers/mobility_known_answers.csv") {
        let text = std::fs::read_to_string(p).unwrap();
        assert!(text.contains("0.1824816") && text.contains("4096.32"), "the shared known answers changed");
    }
}

#[test]
fn mobility_uniform_around_fifty_is_an_error_naming_the_parameter() {
    let dir = tempfile::tempdir().unwrap();
    let src = fixture("mobility");
    for e in std::fs::read_dir(&src).unwrap() {
        let p = e.unwrap().path();
        std::fs::copy(&p, dir.path().join(p.file_name().unwrap())).unwrap();
    }
    let params = dir.path().join("parameters.csv");
    let text = std::fs::read_to_string(&params)
        .unwrap()
        .replace("scope,name,value,formula", "scope,name,value,formula,uncertainty,minimum,maximum")
        .replace("global,battery_capacity,50,", "global,battery_capacity,50,,uniform,0,1");
    std::fs::write(&params, text).unwrap();
    let err = load_model(&dir.path().join("battery.toml"), None, &[]).unwrap_err();
    let msg = err.to_string();
    assert!(msg.contains("parameters.csv:4"), "{msg}");
    assert!(msg.contains("battery_capacity") || msg.contains("50"), "{msg}");
    assert!(msg.contains("[0, 1]"), "{msg}");
}

#[test]
fn a_variant_that_changes_a_database_parameter_gets_its_own_background() {
    // electricity_per_km 0.27 -> 0.2 saves 0.07 kWh x 0.6 kg CO2/kWh per km.
    let m = "tests/data/mobility/driving_variants.toml";
    let (code, out, err) = common::run(&["calc", m, "--all-variants", "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let totals: Vec<f64> = out.lines().skip(1).map(|l| l.split(',').nth(5).unwrap().parse().unwrap()).collect();
    assert_close(totals[0], 0.1824816, 1e-12);
    assert_close(totals[1], 0.1824816 - 0.07 * 0.6, 1e-12);
    let (code, out, err) = common::run(&["contrib", m, "--variant", "efficient", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_close(v["categories"][0]["total"].as_f64().unwrap(), 0.1404816, 1e-12);
    assert_close(v["categories"][0]["tree"]["total"].as_f64().unwrap(), 0.1404816, 1e-12);
    // The flow indicator of `check` sees the variant's background: 140.48 g <= 150 passes, 182.48 g fails.
    let spec = "tests/data/mobility/co2_spec.toml";
    assert_eq!(common::run(&["check", m, "--spec", spec, "--variant", "efficient"]).0, 0);
    assert_eq!(common::run(&["check", m, "--spec", spec]).0, 1);
}

/// Parses datasets/products/expected_results.csv (or the script's output) into rows of fields.
fn expected_rows(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = text.lines();
    let header = lines.next().unwrap().split(',').map(str::to_string).collect::<Vec<_>>();
    let rows = lines.map(|l| l.split(',').map(str::to_string).collect::<Vec<_>>()).collect::<Vec<_>>();
    assert!(rows.iter().all(|r| r.len() == header.len()), "rows as long as the header");
    (header, rows)
}

const EXPECTED_STAGES: [&str; 6] = ["raw_materials", "production", "distribution", "use", "end_of_life", "total"];

#[test]
fn example_products_equal_their_independent_results() {
    // datasets/products/expected_results.csv: every variant, category and stage at full precision,
    // written by tests/scripts/expected_results.py (NumPy, dense inverse, no greenlca code); the next
    // test checks that the script still writes exactly these numbers.
    let text = std::fs::read_to_string(common::root().join("datasets/products/expected_results.csv")).unwrap();
    let (header, rows) = expected_rows(&text);
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let mut checked = 0;
    for product in ["kettle", "paint"] {
        let (code, out, err) =
            common::run(&["calc", &format!("datasets/products/{product}.toml"), "--all-variants", "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let calc: serde_json::Value = serde_json::from_str(&out).unwrap();
        let variants = calc["variants"].as_array().unwrap();
        let mine: Vec<&Vec<String>> = rows.iter().filter(|r| r[col("product")] == product).collect();
        let categories = variants[0]["results"].as_array().unwrap().len();
        assert_eq!(mine.len(), variants.len() * categories, "{product}: one row per variant and category");
        for f in mine {
            let v = variants.iter().find(|v| v["id"] == f[col("variant")].as_str()).unwrap();
            let r =
                v["results"].as_array().unwrap().iter().find(|r| r["category"] == f[col("category")].as_str()).unwrap();
            let category = calc["categories"].as_array().unwrap().iter().find(|c| c["id"] == r["category"]).unwrap();
            assert_eq!(category["unit"], f[col("unit")].as_str());
            let total: f64 = f[col("total")].parse().unwrap();
            for stage in EXPECTED_STAGES {
                let e: f64 = f[col(stage)].parse().unwrap();
                let got = if stage == "total" {
                    r["total"].as_f64()
                } else {
                    r["stages"].get(stage).and_then(|x| x.as_f64())
                }
                .unwrap_or(0.0);
                // Two summation orders of the same terms: a few ulps of the category total.
                assert!((got - e).abs() <= 1e-13 * total.abs().max(e.abs()) + 1e-300, "{f:?} {stage}: {got}");
            }
            checked += 1;
        }
    }
    assert_eq!(checked, 40);
}

#[test]
fn the_independent_script_writes_the_expected_results() {
    let Some(py) = common::peer_python() else { return };
    let out = std::process::Command::new(py)
        .arg(common::root().join("tests/scripts/expected_results.py"))
        .arg(common::root())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let committed = std::fs::read_to_string(common::root().join("datasets/products/expected_results.csv")).unwrap();
    let (h1, committed) = expected_rows(&committed);
    let (h2, fresh) = expected_rows(&String::from_utf8(out.stdout).unwrap());
    assert_eq!(h1, h2);
    assert_eq!(committed.len(), fresh.len());
    for (a, b) in committed.iter().zip(&fresh) {
        assert_eq!(a[..4], b[..4]);
        for (x, y) in a[4..].iter().zip(&b[4..]) {
            let (x, y): (f64, f64) = (x.parse().unwrap(), y.parse().unwrap());
            // Another NumPy or BLAS may differ in the last bits of the inverse.
            assert!((x - y).abs() <= 1e-14 * x.abs().max(y.abs()), "{a:?} vs {b:?}");
        }
    }
}
