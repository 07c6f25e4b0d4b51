//! Monte Carlo runs: draws computed in parallel and collected in iteration order, split into shards
//! whose outputs merge exactly into the unsharded run.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::stats::Summary;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::progress::{Progress, Silent};

/// A part of a run: shard `index` (0-based) of `count`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Shard {
    /// 0-based index.
    pub index: usize,
    /// Number of shards.
    pub count: usize,
}

impl Shard {
    /// Parses `K/N`; `auto/N` takes K from SLURM_ARRAY_TASK_ID or JOB_COMPLETION_INDEX.
    pub fn parse(text: &str) -> Result<Shard> {
        let bad = |msg: String| {
            Error::new(
                ErrorKind::Value,
                Location::entity("--shard"),
                msg,
                "write K/N with 0 <= K < N, e.g. --shard 0/4, or auto/N inside a Slurm array or Kubernetes Indexed Job",
            )
        };
        let (k, n) = text.split_once('/').ok_or_else(|| bad(format!("`{text}` is not K/N")))?;
        let count: usize = n.trim().parse().map_err(|_| bad(format!("`{n}` is not a number of shards")))?;
        let index: usize = if k.trim() == "auto" {
            let var = ["SLURM_ARRAY_TASK_ID", "JOB_COMPLETION_INDEX"]
                .iter()
                .find_map(|v| std::env::var(v).ok().map(|x| (v, x)));
            let (name, value) =
                var.ok_or_else(|| bad("neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set".into()))?;
            value.trim().parse().map_err(|_| bad(format!("{name} = `{value}` is not a number")))?
        } else {
            k.trim().parse().map_err(|_| bad(format!("`{k}` is not a shard index")))?
        };
        if count == 0 || index >= count {
            return Err(bad(format!("shard {index}/{count} does not exist")));
        }
        Ok(Shard { index, count })
    }

    /// The iterations (or rows) of this shard out of `n`: contiguous blocks.
    pub fn range(&self, n: usize) -> std::ops::Range<usize> {
        (self.index * n / self.count)..((self.index + 1) * n / self.count)
    }
}

/// Label of an output: `variant|category|stage`.
pub fn label(variant: &str, category: &str, stage: &str) -> String {
    format!("{variant}|{category}|{stage}")
}

/// Most memory the draws of one run (or shard) may take: 4 GiB.
pub const MAX_DRAW_BYTES: u64 = 4 << 30;

