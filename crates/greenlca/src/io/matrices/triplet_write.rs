//! Writes a system as a matrix exchange folder (triplet CSV with stats_arrays uncertainty columns)
//! plus index files naming every row and column.

use std::fmt::Write;

use crate::io::text::{csv_line, exact};
use crate::matrix::{Characterization, Entries, TechSystem};
use crate::model::Distribution;

const UNCERTAINTY_HEADER: &str = "uncertainty_type,loc,scale,shape,minimum,maximum";

/// The files of an exchange folder, as (file name, contents).
pub fn exchange_folder_files(
    system: &TechSystem,
    ch: &Characterization,
    demand: &[(usize, f64)],
) -> Vec<(String, Vec<u8>)> {
    let mut files = vec![
        ("technosphere.csv".to_string(), triplets("row,col,amount", &system.a).into_bytes()),
        ("biosphere.csv".to_string(), triplets("row,col,amount", &system.b).into_bytes()),
    ];
    // cf.csv is (flow, category, factor) while C is stored by (category, flow).
    let mut cf = String::new();
    let any_unc = ch.c.dists.iter().any(Option::is_some);
    let _ =
        writeln!(cf, "flow,category,factor{}", if any_unc { format!(",{UNCERTAINTY_HEADER}") } else { String::new() });
    for k in 0..ch.c.len() {
        let _ = write!(cf, "{},{},{}", ch.c.cols[k], ch.c.rows[k], exact(ch.c.values[k]));
        if any_unc {
            cf.push_str(&uncertainty_cells(ch.c.dists[k].as_ref()));
        }
        cf.push('\n');
    }
    files.push(("cf.csv".into(), cf.into_bytes()));
    let mut d = String::from("process,amount\n");
    for (p, v) in demand {
        let _ = writeln!(d, "{p},{}", exact(*v));
    }
    files.push(("demand.csv".into(), d.into_bytes()));
    let mut cats = csv_line(&["category".into(), "name".into(), "unit".into()]);
    for (i, c) in ch.categories.iter().enumerate() {
        cats.push_str(&csv_line(&[i.to_string(), format!("{} ({})", c.name, c.id), c.unit.clone()]));
    }
    files.push(("categories.csv".into(), cats.into_bytes()));
    files.extend(index_files(system));
    files
}

/// processes.csv and flows.csv: names of the columns of A and the rows of B.
pub fn index_files(system: &TechSystem) -> Vec<(String, Vec<u8>)> {
    let mut p = csv_line(&["index".into(), "id".into(), "name".into(), "unit".into(), "location".into()]);
    for (i, c) in system.columns.iter().enumerate() {
        p.push_str(&csv_line(&[
            i.to_string(),
            c.id.clone(),
            c.name.clone(),
            c.unit.clone(),
            c.location.clone().unwrap_or_default(),
        ]));
    }
    let mut f = csv_line(&["index".into(), "id".into(), "name".into(), "compartment".into(), "unit".into()]);
    for (i, r) in system.flows.iter().enumerate() {
        f.push_str(&csv_line(&[i.to_string(), r.id.clone(), r.name.clone(), r.compartment.clone(), r.unit.clone()]));
    }
    vec![("processes.csv".into(), p.into_bytes()), ("flows.csv".into(), f.into_bytes())]
}

fn triplets(header: &str, e: &Entries) -> String {
    let any_unc = e.dists.iter().any(Option::is_some);
    let mut s = String::with_capacity(e.len() * 32);
    s.push_str(header);
    if any_unc {
        s.push(',');
        s.push_str(UNCERTAINTY_HEADER);
    }
    s.push('\n');
    for k in 0..e.len() {
        let _ = write!(s, "{},{},{}", e.rows[k], e.cols[k], exact(e.values[k]));
        if any_unc {
            s.push_str(&uncertainty_cells(e.dists[k].as_ref()));
        }
        s.push('\n');
    }
    s
}

/// `,type,loc,scale,shape,minimum,maximum` in stats_arrays form.
fn uncertainty_cells(d: Option<&Distribution>) -> String {
    let o = |x: Option<f64>| x.map(exact).unwrap_or_default();
    match d {
        None => ",,,,,,".into(),
        Some(Distribution::Lognormal { mu, sigma }) => format!(",2,{},{},,,", exact(*mu), exact(*sigma)),
        Some(Distribution::Normal { mean, sd, min, max }) => {
            format!(",3,{},{},,{},{}", exact(*mean), exact(*sd), o(*min), o(*max))
        }
        Some(Distribution::Uniform { min, max }) => format!(",4,,,,{},{}", exact(*min), exact(*max)),
        Some(Distribution::Triangular { min, mode, max }) => {
            format!(",5,{},,,{},{}", exact(*mode), exact(*min), exact(*max))
        }
    }
}
