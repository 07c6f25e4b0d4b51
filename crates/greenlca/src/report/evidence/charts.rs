//! The report's charts, drawn with [`crate::plot`] as SVG from the report's numbers: results by
//! stage per category (all variants), the stages' shares of every category, the first-tier
//! contributions, and the variants relative to the one reported.

use super::document::Figure;
use super::lang::Lang;
use super::terms::stage;
use super::{CategoryImpact, EvidenceReport};
use crate::error::Result;
use crate::plot::{Series, horizontal_bars, normalized_bars, stacked_bars};
use crate::report::format::short;

fn svg(bytes: Vec<u8>) -> String {
    String::from_utf8(bytes).expect("plots write UTF-8 SVG")
}

fn per_fu(r: &EvidenceReport, lang: Lang) -> String {
    let fu = &r.functional_unit;
    let amount = format!("{} {}", short(fu.reference_amount, 6), super::terms::unit(lang, &fu.unit));
    lang.pick(&format!("每功能单位（{amount}）"), &format!("per functional unit ({amount})"))
}

/// The colon after a heading in a title: full width in Chinese.
fn colon(lang: Lang) -> &'static str {
    if lang == Lang::Zh { "：" } else { ": " }
}

fn cat_name(c: &CategoryImpact, lang: Lang) -> String {
    lang.name(c.name_zh.as_deref(), &c.name)
}

/// A value axis's title: the category's name in the report's language without its parenthesised
/// method note (the chart's title gives it in full), and the unit.
fn axis_title(c: &CategoryImpact, lang: Lang) -> String {
    let name = cat_name(c, lang);
    let short = name.split(['（', '(']).next().map(str::trim).filter(|s| !s.is_empty()).unwrap_or(&name);
    format!("{short} [{}]", c.unit)
}

fn stage_name(r: &EvidenceReport, id: &str, lang: Lang) -> String {
    let (zh, en) = stage(&r.stage_scheme, id);
    lang.pick(zh, en)
}

fn variant_label(r: &EvidenceReport, id: &str, name: &str, name_zh: Option<&str>, lang: Lang) -> String {
    let name_zh = name_zh.or((id == "base").then_some("基准方案"));
    let label = lang.name(name_zh, name);
    if id == r.product.variant.id { format!("{label} ({})", lang.pick("本报告", "this report")) } else { label }
}

/// True for a stage that adds to the total: a stage reported separately (EN 15804 module D) is
/// left out of the stacked charts, whose bars are the totals.
fn stacks(r: &EvidenceReport, id: &str) -> bool {
    r.stage_scheme.parse(id).is_none_or(|s| !s.is_separate())
}

/// Per category: stacked bars by stage, one bar per variant (the one reported first).
pub(super) fn stage_charts(r: &EvidenceReport, lang: Lang) -> Result<Vec<Figure>> {
    let mut out = Vec::new();
    for (k, c) in r.impacts.categories.iter().enumerate() {
        let (groups, stages, values): (Vec<String>, Vec<String>, Vec<Vec<f64>>) = match &r.suggestions.variants {
            Some(v) => (
                v.rows.iter().map(|row| variant_label(r, &row.id, &row.name, row.name_zh.as_deref(), lang)).collect(),
                v.stages.clone(),
                v.rows.iter().map(|row| row.stage_values[k].clone()).collect(),
            ),
            None => {
                let p = &r.product.variant;
                (
                    vec![variant_label(r, &p.id, &p.name, p.name_zh.as_deref(), lang)],
                    c.stages.iter().map(|s| s.stage.clone()).collect(),
                    vec![c.stages.iter().map(|s| s.value).collect()],
                )
            }
        };
        let series: Vec<Series> = stages
            .iter()
            .enumerate()
            .filter(|(_, s)| stacks(r, s))
            .map(|(i, s)| Series { name: stage_name(r, s, lang), values: values.iter().map(|v| v[i]).collect() })
            .collect();
        let title = format!(
            "{}{}{}\n{}",
            lang.pick("各生命周期阶段的结果", "Results by life-cycle stage"),
            colon(lang),
            cat_name(c, lang),
            per_fu(r, lang)
        );
        let bytes = stacked_bars(&title, &axis_title(c, lang), &groups, &series, &lang.chart_options())?;
        out.push(Figure {
            id: format!("fig-stages-{}", c.id),
            file: format!("charts/stages_{}.svg", c.id),
            caption: format!(
                "{}{}{}",
                lang.pick("各阶段结果（按方案）", "Results by stage, per variant"),
                colon(lang),
                cat_name(c, lang)
            ),
            svg: svg(bytes),
        });
    }
    Ok(out)
}

