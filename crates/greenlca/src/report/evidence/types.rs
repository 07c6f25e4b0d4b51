//! The sections of the evidence report as plain serializable data: what the JSON output holds and
//! what the Markdown and HTML renderings are made from.

use serde::Serialize;

use super::lang::Bi;
use crate::report::check::{IndicatorRow, RequirementRow};
use crate::report::contrib::TreeNode;

/// Section 1: the product, its producer and the variant reported.
#[derive(Debug, Clone, Serialize)]
pub struct ProductSection {
    /// Product id.
    pub id: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    /// Product category.
    pub category: Option<String>,
    /// The same in Chinese.
    pub category_zh: Option<String>,
    pub producer: Option<String>,
    pub description: Option<String>,
    /// The same in Chinese.
    pub description_zh: Option<String>,
    /// The variant the report is about.
    pub variant: VariantInfo,
    /// Number of variants the model defines besides the base model.
    pub other_variants: usize,
}

/// A variant of the model.
#[derive(Debug, Clone, Serialize)]
pub struct VariantInfo {
    /// Id (`base` for the base model).
    pub id: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    /// What differs from the base model.
    pub description: Option<String>,
    /// The same in Chinese.
    pub description_zh: Option<String>,
}

/// Section 2: functional unit and reference flow.
#[derive(Debug, Clone, Serialize)]
pub struct FunctionalUnitSection {
    /// The functional unit in words.
    pub functional_unit: String,
    /// In Chinese.
    pub functional_unit_zh: Option<String>,
    /// Reference flow: amount of product that fulfils the functional unit.
    pub reference_amount: f64,
    /// Unit of the reference flow.
    pub unit: String,
    /// The basis of the specification's limits, when one is checked.
    pub spec_basis: Option<String>,
    /// The same in Chinese.
    pub spec_basis_zh: Option<String>,
}

/// One foreground exchange inside the boundary.
#[derive(Debug, Clone, Serialize)]
pub struct BoundaryExchange {
    /// Exchange id.
    pub id: String,
    /// What it is.
    pub label: String,
    /// `input`, `waste`, `avoided` or `elementary`.
    pub kind: String,
    /// Provider process (or elementary flow) id.
    pub provider: String,
    pub provider_name: String,
    /// Chinese provider name.
    pub provider_name_zh: Option<String>,
    /// Amount per functional unit.
    pub amount: f64,
    pub unit: String,
    /// Source of the amount.
    pub source: Option<String>,
}

/// A life-cycle stage and what it holds.
#[derive(Debug, Clone, Serialize)]
pub struct StageBoundary {
    /// Stage id.
    pub stage: String,
    /// English name.
    pub name_en: String,
    /// Chinese name.
    pub name_zh: String,
    /// Its exchanges (empty: the stage is outside the model).
    pub exchanges: Vec<BoundaryExchange>,
}

/// Section 3: system boundary.
#[derive(Debug, Clone, Serialize)]
pub struct BoundarySection {
    /// All five stages in life-cycle order.
    pub stages: Vec<StageBoundary>,
    /// Included, in words (the model's `[boundary]`).
    pub included: Vec<String>,
    /// Excluded, in words.
    pub excluded: Vec<String>,
    /// Cut-off rule.
    pub cutoff: Option<String>,
    /// Data-quality statement of the model.
    pub data_quality: Option<String>,
    /// `included` in Chinese.
    pub included_zh: Vec<String>,
    /// `excluded` in Chinese.
    pub excluded_zh: Vec<String>,
    /// `cutoff` in Chinese.
    pub cutoff_zh: Option<String>,
    /// `data_quality` in Chinese.
    pub data_quality_zh: Option<String>,
}

/// The background database.
#[derive(Debug, Clone, Serialize)]
pub struct DatabaseInfo {
    pub name: String,
    pub name_zh: Option<String>,
    pub version: String,
    pub description: Option<String>,
    pub description_zh: Option<String>,
    /// Licence.
    pub license: Option<String>,
    pub license_zh: Option<String>,
    pub intended_use: Option<String>,
    pub intended_use_zh: Option<String>,
    /// Format it was read from.
    pub format: Option<String>,
}

