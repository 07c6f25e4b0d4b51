//! `greenlca validate`: read a database folder or a product model and report every problem.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use greenlca::io::read_database;
use greenlca::matrix::{UnlinkedPolicy, build_system};

use super::common::ModelOptions;

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// A database folder or a product model (TOML).
    #[arg(value_name = "MODEL|DB")]
    path: PathBuf,
    #[command(flatten)]
    opts: ModelOptions,
}

pub fn run(args: ValidateArgs) -> Result<ExitCode> {
    let policy = UnlinkedPolicy::parse(&args.opts.unlinked).expect("clap checked it");
    if args.path.is_dir() {
        let db = read_database(&args.path)?;
        let system = build_system(&db, policy)?;
        println!(
            "{}: ok — {} processes, {} flows, {} exchanges; {} linked inputs, {} unlinked, {} chosen among several producers",
            args.path.display(),
            db.processes.len(),
            db.flows.len(),
            db.processes.iter().map(|p| p.exchanges.len()).sum::<usize>(),
            system.links.linked,
            system.links.unlinked.len(),
            system.links.ambiguous.len()
        );
        for a in &system.links.ambiguous {
            println!(
                "  note: `{}` takes `{}` from `{}` (candidates: {})",
                a.process,
                a.flow,
                a.chosen,
                a.candidates.join(", ")
            );
        }
        return Ok(ExitCode::SUCCESS);
    }
    let study = args.opts.study(&args.path)?;
    // Resolve every variant, so that errors in any of them show up.
    let mut problems = Vec::new();
    for v in study.inputs.model.variant_ids() {
        if let Err(e) = study.resolve(&v, &args.opts.sets) {
            problems.push(e);
        }
    }
    if let Some(e) = greenlca::Error::many(problems) {
        return Err(e.into());
    }
    let unmatched = &study.characterization.unmatched_flows;
    println!(
        "{}: ok — {} exchanges, {} variants, {} parameters; {} elementary flows without a characterization factor",
        args.path.display(),
        study.inputs.model.exchanges.len(),
        study.inputs.model.variants.len(),
        study.inputs.model.parameters.len(),
        unmatched.len()
    );
    for f in unmatched {
        println!("  unmatched flow: {f}");
    }
    Ok(ExitCode::SUCCESS)
}
