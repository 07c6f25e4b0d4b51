//! Section 9: improvement suggestions derived by fixed rules from the results — the dominant
//! stages, the largest first-tier exchanges, failing and tight indicators, missing evidence, the
//! best variant per category and indicative data among the hotspots. Every statement quotes the
//! numbers it rests on; nothing is added that the data do not show.

use super::context::{Context, share};
use super::lang::Bi;
use super::terms::{amount, pct, stage};
use super::types::*;
use super::{HOTSPOT_SHARE, ImpactSection};
use crate::analysis::ecodesign::IndicatorStatus;
use crate::model::{Stage, StageScheme};

/// A passing indicator whose margin is below this share of its limit is flagged as tight.
pub const TIGHT_MARGIN: f64 = 0.05;

fn cat_names(c: &CategoryImpact) -> (String, String) {
    (c.name_zh.clone().unwrap_or_else(|| c.name.clone()), c.name.clone())
}

/// Joins (zh, en) parts with the separators of each language.
fn join(parts: &[(String, String)]) -> (String, String) {
    (
        parts.iter().map(|p| p.0.as_str()).collect::<Vec<_>>().join("、"),
        parts.iter().map(|p| p.1.as_str()).collect::<Vec<_>>().join(", "),
    )
}

fn push(out: &mut Vec<Suggestion>, rule: &str, zh: String, en: String) {
    out.push(Suggestion { rule: rule.into(), text: Bi::new(zh, en) });
}

pub(super) fn section(
    ctx: &Context<'_>,
    impacts: &ImpactSection,
    contributions: &ContributionSection,
    conformity: Option<&ConformitySection>,
) -> SuggestionSection {
    let mut items = Vec::new();
    dominant_stages(&ctx.study.inputs.model.stage_scheme, impacts, &mut items);
    top_exchanges(ctx, impacts, contributions, &mut items);
    if let Some(c) = conformity {
        indicators(ctx, c, &mut items);
        evidence(c, &mut items);
    }
    let variants = variant_comparison(ctx, impacts);
    if let Some(v) = &variants {
        best_variants(impacts, v, &mut items);
    }
    if let Some(c) = conformity.filter(|c| !c.pass) {
        passing_variants(ctx, c, &mut items);
    }
    indicative_hotspots(impacts, contributions, &mut items);
    SuggestionSection { items, variants }
}

fn dominant_stages(scheme: &StageScheme, impacts: &ImpactSection, out: &mut Vec<Suggestion>) {
    for st in &impacts.stages {
        let parts: Vec<(String, String)> = impacts
            .categories
            .iter()
            .filter(|c| c.total != 0.0)
            .filter_map(|c| {
                let top = c.stages.iter().max_by(|a, b| a.value.abs().total_cmp(&b.value.abs()))?;
                let s = top.share?;
                (top.stage == *st).then(|| {
                    let (zh, en) = cat_names(c);
                    (format!("{zh}（{}）", pct(s)), format!("{en} ({})", pct(s)))
                })
            })
            .collect();
        if parts.is_empty() {
            continue;
        }
        let (szh, sen) = stage(scheme, st);
        let (lzh, len) = join(&parts);
        push(
            out,
            "dominant_stage",
            format!("{szh}阶段是以下影响类别的最大来源：{lzh}。在该阶段采取的改进措施对这些结果的影响最大。"),
            format!(
                "The {} stage is the largest source of: {len}. Improvements in this stage have the largest effect on these results.",
                sen.to_lowercase()
            ),
        );
    }
}

