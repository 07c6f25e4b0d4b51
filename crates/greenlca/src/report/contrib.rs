//! The result of `greenlca contrib`: every listing accounts for the whole (shown + rest = total).

use serde::Serialize;

use super::calc::{RankedSummary, truncate};
use super::format::{TextTable, human, percent};
use crate::analysis::tree::Node;

/// Schema id.
pub const SCHEMA: &str = "greenlca.contrib";

/// A tree node for JSON.
#[derive(Debug, Clone, Serialize)]
pub struct TreeNode {
    /// Column id.
    pub id: String,
    pub name: String,
    /// Amount delivered to the parent.
    pub amount: f64,
    pub unit: String,
    /// Cradle-to-gate total of the amount.
    pub total: f64,
    /// Own direct impact.
    pub direct: f64,
    /// Below the cut-off.
    pub rest: f64,
    /// Items in the rest.
    pub rest_count: usize,
    pub children: Vec<TreeNode>,
}

impl From<&Node> for TreeNode {
    fn from(n: &Node) -> Self {
        TreeNode {
            id: n.id.clone(),
            name: n.name.clone(),
            amount: n.amount,
            unit: n.unit.clone(),
            total: n.total,
            direct: n.direct,
            rest: n.rest,
            rest_count: n.rest_count,
            children: n.children.iter().map(TreeNode::from).collect(),
        }
    }
}

/// Contributions for one category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryContributions {
    /// Category id.
    pub category: String,
    pub name: String,
    pub unit: String,
    pub total: f64,
    /// Per stage (id, value).
    pub stages: Vec<(String, f64)>,
    /// By process.
    pub processes: RankedSummary,
    /// By elementary flow.
    pub flows: RankedSummary,
    /// The product's first tier: each foreground exchange with its upstream total.
    pub first_tier: RankedSummary,
    /// Supply-chain tree.
    pub tree: TreeNode,
    /// Cut-off used for the tree, as a share of the total.
    pub cutoff: f64,
}

/// The contrib report.
#[derive(Debug, Clone, Serialize)]
pub struct ContribReport {
    /// Schema id.
    pub schema: &'static str,
    pub schema_version: u32,
    pub greenlca_version: &'static str,
    /// Product name.
    pub product: String,
    pub functional_unit: String,
    /// Variant id.
    pub variant: String,
    /// Per category.
    pub categories: Vec<CategoryContributions>,
    /// How unlinked inputs of the background were treated (absent for matrix folders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linking: Option<crate::report::Linking>,
}

impl ContribReport {
    /// The schema id its JSON carries.
    pub const SCHEMA: &'static str = SCHEMA;

    /// JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }

    /// CSV: one row per listing item (listing, id, name, value, share).
    pub fn to_csv(&self) -> String {
        use super::format::{csv_line, exact};
        let mut out = csv_line(&["category", "listing", "id", "name", "value", "share"].map(String::from));
        for c in &self.categories {
            for (s, v) in &c.stages {
                out.push_str(&csv_line(&[
                    c.category.clone(),
                    "stage".into(),
                    s.clone(),
                    s.clone(),
                    exact(*v),
                    share(*v, c.total),
                ]));
            }
            for (listing, r) in [("process", &c.processes), ("flow", &c.flows), ("first_tier", &c.first_tier)] {
                for i in &r.items {
                    out.push_str(&csv_line(&[
                        c.category.clone(),
                        listing.into(),
                        i.id.clone(),
                        i.name.clone(),
                        exact(i.value),
                        i.share.map(exact).unwrap_or_default(),
                    ]));
                }
                if r.rest_count > 0 {
                    out.push_str(&csv_line(&[
                        c.category.clone(),
                        listing.into(),
                        "(rest)".into(),
                        format!("{} more", r.rest_count),
                        exact(r.rest),
                        share(r.rest, r.total),
                    ]));
                }
            }
        }
        out
    }

    /// Tables and the indented tree, for people.
    pub fn to_table(&self) -> String {
        let mut out = format!("{} — {} (variant {})\n", self.product, self.functional_unit, self.variant);
        for c in &self.categories {
            out.push_str(&format!("\n== {} [{}]: total {}\n", c.name, c.unit, human(c.total, 5)));
            let mut t = TextTable::new(vec!["stage".into(), "value".into(), "share".into()]);
            for (s, v) in &c.stages {
                t.row(vec![s.clone(), human(*v, 4), percent((c.total != 0.0).then(|| v / c.total))]);
            }
            out.push_str(&t.render());
            for (title, r) in [
                ("processes (own emissions)", &c.processes),
                ("elementary flows", &c.flows),
                ("first tier (inputs with their supply chains)", &c.first_tier),
            ] {
                out.push_str(&format!("\n{title}\n"));
                let mut t = TextTable::new(vec!["item".into(), "value".into(), "share".into()]);
                for i in &r.items {
                    t.row(vec![truncate(&i.name, 60), human(i.value, 4), percent(i.share)]);
                }
                if r.rest_count > 0 {
                    t.row(vec![
                        format!("(rest: {})", r.rest_count),
                        human(r.rest, 4),
                        percent((r.total != 0.0).then(|| r.rest / r.total)),
                    ]);
                }
                t.row(vec!["total".into(), human(r.total, 4), String::new()]);
                out.push_str(&t.render());
            }
            out.push_str(&format!("\nsupply chain (cut-off {:.1}% of the total)\n", c.cutoff * 100.0));
            tree_lines(&c.tree, 0, c.total, &mut out);
        }
        out
    }
}

fn share(v: f64, total: f64) -> String {
    if total == 0.0 { String::new() } else { super::format::exact(v / total) }
}

fn tree_lines(n: &TreeNode, depth: usize, root_total: f64, out: &mut String) {
    let pct = if root_total != 0.0 { format!("{:.1}%", n.total / root_total * 100.0) } else { "-".into() };
    let amount = if depth == 0 { String::new() } else { format!("{} {} ", human(n.amount, 3), n.unit) };
    out.push_str(&format!(
        "{}{} {}{}  [{}; direct {}]\n",
        "  ".repeat(depth),
        truncate(&n.name, 56),
        amount,
        human(n.total, 4),
        pct,
        human(n.direct, 3)
    ));
    for c in &n.children {
        tree_lines(c, depth + 1, root_total, out);
    }
    if n.rest_count > 0 {
        out.push_str(&format!(
            "{}(rest: {} inputs below the cut-off) {}\n",
            "  ".repeat(depth + 1),
            n.rest_count,
            human(n.rest, 3)
        ));
    }
}
