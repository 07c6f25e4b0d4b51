//! Section 7: contributions by process, elementary flow and first-tier exchange, the hotspots, and
//! the supply-chain tree of the first category.

use super::context::{Context, share};
use super::terms::compartment_zh;
use super::types::*;
use super::{HOTSPOT_SHARE, ImpactSection};
use crate::analysis::contribution::{FOREGROUND_ID, Ranked, by_exchange, by_flow, by_process, rank};
use crate::analysis::tree::{TreeLimits, supply_chain_tree};
use crate::model::ForegroundKind;
use crate::report::contrib::TreeNode;

/// Cut-off of the supply-chain tree, as a share of the total.
pub const TREE_CUTOFF: f64 = 0.05;

fn listing(r: Ranked, info: &dyn Fn(&str) -> (Option<String>, bool)) -> ContribListing {
    ContribListing {
        items: r
            .items
            .into_iter()
            .map(|i| {
                let (name_zh, indicative) = info(&i.id);
                ContribItem { id: i.id, name: i.name, name_zh, value: i.value, share: i.share, indicative }
            })
            .collect(),
        rest: r.rest,
        rest_count: r.rest_count,
        total: r.total,
    }
}

/// Items of a full listing whose share reaches the hotspot threshold.
fn hotspots_of(
    kind: &str,
    all: &[(String, String, f64)],
    total: f64,
    info: &dyn Fn(&str) -> (Option<String>, bool),
) -> Vec<Hotspot> {
    let mut hs: Vec<Hotspot> = all
        .iter()
        .filter_map(|(id, name, v)| {
            let s = share(*v, total)?;
            (s.abs() >= HOTSPOT_SHARE).then(|| {
                let (name_zh, indicative) = info(id);
                Hotspot {
                    kind: kind.into(),
                    id: id.clone(),
                    name: name.clone(),
                    name_zh,
                    value: *v,
                    share: s,
                    indicative,
                }
            })
        })
        .collect();
    hs.sort_by(|a, b| b.share.abs().total_cmp(&a.share.abs()).then_with(|| a.id.cmp(&b.id)));
    hs
}

pub(super) fn section(ctx: &Context<'_>, impacts: &ImpactSection) -> ContributionSection {
    let (lca, intensities, r) = (&ctx.engine.lca, &ctx.engine.intensities, ctx.result);
    let sys = &ctx.study.system;
    let process_info = |id: &str| -> (Option<String>, bool) {
        if id == FOREGROUND_ID {
            return (Some("产品直接排放".into()), false);
        }
        (ctx.process_zh(id), ctx.process_indicative(id))
    };
    let flow_info = |id: &str| -> (Option<String>, bool) {
        let zh = ctx.flow_zh(id).map(|z| match sys.flow_index.get(id) {
            Some(f) if !sys.flows[f].compartment.is_empty() => {
                format!("{z}（{}）", compartment_zh(&sys.flows[f].compartment))
            }
            _ => z,
        });
        (zh, false)
    };
    // The exchange's label is the model's (English); in Chinese it is named by what it draws on,
    // and by its stage too where two exchanges draw on the same process or flow.
    let target_zh = |e: &crate::calc::ExchangeResult| match e.kind {
        ForegroundKind::Elementary => ctx.flow_zh(&e.target),
        _ => ctx.process_zh(&e.target),
    };
    let mut seen = std::collections::HashMap::new();
    for z in r.exchanges.iter().filter_map(target_zh) {
        *seen.entry(z).or_insert(0) += 1;
    }
    let scheme = &ctx.study.inputs.model.stage_scheme;
    let exchange_info = |id: &str| -> (Option<String>, bool) {
        let e = r.exchanges.iter().find(|e| e.id == id);
        let indicative = e.is_some_and(|e| e.kind != ForegroundKind::Elementary && ctx.process_indicative(&e.target));
        let zh = e.and_then(|e| {
            target_zh(e).map(|z| {
                if seen.get(&z).is_some_and(|n| *n > 1) {
                    format!("{z}（{}）", super::terms::stage(scheme, e.stage.id()).0)
                } else {
                    z
                }
            })
        });
        (zh, indicative)
    };
    let categories = impacts
        .categories
        .iter()
        .enumerate()
        .map(|(k, c)| {
            let processes = by_process(lca, intensities, r, k);
            let exchanges = by_exchange(r, k);
            let stages: Vec<(String, String, f64)> =
                c.stages.iter().map(|s| (s.stage.clone(), s.stage.clone(), s.value)).collect();
            let mut hotspots = hotspots_of("stage", &stages, c.total, &|_| (None, false));
            hotspots.truncate(1);
            hotspots.extend(hotspots_of("exchange", &exchanges, c.total, &exchange_info));
            hotspots.extend(hotspots_of("process", &processes, c.total, &process_info));
            CategoryContributions {
                category: c.id.clone(),
                processes: listing(rank(processes, ctx.options.top), &process_info),
                flows: listing(rank(by_flow(lca, &r.inventory, k), ctx.options.top), &flow_info),
                first_tier: listing(rank(exchanges, ctx.options.top), &exchange_info),
                hotspots,
            }
        })
        .collect();
    let limits = TreeLimits { cutoff: TREE_CUTOFF, max_depth: 4, max_nodes: 60 };
    let tree = supply_chain_tree(lca, intensities, ctx.fg, 0, &ctx.study.inputs.model.product.name, limits);
    let tree = TreeNode::from(&tree);
    let mut tree_names_zh = std::collections::BTreeMap::new();
    let mut stack = vec![&tree];
    while let Some(n) = stack.pop() {
        let zh =
            if std::ptr::eq(n, &tree) { ctx.study.inputs.model.product.name_zh.clone() } else { ctx.process_zh(&n.id) };
        if let Some(zh) = zh {
            tree_names_zh.insert(n.id.clone(), zh);
        }
        stack.extend(n.children.iter());
    }
    ContributionSection {
        top: ctx.options.top,
        hotspot_share: HOTSPOT_SHARE,
        categories,
        tree_category: impacts.categories[0].id.clone(),
        tree_cutoff: TREE_CUTOFF,
        tree,
        tree_names_zh,
    }
}
