//! Section 5: the main elementary flows of the life cycle, in total and per stage.

use super::context::{Context, share};
use super::types::*;
use crate::analysis::ecodesign::stage_inventory;
use crate::error::Result;

/// At most this many flows are listed; beyond it, the flows that matter least for the categories
/// are left out (and counted).
pub const MAX_FLOWS: usize = 30;

/// Order of compartments in the table: emissions to air, water, soil, then resources.
fn compartment_rank(c: &str) -> usize {
    ["air", "water", "soil", "natural resource"].iter().position(|p| c.starts_with(p)).unwrap_or(4)
}

pub(super) fn section(ctx: &Context<'_>) -> Result<InventorySection> {
    let sys = &ctx.study.system;
    let total = &ctx.result.inventory;
    let stages = ctx.stages();
    let per_stage: Vec<Vec<f64>> = stages
        .iter()
        .map(|s| stage_inventory(ctx.engine, ctx.fg, Some(std::slice::from_ref(s))))
        .collect::<Result<_>>()?;
    // The largest share a flow has of any category's total: how much it matters.
    let c = ctx.engine.lca.c();
    let weight = |f: usize| -> f64 {
        (0..ctx.result.totals.len())
            .map(|k| {
                let cf = c.get(k, f).copied().unwrap_or(0.0);
                share(cf * total[f], ctx.result.totals[k]).map_or(0.0, f64::abs)
            })
            .fold(0.0, f64::max)
    };
    let mut rows: Vec<(usize, f64)> = (0..sys.m())
        .filter(|&f| total[f] != 0.0 || per_stage.iter().any(|g| g[f] != 0.0))
        .map(|f| (f, weight(f)))
        .collect();
    let nonzero = rows.len();
    if rows.len() > MAX_FLOWS {
        rows.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        rows.truncate(MAX_FLOWS);
    }
    rows.sort_by(|a, b| {
        let (fa, fb) = (&sys.flows[a.0], &sys.flows[b.0]);
        compartment_rank(&fa.compartment)
            .cmp(&compartment_rank(&fb.compartment))
            .then_with(|| fa.compartment.cmp(&fb.compartment))
            .then_with(|| fa.name.cmp(&fb.name))
    });
    let flows = rows
        .iter()
        .map(|&(f, _)| {
            let fl = &sys.flows[f];
            InventoryFlow {
                id: fl.id.clone(),
                name: fl.name.clone(),
                name_zh: ctx.flow_zh(&fl.id),
                compartment: fl.compartment.clone(),
                unit: fl.unit.clone(),
                total: total[f],
                stages: stages
                    .iter()
                    .zip(&per_stage)
                    .map(|(s, g)| StageValue { stage: s.id().into(), value: g[f], share: share(g[f], total[f]) })
                    .collect(),
            }
        })
        .collect();
    Ok(InventorySection { flows, omitted: nonzero - rows.len() })
}
