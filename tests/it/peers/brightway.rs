//! greenlca against Brightway 2.5 (bw2calc, through ../shared/peers/peer_brightway.py) on the same
//! matrices: scores equal to 1e-12 relative. Needs a Python with bw2calc: GREENLCA_PEER_PYTHON
//! (CI sets it up); without it the test skips, unless GREENLCA_REQUIRE_SHARED_DATA=1.

use crate::common;

use std::path::PathBuf;
use std::process::Command;

use common::{assert_close, peer_python, shared};
use greenlca::calc::Lca;
use greenlca::io::matrices::read_exchange_folder;

fn brightway_scores(py: &PathBuf, peers: &std::path::Path, dir: &std::path::Path) -> serde_json::Value {
    let out = Command::new(py).arg(peers.join("peer_brightway.py")).arg(dir).args(["--threads", "1"]).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn scores_equal_brightway_on_random_systems_and_an_exported_model() {
    let Some(peers) = shared("peers") else { return };
    let Some(py) = peer_python() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let mut dirs = Vec::new();
    for (n, seed) in [(300, 7), (2000, 11)] {
        let dir = tmp.path().join(format!("random-{n}"));
        let st = Command::new(&py)
            .arg(peers.join("gen_system.py"))
            .args(["random"])
            .arg(&dir)
            .args(["--n", &n.to_string(), "--seed", &seed.to_string()])
            .output()
            .unwrap();
        assert!(st.status.success(), "{}", String::from_utf8_lossy(&st.stderr));
        dirs.push(dir);
    }
    // A product model exported by greenlca, read back by Brightway.
    let exported = tmp.path().join("kettle");
    let (code, _, err) =
        common::run(&["export", "datasets/products/kettle.toml", "--matrices", &exported.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    dirs.push(exported);
    for dir in dirs {
        let bw = brightway_scores(&py, &peers, &dir);
        let ms = read_exchange_folder(&dir).unwrap();
        let lca = Lca::new(ms.system.clone(), ms.characterization.clone()).unwrap();
        let r = lca.lcia(lca.lci(&ms.demand).unwrap());
        let scores = bw["scores"].as_object().unwrap();
        assert_eq!(scores.len(), r.scores.len());
        for (k, v) in scores {
            let k: usize = k.parse().unwrap();
            assert_close(r.scores[k], v.as_f64().unwrap(), 1e-12);
        }
    }
}