/// A source cited by the data used in the study.
#[derive(Debug, Clone, Serialize)]
pub struct CitedSource {
    pub key: String,
    pub citation: String,
    /// Web address.
    pub url: Option<String>,
    /// How many processes, exchanges and parameters used in the study cite it.
    pub cited_by: usize,
}

/// An id with names.
#[derive(Debug, Clone, Serialize)]
pub struct NamedItem {
    pub id: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
}

/// How much of the data used is flagged indicative.
#[derive(Debug, Clone, Serialize)]
pub struct IndicativeSummary {
    /// Background processes the product's supply chain runs.
    pub processes_used: usize,
    /// Of these, flagged `indicative`.
    pub processes_indicative: usize,
    /// Exchanges of the processes used.
    pub exchanges_used: usize,
    /// Of these, flagged `indicative` (on the exchange or on its process).
    pub exchanges_indicative: usize,
    /// Foreground exchanges of the product.
    pub foreground_exchanges: usize,
    /// Of these, those whose provider is an indicative process.
    pub foreground_indicative: usize,
    /// Foreground exchanges whose source is an assumption (`ASSUMPTION`).
    pub assumed_exchanges: Vec<String>,
    /// Model parameters whose source is an assumption.
    pub assumed_parameters: Vec<String>,
    /// The indicative processes used.
    pub indicative_processes: Vec<NamedItem>,
}

/// An impact assessment method.
#[derive(Debug, Clone, Serialize)]
pub struct MethodInfo {
    pub id: String,
    pub name: String,
    pub name_zh: Option<String>,
    pub version: String,
    pub source: String,
    pub notes: Option<String>,
    /// Category ids.
    pub categories: Vec<String>,
}

/// Section 4: data sources and quality.
#[derive(Debug, Clone, Serialize)]
pub struct DataQualitySection {
    /// The background database.
    pub database: DatabaseInfo,
    /// Sources cited by the data used, in the database's order.
    pub sources: Vec<CitedSource>,
    /// Indicative data.
    pub indicative: IndicativeSummary,
    pub methods: Vec<MethodInfo>,
    /// Elementary flows of the database that no factor matches.
    pub unmatched_flows: Vec<String>,
    /// Product inputs of the database left without a provider (cut off by the linking policy).
    pub unlinked_inputs: usize,
}

/// A value of one stage.
#[derive(Debug, Clone, Serialize)]
pub struct StageValue {
    /// Stage id.
    pub stage: String,
    pub value: f64,
    /// Share of the life-cycle total (`None` when the total is zero).
    pub share: Option<f64>,
}

/// An elementary flow of the life-cycle inventory.
#[derive(Debug, Clone, Serialize)]
pub struct InventoryFlow {
    /// Flow id.
    pub id: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    pub compartment: String,
    pub unit: String,
    /// Life-cycle total per functional unit.
    pub total: f64,
    /// Per stage.
    pub stages: Vec<StageValue>,
}

/// Section 5: inventory summary.
#[derive(Debug, Clone, Serialize)]
pub struct InventorySection {
    /// The main elementary flows.
    pub flows: Vec<InventoryFlow>,
    /// Non-zero flows not listed.
    pub omitted: usize,
}

/// Results of one impact category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryImpact {
    /// Category id.
    pub id: String,
    /// Method id.
    pub method: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    pub unit: String,
    /// Life-cycle total per functional unit.
    pub total: f64,
    /// Per stage (the stages of the model).
    pub stages: Vec<StageValue>,
}

/// Section 6: impact results per stage and category.
#[derive(Debug, Clone, Serialize)]
pub struct ImpactSection {
    /// Stage ids of the model, in life-cycle order.
    pub stages: Vec<String>,
    pub categories: Vec<CategoryImpact>,
}

/// One item of a contribution listing.
#[derive(Debug, Clone, Serialize)]
pub struct ContribItem {
    /// Id (process column, flow, or exchange).
    pub id: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    /// Contribution.
    pub value: f64,
    /// Share of the total.
    pub share: Option<f64>,
    /// True when the data behind it are flagged indicative.
    pub indicative: bool,
}

