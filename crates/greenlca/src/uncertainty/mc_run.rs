//! The Monte Carlo runs of `greenlca mc`: a matrix folder with uncertainty columns, or the
//! variants of a product model (totals and, if asked, stages). Each names its run, labels its
//! outputs and records the units in the draws' meta, so that shards merge and reports describe them.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use super::draw::BackgroundSampler;
use super::montecarlo::{Draws, label};
use super::product::ProductSampler;
use crate::calc::{Lca, Study};
use crate::error::Result;
use crate::io::compiled::{CacheMode, mode_or, read_matrix_folder_cached};
use crate::io::matrices::MatrixSystem;
use crate::model::Stage;
use crate::progress::Progress;
use crate::solve::SolverOptions;

/// The unit of each category: (category id, or name for matrix folders; unit).
pub type Units = Vec<(String, String)>;

/// Iterations and seed of a whole run, and the iterations computed now (a shard, or all).
#[derive(Debug, Clone)]
pub struct McRun {
    /// Iterations of the whole run.
    pub iterations: usize,
    /// Seed of the random streams.
    pub seed: u64,
    /// The iterations to compute.
    pub range: std::ops::Range<usize>,
}

/// What to draw of a product model.
#[derive(Debug, Clone, Copy)]
pub struct ProductRun<'a> {
    /// The model file (named in the run, for merging).
    pub model: &'a Path,
    /// The variants, in output order.
    pub variants: &'a [String],
    /// Extra parameter values.
    pub sets: &'a [(String, f64)],
    /// Also draw each life-cycle stage.
    pub stages: bool,
}

/// Key of the draws' `meta` holding the digest of every input's content: `merge` refuses parts
/// whose inputs differ.
pub const INPUTS_DIGEST: &str = "inputs_sha256";

/// Draws the scores of a matrix folder.
pub fn matrices(dir: &Path, mc: &McRun, progress: &dyn Progress) -> Result<(Draws, Units)> {
    matrices_with(dir, mc, &SolverOptions::default(), progress)
}

/// As [`matrices`] with the solver chosen by `options` (named in the run unless it is the
/// default, so that only shards solved alike merge).
pub fn matrices_with(
    dir: &Path,
    mc: &McRun,
    options: &SolverOptions,
    progress: &dyn Progress,
) -> Result<(Draws, Units)> {
    // Through the compiled form (docs/cache.md) unless turned off: its key is the same digest of the inputs.
    let (ms, compiled) = read_matrix_folder_cached(dir, mode_or(CacheMode::Use))?;
    let mut run = format!("mc --matrices {} -n {}", dir.display(), mc.iterations);
    if options.kind != SolverOptions::default().kind {
        run.push_str(&format!(" --solver {}", options.kind.as_str()));
    }
    let (mut draws, units) = matrix_system_with(&ms, &run, mc, options, progress)?;
    draws.meta = serde_json::json!({
        "matrices": dir.display().to_string(),
        "units": units,
        INPUTS_DIGEST: compiled.inputs_sha256,
    });
    Ok((draws, units))
}

/// Draws the scores of the demand of a matrix system held in memory (its entries' distributions;
/// fixed entries keep their values), the run named `run`.
pub fn matrix_system(ms: &MatrixSystem, run: &str, mc: &McRun, progress: &dyn Progress) -> Result<(Draws, Units)> {
    matrix_system_with(ms, run, mc, &SolverOptions::default(), progress)
}