fn top_exchanges(
    ctx: &Context<'_>,
    impacts: &ImpactSection,
    contributions: &ContributionSection,
    out: &mut Vec<Suggestion>,
) {
    let mut seen: Vec<&str> = Vec::new();
    for cc in &contributions.categories {
        let Some(top) = cc.first_tier.items.first() else { continue };
        if seen.contains(&top.id.as_str()) || top.share.is_none_or(|s| s.abs() < HOTSPOT_SHARE) {
            continue;
        }
        seen.push(&top.id);
        let parts: Vec<(String, String)> = contributions
            .categories
            .iter()
            .zip(&impacts.categories)
            .filter_map(|(c, imp)| {
                let it = c.first_tier.items.first().filter(|i| i.id == top.id)?;
                let s = it.share?;
                let (zh, en) = cat_names(imp);
                Some((format!("{zh}的{}", pct(s)), format!("{} of {en}", pct(s))))
            })
            .collect();
        let (lzh, len) = join(&parts);
        let Some(e) = ctx.result.exchanges.iter().find(|e| e.id == top.id) else { continue };
        let (szh, sen) = stage(&ctx.study.inputs.model.stage_scheme, e.stage.id());
        let provider_zh = ctx.process_zh(&e.target).unwrap_or_else(|| e.target_name.clone());
        let what = amount(e.amount, &e.unit);
        let (zh, en) = if top.value < 0.0 {
            (
                format!(
                    "输入输出“{provider_zh}”（{szh}阶段；{what}）为抵扣项，抵减了{lzh}：保持或提高该项可进一步降低结果。"
                ),
                format!(
                    "The exchange “{}” ({}; {what} of {}) is a credit worth {len}: keeping or raising it lowers the results further.",
                    top.name,
                    sen.to_lowercase(),
                    e.target_name
                ),
            )
        } else {
            (
                format!(
                    "输入输出“{provider_zh}”（{szh}阶段；{what}）贡献了{lzh}：减少其用量或选用影响更低的供应来源。"
                ),
                format!(
                    "The exchange “{}” ({}; {what} of {}) contributes {len}: reduce its amount or choose a provider with a lower impact.",
                    top.name,
                    sen.to_lowercase(),
                    e.target_name
                ),
            )
        };
        push(out, "top_exchange", zh, en);
    }
}

fn indicators(ctx: &Context<'_>, c: &ConformitySection, out: &mut Vec<Suggestion>) {
    let Some(check) = ctx.check else { return };
    for (row, o) in c.indicators.iter().zip(&check.indicators) {
        let (Some(v), Some(margin)) = (row.value, row.margin) else { continue };
        let unit = &row.unit;
        let rel = row.margin_percent.map(|p| p.abs() / 100.0);
        if o.status == IndicatorStatus::Fail {
            let mut zh = format!(
                "指标“{}”不符合：数值{}，限值{} {unit}；须改善{}{}方可符合。",
                row.zh,
                amount(v, unit),
                row.limit,
                amount(margin.abs(), unit),
                rel.map(|r| format!("（限值的{}）", pct(r))).unwrap_or_default()
            );
            let mut en = format!(
                "Indicator “{}” fails: {} against the limit {} {unit}; it has to improve by {}{} to pass.",
                row.en,
                amount(v, unit),
                row.limit,
                amount(margin.abs(), unit),
                rel.map(|r| format!(" ({} of the limit)", pct(r))).unwrap_or_default()
            );
            let parts = o.value.as_ref().map(|m| m.breakdown.as_slice()).unwrap_or_default();
            if let Some((label, part)) = parts.iter().max_by(|a, b| a.1.abs().total_cmp(&b.1.abs())) {
                let (lzh, len) = match stage(&ctx.study.inputs.model.stage_scheme, label) {
                    ("", _) => {
                        // An exchange named by its (English) label: in Chinese, by what it draws on.
                        let zh = ctx
                            .result
                            .exchanges
                            .iter()
                            .find(|e| e.label.as_deref() == Some(label.as_str()) || e.id == *label)
                            .and_then(|e| ctx.process_zh(&e.target).or_else(|| ctx.flow_zh(&e.target)));
                        (zh.unwrap_or_else(|| label.clone()), label.clone())
                    }
                    (z, e) => (format!("{z}阶段"), format!("the {} stage", e.to_lowercase())),
                };
                let s = share(*part, v).map(pct).unwrap_or_default();
                zh.push_str(&format!("其中最大部分：{lzh}（{}，占{s}）。", amount(*part, unit)));
                en.push_str(&format!(" Its largest part: {len} ({}, {s} of the value).", amount(*part, unit)));
            }
            push(out, "failing_indicator", zh, en);
        } else if o.status == IndicatorStatus::Pass && rel.is_some_and(|r| r < TIGHT_MARGIN) {
            let r = rel.unwrap_or(0.0);
            push(
                out,
                "tight_margin",
                format!(
                    "指标“{}”符合，但裕量仅为{}（限值的{}）：数据的微小变化即可能导致不符合。",
                    row.zh,
                    amount(margin, unit),
                    pct(r)
                ),
                format!(
                    "Indicator “{}” passes with a margin of only {} ({} of the limit): a small change in the data could make it fail.",
                    row.en,
                    amount(margin, unit),
                    pct(r)
                ),
            );
        }
    }
}