/// A contribution listing: the largest items and the rest.
#[derive(Debug, Clone, Serialize)]
pub struct ContribListing {
    /// Items, largest |value| first.
    pub items: Vec<ContribItem>,
    /// Sum of the items not shown.
    pub rest: f64,
    /// Their number.
    pub rest_count: usize,
    /// Total accounted for.
    pub total: f64,
}

/// A hotspot: a stage, exchange or process with a large share of a category.
#[derive(Debug, Clone, Serialize)]
pub struct Hotspot {
    /// `stage`, `exchange` or `process`.
    pub kind: String,
    pub id: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    /// Contribution.
    pub value: f64,
    /// Share of the category total.
    pub share: f64,
    /// True when the data behind it are flagged indicative.
    pub indicative: bool,
}

/// Contributions to one category.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryContributions {
    /// Category id.
    pub category: String,
    /// Processes by their own emissions.
    pub processes: ContribListing,
    /// Elementary flows.
    pub flows: ContribListing,
    /// First-tier exchanges of the product, each with its whole supply chain.
    pub first_tier: ContribListing,
    pub hotspots: Vec<Hotspot>,
}

/// Section 7: contributions and key issues.
#[derive(Debug, Clone, Serialize)]
pub struct ContributionSection {
    /// Items listed per listing.
    pub top: usize,
    /// Share of a category total from which an item is a hotspot.
    pub hotspot_share: f64,
    /// Per category.
    pub categories: Vec<CategoryContributions>,
    /// Category of the supply-chain tree.
    pub tree_category: String,
    /// Cut-off of the tree (share of the total).
    pub tree_cutoff: f64,
    /// Supply-chain tree of the first category.
    pub tree: TreeNode,
    /// Chinese names of the tree's nodes, by node id (where the database has one).
    pub tree_names_zh: std::collections::BTreeMap<String, String>,
}

/// Counts of a conformity table.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ConformityCounts {
    pub requirements_met: usize,
    /// Requirements stated as not met.
    pub requirements_not_met: usize,
    /// Requirements without evidence.
    pub requirements_evidence_missing: usize,
    /// Indicators that pass.
    pub indicators_pass: usize,
    /// Indicators that fail.
    pub indicators_fail: usize,
    /// Indicators without a declared value.
    pub indicators_evidence_missing: usize,
}

/// A variant's verdict.
#[derive(Debug, Clone, Serialize)]
pub struct VariantVerdict {
    pub id: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    /// True when every requirement and indicator holds.
    pub pass: bool,
}

/// Section 8: the conformity table.
#[derive(Debug, Clone, Serialize)]
pub struct ConformitySection {
    /// Standard id.
    pub standard: String,
    pub title: String,
    /// Chinese title.
    pub title_zh: Option<String>,
    pub version: String,
    /// Product category.
    pub category: String,
    /// The same in Chinese.
    pub category_zh: Option<String>,
    /// True when the limits are illustrative, not transcribed from a standard.
    pub illustrative: bool,
    /// Citation of the standard.
    pub citation: Option<String>,
    /// The same in Chinese.
    pub citation_zh: Option<String>,
    /// Basis of the limits.
    pub basis: String,
    /// The same in Chinese.
    pub basis_zh: String,
    /// The overall verdict of the variant reported.
    pub pass: bool,
    pub counts: ConformityCounts,
    /// Basic requirements.
    pub requirements: Vec<RequirementRow>,
    pub indicators: Vec<IndicatorRow>,
    /// The verdict of every variant of the model.
    pub variants: Vec<VariantVerdict>,
    /// Verdict items of the specification's modelling rules, the Monte Carlo verdict and the
    /// self-declaration decision (report/evidence/conformity.rs).
    #[serde(flatten)]
    pub verdict: super::conformity::VerdictDetail,
}

/// A rule-based improvement suggestion.
#[derive(Debug, Clone, Serialize)]
pub struct Suggestion {
    /// The rule that produced it: `dominant_stage`, `top_exchange`, `failing_indicator`,
    /// `tight_margin`, `missing_evidence`, `requirement_not_met`, `best_variant`,
    /// `passing_variants`, `indicative_hotspot`.
    pub rule: String,
    /// The text.
    pub text: Bi,
}

