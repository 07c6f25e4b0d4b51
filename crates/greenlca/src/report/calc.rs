//! The result of `greenlca calc` as one serializable report, and its table and CSV renderings.

use std::collections::BTreeMap;

use serde::Serialize;

use super::format::{TextTable, csv_line, exact, human, percent};
use crate::analysis::contribution::{self, Ranked};
use crate::calc::{Engine, ProductResult, RelinkCount, Study};
use crate::model::StageScheme;

/// Schema id of the calc JSON.
pub const SCHEMA: &str = "greenlca.calc";
/// Schema version of the calc JSON; bumped on incompatible changes.
pub const SCHEMA_VERSION: u32 = 1;

/// Product and functional unit.
#[derive(Debug, Clone, Serialize)]
pub struct ProductSummary {
    /// Product id.
    pub id: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    pub functional_unit: String,
    /// Reference amount and unit.
    pub reference_amount: f64,
    pub unit: String,
}

/// A category.
#[derive(Debug, Clone, Serialize)]
pub struct CategorySummary {
    pub id: String,
    /// Method id.
    pub method: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    pub unit: String,
}

impl CategorySummary {
    /// The categories of a study's methods, in the order of the rows of C.
    pub fn of_study(study: &Study) -> Vec<CategorySummary> {
        let rows = &study.characterization.categories;
        rows.iter()
            .map(|c| CategorySummary {
                id: c.id.clone(),
                method: c.method.clone(),
                name: c.name.clone(),
                name_zh: c.name_zh.clone(),
                unit: c.unit.clone(),
            })
            .collect()
    }
}

/// A method used.
#[derive(Debug, Clone, Serialize)]
pub struct MethodSummary {
    pub id: String,
    pub name: String,
    pub version: String,
    pub source: String,
}

/// How product inputs were linked.
#[derive(Debug, Clone, Serialize)]
pub struct LinkSummary {
    /// `error`, `warn` or `cutoff`.
    pub unlinked_policy: String,
    /// Linked exchanges.
    pub linked: usize,
    /// Unlinked inputs: process, flow, amount, unit.
    pub unlinked: Vec<BTreeMap<String, String>>,
    /// Links chosen among several producers.
    pub ambiguous: Vec<BTreeMap<String, String>>,
}

/// A ranked contribution listing for one category.
#[derive(Debug, Clone, Serialize)]
pub struct RankedSummary {
    /// Category id.
    pub category: String,
    /// Items shown.
    pub items: Vec<RankedItem>,
    /// Sum of the rest.
    pub rest: f64,
    /// Number of items in the rest.
    pub rest_count: usize,
    /// Total accounted for.
    pub total: f64,
}

/// One ranked item.
#[derive(Debug, Clone, Serialize)]
pub struct RankedItem {
    pub id: String,
    pub name: String,
    pub value: f64,
    /// Share of the total.
    pub share: Option<f64>,
}

impl RankedSummary {
    /// From a ranking.
    pub fn new(category: &str, r: Ranked) -> Self {
        RankedSummary {
            category: category.to_string(),
            items: r
                .items
                .into_iter()
                .map(|i| RankedItem { id: i.id, name: i.name, value: i.value, share: i.share })
                .collect(),
            rest: r.rest,
            rest_count: r.rest_count,
            total: r.total,
        }
    }
}

/// Result of one category for one variant.
#[derive(Debug, Clone, Serialize)]
pub struct CategoryResult {
    /// Category id.
    pub category: String,
    pub total: f64,
    /// Per stage id.
    pub stages: BTreeMap<String, f64>,
}

/// One foreground exchange's contributions.
#[derive(Debug, Clone, Serialize)]
pub struct ExchangeSummary {
    pub id: String,
    pub label: Option<String>,
    /// Stage id.
    pub stage: String,
    pub kind: String,
    /// Provider or flow id.
    pub target: String,
    /// Provider or flow name.
    pub target_name: String,
    pub amount: f64,
    pub unit: String,
    /// Contribution per category id.
    pub values: BTreeMap<String, f64>,
}

/// Results of one variant.
#[derive(Debug, Clone, Serialize)]
pub struct VariantSummary {
    /// Variant id.
    pub id: String,
    pub name: String,
    /// Parameter values used.
    pub parameters: BTreeMap<String, f64>,
    /// Stages present, in life-cycle order.
    pub stages: Vec<String>,
    /// Per category.
    pub results: Vec<CategoryResult>,
    /// Per foreground exchange.
    pub exchanges: Vec<ExchangeSummary>,
    /// Top processes per category.
    pub top_processes: Vec<RankedSummary>,
    /// Top elementary flows per category.
    pub top_flows: Vec<RankedSummary>,
    /// Providers relinked throughout the supply chain, with the exchanges changed.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relinked: Vec<RelinkCount>,
}

/// A database layer of the model and the SHA-256 over its files.
#[derive(Debug, Clone, Serialize)]
pub struct LayerSummary {
    pub path: String,
    /// SHA-256 over its files' roles and hashes.
    pub sha256: String,
}

