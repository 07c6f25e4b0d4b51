//! `greenlca check`: a product against an eco-design specification. Exit code 0 when every
//! variant checked passes, 1 when one does not, 2 on an error.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use greenlca::analysis::ecodesign::SpecInputs;
use greenlca::analysis::ecodesign::{check, decide, indicative_shares};
use greenlca::report::CheckReport;

use super::common::{ModelOptions, VariantArgs};

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL")]
    model: PathBuf,
    /// Specification (default: the one the model names).
    #[arg(long, value_name = "SPEC")]
    spec: Option<PathBuf>,
    /// Evidence file with declared values and basic-requirement statements (default: the model's).
    #[arg(long, value_name = "FILE")]
    evidence: Option<PathBuf>,
    #[command(flatten)]
    variants: VariantArgs,
    #[command(flatten)]
    verdict: super::declaration::VerdictArgs,
    #[command(flatten)]
    output: super::common::OutputOptions,
    #[command(flatten)]
    opts: ModelOptions,
}

pub fn run(args: CheckArgs) -> Result<ExitCode> {
    args.output.check()?;
    let study = args.opts.study(&args.model)?;
    let si = SpecInputs::load(&study, args.spec.as_deref(), args.evidence.as_deref())?;
    let engine = study.engine()?;
    let chosen = args.variants.chosen(&study)?;
    let policy = args.verdict.policy()?;
    let mut results = Vec::new();
    let mut shares = Vec::new();
    for v in &chosen {
        let fg = study.resolve(v, &args.opts.sets)?;
        // A variant that changes database parameters has its own background (flow indicators too).
        let own = study.engine_for(&fg)?;
        let eng = own.as_ref().unwrap_or(&engine);
        let r = study.assess(eng, &fg)?;
        results.push(check(&si.setup(), &study, eng, &fg, &r)?);
        shares.push(indicative_shares(&study, eng, &fg, &si.spec)?);
    }
    let probabilities = match args.verdict.mc {
        Some(n) => Some((n, probabilities(&study, &si, &chosen, n, args.verdict.seed, &args.opts.sets, &results)?)),
        None => None,
    };
    let decisions: Vec<_> = results
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let p = probabilities.as_ref().map(|(n, p)| (p[i].0, *n));
            decide(&si.spec, c, &shares[i], p, &policy)
        })
        .collect();
    let mut report = CheckReport::new(&si.spec, &study.inputs.model.product.name, &results, probabilities);
    report.set_declarations(&decisions);
    report.linking = Some(greenlca::report::Linking::of(&study.system.links));
    if let Some(n) = args.verdict.mc {
        let spread = greenlca::uncertainty::Spread::of_study(&study, &chosen, &args.opts.sets, args.verdict.seed, n)?;
        super::spread::tell(&spread);
        report.spread = Some(spread);
    }
    args.output.emit(&report)?;
    Ok(if report.all_pass() { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

/// Per variant: (probability that everything passes, probability per indicator).
fn probabilities(
    study: &greenlca::calc::Study,
    si: &SpecInputs,
    chosen: &[String],
    n: usize,
    seed: u64,
    sets: &[(String, f64)],
    deterministic: &[greenlca::analysis::ecodesign::CheckResult],
) -> Result<Vec<(f64, Vec<f64>)>> {
    if n < 2 {
        anyhow::bail!("--mc {n} is too few draws\n  hint: use a few hundred or more");
    }
    let bar = super::progress::bar("Monte Carlo check");
    Ok(greenlca::analysis::ecodesign::pass_probabilities(study, si, chosen, (n, seed), sets, deterministic, &bar)?)
}
