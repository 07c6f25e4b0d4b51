//! The result of `greenlca compare`: JSON, CSV and tables.

use serde::Serialize;

use super::calc::CategorySummary;
use super::format::{TextTable, csv_line, exact, human, percent};
use crate::analysis::compare::Comparison;
use crate::model::StageScheme;

/// Schema id.
pub const SCHEMA: &str = "greenlca.compare";

/// One variant, one category.
#[derive(Debug, Clone, Serialize)]
pub struct Cell {
    /// Category id.
    pub category: String,
    pub total: f64,
    /// Total minus the baseline's.
    pub difference: f64,
    /// Difference relative to |baseline|.
    pub relative: Option<f64>,
    /// Total / baseline total.
    pub normalized: Option<f64>,
    /// Per stage: (stage id, value, difference from the baseline's stage).
    pub stages: Vec<(String, f64, f64)>,
}

/// One variant.
#[derive(Debug, Clone, Serialize)]
pub struct VariantCells {
    pub id: String,
    pub name: String,
    /// Per category.
    pub categories: Vec<Cell>,
}

/// The compare report.
#[derive(Debug, Clone, Serialize)]
pub struct CompareReport {
    /// Schema id.
    pub schema: &'static str,
    pub schema_version: u32,
    pub greenlca_version: &'static str,
    /// Product name.
    pub product: String,
    pub functional_unit: String,
    /// Baseline variant.
    pub baseline: String,
    pub categories: Vec<CategorySummary>,
    /// Best variant per category id.
    pub best: Vec<(String, String)>,
    pub variants: Vec<VariantCells>,
    /// Paired Monte Carlo comparison, when asked for.
    pub paired: Option<PairedReport>,
    /// The stages compared (names for tables and charts).
    #[serde(skip)]
    pub stage_scheme: StageScheme,
    /// How unlinked inputs of the background were treated (absent for matrix folders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linking: Option<crate::report::Linking>,
    /// Monte Carlo spread check (with --mc): the background's share of the variance and warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread: Option<crate::uncertainty::Spread>,
}

/// Paired Monte Carlo comparison.
#[derive(Debug, Clone, Serialize)]
pub struct PairedReport {
    /// Draws.
    pub iterations: usize,
    pub seed: u64,
    /// Per variant and category.
    pub pairs: Vec<crate::uncertainty::paired::Paired>,
}

impl CompareReport {
    /// Builds the report.
    pub fn new(product: &str, functional_unit: &str, categories: Vec<CategorySummary>, cmp: &Comparison) -> Self {
        let variants = cmp
            .variants
            .iter()
            .map(|v| VariantCells {
                id: v.variant.clone(),
                name: v.name.clone(),
                categories: categories
                    .iter()
                    .enumerate()
                    .map(|(k, c)| Cell {
                        category: c.id.clone(),
                        total: v.totals[k],
                        difference: v.difference[k],
                        relative: v.relative[k],
                        normalized: v.normalized[k],
                        stages: v
                            .stages
                            .iter()
                            .zip(&v.stage_difference)
                            .map(|((s, val), (_, d))| (s.id().to_string(), val[k], d[k]))
                            .collect(),
                    })
                    .collect(),
            })
            .collect();
        CompareReport {
            linking: None,
            spread: None,
            schema: SCHEMA,
            schema_version: 1,
            greenlca_version: env!("CARGO_PKG_VERSION"),
            product: product.into(),
            functional_unit: functional_unit.into(),
            baseline: cmp.baseline.clone(),
            best: categories.iter().zip(&cmp.best).map(|(c, b)| (c.id.clone(), b.clone())).collect(),
            categories,
            variants,
            paired: None,
            stage_scheme: cmp.stage_scheme.clone(),
        }
    }

    /// JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }

