//! Sections 18 and 19: the third-party evaluation block with blanks to fill in by hand, and the
//! list of attachments.

use super::Builder;
use crate::report::evidence::EvidenceReport;
use crate::report::evidence::document::{Block, Col, Table};

/// Section 18.
pub(super) fn third_party(b: &mut Builder, _r: &EvidenceReport) {
    b.section_id("s-third-party");
    b.text(
        "由第三方评价机构填写。评价机构依据 GB/T 32161-2015 和所列评价规范核查本报告的数据、计算和结论，并对评价结论负责。",
        "To be filled in by the third-party evaluation body, which checks the data, calculations and conclusions of this report against GB/T 32161-2015 and the specification, and is responsible for its verdict.",
    );
    b.blocks.push(Block::Signature(vec![
        b.l("评价机构名称", "Evaluation body"),
        b.l("评价机构资质（证书编号）", "Accreditation (certificate number)"),
        b.l("评价人员（签字）", "Evaluator (signature)"),
        b.l("审核人（签字）", "Reviewer (signature)"),
        b.l("评价结论", "Verdict of the evaluation body"),
    ]));
    b.text(
        "承诺：本机构及评价人员与申请单位无利益关系，评价过程客观、公正，对评价结论的真实性负责。",
        "Undertaking: the body and its evaluators have no interest in the applicant; the evaluation was objective and impartial, and the body answers for the truth of its verdict.",
    );
    b.blocks.push(Block::Signature(vec![b.l("评价机构（盖章）", "Evaluation body (seal)"), b.l("日期", "Date")]));
}

/// Section 19.
pub(super) fn attachments(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-attachments");
    b.text(
        "本报告附带或引用的文件。申请单位提交证明材料时按此清单编号。",
        "Files that come with or are cited by this report; the applicant numbers its supporting documents by this list.",
    );
    let mut t = Table::new(vec![
        (b.l("序号", "No."), Col::Num),
        (b.l("附件", "Attachment"), Col::Text),
        (b.l("说明", "What it is"), Col::Text),
    ]);
    let mut n = 0;
    let mut add = |t: &mut Table, what: String, note: String| {
        n += 1;
        t.row(vec![n.to_string(), what, note]);
    };
    add(
        &mut t,
        "report.json".into(),
        b.l("本报告全部数值（机器可读）", "every number of this report, machine-readable"),
    );
    add(&mut t, "charts/*.svg".into(), b.l("本报告的图", "the charts of this report"));
    for f in &r.reproduction.inputs {
        let role = match f.role.as_str() {
            "model" => b.l("产品模型", "product model"),
            "database" => b.l("背景数据库", "background database"),
            "method" => b.l("影响评价方法", "impact assessment method"),
            "spec" => b.l("评价规范", "specification"),
            "evidence" => b.l("证据文件（申报值、基本要求）", "evidence file (declared values, basic requirements)"),
            other => other.to_string(),
        };
        add(&mut t, f.path.clone(), role);
    }
    if let Some(c) = &r.conformity {
        for q in &c.requirements {
            if let Some(e) = &q.evidence {
                let what = b.cell(q.evidence_zh.as_deref(), e);
                add(&mut t, what, format!("{} {}", b.l("基本要求", "basic requirement"), q.id));
            }
        }
        for i in &c.indicators {
            if let Some(e) = &i.evidence {
                let what = b.cell(i.evidence_zh.as_deref(), e);
                add(&mut t, what, format!("{} {}", b.l("申报值", "declared value"), i.id));
            }
        }
    }
    b.table(t);
}