/// One variant in the comparison.
#[derive(Debug, Clone, Serialize)]
pub struct VariantRow {
    pub id: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    /// Totals per category (the order of the impact section).
    pub totals: Vec<f64>,
    /// Relative to the variant reported, per category (`None` when that is zero).
    pub relative: Vec<Option<f64>>,
    /// Per category, the value of each stage of [`VariantComparison::stages`].
    pub stage_values: Vec<Vec<f64>>,
    /// Verdict against the specification, when one is checked.
    pub pass: Option<bool>,
}

/// The model's variants side by side.
#[derive(Debug, Clone, Serialize)]
pub struct VariantComparison {
    /// Category ids.
    pub categories: Vec<String>,
    /// Stage ids present in any variant, in life-cycle order.
    pub stages: Vec<String>,
    /// Rows, the variant reported first.
    pub rows: Vec<VariantRow>,
    /// Per category, the id of the variant with the lowest total.
    pub best: Vec<String>,
}

/// Section 9: improvement suggestions.
#[derive(Debug, Clone, Serialize)]
pub struct SuggestionSection {
    /// Suggestions, in the order of the rules.
    pub items: Vec<Suggestion>,
    /// The variants compared, when the model has any.
    pub variants: Option<VariantComparison>,
}

/// Section 10: conclusion.
#[derive(Debug, Clone, Serialize)]
pub struct Conclusion {
    /// `pass`, `not met`, or `None` without a specification.
    pub verdict: Option<String>,
    pub statements: Vec<Bi>,
}

/// An indicator in the self-declaration.
#[derive(Debug, Clone, Serialize)]
pub struct DeclaredIndicator {
    pub id: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    pub value: Option<f64>,
    /// The limit as written.
    pub limit: String,
    pub unit: String,
}

/// The self-declaration of conformity (自我声明), present only for a passing variant.
#[derive(Debug, Clone, Serialize)]
pub struct Declaration {
    /// Standard id.
    pub standard: String,
    pub title: String,
    /// Chinese title.
    pub title_zh: Option<String>,
    pub version: String,
    /// True when the specification is illustrative (the declaration is then only a template).
    pub illustrative: bool,
    /// Product name.
    pub product: String,
    /// Chinese product name.
    pub product_zh: Option<String>,
    pub variant: String,
    pub producer: Option<String>,
    /// Basic requirements met.
    pub requirements_met: usize,
    pub indicators: Vec<DeclaredIndicator>,
    pub date: String,
}

/// A file read.
#[derive(Debug, Clone, Serialize)]
pub struct InputRecord {
    /// Role (`model`, `database`, `method`, `spec`, `evidence`, `energy coefficients`).
    pub role: String,
    /// Path (relative to the working directory when inside it).
    pub path: String,
    /// SHA-256.
    pub sha256: String,
}

/// A parameter value used.
#[derive(Debug, Clone, Serialize)]
pub struct ParameterValue {
    pub name: String,
    pub value: f64,
    pub unit: Option<String>,
    /// True when the variant or `--set` changed it.
    pub overridden: bool,
}

/// Section 11: how to reproduce the report.
#[derive(Debug, Clone, Serialize)]
pub struct Reproduction {
    pub greenlca_version: String,
    /// The command line.
    pub command: String,
    /// Every file read, with its SHA-256.
    pub inputs: Vec<InputRecord>,
    /// Methods, `id version`.
    pub methods: Vec<String>,
    pub variant: String,
    /// `--set` values.
    pub sets: Vec<(String, f64)>,
    /// Parameter values used.
    pub parameters: Vec<ParameterValue>,
    /// How unlinked inputs were treated.
    pub unlinked_policy: String,
    /// Date of the report.
    pub date: String,
}

/// Notices shown at the top of the report.
#[derive(Debug, Clone, Serialize)]
pub struct Notices {
    /// True when the specification's limits are illustrative.
    pub spec_illustrative: bool,
    /// True when any process used is flagged indicative.
    pub data_indicative: bool,
    /// The notices in words.
    pub texts: Vec<Bi>,
}
