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
    /// The evidence expected, in Chinese.
    pub evidence_expected_zh: Option<String>,
    /// Evidence given.
    pub evidence: Option<String>,
    /// Evidence given, in Chinese.
    pub evidence_zh: Option<String>,
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
    /// The same in Chinese.
    pub source_zh: String,
    /// Evidence of a declared value.
    pub evidence: Option<String>,
    /// The same in Chinese.
    pub evidence_zh: Option<String>,
    /// Citation of the limit.
    pub citation: Option<String>,
    /// The same in Chinese.
    pub citation_zh: Option<String>,
    /// Probability of passing, with uncertainty (`check --mc`).
    pub probability: Option<f64>,
    /// What a value refers to: `functional_unit`, `product_unit`, `mass`, `volume`, `area`, `property`.
    pub basis: String,
    /// 所属阶段 (stage label of the standard's table), Chinese and English.
    pub phase: Option<crate::model::spec::Bilingual>,
    /// 判定依据 (how the indicator is verified), Chinese and English.
    pub verification: Option<crate::model::spec::Bilingual>,
    /// The table row or formula that gave the limit for this product.
    pub limit_note: Option<String>,
}

/// A modelling rule checked.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRow {
    pub id: String,
    pub zh: String,
    pub en: String,
    /// What the rule requires.
    pub requires: String,
    /// The same in Chinese.
    pub requires_zh: String,
    /// What the variant uses.
    pub actual: String,
    /// The same in Chinese.
    pub actual_zh: String,
    /// `kept` or `broken`.
    pub status: String,
    pub citation: Option<String>,
    /// The same in Chinese.
    pub citation_zh: Option<String>,
}

/// Whether a self-declaration may be issued, with the reasons it is withheld.
#[derive(Debug, Clone, Serialize)]
pub struct DeclarationRow {
    pub may_issue: bool,
    /// Reasons in Chinese.
    pub reasons_zh: Vec<String>,
    /// Reasons in English.
    pub reasons_en: Vec<String>,
}

