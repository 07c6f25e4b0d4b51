//! The Monte Carlo verdict (`report --mc`): P(pass) per indicator and overall, each quantitative
//! indicator's distribution against its limit, and whether the verdict holds with the confidence a
//! self-declaration needs. (The analytic sensitivity of the uncertainty section is written elsewhere.)

use super::Builder;
use crate::error::Result;
use crate::plot::histogram;
use crate::report::evidence::EvidenceReport;
use crate::report::evidence::document::{Col, Figure, Notice, Table};
use crate::report::evidence::lang::Bi;
use crate::report::evidence::terms::{num, pct};

/// The Monte Carlo verdict subsection, when the report was run with `--mc`.
pub(super) fn monte_carlo(b: &mut Builder, r: &EvidenceReport) -> Result<()> {
    let Some(c) = &r.conformity else { return Ok(()) };
    let Some(u) = &c.verdict.uncertainty else { return Ok(()) };
    b.sub("s-mc-verdict", "符合性的不确定性（蒙特卡罗）", "Uncertainty of the verdict (Monte Carlo)");
    b.text(
        &format!(
            "按模型和背景数据的不确定性抽样 {} 次（种子 {}），每次重新计算全部指标并判定。下表给出各指标符合的概率及其数值的第5、50、95百分位数。",
            u.iterations, u.seed
        ),
        &format!(
            "{} draws (seed {}) of the uncertain model parameters, foreground amounts and background data; every indicator is computed and judged in each draw. The table gives each indicator's probability of passing and the 5th, 50th and 95th percentiles of its value.",
            u.iterations, u.seed
        ),
    );
    let mut t = Table::new(vec![
        (b.l("二级指标", "Indicator"), Col::Text),
        (b.l("单位", "Unit"), Col::Text),
        (b.l("基准值", "Limit"), Col::Num),
        (b.l("第5百分位", "P5"), Col::Num),
        (b.l("中位数", "Median"), Col::Num),
        (b.l("第95百分位", "P95"), Col::Num),
        (b.l("符合概率", "P(pass)"), Col::Num),
    ]);
    let opt = |x: Option<f64>| x.map(num).unwrap_or_else(|| "-".into());
    for (i, m) in c.indicators.iter().zip(&u.indicators) {
        t.row(vec![
            b.cell(Some(&i.zh), &i.en),
            i.unit.clone(),
            i.limit.clone(),
            opt(m.p5),
            opt(m.p50),
            opt(m.p95),
            pct(m.p_pass),
        ]);
    }
    b.table(t);
    let met_central = c.pass;
    let verdict = match (met_central, u.p_all >= u.confidence) {
        (true, true) => Bi::new(
            format!(
                "在中心值下符合；全部指标同时符合的概率为 {}，不低于要求的置信水平 {}。",
                pct(u.p_all),
                pct(u.confidence)
            ),
            format!(
                "Met at the central values; all indicators are met together with probability {}, at least the confidence of {} asked for.",
                pct(u.p_all),
                pct(u.confidence)
            ),
        ),
        (true, false) => Bi::new(
            format!(
                "在中心值下符合，但全部指标同时符合的概率仅为 {}，低于要求的置信水平 {}：不能认为在不确定性下符合。",
                pct(u.p_all),
                pct(u.confidence)
            ),
            format!(
                "Met at the central values, but all indicators are met together with probability {} only, below the confidence of {} asked for: conformity is not shown under uncertainty.",
                pct(u.p_all),
                pct(u.confidence)
            ),
        ),
        (false, _) => Bi::new(
            format!("在中心值下不符合；全部指标同时符合的概率为 {}。", pct(u.p_all)),
            format!(
                "Not met at the central values; all indicators are met together with probability {}.",
                pct(u.p_all)
            ),
        ),
    };
    b.notice(if met_central && u.p_all >= u.confidence { Notice::Pass } else { Notice::Fail }, &verdict);
    for (i, m) in c.indicators.iter().zip(&u.indicators) {
        let Some(limit) = i.limit_value else { continue };
        let values: Vec<f64> = m.values.iter().copied().filter(|x| x.is_finite()).collect();
        // A quantity that does not vary has no distribution to draw.
        let spread = values.iter().cloned().fold(f64::NEG_INFINITY, f64::max)
            - values.iter().cloned().fold(f64::INFINITY, f64::min);
        if values.len() < 2 || spread <= 0.0 || i.operator == "yes" {
            continue;
        }
        let name = b.lang.pick(&i.zh, &i.en);
        let title = format!("{name}\n{} {}", b.l("符合概率", "P(pass)"), pct(m.p_pass));
        let x = format!("{} [{}]", name, i.unit);
        let bytes = histogram(&title, &x, &values, 0, Some((b.l("基准值", "limit"), limit)), &b.lang.chart_options())?;
        b.figure(Figure {
            id: format!("fig-mc-{}", i.id),
            file: format!("charts/mc_{}.svg", i.id),
            caption: b.l(&format!("{name}的抽样分布与基准值"), &format!("Distribution of {name} against its limit")),
            svg: String::from_utf8(bytes).unwrap_or_default(),
        });
    }
    Ok(())
}
