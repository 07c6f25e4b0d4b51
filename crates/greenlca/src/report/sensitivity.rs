//! Results of `greenlca sensitivity`: one-at-a-time (tornado), analytical coefficients with
//! variance shares, and Sobol indices.

use serde::Serialize;

use super::calc::{CategorySummary, truncate};
use super::format::{TextTable, csv_line, exact, human};
use crate::analysis::sensitivity::analytic::Coefficient;
use crate::analysis::sensitivity::oat::Oat;
use crate::analysis::sensitivity::sobol::{self, SobolIndex};
use crate::analysis::sensitivity::sobol_part::SobolPart;

/// One-at-a-time rows for one category.
#[derive(Debug, Clone, Serialize)]
pub struct OatCategory {
    /// Category id.
    pub category: String,
    pub unit: String,
    /// Result with every parameter at its value.
    pub base: f64,
    /// Rows sorted by swing: (parameter, low value, high value, result at low, result at high, basis).
    pub rows: Vec<(String, f64, f64, f64, f64, String)>,
}

/// The one-at-a-time report.
#[derive(Debug, Clone, Serialize)]
pub struct OatReport {
    /// Schema id.
    pub schema: &'static str,
    pub variant: String,
    /// Per category.
    pub categories: Vec<OatCategory>,
    /// Parameters without a range or distribution.
    pub skipped: Vec<String>,
    /// How unlinked inputs of the background were treated (absent for matrix folders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linking: Option<crate::report::Linking>,
}

impl OatReport {
    /// Builds the report.
    pub fn new(variant: &str, cats: &[CategorySummary], oat: &Oat) -> Self {
        let categories = cats
            .iter()
            .enumerate()
            .map(|(k, c)| {
                let mut rows: Vec<_> = oat
                    .rows
                    .iter()
                    .map(|r| (r.parameter.clone(), r.low, r.high, r.at_low[k], r.at_high[k], r.basis.to_string()))
                    .collect();
                rows.sort_by(|a, b| (b.4 - b.3).abs().total_cmp(&(a.4 - a.3).abs()).then_with(|| a.0.cmp(&b.0)));
                OatCategory { category: c.id.clone(), unit: c.unit.clone(), base: oat.base[k], rows }
            })
            .collect();
        OatReport {
            linking: None,
            schema: "greenlca.sensitivity-oat",
            variant: variant.into(),
            categories,
            skipped: oat.skipped.clone(),
        }
    }
    /// JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }
    /// CSV.
    pub fn to_csv(&self) -> String {
        let mut out = csv_line(
            &["category", "unit", "parameter", "low", "high", "result_low", "result_high", "base", "basis"]
                .map(String::from),
        );
        for c in &self.categories {
            for r in &c.rows {
                out.push_str(&csv_line(&[
                    c.category.clone(),
                    c.unit.clone(),
                    r.0.clone(),
                    exact(r.1),
                    exact(r.2),
                    exact(r.3),
                    exact(r.4),
                    exact(c.base),
                    r.5.clone(),
                ]));
            }
        }
        out
    }
    /// Tables.
    pub fn to_table(&self) -> String {
        let mut out = format!("one-at-a-time sensitivity, variant {}\n", self.variant);
        for c in &self.categories {
            out.push_str(&format!("\n{} [{}], base {}\n", c.category, c.unit, human(c.base, 4)));
            let mut t = TextTable::new(
                ["parameter", "low", "high", "result at low", "result at high", "swing", "range from"]
                    .map(String::from)
                    .to_vec(),
            );
            for r in &c.rows {
                t.row(vec![
                    r.0.clone(),
                    human(r.1, 4),
                    human(r.2, 4),
                    human(r.3, 4),
                    human(r.4, 4),
                    human((r.4 - r.3).abs(), 3),
                    r.5.clone(),
                ]);
            }
            out.push_str(&t.render());
        }
        if !self.skipped.is_empty() {
            out.push_str(&format!("\nleft out (no min/max and no distribution): {}\n", self.skipped.join(", ")));
        }
        out
    }
}

