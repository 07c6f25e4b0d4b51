//! What an evaluator checks beyond the results (docs/report.md): the applicant's basic
//! information and periods from the evidence file, site versus background data per foreground
//! exchange with the representativeness and quality of the background data, allocation, the
//! largest contributors to variance (analytic sensitivity), the design levers' improvement
//! potential, and the attachments.

use serde::Serialize;

use super::context::Context;
use crate::analysis::sensitivity::{InputKind, coefficients};
use crate::error::Result;
use crate::io::native::evidence_info::{BasicInfo, EvidenceInfo, PeriodInfo, read_evidence_info};
use crate::matrix::foreground::Target;

/// The key that marks an assumption in `source` fields.
const ASSUMPTION: &str = "ASSUMPTION";
/// Contributors to variance listed.
const SENSITIVITY_TOP: usize = 8;

/// One foreground exchange: the applicant's (site) amount and the background data behind it.
#[derive(Debug, Clone, Serialize)]
pub struct DataRow {
    /// Stage id.
    pub stage: String,
    /// Exchange id.
    pub id: String,
    pub label: String,
    /// Amount per functional unit.
    pub amount: f64,
    pub unit: String,
    /// `site` (the applicant's figure with a source) or `estimated` (an assumption).
    pub amount_kind: String,
    /// Source of the amount.
    pub amount_source: Option<String>,
    /// Background process or elementary flow id.
    pub provider: String,
    pub provider_name: String,
    /// Chinese name.
    pub provider_name_zh: Option<String>,
    /// `background`, `estimated` (flagged indicative) or `direct` (an elementary flow).
    pub background_kind: String,
    /// Year of the background data (from its source or name), when stated.
    pub year: Option<String>,
    /// Geography of the background process.
    pub location: Option<String>,
    /// Category of the background process (its technology).
    pub technology: Option<String>,
    /// True when the exchange's label says a proxy stands in for the real material or process.
    pub proxy: bool,
    /// Mean pedigree scores of the background process's exchanges (reliability, completeness,
    /// temporal, geographical, technological), when the database gives any.
    pub pedigree: Option<[f64; 5]>,
    /// Source of the background data.
    pub provider_source: Option<String>,
}

/// A background process that allocates its burdens among co-products.
#[derive(Debug, Clone, Serialize)]
pub struct AllocatedProcess {
    pub id: String,
    pub name: String,
    /// Chinese name.
    pub name_zh: Option<String>,
    /// `physical`, `economic` or `causal`.
    pub method: String,
    /// (co-product, share) pairs.
    pub factors: Vec<(String, f64)>,
}

/// Allocation in the foreground and the background.
#[derive(Debug, Clone, Serialize)]
pub struct AllocationInfo {
    /// Foreground exchanges credited as avoided products (recycling by substitution).
    pub avoided: Vec<String>,
    /// Background processes used that allocate.
    pub background: Vec<AllocatedProcess>,
    /// Background processes used in all.
    pub processes_used: usize,
}

/// One of the largest contributors to the variance of a category result.
#[derive(Debug, Clone, Serialize)]
pub struct Contributor {
    /// `technosphere`, `biosphere`, `factor`, `foreground` (analytic coefficients) or `parameter`
    /// (a model parameter with a distribution, by central differences).
    pub kind: String,
    /// What the input is (English).
    pub label: String,
    /// In Chinese.
    pub label_zh: String,
    /// Value of the input.
    pub value: f64,
    /// x/h dh/dx.
    pub elasticity: f64,
    /// Share of the first-order variance of the result.
    pub variance_share: f64,
}

/// Analytic sensitivity of one category (Heijungs 2010).
#[derive(Debug, Clone, Serialize)]
pub struct SensitivityInfo {
    /// Category id.
    pub category: String,
    /// First-order variance of the result from the inputs with a distribution.
    pub variance: f64,
    /// Inputs with a distribution.
    pub inputs_with_distribution: usize,
    /// The largest contributors, largest first.
    pub contributors: Vec<Contributor>,
}

/// A parameter the designer controls, run over its range.
#[derive(Debug, Clone, Serialize)]
pub struct Lever {
    pub parameter: String,
    pub description: Option<String>,
    pub unit: Option<String>,
    /// Value in the variant reported.
    pub value: f64,
    pub low: f64,
    pub high: f64,
    /// Totals per category at the low and high values.
    pub at_low: Vec<f64>,
    pub at_high: Vec<f64>,
}

