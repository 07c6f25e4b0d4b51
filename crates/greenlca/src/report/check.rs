//! The result of `greenlca check`: the conformity table as JSON, CSV and text.

use serde::Serialize;

use super::format::{TextTable, csv_line, exact, human, short};
use crate::analysis::ecodesign::{CheckResult, IndicatorStatus, RequirementStatus};
use crate::model::spec::{Criterion, Specification};

/// Schema id.
pub const SCHEMA: &str = "greenlca.check";

/// A requirement row.
#[derive(Debug, Clone, Serialize)]
pub struct RequirementRow {
    pub id: String,
    /// Chinese text.
    pub zh: String,
    /// English text.
    pub en: String,
    /// `met`, `not met`, `not met: evidence missing`.
    pub status: String,
    pub evidence_expected: String,
    /// Evidence given.
    pub evidence: Option<String>,
}

/// An indicator row.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorRow {
    pub id: String,
    /// Group id.
    pub group: String,
    /// Group, Chinese.
    pub group_zh: String,
    /// Group, English (for the rendered report; the JSON keeps its schema).
    #[serde(skip)]
    pub group_en: String,
    /// Chinese name.
    pub zh: String,
    /// English name.
    pub en: String,
    pub unit: String,
    /// Stages in scope (empty: whole life cycle).
    pub stages: Vec<String>,
    pub operator: String,
    /// The limit as written (`<= 200`, `[6.5, 8.5]`, `grade 2`).
    pub limit: String,
    /// Numeric limit (the bound the margin refers to).
    pub limit_value: Option<f64>,
    pub benchmark: Option<f64>,
    pub value: Option<f64>,
    /// `pass`, `fail`, `not met: evidence missing`.
    pub status: String,
    /// Margin in the unit, positive on the passing side.
    pub margin: Option<f64>,
    /// Margin in percent of the limit.
    pub margin_percent: Option<f64>,
    /// Grade reached.
    pub grade: Option<String>,
    /// Position between limit (0) and benchmark (1).
    pub benchmark_position: Option<f64>,
    /// Source of the value, in words.
    pub source: String,
    /// Evidence of a declared value.
    pub evidence: Option<String>,
    /// Citation of the limit.
    pub citation: Option<String>,
    /// Probability of passing, with uncertainty (`check --mc`).
    pub probability: Option<f64>,
}

/// One variant checked.
#[derive(Debug, Clone, Serialize)]
pub struct VariantCheck {
    /// Variant id.
    pub id: String,
    pub name: String,
    /// Overall verdict.
    pub pass: bool,
    /// `pass` or `not met`.
    pub verdict: String,
    /// Probability that every indicator passes, with uncertainty.
    pub probability: Option<f64>,
    pub requirements: Vec<RequirementRow>,
    pub indicators: Vec<IndicatorRow>,
}

/// Monte Carlo probabilities: (draws, per variant (overall, per indicator)).
pub type Probabilities = (usize, Vec<(f64, Vec<f64>)>);

/// The check report.
#[derive(Debug, Clone, Serialize)]
pub struct CheckReport {
    /// Schema id.
    pub schema: &'static str,
    pub schema_version: u32,
    pub greenlca_version: &'static str,
    /// Standard id.
    pub standard: String,
    pub title: String,
    /// Chinese title.
    pub title_zh: Option<String>,
    pub version: String,
    /// True when the limits are illustrative.
    pub illustrative: bool,
    /// Basis of the limits.
    pub basis: String,
    /// Product name.
    pub product: String,
    /// Monte Carlo iterations behind the probabilities, if any.
    pub mc_iterations: Option<usize>,
    pub variants: Vec<VariantCheck>,
    /// How unlinked inputs of the background were treated (absent for matrix folders).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub linking: Option<crate::report::Linking>,
    /// Monte Carlo spread check (with --mc): the background's share of the variance and warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub spread: Option<crate::uncertainty::Spread>,
}

