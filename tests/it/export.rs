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
