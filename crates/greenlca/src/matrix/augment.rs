//! The product as one more process: A and B extended by the foreground column, so that the whole
//! product system can be exported, or sampled, as plain matrices with a unit demand on the product.

use super::foreground::{Foreground, Target};
use super::system::{Column, EntrySource, TechSystem};

/// Id of the product column added to the background.
pub const PRODUCT_COLUMN: &str = "(product)";

/// A copy of `system` with a last column for the product: diagonal 1, the foreground exchanges as
/// entries (with their distributions). The demand for one functional unit is 1 on that column.
pub fn with_product(system: &TechSystem, fg: &Foreground, product_name: &str) -> TechSystem {
    let n = system.n();
    let mut columns = system.columns.clone();
    columns.push(Column {
        id: PRODUCT_COLUMN.into(),
        process: None,
        product: None,
        name: product_name.into(),
        unit: "functional unit".into(),
        location: None,
    });
    let mut a = system.a.clone();
    let mut b = system.b.clone();
    a.push(n, n, 1.0, None, EntrySource::Data);
    for e in &fg.entries {
        match e.target {
            Target::Column(c) => a.push(c, n, e.value, e.dist, EntrySource::Data),
            Target::Flow(f) => b.push(f, n, e.value, e.dist, EntrySource::Data),
        }
    }
    TechSystem::new(columns, system.flows.clone(), a, b, system.links.clone())
}
