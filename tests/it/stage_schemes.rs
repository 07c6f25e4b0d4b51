//! Stage schemes: the same exchanges under EN 15804 modules or a model's own stage list give the
//! same totals as under the GB/T stages, the stages add up to the total, and a stage the scheme
//! lacks is refused with the file, the line and the scheme's ids.

use crate::common;

use std::path::Path;

use common::{assert_error, root, run};
use greenlca::calc::{ProductResult, Study};
use greenlca::io::load_model;
use greenlca::matrix::UnlinkedPolicy;

/// The kettle example with absolute data paths and no specification (its stage names are GB/T).
fn kettle_text() -> String {
    let text = std::fs::read_to_string(root().join("datasets/products/kettle.toml")).unwrap();
    let db = root().join("datasets/db");
    text.replace("database = \"../db\"", &format!("database = {:?}", db.display().to_string()))
        .replace("spec = \"../specs/kettle.toml\"\n", "")
        .replace("evidence = \"kettle-evidence.toml\"\n", "")
}

/// `text` with every GB/T stage replaced as `map` says, and `header` put first.
fn restaged(text: &str, header: &str, map: &[(&str, &str)]) -> String {
    let mut out = text.to_string();
    for (from, to) in map {
        out = out.replace(&format!("stage = \"{from}\""), &format!("stage = \"{to}\""));
    }
    format!("{header}\n{out}")
}

/// The kettle under EN 15804 with its end of life declared as module D, written into `dir`.
fn kettle_with_module_d(dir: &Path) -> std::path::PathBuf {
    let en = dir.join("en.toml");
    let map = [
        ("raw_materials", "A1-A3"),
        ("production", "a1_a3"),
        ("distribution", "A4"),
        ("use", "B6"),
        ("end_of_life", "D"),
    ];
    std::fs::write(&en, restaged(&kettle_text(), "stage_scheme = \"en15804\"", &map)).unwrap();
    en
}

fn base_result(path: &Path) -> ProductResult {
    let study = Study::new(load_model(path, None, &[]).unwrap(), UnlinkedPolicy::Error).unwrap();
    let engine = study.engine().unwrap();
    let fg = study.resolve("base", &[]).unwrap();
    study.assess(&engine, &fg).unwrap()
}

fn assert_stages_sum_to_total(r: &ProductResult) {
    for (k, total) in r.totals.iter().enumerate() {
        let sum: f64 = r.stages.iter().filter(|(s, _)| !s.is_separate()).map(|(_, v)| v[k]).sum();
        assert!((sum - total).abs() <= 1e-9 * total.abs().max(1.0), "category {k}: stages {sum} vs total {total}");
    }
}

