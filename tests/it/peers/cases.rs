//! The hand-checkable cases of ../shared/peers/cases: supply, inventory and scores to 1e-12.

use crate::common;

use common::{assert_close, shared};
use greenlca::calc::Lca;
use greenlca::io::matrices::read_exchange_folder;

#[test]
fn every_peer_case_matches_its_expected_results() {
    let Some(cases) = shared("peers/cases") else { return };
    let mut n = 0;
    for entry in std::fs::read_dir(cases).unwrap() {
        let dir = entry.unwrap().path();
        let expected = common::json(&dir.join("expected.json"));
        let ms = read_exchange_folder(&dir).unwrap();
        let lca = Lca::new(ms.system.clone(), ms.characterization.clone()).unwrap();
        let r = lca.lcia(lca.lci(&ms.demand).unwrap());
        if let Some(s) = expected["supply"].as_array() {
            for (i, v) in s.iter().enumerate() {
                assert_close(r.lci.supply[i], v.as_f64().unwrap(), 1e-12);
            }
        }
        if let Some(g) = expected["inventory"].as_array() {
            for (i, v) in g.iter().enumerate() {
                assert_close(r.lci.inventory[i], v.as_f64().unwrap(), 1e-12);
            }
        }
        for (k, v) in expected["scores"].as_object().unwrap() {
            let k: usize = k.parse().unwrap();
            assert_close(r.scores[k], v.as_f64().unwrap(), 1e-12);
        }
        n += 1;
    }
    assert!(n >= 9, "expected at least 9 cases, found {n}");
}
