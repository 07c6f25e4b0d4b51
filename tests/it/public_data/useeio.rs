//! USEEIO v1: (I - A)^-1 against the published L, and indicator totals against the known answers.

use crate::common;

use common::{assert_close, shared};
use greenlca::calc::Lca;
use greenlca::io::matrices::read_dense_csv;
use greenlca::io::matrices::read_useeio;

#[test]
fn inverse_columns_match_published_l() {
    let Some(dir) = shared("data/useeio-v1") else { return };
    let ms = read_useeio(&dir, "2007_us_consumption").unwrap();
    let lca = Lca::new(ms.system.clone(), ms.characterization.clone()).unwrap();
    let l = read_dense_csv(&dir.join("L.csv")).unwrap();
    let (n, l) = (l.rows, l.entries);
    let mut dense = vec![vec![0.0; n]; n];
    for (i, j, v) in l {
        dense[j][i] = v; // dense[col][row]
    }
    for j in (0..n).step_by(7) {
        let mut e = vec![0.0; n];
        e[j] = 1.0;
        let x = lca.supply(&e).unwrap();
        let scale = dense[j].iter().fold(0.0f64, |m, v| m.max(v.abs()));
        for i in 0..n {
            assert!((x[i] - dense[j][i]).abs() <= 1e-12 * scale, "L[{i},{j}]: {} vs {}", x[i], dense[j][i]);
        }
    }
}

#[test]
fn consumption_totals_match_known_answers() {
    let Some(dir) = shared("data/useeio-v1") else { return };
    let text = std::fs::read_to_string(dir.join("known_answers_consumption.csv")).unwrap();
    let mut checked = 0;
    let mut by_demand: std::collections::BTreeMap<String, Vec<(String, f64)>> = Default::default();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        by_demand.entry(f[0].to_string()).or_default().push((f[1].to_string(), f[4].parse().unwrap()));
    }
    for (demand, answers) in by_demand {
        let ms = read_useeio(&dir, &demand).unwrap();
        let lca = Lca::new(ms.system.clone(), ms.characterization.clone()).unwrap();
        let r = lca.lcia(lca.lci(&ms.demand).unwrap());
        for (code, v) in answers {
            let k = ms.characterization.categories.iter().position(|c| c.id == code).unwrap();
            assert_close(r.scores[k], v, 1e-9);
            checked += 1;
        }
    }
    assert!(checked >= 72, "{checked}");
}
