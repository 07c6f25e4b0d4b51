//! The result of `greenlca calc --matrices DIR`: the scores of the demand of a matrix exchange
//! folder.

use std::path::Path;

use super::format::{TextTable, csv_line, exact, human};
use crate::calc::Lca;
use crate::error::Result;
use crate::io::compiled::{CacheMode, Compiled, read_matrix_folder_cached};
use crate::matrix::CategoryRow;
use crate::solve::SolverOptions;

/// Scores of a matrix folder's demand.
#[derive(Debug, Clone)]
pub struct MatrixCalcReport {
    /// The folder, as given.
    pub folder: String,
    /// Number of processes (columns of A).
    pub processes: usize,
    /// Number of elementary flows (rows of B).
    pub flows: usize,
    /// The categories (rows of C).
    pub categories: Vec<CategoryRow>,
    /// Score per category.
    pub scores: Vec<f64>,
    /// Sum of the supply vector, a quick check against other tools.
    pub supply_sum: f64,
    /// What the solver reported (a fallback to the direct LU).
    pub warnings: Vec<crate::Warning>,
    /// Whether the folder's compiled form was used, and the inputs' content hash.
    pub compiled: Compiled,
}

impl MatrixCalcReport {
    /// Reads the folder (triplet CSV or Matrix Market) through its compiled form and solves for
    /// its demand.
    pub fn compute(dir: &Path) -> Result<MatrixCalcReport> {
        Self::compute_with(dir, &SolverOptions::default(), CacheMode::Use)
    }

    /// [`compute`](Self::compute) with the solver chosen by `options`, with or without the
    /// compiled form.
    pub fn compute_with(dir: &Path, options: &SolverOptions, cache: CacheMode) -> Result<MatrixCalcReport> {
        let (ms, compiled) = read_matrix_folder_cached(dir, cache)?;
        let lca = Lca::with_options(ms.system, ms.characterization, options)?;
        let result = lca.lcia(lca.lci(&ms.demand)?);
        Ok(MatrixCalcReport {
            folder: dir.display().to_string(),
            processes: lca.system().n(),
            flows: lca.system().m(),
            categories: lca.characterization().categories.clone(),
            supply_sum: result.lci.supply.iter().sum::<f64>(),
            scores: result.scores,
            warnings: lca.solver_warnings(),
            compiled,
        })
    }

    /// CSV: one row per category.
    pub fn to_csv(&self) -> String {
        let mut s = csv_line(&["category".into(), "name".into(), "unit".into(), "total".into()]);
        for (c, v) in self.categories.iter().zip(&self.scores) {
            s.push_str(&csv_line(&[c.id.clone(), c.name.clone(), c.unit.clone(), exact(*v)]));
        }
        s
    }

    /// JSON (schema `greenlca.calc-matrices`).
    pub fn to_json(&self) -> String {
        let cats = &self.categories;
        let v = serde_json::json!({
            "schema": "greenlca.calc-matrices",
            "schema_version": 1,
            "greenlca_version": env!("CARGO_PKG_VERSION"),
            "folder": self.folder,
            "processes": self.processes,
            "flows": self.flows,
            "scores": cats.iter().zip(&self.scores).map(|(c, v)| serde_json::json!({"category": c.id, "name": c.name, "unit": c.unit, "total": v})).collect::<Vec<_>>(),
            "supply_sum": self.supply_sum,
            "inputs_sha256": self.compiled.inputs_sha256,
            "compiled_form": self.compiled.as_str(),
        });
        serde_json::to_string_pretty(&v).expect("plain data") + "\n"
    }

    /// Table: the sizes, then one row per category.
    pub fn to_table(&self) -> String {
        let cats = &self.categories;
        let mut t = TextTable::new(vec!["category".into(), "unit".into(), "total".into()]);
        for (c, v) in cats.iter().zip(&self.scores) {
            t.row(vec![c.name.clone(), c.unit.clone(), human(*v, 6)]);
        }
        format!("{} processes, {} flows, {} categories\n{}", self.processes, self.flows, cats.len(), t.render())
    }
}
