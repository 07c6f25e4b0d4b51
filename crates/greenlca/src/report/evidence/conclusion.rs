//! Section 10 (conclusion), the notices at the top of the report, and the self-declaration of
//! conformity for a passing variant.

use super::ImpactSection;
use super::context::Context;
use super::lang::Bi;
use super::terms::{amount, pct, stage};
use super::types::*;

pub(super) fn conclusion(
    ctx: &Context<'_>,
    impacts: &ImpactSection,
    data: &DataQualitySection,
    conformity: Option<&ConformitySection>,
    suggestions: &SuggestionSection,
) -> Conclusion {
    let mut statements = Vec::new();
    let r = ctx.result;
    let (mut zh, mut en) = (Vec::new(), Vec::new());
    for c in &impacts.categories {
        let top = c.stages.iter().filter(|s| s.share.is_some()).max_by(|a, b| a.value.abs().total_cmp(&b.value.abs()));
        let (tzh, ten) = match top {
            Some(s) => {
                let (z, e) = stage(&ctx.study.inputs.model.stage_scheme, &s.stage);
                let p = pct(s.share.unwrap_or(0.0));
                (format!("，其中{z}阶段占{p}"), format!(", {p} of it in the {} stage", e.to_lowercase()))
            }
            None => (String::new(), String::new()),
        };
        let v = amount(c.total, &c.unit);
        zh.push(format!("{}为{v}{tzh}", c.name_zh.as_deref().unwrap_or(&c.name)));
        en.push(format!("{} {v}{ten}", c.name));
    }
    let variant_zh = ctx
        .study
        .inputs
        .model
        .variant(&r.variant)
        .and_then(|v| v.name_zh.clone())
        .unwrap_or_else(|| if r.variant == "base" { "基准方案".into() } else { r.variant_name.clone() });
    statements.push(Bi::new(
        format!("按功能单位计，方案“{variant_zh}”（{}）的生命周期影响：{}。", r.variant, zh.join("；")),
        format!("Per functional unit, the variant “{}” ({}) causes: {}.", r.variant_name, r.variant, en.join("; ")),
    ));
    if let Some(c) = conformity {
        statements.push(verdict(c));
    }
    if let Some(v) = &suggestions.variants {
        let passing: Vec<&str> = v.rows.iter().filter(|r| r.pass == Some(true)).map(|r| r.id.as_str()).collect();
        if conformity.is_some() {
            statements.push(Bi::new(
                format!(
                    "模型共{}个方案，其中符合规范的：{}。",
                    v.rows.len(),
                    if passing.is_empty() { "无".to_string() } else { passing.join("、") }
                ),
                format!(
                    "Of the model's {} variants, those meeting the specification: {}.",
                    v.rows.len(),
                    if passing.is_empty() { "none".to_string() } else { passing.join(", ") }
                ),
            ));
        }
    }
    let ind = &data.indicative;
    if ind.processes_indicative > 0 {
        statements.push(Bi::new(
            format!(
                "所用{}个背景过程中有{}个为估算数据（见第7章）；在以经核实的代表性数据替换之前，结果的用途受数据库预期用途的限制。",
                ind.processes_used, ind.processes_indicative
            ),
            format!(
                "{} of the {} background processes used are indicative (section 7); until they are replaced with verified, representative data, the results are limited to the database's intended use.",
                ind.processes_indicative, ind.processes_used
            ),
        ));
    }
    Conclusion { verdict: conformity.map(|c| if c.pass { "pass".into() } else { "not met".into() }), statements }
}