/// The stages' shares of every category of the variant reported (normalised to 100 %).
pub(super) fn share_chart(r: &EvidenceReport, lang: Lang) -> Result<Figure> {
    let cats = &r.impacts.categories;
    let groups: Vec<String> = cats.iter().map(|c| cat_name(c, lang)).collect();
    let series: Vec<Series> = r
        .impacts
        .stages
        .iter()
        .enumerate()
        .filter(|(_, s)| stacks(r, s))
        .map(|(i, s)| Series {
            name: stage_name(r, s, lang),
            values: cats.iter().map(|c| c.stages[i].share.map_or(0.0, |x| x * 100.0)).collect(),
        })
        .collect();
    let title = format!(
        "{}\n{}",
        lang.pick("各阶段占生命周期合计的比例", "Share of each life-cycle stage in the total"),
        per_fu(r, lang)
    );
    let y = lang.pick("占合计的比例 [%]", "share of the total [%]");
    let bytes = stacked_bars(&title, &y, &groups, &series, &lang.chart_options())?;
    Ok(Figure {
        id: "fig-stage-shares".into(),
        file: "charts/stage_shares.svg".into(),
        caption: lang
            .pick("各影响类别中各阶段的比例（归一化）", "Share of each stage per impact category (normalised)"),
        svg: svg(bytes),
    })
}

/// First-tier contributions to the first category.
pub(super) fn first_tier_chart(r: &EvidenceReport, lang: Lang) -> Result<Option<Figure>> {
    let (Some(cc), Some(c)) = (r.contributions.categories.first(), r.impacts.categories.first()) else {
        return Ok(None);
    };
    let l = &cc.first_tier;
    if l.items.is_empty() {
        return Ok(None);
    }
    let mut items: Vec<(String, f64)> =
        l.items.iter().map(|i| (lang.name(i.name_zh.as_deref(), &i.name), i.value)).collect();
    if l.rest_count > 0 {
        items.push((lang.pick(&format!("其余{}项", l.rest_count), &format!("{} others", l.rest_count)), l.rest));
    }
    let title = format!(
        "{}{}{}\n{}",
        lang.pick("第一层级输入输出的贡献", "Contributions of the first-tier exchanges"),
        colon(lang),
        cat_name(c, lang),
        per_fu(r, lang)
    );
    let bytes = horizontal_bars(&title, &axis_title(c, lang), &items, &lang.chart_options())?;
    Ok(Some(Figure {
        id: format!("fig-first-tier-{}", c.id),
        file: format!("charts/first_tier_{}.svg", c.id),
        caption: format!(
            "{}{}{}",
            lang.pick("第一层级输入输出（含其供应链）", "First-tier exchanges with their supply chains"),
            colon(lang),
            cat_name(c, lang)
        ),
        svg: svg(bytes),
    }))
}

/// The variants relative to the one reported (= 100 %), per category.
pub(super) fn variant_chart(r: &EvidenceReport, lang: Lang) -> Result<Option<Figure>> {
    let Some(v) = &r.suggestions.variants else { return Ok(None) };
    let cats: Vec<String> = r.impacts.categories.iter().map(|c| cat_name(c, lang)).collect();
    let names: Vec<String> =
        v.rows.iter().map(|row| variant_label(r, &row.id, &row.name, row.name_zh.as_deref(), lang)).collect();
    let base = &v.rows[0].totals;
    let percent: Vec<Vec<f64>> = v
        .rows
        .iter()
        .map(|row| row.totals.iter().zip(base).map(|(t, b)| if *b != 0.0 { t / b * 100.0 } else { 0.0 }).collect())
        .collect();
    let title = format!(
        "{}\n{}",
        lang.pick("各方案相对于本报告方案的结果", "Variants relative to the variant reported"),
        per_fu(r, lang)
    );
    let bytes = normalized_bars(&title, &cats, &names, &percent, &lang.chart_options())?;
    Ok(Some(Figure {
        id: "fig-variants".into(),
        file: "charts/variants.svg".into(),
        caption: lang.pick("方案比较（本报告方案 = 100%）", "Variants compared (variant reported = 100%)"),
        svg: svg(bytes),
    }))
}
