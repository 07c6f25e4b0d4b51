//! `greenlca merge`: combine the partial results of shards into exactly the result of the
//! unsharded run with the same seed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use clap::Args;
use greenlca::uncertainty::montecarlo::Draws;

use super::mc::{OutputArgs, finish};

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

impl OutputArgs for MergeArgs {
    fn keep_draws(&self) -> Option<&Path> {
        self.keep_draws.as_deref()
    }
    fn out(&self) -> Option<&Path> {
        self.output.out.as_deref()
    }
    fn format(&self) -> &str {
        &self.output.format
    }
    fn plot(&self) -> &super::common::PlotArgs {
        &self.plot
    }
}

pub fn run(args: MergeArgs) -> Result<ExitCode> {
    let mut parts = Vec::new();
    for p in &args.parts {
        let text =
            std::fs::read_to_string(p).with_context(|| format!("{}: cannot read the partial result", p.display()))?;
        if text.contains("\"schema\":\"greenlca.sobol-rows\"") {
            return super::sensitivity::merge_sobol(&args.parts, &args);
        }
        let d: Draws = serde_json::from_str(&text)
            .with_context(|| format!("{}: not a partial result of `greenlca mc --shard`", p.display()))?;
        parts.push(d);
    }
    let draws = Draws::merge(parts)?;
    let units: Vec<(String, String)> = serde_json::from_value(draws.meta["units"].clone()).unwrap_or_default();
    finish(draws, &units, &args)
}
