//! The contrib report computed from a study: stages, processes, flows, first tier and tree per
//! category (shared by the command line and the Python package).

use super::calc::RankedSummary;
use super::contrib::{CategoryContributions, ContribReport, TreeNode};
use crate::analysis::{TreeLimits, by_exchange, by_flow, by_process, rank, supply_chain_tree};
use crate::calc::Study;
use crate::error::Result;

/// How much of each listing to keep.
#[derive(Debug, Clone, Copy)]
pub struct ContribOptions {
    /// Items listed per ranking.
    pub top: usize,
    /// Tree cut-off, as a share of the total.
    pub cutoff: f64,
    /// Tree depth.
    pub depth: usize,
}

impl ContribReport {
    /// Contributions of `variant` (with `sets`) for the categories at positions `cats` of the
    /// study's characterization.
    pub fn compute(
        study: &Study,
        variant: &str,
        sets: &[(String, f64)],
        cats: &[usize],
        opts: ContribOptions,
    ) -> Result<ContribReport> {
        let ch = &study.characterization;
        let shared = study.engine()?;
        let fg = study.resolve(variant, sets)?;
        let own = study.engine_for(&fg)?;
        let engine = own.as_ref().unwrap_or(&shared);
        let r = study.assess(engine, &fg)?;
        let limits = TreeLimits { cutoff: opts.cutoff, max_depth: opts.depth, ..TreeLimits::default() };
        let m = &study.inputs.model.product;
        let categories = cats
            .iter()
            .map(|&k| {
                let c = &ch.categories[k];
                let tree = supply_chain_tree(&engine.lca, &engine.intensities, &fg, k, &m.name, limits);
                CategoryContributions {
                    category: c.id.clone(),
                    name: c.name.clone(),
                    unit: c.unit.clone(),
                    total: r.totals[k],
                    stages: r.stages.iter().map(|(s, v)| (s.id().to_string(), v[k])).collect(),
                    processes: RankedSummary::new(
                        &c.id,
                        rank(by_process(&engine.lca, &engine.intensities, &r, k), opts.top),
                    ),
                    flows: RankedSummary::new(&c.id, rank(by_flow(&engine.lca, &r.inventory, k), opts.top)),
                    first_tier: RankedSummary::new(&c.id, rank(by_exchange(&r, k), opts.top)),
                    tree: TreeNode::from(&tree),
                    cutoff: opts.cutoff,
                }
            })
            .collect();
        Ok(ContribReport {
            schema: ContribReport::SCHEMA,
            schema_version: 1,
            greenlca_version: env!("CARGO_PKG_VERSION"),
            product: m.name.clone(),
            functional_unit: m.functional_unit.clone(),
            variant: r.variant.clone(),
            categories,
            linking: Some(crate::matrix::Linking::of(&study.system.links)),
        })
    }
}
