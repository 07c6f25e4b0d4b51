//! `greenlca sensitivity`: one-at-a-time (`--oat`), analytical (`--analytic`) and Sobol
//! (`--sobol N`, shardable) sensitivity of a product model.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::Args;
use greenlca::analysis::sensitivity::analytic::coefficients;
use greenlca::analysis::sensitivity::oat::one_at_a_time;
use greenlca::analysis::sensitivity::product_sobol::{evaluate, inputs};
use greenlca::analysis::sensitivity::sobol::{self, SobolRows};
use greenlca::report::Format;
use greenlca::report::sensitivity::{AnalyticCategory, AnalyticReport, OatReport, SobolReport};
use greenlca::report::write_atomic;
use greenlca::uncertainty::montecarlo::Shard;
use serde::{Deserialize, Serialize};

use super::common::{ModelOptions, PlotArgs, categories, emit, format};
use super::mc::OutputArgs;

#[derive(Debug, Args)]
#[command(group(clap::ArgGroup::new("mode").required(true).args(["oat", "analytic", "sobol"])))]
pub struct SensitivityArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL")]
    model: PathBuf,
    /// One parameter at a time over its range (min/max, else the 2.5-97.5 % of its distribution).
    #[arg(long)]
    oat: bool,
    /// Coefficients and elasticities of every exchange and factor, and first-order variance shares.
    #[arg(long)]
    analytic: bool,
    /// Sobol first-order and total indices with N base rows (N (d+2) model runs).
    #[arg(long, value_name = "N")]
    sobol: Option<usize>,
    /// Variant (default: the base model).
    #[arg(long, default_value = "base", value_name = "V")]
    variant: String,
    /// Inputs listed per category (analytic).
    #[arg(long, default_value_t = 15, value_name = "N")]
    top: usize,
    /// Seed (Sobol).
    #[arg(long, default_value_t = 42)]
    seed: u64,
    /// Bootstrap resamples for the Sobol intervals.
    #[arg(long, default_value_t = 200, value_name = "B")]
    bootstrap: usize,
    /// Sobol: run only shard K of N and write the partial result to --out (merge with `greenlca merge`).
    #[arg(long, value_name = "K/N")]
    shard: Option<String>,
    #[command(flatten)]
    output: super::common::OutputOptions,
    #[command(flatten)]
    opts: ModelOptions,
    #[command(flatten)]
    plot: PlotArgs,
}

/// A shard of a Sobol run, as written to a partial file.
#[derive(Serialize, Deserialize)]
struct SobolPart {
    schema: String,
    run: String,
    seed: u64,
    n: usize,
    bootstrap: usize,
    inputs: Vec<String>,
    outputs: Vec<String>,
    rows: SobolRows,
}

const PART_SCHEMA: &str = "greenlca.sobol-rows";

