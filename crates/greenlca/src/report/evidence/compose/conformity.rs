//! Section 8 (the conformity table) and the self-declaration annex.

use super::{Builder, DECLARATION_TITLE};
use crate::report::evidence::EvidenceReport;
use crate::report::evidence::document::{Block, Col, Notice, RowClass, Table};
use crate::report::evidence::lang::Bi;
use crate::report::evidence::terms::{num, pct, status};

fn row_class(s: &str) -> RowClass {
    match s {
        "met" | "pass" => RowClass::Pass,
        "not met" | "fail" => RowClass::Fail,
        _ => RowClass::Missing,
    }
}

/// Section 8.
pub(super) fn conformity(b: &mut Builder, r: &EvidenceReport) {
    b.section(8);
    let Some(c) = &r.conformity else {
        b.text(
            "未给出生态设计产品评价规范（模型未指定 spec，命令行也未给出 --spec），因此本报告不含符合性表。",
            "No eco-design specification was given (the model names no `spec` and no --spec was passed), so this report has no conformity table.",
        );
        return;
    };
    let mut rows = vec![
        (b.l("规范", "Specification"), format!("{} {}", c.standard, c.version)),
        (b.l("名称", "Title"), b.cell(c.title_zh.as_deref(), &c.title)),
        (b.l("产品类别", "Product category"), b.cell(c.category_zh.as_deref(), &c.category)),
        (b.l("限值基准", "Basis of the limits"), b.cell(Some(&c.basis_zh), &c.basis)),
        (
            b.l("限值性质", "Status of the limits"),
            if c.illustrative {
                b.l("示例性（非标准值）", "illustrative (not from a standard)")
            } else {
                b.l("摘自标准", "transcribed from the standard")
            },
        ),
    ];
    if let Some(cit) = &c.citation {
        rows.push((b.l("出处", "Citation"), b.cell(c.citation_zh.as_deref(), cit)));
    }
    b.fields(rows);
    let n = &c.counts;
    let verdict = if c.pass {
        Bi::new(
            format!(
                "评价结论：符合。全部{}项基本要求满足，全部{}项指标符合。",
                c.requirements.len(),
                c.indicators.len()
            ),
            format!(
                "Verdict: PASS. All {} basic requirements are met and all {} indicators pass.",
                c.requirements.len(),
                c.indicators.len()
            ),
        )
    } else {
        Bi::new(
            format!(
                "评价结论：不符合。基本要求：{}项满足、{}项不满足、{}项缺少证据；指标：{}项符合、{}项不符合、{}项缺少证据。",
                n.requirements_met,
                n.requirements_not_met,
                n.requirements_evidence_missing,
                n.indicators_pass,
                n.indicators_fail,
                n.indicators_evidence_missing
            ),
            format!(
                "Verdict: NOT MET. Basic requirements: {} met, {} not met, {} evidence missing; indicators: {} pass, {} fail, {} evidence missing.",
                n.requirements_met,
                n.requirements_not_met,
                n.requirements_evidence_missing,
                n.indicators_pass,
                n.indicators_fail,
                n.indicators_evidence_missing
            ),
        )
    };
    b.notice(if c.pass { Notice::Pass } else { Notice::Fail }, &verdict);

    b.sub("s8-requirements", "基本要求", "Basic requirements");
    let mut t = Table::new(vec![
        (b.l("编号", "Id"), Col::Code),
        (b.l("要求", "Requirement"), Col::Text),
        (b.l("判定", "Status"), Col::Text),
        (b.l("证据", "Evidence"), Col::Text),
    ]);
    for q in &c.requirements {
        let (szh, sen) = status(&q.status);
        t.row_with(
            vec![
                q.id.clone(),
                b.cell(Some(&q.zh), &q.en),
                b.l(szh, sen),
                match &q.evidence {
                    Some(e) => b.cell(q.evidence_zh.as_deref(), e),
                    None => format!(
                        "{} {}",
                        b.l("（缺）应提供：", "(missing) expected:"),
                        b.cell(q.evidence_expected_zh.as_deref(), &q.evidence_expected)
                    ),
                },
            ],
            row_class(&q.status),
        );
    }
    b.table(t);

    b.sub("s8-indicators", "评价指标", "Indicators");
    // The layout of the standards' indicator tables: 一级指标, 二级指标, 单位, 基准值 (the limit),
    // 判定依据, 所属阶段, then the value and the verdict (and P(pass) with --mc).
    let mc = c.verdict.uncertainty.as_ref();
    let mut cols = vec![
        (b.l("一级指标", "Group"), Col::Text),
        (b.l("二级指标", "Indicator"), Col::Text),
        (b.l("单位", "Unit"), Col::Text),
        (b.l("基准值", "Limit"), Col::Num),
        (b.l("判定依据", "Verification"), Col::Text),
        (b.l("所属阶段", "Stage"), Col::Text),
        (b.l("数值", "Value"), Col::Num),
        (b.l("判定", "Verdict"), Col::Text),
    ];
    if mc.is_some() {
        cols.push((b.l("符合概率", "P(pass)"), Col::Num));
    }
    let mut t = Table::new(cols);
    for (k, i) in c.indicators.iter().enumerate() {
        let (szh, sen) = status(&i.status);
        let mut st = b.l(szh, sen);
        if let Some(g) = &i.grade {
            st.push_str(&format!(" ({} {g})", b.l("等级", "grade")));
        }
        let mut limit = i.limit.clone();
        if let Some(note) = &i.limit_note {
            limit.push_str(&format!("\n({note})"));
        }
        let bi = |x: &Option<crate::model::spec::Bilingual>| {
            x.as_ref().map(|v| b.cell(Some(&v.zh), &v.en)).unwrap_or_else(|| "-".into())
        };
        let value = match (i.value, i.operator.as_str()) {
            (Some(v), "yes") => b.l(if v == 1.0 { "是" } else { "否" }, if v == 1.0 { "yes" } else { "no" }),
            (Some(v), _) => num(v),
            (None, _) => "-".into(),
        };
        let mut row = vec![
            b.l(&i.group_zh, &i.group_en),
            b.cell(Some(&i.zh), &i.en),
            i.unit.clone(),
            limit,
            bi(&i.verification),
            bi(&i.phase),
            value,
            st,
        ];
        if let Some(u) = mc {
            row.push(u.indicators.get(k).map(|m| pct(m.p_pass)).unwrap_or_default());
        }
        t.row_with(row, row_class(&i.status));
    }
    b.table(t);
    let mut t = Table::new(vec![
        (b.l("二级指标", "Indicator"), Col::Text),
        (b.l("基准", "Basis"), Col::Text),
        (b.l("裕量", "Margin"), Col::Num),
        (b.l("先进值", "Leaders' value"), Col::Num),
        (b.l("估算数据占比", "Indicative data share"), Col::Num),
    ]);
    for (k, i) in c.indicators.iter().enumerate() {
        let margin = match (i.margin, i.margin_percent) {
            (Some(m), Some(p)) => format!("{} ({:+.1}%)", num(m), p),
            (Some(m), None) => num(m),
            _ => "-".into(),
        };
        let bench = match (i.benchmark, i.benchmark_position) {
            (Some(bv), Some(pos)) => format!("{}\n{} {}", num(bv), b.l("位置", "position"), pct(pos)),
            (Some(bv), None) => num(bv),
            _ => "-".into(),
        };
        let basis = match i.basis.as_str() {
            "functional_unit" => b.l("每功能单位", "per functional unit"),
            "product_unit" => b.l("每件产品", "per product unit"),
            "mass" => b.l("每单位产品质量", "per mass of product"),
            "volume" => b.l("每单位产品体积", "per volume of product"),
            "area" => b.l("每单位产品面积", "per area of product"),
            _ => b.l("产品属性", "product property"),
        };
        let share = c.verdict.indicative_shares.get(k).map(|s| pct(*s)).unwrap_or_else(|| "-".into());
        t.row(vec![b.cell(Some(&i.zh), &i.en), basis, margin, bench, share]);
    }
    b.table(t);
    b.text(
        "基准值即规范规定的限值。裕量为数值到基准值的距离（符合一侧为正，不符合为负），括号内为占基准值的百分比。先进值位置：基准值处为0%，达到先进值为100%。估算数据占比：该指标的过程贡献中来自标记为估算数据/替代数据的背景过程的比例。",
        "The limit (基准值) is the value the specification sets. The margin is the distance from the value to the limit (positive on the passing side, negative when failing), in brackets as a percentage of the limit. Leaders' value position: 0% at the limit, 100% at the leaders' value. Indicative data share: the part of the indicator's process contributions that comes from background processes flagged indicative (estimates or proxies).",
    );
    let sources: Vec<String> = c
        .indicators
        .iter()
        .map(|i| {
            let mut s = format!("{}: {}", i.id, b.l(&i.source_zh, &i.source));
            if !i.stages.is_empty() {
                s.push_str(&format!("; {}: {}", b.l("阶段", "stages"), i.stages.join(", ")));
            }
            if let Some(e) = &i.evidence {
                s.push_str(&format!("; {}: {}", b.l("证据", "evidence"), b.lang.name(i.evidence_zh.as_deref(), e)));
            }
            if let Some(cit) = &i.citation {
                s.push_str(&format!("; {}: {}", b.l("限值出处", "limit"), b.lang.name(i.citation_zh.as_deref(), cit)));
            }
            s
        })
        .collect();
    b.para(vec![crate::report::evidence::Span::strong(b.l("数值来源", "Where the values come from"))]);
    b.list(sources);

    let rules = &c.verdict.rules;
    if !rules.is_empty() {
        b.sub("s8-rules", "建模规则", "Modelling rules");
        let mut t = Table::new(vec![
            (b.l("编号", "Id"), Col::Code),
            (b.l("规则", "Rule"), Col::Text),
            (b.l("要求", "Requires"), Col::Text),
            (b.l("本方案", "This variant"), Col::Text),
            (b.l("判定", "Status"), Col::Text),
        ]);
        for q in rules {
            let kept = q.status == "kept";
            t.row_with(
                vec![
                    q.id.clone(),
                    b.cell(Some(&q.zh), &q.en),
                    b.cell(Some(&q.requires_zh), &q.requires),
                    b.cell(Some(&q.actual_zh), &q.actual),
                    if kept { b.l("遵守", "kept") } else { b.l("违反", "broken") },
                ],
                if kept { RowClass::Pass } else { RowClass::Fail },
            );
        }
        b.table(t);
    }
    b.sub("s8-evaluation", "评价规则与自我声明", "Evaluation rule and self-declaration");
    b.text(
        &format!(
            "评价规则：满足全部基本要求、全部评价指标和全部建模规则，并提供生命周期评价报告（即本报告），方可判定为符合。判定方式：{}。",
            verdict_basis_zh(&c.verdict.verdict_basis)
        ),
        &format!(
            "Evaluation rule: the product conforms only when every basic requirement, every indicator and every modelling rule is met and an LCA report (this report) is provided. Verdict: {}.",
            c.verdict.verdict_basis
        ),
    );
    let d = &c.verdict.declaration;
    if d.may_issue {
        b.notice(
            Notice::Pass,
            &Bi::new("可以出具自我声明（见附件）。", "A self-declaration may be issued (see the annex)."),
        );
    } else {
        b.notice(
            Notice::Fail,
            &Bi::new("不予出具自我声明，原因如下：", "No self-declaration is issued, for these reasons:"),
        );
        let items: Vec<Bi> =
            d.reasons_zh.iter().zip(&d.reasons_en).map(|(z, e)| Bi::new(z.clone(), e.clone())).collect();
        let refs: Vec<&Bi> = items.iter().collect();
        b.bi_list(&refs);
    }

    if c.variants.len() > 1 {
        b.sub("s8-variants", "各方案的评价结论", "Verdict of every variant");
        let mut t = Table::new(vec![
            (b.l("方案", "Variant"), Col::Code),
            (b.l("名称", "Name"), Col::Text),
            (b.l("判定", "Verdict"), Col::Text),
        ]);
        for v in &c.variants {
            let (zh, en) = if v.pass { ("符合", "pass") } else { ("不符合", "not met") };
            t.row_with(
                vec![v.id.clone(), b.cell(v.name_zh.as_deref(), &v.name), b.l(zh, en)],
                if v.pass { RowClass::Pass } else { RowClass::Fail },
            );
        }
        b.table(t);
    }
}

