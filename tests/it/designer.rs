//! The designer's commands: compare equals separate calc runs, scenario rows equal --set runs,
//! plots are SVG with the expected series and labels.

use crate::common;

use common::{assert_close, run};

fn json_of(args: &[&str]) -> serde_json::Value {
    let (code, out, err) = run(args);
    assert_eq!(code, 0, "{args:?}: {err}");
    serde_json::from_str(&out).unwrap()
}

#[test]
fn compare_equals_separate_calc_runs() {
    let m = "datasets/products/kettle.toml";
    let cmp = json_of(&["compare", m, "--format", "json"]);
    for v in cmp["variants"].as_array().unwrap() {
        let id = v["id"].as_str().unwrap();
        let calc = json_of(&["calc", m, "--variant", id, "--format", "json"]);
        let results = calc["variants"][0]["results"].as_array().unwrap();
        for (cell, r) in v["categories"].as_array().unwrap().iter().zip(results) {
            assert_eq!(cell["category"], r["category"]);
            assert_close(cell["total"].as_f64().unwrap(), r["total"].as_f64().unwrap(), 1e-12);
            for st in cell["stages"].as_array().unwrap() {
                let stage = st[0].as_str().unwrap();
                let expected = r["stages"].get(stage).and_then(|x| x.as_f64()).unwrap_or(0.0);
                assert_close(st[1].as_f64().unwrap(), expected, 1e-12);
            }
        }
    }
    // The best variant per category is the one with the lowest total.
    for (i, (cat, best)) in
        cmp["best"].as_array().unwrap().iter().map(|b| (b[0].as_str().unwrap(), b[1].as_str().unwrap())).enumerate()
    {
        let lowest = cmp["variants"]
            .as_array()
            .unwrap()
            .iter()
            .min_by(|a, b| {
                a["categories"][i]["total"].as_f64().unwrap().total_cmp(&b["categories"][i]["total"].as_f64().unwrap())
            })
            .unwrap();
        assert_eq!(lowest["id"], best, "{cat}");
    }
}

#[test]
fn scenario_rows_equal_individual_set_runs() {
    let d = tempfile::tempdir().unwrap();
    let sc = d.path().join("scenarios.csv");
    std::fs::write(
        &sc,
        "scenario,variant,lifetime_years,uses_per_year\nshort,base,2,600\nheavy,stainless_body,3,1000\n",
    )
    .unwrap();
    let m = "datasets/products/kettle.toml";
    let table = json_of(&["calc", m, "--scenarios", &sc.display().to_string(), "--format", "json"]);
    let expected = [
        ("base", "lifetime_years=2", "uses_per_year=600"),
        ("stainless_body", "lifetime_years=3", "uses_per_year=1000"),
    ];
    for (row, (variant, a, b)) in table["scenarios"].as_array().unwrap().iter().zip(expected) {
        let single = json_of(&["calc", m, "--variant", variant, "--set", a, "--set", b, "--format", "json"]);
        for (k, r) in single["variants"][0]["results"].as_array().unwrap().iter().enumerate() {
            assert_eq!(row["totals"][k].as_f64().unwrap(), r["total"].as_f64().unwrap());
        }
    }
}

fn svg_texts(path: &std::path::Path) -> String {
    let text = std::fs::read_to_string(path).unwrap();
    let doc = roxmltree::Document::parse(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    doc.descendants().filter_map(|n| n.text()).collect::<Vec<_>>().join(" ")
}

#[test]
fn plots_are_svg_with_the_expected_series_and_labels() {
    let d = tempfile::tempdir().unwrap();
    let m = "datasets/products/kettle.toml";
    let calc_dir = d.path().join("calc");
    let (code, _, err) = run(&["calc", m, "--all-variants", "--plot", &calc_dir.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let stages = svg_texts(&calc_dir.join("stages-gwp100.svg"));
    for label in [
        "Raw materials",
        "原材料获取",
        "Use",
        "End of life",
        "base",
        "stainless_body",
        "long_life",
        "kg CO2-eq",
        "per functional unit",
    ] {
        assert!(stages.contains(label), "stages chart lacks {label:?}: {stages}");
    }
    let top = svg_texts(&calc_dir.join("top-processes-base-gwp100.svg"));
    assert!(top.contains("Electricity, national grid average, China, 2023"), "{top}");
    let cmp_dir = d.path().join("compare");
    let (code, _, err) = run(&["compare", m, "--plot", &cmp_dir.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let norm = svg_texts(&cmp_dir.join("normalized.svg"));
    for label in ["base", "grid_south", "relative to baseline [%]", "Acidification"] {
        assert!(norm.contains(label), "normalized chart lacks {label:?}");
    }
    let diff = svg_texts(&cmp_dir.join("difference-grid_south-gwp100.svg"));
    assert!(diff.contains("Use") && diff.contains("grid_south minus base"), "{diff}");
    let con_dir = d.path().join("contrib");
    let (code, _, err) = run(&["contrib", m, "--category", "gwp100", "--plot", &con_dir.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(svg_texts(&con_dir.join("first-tier-gwp100.svg")).contains("electricity for boiling"));
    let (code, _, err) = run(&["contrib", m, "--plot", &con_dir.display().to_string(), "--plot-format", "png"]);
    assert_eq!(code, 0, "{err}");
    assert!(std::fs::read(con_dir.join("processes-gwp100.png")).unwrap().starts_with(b"\x89PNG"));
}

#[test]
fn contrib_listings_account_for_the_total() {
    let r = json_of(&["contrib", "datasets/products/paint.toml", "--format", "json", "--top", "3"]);
    for c in r["categories"].as_array().unwrap() {
        let total = c["total"].as_f64().unwrap();
        for listing in ["processes", "flows", "first_tier"] {
            let l = &c[listing];
            let shown: f64 = l["items"].as_array().unwrap().iter().map(|i| i["value"].as_f64().unwrap()).sum();
            assert_close(shown + l["rest"].as_f64().unwrap(), total, 1e-9);
        }
        let stages: f64 = c["stages"].as_array().unwrap().iter().map(|s| s[1].as_f64().unwrap()).sum();
        assert_close(stages, total, 1e-9);
    }
}