impl DeclarationRow {
    /// From the library's decision.
    pub fn of(d: &crate::analysis::ecodesign::Decision) -> DeclarationRow {
        let (zh, en) = d.reasons.iter().map(|r| r.text()).unzip();
        DeclarationRow { may_issue: d.may_issue, reasons_zh: zh, reasons_en: en }
    }
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
    /// The specification's modelling rules.
    pub rules: Vec<RuleRow>,
    /// `met at the central values`, `met with probability p`, `not met`.
    pub verdict_basis: String,
    /// Whether a self-declaration may be issued (set by the command from the library's decision).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub declaration: Option<DeclarationRow>,
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
    /// The same in Chinese, when the specification gives it.
    pub basis_zh: Option<String>,
    /// Product category of the specification.
    pub category: String,
    /// The same in Chinese.
    pub category_zh: Option<String>,
    /// Citation of the specification (or the note on where its limits come from).
    pub citation: Option<String>,
    /// The same in Chinese.
    pub citation_zh: Option<String>,
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

/// The limit as written, also of a compound limit (`≤ 0.3 and ≥ 0.1`).
pub fn limit_text_compound(c: &Criterion, also: Option<&Criterion>) -> (String, Option<f64>) {
    let (t, v) = limit_text(c);
    match also {
        Some(a) => (format!("{t} and {}", limit_text(a).0), v),
        None => (t, v),
    }
}

/// The limit as written (`≤ 200`, `grade 2 (≤ 0.12)`, `yes`).
pub fn limit_text(c: &Criterion) -> (String, Option<f64>) {
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
        Criterion::Yes => ("yes".into(), None),
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
                            evidence_expected_zh: q.evidence_zh.clone(),
                            evidence: o.evidence.clone(),
                            evidence_zh: o.evidence_zh.clone(),
                        })
                        .collect(),
                    indicators: spec
                        .indicators
                        .iter()
                        .zip(&r.indicators)
                        .enumerate()
                        .map(|(ii, (ind, o))| {
                            let (limit, limit_value) = limit_text_compound(&o.criterion, ind.also.as_ref());
                            IndicatorRow {
                                id: ind.id.clone(),
                                group: ind.group.id().into(),
                                group_zh: ind.group.name_zh().into(),
                                group_en: ind.group.name_en().into(),
                                zh: ind.name_zh.clone(),
                                en: ind.name_en.clone(),
                                unit: ind.unit.clone(),
                                stages: ind.stages.iter().flatten().map(|s| s.id().to_string()).collect(),
                                operator: o.criterion.operator().into(),
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
                                source_zh: source_text_zh(&ind.measure),
                                evidence: o.value.as_ref().and_then(|v| v.evidence.clone()),
                                evidence_zh: o.value.as_ref().and_then(|v| v.evidence_zh.clone()),
                                citation: ind.citation.clone(),
                                citation_zh: ind.citation_zh.clone(),
                                probability: prob.map(|p| p.1[ii]),
                                basis: ind.basis.id().to_string(),
                                phase: ind.phase.clone(),
                                verification: ind.verification.clone(),
                                limit_note: o.limit_note.clone(),
                            }
                        })
                        .collect(),
                    rules: spec
                        .rules
                        .iter()
                        .zip(&r.rules)
                        .map(|(q, o)| RuleRow {
                            id: q.id.clone(),
                            zh: q.text.zh.clone(),
                            en: q.text.en.clone(),
                            requires: q.kind.requirement(),
                            requires_zh: q.kind.requirement_zh(),
                            actual: o.actual.clone(),
                            actual_zh: o.actual_zh.clone(),
                            status: if o.kept { "kept".into() } else { "broken".into() },
                            citation: q.citation.clone(),
                            citation_zh: q.citation_zh.clone(),
                        })
                        .collect(),
                    verdict_basis: verdict_basis(r.pass, prob.map(|p| p.0)),
                    declaration: None,
                }
            })
            .collect();
        CheckReport {
            linking: None,
            spread: None,
            schema: SCHEMA,
            schema_version: 2,
            greenlca_version: env!("CARGO_PKG_VERSION"),
            standard: spec.standard.clone(),
            title: spec.title.clone(),
            title_zh: spec.title_zh.clone(),
            version: spec.version.clone(),
            illustrative: spec.illustrative,
            basis: spec.basis_words(),
            basis_zh: Some(spec.basis_words_zh()),
            category: spec.category.clone(),
            category_zh: spec.category_zh.clone(),
            citation: spec.citation.clone(),
            citation_zh: spec.citation_zh.clone(),
            product: product.into(),
            mc_iterations: probabilities.map(|p| p.0),
            variants,
        }
    }

    /// Sets, per variant in order, whether a self-declaration may be issued.
    pub fn set_declarations(&mut self, decisions: &[crate::analysis::ecodesign::Decision]) {
        for (v, d) in self.variants.iter_mut().zip(decisions) {
            v.declaration = Some(DeclarationRow::of(d));
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
            for r in &v.rules {
                out.push_str(&csv_line(&[
                    v.id.clone(),
                    "rule".into(),
                    r.id.clone(),
                    String::new(),
                    r.en.clone(),
                    String::new(),
                    // The value column stays numeric (xlsx); what the variant uses goes last.
                    String::new(),
                    r.requires.clone(),
                    r.status.clone(),
                    String::new(),
                    String::new(),
                    String::new(),
                    r.actual.clone(),
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
            out.push_str(&format!("verdict: {}\n", v.verdict_basis));
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
                "basis".into(),
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
                    i.basis.clone(),
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
            if !v.rules.is_empty() {
                let mut t = TextTable::new(vec![
                    "modelling rule".into(),
                    "requires".into(),
                    "variant uses".into(),
                    "status".into(),
                ]);
                for r in &v.rules {
                    t.row(vec![
                        format!("{} {}", r.id, super::calc::truncate(&r.en, 40)),
                        r.requires.clone(),
                        r.actual.clone(),
                        r.status.clone(),
                    ]);
                }
                out.push_str(&t.render());
            }
            if let Some(d) = &v.declaration {
                if d.may_issue {
                    out.push_str("self-declaration: may be issued\n");
                } else {
                    out.push_str("self-declaration: withheld\n");
                    for r in &d.reasons_en {
                        out.push_str(&format!("  - {r}\n"));
                    }
                }
            }
        }
        out
    }
}

/// How the verdict was reached: at the central values only, or with its probability.
pub fn verdict_basis(pass: bool, p_all: Option<f64>) -> String {
    match (pass, p_all) {
        (false, _) => "not met at the central values".into(),
        (true, None) => "met at the central values (uncertainty not assessed)".into(),
        (true, Some(p)) => format!("met at the central values; met with probability {:.1}%", p * 100.0),
    }
}

/// The source of an indicator in Chinese words.
pub fn source_text_zh(m: &crate::model::spec::Measure) -> String {
    use crate::model::spec::Measure;
    match m {
        Measure::Lcia(c) => format!("影响类别 {c}"),
        Measure::Flow(f) => format!("清单物质流 {f}"),
        Measure::Foreground(f) => format!("产品系统指标 {}", f.id()),
        Measure::Declared(k) => format!("申报值 {k}"),
        Measure::Tagged(t) => format!("标记为 {t} 的输入输出之和"),
        Measure::Ratio(n, d) => format!("标记为 {n} 与标记为 {d} 的输入输出之比"),
        Measure::Property(p) => format!("产品属性 {p}"),
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
        Measure::Tagged(t) => format!("sum of the exchanges tagged {t}"),
        Measure::Ratio(n, d) => format!("ratio of the exchanges tagged {n} to those tagged {d}"),
        Measure::Property(p) => format!("product property {p}"),
    }
}
