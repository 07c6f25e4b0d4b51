//! Sections 12 and 13: impact results per stage and category, contributions and key issues.

use std::collections::BTreeMap;

use super::Builder;
use crate::error::Result;
use crate::report::contrib::TreeNode;
use crate::report::evidence::charts;
use crate::report::evidence::document::{Col, RowClass, Span, Table};
use crate::report::evidence::terms::{num, num_in, pct, pct_opt, stage};
use crate::report::evidence::{CategoryImpact, ContribListing, EvidenceReport};

fn cat_name(b: &Builder, c: &CategoryImpact) -> String {
    b.lang.name(c.name_zh.as_deref(), &c.name)
}

/// Section 12.
pub(super) fn impacts(b: &mut Builder, r: &EvidenceReport) -> Result<()> {
    b.section_id("s-impacts");
    let imp = &r.impacts;
    b.text(
        "各影响类别的生命周期合计及各阶段的贡献（按功能单位计）。回收抵扣（避免的产品）以负值计入废弃处置阶段；各阶段之和等于合计。",
        "Life-cycle totals per impact category and the contribution of each stage (per functional unit). Recycling credits (avoided products) are negative values in the end-of-life stage; the stages add up to the total.",
    );
    let stage_cols = |b: &Builder, first: Vec<(String, Col)>| {
        let mut cols = first;
        for s in &imp.stages {
            let (zh, en) = stage(&r.stage_scheme, s);
            cols.push((b.l(zh, en), Col::Num));
        }
        cols
    };
    let mut t = Table::new(stage_cols(
        b,
        vec![
            (b.l("影响类别", "Impact category"), Col::Text),
            (b.l("单位", "Unit"), Col::Text),
            (b.l("合计", "Total"), Col::Num),
        ],
    ));
    for c in &imp.categories {
        let scale = c.stages.iter().map(|s| s.value.abs()).fold(c.total.abs(), f64::max);
        let mut row = vec![cat_name(b, c), c.unit.clone(), num_in(c.total, scale)];
        row.extend(c.stages.iter().map(|s| num_in(s.value, scale)));
        t.row(row);
    }
    b.table(t);
    b.para(vec![Span::strong(b.l("各阶段占合计的比例", "Share of each stage in the total"))]);
    let mut t = Table::new(stage_cols(b, vec![(b.l("影响类别", "Impact category"), Col::Text)]));
    for c in &imp.categories {
        let mut row = vec![cat_name(b, c)];
        row.extend(c.stages.iter().map(|s| pct_opt(s.share)));
        t.row(row);
    }
    b.table(t);
    b.figure(charts::share_chart(r, b.lang)?);
    for f in charts::stage_charts(r, b.lang)? {
        b.figure(f);
    }
    Ok(())
}

fn listing_table(b: &Builder, l: &ContribListing, name_header: String, flag_indicative: bool) -> Table {
    let mut cols = vec![(name_header, Col::Text), (b.l("数值", "Value"), Col::Num), (b.l("占比", "Share"), Col::Num)];
    if flag_indicative {
        cols.push((b.l("估算数据", "Indicative"), Col::Text));
    }
    let mut t = Table::new(cols);
    let yes = b.l("是", "yes");
    let scale = l.items.iter().map(|i| i.value.abs()).fold(l.total.abs(), f64::max);
    for i in &l.items {
        let mut row = vec![b.cell(i.name_zh.as_deref(), &i.name), num_in(i.value, scale), pct_opt(i.share)];
        if flag_indicative {
            row.push(if i.indicative { yes.clone() } else { String::new() });
        }
        t.row(row);
    }
    let pad = usize::from(flag_indicative);
    if l.rest_count > 0 {
        let mut row = vec![
            b.l(&format!("其余{}项", l.rest_count), &format!("the other {}", l.rest_count)),
            num_in(l.rest, scale),
            pct_opt((l.total != 0.0).then(|| l.rest / l.total)),
        ];
        row.extend(std::iter::repeat_n(String::new(), pad));
        t.row(row);
    }
    let mut row = vec![b.l("合计", "Total"), num(l.total), String::new()];
    row.extend(std::iter::repeat_n(String::new(), pad));
    t.row_with(row, RowClass::Total);
    t
}

