//! Sections 1 to 4: basic information from the evidence file, the summary of the verdict, the
//! evaluation object and tool, the reporting period (with the base period when given).

use super::Builder;
use crate::report::evidence::EvidenceReport;
use crate::report::evidence::document::{Col, Notice, RowClass, Table};
use crate::report::evidence::lang::{Bi, Lang};
use crate::report::evidence::terms::{declared, num, pct, status, unit};

/// A blank for the applicant to fill in.
const BLANK: &str = "＿＿＿＿＿＿＿＿";

/// A variant's name: its Chinese name in Chinese, with the id only where no name is given.
pub(super) fn variant_name(lang: Lang, id: &str, zh: Option<&str>, en: &str) -> String {
    match (lang, zh.filter(|z| !z.trim().is_empty())) {
        (Lang::Zh, Some(z)) => z.to_string(),
        (Lang::Zh, None) => id.to_string(),
        (l, z) => format!("{} ({id})", l.name(z, en)),
    }
}

fn or_blank(v: Option<&str>) -> String {
    v.filter(|s| !s.trim().is_empty()).map_or_else(|| BLANK.to_string(), str::to_string)
}

/// Section 1.
pub(super) fn basic(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-basic");
    let e = &r.evaluation;
    let i = &e.basic;
    let p = &r.product;
    match &e.evidence_file {
        Some(f) => b.text(
            &format!("申请单位和产品的基本信息取自证据文件 {f}；未给出的项目留空，由申请单位填写。"),
            &format!("The applicant's and the product's basic information come from the evidence file {f}; items not given are left blank for the applicant to fill in."),
        ),
        None => b.text(
            "未给出证据文件，基本信息留空，由申请单位填写。",
            "No evidence file was given: the basic information is left blank for the applicant to fill in.",
        ),
    }
    let applicant = match (&i.applicant_zh, &i.applicant) {
        (None, None) => BLANK.to_string(),
        (zh, en) => b.cell(zh.as_deref(), en.as_deref().unwrap_or_default()),
    };
    let category_zh = i.category_zh.as_deref().or(p.category_zh.as_deref());
    let category = p.category.as_deref().map(|c| b.cell(category_zh, c));
    let rows = vec![
        (b.l("报告编号", "Report number"), or_blank(i.report_number.as_deref())),
        (b.l("申请单位", "Applicant"), applicant),
        (b.l("统一社会信用代码", "Unified social credit code"), or_blank(i.credit_code.as_deref())),
        (b.l("地址", "Address"), or_blank(i.address.as_deref())),
        (b.l("联系人及电话", "Contact"), or_blank(i.contact.as_deref())),
        (b.l("产品名称", "Product"), b.cell(p.name_zh.as_deref(), &p.name)),
        (b.l("产品类别", "Product category"), category.unwrap_or_else(|| BLANK.into())),
        (b.l("产品型号", "Model"), or_blank(i.model.as_deref())),
        (b.l("规格", "Specification"), or_blank(i.specification.as_deref())),
    ];
    b.fields(rows);
    b.sub("s-basic-parameters", "技术参数", "Technical parameters");
    if i.parameters.is_empty() {
        b.text(&format!("（申请单位未给出：{BLANK}）"), &format!("(not given by the applicant: {BLANK})"));
    } else {
        let mut t = Table::new(vec![
            (b.l("参数", "Parameter"), Col::Text),
            (b.l("数值", "Value"), Col::Num),
            (b.l("单位", "Unit"), Col::Text),
        ]);
        for q in &i.parameters {
            let value = match &q.value {
                toml::Value::String(s) => s.clone(),
                toml::Value::Float(x) => declared(*x),
                other => other.to_string(),
            };
            t.row(vec![b.cell(q.name_zh.as_deref(), &q.name), value, unit(b.lang, &q.unit)]);
        }
        b.table(t);
    }
    b.sub("s-basic-materials", "材料组成", "Material composition");
    if i.materials.is_empty() {
        b.text(&format!("（申请单位未给出：{BLANK}）"), &format!("(not given by the applicant: {BLANK})"));
    } else {
        let total: f64 = i.materials.iter().map(|m| m.mass).sum();
        let mut t = Table::new(vec![
            (b.l("材料", "Material"), Col::Text),
            (b.l("质量", "Mass"), Col::Num),
            (b.l("单位", "Unit"), Col::Text),
            (b.l("占比", "Share"), Col::Num),
        ]);
        for m in &i.materials {
            t.row(vec![
                b.cell(m.name_zh.as_deref(), &m.name),
                declared(m.mass),
                unit(b.lang, &m.unit),
                if total > 0.0 { pct(m.mass / total) } else { "-".into() },
            ]);
        }
        let u = i.materials.first().map(|m| unit(b.lang, &m.unit)).unwrap_or_default();
        t.row_with(vec![b.l("合计", "Total"), declared(total), u, "100.0%".into()], RowClass::Total);
        b.table(t);
    }
}