fn evidence(c: &ConformitySection, out: &mut Vec<Suggestion>) {
    for r in c.requirements.iter().filter(|r| r.status == "not met") {
        push(
            out,
            "requirement_not_met",
            format!("基本要求{}被声明为未满足：{}。须先满足该要求，产品方可评价为符合。", r.id, r.zh),
            format!(
                "Basic requirement {} is stated as not met: {}. It has to be met before the product can conform.",
                r.id, r.en
            ),
        );
    }
    let missing: Vec<(String, String)> = c
        .requirements
        .iter()
        .filter(|r| r.status.contains("evidence missing"))
        .map(|r| (format!("{}（{}）", r.id, r.evidence_expected), format!("{} ({})", r.id, r.evidence_expected)))
        .chain(c.indicators.iter().filter(|i| i.status.contains("evidence missing")).map(|i| {
            (format!("{}（申报值及其检测报告）", i.zh), format!("{} (declared value and its test report)", i.en))
        }))
        .collect();
    if !missing.is_empty() {
        let (zh, en) = join(&missing);
        push(
            out,
            "missing_evidence",
            format!("以下项目缺少证据，视为不符合，请补充：{zh}。"),
            format!("Evidence is missing (which counts as not met) for: {en}. Provide it."),
        );
    }
}

fn variant_comparison(ctx: &Context<'_>, impacts: &ImpactSection) -> Option<VariantComparison> {
    if ctx.variants.len() < 2 {
        return None;
    }
    let model = &ctx.study.inputs.model;
    let base = &ctx.variants[0].0;
    let stages: Vec<Stage> = model
        .stage_scheme
        .stages()
        .iter()
        .copied()
        .filter(|s| ctx.variants.iter().any(|(r, _)| r.stages.iter().any(|x| x.0 == *s)))
        .collect();
    let rows: Vec<VariantRow> = ctx
        .variants
        .iter()
        .map(|(r, c)| VariantRow {
            id: r.variant.clone(),
            name: r.variant_name.clone(),
            name_zh: model.variant(&r.variant).and_then(|v| v.name_zh.clone()),
            totals: r.totals.clone(),
            relative: r.totals.iter().zip(&base.totals).map(|(t, b)| share(t - b, b.abs())).collect(),
            stage_values: (0..r.totals.len()).map(|k| stages.iter().map(|s| r.stage(*s)[k]).collect()).collect(),
            pass: c.as_ref().map(|c| c.pass),
        })
        .collect();
    let best = (0..impacts.categories.len())
        .map(|k| {
            rows.iter()
                .min_by(|a, b| a.totals[k].total_cmp(&b.totals[k]).then_with(|| a.id.cmp(&b.id)))
                .map(|r| r.id.clone())
                .unwrap_or_default()
        })
        .collect();
    Some(VariantComparison {
        categories: impacts.categories.iter().map(|c| c.id.clone()).collect(),
        stages: stages.iter().map(|s| s.id().to_string()).collect(),
        rows,
        best,
    })
}