pub fn run(args: SensitivityArgs) -> Result<ExitCode> {
    let study = args.opts.study(&args.model)?;
    let engine = study.engine()?;
    let cats = categories(&study);
    let text = if args.oat {
        let oat = one_at_a_time(&study, &engine, &args.variant, &args.opts.sets)?;
        let r = OatReport::new(&args.variant, &cats, &oat);
        args.plot.write(|o| greenlca::report::charts::oat_charts(&r, o))?;
        render(&args.output.format, || r.to_json(), || r.to_csv(), || r.to_table())
    } else if args.analytic {
        let fg = study.resolve(&args.variant, &args.opts.sets)?;
        let own = study.engine_for(&fg)?;
        let engine = own.as_ref().unwrap_or(&engine);
        let result = study.assess(engine, &fg)?;
        let categories = cats
            .iter()
            .enumerate()
            .map(|(k, c)| AnalyticCategory::new(c, result.totals[k], coefficients(engine, &fg, &result, k), args.top))
            .collect();
        let r = AnalyticReport { schema: "greenlca.sensitivity-analytic", variant: args.variant.clone(), categories };
        render(&args.output.format, || r.to_json(), || r.to_csv(), || r.to_table())
    } else {
        let n = args.sobol.expect("clap: one mode");
        if n < 10 {
            bail!("--sobol {n} is too small\n  hint: use at least a few hundred rows for useful indices");
        }
        let inp = inputs(&study, &args.variant, &args.opts.sets)?;
        if inp.is_empty() {
            bail!(
                "the model has no uncertain parameters or exchanges\n  hint: give parameters an `uncertainty` (docs/uncertainty.md) to compute Sobol indices"
            );
        }
        let shard = args.shard.as_deref().map(Shard::parse).transpose()?;
        let range = shard.map_or(0..n, |s| s.range(n));
        let pb = super::progress::bar(range.len(), "Sobol");
        let rows = sobol::evaluate(args.seed, range, inp.len(), |u| {
            let v = evaluate(&study, &engine, &args.variant, &args.opts.sets, &inp, u);
            pb.inc(1);
            v
        })?;
        pb.finish_and_clear();
        let part = SobolPart {
            schema: PART_SCHEMA.into(),
            run: format!("sensitivity {} --sobol {n} --variant {}", args.model.display(), args.variant),
            seed: args.seed,
            n,
            bootstrap: args.bootstrap,
            inputs: inp.iter().map(|i| i.label()).collect(),
            outputs: cats.iter().map(|c| format!("{} [{}]", c.id, c.unit)).collect(),
            rows,
        };
        if shard.is_some() {
            let out = args.output.out.as_deref().context("--shard needs --out FILE for the partial result")?;
            write_atomic(out, (serde_json::to_string(&part)? + "\n").as_bytes())?;
            eprintln!(
                "wrote Sobol rows {}..{} of {n} to {}",
                part.rows.start,
                part.rows.start + part.rows.len(),
                out.display()
            );
            return Ok(ExitCode::SUCCESS);
        }
        sobol_text(&part, &args.output.format, &args.plot)?
    };
    emit(&text, args.output.out.as_deref())?;
    Ok(ExitCode::SUCCESS)
}

fn render(fmt: &str, json: impl Fn() -> String, csv: impl Fn() -> String, table: impl Fn() -> String) -> String {
    match format(fmt) {
        Format::Json => json(),
        Format::Csv => csv(),
        Format::Table => table(),
    }
}

fn sobol_text(part: &SobolPart, fmt: &str, plot: &PlotArgs) -> Result<String> {
    let d = part.inputs.len();
    let outputs = part
        .outputs
        .iter()
        .enumerate()
        .map(|(k, o)| (o.clone(), sobol::indices(&part.rows, k, part.bootstrap, part.seed)))
        .collect();
    let r = SobolReport {
        schema: "greenlca.sensitivity-sobol",
        n: part.n,
        evaluations: part.n * (d + 2),
        seed: part.seed,
        inputs: part.inputs.clone(),
        outputs,
    };
    plot.write(|o| greenlca::report::charts::sobol_charts(&r, o))?;
    Ok(render(fmt, || r.to_json(), || r.to_csv(), || r.to_table()))
}

/// Merges Sobol shards (called by `greenlca merge`).
pub fn merge_sobol(paths: &[PathBuf], out: &impl OutputArgs) -> Result<ExitCode> {
    let mut parts: Vec<SobolPart> = Vec::new();
    for p in paths {
        let text = std::fs::read_to_string(p).with_context(|| format!("{}: cannot read", p.display()))?;
        parts
            .push(serde_json::from_str(&text).with_context(|| format!("{}: not a Sobol partial result", p.display()))?);
    }
    let first = &parts[0];
    let (run, seed, n, bootstrap, inputs, outputs) =
        (first.run.clone(), first.seed, first.n, first.bootstrap, first.inputs.clone(), first.outputs.clone());
    if parts.iter().any(|p| p.run != run || p.seed != seed || p.inputs != inputs) {
        bail!("the parts come from different runs\n  hint: merge the partial files of one `sensitivity --sobol` run");
    }
    let rows = SobolRows::merge(parts.into_iter().map(|p| p.rows).collect())
        .context("the parts do not follow each other (missing or repeated rows)")?;
    if rows.start != 0 || rows.len() != n {
        bail!("the parts hold {} of {n} rows\n  hint: merge every shard once", rows.len());
    }
    let part = SobolPart { schema: PART_SCHEMA.into(), run, seed, n, bootstrap, inputs, outputs, rows };
    emit(&sobol_text(&part, out.format(), out.plot())?, out.out())?;
    Ok(ExitCode::SUCCESS)
}