/// Section 2: the verdict and what decides it, before the details.
pub(super) fn summary(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-summary");
    let Some(c) = &r.conformity else {
        b.text(
            "未给出评价规范，本报告只报告生命周期评价结果，不作符合性判定。",
            "No specification was given: this report gives the life-cycle assessment results and no verdict.",
        );
        return;
    };
    let n = &c.counts;
    b.fields(vec![
        (
            b.l("评价规范", "Specification"),
            format!("{} {} {}", c.standard, c.version, b.cell(c.title_zh.as_deref(), &c.title)),
        ),
        (
            b.l("基本要求", "Basic requirements"),
            b.l(
                &format!(
                    "{}项满足，{}项不满足，{}项缺少证据",
                    n.requirements_met, n.requirements_not_met, n.requirements_evidence_missing
                ),
                &format!(
                    "{} met, {} not met, {} evidence missing",
                    n.requirements_met, n.requirements_not_met, n.requirements_evidence_missing
                ),
            ),
        ),
        (
            b.l("评价指标", "Indicators"),
            b.l(
                &format!(
                    "{}项符合，{}项不符合，{}项缺少证据",
                    n.indicators_pass, n.indicators_fail, n.indicators_evidence_missing
                ),
                &format!(
                    "{} pass, {} fail, {} evidence missing",
                    n.indicators_pass, n.indicators_fail, n.indicators_evidence_missing
                ),
            ),
        ),
    ]);
    let open: Vec<_> = c.indicators.iter().filter(|i| i.status != "pass").collect();
    if !open.is_empty() {
        let mut t = Table::new(vec![
            (b.l("未符合的指标", "Indicator not met"), Col::Text),
            (b.l("数值", "Value"), Col::Num),
            (b.l("基准值", "Limit"), Col::Num),
            (b.l("单位", "Unit"), Col::Text),
            (b.l("判定", "Verdict"), Col::Text),
        ]);
        for i in open {
            let (zh, en) = status(&i.status);
            t.row_with(
                vec![
                    b.cell(Some(&i.zh), &i.en),
                    i.value.map_or_else(|| "-".into(), num),
                    i.limit.clone(),
                    unit(b.lang, &i.unit),
                    b.l(zh, en),
                ],
                RowClass::Fail,
            );
        }
        b.table(t);
    }
    if c.pass {
        b.notice(Notice::Pass, &Bi::new("结论：符合（详见第15章）。", "Verdict: pass (details in section 15)."));
    } else {
        b.notice(Notice::Fail, &Bi::new("结论：不符合（详见第15章）。", "Verdict: not met (details in section 15)."));
    }
    if c.illustrative {
        b.notice(
            Notice::Warning,
            &Bi::new(
                "所用规范为示例性规范，其限值并非标准值；本判定仅演示评价方法。",
                "The specification is illustrative and its limits are not those of a standard; this verdict only demonstrates the method.",
            ),
        );
    }
}