fn tree_rows(b: &Builder, names_zh: &BTreeMap<String, String>, n: &TreeNode, depth: usize, root: f64, t: &mut Table) {
    let indent = "\u{3000}".repeat(depth);
    let amount = if depth == 0 { String::new() } else { format!("{} {}", num(n.amount), n.unit) };
    let name = b.l(names_zh.get(&n.id).unwrap_or(&n.name), &n.name);
    t.row(vec![format!("{indent}{name}"), amount, num(n.total), pct_opt((root != 0.0).then(|| n.total / root))]);
    for c in &n.children {
        tree_rows(b, names_zh, c, depth + 1, root, t);
    }
    if n.rest_count > 0 {
        t.row(vec![
            format!(
                "{}{}",
                "\u{3000}".repeat(depth + 1),
                b.l(
                    &format!("（低于取舍线的{}项输入）", n.rest_count),
                    &format!("({} inputs below the cut-off)", n.rest_count)
                )
            ),
            String::new(),
            num(n.rest),
            pct_opt((root != 0.0).then(|| n.rest / root)),
        ]);
    }
}

/// Section 13.
pub(super) fn contributions(b: &mut Builder, r: &EvidenceReport) -> Result<()> {
    b.section_id("s-contributions");
    let con = &r.contributions;
    let hs = pct(con.hotspot_share);
    b.text(
        &format!(
            "每个影响类别列出贡献最大的{}个过程（过程自身的排放）、基本流和第一层级输入输出（产品的输入输出及其完整的上游供应链），其余项合计列出。占类别合计{hs}及以上的阶段、输入输出或过程视为热点（关键问题）。",
            con.top
        ),
        &format!(
            "For each impact category, the {} largest processes (by their own emissions), elementary flows and first-tier exchanges (the product's foreground exchanges with their whole upstream supply chains) are listed, the rest summed. A stage, exchange or process with at least {hs} of a category's total is a hotspot (key issue).",
            con.top
        ),
    );
    for (cc, c) in con.categories.iter().zip(&r.impacts.categories) {
        let heading = format!("{} [{}]", cat_name(b, c), c.unit);
        b.sub(&format!("s-contributions-{}", c.id), &heading, &heading);
        let hot: Vec<String> = cc
            .hotspots
            .iter()
            .map(|h| {
                let (kind_zh, kind_en) = match h.kind.as_str() {
                    "stage" => ("阶段", "stage"),
                    "exchange" => ("输入输出", "exchange"),
                    _ => ("过程", "process"),
                };
                let name = if h.kind == "stage" {
                    let (zh, en) = stage(&r.stage_scheme, &h.id);
                    b.l(zh, en)
                } else {
                    b.lang.name(h.name_zh.as_deref(), &h.name)
                };
                let ind =
                    if h.indicative { format!("; {}", b.l("估算数据", "indicative data")) } else { String::new() };
                format!("{} {name}: {} ({}{ind})", b.l(kind_zh, kind_en), num(h.value), pct(h.share))
            })
            .collect();
        b.para(vec![Span::strong(b.l("热点", "Hotspots"))]);
        if hot.is_empty() {
            b.text(&format!("没有占比达到{hs}的单项。"), &format!("No single item reaches {hs}."));
        } else {
            b.list(hot);
        }
        b.para(vec![Span::strong(
            b.l("第一层级输入输出（含上游供应链）", "First-tier exchanges (with their upstream supply chains)"),
        )]);
        b.table(listing_table(b, &cc.first_tier, b.l("输入输出", "Exchange"), true));
        b.para(vec![Span::strong(b.l("过程（自身排放）", "Processes (own emissions)"))]);
        b.table(listing_table(b, &cc.processes, b.l("过程", "Process"), true));
        b.para(vec![Span::strong(b.l("基本流", "Elementary flows"))]);
        b.table(listing_table(b, &cc.flows, b.l("基本流", "Elementary flow"), false));
    }
    if let Some(f) = charts::first_tier_chart(r, b.lang)? {
        b.figure(f);
    }
    let cat = r.impacts.categories.iter().find(|c| c.id == con.tree_category);
    let (cname, unit) = cat.map(|c| (cat_name(b, c), c.unit.clone())).unwrap_or_default();
    let heading = format!("{}: {cname}", b.l("供应链树", "Supply-chain tree"));
    b.sub("s-contributions-tree", &heading, &heading);
    b.text(
        &format!(
            "从产品出发逐层展开的供应链，每个节点为其数量的从摇篮到大门的影响（{unit}）；低于合计{}的输入合并列出。",
            pct(con.tree_cutoff)
        ),
        &format!(
            "The supply chain expanded from the product, each node with the cradle-to-gate impact of its amount ({unit}); inputs below {} of the total are summed.",
            pct(con.tree_cutoff)
        ),
    );
    let mut t = Table::new(vec![
        (b.l("过程", "Process"), Col::Text),
        (b.l("数量", "Amount"), Col::Num),
        (b.l("影响", "Impact"), Col::Num),
        (b.l("占比", "Share"), Col::Num),
    ]);
    tree_rows(b, &con.tree_names_zh, &con.tree, 0, con.tree.total, &mut t);
    b.table(t);
    Ok(())
}
