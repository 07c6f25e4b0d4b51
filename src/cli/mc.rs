//! `greenlca mc`: Monte Carlo over every distribution of a model (or a matrix folder), per category
//! and stage, in parallel, reproducible for a seed at any thread count, and shardable.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Result, bail};
use clap::Args;
use greenlca::calc::Lca;
use greenlca::io::matrix_folder_mtx::read_matrix_folder;
use greenlca::model::Stage;
use greenlca::report::mc::{McReport, draws_csv, label};
use greenlca::report::{Format, write_atomic};
use greenlca::solve::SolverOptions;
use greenlca::uncertainty::draw::BackgroundSampler;
use greenlca::uncertainty::montecarlo::{Draws, Shard};
use greenlca::uncertainty::product::ProductSampler;

use super::common::{ModelOptions, PlotArgs, emit, format, variants};
use super::progress::bar;

#[derive(Debug, Args)]
pub struct McArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL", required_unless_present = "matrices", conflicts_with = "matrices")]
    model: Option<PathBuf>,
    /// A matrix exchange folder with uncertainty columns, instead of a model.
    #[arg(long, value_name = "DIR")]
    matrices: Option<PathBuf>,
    /// Number of iterations.
    #[arg(short = 'n', long = "iterations", default_value_t = 1000, value_name = "N")]
    iterations: usize,
    /// Seed of the random streams.
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Variant (repeatable; default: the base model).
    #[arg(long = "variant", value_name = "V", conflicts_with = "all_variants")]
    variants: Vec<String>,
    /// Every variant.
    #[arg(long)]
    all_variants: bool,
    /// Also report each life-cycle stage.
    #[arg(long)]
    stages: bool,
    /// Run only shard K of N (0-based; `auto/N` reads SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX)
    /// and write its partial result to --out; combine the parts with `greenlca merge`.
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    /// Write every draw to this CSV file.
    #[arg(long, value_name = "FILE")]
    keep_draws: Option<PathBuf>,
    #[command(flatten)]
    output: super::common::OutputOptions,
    #[command(flatten)]
    opts: ModelOptions,
    #[command(flatten)]
    plot: PlotArgs,
}

pub fn run(args: McArgs) -> Result<ExitCode> {
    if args.iterations < 2 {
        bail!(
            "-n {} is too few iterations\n  hint: use at least 2 (1000 or more for stable percentiles)",
            args.iterations
        );
    }
    let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
    if shard.is_some() && args.output.out.is_none() {
        bail!(
            "--shard needs --out FILE for the partial result\n  hint: e.g. --shard 0/4 --out part-0.json, then `greenlca merge part-*.json`"
        );
    }
    let range = shard.map_or(0..args.iterations, |s| s.range(args.iterations));
    let pb = bar(range.len(), "Monte Carlo");
    let tick = || pb.inc(1);
    let (draws, units) = match &args.matrices {
        Some(dir) => matrices(dir, &args, range, &tick)?,
        None => model(args.model.as_deref().expect("clap requires it"), &args, range, &tick)?,
    };
    pb.finish_and_clear();
    finish(draws, &units, &args)
}

type Units = Vec<(String, String)>;

fn matrices(
    dir: &Path,
    args: &McArgs,
    range: std::ops::Range<usize>,
    tick: &(dyn Fn() + Sync),
) -> Result<(Draws, Units)> {
    let ms = read_matrix_folder(dir)?;
    let symbolic = greenlca::calc::lca::analyze(&ms.system, ms.system.a_matrix().view(), &SolverOptions::default())?;
    let sampler = BackgroundSampler::new(Arc::new(ms.system), Arc::new(ms.characterization), symbolic, None)?;
    let cats = &sampler.characterization.categories;
    let labels: Vec<String> = cats.iter().map(|c| label("", &c.name, "total")).collect();
    let run = format!("mc --matrices {} -n {}", dir.display(), args.iterations);
    let mut draws = Draws::run_with_progress(
        &run,
        args.seed,
        args.iterations,
        range,
        labels,
        |i| {
            let lca: Lca = sampler.lca(args.seed, i)?;
            Ok(lca.lcia(lca.lci(&ms.demand)?).scores)
        },
        tick,
    )?;
    let units: Units = cats.iter().map(|c| (c.name.clone(), c.unit.clone())).collect();
    draws.meta = serde_json::json!({ "matrices": dir.display().to_string(), "units": units });
    Ok((draws, units))
}

