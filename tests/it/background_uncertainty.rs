//! Background uncertainty of the default database (datasets/db/pedigree.csv and
//! basic_uncertainty.csv) and the spread warnings of `mc`, `compare --mc` and `check --mc`.

use std::path::Path;

use crate::common::{self, run};
use greenlca::io::read_database;
use greenlca::model::{Direction, Distribution};

fn default_db() -> greenlca::model::Database {
    read_database(&common::root().join("datasets/db")).unwrap()
}

/// The diesel input of road freight, scored (3,3,5,4,3), with the basic variance 0.0006 of an
/// intermediate input: by hand from Weidema et al. (2013), table 10.5 variances 0.002 (reliability
/// 3), 0.0006 (completeness 3), 0.04 (temporal 5), 0.0006 (geographical 4), 0.008 (technology 3).
#[test]
fn pedigree_width_of_one_exchange_by_hand() {
    let db = default_db();
    let p = db.process("transport_truck_cn").unwrap();
    let e = p.exchanges.iter().find(|e| e.flow == "diesel" && e.direction == Direction::Input).unwrap();
    let sigma_by_hand = (0.0006f64 + 0.002 + 0.0006 + 0.04 + 0.0006 + 0.008).sqrt();
    assert!((sigma_by_hand - 0.227596).abs() < 1e-6);
    match e.uncertainty {
        Some(Distribution::Lognormal { mu, sigma }) => {
            assert!((sigma - sigma_by_hand).abs() < 1e-12, "sigma {sigma} vs {sigma_by_hand}");
            assert!((sigma.exp() - 1.25558).abs() < 1e-4, "GSD {}", sigma.exp());
            assert!((mu - e.amount.abs().ln()).abs() < 1e-12, "the median is the amount");
        }
        other => panic!("expected a lognormal, got {other:?}"),
    }
    assert_eq!(e.pedigree, Some([3, 3, 5, 4, 3]));
    // The reference output stays fixed, in every process.
    for p in &db.processes {
        for e in p.exchanges.iter().filter(|e| e.is_reference) {
            assert!(e.uncertainty.is_none(), "reference of {} has a distribution", p.id);
        }
    }
}

/// Every process of the default database is scored, so a process added without scores is noticed.
#[test]
fn every_default_process_has_pedigree_scores() {
    let db = default_db();
    let text = std::fs::read_to_string(common::root().join("datasets/db/pedigree.csv")).unwrap();
    let scored: std::collections::HashSet<&str> = text.lines().skip(1).filter_map(|l| l.split(',').next()).collect();
    let missing: Vec<&str> = db.processes.iter().map(|p| p.id.as_str()).filter(|id| !scored.contains(id)).collect();
    assert!(missing.is_empty(), "add rows for {missing:?} to datasets/db/pedigree.csv (see datasets/README.md)");
}

/// An exchange with a distribution of its own keeps it; the pedigree fills only the others.
#[test]
fn an_own_distribution_is_kept() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::root().join("datasets/db"), dir.path());
    let path = dir.path().join("exchanges.csv");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        out.push_str(line);
        out.push_str(if i == 0 {
            ",uncertainty,gsd"
        } else if line.starts_with("transport_truck_cn,diesel,input") {
            ",lognormal,1.5"
        } else {
            ",,"
        });
        out.push('\n');
    }
    std::fs::write(&path, out).unwrap();
    let db = read_database(dir.path()).unwrap();
    let e = db.process("transport_truck_cn").unwrap().exchanges.iter().find(|e| e.flow == "diesel").unwrap().clone();
    match e.uncertainty {
        Some(Distribution::Lognormal { sigma, .. }) => assert!((sigma - 1.5f64.ln()).abs() < 1e-12, "{sigma}"),
        other => panic!("{other:?}"),
    }
}

/// A model of 1 kg crude steel from the default database, without any distribution of its own.
fn steel_model(dir: &Path, db: &Path) -> String {
    let model = dir.join("steel.toml");
    let text = format!(
        "database = {:?}\nmethods = [\"ipcc2021\"]\n\n[product]\nid = \"steel\"\nname = \"1 kg crude steel\"\nfunctional_unit = \"1 kg crude steel\"\n\n[[exchange]]\nid = \"steel\"\nstage = \"raw_materials\"\nprovider = \"steel_crude_wsa\"\namount = 1\nunit = \"kg\"\n",
        db.display().to_string()
    );
    std::fs::write(&model, text).unwrap();
    model.display().to_string()
}

