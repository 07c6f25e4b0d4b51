//! Contributions by process and by elementary flow, as "top N plus the rest" listings that always
//! account for the whole total.

use crate::calc::{Intensities, Lca, ProductResult};

/// One item of a ranked listing.
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// Id (column id, flow id, exchange id).
    pub id: String,
    /// Display name.
    pub name: String,
    /// Contribution.
    pub value: f64,
    /// Share of the total (value / total), `None` when the total is zero.
    pub share: Option<f64>,
}

/// A ranked listing: the largest items by absolute value, then the rest as one sum.
#[derive(Debug, Clone, PartialEq)]
pub struct Ranked {
    /// Items shown, largest |value| first.
    pub items: Vec<Item>,
    /// Sum of the items not shown.
    pub rest: f64,
    /// How many items the rest holds.
    pub rest_count: usize,
    /// The total the listing accounts for (items + rest).
    pub total: f64,
}

/// Ranks `(id, name, value)` triples: the `n` largest by absolute value (zeros dropped), the rest summed.
pub fn rank(mut all: Vec<(String, String, f64)>, n: usize) -> Ranked {
    let total: f64 = all.iter().map(|x| x.2).sum();
    all.retain(|x| x.2 != 0.0);
    all.sort_by(|a, b| b.2.abs().total_cmp(&a.2.abs()).then_with(|| a.0.cmp(&b.0)));
    let rest_items = all.split_off(n.min(all.len()));
    let share = |v: f64| (total != 0.0).then(|| v / total);
    Ranked {
        items: all.into_iter().map(|(id, name, value)| Item { id, name, value, share: share(value) }).collect(),
        rest: rest_items.iter().map(|x| x.2).sum(),
        rest_count: rest_items.len(),
        total,
    }
}

/// Label of the product's own direct emissions in process listings.
pub const FOREGROUND_ID: &str = "(product)";

/// Contribution of each process's own elementary flows to category `k`: s_j (C B)[k, j], plus the
/// product's direct flows as one item.
pub fn by_process(
    lca: &Lca,
    intensities: &Intensities,
    result: &ProductResult,
    k: usize,
) -> Vec<(String, String, f64)> {
    let system = lca.system();
    let mut out: Vec<(String, String, f64)> = system
        .columns
        .iter()
        .enumerate()
        .map(|(j, col)| (col.id.clone(), col.name.clone(), result.supply[j] * intensities.direct[k][j]))
        .collect();
    let c = lca.c();
    let fg: f64 = result.direct_flows.iter().enumerate().map(|(f, v)| v * c.get(k, f).copied().unwrap_or(0.0)).sum();
    if result.direct_flows.iter().any(|v| *v != 0.0) {
        out.push((FOREGROUND_ID.to_string(), "direct emissions of the product".to_string(), fg));
    }
    out
}

/// Contribution of each elementary flow to category `k`: C[k, f] g_f.
pub fn by_flow(lca: &Lca, inventory: &[f64], k: usize) -> Vec<(String, String, f64)> {
    let c = lca.c();
    let system = lca.system();
    c.outer_view(k)
        .map(|row| {
            row.iter()
                .map(|(f, v)| {
                    let fl = &system.flows[f];
                    (fl.id.clone(), format!("{} ({})", fl.name, fl.compartment), v * inventory[f])
                })
                .collect()
        })
        .unwrap_or_default()
}

/// Contribution of each foreground exchange to category `k` (the first tier with upstream totals).
/// Exchanges of a stage reported separately (module D) are not part of the total and not listed.
pub fn by_exchange(result: &ProductResult, k: usize) -> Vec<(String, String, f64)> {
    result
        .exchanges
        .iter()
        .filter(|e| !e.stage.is_separate())
        .map(|e| (e.id.clone(), e.label.clone().unwrap_or_else(|| e.target_name.clone()), e.values[k]))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rank_accounts_for_the_whole() {
        let r = rank(
            vec![
                ("a".into(), "A".into(), 1.0),
                ("b".into(), "B".into(), -5.0),
                ("c".into(), "C".into(), 2.0),
                ("z".into(), "Z".into(), 0.0),
            ],
            2,
        );
        assert_eq!(r.items.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["b", "c"]);
        assert_eq!(r.rest, 1.0);
        assert_eq!(r.rest_count, 1);
        assert_eq!(r.total, -2.0);
        assert_eq!(r.items.iter().map(|i| i.value).sum::<f64>() + r.rest, r.total);
    }
}