    /// CSV: one row per variant, category and stage (`total` as the stage of the whole).
    pub fn to_csv(&self) -> String {
        let mut out = csv_line(
            &["variant", "category", "unit", "stage", "value", "difference", "relative", "normalized"]
                .map(String::from),
        );
        for v in &self.variants {
            for (c, cell) in self.categories.iter().zip(&v.categories) {
                let o = |x: Option<f64>| x.map(exact).unwrap_or_default();
                out.push_str(&csv_line(&[
                    v.id.clone(),
                    c.id.clone(),
                    c.unit.clone(),
                    "total".into(),
                    exact(cell.total),
                    exact(cell.difference),
                    o(cell.relative),
                    o(cell.normalized),
                ]));
                for (s, val, d) in &cell.stages {
                    out.push_str(&csv_line(&[
                        v.id.clone(),
                        c.id.clone(),
                        c.unit.clone(),
                        s.clone(),
                        exact(*val),
                        exact(*d),
                        String::new(),
                        String::new(),
                    ]));
                }
            }
        }
        out
    }

    /// Tables for people: totals with differences, the normalised overview, the stages.
    pub fn to_table(&self) -> String {
        let mut out = format!("{} — {}\nbaseline: {}\n\n", self.product, self.functional_unit, self.baseline);
        let mut header = vec!["category".to_string(), "unit".into()];
        header.extend(self.variants.iter().map(|v| v.id.clone()));
        header.push("best".into());
        let mut t = TextTable::new(header);
        for (k, c) in self.categories.iter().enumerate() {
            let mut row = vec![c.name.clone(), c.unit.clone()];
            for v in &self.variants {
                let cell = &v.categories[k];
                let rel =
                    if v.id == self.baseline { String::new() } else { format!(" ({})", signed_percent(cell.relative)) };
                row.push(format!("{}{rel}", human(cell.total, 4)));
            }
            row.push(self.best[k].1.clone());
            t.row(row);
        }
        out.push_str(&t.render());
        out.push_str("\nnormalised to the baseline (baseline = 100%)\n");
        let mut header = vec!["category".to_string()];
        header.extend(self.variants.iter().map(|v| v.id.clone()));
        let mut t = TextTable::new(header);
        for (k, c) in self.categories.iter().enumerate() {
            let mut row = vec![c.name.clone()];
            row.extend(self.variants.iter().map(|v| percent(v.categories[k].normalized)));
            t.row(row);
        }
        out.push_str(&t.render());
        if let Some(p) = &self.paired {
            out.push_str(&format!(
                "\npaired Monte Carlo ({} draws, seed {}): variant - baseline\n",
                p.iterations, p.seed
            ));
            let mut t = TextTable::new(
                ["category", "variant", "beats baseline", "mean difference", "2.5%", "97.5%"]
                    .map(String::from)
                    .to_vec(),
            );
            for x in &p.pairs {
                t.row(vec![
                    x.category.clone(),
                    x.variant.clone(),
                    format!("{:.1}%", x.beats_baseline * 100.0),
                    human(x.difference.mean, 4),
                    human(x.difference.p2_5, 4),
                    human(x.difference.p97_5, 4),
                ]);
            }
            out.push_str(&t.render());
        }
        for (k, c) in self.categories.iter().enumerate() {
            out.push_str(&format!("\n{} [{}] by stage\n", c.name, c.unit));
            let mut header = vec!["stage".to_string()];
            header.extend(self.variants.iter().map(|v| v.id.clone()));
            let mut t = TextTable::new(header);
            for (si, s) in self.stage_scheme.stages().iter().enumerate() {
                if self.variants.iter().all(|v| v.categories[k].stages[si].1 == 0.0) {
                    continue;
                }
                let mut row = vec![format!("{} {}", s.name_en(), s.name_zh())];
                row.extend(self.variants.iter().map(|v| human(v.categories[k].stages[si].1, 4)));
                t.row(row);
            }
            out.push_str(&t.render());
        }
        out
    }
}

fn signed_percent(x: Option<f64>) -> String {
    x.map_or_else(|| "-".into(), |v| format!("{:+.1}%", v * 100.0))
}
