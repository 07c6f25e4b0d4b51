//! `greenlca validate`: read a database folder or a product model and report every problem.

use std::fmt::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use greenlca::io::ImportOptions;
use greenlca::io::compiled::{default_mode, import_any_cached};
use greenlca::matrix::{UnlinkedPolicy, build_system};

use super::common::{ModelOptions, emit};

#[derive(Debug, Args)]
pub struct ValidateArgs {
    /// A product model (TOML), or a database: a folder, an openLCA JSON-LD zip, EcoSpold files.
    #[arg(value_name = "MODEL|DB")]
    path: PathBuf,
    #[command(flatten)]
    opts: ModelOptions,
}

pub fn run(args: ValidateArgs) -> Result<ExitCode> {
    let mut out = String::new();
    let is_model = args.path.extension().is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    if !is_model {
        let (imported, compiled) = import_any_cached(&args.path, &ImportOptions::default(), default_mode())?;
        if let Some(note) = compiled.note() {
            eprintln!("{note}");
        }
        let db = imported.database;
        let policy = UnlinkedPolicy::for_database(args.opts.policy(), &db.meta);
        let system = build_system(&db, policy)?;
        let links = &system.links;
        let exchanges: usize = db.processes.iter().map(|p| p.exchanges.len()).sum();
        writeln!(
            out,
            "{}: ok — {} processes, {} flows, {exchanges} exchanges; {} linked inputs, {} unlinked, {} chosen among several producers",
            args.path.display(),
            db.processes.len(),
            db.flows.len(),
            links.linked,
            links.unlinked.len(),
            links.ambiguous.len()
        )?;
        for a in &links.ambiguous {
            writeln!(
                out,
                "  note: `{}` takes `{}` from `{}` (candidates: {})",
                a.process,
                a.flow,
                a.chosen,
                a.candidates.join(", ")
            )?;
        }
        for u in &links.unlinked {
            writeln!(
                out,
                "  unlinked: `{}` takes {} {} of `{}` ({}) with no provider",
                u.process, u.amount, u.unit, u.flow, u.flow_name
            )?;
        }
        emit(&out, None)?;
        return Ok(ExitCode::SUCCESS);
    }
    let study = args.opts.study(&args.path)?;
    // Resolve every variant, so that errors in any of them show up.
    let problems: Vec<greenlca::Error> =
        study.inputs.model.variant_ids().iter().filter_map(|v| study.resolve(v, &args.opts.sets).err()).collect();
    if let Some(e) = greenlca::Error::many(problems) {
        return Err(e.into());
    }
    let m = &study.inputs.model;
    let unmatched = &study.characterization.unmatched_flows;
    writeln!(
        out,
        "{}: ok — {} exchanges, {} variants, {} parameters; {} elementary flows without a characterization factor",
        args.path.display(),
        m.exchanges.len(),
        m.variants.len(),
        m.parameters.len(),
        unmatched.len()
    )?;
    for f in unmatched {
        writeln!(out, "  unmatched flow: {f}")?;
    }
    emit(&out, None)?;
    Ok(ExitCode::SUCCESS)
}
