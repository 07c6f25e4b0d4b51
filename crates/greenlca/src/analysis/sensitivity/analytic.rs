//! Analytical sensitivity (Heijungs 2010, "Sensitivity coefficients for matrix-based LCA", Int J
//! LCA 15:511-520): from one adjoint solve per category,
//!   `dh_k/da_ij = -lambda_k[i] s_j`, `dh_k/db_fj = c_kf s_j`, `dh_k/dc_kf = g_f`,
//! elasticities x/h dh/dx, and with the variance of each input its share of the first-order
//! variance of h (key issue analysis).

use crate::calc::{Engine, ProductResult};
use crate::matrix::foreground::{Foreground, Target};
use crate::model::Distribution;

/// Which matrix an input sits in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum InputKind {
    /// A background technosphere exchange.
    Technosphere,
    /// A background elementary exchange.
    Biosphere,
    /// A characterization factor.
    Factor,
    /// A foreground exchange of the product.
    Foreground,
}

impl InputKind {
    /// Name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Technosphere => "technosphere",
            InputKind::Biosphere => "biosphere",
            InputKind::Factor => "factor",
            InputKind::Foreground => "foreground",
        }
    }
}

/// Sensitivity of one category result to one input.
#[derive(Debug, Clone, PartialEq)]
pub struct Coefficient {
    /// Matrix of the input.
    pub kind: InputKind,
    /// What the input is, in words.
    pub label: String,
    /// Value of the input (signed matrix value).
    pub value: f64,
    /// dh/dx.
    pub coefficient: f64,
    /// x/h dh/dx.
    pub elasticity: f64,
    /// (dh/dx)^2 Var(x), when the input has a distribution.
    pub variance: Option<f64>,
}

/// All coefficients of category `k` for a product result (entries with a zero coefficient are left out).
pub fn coefficients(engine: &Engine, fg: &Foreground, result: &ProductResult, k: usize) -> Vec<Coefficient> {
    let lca = &engine.lca;
    let system = lca.system();
    let ch = lca.characterization();
    let lambda = &engine.intensities.total[k];
    let h = result.totals[k];
    let s = &result.supply;
    let g = &result.inventory;
    let c = lca.c();
    let elasticity = |coef: f64, x: f64| if h != 0.0 { coef * x / h } else { 0.0 };
    let var = |d: &Option<Distribution>, _x: f64, coef: f64| d.map(|d| coef * coef * d.variance());
    let col = |j: usize| system.columns[j].name.clone();
    let mut out = Vec::new();
    let a = &system.a;
    for e in 0..a.len() {
        let (i, j) = (a.rows[e], a.cols[e]);
        let coef = -lambda[i] * s[j];
        if coef == 0.0 {
            continue;
        }
        let x = a.values[e];
        let label = if i == j {
            format!("{}: output of its product", col(j))
        } else {
            format!("{}: input of {}", col(j), col(i))
        };
        out.push(Coefficient {
            kind: InputKind::Technosphere,
            label,
            value: x,
            coefficient: coef,
            elasticity: elasticity(coef, x),
            variance: var(&a.dists[e], x, coef),
        });
    }
    let b = &system.b;
    for e in 0..b.len() {
        let (f, j) = (b.rows[e], b.cols[e]);
        let coef = c.get(k, f).copied().unwrap_or(0.0) * s[j];
        if coef == 0.0 {
            continue;
        }
        let x = b.values[e];
        out.push(Coefficient {
            kind: InputKind::Biosphere,
            label: format!("{}: {} ({})", col(j), system.flows[f].name, system.flows[f].compartment),
            value: x,
            coefficient: coef,
            elasticity: elasticity(coef, x),
            variance: var(&b.dists[e], x, coef),
        });
    }
    let cc = &ch.c;
    for e in (0..cc.len()).filter(|&e| cc.rows[e] == k) {
        let f = cc.cols[e];
        let coef = g[f];
        if coef == 0.0 {
            continue;
        }
        let x = cc.values[e];
        out.push(Coefficient {
            kind: InputKind::Factor,
            label: format!("factor of {} ({})", system.flows[f].name, system.flows[f].compartment),
            value: x,
            coefficient: coef,
            elasticity: elasticity(coef, x),
            variance: var(&cc.dists[e], x, coef),
        });
    }
    // Module D is not in the total: its exchanges do not move it.
    for e in fg.entries.iter().filter(|e| !e.stage.is_separate()) {
        let coef = match e.target {
            Target::Column(i) => -lambda[i],
            Target::Flow(f) => c.get(k, f).copied().unwrap_or(0.0),
        };
        if coef == 0.0 {
            continue;
        }
        let what = match e.target {
            Target::Column(i) => col(i),
            Target::Flow(f) => system.flows[f].name.clone(),
        };
        out.push(Coefficient {
            kind: InputKind::Foreground,
            label: format!("product, {} `{}`: {}", e.stage.id(), e.id, e.label.clone().unwrap_or(what)),
            value: e.value,
            coefficient: coef,
            elasticity: elasticity(coef, e.value),
            variance: var(&e.dist, e.value, coef),
        });
    }
    out
}
