//! Section 14, analytic part: the largest contributors to the variance of each category result
//! (Heijungs 2010; analysis::sensitivity). The Monte Carlo summary joins this section.

use super::Builder;
use crate::report::evidence::EvidenceReport;
use crate::report::evidence::document::{Col, Table};
use crate::report::evidence::terms::{num, pct};

/// Categories shown (the JSON holds every one).
const SHOWN: usize = 2;

pub(super) fn sensitivity(b: &mut Builder, r: &EvidenceReport) {
    b.section_id("s-uncertainty");
    b.sub("s-uncertainty-sensitivity", "敏感性分析：方差的主要来源", "Sensitivity: largest contributors to variance");
    b.text(
        "一阶（局部）敏感性分析：每个有不确定度分布的输入（数据库和产品的输入输出用解析灵敏度系数，Heijungs 2010；模型参数用中心差分）对结果一阶方差的贡献，以及弹性系数（输入变化1%时结果变化的百分数）。",
        "First-order (local) sensitivity: each input with an uncertainty distribution (analytic coefficients for the inputs and outputs of the database and the product, Heijungs 2010; central differences for the model's parameters), its share of the first-order variance of the result, and its elasticity (the percent change of the result for a 1 % change of the input).",
    );
    for (s, c) in r.evaluation.sensitivity.iter().zip(&r.impacts.categories).take(SHOWN) {
        let name = b.lang.name(c.name_zh.as_deref(), &c.name);
        b.sub(
            &format!("s-uncertainty-{}", s.category),
            &format!("{name} [{}]", c.unit),
            &format!("{name} [{}]", c.unit),
        );
        if s.contributors.is_empty() {
            b.text(
                "没有带不确定度分布的输入影响此结果。",
                "No input with an uncertainty distribution affects this result.",
            );
            continue;
        }
        let sd = s.variance.sqrt();
        b.text(
            &format!(
                "{}个带分布的输入给出的标准差约为{} {}（合计的{}）。",
                s.inputs_with_distribution,
                num(sd),
                c.unit,
                if c.total != 0.0 { pct(sd / c.total.abs()) } else { "-".into() }
            ),
            &format!(
                "The {} inputs with a distribution give a standard deviation of about {} {} ({} of the total).",
                s.inputs_with_distribution,
                num(sd),
                c.unit,
                if c.total != 0.0 { pct(sd / c.total.abs()) } else { "-".into() }
            ),
        );
        let mut t = Table::new(vec![
            (b.l("输入", "Input"), Col::Text),
            (b.l("弹性系数", "Elasticity"), Col::Num),
            (b.l("方差占比", "Share of variance"), Col::Num),
        ]);
        for x in &s.contributors {
            t.row(vec![b.cell(Some(&x.label_zh), &x.label), num(x.elasticity), pct(x.variance_share)]);
        }
        b.table(t);
    }
}
