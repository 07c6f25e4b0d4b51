//! Section 7, first part: per input or output of the product, the applicant's (site) amount and
//! the background data behind it, with their time, geography and technology, and data-quality
//! scores.

use super::Builder;
use crate::report::evidence::EvidenceReport;
use crate::report::evidence::document::{Col, Table};
use crate::report::evidence::lang::Lang;
use crate::report::evidence::terms::{num, stage, unit};

pub(super) fn site_and_background(b: &mut Builder, r: &EvidenceReport) {
    let rows = &r.evaluation.data;
    b.sub("s-data-site", "现场数据与背景数据", "Site data and background data");
    let site = rows.iter().filter(|d| d.amount_kind == "site").count();
    let estimated_bg = rows.iter().filter(|d| d.background_kind == "estimated").count();
    b.text(
        &format!(
            "产品的每项输入输出由两部分数据组成：数量为申请单位的现场数据（初级数据，来自产品模型），其上游影响为背景数据（次级数据，来自数据库）。{}项输入输出中，{}项的数量有出处，{}项为估算；{}项的背景数据为估算数据或替代数据。",
            rows.len(),
            site,
            rows.len() - site,
            estimated_bg
        ),
        &format!(
            "Each input or output of the product has two parts: its amount is the applicant's site data (primary data, from the product model) and its upstream burden is background data (secondary data, from the database). Of the {} inputs and outputs, {} have a sourced amount and {} an estimated one; {} rest on estimated or proxy background data.",
            rows.len(),
            site,
            rows.len() - site,
            estimated_bg
        ),
    );
    let mut t = Table::new(vec![
        (b.l("阶段", "Stage"), Col::Text),
        (b.l("输入或输出", "Input or output"), Col::Text),
        (b.l("数量", "Amount"), Col::Num),
        (b.l("数量的类型", "Amount"), Col::Text),
        (b.l("背景数据", "Background data"), Col::Text),
        (b.l("背景数据的类型", "Background"), Col::Text),
    ]);
    for d in rows {
        let (zh, en) = stage(&r.stage_scheme, &d.stage);
        let what = match b.lang {
            Lang::Zh => d.provider_name_zh.clone().unwrap_or_else(|| d.id.clone()),
            _ => d.label.clone(),
        };
        let amount_kind = match d.amount_kind.as_str() {
            "site" => b.l("现场数据", "site"),
            _ => b.l("估算", "estimated"),
        };
        let mut bg = match d.background_kind.as_str() {
            "background" => b.l("背景数据", "background"),
            "estimated" => b.l("估算数据", "estimated"),
            _ => b.l("直接排放", "direct flow"),
        };
        if d.proxy {
            bg = format!("{bg}{}", b.l("（替代数据）", " (proxy)"));
        }
        t.row(vec![
            b.l(zh, en),
            what,
            format!("{} {}", num(d.amount), unit(b.lang, &d.unit)),
            amount_kind,
            b.cell(d.provider_name_zh.as_deref(), &d.provider_name),
            bg,
        ]);
    }
    b.table(t);

    b.sub("s-data-representativeness", "数据的代表性与质量", "Representativeness and quality of the data");
    b.text(
        "背景数据的时间代表性（数据年份，取自其出处）、地理代表性（地区）和技术代表性（过程类别）；数据质量评分为谱系矩阵（可靠性、完整性、时间、地理、技术相关性，1分最好、5分最差）的平均分，数据库未给出评分时留空。",
        "Time representativeness of the background data (year, from its source), geography (region) and technology (process category); the data-quality scores are the pedigree matrix (reliability, completeness, temporal, geographical, technological correlation; 1 best, 5 worst) averaged, blank where the database gives none.",
    );
    let mut t = Table::new(vec![
        (b.l("背景数据", "Background data"), Col::Text),
        (b.l("年份", "Year"), Col::Text),
        (b.l("地区", "Region"), Col::Text),
        (b.l("技术（类别）", "Technology (category)"), Col::Code),
        (b.l("数据质量评分", "Pedigree scores"), Col::Text),
    ]);
    let mut seen = Vec::new();
    let mut scored = 0;
    for d in rows.iter().filter(|d| d.background_kind != "direct") {
        if seen.contains(&d.provider) {
            continue;
        }
        seen.push(d.provider.clone());
        scored += usize::from(d.pedigree.is_some());
        let blank = || b.l("未注明", "not stated");
        t.row(vec![
            b.cell(d.provider_name_zh.as_deref(), &d.provider_name),
            d.year.clone().unwrap_or_else(blank),
            d.location.clone().unwrap_or_else(blank),
            d.technology.clone().unwrap_or_default(),
            d.pedigree
                .map_or_else(|| "-".into(), |p| p.iter().map(|x| format!("{x:.1}")).collect::<Vec<_>>().join(" / ")),
        ]);
    }
    b.table(t);
    if scored == 0 {
        b.text(
            "背景数据库未给出谱系评分；数据质量以出处和估算数据标记（见下文）说明。",
            "The background database gives no pedigree scores; data quality is documented by the sources and the estimated-data flags (below).",
        );
    }
}
