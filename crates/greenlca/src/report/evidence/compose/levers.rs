//! Section 16, first part: the improvement potential of the parameters the designer controls
//! (the evidence file's `[design] levers`), each run over its range in the model.

use super::Builder;
use crate::report::evidence::EvidenceReport;
use crate::report::evidence::document::{Col, Table};
use crate::report::evidence::terms::{declared, num, unit};

pub(super) fn levers(b: &mut Builder, r: &EvidenceReport) {
    b.sub("s-improvement-levers", "设计可控参数的改进潜力", "Improvement potential of the design levers");
    let e = &r.evaluation;
    if e.levers.is_empty() {
        b.text(
            "证据文件未列出设计者可控的参数（[design] levers），因此没有按设计参数计算的改进潜力。",
            "The evidence file names no parameters the designer controls ([design] levers), so no improvement potential by design parameter is computed.",
        );
        return;
    }
    let Some(c) = r.impacts.categories.first() else { return };
    let name = b.lang.name(c.name_zh.as_deref(), &c.name);
    b.text(
        &format!(
            "只考虑设计者可控的参数（电网、用户习惯等不可控因素不计）。每个参数在模型给出的范围内取两端，其余参数不变，得到{name}的变化；“最佳值”为结果较低的一端。"
        ),
        &format!(
            "Only the parameters the designer controls are considered (the grid, the user's habits and other factors outside the design are not). Each is set to both ends of its range in the model, the others unchanged, giving the change of {name}; the best end is the one with the lower result."
        ),
    );
    let mut t = Table::new(vec![
        (b.l("参数", "Parameter"), Col::Code),
        (b.l("当前值", "Value"), Col::Num),
        (b.l("范围", "Range"), Col::Num),
        (b.l("最佳值", "Best end"), Col::Num),
        (format!("{name} [{}]", c.unit), Col::Num),
        (b.l("改进潜力", "Potential"), Col::Num),
    ]);
    let total = c.total;
    let mut rows: Vec<(f64, Vec<String>)> = e
        .levers
        .iter()
        .map(|l| {
            let (best, at) = if l.at_low[0] <= l.at_high[0] { (l.low, l.at_low[0]) } else { (l.high, l.at_high[0]) };
            let u = l.unit.as_deref().map(|u| format!(" {}", unit(b.lang, u))).unwrap_or_default();
            let change = at - total;
            let rel = if total != 0.0 { format!(" ({:+.1}%)", change / total.abs() * 100.0) } else { String::new() };
            (
                change,
                vec![
                    l.parameter.clone(),
                    format!("{}{u}", declared(l.value)),
                    format!("{} – {}", declared(l.low), declared(l.high)),
                    declared(best),
                    num(at),
                    format!("{}{rel}", num(change)),
                ],
            )
        })
        .collect();
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    for (_, row) in rows {
        t.row(row);
    }
    b.table(t);
    if !e.levers_skipped.is_empty() {
        b.text(
            &format!("以下参数没有取值范围或由公式计算，未计算：{}。", e.levers_skipped.join("、")),
            &format!("These levers have no range or are formulas and were not run: {}.", e.levers_skipped.join(", ")),
        );
    }
}
