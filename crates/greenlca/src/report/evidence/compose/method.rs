//! Sections 8 to 10: allocation (foreground and background), cut-off rules, assumptions and
//! limitations.

use super::Builder;
use super::study::{pick_list, pick_text};
use crate::report::evidence::EvidenceReport;
use crate::report::evidence::document::{Col, Span, Table};

/// Section 8.
pub(super) fn allocation(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-allocation");
    let a = &r.evaluation.allocation;
    b.text(
        "分配依照 GB/T 24044-2008 第4.3.4条的顺序：尽量避免分配（细分过程或扩展系统），其次按物理关系分配，最后按经济价值等其他关系分配。",
        "Allocation follows the order of GB/T 24044-2008 clause 4.3.4: avoid it where possible (subdivision or system expansion), else allocate by physical relationships, else by other relationships such as economic value.",
    );
    if a.avoided.is_empty() {
        b.text("产品模型中没有以替代法处理的回收利用。", "The product model credits no recycling by substitution.");
    } else {
        b.text(
            &format!(
                "产品废弃处置阶段的回收利用以系统扩展（替代法）处理，不作分配：回收材料替代的原生材料的负荷以负值计入（共{}项：{}）。",
                a.avoided.len(),
                a.avoided.join("、")
            ),
            &format!(
                "Recycling at the product's end of life is handled by system expansion (substitution), without allocation: the burden of the primary material replaced is credited as a negative value ({} items: {}).",
                a.avoided.len(),
                a.avoided.join(", ")
            ),
        );
    }
    if a.background.is_empty() {
        b.text(
            &format!("所用的{}个背景过程均为单一产品过程，背景数据中没有分配。", a.processes_used),
            &format!(
                "The {} background processes used all have a single product; there is no allocation in the background.",
                a.processes_used
            ),
        );
        return;
    }
    b.text(
        &format!("所用的{}个背景过程中，以下过程在联产品之间分配负荷：", a.processes_used),
        &format!(
            "Of the {} background processes used, these allocate their burdens among co-products:",
            a.processes_used
        ),
    );
    let mut t = Table::new(vec![
        (b.l("背景过程", "Background process"), Col::Text),
        (b.l("分配方法", "Method"), Col::Text),
        (b.l("分配系数", "Factors"), Col::Text),
    ]);
    for p in &a.background {
        let method = match p.method.as_str() {
            "physical" => b.l("物理分配", "physical"),
            "economic" => b.l("经济分配", "economic"),
            "causal" => b.l("因果分配", "causal"),
            other => other.to_string(),
        };
        let factors = p.factors.iter().map(|(f, x)| format!("{f}: {x}")).collect::<Vec<_>>().join("; ");
        t.row(vec![b.cell(p.name_zh.as_deref(), &p.name), method, factors]);
    }
    b.table(t);
}

/// Section 9.
pub(super) fn cutoff(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-cutoff");
    let bd = &r.boundary;
    b.text(
        "GB/T 32161-2015 要求说明取舍准则；被舍去的物料和能源应不影响评价结论。本产品模型的取舍如下：",
        "GB/T 32161-2015 asks for the cut-off rules; what is left out must not change the conclusion. The product model's cut-off:",
    );
    let text = pick_text(b.lang, bd.cutoff_zh.as_deref(), bd.cutoff.as_deref())
        .unwrap_or_else(|| b.l("（模型未给出）", "(not given in the model)"));
    b.para(vec![Span::plain(text)]);
    if r.data_quality.unlinked_inputs > 0 {
        b.text(
            &format!("另有{}个背景产品输入没有对应的上游过程，按链接规则截断。", r.data_quality.unlinked_inputs),
            &format!(
                "{} further background product inputs have no upstream process and are cut off by the linking policy.",
                r.data_quality.unlinked_inputs
            ),
        );
    }
}

/// Section 10.
pub(super) fn assumptions(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-assumptions");
    let i = &r.data_quality.indicative;
    let bd = &r.boundary;
    b.sub("s-assumptions-list", "假设", "Assumptions");
    let (ex, pa) = (&i.assumed_exchanges, &i.assumed_parameters);
    if ex.is_empty() && pa.is_empty() {
        b.text("产品模型中没有标为假设的数据。", "The product model marks no data as an assumption.");
    } else {
        b.text(
            &format!(
                "以下数据为评价者的假设，而非测量或发表的数值：输入输出{}；参数{}。",
                if ex.is_empty() { "无".into() } else { ex.join("、") },
                if pa.is_empty() { "无".into() } else { pa.join("、") }
            ),
            &format!(
                "These data are assumptions of the assessor, not measured or published values: inputs and outputs {}; parameters {}.",
                if ex.is_empty() { "none".into() } else { ex.join(", ") },
                if pa.is_empty() { "none".into() } else { pa.join(", ") }
            ),
        );
    }
    if let Some(dq) = pick_text(b.lang, bd.data_quality_zh.as_deref(), bd.data_quality.as_deref()) {
        b.para(vec![Span::strong(b.l("模型的数据质量说明", "Data-quality statement of the model"))]);
        b.para(vec![Span::plain(dq)]);
    }
    b.sub("s-assumptions-limitations", "局限性", "Limitations");
    let proxies = r.evaluation.data.iter().filter(|d| d.proxy).count();
    let mut items = vec![crate::report::evidence::lang::Bi::new(
        format!(
            "背景数据中有{}个过程为估算数据（共用到{}个），其结果只适合筛选比较，不宜用于对外声明。",
            i.processes_indicative, i.processes_used
        ),
        format!(
            "{} of the {} background processes used are estimated data; the results suit screening comparisons, not public claims.",
            i.processes_indicative, i.processes_used
        ),
    )];
    if proxies > 0 {
        items.push(crate::report::evidence::lang::Bi::new(
            format!("{proxies}项输入输出以替代数据代表实际的材料或过程。"),
            format!("{proxies} inputs or outputs are represented by proxy data for the real material or process."),
        ));
    }
    let excluded = pick_list(b.lang, &bd.excluded_zh, &bd.excluded).len();
    if excluded > 0 {
        items.push(crate::report::evidence::lang::Bi::new(
            format!("系统边界排除了{excluded}类过程（见第6章），其影响未定量评估。"),
            format!("The boundary leaves out {excluded} kinds of process (section 6); their impact is not quantified."),
        ));
    }
    if !r.data_quality.unmatched_flows.is_empty() {
        items.push(crate::report::evidence::lang::Bi::new(
            format!("{}个基本流没有特征化因子，未计入任何影响类别。", r.data_quality.unmatched_flows.len()),
            format!(
                "{} elementary flows have no characterisation factor and count in no category.",
                r.data_quality.unmatched_flows.len()
            ),
        ));
    }
    items.push(crate::report::evidence::lang::Bi::new(
        "结果只针对所列的影响类别；未评价的环境问题不能由本报告推断。",
        "The results cover the impact categories listed only; environmental issues not assessed cannot be inferred from this report.",
    ));
    let refs: Vec<&crate::report::evidence::lang::Bi> = items.iter().collect();
    b.bi_list(&refs);
}