fn limit_text(c: &Criterion) -> (String, Option<f64>) {
    match c {
        Criterion::AtMost(l) => (format!("≤ {}", short(*l, 6)), Some(*l)),
        Criterion::Below(l) => (format!("< {}", short(*l, 6)), Some(*l)),
        Criterion::AtLeast(l) => (format!("≥ {}", short(*l, 6)), Some(*l)),
        Criterion::Above(l) => (format!("> {}", short(*l, 6)), Some(*l)),
        Criterion::Range(a, b) => (format!("{} – {}", short(*a, 6), short(*b, 6)), None),
        Criterion::Equals { target, tolerance } => {
            (format!("= {} ± {}", short(*target, 6), short(*tolerance, 3)), Some(*target))
        }
        Criterion::Grade { grades, required, higher_is_better } => {
            let bound = grades.iter().find(|g| &g.0 == required).map(|g| g.1);
            (
                format!(
                    "grade {required} ({} {})",
                    if *higher_is_better { "≥" } else { "≤" },
                    bound.map(|b| short(b, 6)).unwrap_or_default()
                ),
                bound,
            )
        }
    }
}

/// Status text of a requirement.
pub fn requirement_status(s: RequirementStatus) -> &'static str {
    match s {
        RequirementStatus::Met => "met",
        RequirementStatus::NotMet => "not met",
        RequirementStatus::EvidenceMissing => "not met: evidence missing",
    }
}

/// Status text of an indicator.
pub fn indicator_status(s: IndicatorStatus) -> &'static str {
    match s {
        IndicatorStatus::Pass => "pass",
        IndicatorStatus::Fail => "fail",
        IndicatorStatus::EvidenceMissing => "not met: evidence missing",
    }
}

impl CheckReport {
    /// Builds the report; `probabilities` holds per variant (overall, per indicator) from Monte Carlo.
    pub fn new(
        spec: &Specification,
        product: &str,
        results: &[CheckResult],
        probabilities: Option<Probabilities>,
    ) -> Self {
        let variants = results
            .iter()
            .enumerate()
            .map(|(vi, r)| {
                let prob = probabilities.as_ref().map(|(_, p)| &p[vi]);
                VariantCheck {
                    id: r.variant.clone(),
                    name: r.variant_name.clone(),
                    pass: r.pass,
                    verdict: if r.pass { "pass".into() } else { "not met".into() },
                    probability: prob.map(|p| p.0),
                    requirements: spec
                        .requirements
                        .iter()
                        .zip(&r.requirements)
                        .map(|(q, o)| RequirementRow {
                            id: q.id.clone(),
                            zh: q.text_zh.clone(),
                            en: q.text_en.clone(),
                            status: requirement_status(o.status).into(),
                            evidence_expected: q.evidence.clone(),
                            evidence: o.evidence.clone(),
                        })
                        .collect(),
                    indicators: spec
                        .indicators
                        .iter()
                        .zip(&r.indicators)
                        .enumerate()
                        .map(|(ii, (ind, o))| {
                            let (limit, limit_value) = limit_text(&ind.criterion);
                            IndicatorRow {
                                id: ind.id.clone(),
                                group: ind.group.id().into(),
                                group_zh: ind.group.name_zh().into(),
                                group_en: ind.group.name_en().into(),
                                zh: ind.name_zh.clone(),
                                en: ind.name_en.clone(),
                                unit: ind.unit.clone(),
                                stages: ind.stages.iter().flatten().map(|s| s.id().to_string()).collect(),
                                operator: ind.criterion.operator().into(),
                                limit,
                                limit_value,
                                benchmark: ind.benchmark,
                                value: o.value.as_ref().map(|v| v.value),
                                status: indicator_status(o.status).into(),
                                margin: o.verdict.as_ref().map(|v| v.margin),
                                margin_percent: o.verdict.as_ref().and_then(|v| v.margin_relative).map(|m| m * 100.0),
                                grade: o.verdict.as_ref().and_then(|v| v.grade.clone()),
                                benchmark_position: o.verdict.as_ref().and_then(|v| v.benchmark_position),
                                source: source_text(&ind.measure),
                                evidence: o.value.as_ref().and_then(|v| v.evidence.clone()),
                                citation: ind.citation.clone(),
                                probability: prob.map(|p| p.1[ii]),
                            }
                        })
                        .collect(),
                }
            })
            .collect();
        CheckReport {
            linking: None,
            spread: None,
            schema: SCHEMA,
            schema_version: 1,
            greenlca_version: env!("CARGO_PKG_VERSION"),
            standard: spec.standard.clone(),
            title: spec.title.clone(),
            title_zh: spec.title_zh.clone(),
            version: spec.version.clone(),
            illustrative: spec.illustrative,
            basis: spec
                .basis_text
                .clone()
                .unwrap_or_else(|| format!("per {} {}", short(spec.basis_amount, 6), spec.basis_unit)),
            product: product.into(),
            mc_iterations: probabilities.map(|p| p.0),
            variants,
        }
    }