fn best_variants(impacts: &ImpactSection, v: &VariantComparison, out: &mut Vec<Suggestion>) {
    let reported = &v.rows[0];
    if v.best.iter().all(|b| *b == reported.id) {
        push(
            out,
            "best_variant",
            "在模型的所有方案中，本方案在每个影响类别上的结果都最低。".into(),
            "Of all variants of the model, this one has the lowest result in every impact category.".into(),
        );
        return;
    }
    let mut done: Vec<&str> = Vec::new();
    for b in &v.best {
        if *b == reported.id || done.contains(&b.as_str()) {
            continue;
        }
        done.push(b);
        let row = v.rows.iter().find(|r| r.id == *b).expect("best is a row");
        let parts: Vec<(String, String)> = impacts
            .categories
            .iter()
            .enumerate()
            .filter(|(k, _)| v.best[*k] == *b)
            .map(|(k, c)| {
                let (zh, en) = cat_names(c);
                let rel = row.relative[k].map(|r| pct(r.abs())).unwrap_or_else(|| "-".into());
                let val = amount(row.totals[k], &c.unit);
                (format!("{zh}：{val}（比本方案低{rel}）"), format!("{en}: {val} ({rel} below this variant)"))
            })
            .collect();
        let (lzh, len) = join(&parts);
        let name_zh = row.name_zh.clone().unwrap_or_else(|| row.name.clone());
        push(
            out,
            "best_variant",
            format!("方案“{name_zh}”（{}）的以下结果在所有方案中最低：{lzh}。", row.id),
            format!("The variant “{}” ({}) has the lowest result of all variants in: {len}.", row.name, row.id),
        );
    }
}

fn passing_variants(ctx: &Context<'_>, c: &ConformitySection, out: &mut Vec<Suggestion>) {
    let model = &ctx.study.inputs.model;
    let passing: Vec<(String, String)> = c
        .variants
        .iter()
        .filter(|v| v.pass)
        .map(|v| {
            let zh = model.variant(&v.id).and_then(|m| m.name_zh.clone()).unwrap_or_else(|| v.name.clone());
            (format!("“{zh}”（{}）", v.id), format!("“{}” ({})", v.name, v.id))
        })
        .collect();
    if passing.is_empty() {
        push(
            out,
            "passing_variants",
            "模型的所有方案均不符合该规范。".into(),
            "No variant of the model meets the specification.".into(),
        );
    } else {
        let (zh, en) = join(&passing);
        push(
            out,
            "passing_variants",
            format!("模型中符合该规范的方案：{zh}。"),
            format!("Variants of the model that meet the specification: {en}."),
        );
    }
}

fn indicative_hotspots(impacts: &ImpactSection, contributions: &ContributionSection, out: &mut Vec<Suggestion>) {
    let mut found: Vec<(String, String, String, f64, String, String)> = Vec::new();
    for (cc, imp) in contributions.categories.iter().zip(&impacts.categories) {
        for h in cc.hotspots.iter().filter(|h| h.indicative && h.kind == "process") {
            if found.iter().any(|f| f.0 == h.id) {
                continue;
            }
            let (czh, cen) = cat_names(imp);
            found.push((
                h.id.clone(),
                h.name.clone(),
                h.name_zh.clone().unwrap_or_else(|| h.name.clone()),
                h.share,
                czh,
                cen,
            ));
        }
    }
    if found.is_empty() {
        return;
    }
    let parts: Vec<(String, String)> = found
        .iter()
        .map(|(_, en, zh, s, czh, cen)| (format!("{zh}（{czh}的{}）", pct(*s)), format!("{en} ({} of {cen})", pct(*s))))
        .collect();
    let (zh, en) = join(&parts);
    push(
        out,
        "indicative_hotspot",
        format!("以下热点过程的数据为估算数据：{zh}。在将结果用于任何声明之前，应以经核实的代表性数据替换。"),
        format!(
            "The data of these hotspot processes are indicative: {en}. Replace them with verified, representative data before the results support any claim."
        ),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn joins_per_language() {
        let parts = vec![("甲".to_string(), "a".to_string()), ("乙".to_string(), "b".to_string())];
        assert_eq!(join(&parts), ("甲、乙".to_string(), "a, b".to_string()));
    }
}