#[test]
fn en15804_modules_give_the_gbt_totals() {
    let dir = tempfile::tempdir().unwrap();
    let gbt = dir.path().join("gbt.toml");
    std::fs::write(&gbt, kettle_text()).unwrap();
    let en = dir.path().join("en.toml");
    let map = [
        ("raw_materials", "A1-A3"),
        ("production", "a1_a3"),
        ("distribution", "A4"),
        ("use", "B6"),
        ("end_of_life", "C4"),
    ];
    std::fs::write(&en, restaged(&kettle_text(), "stage_scheme = \"en15804\"", &map)).unwrap();

    let (g, e) = (base_result(&gbt), base_result(&en));
    assert_eq!(e.stage_scheme.id(), "en15804");
    assert_eq!(e.stage_scheme.stages().len(), 15);
    let ids: Vec<&str> = e.stages.iter().map(|(s, _)| s.id()).collect();
    assert_eq!(ids, ["a1_a3", "a4", "b6", "c4"]);
    assert_eq!(e.stages[0].0.name_en(), "A1-A3 Product stage");
    assert_stages_sum_to_total(&e);
    // The same exchanges: the totals do not depend on how they are grouped into stages.
    assert_eq!(e.totals, g.totals);
    // A1-A3 holds what GB/T splits into raw materials and production.
    let gs = |id: &str| g.stages.iter().find(|(s, _)| s.id() == id).unwrap().1.clone();
    let a1_a3 = &e.stages[0].1;
    for (k, v) in a1_a3.iter().enumerate() {
        let expected = gs("raw_materials")[k] + gs("production")[k];
        assert!((v - expected).abs() <= 1e-12 * expected.abs().max(1.0));
    }

    // The CSV has one column per module of the scheme, in order.
    let (code, out, err) = run(&["calc", &en.display().to_string(), "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let header = out.lines().next().unwrap();
    assert!(header.ends_with(",a1_a3,a4,a5,b1,b2,b3,b4,b5,b6,b7,c1,c2,c3,c4,d"), "{header}");
}

#[test]
fn a_custom_scheme_inside_the_model() {
    let dir = tempfile::tempdir().unwrap();
    let gbt = dir.path().join("gbt.toml");
    std::fs::write(&gbt, kettle_text()).unwrap();
    let custom = dir.path().join("custom.toml");
    let scheme = r#"[stage_scheme]
id = "kettle_life"
name = "Make, ship, boil, discard"
stage = [
  { id = "make", name = "Making", name_zh = "制造", aliases = ["manufacture"] },
  { id = "ship", name = "Shipping" },
  { id = "boil", name = "Boiling", name_zh = "烧水" },
  { id = "discard", name = "Discarding" },
]"#;
    let map = [
        ("raw_materials", "make"),
        ("production", "Manufacture"),
        ("distribution", "ship"),
        ("use", "boil"),
        ("end_of_life", "discard"),
    ];
    // The table has to come after the top-level keys, so it goes at the end.
    let text = restaged(&kettle_text(), "", &map) + "\n" + scheme + "\n";
    std::fs::write(&custom, text).unwrap();

    let (g, c) = (base_result(&gbt), base_result(&custom));
    assert_eq!(c.stage_scheme.id(), "kettle_life");
    let ids: Vec<&str> = c.stages.iter().map(|(s, _)| s.id()).collect();
    assert_eq!(ids, ["make", "ship", "boil", "discard"]);
    assert_eq!(c.stages[1].0.name_zh(), "Shipping", "the Chinese name defaults to the English one");
    assert_stages_sum_to_total(&c);
    assert_eq!(c.totals, g.totals);
    // `make` holds raw materials and production (written with its alias); the rest map one to one.
    for (a, b) in c.stages[1..].iter().zip(&g.stages[2..]) {
        assert_eq!(a.1, b.1, "stage {} against {}", a.0, b.0);
    }
    for (k, v) in c.stages[0].1.iter().enumerate() {
        let expected = g.stages[0].1[k] + g.stages[1].1[k];
        assert!((v - expected).abs() <= 1e-12 * expected.abs().max(1.0));
    }

    let (code, out, err) = run(&["calc", &custom.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("Making") && out.contains("Boiling") && out.contains("Discarding"), "{out}");
}

#[test]
fn a_stage_outside_the_scheme_is_refused_with_the_line_and_the_ids() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("model.toml");
    // `use` is a GB/T stage, not an EN 15804 module.
    let map = [("raw_materials", "A1-A3"), ("production", "A1-A3"), ("distribution", "A4"), ("end_of_life", "C4")];
    let text = restaged(&kettle_text(), "stage_scheme = \"en15804\"", &map);
    let line = text.lines().position(|l| l == "stage = \"use\"").unwrap();
    // The error points at the `[[exchange]]` header of that exchange.
    let header = text.lines().take(line).collect::<Vec<_>>().iter().rposition(|l| *l == "[[exchange]]").unwrap() + 1;
    std::fs::write(&en, text).unwrap();
    assert_error(
        &["calc", &en.display().to_string()],
        &[
            &format!("model.toml:{header}"),
            "unknown stage `use`",
            "hint:",
            "a1_a3, a4, a5, b1",
            "b6",
            "or d",
            "en15804",
        ],
    );

    // An unknown scheme id lists the shipped ones.
    std::fs::write(&en, restaged(&kettle_text(), "stage_scheme = \"en15978\"", &[])).unwrap();
    assert_error(
        &["calc", &en.display().to_string()],
        &["model.toml:1", "unknown stage scheme `en15978`", "gbt, en15804"],
    );

    // The GB/T default keeps its hint.
    std::fs::write(&en, restaged(&kettle_text(), "", &[("use", "usage")])).unwrap();
    assert_error(
        &["calc", &en.display().to_string()],
        &["unknown stage `usage`", "use raw_materials, production, distribution, use or end_of_life"],
    );
}

/// EN 15804+A2 module D is reported beside the total, not in it. The kettle with its end of life
/// declared as module D: the total is the GB/T total without end of life, and D shows the end of
/// life's value. Known answers: datasets/products/expected_results.csv (written by the independent
/// NumPy script), kettle base GWP100: total 169.7412470958568, end of life 3.128886645675064.
#[test]
fn module_d_is_reported_separately_and_left_out_of_the_total() {
    let dir = tempfile::tempdir().unwrap();
    let en = kettle_with_module_d(dir.path());
    let e = base_result(&en);
    let (total, eol) = (169.7412470958568, 3.128886645675064);
    let d = e.stages.iter().find(|(s, _)| s.id() == "d").unwrap();
    assert!(d.0.is_separate());
    assert!((d.1[0] - eol).abs() <= 1e-12 * eol, "D {}", d.1[0]);
    assert!((e.totals[0] - (total - eol)).abs() <= 1e-12 * total, "total {}", e.totals[0]);
    assert_stages_sum_to_total(&e);
    // The command line shows D in its own column and leaves it out of the total.
    let (code, out, err) = run(&["calc", &en.display().to_string(), "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let r = &v["variants"][0]["results"][0];
    assert_eq!(r["category"], "gwp100");
    assert!((r["total"].as_f64().unwrap() - (total - eol)).abs() <= 1e-12 * total);
    assert!((r["stages"]["d"].as_f64().unwrap() - eol).abs() <= 1e-12 * eol);
}

/// The report's stacked stage charts add up to the totals, so module D (reported separately) is
/// not one of their series; the stage table still shows it.
#[test]
fn report_charts_leave_module_d_out_of_the_stacks() {
    let dir = tempfile::tempdir().unwrap();
    let en = kettle_with_module_d(dir.path());
    let out = dir.path().join("report");
    let (code, _, err) = run(&[
        "report",
        &en.display().to_string(),
        "--out",
        &out.display().to_string(),
        "--lang",
        "en",
        "--date",
        "2026-01-01",
    ]);
    assert_eq!(code, 0, "{err}");
    // Legends shorten long names, so the charts are searched for the start of D's name.
    for chart in ["charts/stage_shares.svg", "charts/stages_gwp100.svg"] {
        let svg = std::fs::read_to_string(out.join(chart)).unwrap();
        assert!(svg.contains("A4 Transport"), "{chart} lacks the A4 series");
        assert!(!svg.contains("D Reuse"), "{chart} stacks module D");
    }
    let d_name = "D Reuse, recovery and recycling potential";
    let md = std::fs::read_to_string(out.join("report.md")).unwrap();
    assert!(md.contains(d_name), "the report's stage table lacks module D");
}
