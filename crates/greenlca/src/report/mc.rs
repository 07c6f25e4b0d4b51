//! The result of `greenlca mc` (and of `merge`): per output, the mean, sd, percentiles, CV and the
//! convergence check.

use serde::Serialize;

use super::format::{TextTable, csv_line, exact, human};
use crate::uncertainty::montecarlo::Draws;
use crate::uncertainty::spread::Spread;
use crate::uncertainty::stats::Summary;

/// One output's summary, with its label split into parts.
#[derive(Debug, Clone, Serialize)]
pub struct OutputSummary {
    /// Variant (empty for matrix systems).
    pub variant: String,
    /// Category id or name.
    pub category: String,
    /// `total` or a stage id.
    pub stage: String,
    pub unit: String,
    /// The statistics.
    #[serde(flatten)]
    pub summary: Summary,
    /// Whether the convergence check holds.
    pub converged: bool,
}

/// The Monte Carlo report.
#[derive(Debug, Clone, Serialize)]
pub struct McReport {
    /// Schema id.
    pub schema: &'static str,
    pub schema_version: u32,
    pub greenlca_version: &'static str,
    /// What was run.
    pub run: String,
    pub seed: u64,
    pub iterations: usize,
    /// Description of the outputs (product, categories, units).
    pub meta: serde_json::Value,
    /// Summaries.
    pub outputs: Vec<OutputSummary>,
    /// Draws whose iterative solve fell back to the direct LU (left out when none did).
    #[serde(skip_serializing_if = "is_zero")]
    pub solver_fallbacks: usize,
    /// Nothing or almost nothing varies, or only the foreground does (the `spread` of `meta`
    /// has the background's share of the variance per total).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<crate::Warning>,
}

pub use crate::uncertainty::montecarlo::label;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl McReport {
    /// Summarizes complete draws; `unit_of` gives the unit of a category.
    pub fn new(draws: &Draws, unit_of: &dyn Fn(&str) -> String) -> Self {
        let outputs = draws
            .labels
            .iter()
            .enumerate()
            .map(|(i, l)| {
                let mut parts = l.splitn(3, '|');
                let (variant, category, stage) =
                    (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or("total"));
                let summary = draws.summary(i);
                OutputSummary {
                    variant: variant.into(),
                    category: category.into(),
                    stage: stage.into(),
                    unit: unit_of(category),
                    converged: summary.converged(),
                    summary,
                }
            })
            .collect();
        McReport {
            schema: "greenlca.mc",
            schema_version: 1,
            greenlca_version: env!("CARGO_PKG_VERSION"),
            run: draws.run.clone(),
            seed: draws.seed,
            iterations: draws.iterations,
            meta: draws.meta.clone(),
            outputs,
            solver_fallbacks: draws.solver_fallbacks,
            warnings: Spread::from_meta(&draws.meta)
                .unwrap_or_else(|| Spread::of_draws(draws))
                .warnings
                .into_iter()
                .chain(draws.solver_warning())
                .collect(),
        }
    }

    /// Summarizes complete draws with the unit of each category.
    pub fn with_units(draws: &Draws, units: &[(String, String)]) -> Self {
        let unit_of = |c: &str| units.iter().find(|(id, _)| id == c).map(|u| u.1.clone()).unwrap_or_default();
        Self::new(draws, &unit_of)
    }

    /// JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }

    /// CSV, one row per output.
    pub fn to_csv(&self) -> String {
        let mut out = csv_line(
            &[
                "variant",
                "category",
                "stage",
                "unit",
                "n",
                "mean",
                "sd",
                "p2_5",
                "median",
                "p97_5",
                "cv",
                "rel_se",
                "converged",
            ]
            .map(String::from),
        );
        for o in &self.outputs {
            let s = &o.summary;
            out.push_str(&csv_line(&[
                o.variant.clone(),
                o.category.clone(),
                o.stage.clone(),
                o.unit.clone(),
                s.n.to_string(),
                exact(s.mean),
                exact(s.sd),
                exact(s.p2_5),
                exact(s.median),
                exact(s.p97_5),
                exact(s.cv),
                exact(s.rel_se),
                o.converged.to_string(),
            ]));
        }
        out
    }

    /// Table for people.
    pub fn to_table(&self) -> String {
        let mut out = format!("Monte Carlo: {} iterations, seed {}\n", self.iterations, self.seed);
        let mut t = TextTable::new(
            ["variant", "category", "stage", "unit", "mean", "sd", "2.5%", "median", "97.5%", "CV", "converged"]
                .map(String::from)
                .to_vec(),
        );
        for o in &self.outputs {
            let s = &o.summary;
            t.row(vec![
                o.variant.clone(),
                o.category.clone(),
                o.stage.clone(),
                o.unit.clone(),
                human(s.mean, 4),
                human(s.sd, 3),
                human(s.p2_5, 4),
                human(s.median, 4),
                human(s.p97_5, 4),
                if s.cv.is_nan() { "-".into() } else { format!("{:.1}%", s.cv * 100.0) },
                if o.converged { "yes".into() } else { "no".into() },
            ]);
        }
        out.push_str(&t.render());
        if self.outputs.iter().any(|o| !o.converged) {
            out.push_str("\nnot converged: the mean's standard error is above 1 % or the 95 % interval still moves by more than 2 % between half of the draws and all; run more iterations\n");
        }
        out
    }
}

/// Every draw as CSV: one row per iteration, one column per output.
pub fn draws_csv(draws: &Draws) -> String {
    let mut header = vec!["iteration".to_string()];
    header.extend(draws.labels.iter().cloned());
    let mut out = csv_line(&header);
    for (i, row) in draws.values.iter().enumerate() {
        let mut line = vec![(draws.start + i).to_string()];
        line.extend(row.iter().map(|v| exact(*v)));
        out.push_str(&csv_line(&line));
    }
    out
}