/// Analytical coefficients for one category.
#[derive(Debug, Clone, Serialize)]
pub struct AnalyticCategory {
    /// Category id.
    pub category: String,
    pub unit: String,
    pub total: f64,
    /// Number of inputs with a non-zero coefficient.
    pub inputs: usize,
    /// Top inputs by |elasticity|: (kind, label, value, coefficient, elasticity, variance share).
    pub top: Vec<(String, String, f64, f64, f64, Option<f64>)>,
    /// Sum of the first-order variance contributions of the inputs with a distribution.
    pub first_order_variance: f64,
    /// Top inputs by variance share (key issues).
    pub key_issues: Vec<(String, String, f64)>,
}

/// The analytical report.
#[derive(Debug, Clone, Serialize)]
pub struct AnalyticReport {
    /// Schema id.
    pub schema: &'static str,
    pub variant: String,
    /// Per category.
    pub categories: Vec<AnalyticCategory>,
    /// How unlinked inputs of the background were treated (absent for matrix folders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linking: Option<crate::report::Linking>,
}

impl AnalyticCategory {
    /// Ranks the coefficients of one category.
    pub fn new(c: &CategorySummary, total: f64, coefs: Vec<Coefficient>, top: usize) -> Self {
        let var_total: f64 = coefs.iter().filter_map(|c| c.variance).sum();
        let share = |v: Option<f64>| v.and_then(|v| (var_total > 0.0).then(|| v / var_total));
        let mut by_el = coefs.clone();
        by_el.sort_by(|a, b| b.elasticity.abs().total_cmp(&a.elasticity.abs()).then_with(|| a.label.cmp(&b.label)));
        let mut by_var: Vec<&Coefficient> = coefs.iter().filter(|c| c.variance.is_some_and(|v| v > 0.0)).collect();
        by_var.sort_by(|a, b| {
            b.variance.unwrap_or(0.0).total_cmp(&a.variance.unwrap_or(0.0)).then_with(|| a.label.cmp(&b.label))
        });
        AnalyticCategory {
            category: c.id.clone(),
            unit: c.unit.clone(),
            total,
            inputs: coefs.len(),
            top: by_el
                .iter()
                .take(top)
                .map(|x| {
                    (
                        x.kind.as_str().to_string(),
                        x.label.clone(),
                        x.value,
                        x.coefficient,
                        x.elasticity,
                        share(x.variance),
                    )
                })
                .collect(),
            first_order_variance: var_total,
            key_issues: by_var
                .iter()
                .take(top)
                .map(|x| (x.kind.as_str().to_string(), x.label.clone(), share(x.variance).unwrap_or(0.0)))
                .collect(),
        }
    }
}

impl AnalyticReport {
    /// JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }
    /// CSV of the top inputs.
    pub fn to_csv(&self) -> String {
        let mut out = csv_line(
            &["category", "kind", "input", "value", "coefficient", "elasticity", "variance_share"].map(String::from),
        );
        for c in &self.categories {
            for t in &c.top {
                out.push_str(&csv_line(&[
                    c.category.clone(),
                    t.0.clone(),
                    t.1.clone(),
                    exact(t.2),
                    exact(t.3),
                    exact(t.4),
                    t.5.map(exact).unwrap_or_default(),
                ]));
            }
        }
        out
    }
    /// Tables.
    pub fn to_table(&self) -> String {
        let mut out = format!("analytical sensitivity (Heijungs 2010), variant {}\n", self.variant);
        for c in &self.categories {
            out.push_str(&format!(
                "\n{} [{}]: total {}, {} inputs with an effect\n",
                c.category,
                c.unit,
                human(c.total, 4),
                c.inputs
            ));
            let mut t = TextTable::new(
                ["input", "kind", "value", "dh/dx", "elasticity", "variance share"].map(String::from).to_vec(),
            );
            for x in &c.top {
                t.row(vec![
                    truncate(&x.1, 70),
                    x.0.clone(),
                    human(x.2, 4),
                    human(x.3, 4),
                    human(x.4, 3),
                    x.5.map(|s| format!("{:.1}%", s * 100.0)).unwrap_or_else(|| "-".into()),
                ]);
            }
            out.push_str(&t.render());
            if c.first_order_variance > 0.0 {
                out.push_str(&format!(
                    "first-order standard deviation {} {}; key issues:\n",
                    human(c.first_order_variance.sqrt(), 3),
                    c.unit
                ));
                for k in &c.key_issues {
                    out.push_str(&format!("  {:>5.1}%  {}\n", k.2 * 100.0, truncate(&k.1, 80)));
                }
            }
        }
        out
    }
}

