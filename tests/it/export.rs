//! `export --matrices`: both forms (triplet CSV, Matrix Market) read back to the model's results.

use crate::common;

use common::{assert_close, run};

#[test]
fn exported_matrices_in_both_forms_give_the_model_results() {
    let d = tempfile::tempdir().unwrap();
    let all = d.path().join("all");
    let m = "datasets/products/paint.toml";
    let (code, _, err) = run(&["export", m, "--matrices", &all.display().to_string(), "--variant", "steel_pail"]);
    assert_eq!(code, 0, "{err}");
    // The Matrix Market form alone: the .mtx files with the index files and the demand.
    let mtx = d.path().join("mtx");
    std::fs::create_dir_all(&mtx).unwrap();
    for f in [
        "technosphere.mtx",
        "biosphere.mtx",
        "characterization.mtx",
        "processes.csv",
        "flows.csv",
        "categories.csv",
        "demand.csv",
    ] {
        std::fs::copy(all.join(f), mtx.join(f)).unwrap();
    }
    let header = std::fs::read_to_string(mtx.join("technosphere.mtx")).unwrap();
    assert!(header.starts_with("%%MatrixMarket matrix coordinate real general"));
    let calc: serde_json::Value =
        serde_json::from_str(&run(&["calc", m, "--variant", "steel_pail", "--format", "json"]).1).unwrap();
    for dir in [&all, &mtx] {
        let (code, out, err) = run(&["calc", "--matrices", &dir.display().to_string(), "--format", "csv"]);
        assert_eq!(code, 0, "{err}");
        for (line, r) in out.lines().skip(1).zip(calc["variants"][0]["results"].as_array().unwrap()) {
            let total: f64 = line.rsplit(',').next().unwrap().parse().unwrap();
            assert_close(total, r["total"].as_f64().unwrap(), 1e-12);
        }
    }
    // Refuses to overwrite a folder with files in it.
    common::assert_error(&["export", m, "--matrices", &all.display().to_string()], &["is not empty", "--force"]);
}

/// A variant that relinks a provider throughout the supply chain exports its own background: the
/// exported matrices give the relinked model's results, not the shared background's.
#[test]
fn relinked_variant_exports_its_own_background() {
    let d = tempfile::tempdir().unwrap();
    let m = "datasets/products/kettle.toml";
    let relink = "grid_cn_2023=grid_tianjin_2022";
    let totals = |args: &[&str]| -> Vec<f64> {
        let (code, out, err) = run(args);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        v["variants"][0]["results"].as_array().unwrap().iter().map(|r| r["total"].as_f64().unwrap()).collect()
    };
    let model = totals(&["calc", m, "--relink", relink, "--format", "json"]);
    let shared = totals(&["calc", m, "--format", "json"]);
    let dir = d.path().join("relinked").display().to_string();
    let (code, _, err) = run(&["export", m, "--relink", relink, "--matrices", &dir]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = run(&["calc", "--matrices", &dir, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let exported: Vec<f64> = out.lines().skip(1).map(|l| l.rsplit(',').next().unwrap().parse().unwrap()).collect();
    assert_eq!(exported.len(), model.len());
    assert_eq!(model.len(), shared.len());
    for ((e, m), s) in exported.iter().zip(&model).zip(&shared) {
        assert_close(*e, *m, 1e-12);
        // Tianjin's grid emits more CO2 per kWh than the national average: GWP differs.
        assert!((m - s).abs() > 1e-6 * s.abs() || *s == 0.0 || (m - s).abs() == 0.0);
    }
    assert!((model[0] - shared[0]).abs() > 10.0, "GWP100 {} vs {}", model[0], shared[0]);
}