fn model(
    path: &Path,
    args: &McArgs,
    range: std::ops::Range<usize>,
    tick: &(dyn Fn() + Sync),
) -> Result<(Draws, Units)> {
    let study = args.opts.study(path)?;
    let chosen = variants(&study, &args.variants, args.all_variants)?;
    study.resolve(&chosen[0], &args.opts.sets)?;
    let sampler = ProductSampler::new(&study)?;
    let cats = &study.characterization.categories;
    let stages: Vec<Stage> = if args.stages { Stage::ALL.to_vec() } else { Vec::new() };
    let mut labels = Vec::new();
    for v in &chosen {
        for c in cats {
            labels.push(label(v, &c.id, "total"));
            for s in &stages {
                labels.push(label(v, &c.id, s.id()));
            }
        }
    }
    let sets_text: Vec<String> = args.opts.sets.iter().map(|(k, v)| format!("--set {k}={v}")).collect();
    let run = format!(
        "mc {} -n {} --variant {} {} {}",
        path.display(),
        args.iterations,
        chosen.join(","),
        if args.stages { "--stages" } else { "" },
        sets_text.join(" ")
    );
    let mut draws = Draws::run_with_progress(
        &run,
        args.seed,
        args.iterations,
        range,
        labels,
        |i| {
            let per_variant = sampler.draw(args.seed, i, &chosen, &args.opts.sets, &|_, _, r| {
                let mut out = Vec::new();
                for k in 0..r.totals.len() {
                    out.push(r.totals[k]);
                    for s in &stages {
                        out.push(r.stage(*s)[k]);
                    }
                }
                Ok(out)
            })?;
            Ok(per_variant.concat())
        },
        tick,
    )?;
    let units: Units = cats.iter().map(|c| (c.id.clone(), c.unit.clone())).collect();
    let (a, b, c, p, f) = sampler.uncertain_counts();
    draws.meta = serde_json::json!({
        "product": study.inputs.model.product.name,
        "functional_unit": study.inputs.model.product.functional_unit,
        "units": units,
        "uncertain_inputs": { "technosphere": a, "biosphere": b, "characterization": c, "model_parameters": p, "foreground_exchanges": f },
    });
    Ok((draws, units))
}

/// Writes the partial result of a shard, or the summary of a complete run.
pub fn finish(draws: Draws, units: &Units, args_like: &impl OutputArgs) -> Result<ExitCode> {
    if let Some(file) = args_like.keep_draws() {
        write_atomic(file, draws_csv(&draws).as_bytes())?;
    }
    if !draws.complete() {
        let out = args_like.out().expect("checked: shards need --out");
        write_atomic(out, (serde_json::to_string(&draws)? + "\n").as_bytes())?;
        eprintln!(
            "wrote iterations {}..{} of {} to {}",
            draws.start,
            draws.start + draws.values.len(),
            draws.iterations,
            out.display()
        );
        return Ok(ExitCode::SUCCESS);
    }
    let unit_of = |c: &str| units.iter().find(|(id, _)| id == c).map(|u| u.1.clone()).unwrap_or_default();
    let report = McReport::new(&draws, &unit_of);
    args_like.plot().write(|o| greenlca::report::charts::mc_charts(&draws, &report, o))?;
    let text = match format(args_like.format()) {
        Format::Json => report.to_json(),
        Format::Csv => report.to_csv(),
        Format::Table => report.to_table(),
    };
    emit(&text, args_like.out())?;
    Ok(ExitCode::SUCCESS)
}

/// Output options shared by `mc` and `merge`.
pub trait OutputArgs {
    /// `--keep-draws`.
    fn keep_draws(&self) -> Option<&Path>;
    /// `--out`.
    fn out(&self) -> Option<&Path>;
    /// `--format`.
    fn format(&self) -> &str;
    /// `--plot`.
    fn plot(&self) -> &PlotArgs;
}

impl OutputArgs for McArgs {
    fn keep_draws(&self) -> Option<&Path> {
        self.keep_draws.as_deref()
    }
    fn out(&self) -> Option<&Path> {
        self.output.out.as_deref()
    }
    fn format(&self) -> &str {
        &self.output.format
    }
    fn plot(&self) -> &PlotArgs {
        &self.plot
    }
}