/// Sobol indices of every input for every output.
#[derive(Debug, Clone, Serialize)]
pub struct SobolReport {
    /// Schema id.
    pub schema: &'static str,
    /// Rows of the design (N).
    pub n: usize,
    /// Model evaluations (N (d + 2)).
    pub evaluations: usize,
    pub seed: u64,
    pub inputs: Vec<String>,
    /// Per output (category): indices per input.
    pub outputs: Vec<(String, Vec<SobolIndex>)>,
    /// How unlinked inputs of the background were treated (absent for matrix folders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linking: Option<crate::report::Linking>,
}

impl SobolReport {
    /// The indices of a complete run, with bootstrap intervals.
    pub fn from_part(part: &SobolPart) -> SobolReport {
        let d = part.inputs.len();
        let outputs = part
            .outputs
            .iter()
            .enumerate()
            .map(|(k, o)| (o.clone(), sobol::indices(&part.rows, k, part.bootstrap, part.seed)))
            .collect();
        SobolReport {
            linking: part.linking.clone(),
            schema: "greenlca.sensitivity-sobol",
            n: part.n,
            evaluations: part.n * (d + 2),
            seed: part.seed,
            inputs: part.inputs.clone(),
            outputs,
        }
    }

    /// JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }
    /// CSV.
    pub fn to_csv(&self) -> String {
        let mut out = csv_line(
            &["output", "input", "first", "first_low", "first_high", "total", "total_low", "total_high"]
                .map(String::from),
        );
        for (o, idx) in &self.outputs {
            for (i, s) in self.inputs.iter().zip(idx) {
                out.push_str(&csv_line(&[
                    o.clone(),
                    i.clone(),
                    exact(s.first),
                    exact(s.first_ci.0),
                    exact(s.first_ci.1),
                    exact(s.total),
                    exact(s.total_ci.0),
                    exact(s.total_ci.1),
                ]));
            }
        }
        out
    }
    /// Tables.
    pub fn to_table(&self) -> String {
        let mut out = format!(
            "Sobol indices: N = {}, {} model runs, seed {} (95 % bootstrap intervals)\n",
            self.n, self.evaluations, self.seed
        );
        for (o, idx) in &self.outputs {
            out.push_str(&format!("\n{o}\n"));
            let mut t = TextTable::new(
                ["input", "first order", "95% interval", "total", "95% interval"].map(String::from).to_vec(),
            );
            let mut order: Vec<usize> = (0..idx.len()).collect();
            order.sort_by(|&a, &b| idx[b].total.total_cmp(&idx[a].total));
            for i in order {
                let s = &idx[i];
                t.row(vec![
                    self.inputs[i].clone(),
                    format!("{:.3}", s.first),
                    format!("[{:.3}, {:.3}]", s.first_ci.0, s.first_ci.1),
                    format!("{:.3}", s.total),
                    format!("[{:.3}, {:.3}]", s.total_ci.0, s.total_ci.1),
                ]);
            }
            out.push_str(&t.render());
        }
        out
    }
}