    /// True when every variant passes.
    pub fn all_pass(&self) -> bool {
        self.variants.iter().all(|v| v.pass)
    }

    /// JSON.
    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("plain data") + "\n"
    }

    /// CSV: one row per variant and item (requirement or indicator).
    pub fn to_csv(&self) -> String {
        let o = |x: Option<f64>| x.map(exact).unwrap_or_default();
        let mut out = csv_line(
            &[
                "variant",
                "kind",
                "id",
                "group",
                "name",
                "unit",
                "value",
                "limit",
                "status",
                "margin",
                "margin_percent",
                "probability",
                "evidence",
            ]
            .map(String::from),
        );
        for v in &self.variants {
            for r in &v.requirements {
                out.push_str(&csv_line(&[
                    v.id.clone(),
                    "requirement".into(),
                    r.id.clone(),
                    String::new(),
                    r.en.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    r.status.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    r.evidence.clone().unwrap_or_default(),
                ]));
            }
            for i in &v.indicators {
                out.push_str(&csv_line(&[
                    v.id.clone(),
                    "indicator".into(),
                    i.id.clone(),
                    i.group.clone(),
                    i.en.clone(),
                    i.unit.clone(),
                    o(i.value),
                    i.limit.clone(),
                    i.status.clone(),
                    o(i.margin),
                    o(i.margin_percent),
                    o(i.probability),
                    i.evidence.clone().unwrap_or_default(),
                ]));
            }
            out.push_str(&csv_line(&[
                v.id.clone(),
                "verdict".into(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                v.verdict.clone(),
                String::new(),
                String::new(),
                o(v.probability),
                String::new(),
            ]));
        }
        out
    }

    /// Text for people.
    pub fn to_table(&self) -> String {
        let mut out = format!(
            "{} {} — {}{}\n",
            self.standard,
            self.version,
            self.title,
            if self.illustrative { " [ILLUSTRATIVE limits, not from a standard]" } else { "" }
        );
        out.push_str(&format!("product: {}; limits {}\n", self.product, self.basis));
        for v in &self.variants {
            out.push_str(&format!("\nvariant {} ({}): {}", v.id, v.name, v.verdict.to_uppercase()));
            if let Some(p) = v.probability {
                out.push_str(&format!(
                    " (probability of meeting every indicator {:.1}% over {} draws)",
                    p * 100.0,
                    self.mc_iterations.unwrap_or(0)
                ));
            }
            out.push('\n');
            if !v.requirements.is_empty() {
                let mut t = TextTable::new(vec!["requirement".into(), "status".into(), "evidence".into()]);
                for r in &v.requirements {
                    t.row(vec![
                        format!("{} {}", r.id, super::calc::truncate(&r.en, 50)),
                        r.status.clone(),
                        super::calc::truncate(r.evidence.as_deref().unwrap_or("-"), 40),
                    ]);
                }
                out.push_str(&t.render());
            }
            let mut header = vec![
                "indicator".to_string(),
                "group".into(),
                "value".into(),
                "limit".into(),
                "unit".into(),
                "margin".into(),
                "status".into(),
            ];
            if v.probability.is_some() {
                header.push("P(pass)".into());
            }
            let mut t = TextTable::new(header);
            for i in &v.indicators {
                let mut row = vec![
                    format!("{} {}", i.id, super::calc::truncate(&i.en, 40)),
                    i.group.clone(),
                    i.value.map(|x| human(x, 4)).unwrap_or_else(|| "-".into()),
                    i.limit.clone(),
                    i.unit.clone(),
                    match (i.margin, i.margin_percent) {
                        (Some(m), Some(p)) => format!("{} ({:+.1}%)", human(m, 3), p),
                        (Some(m), None) => human(m, 3),
                        _ => "-".into(),
                    },
                    i.status.clone(),
                ];
                if let Some(p) = i.probability {
                    row.push(format!("{:.1}%", p * 100.0));
                }
                t.row(row);
            }
            out.push_str(&t.render());
        }
        out
    }
}

/// The source of an indicator in words.
pub fn source_text(m: &crate::model::spec::Measure) -> String {
    use crate::model::spec::Measure;
    match m {
        Measure::Lcia(c) => format!("LCIA category {c}"),
        Measure::Flow(f) => format!("inventory flow {f}"),
        Measure::Foreground(f) => format!("foreground indicator {}", f.id()),
        Measure::Declared(k) => format!("declared value {k}"),
    }
}
