//! Results of a product model variant: totals, per stage, per foreground exchange.

use super::lca::{Intensities, Lca};
use crate::error::Result;
use crate::matrix::foreground::{Foreground, Target};
use crate::model::{ForegroundKind, Stage, StageScheme};

/// The contribution of one foreground exchange.
#[derive(Debug, Clone, PartialEq)]
pub struct ExchangeResult {
    /// Exchange id.
    pub id: String,
    pub label: Option<String>,
    pub stage: Stage,
    pub kind: ForegroundKind,
    /// Provider column id or elementary flow id.
    pub target: String,
    /// Provider or flow name.
    pub target_name: String,
    /// Amount in the model's unit.
    pub amount: f64,
    pub unit: String,
    /// Contribution per category (the upstream total of an input, the characterized direct flow).
    pub values: Vec<f64>,
}

/// The results of one variant.
#[derive(Debug, Clone, PartialEq)]
pub struct ProductResult {
    /// Variant id.
    pub variant: String,
    pub variant_name: String,
    /// Totals per category, h = C (B s + direct flows).
    pub totals: Vec<f64>,
    /// Per stage (those with exchanges, in life-cycle order), values per category.
    pub stages: Vec<(Stage, Vec<f64>)>,
    /// Per foreground exchange.
    pub exchanges: Vec<ExchangeResult>,
    /// Scaling of the background processes.
    pub supply: Vec<f64>,
    /// Life-cycle inventory including the product's direct flows.
    pub inventory: Vec<f64>,
    /// The product's own direct flows (rows of B).
    pub direct_flows: Vec<f64>,
    /// Model parameter values used (after the variant's and any extra overrides).
    pub parameters: Vec<(String, f64)>,
    /// The model's stages, absent ones included (reports list them all).
    pub stage_scheme: StageScheme,
}

impl ProductResult {
    /// The values of one stage, zeros when the stage has no exchanges.
    pub fn stage(&self, stage: Stage) -> Vec<f64> {
        self.stages.iter().find(|(s, _)| *s == stage).map_or_else(|| vec![0.0; self.totals.len()], |(_, v)| v.clone())
    }
}

/// Assesses one resolved variant with a factorized background and its intensities.
pub fn assess(lca: &Lca, intensities: &Intensities, fg: &Foreground) -> Result<ProductResult> {
    let system = lca.system();
    let k = lca.characterization().k();
    let demand = fg.demand(system.n());
    let direct_flows = fg.direct_flows(system.m());
    let lci = lca.lci(&demand)?;
    let mut inventory = lci.inventory;
    for (g, d) in inventory.iter_mut().zip(&direct_flows) {
        *g += d;
    }
    let totals = lca.scores(&inventory);
    let c = lca.c();
    let mut exchanges = Vec::with_capacity(fg.entries.len());
    for e in &fg.entries {
        let (values, target, target_name) = match e.target {
            Target::Column(col) => (
                (0..k).map(|cat| -e.value * intensities.total[cat][col]).collect(),
                system.columns[col].id.clone(),
                system.columns[col].name.clone(),
            ),
            Target::Flow(f) => (
                (0..k).map(|cat| e.value * c.get(cat, f).copied().unwrap_or(0.0)).collect(),
                system.flows[f].id.clone(),
                system.flows[f].name.clone(),
            ),
        };
        exchanges.push(ExchangeResult {
            id: e.id.clone(),
            label: e.label.clone(),
            stage: e.stage,
            kind: e.kind,
            target,
            target_name,
            amount: e.amount,
            unit: e.unit.clone(),
            values,
        });
    }
    let stages = fg
        .stages()
        .into_iter()
        .map(|s| {
            let mut v = vec![0.0; k];
            for x in exchanges.iter().filter(|x| x.stage == s) {
                for (acc, val) in v.iter_mut().zip(&x.values) {
                    *acc += val;
                }
            }
            (s, v)
        })
        .collect();
    Ok(ProductResult {
        variant: fg.variant.clone(),
        variant_name: fg.variant_name.clone(),
        totals,
        stages,
        exchanges,
        supply: lci.supply,
        inventory,
        direct_flows,
        parameters: fg.parameters.clone(),
        stage_scheme: fg.stage_scheme.clone(),
    })
}
