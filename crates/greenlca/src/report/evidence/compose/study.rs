//! Sections 5, 6, 7 and 11: functional unit, system boundary, data, inventory.

use super::Builder;
use crate::error::Result;
use crate::report::evidence::EvidenceReport;
use crate::report::evidence::document::{Col, Span, Table};
use crate::report::evidence::lang::Lang;
use crate::report::evidence::terms::{compartment_zh, num, num_in, stage, unit};
use crate::report::format::short;

/// Section 5.
pub(super) fn functional_unit(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-functional-unit");
    let f = &r.functional_unit;
    let mut rows = vec![
        (b.l("功能单位", "Functional unit"), b.cell(f.functional_unit_zh.as_deref(), &f.functional_unit)),
        (b.l("基准流", "Reference flow"), format!("{} {}", short(f.reference_amount, 6), unit(b.lang, &f.unit))),
    ];
    if let Some(basis) = &f.spec_basis {
        rows.push((
            b.l("规范限值的基准", "Basis of the specification's limits"),
            b.cell(f.spec_basis_zh.as_deref(), basis),
        ));
    }
    b.fields(rows);
    b.text("本报告中的所有结果均以一个功能单位计。", "All results in this report are per functional unit.");
}

/// Section 6.
pub(super) fn boundary(b: &mut Builder, r: &EvidenceReport) -> Result<()> {
    b.section_id("s-boundary");
    let bd = &r.boundary;
    b.text(
        "系统边界涵盖以下生命周期阶段（图1）；每个阶段列出产品模型的输入和输出（数量按功能单位计），其上游供应链由背景数据库计算。",
        "The system boundary covers the life-cycle stages below (figure 1); each stage lists the product model's inputs and outputs (amounts per functional unit), whose upstream supply chains come from the background database.",
    );
    b.figure(super::diagram::boundary_diagram(r, b.lang));
    let mut t = Table::new(vec![
        (b.l("阶段", "Stage"), Col::Text),
        (b.l("输入或输出", "Input or output"), Col::Text),
        (b.l("背景数据（过程或基本流）", "Background data (process or elementary flow)"), Col::Text),
        (b.l("数量", "Amount"), Col::Num),
        (b.l("单位", "Unit"), Col::Text),
    ]);
    for s in &bd.stages {
        let name = b.l(&s.name_zh, &s.name_en);
        if s.exchanges.is_empty() {
            t.row(vec![name, b.l("（不在模型中）", "(not in the model)"), String::new(), String::new(), String::new()]);
            continue;
        }
        for e in &s.exchanges {
            let what = match b.lang {
                Lang::Zh => e.provider_name_zh.clone().unwrap_or_else(|| e.id.clone()),
                _ => e.label.clone(),
            };
            t.row(vec![
                name.clone(),
                what,
                b.cell(e.provider_name_zh.as_deref(), &e.provider_name),
                num(e.amount),
                unit(b.lang, &e.unit),
            ]);
        }
    }
    b.table(t);
    b.sub("s-boundary-included", "包含的过程", "Included");
    b.list(pick_list(b.lang, &bd.included_zh, &bd.included));
    b.sub("s-boundary-excluded", "排除的过程", "Excluded");
    b.list(pick_list(b.lang, &bd.excluded_zh, &bd.excluded));
    Ok(())
}

/// A list given in English and (optionally) Chinese: in Chinese the Chinese one, a note when the
/// model gives none.
pub(super) fn pick_list(lang: Lang, zh: &[String], en: &[String]) -> Vec<String> {
    match lang {
        Lang::En => en.to_vec(),
        Lang::Zh if !zh.is_empty() => zh.to_vec(),
        Lang::Zh if en.is_empty() => Vec::new(),
        Lang::Zh => vec!["（模型未给出中文说明）".into()],
        Lang::Both if zh.is_empty() => en.to_vec(),
        Lang::Both => zh.iter().chain(en).cloned().collect(),
    }
}

