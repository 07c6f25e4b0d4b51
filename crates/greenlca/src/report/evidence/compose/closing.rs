//! Sections 16, 17 and 20: improvement potential, conclusion, how to reproduce the report.

use super::Builder;
use crate::error::Result;
use crate::report::evidence::EvidenceReport;
use crate::report::evidence::charts;
use crate::report::evidence::document::{Block, Col, Notice, RowClass, Table};
use crate::report::evidence::lang::Bi;
use crate::report::evidence::terms::num;

/// Section 16: the design levers first, then the rule-based suggestions that a design change can act
/// on (not the choice of another variant of the model, which may change what the designer does
/// not control).
pub(super) fn suggestions(b: &mut Builder, r: &EvidenceReport) -> Result<()> {
    b.section_id("s-improvement");
    super::levers::levers(b, r);
    b.sub("s-improvement-rules", "改进建议", "Suggestions");
    let s = &r.suggestions;
    b.text(
        "以下建议由固定规则从本报告的结果中导出（主导阶段、最大的第一层级输入、不符合或裕量很小的指标、缺少的证据、热点中的估算数据），每条均引用其依据的数值。",
        "The suggestions below follow by fixed rules from the results of this report (dominant stages, largest first-tier exchanges, failing or tight indicators, missing evidence, indicative data among the hotspots); each quotes the numbers it rests on.",
    );
    if s.items.is_empty() {
        b.text("没有可导出的建议。", "No suggestion follows from the results.");
    } else {
        let items: Vec<&Bi> = s
            .items
            .iter()
            .filter(|i| !matches!(i.rule.as_str(), "best_variant" | "passing_variants"))
            .map(|i| &i.text)
            .collect();
        b.bi_list(&items);
    }
    let Some(v) = &s.variants else { return Ok(()) };
    b.sub("s-improvement-variants", "方案比较", "Variants compared");
    b.text(
        "模型中各方案的生命周期合计（按功能单位计），括号内为相对于本报告方案的变化；最后一行为各类别结果最低的方案。",
        "Life-cycle totals of the model's variants (per functional unit), in brackets the change against the variant reported; the last row names the variant with the lowest result per category.",
    );
    let mut cols = vec![(b.l("方案", "Variant"), Col::Text)];
    for c in &r.impacts.categories {
        cols.push((format!("{} [{}]", c.id, c.unit), Col::Num));
    }
    let checked = v.rows.iter().any(|row| row.pass.is_some());
    if checked {
        cols.push((b.l("规范判定", "Verdict"), Col::Text));
    }
    let mut t = Table::new(cols);
    for row in &v.rows {
        let mut cells = vec![super::front::variant_name(b.lang, &row.id, row.name_zh.as_deref(), &row.name)];
        for (k, total) in row.totals.iter().enumerate() {
            let rel = match row.relative[k] {
                Some(x) if row.id != v.rows[0].id => format!("\n({:+.1}%)", x * 100.0),
                _ => String::new(),
            };
            cells.push(format!("{}{rel}", num(*total)));
        }
        if checked {
            cells.push(match row.pass {
                Some(true) => b.l("符合", "pass"),
                Some(false) => b.l("不符合", "not met"),
                None => "-".into(),
            });
        }
        t.row_with(cells, if row.id == v.rows[0].id { RowClass::Total } else { RowClass::Normal });
    }
    let mut best = vec![b.l("最低", "Lowest")];
    best.extend(v.best.iter().cloned());
    if checked {
        best.push(String::new());
    }
    t.row(best);
    b.table(t);
    if let Some(f) = charts::variant_chart(r, b.lang)? {
        b.figure(f);
    }
    Ok(())
}

/// Section 17.
pub(super) fn conclusion(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-conclusion");
    for s in &r.conclusion.statements {
        b.bi(s);
    }
    match r.conclusion.verdict.as_deref() {
        Some("pass") => b.notice(Notice::Pass, &Bi::new("结论：符合。", "Verdict: pass.")),
        Some(_) => b.notice(Notice::Fail, &Bi::new("结论：不符合。", "Verdict: not met.")),
        None => {}
    }
}

/// Section 20.
pub(super) fn reproduction(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-reproduce");
    let p = &r.reproduction;
    b.text(
        &format!(
            "用 greenlca {} 和下列 SHA-256 相同的输入文件运行下面的命令，即可得到相同的数值（日期由 --date 或环境变量 SOURCE_DATE_EPOCH 固定）。可用 sha256sum 核对文件。",
            p.greenlca_version
        ),
        &format!(
            "Running the command below with greenlca {} and input files with the SHA-256 values listed gives the same numbers (the date is fixed with --date or the environment variable SOURCE_DATE_EPOCH). Check the files with sha256sum.",
            p.greenlca_version
        ),
    );
    if !p.command.is_empty() {
        b.blocks.push(Block::Code(p.command.clone()));
    }
    let sets = if p.sets.is_empty() {
        b.l("无", "none")
    } else {
        p.sets.iter().map(|(n, v)| format!("{n}={}", num(*v))).collect::<Vec<_>>().join(", ")
    };
    b.fields(vec![
        (b.l("greenlca 版本", "greenlca version"), p.greenlca_version.clone()),
        (b.l("报告日期", "Date of the report"), p.date.clone()),
        (b.l("方案", "Variant"), p.variant.clone()),
        (b.l("命令行参数值（--set）", "Parameter values set (--set)"), sets),
        (b.l("影响评价方法及版本", "Methods and versions"), p.methods.join(", ")),
        (b.l("无上游过程的输入的处理", "Unlinked inputs"), p.unlinked_policy.clone()),
    ]);
    b.sub("s-reproduce-inputs", "输入文件", "Input files");
    let mut t = Table::new(vec![
        (b.l("角色", "Role"), Col::Text),
        (b.l("文件", "File"), Col::Code),
        ("SHA-256".into(), Col::Code),
    ]);
    for f in &p.inputs {
        t.row(vec![f.role.clone(), f.path.clone(), f.sha256.clone()]);
    }
    b.table(t);
    b.sub("s-reproduce-parameters", "所用参数值", "Parameter values used");
    let mut t = Table::new(vec![
        (b.l("参数", "Parameter"), Col::Code),
        (b.l("数值", "Value"), Col::Num),
        (b.l("单位", "Unit"), Col::Text),
        (b.l("由方案或 --set 改变", "Changed by the variant or --set"), Col::Text),
    ]);
    for q in &p.parameters {
        t.row(vec![
            q.name.clone(),
            q.value.to_string(),
            q.unit.clone().unwrap_or_default(),
            if q.overridden { b.l("是", "yes") } else { String::new() },
        ]);
    }
    b.table(t);
    b.text(
        "本报告的 JSON 版本（report.json）包含上述全部数值，可供程序核对。",
        "The JSON version of this report (report.json) holds every number above for programs to check.",
    );
}