/// Outputs of a block of draws, with what is needed to merge and check blocks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Draws {
    /// What was run (command and options), so that only compatible shards merge.
    pub run: String,
    pub seed: u64,
    /// Iterations of the whole run.
    pub iterations: usize,
    /// First iteration of this block.
    pub start: usize,
    /// Name of each output.
    pub labels: Vec<String>,
    /// What the report needs to describe the outputs (units, names), as written by the command.
    pub meta: serde_json::Value,
    /// `values[iteration - start][output]`.
    pub values: Vec<Vec<f64>>,
    /// Draws of this block whose iterative solve did not converge and was done again by the
    /// direct LU (the results are exact, only slower); merged parts add up.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub solver_fallbacks: usize,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Draws {
    /// Runs `f` for every iteration of `range`, in parallel, collected in order.
    pub fn run<F>(
        run: &str,
        seed: u64,
        iterations: usize,
        range: std::ops::Range<usize>,
        labels: Vec<String>,
        f: F,
    ) -> Result<Draws>
    where
        F: Fn(u64) -> Result<Vec<f64>> + Sync,
    {
        Self::run_with_progress(run, seed, iterations, range, labels, f, &Silent)
    }

    /// As [`Draws::run`], reporting each draw to `progress`.
    pub fn run_with_progress<F>(
        run: &str,
        seed: u64,
        iterations: usize,
        range: std::ops::Range<usize>,
        labels: Vec<String>,
        f: F,
        progress: &dyn Progress,
    ) -> Result<Draws>
    where
        F: Fn(u64) -> Result<Vec<f64>> + Sync,
    {
        let start = range.start;
        // Every draw is kept until the statistics are computed in iteration order: refuse a count
        // whose draws cannot fit, before running for hours.
        let bytes = (range.len() as u128) * (labels.len() as u128 * 8 + 24);
        if bytes > MAX_DRAW_BYTES as u128 {
            return Err(Error::new(
                ErrorKind::Value,
                Location::entity(format!("`{run}`")),
                format!(
                    "{} iterations of {} outputs would keep {:.1} GiB of draws in memory, more than the limit of {} GiB",
                    range.len(),
                    labels.len(),
                    bytes as f64 / (1u64 << 30) as f64,
                    MAX_DRAW_BYTES >> 30
                ),
                "use fewer iterations (10,000 give percentiles to about 1 %), or split the run with --shard K/N and merge the parts",
            ));
        }
        progress.start(range.len() as u64);
        let values = range
            .into_par_iter()
            .map(|i| {
                progress.check()?;
                let v = f(i as u64);
                progress.advance(1);
                v
            })
            .collect::<Result<Vec<_>>>();
        progress.finish();
        let values = values?;
        // A draw that overflowed (absurd distribution parameters) would poison every statistic
        // while the summary still looked converged.
        for (i, row) in values.iter().enumerate() {
            if let Some((o, v)) = row.iter().enumerate().find(|(_, v)| !v.is_finite()) {
                return Err(Error::new(
                    ErrorKind::Value,
                    Location::entity(format!("iteration {} of `{run}`", start + i)),
                    format!("output `{}` of the draw is {v}", labels.get(o).map_or("?", String::as_str)),
                    "an uncertain input draws values too large to compute with: check the distribution parameters (a lognormal `scale` is the standard deviation of ln x, not of x; docs/uncertainty.md)",
                ));
            }
        }
        Ok(Draws {
            run: run.to_string(),
            seed,
            iterations,
            start,
            labels,
            meta: serde_json::Value::Null,
            values,
            solver_fallbacks: 0,
        })
    }

    /// Merges shards of one run into the whole; they must be of the same run and cover it exactly.
    pub fn merge(mut parts: Vec<Draws>) -> Result<Draws> {
        let bad = |msg: String| {
            Error::new(
                ErrorKind::Invalid,
                Location::entity("merge"),
                msg,
                "merge the partial files of one run (same command, seed and iterations), every shard once",
            )
        };
        if parts.is_empty() {
            return Err(bad("no partial results".into()));
        }
        parts.sort_by_key(|p| p.start);
        let first = &parts[0];
        let (run, seed, iterations, labels, meta) =
            (first.run.clone(), first.seed, first.iterations, first.labels.clone(), first.meta.clone());
        // Capacity from what the parts hold, never from the `iterations` they claim.
        let mut values = Vec::with_capacity(parts.iter().map(|p| p.values.len()).sum());
        let solver_fallbacks = parts.iter().map(|p| p.solver_fallbacks).sum();
        for p in parts {
            if p.run != run || p.seed != seed || p.iterations != iterations || p.labels != labels {
                return Err(bad(format!(
                    "a part from another run (`{}`, seed {}, {} iterations)",
                    p.run, p.seed, p.iterations
                )));
            }
            if p.start > values.len() {
                return Err(bad(format!("iterations {}..{} are missing: no part holds them", values.len(), p.start)));
            }
            if p.start < values.len() {
                return Err(bad(format!(
                    "iterations {}..{} are in two parts (a part given twice, or shards of different splits)",
                    p.start,
                    values.len().min(p.start + p.values.len())
                )));
            }
            values.extend(p.values);
        }
        if values.len() != iterations {
            return Err(bad(format!("the parts hold {} of {iterations} iterations", values.len())));
        }
        Ok(Draws { run, seed, iterations, start: 0, labels, meta, values, solver_fallbacks })
    }

    /// The warning owed to the user when draws fell back to the direct LU.
    pub fn solver_warning(&self) -> Option<crate::Warning> {
        (self.solver_fallbacks > 0).then(|| crate::Warning::SolverFallback {
            note: format!(
                "{} of {} Monte Carlo draws did not converge with the iterative solver and were solved again by the direct sparse LU (results exact, only slower)",
                self.solver_fallbacks,
                self.values.len()
            ),
        })
    }

    /// True when the block covers the whole run.
    pub fn complete(&self) -> bool {
        self.start == 0 && self.values.len() == self.iterations
    }

    /// The draws of one output, in iteration order.
    pub fn column(&self, output: usize) -> Vec<f64> {
        self.values.iter().map(|v| v[output]).collect()
    }

    /// Summary of one output.
    pub fn summary(&self, output: usize) -> Summary {
        Summary::of(&self.column(output))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_cover_the_run_and_merge_back() {
        let f = |i: u64| Ok(vec![i as f64, (i * i) as f64]);
        let whole = Draws::run("t", 1, 10, 0..10, vec!["a".into(), "b".into()], f).unwrap();
        let parts: Vec<Draws> = (0..3)
            .rev()
            .map(|k| {
                Draws::run("t", 1, 10, Shard { index: k, count: 3 }.range(10), vec!["a".into(), "b".into()], f).unwrap()
            })
            .collect();
        assert_eq!(Draws::merge(parts).unwrap(), whole);
        let missing = vec![Draws::run("t", 1, 10, 0..3, vec!["a".into(), "b".into()], f).unwrap()];
        assert!(Draws::merge(missing).is_err());
        // A draw that overflowed is an error naming the iteration and the output.
        let inf = |i: u64| Ok(vec![1.0, if i == 4 { f64::INFINITY } else { 2.0 }]);
        let e = Draws::run("t", 1, 10, 0..10, vec!["a".into(), "b".into()], inf).unwrap_err();
        assert!(e.to_string().contains("iteration 4 of `t`") && e.message.contains("output `b`"), "{e}");
        // Absurd iteration counts claimed by a part do not reserve memory.
        let mut forged = Draws::run("t", 1, 10, 0..10, vec!["a".into(), "b".into()], f).unwrap();
        forged.iterations = usize::MAX;
        assert!(Draws::merge(vec![forged]).unwrap_err().message.contains("hold 10 of"));
        assert!(Shard::parse("4/4").is_err());
        assert_eq!(Shard::parse("1/4").unwrap().range(10), 2..5);
    }
}
