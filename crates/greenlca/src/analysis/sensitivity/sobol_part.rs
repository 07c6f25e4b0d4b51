//! A Sobol run of a product model as a partial result: the rows of one shard (or all of them) with
//! what is needed to check that shards belong together and to compute the indices once merged.

use std::path::Path;

use serde::{Deserialize, Serialize};

use super::product_sobol::{SobolInput, evaluate};
use super::sobol::{self, SobolRows};
use crate::calc::{Engine, Study};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::progress::Progress;

/// The `schema` of a Sobol partial file; it tells these files apart from Monte Carlo parts.
pub const PART_SCHEMA: &str = "greenlca.sobol-rows";

/// A shard of a Sobol run, as written to a partial file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SobolPart {
    /// Always `greenlca.sobol-rows`, the schema that tells a Sobol part from other files.
    pub schema: String,
    /// What was run (model and variant), so that only shards of one run merge.
    pub run: String,
    /// Seed of the design.
    pub seed: u64,
    /// Rows of the whole design (N).
    pub n: usize,
    /// Bootstrap resamples for the intervals.
    pub bootstrap: usize,
    /// Labels of the inputs.
    pub inputs: Vec<String>,
    /// Labels of the outputs, `category [unit]`.
    pub outputs: Vec<String>,
    /// The model outputs of this shard's rows.
    pub rows: SobolRows,
    /// How unlinked inputs of the background were treated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub linking: Option<crate::matrix::Linking>,
    /// Digest of the content of every input (model, database, methods), so that only shards
    /// computed from the same data merge.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub inputs_sha256: Option<String>,
}

/// What a product Sobol run computes.
#[derive(Debug, Clone, Copy)]
pub struct SobolRun<'a> {
    /// The product model file (named in the run, for merging).
    pub model: &'a Path,
    pub variant: &'a str,
    /// Extra parameter values.
    pub sets: &'a [(String, f64)],
    /// Seed of the design.
    pub seed: u64,
    /// Rows of the whole design (N).
    pub n: usize,
    /// Bootstrap resamples for the intervals.
    pub bootstrap: usize,
}

impl SobolPart {
    /// Evaluates the design rows `range` of `run` with the uncertain `inputs` of the variant.
    pub fn evaluate(
        study: &Study,
        engine: &Engine,
        run: &SobolRun<'_>,
        inputs: &[SobolInput],
        range: std::ops::Range<usize>,
        progress: &dyn Progress,
    ) -> Result<SobolPart> {
        let rows = sobol::evaluate_with_progress(
            run.seed,
            range,
            inputs.len(),
            |u| evaluate(study, engine, run.variant, run.sets, inputs, u),
            progress,
        )?;
        Ok(SobolPart {
            schema: PART_SCHEMA.into(),
            run: format!("sensitivity {} --sobol {} --variant {}", run.model.display(), run.n, run.variant),
            seed: run.seed,
            n: run.n,
            bootstrap: run.bootstrap,
            inputs: inputs.iter().map(|i| i.label()).collect(),
            outputs: study.characterization.categories.iter().map(|c| format!("{} [{}]", c.id, c.unit)).collect(),
            rows,
            linking: Some(crate::matrix::Linking::of(&study.system.links)),
            inputs_sha256: Some(crate::io::inputs::content_digest(&study.inputs.files)),
        })
    }

    /// Merges the shards of one run into the whole; they must be of the same run and cover it
    /// exactly once.
    pub fn merge(parts: Vec<SobolPart>) -> Result<SobolPart> {
        let bad = |msg: String, hint: &str| Error::new(ErrorKind::Invalid, Location::entity("merge"), msg, hint);
        let Some(first) = parts.first() else {
            return Err(bad("no partial results".into(), "merge every shard once"));
        };
        let (run, seed, n, bootstrap, inputs, outputs) =
            (first.run.clone(), first.seed, first.n, first.bootstrap, first.inputs.clone(), first.outputs.clone());
        let (linking, inputs_sha256) = (first.linking.clone(), first.inputs_sha256.clone());
        if parts.iter().any(|p| p.run != run || p.seed != seed || p.inputs != inputs) {
            return Err(bad(
                "the parts come from different runs".into(),
                "merge the partial files of one `sensitivity --sobol` run",
            ));
        }
        let rows = SobolRows::merge(parts.into_iter().map(|p| p.rows).collect()).ok_or_else(|| {
            bad("the parts do not follow each other (missing or repeated rows)".into(), "merge every shard once")
        })?;
        if rows.start != 0 || rows.len() != n {
            return Err(bad(format!("the parts hold {} of {n} rows", rows.len()), "merge every shard once"));
        }
        Ok(SobolPart {
            schema: PART_SCHEMA.into(),
            run,
            seed,
            n,
            bootstrap,
            inputs,
            outputs,
            rows,
            linking,
            inputs_sha256,
        })
    }

    /// The rows this part holds, as a range of the design.
    pub fn row_range(&self) -> std::ops::Range<usize> {
        self.rows.start..self.rows.start + self.rows.len()
    }
}