/// A text given in English and (optionally) Chinese.
pub(super) fn pick_text(lang: Lang, zh: Option<&str>, en: Option<&str>) -> Option<String> {
    match (lang, zh, en) {
        (_, None, None) => None,
        (Lang::En, _, Some(e)) => Some(e.into()),
        (Lang::Zh, Some(z), _) => Some(z.into()),
        (Lang::Zh, None, Some(_)) => Some("（模型未给出中文说明）".into()),
        (Lang::Both, Some(z), Some(e)) => Some(format!("{z}\n{e}")),
        (_, z, e) => z.or(e).map(str::to_string),
    }
}

/// Section 7.
pub(super) fn data_quality(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-data");
    super::data::site_and_background(b, r);
    let d = &r.data_quality;
    let db = &d.database;
    b.sub("s-data-database", "背景数据库", "Background database");
    let mut rows = vec![
        (b.l("名称", "Name"), b.cell(db.name_zh.as_deref(), &db.name)),
        (b.l("版本", "Version"), db.version.clone()),
        (
            b.l("许可", "Licence"),
            db.license.as_deref().map_or_else(|| "-".into(), |l| b.cell(db.license_zh.as_deref(), l)),
        ),
        (
            b.l("预期用途", "Intended use"),
            db.intended_use.as_deref().map_or_else(|| "-".into(), |u| b.cell(db.intended_use_zh.as_deref(), u)),
        ),
    ];
    if let Some(desc) = &db.description {
        rows.push((b.l("说明", "Description"), b.cell(db.description_zh.as_deref(), desc)));
    }
    if let Some(f) = &db.format {
        rows.push((b.l("格式", "Format"), f.clone()));
    }
    b.fields(rows);

    b.sub("s-data-sources", "引用的数据来源", "Sources cited");
    b.text(
        "下表列出本研究所用过程、输入输出和参数所引用的数据来源（按代号），及引用次数。",
        "The sources that the processes, exchanges and parameters used in this study cite by key in their `source` field, with the number of citations.",
    );
    let mut t = Table::new(vec![
        (b.l("代号", "Key"), Col::Code),
        (b.l("文献", "Citation"), Col::Text),
        (b.l("引用次数", "Cited"), Col::Num),
    ]);
    for s in &d.sources {
        let citation = match &s.url {
            Some(u) => format!("{} ({u})", s.citation),
            None => s.citation.clone(),
        };
        t.row(vec![s.key.clone(), citation, s.cited_by.to_string()]);
    }
    b.table(t);

    b.sub("s-data-indicative", "估算数据", "Indicative data");
    let i = &d.indicative;
    b.text(
        &format!(
            "产品供应链用到{}个背景过程，其中{}个为估算数据（近似值或替代数据，而非已发表的数值）；这些过程的{}项输入输出中有{}项为估算数据。产品的{}项输入输出中，有{}项的背景数据为估算数据。",
            i.processes_used, i.processes_indicative, i.exchanges_used, i.exchanges_indicative, i.foreground_exchanges, i.foreground_indicative
        ),
        &format!(
            "The product's supply chain runs {} background processes, {} of them flagged indicative (approximations, not published figures); {} of their {} exchanges are indicative. {} of the product's {} foreground exchanges have an indicative provider.",
            i.processes_used, i.processes_indicative, i.exchanges_indicative, i.exchanges_used, i.foreground_indicative, i.foreground_exchanges
        ),
    );
    if !i.indicative_processes.is_empty() {
        let mut t = Table::new(vec![(b.l("过程编号", "Process id"), Col::Code), (b.l("名称", "Name"), Col::Text)]);
        for p in &i.indicative_processes {
            t.row(vec![p.id.clone(), b.cell(p.name_zh.as_deref(), &p.name)]);
        }
        b.table(t);
    }
    if !i.assumed_exchanges.is_empty() || !i.assumed_parameters.is_empty() {
        let (ex, pa) = (&i.assumed_exchanges, &i.assumed_parameters);
        b.text(
            &format!(
                "来源为假设的产品输入输出：{}；参数：{}。",
                if ex.is_empty() { "无".into() } else { ex.join("、") },
                if pa.is_empty() { "无".into() } else { pa.join("、") }
            ),
            &format!(
                "Foreground exchanges whose source is an assumption (ASSUMPTION): {}; parameters: {}.",
                if ex.is_empty() { "none".into() } else { ex.join(", ") },
                if pa.is_empty() { "none".into() } else { pa.join(", ") }
            ),
        );
    }

    b.sub("s-data-methods", "影响评价方法", "Impact assessment methods");
    let mut t = Table::new(vec![
        (b.l("方法", "Method"), Col::Text),
        (b.l("版本", "Version"), Col::Text),
        (b.l("影响类别", "Categories"), Col::Code),
        (b.l("来源", "Source"), Col::Text),
    ]);
    for m in &d.methods {
        t.row(vec![
            format!("{} ({})", b.cell(m.name_zh.as_deref(), &m.name), m.id),
            m.version.clone(),
            m.categories.join(", "),
            m.source.clone(),
        ]);
    }
    b.table(t);
    let notes: Vec<String> =
        d.methods.iter().filter_map(|m| m.notes.as_ref().map(|n| format!("{} {}: {n}", m.id, m.version))).collect();
    if !notes.is_empty() && b.lang != Lang::Zh {
        b.para(vec![Span::strong(b.l("方法说明", "Method notes"))]);
        b.list(notes);
    } else if !notes.is_empty() {
        b.text("各方法的说明（英文原文）见方法文件和 report.json。", "");
    }
    if !d.unmatched_flows.is_empty() {
        b.text(
            &format!("以下基本流没有任何特征化因子（不计入任何影响类别）：{}。", d.unmatched_flows.join("、")),
            &format!(
                "These elementary flows have no characterisation factor (they count in no category): {}.",
                d.unmatched_flows.join(", ")
            ),
        );
    }
    if d.unlinked_inputs > 0 {
        b.text(
            &format!("背景数据库中有{}个产品输入没有对应的上游过程，已按链接规则截断。", d.unlinked_inputs),
            &format!(
                "{} product inputs of the background database have no provider and were cut off by the linking policy.",
                d.unlinked_inputs
            ),
        );
    }
}

