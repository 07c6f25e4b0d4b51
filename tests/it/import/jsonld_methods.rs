//! LCIA methods inside an openLCA JSON-LD export: `import` writes them as native methods beside the
//! database, and they score the imported processes like a hand-written method.

use crate::common::import::{close, data, zip_dir};
use crate::common::{copy_dir, run};

const METHOD: &str = r#"{"@type": "ImpactMethod", "@id": "m-test", "name": "Test GWP method", "version": "1.0",
  "impactCategories": [{"@type": "ImpactCategory", "@id": "c-gwp", "name": "Climate change"}]}"#;

const CATEGORY: &str = r#"{"@type": "ImpactCategory", "@id": "c-gwp", "name": "Climate change", "refUnit": "kg CO2 eq",
  "impactFactors": [
    {"@type": "ImpactFactor", "value": 1.0, "unit": {"name": "kg"},
     "flow": {"@type": "Flow", "@id": "f-co2", "name": "Carbon dioxide, fossil", "category": "Elementary flows/Emission to air/unspecified"}},
    {"@type": "ImpactFactor", "value": 2.0, "unit": {"name": "g"},
     "flow": {"@type": "Flow", "@id": "f-co2b", "name": "Carbon dioxide, biogenic"}}]}"#;

#[test]
fn import_writes_the_methods_of_the_export() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data("jsonld_v2"), dir.path());
    for (folder, name, text) in [("lcia_methods", "m-test.json", METHOD), ("lcia_categories", "c-gwp.json", CATEGORY)] {
        std::fs::create_dir_all(dir.path().join(folder)).unwrap();
        std::fs::write(dir.path().join(folder).join(name), text).unwrap();
    }
    let zip = zip_dir(dir.path(), "export/");
    let out = tempfile::tempdir().unwrap();
    let to = out.path().join("db");
    let (code, stdout, err) =
        run(&["import", &zip.path().display().to_string(), "--to", &to.display().to_string(), "--unlinked", "cutoff"]);
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("LCIA method: Test GWP method (1 categories, 2 factors)"), "{stdout}");
    let toml = to.join("methods/test_gwp_method.toml");
    let (code, csv, err) = run(&[
        "scores",
        "--db",
        &to.display().to_string(),
        "--method",
        &toml.display().to_string(),
        "--unlinked",
        "cutoff",
    ]);
    assert_eq!(code, 0, "{err}");
    // Gas heat: 56 g fossil CO2 per MJ at factor 1 per kg.
    let line = csv.lines().find(|l| l.starts_with("p-heat-gas,")).unwrap();
    close(line.rsplit(',').next().unwrap().parse().unwrap(), 0.056, 1e-12);
    // The factor per g of biogenic CO2 is converted to the flow's kg: 2 per g = 2000 per kg.
    let text = std::fs::read_to_string(to.join("methods/test_gwp_method.csv")).unwrap();
    assert!(text.contains("climate_change,f-co2b,\"Carbon dioxide, biogenic\",,,,g,2.0"), "{text}");
}