/// The evaluator's sections.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationSection {
    /// Evidence file the basic information comes from.
    pub evidence_file: Option<String>,
    pub basic: BasicInfo,
    pub period: PeriodInfo,
    /// Every foreground exchange with its data.
    pub data: Vec<DataRow>,
    pub allocation: AllocationInfo,
    /// Per category.
    pub sensitivity: Vec<SensitivityInfo>,
    /// Design levers named in the evidence file (`[design] levers`).
    pub levers: Vec<Lever>,
    /// Levers named that are not free parameters with a range.
    pub levers_skipped: Vec<String>,
}

/// A four-digit year (1900-2099) in a text, the last one when several.
fn year_in(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_ascii_digit())
        .rfind(|w| w.len() == 4 && (w.starts_with("19") || w.starts_with("20")))
        .map(str::to_string)
}

pub(super) fn section(ctx: &Context<'_>) -> Result<EvaluationSection> {
    let evidence_path = ctx.spec.and_then(|s| s.evidence.path.clone());
    let info = match &evidence_path {
        Some(p) => read_evidence_info(p)?,
        None => EvidenceInfo::default(),
    };
    let evidence_file = evidence_path.map(|p| super::reproduce::display_path(&p, ctx.options.base_dir.as_deref()));
    let (levers, levers_skipped) = levers(ctx, &info.design.levers)?;
    Ok(EvaluationSection {
        evidence_file,
        basic: info.basic,
        period: info.period,
        data: data(ctx),
        allocation: allocation(ctx),
        sensitivity: sensitivity(ctx)?,
        levers,
        levers_skipped,
    })
}

fn data(ctx: &Context<'_>) -> Vec<DataRow> {
    let sys = &ctx.study.system;
    let db = &ctx.study.inputs.database;
    ctx.fg
        .entries
        .iter()
        .map(|e| {
            let assumed = e.source.as_deref().is_none_or(|s| s.contains(ASSUMPTION));
            let label = e.label.clone().unwrap_or_else(|| e.id.clone());
            let proxy = label.to_lowercase().contains("proxy");
            let mut row = DataRow {
                stage: e.stage.id().into(),
                id: e.id.clone(),
                label,
                amount: e.amount,
                unit: e.unit.clone(),
                amount_kind: if assumed { "estimated" } else { "site" }.into(),
                amount_source: e.source.clone(),
                provider: String::new(),
                provider_name: String::new(),
                provider_name_zh: None,
                background_kind: "direct".into(),
                year: None,
                location: None,
                technology: None,
                proxy,
                pedigree: None,
                provider_source: None,
            };
            match e.target {
                Target::Column(c) => {
                    let col = &sys.columns[c];
                    row.provider = col.id.clone();
                    row.provider_name = col.name.clone();
                    let p = col.process.as_deref().and_then(|id| db.process(id));
                    row.provider_name_zh = p.and_then(|p| p.name_zh.clone());
                    row.background_kind =
                        if p.is_some_and(|p| p.indicative) { "estimated" } else { "background" }.into();
                    if let Some(p) = p {
                        row.year = p.source.as_deref().and_then(year_in).or_else(|| year_in(&p.name));
                        row.location = p.location.clone();
                        row.technology = p.category.clone();
                        row.provider_source = p.source.clone();
                        let scored: Vec<[u8; 5]> = p.exchanges.iter().filter_map(|x| x.pedigree).collect();
                        if !scored.is_empty() {
                            let mut mean = [0.0; 5];
                            for s in &scored {
                                for (m, v) in mean.iter_mut().zip(s) {
                                    *m += f64::from(*v) / scored.len() as f64;
                                }
                            }
                            row.pedigree = Some(mean);
                        }
                    }
                }
                Target::Flow(f) => {
                    let fl = &sys.flows[f];
                    row.provider = fl.id.clone();
                    row.provider_name = fl.name.clone();
                    row.provider_name_zh = ctx.flow_zh(&fl.id);
                }
            }
            row
        })
        .collect()
}