/// Section 11.
pub(super) fn inventory(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-inventory");
    let inv = &r.inventory;
    b.text(
        "生命周期清单中的主要基本流（背景供应链与产品直接排放之和），按功能单位计，并按阶段分列。",
        "The main elementary flows of the life-cycle inventory (background supply chains plus the product's direct flows), per functional unit and per stage.",
    );
    let mut cols = vec![
        (b.l("基本流", "Elementary flow"), Col::Text),
        (b.l("环境介质", "Compartment"), Col::Text),
        (b.l("单位", "Unit"), Col::Text),
        (b.l("合计", "Total"), Col::Num),
    ];
    for s in &r.impacts.stages {
        let (zh, en) = stage(&r.stage_scheme, s);
        cols.push((b.l(zh, en), Col::Num));
    }
    let mut t = Table::new(cols);
    for f in &inv.flows {
        let scale = f.stages.iter().map(|s| s.value.abs()).fold(f.total.abs(), f64::max);
        let mut row = vec![
            b.cell(f.name_zh.as_deref(), &f.name),
            b.cell(Some(&compartment_zh(&f.compartment)), &f.compartment),
            unit(b.lang, &f.unit),
            num_in(f.total, scale),
        ];
        row.extend(f.stages.iter().map(|s| num_in(s.value, scale)));
        t.row(row);
    }
    b.table(t);
    if inv.omitted > 0 {
        b.text(
            &format!("另有{}个非零基本流对各影响类别的贡献最小，未列出（greenlca calc 可列出全部）。", inv.omitted),
            &format!("{} further non-zero flows matter least for the impact categories and are not listed (greenlca calc lists all).", inv.omitted),
        );
    }
}
