//! A matrix system whose processes, flows and categories are known only by their index (matrix
//! files and arrays carry no names): the rows and columns every such reader builds alike.

use crate::matrix::{CategoryRow, Characterization, Column, Entries, FlowRow, LinkReport, TechSystem};

/// A system of `n` processes and `m` flows named by index, with A and B as given.
pub(crate) fn numbered_system(n: usize, m: usize, a: Entries, b: Entries) -> TechSystem {
    let columns = (0..n)
        .map(|j| Column {
            id: j.to_string(),
            process: None,
            product: None,
            name: format!("process {j}"),
            unit: String::new(),
            location: None,
        })
        .collect();
    let flows = (0..m)
        .map(|f| FlowRow {
            id: f.to_string(),
            name: format!("flow {f}"),
            compartment: String::new(),
            unit: String::new(),
            cas: None,
        })
        .collect();
    TechSystem::new(columns, flows, a, b, LinkReport::default())
}

/// C over `m` flows with one category per `(name, unit)`, the categories' ids being their indices.
pub(crate) fn numbered_characterization(names: Vec<(String, String)>, m: usize, c: Entries) -> Characterization {
    let categories = names
        .into_iter()
        .enumerate()
        .map(|(i, (name, unit))| CategoryRow {
            id: i.to_string(),
            method: "matrices".into(),
            name,
            name_zh: None,
            unit,
        })
        .collect();
    Characterization::from_entries(categories, m, c)
}