/// The producer: the applicant of the evidence file, else the model's producer (English only,
/// so left blank in Chinese).
fn producer(b: &Builder, r: &EvidenceReport) -> String {
    let i = &r.evaluation.basic;
    match (b.lang, &i.applicant_zh, &i.applicant, &r.product.producer) {
        (_, zh @ Some(_), en, _) => b.cell(zh.as_deref(), en.as_deref().unwrap_or_default()),
        (Lang::Zh, None, _, _) => BLANK.into(),
        (_, None, Some(en), _) => en.clone(),
        (_, None, None, p) => or_blank(p.as_deref()),
    }
}

/// Section 3.
pub(super) fn object(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-object");
    let p = &r.product;
    let v = &p.variant;
    let mut rows = vec![
        (b.l("评价对象", "Product assessed"), b.cell(p.name_zh.as_deref(), &p.name)),
        (b.l("生产者", "Producer"), producer(b, r)),
        (b.l("评价方案", "Variant assessed"), variant_name(b.lang, &v.id, v.name_zh.as_deref(), &v.name)),
        (b.l("模型中的其他方案", "Other variants in the model"), p.other_variants.to_string()),
        (b.l("评价工具", "Tool"), format!("greenlca {}", r.greenlca_version)),
        (b.l("评价依据", "Standards followed"), "GB/T 24040-2008, GB/T 24044-2008, GB/T 32161-2015".into()),
    ];
    // In a Chinese report a description without its Chinese text is left out.
    if let Some(d) = p.description.as_deref().filter(|_| b.lang != Lang::Zh || p.description_zh.is_some()) {
        rows.insert(2, (b.l("产品描述", "Description"), b.cell(p.description_zh.as_deref(), d)));
    }
    if let Some(d) = v.description.as_deref().filter(|_| b.lang != Lang::Zh || v.description_zh.is_some()) {
        rows.push((b.l("方案说明", "Variant description"), b.cell(v.description_zh.as_deref(), d)));
    }
    b.fields(rows);
    b.text(
        "greenlca 以矩阵法计算生命周期清单和影响（前景为产品模型，背景为数据库的过程），各阶段结果之和等于合计；计算所用的全部输入文件及其 SHA-256 见第20章。",
        "greenlca computes the life-cycle inventory and impacts by the matrix method (the product model in the foreground, the database's processes in the background); the stages add up to the total; every input file with its SHA-256 is listed in section 20.",
    );
}

/// Section 4.
pub(super) fn period(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-period");
    let p = &r.evaluation.period;
    b.fields(vec![
        (b.l("报告期", "Reporting period"), or_blank(p.reporting.as_deref())),
        (b.l("基期", "Base period"), p.base.clone().unwrap_or_else(|| b.l("（未给出）", "(not given)"))),
    ]);
    if p.rows.is_empty() {
        b.text(
            "证据文件未给出基期数据，因此没有报告期与基期的对比。",
            "The evidence file gives no base-period figures, so there is no comparison of the reporting and base periods.",
        );
        return;
    }
    let mut t = Table::new(vec![
        (b.l("项目", "Item"), Col::Text),
        (b.l("单位", "Unit"), Col::Text),
        (b.l("报告期", "Reporting period"), Col::Num),
        (b.l("基期", "Base period"), Col::Num),
        (b.l("变化", "Change"), Col::Num),
    ]);
    for row in &p.rows {
        let change =
            if row.base != 0.0 { format!("{:+.1}%", (row.reporting / row.base - 1.0) * 100.0) } else { "-".into() };
        t.row(vec![
            b.cell(row.name_zh.as_deref(), &row.name),
            unit(b.lang, &row.unit),
            declared(row.reporting),
            declared(row.base),
            change,
        ]);
    }
    b.table(t);
}
