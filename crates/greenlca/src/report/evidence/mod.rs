//! The LCA evidence report of `greenlca report`: one serializable [`EvidenceReport`] built from a
//! study, its results and (optionally) an eco-design check, with the sections of an LCA report per
//! GB/T 24040/24044 and GB/T 32161; rendered as JSON, Markdown and self-contained HTML with inline
//! SVG charts.
//!
//! The numbers are computed once, in [`EvidenceReport::compute`]; the renderings only lay them
//! out: `compose` turns the report into a format-neutral [`Document`] in the language asked,
//! and a [`Renderer`] ([`Markdown`], [`Html`]) writes that document as text.
//!
//! ```no_run
//! use greenlca::calc::Study;
//! use greenlca::io::load_model;
//! use greenlca::matrix::UnlinkedPolicy;
//! use greenlca::analysis::ecodesign::SpecInputs;
//! use greenlca::report::evidence::{Date, EvidenceOptions, EvidenceReport, Lang};
//! # fn main() -> greenlca::Result<()> {
//! let inputs = load_model("datasets/products/kettle.toml".as_ref(), None, &[])?;
//! let study = Study::new(inputs, UnlinkedPolicy::Error)?;
//! let spec = SpecInputs::load(&study, None, None)?;
//! let options = EvidenceOptions { date: Date::parse("2026-01-01")?, ..EvidenceOptions::default() };
//! let report = EvidenceReport::compute(&study, Some(&spec), &options)?;
//! let files = report.files(Lang::Both)?; // report.html, report.md, report.json, charts/*.svg
//! # Ok(()) }
//! ```

mod build;
mod charts;
pub(crate) mod compose;
mod conclusion;
mod conformity;
mod context;
mod contributions;
mod data_quality;
mod date;
mod document;
mod escape;
mod evaluation;
mod html;
mod inventory;
mod lang;
mod markdown;
mod reproduce;
mod suggestions;
mod terms;
mod types;

use std::path::PathBuf;

use serde::Serialize;

pub use crate::io::native::evidence_info::{BasicInfo, MaterialShare, PeriodInfo, PeriodRow, TechParameter};
pub use date::Date;
pub use document::{Block, Cell, Col, Document, Figure, Notice, Row, RowClass, Span, Style, Table};
pub use escape::escape_html;
pub use evaluation::{
    AllocatedProcess, AllocationInfo, Contributor, DataRow, EvaluationSection, Lever, SensitivityInfo,
};
pub use html::Html;
pub use lang::{Bi, Lang};
pub use markdown::Markdown;
pub use types::*;

use crate::error::Result;

/// Schema id of the evidence report's JSON.
pub const SCHEMA: &str = "greenlca.evidence";
/// Schema version; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;
/// Items listed per contribution listing by default.
pub const DEFAULT_TOP: usize = 5;
/// Share of a category total from which a stage, exchange or process counts as a hotspot.
pub const HOTSPOT_SHARE: f64 = 0.10;

/// What to report and how.
#[derive(Debug, Clone)]
pub struct EvidenceOptions {
    /// The variant reported (`base` for the base model).
    pub variant: String,
    /// Parameter values set for the run (`--set`).
    pub sets: Vec<(String, f64)>,
    /// Date of the report.
    pub date: Date,
    /// The command line that produced the report (for section 11).
    pub command: String,
    /// Items per contribution listing.
    pub top: usize,
    /// Paths inside this folder are shown relative to it (normally the working directory).
    pub base_dir: Option<PathBuf>,
    /// Monte Carlo draws and seed for the probability of meeting the specification (`--mc`).
    pub mc: Option<(usize, u64)>,
    /// What a self-declaration needs (`--confidence`, `--max-indicative`).
    pub policy: crate::analysis::ecodesign::DeclarationPolicy,
}

impl Default for EvidenceOptions {
    fn default() -> Self {
        EvidenceOptions {
            variant: "base".into(),
            sets: Vec::new(),
            date: Date { year: 1970, month: 1, day: 1 },
            command: String::new(),
            top: DEFAULT_TOP,
            base_dir: None,
            mc: None,
            policy: Default::default(),
        }
    }
}

/// The evidence report: every number and statement of the rendered report.
#[derive(Debug, Clone, Serialize)]
pub struct EvidenceReport {
    /// Schema id ([`SCHEMA`]).
    pub schema: &'static str,
    /// Schema version ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    pub greenlca_version: &'static str,
    /// Date of the report, `YYYY-MM-DD`.
    pub date: String,
    /// Illustrative specification, indicative data.
    pub notices: Notices,
    /// 1. Product and producer.
    pub product: ProductSection,
    /// 2. Functional unit and reference flow.
    pub functional_unit: FunctionalUnitSection,
    /// 3. System boundary.
    pub boundary: BoundarySection,
    /// 4. Data sources and quality.
    pub data_quality: DataQualitySection,
    /// 5. Inventory summary.
    pub inventory: InventorySection,
    /// 6. Impact results per stage and category.
    pub impacts: ImpactSection,
    /// 7. Contribution analysis and key issues.
    pub contributions: ContributionSection,
    /// 8. Conformity table (when a specification is checked).
    pub conformity: Option<ConformitySection>,
    /// 9. Improvement suggestions.
    pub suggestions: SuggestionSection,
    /// 10. Conclusion.
    pub conclusion: Conclusion,
    /// Self-declaration of conformity (only when the variant passes).
    pub declaration: Option<Declaration>,
    /// 11. How to reproduce the report.
    pub reproduction: Reproduction,
    /// What an evaluator checks besides: basic information, periods, site and background data,
    /// allocation, sensitivity, design levers.
    pub evaluation: EvaluationSection,
    /// The model's stages (their names for the rendered report).
    #[serde(skip)]
    pub stage_scheme: crate::model::StageScheme,
}

/// Turns a [`Document`] into the text of one format.
pub trait Renderer {
    /// File name the rendering is written to (`report.md`, `report.html`).
    fn file_name(&self) -> &'static str;
    /// The document as text.
    fn render(&self, doc: &Document) -> String;
}

impl EvidenceReport {
    /// The verdict: `Some(true)` pass, `Some(false)` not met, `None` without a specification.
    pub fn verdict(&self) -> Option<bool> {
        self.conformity.as_ref().map(|c| c.pass)
    }

    /// The JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data serializes") + "\n"
    }

    /// The report laid out in `lang`, charts included.
    pub fn document(&self, lang: Lang) -> Result<Document> {
        compose::compose(self, lang)
    }

    /// The Markdown text (charts referenced as `charts/*.svg`).
    pub fn to_markdown(&self, lang: Lang) -> Result<String> {
        Ok(Markdown.render(&self.document(lang)?))
    }

    /// The self-contained HTML text (inline CSS and SVG).
    pub fn to_html(&self, lang: Lang) -> Result<String> {
        Ok(Html.render(&self.document(lang)?))
    }

    /// Every output file as (relative name, bytes): `report.html`, `report.md`, `report.json`
    /// and the charts the Markdown refers to, `charts/*.svg`.
    pub fn files(&self, lang: Lang) -> Result<Vec<(String, Vec<u8>)>> {
        let doc = self.document(lang)?;
        let mut out = vec![
            (Html.file_name().to_string(), Html.render(&doc).into_bytes()),
            (Markdown.file_name().to_string(), Markdown.render(&doc).into_bytes()),
            ("report.json".to_string(), self.to_json().into_bytes()),
        ];
        for f in doc.figures() {
            out.push((f.file.clone(), f.svg.clone().into_bytes()));
        }
        Ok(out)
    }
}
