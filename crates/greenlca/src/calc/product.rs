//! Results of a product model variant: totals, per stage, per foreground exchange.

use super::lca::{Intensities, Lca};
use crate::error::{Error, ErrorKind, Location, Result};
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
    /// Providers relinked throughout the supply chain, with how many exchanges each changed.
    pub relinked: Vec<RelinkCount>,
    /// The model's stages, absent ones included (reports list them all).
    pub stage_scheme: StageScheme,
}

/// How many exchanges a relink changed in one variant.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct RelinkCount {
    /// The provider replaced.
    pub from: String,
    /// The provider used instead.
    pub to: String,
    /// Exchanges of background processes relinked.
    pub background: usize,
    /// Exchanges of the product relinked.
    pub foreground: usize,
}

impl RelinkCount {
    fn of(r: &crate::matrix::Relinked) -> RelinkCount {
        RelinkCount { from: r.from.clone(), to: r.to.clone(), background: r.exchanges.len(), foreground: r.foreground }
    }
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
    if let Some(e) = fg.entries.iter().find(|e| !e.value.is_finite()) {
        return Err(Error::new(
            ErrorKind::Value,
            Location::entity(format!("exchange `{}`", e.id)),
            format!("its amount {} {} is {} in the unit of its provider or flow", e.amount, e.unit, e.value),
            "the amount overflows after unit conversion: check the amount, unit and formula of this exchange",
        ));
    }
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
    check_finite(&exchanges, &totals, lca)?;
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
        relinked: fg.relinked.iter().map(RelinkCount::of).collect(),
        stage_scheme: fg.stage_scheme.clone(),
    })
}

/// A result that is not a finite number is an error naming the exchange it comes from (an amount
/// that overflows after unit conversion, say), never a number in a report.
fn check_finite(exchanges: &[ExchangeResult], totals: &[f64], lca: &Lca) -> Result<()> {
    let cats = &lca.characterization().categories;
    let bad = |cat: usize, v: f64, at: Location| {
        Error::new(
            ErrorKind::Value,
            at,
            format!("its result for `{}` is {v}", cats.get(cat).map_or("?", |c| c.id.as_str())),
            "the amounts are too large to compute with: check the amount, unit and formula of this exchange and the amounts of its provider",
        )
    };
    for e in exchanges {
        if let Some((cat, v)) = e.values.iter().enumerate().find(|(_, v)| !v.is_finite()) {
            return Err(bad(cat, *v, Location::entity(format!("exchange `{}`", e.id))));
        }
    }
    if let Some((cat, v)) = totals.iter().enumerate().find(|(_, v)| !v.is_finite()) {
        return Err(bad(cat, *v, Location::entity("the product's total")));
    }
    Ok(())
}