fn verdict(c: &ConformitySection) -> Bi {
    let n = &c.counts;
    let (total_req, total_ind) = (c.requirements.len(), c.indicators.len());
    let mut b = if c.pass {
        Bi::new(
            format!(
                "该方案满足{} {}的全部{total_req}项基本要求和全部{total_ind}项评价指标：评价结论为符合（见自我声明）。",
                c.standard, c.version
            ),
            format!(
                "The variant meets all {total_req} basic requirements and all {total_ind} indicators of {} {}: it conforms (see the self-declaration).",
                c.standard, c.version
            ),
        )
    } else {
        let failing: Vec<&str> = c.indicators.iter().filter(|i| i.status == "fail").map(|i| i.id.as_str()).collect();
        let list = |sep: &str| if failing.is_empty() { String::new() } else { failing.join(sep) };
        Bi::new(
            format!(
                "该方案不符合{} {}：{}项指标不符合{}，{}项基本要求未满足，{}项缺少证据。",
                c.standard,
                c.version,
                n.indicators_fail,
                if failing.is_empty() { String::new() } else { format!("（{}）", list("、")) },
                n.requirements_not_met,
                n.requirements_evidence_missing + n.indicators_evidence_missing
            ),
            format!(
                "The variant does not meet {} {}: {} indicator(s) fail{}, {} basic requirement(s) are not met and {} item(s) lack evidence.",
                c.standard,
                c.version,
                n.indicators_fail,
                if failing.is_empty() { String::new() } else { format!(" ({})", list(", ")) },
                n.requirements_not_met,
                n.requirements_evidence_missing + n.indicators_evidence_missing
            ),
        )
    };
    if c.illustrative {
        b.zh.push_str("所用规范为示例性规范，其限值并非标准值，此结论仅用于演示方法。");
        b.en.push_str(" The specification is illustrative: its limits are not those of a standard, so this verdict only demonstrates the method.");
    }
    b
}

pub(super) fn notices(data: &DataQualitySection, conformity: Option<&ConformitySection>) -> Notices {
    let mut texts = Vec::new();
    let spec_illustrative = conformity.is_some_and(|c| c.illustrative);
    if let Some(c) = conformity.filter(|c| c.illustrative) {
        texts.push(Bi::new(
            format!(
                "示例性规范：规范“{}”的限值为示例，并非摘自标准。本报告的符合性结论和自我声明不得用于生态设计产品评价。",
                c.standard
            ),
            format!(
                "Illustrative specification: the limits of “{}” are illustrative, not transcribed from a standard. The conformity verdict and any self-declaration in this report must not be used in an eco-design evaluation.",
                c.standard
            ),
        ));
    }
    let ind = &data.indicative;
    let data_indicative = ind.processes_indicative > 0 || ind.exchanges_indicative > 0;
    if data_indicative {
        texts.push(Bi::new(
            format!(
                "估算数据：所用{}个背景过程中有{}个、{}项输入输出中有{}项为估算数据（近似值或替代数据，而非已发表的数值），详见第7章。",
                ind.processes_used, ind.processes_indicative, ind.exchanges_used, ind.exchanges_indicative
            ),
            format!(
                "Indicative data: {} of the {} background processes used and {} of their {} exchanges are flagged indicative (approximations, not published figures); see section 7.",
                ind.processes_indicative, ind.processes_used, ind.exchanges_indicative, ind.exchanges_used
            ),
        ));
    }
    Notices { spec_illustrative, data_indicative, texts }
}

pub(super) fn declaration(ctx: &Context<'_>, conformity: Option<&ConformitySection>) -> Option<Declaration> {
    // Only a declaration that may be issued (analysis::ecodesign::decide) is written out.
    let c = conformity.filter(|c| c.pass && c.verdict.declaration.may_issue)?;
    let p = &ctx.study.inputs.model.product;
    Some(Declaration {
        standard: c.standard.clone(),
        title: c.title.clone(),
        title_zh: c.title_zh.clone(),
        version: c.version.clone(),
        illustrative: c.illustrative,
        product: p.name.clone(),
        product_zh: p.name_zh.clone(),
        variant: ctx.result.variant.clone(),
        producer: p.producer.clone(),
        requirements_met: c.counts.requirements_met,
        indicators: c
            .indicators
            .iter()
            .map(|i| DeclaredIndicator {
                id: i.id.clone(),
                zh: i.zh.clone(),
                en: i.en.clone(),
                value: i.value,
                limit: i.limit.clone(),
                unit: i.unit.clone(),
            })
            .collect(),
        date: ctx.options.date.to_string(),
    })
}