/// As [`matrix_system`] with the solver chosen by `options`. Each draw's iterative solve starts
/// from the base system's supply (the same start for every draw, so a draw still depends on
/// (seed, iteration) only); draws that fell back to the direct LU are counted in
/// [`Draws::solver_fallbacks`].
pub fn matrix_system_with(
    ms: &MatrixSystem,
    run: &str,
    mc: &McRun,
    options: &SolverOptions,
    progress: &dyn Progress,
) -> Result<(Draws, Units)> {
    let system = Arc::new(ms.system.clone());
    let symbolic = crate::calc::lca::analyze(&system, system.a_matrix().view(), options)?;
    let sampler = BackgroundSampler::new(system, Arc::new(ms.characterization.clone()), symbolic, None)?;
    let start = sampler.base_supply(&ms.demand)?;
    let fallbacks = AtomicUsize::new(0);
    let cats = &sampler.characterization.categories;
    let labels: Vec<String> = cats.iter().map(|c| label("", &c.name, "total")).collect();
    let mut draws = Draws::run_with_progress(
        run,
        mc.seed,
        mc.iterations,
        mc.range.clone(),
        labels,
        |i| {
            let lca: Lca = sampler.lca(mc.seed, i)?;
            let scores = lca.lcia(lca.lci_from(&ms.demand, &start)?).scores;
            if !lca.lu().notes().is_empty() {
                fallbacks.fetch_add(1, Ordering::Relaxed);
            }
            Ok(scores)
        },
        progress,
    )?;
    draws.solver_fallbacks = fallbacks.into_inner();
    let units: Units = cats.iter().map(|c| (c.name.clone(), c.unit.clone())).collect();
    draws.meta = serde_json::json!({ "units": units });
    Ok((draws, units))
}

/// Draws the totals (and stages) of the variants of a product model.
pub fn model(study: &Study, product: &ProductRun<'_>, mc: &McRun, progress: &dyn Progress) -> Result<(Draws, Units)> {
    let chosen = product.variants;
    study.resolve(&chosen[0], product.sets)?;
    let sampler = ProductSampler::new(study)?;
    let cats = &study.characterization.categories;
    let stages: Vec<Stage> =
        if product.stages { study.inputs.model.stage_scheme.stages().to_vec() } else { Vec::new() };
    let mut labels = Vec::new();
    for v in chosen {
        for c in cats {
            labels.push(label(v, &c.id, "total"));
            for s in &stages {
                labels.push(label(v, &c.id, s.id()));
            }
        }
    }
    let sets_text: Vec<String> = product.sets.iter().map(|(k, v)| format!("--set {k}={v}")).collect();
    let run = format!(
        "mc {} -n {} --variant {} {} {}",
        product.model.display(),
        mc.iterations,
        chosen.join(","),
        if product.stages { "--stages" } else { "" },
        sets_text.join(" ")
    );
    let fallbacks = AtomicUsize::new(0);
    let mut draws = Draws::run_with_progress(
        &run,
        mc.seed,
        mc.iterations,
        mc.range.clone(),
        labels,
        |i| {
            let fell_back = AtomicBool::new(false);
            let per_variant = sampler.draw(mc.seed, i, chosen, product.sets, &|engine, _, r| {
                if !engine.lca.lu().notes().is_empty() {
                    fell_back.store(true, Ordering::Relaxed);
                }
                let mut out = Vec::new();
                for k in 0..r.totals.len() {
                    out.push(r.totals[k]);
                    for s in &stages {
                        out.push(r.stage(*s)[k]);
                    }
                }
                Ok(out)
            })?;
            if fell_back.into_inner() {
                fallbacks.fetch_add(1, Ordering::Relaxed);
            }
            Ok(per_variant.concat())
        },
        progress,
    )?;
    draws.solver_fallbacks = fallbacks.into_inner();
    let units: Units = cats.iter().map(|c| (c.id.clone(), c.unit.clone())).collect();
    let (a, b, c, p, f) = sampler.uncertain_counts();
    draws.meta = serde_json::json!({
        "product": study.inputs.model.product.name,
        "functional_unit": study.inputs.model.product.functional_unit,
        "units": units,
        "linking": {
            "unlinked_policy": study.system.links.policy.as_str(),
            "unlinked_inputs": study.system.links.unlinked.len(),
        },
        "uncertain_inputs": { "technosphere": a, "biosphere": b, "characterization": c, "model_parameters": p, "foreground_exchanges": f },
        INPUTS_DIGEST: crate::io::inputs::content_digest(&study.inputs.files),
    });
    let spread = super::spread::Spread::of_study(study, chosen, product.sets, mc.seed, mc.iterations)?;
    draws.meta[super::spread::META_KEY] = serde_json::to_value(&spread).expect("plain data");
    Ok((draws, units))
}

/// The units recorded in the meta of draws (empty when there are none).
pub fn units(draws: &Draws) -> Units {
    serde_json::from_value(draws.meta["units"].clone()).unwrap_or_default()
}
