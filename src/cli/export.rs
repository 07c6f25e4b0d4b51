//! `greenlca export MODEL --matrices DIR`: the product system as plain matrices (triplet CSV and
//! Matrix Market), readable by SciPy, Brightway (through ../shared/peers) and `greenlca calc --matrices`.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use greenlca::io::matrices::exchange_folder_files;
use greenlca::matrix::with_product;
use greenlca::report::write_all_atomic;

use super::common::ModelOptions;

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL")]
    model: PathBuf,
    /// Folder to write the matrices into.
    #[arg(long, value_name = "DIR")]
    matrices: PathBuf,
    /// Variant to export (default: the base model).
    #[arg(long, default_value = "base", value_name = "V")]
    variant: String,
    /// Write into a folder that already has files.
    #[arg(long)]
    force: bool,
    #[command(flatten)]
    opts: ModelOptions,
}

pub fn run(args: ExportArgs) -> Result<ExitCode> {
    if args.matrices.is_dir() && std::fs::read_dir(&args.matrices)?.next().is_some() && !args.force {
        bail!(
            "{} is not empty\n  hint: choose an empty folder, or pass --force to overwrite the files there",
            args.matrices.display()
        );
    }
    greenlca::report::check_output_dir(&args.matrices, "--matrices")?;
    let study = args.opts.study(&args.model)?;
    let fg = study.resolve(&args.variant, &args.opts.sets)?;
    if !fg.db_overrides.is_empty() {
        bail!("variant `{}` changes database parameters; export the database with those values first", args.variant);
    }
    // A variant that relinks providers has its own background (docs/formats.md, Relinking).
    let background = study.background_for(&fg)?;
    let system = with_product(&background, &fg, &study.inputs.model.product.name);
    let product = system.n() - 1;
    let mut files = exchange_folder_files(&system, &study.characterization, &[(product, 1.0)]);
    files.extend(greenlca::io::matrices::mtx_files(&system, &study.characterization)?);
    write_all_atomic(&args.matrices, &files)?;
    eprintln!(
        "wrote {} ({} processes incl. the product, {} flows, {} categories; demand 1 on process {product})",
        args.matrices.display(),
        system.n(),
        system.m(),
        study.characterization.k()
    );
    Ok(ExitCode::SUCCESS)
}
