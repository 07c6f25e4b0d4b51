//! `greenlca merge`: combine the partial results of shards into exactly the result of the
//! unsharded run with the same seed.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use greenlca::uncertainty::Merged;
use greenlca::uncertainty::merge_files;
use greenlca::uncertainty::units;

use super::mc::finish;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// Partial result files written by `mc --shard` or `sensitivity --sobol --shard`.
    #[arg(value_name = "PART", required = true)]
    parts: Vec<PathBuf>,
    /// Write every draw to this CSV file.
    #[arg(long, value_name = "FILE")]
    keep_draws: Option<PathBuf>,
    #[command(flatten)]
    output: super::common::OutputOptions,
    #[command(flatten)]
    plot: super::common::PlotArgs,
}

pub fn run(args: MergeArgs) -> Result<ExitCode> {
    super::mc::check_outputs(args.keep_draws.as_deref(), &args.output, &args.plot)?;
    match merge_files(&args.parts)? {
        Merged::Draws(draws) => {
            let units = units(&draws);
            finish(draws, &units, args.keep_draws.as_deref(), &args.output, &args.plot)
        }
        Merged::Sobol(part) => super::sensitivity::sobol_output(&part, &args.output, &args.plot),
        // A kind of part added to the library after this command was written.
        _ => anyhow::bail!(
            "merge: the parts are of a kind this command cannot write\n  hint: use a greenlca binary built with this library"
        ),
    }
}
