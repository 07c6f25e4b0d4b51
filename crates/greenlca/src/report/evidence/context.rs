//! What the sections of the evidence report are built from: the study, the reported variant with
//! its results and check, and every other variant; shared by `build` and the section files.

use super::EvidenceOptions;
use crate::analysis::ecodesign::CheckResult;
use crate::analysis::ecodesign::inputs::SpecInputs;
use crate::calc::{Engine, ProductResult, Study};
use crate::matrix::foreground::Foreground;
use crate::model::Stage;

/// Everything the sections are built from.
pub(super) struct Context<'a> {
    /// The study.
    pub study: &'a Study,
    /// The factorized background.
    pub engine: &'a Engine,
    /// The variant reported, resolved.
    pub fg: &'a Foreground,
    /// Its results.
    pub result: &'a ProductResult,
    /// Its check, when a specification is given.
    pub check: Option<&'a CheckResult>,
    /// The specification.
    pub spec: Option<&'a SpecInputs>,
    /// Every variant of the model (the reported one first) with its check.
    pub variants: &'a [(ProductResult, Option<CheckResult>)],
    pub options: &'a EvidenceOptions,
}

impl Context<'_> {
    /// Chinese name of a column (process) of the background, if the database has one.
    pub fn process_zh(&self, column_id: &str) -> Option<String> {
        let process = self.process_of(column_id)?;
        self.study.inputs.database.process(&process).and_then(|p| p.name_zh.clone())
    }

    /// True when the process of a column is flagged indicative.
    pub fn process_indicative(&self, column_id: &str) -> bool {
        self.process_of(column_id)
            .and_then(|p| self.study.inputs.database.process(&p).map(|p| p.indicative))
            .unwrap_or(false)
    }

    fn process_of(&self, column_id: &str) -> Option<String> {
        let sys = &self.study.system;
        let col = sys.column_index.get(column_id)?;
        sys.columns[col].process.clone()
    }

    /// Chinese name of an elementary flow.
    pub fn flow_zh(&self, flow_id: &str) -> Option<String> {
        self.study.inputs.database.flow(flow_id).and_then(|f| f.name_zh.clone())
    }

    /// The stages of the model present in the reported variant.
    pub fn stages(&self) -> Vec<Stage> {
        self.result.stages.iter().map(|(s, _)| *s).collect()
    }
}

/// Shares of a total, `None` when the total is zero.
pub(super) fn share(value: f64, total: f64) -> Option<f64> {
    (total != 0.0).then(|| value / total)
}