/// A file read.
#[derive(Debug, Clone, Serialize)]
pub struct InputSummary {
    pub role: String,
    pub path: String,
    /// SHA-256.
    pub sha256: String,
}

/// The whole calc report.
#[derive(Debug, Clone, Serialize)]
pub struct CalcReport {
    /// Schema id.
    pub schema: &'static str,
    pub schema_version: u32,
    pub greenlca_version: &'static str,
    pub product: ProductSummary,
    /// Database name and version.
    pub database: String,
    pub methods: Vec<MethodSummary>,
    pub categories: Vec<CategorySummary>,
    /// Linking.
    pub links: LinkSummary,
    /// Elementary flows of the database no loaded factor matches.
    pub unmatched_flows: Vec<String>,
    pub variants: Vec<VariantSummary>,
    /// Files read.
    pub inputs: Vec<InputSummary>,
    /// The database layers in order, when the model names more than the database.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub layers: Vec<LayerSummary>,
    /// Parameter values set for this run (`--set`), which override the model's in every variant.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub set: BTreeMap<String, f64>,
    /// The model's stages: the stage columns of CSV and tables.
    #[serde(skip)]
    pub stage_scheme: StageScheme,
}

impl CalcReport {
    /// Builds the report from results computed with `engine`.
    pub fn build(study: &Study, engine: &Engine, results: &[ProductResult], top: usize) -> CalcReport {
        let m = &study.inputs.model;
        let cats = CategorySummary::of_study(study);
        let links = &study.system.links;
        let variants = results
            .iter()
            .map(|r| {
                let results = cats
                    .iter()
                    .enumerate()
                    .map(|(k, c)| CategoryResult {
                        category: c.id.clone(),
                        total: r.totals[k],
                        stages: r.stages.iter().map(|(s, v)| (s.id().to_string(), v[k])).collect(),
                    })
                    .collect();
                let exchanges = r
                    .exchanges
                    .iter()
                    .map(|e| ExchangeSummary {
                        id: e.id.clone(),
                        label: e.label.clone(),
                        stage: e.stage.id().into(),
                        kind: e.kind.as_str().into(),
                        target: e.target.clone(),
                        target_name: e.target_name.clone(),
                        amount: e.amount,
                        unit: e.unit.clone(),
                        values: cats.iter().zip(&e.values).map(|(c, v)| (c.id.clone(), *v)).collect(),
                    })
                    .collect();
                let top_processes = cats
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        RankedSummary::new(
                            &c.id,
                            contribution::rank(contribution::by_process(&engine.lca, &engine.intensities, r, k), top),
                        )
                    })
                    .collect();
                let top_flows = cats
                    .iter()
                    .enumerate()
                    .map(|(k, c)| {
                        RankedSummary::new(
                            &c.id,
                            contribution::rank(contribution::by_flow(&engine.lca, &r.inventory, k), top),
                        )
                    })
                    .collect();
                VariantSummary {
                    id: r.variant.clone(),
                    name: r.variant_name.clone(),
                    parameters: r.parameters.iter().cloned().collect(),
                    stages: r.stages.iter().map(|(s, _)| s.id().to_string()).collect(),
                    results,
                    exchanges,
                    top_processes,
                    top_flows,
                    relinked: r.relinked.clone(),
                }
            })
            .collect();
        CalcReport {
            schema: SCHEMA,
            schema_version: SCHEMA_VERSION,
            greenlca_version: env!("CARGO_PKG_VERSION"),
            product: ProductSummary {
                id: m.product.id.clone(),
                name: m.product.name.clone(),
                name_zh: m.product.name_zh.clone(),
                functional_unit: m.product.functional_unit.clone(),
                reference_amount: m.product.reference_amount,
                unit: m.product.unit.clone(),
            },
            database: format!("{} {}", study.inputs.database.meta.name, study.inputs.database.meta.version)
                .trim()
                .to_string(),
            methods: study
                .inputs
                .methods
                .iter()
                .map(|m| MethodSummary {
                    id: m.id.clone(),
                    name: m.name.clone(),
                    version: m.version.clone(),
                    source: m.source.clone(),
                })
                .collect(),
            categories: cats,
            links: LinkSummary {
                unlinked_policy: links.policy.as_str().into(),
                linked: links.linked,
                unlinked: links
                    .unlinked
                    .iter()
                    .map(|u| {
                        BTreeMap::from([
                            ("process".into(), u.process.clone()),
                            ("flow".into(), u.flow.clone()),
                            ("flow_name".into(), u.flow_name.clone()),
                            ("amount".into(), exact(u.amount)),
                            ("unit".into(), u.unit.clone()),
                        ])
                    })
                    .collect(),
                ambiguous: links
                    .ambiguous
                    .iter()
                    .map(|a| {
                        BTreeMap::from([
                            ("process".into(), a.process.clone()),
                            ("flow".into(), a.flow.clone()),
                            ("chosen".into(), a.chosen.clone()),
                            ("candidates".into(), a.candidates.join(" ")),
                        ])
                    })
                    .collect(),
            },
            unmatched_flows: study.characterization.unmatched_flows.clone(),
            variants,
            inputs: study
                .inputs
                .files
                .iter()
                .map(|f| InputSummary {
                    role: f.role.clone(),
                    path: f.path.display().to_string(),
                    sha256: f.sha256.clone(),
                })
                .collect(),
            layers: study
                .inputs
                .layers
                .iter()
                .map(|l| LayerSummary { path: l.path.display().to_string(), sha256: l.sha256.clone() })
                .collect(),
            set: BTreeMap::new(),
            stage_scheme: m.stage_scheme.clone(),
        }
    }

    /// JSON text.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data serializes") + "\n"
    }

    /// CSV: one row per variant and category, with the stage columns.
    pub fn to_csv(&self) -> String {
        let mut out = String::new();
        let mut header: Vec<String> =
            ["variant", "category", "method", "name", "unit", "total"].iter().map(|s| s.to_string()).collect();
        header.extend(self.stage_scheme.stages().iter().map(|s| s.id().to_string()));
        // The column appears only for runs with --set, so that other outputs stay as they were.
        let set = self.set.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join(";");
        if !set.is_empty() {
            header.push("set".into());
        }
        out.push_str(&csv_line(&header));
        for v in &self.variants {
            for (c, r) in self.categories.iter().zip(&v.results) {
                let mut row =
                    vec![v.id.clone(), c.id.clone(), c.method.clone(), c.name.clone(), c.unit.clone(), exact(r.total)];
                row.extend(
                    self.stage_scheme.stages().iter().map(|s| exact(r.stages.get(s.id()).copied().unwrap_or(0.0))),
                );
                if !set.is_empty() {
                    row.push(set.clone());
                }
                out.push_str(&csv_line(&row));
            }
        }
        out
    }

    /// Tables for people.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        let p = &self.product;
        out.push_str(&format!("{}{}\n", p.name, p.name_zh.as_ref().map(|z| format!(" ({z})")).unwrap_or_default()));
        out.push_str(&format!(
            "functional unit: {} [{} {}]\n",
            p.functional_unit,
            human(p.reference_amount, 4),
            p.unit
        ));
        out.push_str(&format!(
            "database: {}; methods: {}\n",
            self.database,
            self.methods.iter().map(|m| format!("{} {}", m.name, m.version)).collect::<Vec<_>>().join(", ")
        ));
        if !self.set.is_empty() {
            let set: Vec<String> = self.set.iter().map(|(k, v)| format!("{k} = {v}")).collect();
            out.push_str(&format!("set for this run (overrides the model): {}\n", set.join(", ")));
        }
        if !self.links.unlinked.is_empty() {
            out.push_str(&format!(
                "unlinked inputs left out ({}): {}\n",
                self.links.unlinked_policy,
                self.links.unlinked.len()
            ));
        }
        for (i, l) in self.layers.iter().enumerate() {
            out.push_str(&format!("layer {}: {} (sha256 {})\n", i + 1, l.path, &l.sha256[..12.min(l.sha256.len())]));
        }
        for v in &self.variants {
            out.push_str(&format!("\nvariant {} ({})\n", v.id, v.name));
            for r in &v.relinked {
                out.push_str(&format!(
                    "relinked {} -> {}: {} exchanges ({} in the background, {} of the product)\n",
                    r.from,
                    r.to,
                    r.background + r.foreground,
                    r.background,
                    r.foreground
                ));
            }
            let stages: Vec<_> = v.stages.iter().filter_map(|s| self.stage_scheme.stage(s)).collect();
            let mut header = vec!["category".to_string(), "unit".into(), "total".into()];
            header.extend(stages.iter().map(|s| s.name_en().to_string()));
            let mut t = TextTable::new(header);
            for (c, r) in self.categories.iter().zip(&v.results) {
                let mut row = vec![c.name.clone(), c.unit.clone(), human(r.total, 4)];
                row.extend(stages.iter().map(|s| human(r.stages.get(s.id()).copied().unwrap_or(0.0), 4)));
                t.row(row);
            }
            out.push_str(&t.render());
            for (c, tp) in self.categories.iter().zip(&v.top_processes) {
                out.push_str(&format!("\ntop processes, {} [{}]\n", c.name, c.unit));
                let mut t = TextTable::new(vec!["process".into(), "value".into(), "share".into()]);
                for i in &tp.items {
                    t.row(vec![truncate(&i.name, 60), human(i.value, 4), percent(i.share)]);
                }
                if tp.rest_count > 0 {
                    t.row(vec![
                        format!("(rest: {} processes)", tp.rest_count),
                        human(tp.rest, 4),
                        percent((tp.total != 0.0).then(|| tp.rest / tp.total)),
                    ]);
                }
                out.push_str(&t.render());
            }
        }
        out
    }
}

/// Shortens text to `n` characters with an ellipsis.
pub fn truncate(s: &str, n: usize) -> String {
    if s.chars().count() <= n { s.to_string() } else { s.chars().take(n.saturating_sub(1)).collect::<String>() + "…" }
}