fn allocation(ctx: &Context<'_>) -> AllocationInfo {
    let db = &ctx.study.inputs.database;
    let sys = &ctx.study.system;
    let mut used: Vec<&str> = ctx
        .result
        .supply
        .iter()
        .enumerate()
        .filter(|(_, s)| **s != 0.0)
        .filter_map(|(j, _)| sys.columns[j].process.as_deref())
        .collect();
    used.sort_unstable();
    used.dedup();
    let background = db
        .processes
        .iter()
        .filter(|p| used.binary_search(&p.id.as_str()).is_ok())
        .filter(|p| p.allocation != crate::model::AllocationMethod::None)
        .map(|p| AllocatedProcess {
            id: p.id.clone(),
            name: p.name.clone(),
            name_zh: p.name_zh.clone(),
            method: p.allocation.as_str().into(),
            factors: p.allocation_factors.iter().map(|f| (f.product.clone(), f.factor)).collect(),
        })
        .collect();
    AllocationInfo {
        avoided: ctx.fg.entries.iter().filter(|e| e.kind.as_str() == "avoided").map(|e| e.id.clone()).collect(),
        background,
        processes_used: used.len(),
    }
}

/// A Chinese label for an input of the analytic sensitivity, built from the names of the system.
fn label_zh(ctx: &Context<'_>, kind: InputKind, label: &str) -> String {
    let sys = &ctx.study.system;
    let col_zh = |name: &str| -> String {
        sys.columns
            .iter()
            .find(|c| c.name == name)
            .and_then(|c| ctx.process_zh(&c.id))
            .unwrap_or_else(|| name.to_string())
    };
    let flow_zh = |name: &str| -> String {
        sys.flows.iter().find(|f| f.name == name).and_then(|f| ctx.flow_zh(&f.id)).unwrap_or_else(|| name.to_string())
    };
    // The flow name of `name (compartment)`.
    let flow_of = |s: &str| s.rsplit_once(" (").map_or(s.to_string(), |(n, _)| n.to_string());
    match kind {
        InputKind::Foreground => {
            // `product, STAGE `ID`: LABEL`
            let id = label.split('`').nth(1).unwrap_or(label);
            match ctx.fg.entries.iter().find(|e| e.id == id) {
                Some(e) => {
                    let what = match e.target {
                        Target::Column(c) => ctx.process_zh(&sys.columns[c].id),
                        Target::Flow(f) => ctx.flow_zh(&sys.flows[f].id),
                    };
                    format!("产品{}阶段输入：{}", e.stage.name_zh(), what.unwrap_or_else(|| id.to_string()))
                }
                None => label.to_string(),
            }
        }
        InputKind::Factor => {
            let rest = label.strip_prefix("factor of ").unwrap_or(label);
            format!("{}的特征化因子", flow_zh(&flow_of(rest)))
        }
        InputKind::Technosphere => match label.split_once(": ") {
            Some((j, "output of its product")) => format!("{}：产品产出量", col_zh(j)),
            Some((j, rest)) => {
                let i = rest.strip_prefix("input of ").unwrap_or(rest);
                format!("{}：{}的投入量", col_zh(j), col_zh(i))
            }
            None => label.to_string(),
        },
        InputKind::Biosphere => match label.split_once(": ") {
            Some((j, rest)) => format!("{}：{}排放量", col_zh(j), flow_zh(&flow_of(rest))),
            None => label.to_string(),
        },
    }
}

/// A model parameter with a distribution: name, value, variance, derivative per category.
type Derivatives = (String, f64, f64, Vec<f64>);

