//! examples/uslci_product: a product model whose background is the USLCI zip itself, computed with
//! `greenlca calc`; its total must equal the sum of its exchanges times the cradle-to-gate scores
//! of their providers. Reads ../shared/data; skips with a message when it is absent.

use crate::common;

use std::path::PathBuf;

use crate::common::import::{close, gwp_shipped, score};
use assert_cmd::Command;
use greenlca::io::read_any;
use greenlca::matrix::UnlinkedPolicy;

#[test]
fn uslci_product_example_runs_from_the_shared_data() {
    let Some(zip) = common::shared("data/uslci-fy17q4/uslci_fy17_q4_olca1.5_json_ld.zip") else { return };
    let model = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples/uslci_product/model.toml");
    let mut cmd = Command::cargo_bin("greenlca").unwrap();
    cmd.arg("calc").arg(&model).args(["--unlinked", "cutoff", "--all-variants", "--format", "json"]);
    // The model names the zip relative to itself; elsewhere the shared data is given with --db.
    if !model.parent().unwrap().join("../../../shared/data/uslci-fy17q4").exists() {
        cmd.arg("--db").arg(&zip);
    }
    let out = cmd.assert().code(0).get_output().stdout.clone();
    let v: serde_json::Value = serde_json::from_slice(&out).unwrap();
    assert_eq!(v["links"]["unlinked_policy"], "cutoff");
    let total = |variant: usize| v["variants"][variant]["results"][0]["total"].as_f64().unwrap();

    let s = gwp_shipped(&read_any(&zip).unwrap(), UnlinkedPolicy::Cutoff);
    let truck_tkm = 3.65 / 1000.0 * 800.0;
    let common_part = 1.1 * score(&s, "d7c36a39-fdcc-3eb8-a8cd-c6c2b5a11c9a")
        + 0.15 * score(&s, "c378e883-97fc-3714-b923-d7271b8fcbac")
        // USLCI's electricity flow is measured in MJ: 4.5 kWh is 16.2 MJ.
        + 4.5 * 3.6 * score(&s, "89389d98-1ba6-30c5-9c33-92443694936b")
        + truck_tkm * score(&s, "34156f3c-28ef-33db-9ad0-6293a2aa0d52");
    close(total(0), 2.4 * score(&s, "a8eb9a6a-e8e6-3da6-a3ab-20dcf68e883a") + common_part, 1e-10);
    close(total(1), 2.4 * score(&s, "bcc68f88-debb-3fc3-93ee-5ceadcef0b14") + common_part, 1e-10);
    assert!(total(1) < total(0), "secondary aluminium lowers the footprint");
    // The database file is listed with its hash, so the result can be reproduced.
    let inputs = v["inputs"].as_array().unwrap();
    assert!(inputs.iter().any(|i| i["role"] == "database" && i["path"].as_str().unwrap().ends_with(".zip")));
}