/// "met at the central values; met with probability 40.6%" in Chinese.
fn verdict_basis_zh(en: &str) -> String {
    if let Some(rest) = en.strip_prefix("met at the central values; met with probability ") {
        return format!("在中心值下符合；符合的概率为 {rest}");
    }
    match en {
        "met at the central values (uncertainty not assessed)" => "在中心值下符合（未评价不确定性）".into(),
        "not met at the central values" => "在中心值下不符合".into(),
        other => other.to_string(),
    }
}

/// The self-declaration annex: the declaration when it may be issued, otherwise a notice that it
/// is withheld (for a passing variant) with the reasons.
pub(super) fn declaration(b: &mut Builder, r: &EvidenceReport) {
    let Some(d) = &r.declaration else {
        if let Some(c) = r.conformity.as_ref().filter(|c| c.pass && !c.verdict.declaration.may_issue) {
            let text = b.lang.pick(DECLARATION_TITLE.0, DECLARATION_TITLE.1);
            b.blocks.push(Block::Heading { level: 2, id: "annex-declaration".into(), text });
            b.notice(
                Notice::Warning,
                &Bi::new(
                    "不予出具自我声明：本报告不得作为自我声明提交。原因见第8节“评价规则与自我声明”。",
                    "Self-declaration withheld: this report must not be submitted as a self-declaration. The reasons are listed in section 8, “Evaluation rule and self-declaration”.",
                ),
            );
            let items: Vec<Bi> = c
                .verdict
                .declaration
                .reasons_zh
                .iter()
                .zip(&c.verdict.declaration.reasons_en)
                .map(|(z, e)| Bi::new(z.clone(), e.clone()))
                .collect();
            let refs: Vec<&Bi> = items.iter().collect();
            b.bi_list(&refs);
        }
        return;
    };
    let text = b.lang.pick(DECLARATION_TITLE.0, DECLARATION_TITLE.1);
    b.blocks.push(Block::Heading { level: 2, id: "annex-declaration".into(), text });
    if d.illustrative {
        b.notice(
            Notice::Warning,
            &Bi::new(
                "本声明仅为格式示例：所依据的规范为示例性规范，其限值并非标准值，不得用于生态设计产品评价。",
                "This declaration is a template only: the specification it refers to is illustrative, its limits are not those of a standard, and it must not be used in an eco-design evaluation.",
            ),
        );
    }
    let producer_zh = d.producer.as_ref().map_or_else(|| "本企业".to_string(), |p| format!("生产者“{p}”"));
    let producer_en = d.producer.clone().unwrap_or_else(|| "the producer".into());
    let product_zh = d.product_zh.clone().unwrap_or_else(|| d.product.clone());
    let title_zh = d.title_zh.clone().unwrap_or_else(|| d.title.clone());
    b.bi(&Bi::new(
        format!(
            "{producer_zh}声明：产品“{product_zh}”（方案 {}）满足《{title_zh}》（{} {}）的全部{}项基本要求和全部评价指标要求。评价依据 GB/T 32161-2015《生态设计产品评价通则》；生命周期评价依据 GB/T 24040-2008 和 GB/T 24044-2008，见本报告。各项指标的数值与限值如下：",
            d.variant, d.standard, d.version, d.requirements_met
        ),
        format!(
            "We, {producer_en}, declare that the product “{}” (variant {}) meets all {} basic requirements and all indicator requirements of {} {}, {}. The evaluation follows GB/T 32161-2015 (General principles for eco-design product assessment); the life-cycle assessment follows GB/T 24040-2008 and GB/T 24044-2008 and is documented in this report. The values of the indicators and their limits:",
            d.product, d.variant, d.requirements_met, d.standard, d.version, d.title
        ),
    ));
    let mut t = Table::new(vec![
        (b.l("指标", "Indicator"), Col::Text),
        (b.l("数值", "Value"), Col::Num),
        (b.l("限值", "Limit"), Col::Num),
        (b.l("单位", "Unit"), Col::Text),
    ]);
    for i in &d.indicators {
        t.row(vec![
            b.cell(Some(&i.zh), &i.en),
            i.value.map(num).unwrap_or_else(|| "-".into()),
            i.limit.clone(),
            i.unit.clone(),
        ]);
    }
    b.table(t);
    b.para(vec![crate::report::evidence::Span::plain(format!(
        "{}: {}",
        b.l("声明日期", "Date of the declaration"),
        d.date
    ))]);
    let labels = vec![
        b.l("生产者名称（盖章）", "Producer (company seal)"),
        b.l("法定代表人或授权代表（签字）", "Legal representative or authorised person (signature)"),
        b.l("签署日期", "Date of signature"),
    ];
    b.blocks.push(Block::Signature(labels));
}