/// Derivatives of every category total with respect to each model parameter that has a
/// distribution (central differences; the model is linear in most of them), as (name, value,
/// variance, derivatives per category).
fn parameter_derivatives(ctx: &Context<'_>) -> Result<Vec<Derivatives>> {
    let model = &ctx.study.inputs.model;
    let fixed = |name: &str| {
        ctx.options.sets.iter().any(|(n, _)| n == name)
            || model.variant(&ctx.result.variant).is_some_and(|v| v.set.iter().any(|(n, _)| n == name))
    };
    let mut out = Vec::new();
    for p in model.parameters.iter().filter(|p| p.formula.is_none() && !fixed(&p.name)) {
        let Some(d) = &p.uncertainty else { continue };
        let x = ctx.fg.parameters.iter().find(|(n, _)| *n == p.name).map_or(p.value.unwrap_or(0.0), |(_, v)| *v);
        let h = if x != 0.0 { x.abs() * 1e-4 } else { 1e-6 };
        let run = |v: f64| -> Result<Vec<f64>> {
            let mut sets = ctx.options.sets.clone();
            sets.push((p.name.clone(), v));
            Ok(ctx.study.assess(ctx.engine, &ctx.study.resolve(&ctx.result.variant, &sets)?)?.totals)
        };
        let (up, down) = (run(x + h)?, run(x - h)?);
        let deriv = up.iter().zip(&down).map(|(u, d)| (u - d) / (2.0 * h)).collect();
        out.push((p.name.clone(), x, d.variance(), deriv));
    }
    Ok(out)
}

fn sensitivity(ctx: &Context<'_>) -> Result<Vec<SensitivityInfo>> {
    let params = parameter_derivatives(ctx)?;
    let model = &ctx.study.inputs.model;
    Ok((0..ctx.study.characterization.k())
        .map(|k| {
            let h = ctx.result.totals[k];
            let coefs = coefficients(ctx.engine, ctx.fg, ctx.result, k);
            let mut all: Vec<Contributor> = coefs
                .iter()
                .filter(|c| c.variance.is_some_and(|v| v > 0.0))
                .map(|c| Contributor {
                    kind: c.kind.as_str().into(),
                    label: c.label.clone(),
                    label_zh: label_zh(ctx, c.kind, &c.label),
                    value: c.value,
                    elasticity: c.elasticity,
                    variance_share: c.variance.unwrap_or(0.0),
                })
                .collect();
            for (name, x, var, deriv) in &params {
                let v = deriv[k] * deriv[k] * var;
                if v > 0.0 {
                    let description =
                        model.parameters.iter().find(|p| &p.name == name).and_then(|p| p.description.clone());
                    all.push(Contributor {
                        kind: "parameter".into(),
                        label: match description {
                            Some(d) => format!("parameter `{name}` ({d})"),
                            None => format!("parameter `{name}`"),
                        },
                        label_zh: format!("参数 {name}"),
                        value: *x,
                        elasticity: if h != 0.0 { deriv[k] * x / h } else { 0.0 },
                        variance_share: v,
                    });
                }
            }
            let variance: f64 = all.iter().map(|c| c.variance_share).sum();
            let inputs_with_distribution = all.len();
            all.sort_by(|a, b| b.variance_share.total_cmp(&a.variance_share));
            all.truncate(SENSITIVITY_TOP);
            for c in &mut all {
                c.variance_share /= variance;
            }
            SensitivityInfo {
                category: ctx.study.characterization.categories[k].id.clone(),
                variance,
                inputs_with_distribution,
                contributors: all,
            }
        })
        .collect())
}

fn levers(ctx: &Context<'_>, names: &[String]) -> Result<(Vec<Lever>, Vec<String>)> {
    let model = &ctx.study.inputs.model;
    let variant = &ctx.result.variant;
    let mut out = Vec::new();
    let mut skipped = Vec::new();
    for name in names {
        let Some(p) = model.parameters.iter().find(|p| &p.name == name) else {
            skipped.push(name.clone());
            continue;
        };
        let (Some(low), Some(high), None) = (p.min, p.max, p.formula.as_ref()) else {
            skipped.push(name.clone());
            continue;
        };
        let value = ctx.fg.parameters.iter().find(|(n, _)| n == name).map_or(p.value.unwrap_or(0.0), |(_, v)| *v);
        let run = |x: f64| -> Result<Vec<f64>> {
            let mut sets = ctx.options.sets.clone();
            sets.retain(|(n, _)| n != name);
            sets.push((name.clone(), x));
            let fg = ctx.study.resolve(variant, &sets)?;
            Ok(ctx.study.assess(ctx.engine, &fg)?.totals)
        };
        out.push(Lever {
            parameter: name.clone(),
            description: p.description.clone(),
            unit: p.unit.clone(),
            value,
            low,
            high,
            at_low: run(low)?,
            at_high: run(high)?,
        });
    }
    Ok((out, skipped))
}
