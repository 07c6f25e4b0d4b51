//! The supply-chain tree: the product's inputs, their inputs, and so on, each node with its
//! cradle-to-gate total (amount x intensity), the direct impact of its own process, and the part
//! below the cut-off kept as `rest`, so that every node's total = direct + children + rest exactly.

use crate::calc::{Intensities, Lca};
use crate::matrix::foreground::{Foreground, Target};

/// One node of the tree.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Column id of the product (the product itself at the root).
    pub id: String,
    pub name: String,
    /// Quantity of the node's reference flow: produced for the parent, or treated for a waste
    /// treatment; negative for avoided production (a credit).
    pub amount: f64,
    pub unit: String,
    /// Cradle-to-gate impact of `amount`.
    pub total: f64,
    /// Impact of the node's own elementary flows.
    pub direct: f64,
    /// Inputs above the cut-off.
    pub children: Vec<Node>,
    /// Impact of the inputs below the cut-off (or beyond the depth limit), summed.
    pub rest: f64,
    /// Number of inputs summed in `rest`.
    pub rest_count: usize,
}

/// Limits of the expansion.
#[derive(Debug, Clone, Copy)]
pub struct TreeLimits {
    /// Inputs whose |total| is below this share of the root's |total| are summed into `rest`.
    pub cutoff: f64,
    /// Maximum depth below the root.
    pub max_depth: usize,
    /// Maximum number of nodes in the whole tree.
    pub max_nodes: usize,
}

impl Default for TreeLimits {
    fn default() -> Self {
        TreeLimits { cutoff: 0.01, max_depth: 12, max_nodes: 2000 }
    }
}

/// Builds the tree of category `k` for a resolved product.
pub fn supply_chain_tree(
    lca: &Lca,
    intensities: &Intensities,
    fg: &Foreground,
    k: usize,
    product_name: &str,
    limits: TreeLimits,
) -> Node {
    let system = lca.system();
    let c = lca.c();
    let direct: f64 = fg
        .entries
        .iter()
        .filter_map(|e| {
            if let Target::Flow(f) = e.target { Some(e.value * c.get(k, f).copied().unwrap_or(0.0)) } else { None }
        })
        .sum();
    let inputs: Vec<(usize, f64)> = fg
        .entries
        .iter()
        .filter_map(|e| if let Target::Column(col) = e.target { Some((col, -e.value)) } else { None })
        .collect();
    let total: f64 = direct + inputs.iter().map(|(col, x)| x * intensities.total[k][*col]).sum::<f64>();
    let threshold = limits.cutoff * total.abs();
    let mut budget = limits.max_nodes;
    let a = lca.a();
    let mut root = Node {
        id: "(product)".into(),
        name: product_name.into(),
        amount: 1.0,
        unit: "functional unit".into(),
        total,
        direct,
        children: Vec::new(),
        rest: 0.0,
        rest_count: 0,
    };
    expand(&mut root, &inputs, 1, threshold, &limits, &mut budget, &|col, amount| {
        // The process of `col` runs amount / A[col, col] times.
        let diag = a.get(col, col).copied().unwrap_or(1.0);
        let runs = amount / diag;
        let col_view = a.outer_view(col).expect("column exists");
        let children: Vec<(usize, f64)> =
            col_view.iter().filter(|(i, _)| *i != col).map(|(i, v)| (i, -v * runs)).collect();
        let cinfo = &system.columns[col];
        (
            cinfo.id.clone(),
            cinfo.name.clone(),
            cinfo.unit.clone(),
            amount * intensities.total[k][col],
            runs * intensities.direct[k][col],
            children,
            amount * diag.signum(),
        )
    });
    root
}

/// (id, name, unit, total, direct, inputs, amount shown).
type Expansion = (String, String, String, f64, f64, Vec<(usize, f64)>, f64);

fn expand(
    node: &mut Node,
    inputs: &[(usize, f64)],
    depth: usize,
    threshold: f64,
    limits: &TreeLimits,
    budget: &mut usize,
    info: &dyn Fn(usize, f64) -> Expansion,
) {
    let mut kids: Vec<(usize, f64, Expansion)> =
        inputs.iter().map(|&(col, amount)| (col, amount, info(col, amount))).collect();
    kids.sort_by(|a, b| b.2.3.abs().total_cmp(&a.2.3.abs()));
    for (_, _, (id, name, unit, total, direct, grand, amount)) in kids {
        let keep = total.abs() >= threshold && total != 0.0 && depth <= limits.max_depth && *budget > 0;
        if !keep {
            node.rest += total;
            node.rest_count += usize::from(total != 0.0);
            continue;
        }
        *budget -= 1;
        let mut child = Node { id, name, amount, unit, total, direct, children: Vec::new(), rest: 0.0, rest_count: 0 };
        expand(&mut child, &grand, depth + 1, threshold, limits, budget, info);
        node.children.push(child);
    }
}

impl Node {
    /// total - (direct + children + rest): zero up to rounding.
    pub fn imbalance(&self) -> f64 {
        self.total - self.direct - self.rest - self.children.iter().map(|c| c.total).sum::<f64>()
    }
    /// Number of nodes in the tree.
    pub fn size(&self) -> usize {
        1 + self.children.iter().map(Node::size).sum::<usize>()
    }
}
