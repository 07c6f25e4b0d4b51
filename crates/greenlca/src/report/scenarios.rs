//! Scenario runs as one table: one row per scenario and category.

use serde::Serialize;

use super::calc::CategorySummary;
use super::format::{TextTable, csv_line, exact, human};
use crate::calc::ProductResult;
use crate::model::StageScheme;

/// One scenario's results.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioRow {
    /// Scenario name.
    pub scenario: String,
    pub variant: String,
    /// Parameter values set by the row.
    pub sets: Vec<(String, f64)>,
    /// Totals per category.
    pub totals: Vec<f64>,
    /// Per stage id, values per category.
    pub stages: Vec<(String, Vec<f64>)>,
    /// Providers relinked, with the exchanges changed (the variant's, the model's and the row's).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relinked: Vec<crate::calc::RelinkCount>,
}

/// One scenario run: name, variant, the parameter values of its row, and the result.
pub struct ScenarioRun {
    pub name: String,
    pub variant: String,
    /// Parameter values of the row.
    pub sets: Vec<(String, f64)>,
    pub result: ProductResult,
}

/// The scenario report.
#[derive(Debug, Clone, Serialize)]
pub struct ScenarioReport {
    /// Schema id.
    pub schema: &'static str,
    pub schema_version: u32,
    pub categories: Vec<CategorySummary>,
    /// Rows.
    pub scenarios: Vec<ScenarioRow>,
    /// The model's stages: the stage columns of the CSV.
    #[serde(skip)]
    pub stage_scheme: StageScheme,
    /// How unlinked inputs of the background were treated (absent for matrix folders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linking: Option<crate::report::Linking>,
}

impl ScenarioReport {
    /// Builds the report from (name, variant, sets, result).
    pub fn new(categories: Vec<CategorySummary>, runs: Vec<ScenarioRun>) -> Self {
        let stage_scheme = runs.first().map(|r| r.result.stage_scheme.clone()).unwrap_or_default();
        let scenarios = runs
            .into_iter()
            .map(|run| ScenarioRow {
                scenario: run.name,
                variant: run.variant,
                sets: run.sets,
                stages: stage_scheme.stages().iter().map(|s| (s.id().to_string(), run.result.stage(*s))).collect(),
                relinked: run.result.relinked.clone(),
                totals: run.result.totals,
            })
            .collect();
        ScenarioReport {
            schema: "greenlca.scenarios",
            schema_version: 1,
            categories,
            scenarios,
            stage_scheme,
            linking: None,
        }
    }

    /// JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }

    /// CSV: scenario, variant, category, unit, total, stages.
    pub fn to_csv(&self) -> String {
        let mut h: Vec<String> = ["scenario", "variant", "category", "unit", "total"].map(String::from).to_vec();
        h.extend(self.stage_scheme.stages().iter().map(|s| s.id().to_string()));
        let mut out = csv_line(&h);
        for s in &self.scenarios {
            for (k, c) in self.categories.iter().enumerate() {
                let mut row =
                    vec![s.scenario.clone(), s.variant.clone(), c.id.clone(), c.unit.clone(), exact(s.totals[k])];
                row.extend(s.stages.iter().map(|(_, v)| exact(v[k])));
                out.push_str(&csv_line(&row));
            }
        }
        out
    }

    /// One table: rows are scenarios, columns categories.
    pub fn to_table(&self) -> String {
        let mut h = vec!["scenario".to_string(), "variant".into()];
        h.extend(self.categories.iter().map(|c| format!("{} [{}]", c.id, c.unit)));
        let mut t = TextTable::new(h);
        for s in &self.scenarios {
            let mut row = vec![s.scenario.clone(), s.variant.clone()];
            row.extend(s.totals.iter().map(|v| human(*v, 4)));
            t.row(row);
        }
        t.render()
    }
}