fn mc_json(model: &str) -> (serde_json::Value, String) {
    let (code, out, err) = run(&["mc", model, "-n", "300", "--seed", "5", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    (serde_json::from_str(&out).unwrap(), err)
}

#[test]
fn mc_on_the_default_database_varies_a_background_only_category() {
    let dir = tempfile::tempdir().unwrap();
    let model = steel_model(dir.path(), &common::root().join("datasets/db"));
    let (report, err) = mc_json(&model);
    let gwp = report["outputs"].as_array().unwrap().iter().find(|o| o["category"] == "gwp100").unwrap();
    // The only distribution reaching it: CO2 of steel, basic 0.0006 + pedigree (2,2,1,2,2)
    // = 0.0006 + 0.0006 + 0.0001 + 0 + 0.000025 + 0.0006 = 0.001925; lognormal CV =
    // sqrt(exp(0.001925) - 1) = 0.04389.
    let cv = gwp["cv"].as_f64().unwrap();
    assert!((cv - 0.04389).abs() < 0.006, "cv {cv}");
    assert!(report.get("warnings").is_none(), "{report}");
    assert!(!err.contains("warning:"), "{err}");
    // All of the variance is the background's.
    assert!(err.contains("the background carries 100 % of the variance"), "{err}");
    let rows = report["meta"]["spread"]["rows"].as_array().unwrap();
    assert!(rows.iter().all(|r| (r["background_share"].as_f64().unwrap() - 1.0).abs() < 1e-9), "{rows:?}");
}

#[test]
fn nothing_varies_warning_fires_only_without_distributions() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    common::copy_dir(&common::root().join("datasets/db"), &db);
    std::fs::remove_file(db.join("pedigree.csv")).unwrap();
    let model = steel_model(dir.path(), &db);
    let (report, err) = mc_json(&model);
    let warnings = report["warnings"].as_array().unwrap();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].as_str().unwrap().starts_with("nothing varies"), "{warnings:?}");
    assert!(err.contains("warning: nothing varies"), "{err}");
    // compare --mc and check --mc say the same; with the default database they stay quiet.
    let kettle = "datasets/products/kettle.toml";
    let (code, out, err) = run(&["compare", &model, "--mc", "50", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: nothing varies"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["spread"]["warnings"].as_array().unwrap().len(), 1, "{v}");
    let (code, out, err) = run(&["compare", kettle, "--mc", "50", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("warning:"), "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(v["spread"]["warnings"].as_array().unwrap().is_empty(), "{v}");
    let shares: Vec<f64> =
        v["spread"]["rows"].as_array().unwrap().iter().map(|r| r["background_share"].as_f64().unwrap()).collect();
    assert!(shares.iter().all(|s| *s > 0.0 && *s <= 1.0), "{shares:?}");
    // The probe's draws run in parallel: the spread is the same at any thread count.
    let (code, out2, err) = run(&["--threads", "2", "compare", kettle, "--mc", "50", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v2: serde_json::Value = serde_json::from_str(&out2).unwrap();
    let (code, out1, err) = run(&["--threads", "1", "compare", kettle, "--mc", "50", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v1: serde_json::Value = serde_json::from_str(&out1).unwrap();
    assert_eq!(v1["spread"], v2["spread"]);
    assert_eq!(v1["spread"]["rows"].as_array().unwrap().len(), shares.len());
    let (code, _, err) = run(&["check", kettle, "--mc", "50"]);
    assert!(code == 0 || code == 1, "{err}");
    assert!(!err.contains("warning:") && err.contains("the background carries"), "{err}");
}

/// The kettle with the database's distributions removed: only the foreground varies.
#[test]
fn fixed_background_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    common::copy_dir(&common::root().join("datasets"), dir.path());
    std::fs::remove_file(dir.path().join("db/pedigree.csv")).unwrap();
    let kettle = dir.path().join("products/kettle.toml");
    let (code, _, err) = run(&["mc", kettle.to_str().unwrap(), "-n", "50"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("warning: the background has no distributions"), "{err}");
    assert!(err.contains("the background carries 0 % of the variance"), "{err}");
}

/// A bad score is refused with the file, the line and the fix, exit code 2 and no output.
#[test]
fn a_bad_pedigree_score_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("db");
    common::copy_dir(&common::root().join("datasets/db"), &db);
    common::edit(&db.join("pedigree.csv"), "steel_crude_wsa,2,2,1,2,2", "steel_crude_wsa,2,2,7,2,2");
    let e = read_database(&db).unwrap_err();
    let text = e.to_string();
    assert!(text.contains("pedigree.csv") && text.contains("steel_crude_wsa"), "{text}");
    assert!(text.contains("`temporal` is 7, not a score from 1 to 5"), "{text}");
    let model = steel_model(dir.path(), &db);
    common::assert_error(&["mc", &model, "-n", "10"], &["pedigree.csv", "not a score from 1 to 5"]);
}
