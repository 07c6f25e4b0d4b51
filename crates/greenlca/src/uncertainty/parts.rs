//! Partial results of sharded runs (`mc --shard`, `sensitivity --sobol --shard`): each file is read
//! by its kind and the parts merge into exactly the result of the unsharded run.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use super::mc_run::INPUTS_DIGEST;
use super::montecarlo::Draws;
use crate::analysis::sensitivity::sobol::MAX_BOOTSTRAP;
use crate::analysis::sensitivity::sobol_part::{PART_SCHEMA, SobolPart};
use crate::error::{Error, ErrorKind, Location, Result};

/// The merged result of the parts, by their kind.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Merged {
    /// Monte Carlo draws (`mc --shard`).
    Draws(Draws),
    /// Sobol design rows (`sensitivity --sobol --shard`).
    Sobol(SobolPart),
}

/// The one field that tells the kinds apart: Sobol parts carry a `schema`, draws carry none.
#[derive(Deserialize)]
struct Kind {
    schema: Option<String>,
}

const HINT: &str = "give the files written by `greenlca mc --shard K/N --out FILE` or `greenlca sensitivity --sobol N --shard K/N --out FILE`";

fn read(path: &Path) -> Result<Merged> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        let mut err = Error::io(path, &e);
        err.message = format!("cannot read the partial result: {}", err.message);
        err
    })?;
    let bad = |msg: String| Error::new(ErrorKind::Syntax, Location::file(path), msg, HINT);
    // A file that is not even a JSON object has no kind: it is reported as not being draws.
    let kind = serde_json::from_str::<Kind>(&text).ok().and_then(|k| k.schema);
    let part = match kind.as_deref() {
        None => serde_json::from_str(&text)
            .map(Merged::Draws)
            .map_err(|e| bad(format!("not a partial result of `greenlca mc --shard`: {e}")))?,
        Some(PART_SCHEMA) => serde_json::from_str(&text)
            .map(Merged::Sobol)
            .map_err(|e| bad(format!("not a Sobol partial result: {e}")))?,
        Some(other) => return Err(bad(format!("not a partial result of greenlca (schema `{other}`)"))),
    };
    // An edited or forged file must not index out of its rows or ask for an absurd allocation.
    let shape = match &part {
        Merged::Draws(d) => shape_of_draws(d),
        Merged::Sobol(s) => shape_of_sobol(s),
    };
    shape.map_err(|msg| {
        Error::new(
            ErrorKind::Invalid,
            Location::file(path),
            format!("the partial result is inconsistent: {msg}"),
            "the file was edited or truncated: write it again with the command that made it",
        )
    })?;
    Ok(part)
}

/// Rows as long as the labels, inside the run's iterations.
fn shape_of_draws(d: &Draws) -> std::result::Result<(), String> {
    if d.start.checked_add(d.values.len()).is_none_or(|end| end > d.iterations) {
        return Err(format!(
            "it holds iterations {}.. ({} of them) of a run of {} iterations",
            d.start,
            d.values.len(),
            d.iterations
        ));
    }
    if let Some((i, row)) = d.values.iter().enumerate().find(|(_, r)| r.len() != d.labels.len()) {
        return Err(format!("iteration {} has {} values for {} outputs", d.start + i, row.len(), d.labels.len()));
    }
    Ok(())
}

/// f(A), f(B) and f(A_B^i) rows of the declared sizes, inside the design; a sane bootstrap count.
fn shape_of_sobol(s: &SobolPart) -> std::result::Result<(), String> {
    let rows = &s.rows;
    if rows.start.checked_add(rows.len()).is_none_or(|end| end > s.n) {
        return Err(format!("it holds rows {}.. ({} of them) of a design of {} rows", rows.start, rows.len(), s.n));
    }
    if !(1..=MAX_BOOTSTRAP).contains(&s.bootstrap) {
        return Err(format!("`bootstrap` is {} (from 1 to {MAX_BOOTSTRAP})", s.bootstrap));
    }
    if rows.fb.len() != rows.len() || rows.fab.len() != rows.len() {
        return Err(format!(
            "{} f(A) rows, {} f(B) rows and {} f(A_B) rows",
            rows.len(),
            rows.fb.len(),
            rows.fab.len()
        ));
    }
    let (d, k) = (s.inputs.len(), s.outputs.len());
    for (i, ((fa, fb), fab)) in rows.fa.iter().zip(&rows.fb).zip(&rows.fab).enumerate() {
        if fa.len() != k || fb.len() != k || fab.len() != d || fab.iter().any(|r| r.len() != k) {
            return Err(format!("row {} does not have {k} outputs for each of its {d} inputs", rows.start + i));
        }
    }
    Ok(())
}

/// Reads the partial files and merges them; they must all be of one kind and one run.
pub fn merge_files(paths: &[PathBuf]) -> Result<Merged> {
    let mut draws = Vec::new();
    let mut sobol = Vec::new();
    for p in paths {
        let mixed = |this: &str, others: &str| {
            Error::new(
                ErrorKind::Invalid,
                Location::file(p),
                format!("a {this} partial result among {others} ones"),
                "merge the partial files of one run",
            )
        };
        match read(p)? {
            Merged::Draws(_) if !sobol.is_empty() => return Err(mixed("Monte Carlo", "Sobol")),
            Merged::Sobol(_) if !draws.is_empty() => return Err(mixed("Sobol", "Monte Carlo")),
            Merged::Draws(d) => draws.push(d),
            Merged::Sobol(s) => sobol.push(s),
        }
    }
    let digests: Vec<Option<&str>> = if sobol.is_empty() {
        draws.iter().map(|d| d.meta.get(INPUTS_DIGEST).and_then(|v| v.as_str())).collect()
    } else {
        sobol.iter().map(|s| s.inputs_sha256.as_deref()).collect()
    };
    check_same_inputs(paths, &digests)?;
    if sobol.is_empty() {
        check_coverage(paths, &draws)?;
        Draws::merge(draws).map(Merged::Draws)
    } else {
        SobolPart::merge(sobol).map(Merged::Sobol)
    }
}

/// Refuses parts computed from different data: every part records a digest of its inputs'
/// content (`paths[i]` holds `digests[i]`); parts written before digests were recorded have none
/// and are accepted only among themselves.
fn check_same_inputs(paths: &[PathBuf], digests: &[Option<&str>]) -> Result<()> {
    let Some(first) = digests.first() else { return Ok(()) };
    match digests.iter().position(|d| d != first) {
        None => Ok(()),
        Some(i) => Err(Error::new(
            ErrorKind::Invalid,
            Location::file(&paths[i]),
            format!(
                "merge: this part was computed from other inputs than {} (the model, database or methods differ)",
                paths[0].display()
            ),
            "run every shard on the same model, database and methods, then merge",
        )),
    }
}

/// Names the files when Monte Carlo parts overlap or leave a gap (`paths[i]` holds `draws[i]`).
fn check_coverage(paths: &[PathBuf], draws: &[Draws]) -> Result<()> {
    // Parts of different runs: `Draws::merge` says so.
    let Some(first) = draws.first() else { return Ok(()) };
    if draws
        .iter()
        .any(|d| (&d.run, d.seed, d.iterations, &d.labels) != (&first.run, first.seed, first.iterations, &first.labels))
    {
        return Ok(());
    }
    let mut blocks: Vec<(usize, usize, &PathBuf)> =
        draws.iter().zip(paths).map(|(d, p)| (d.start, d.start + d.values.len(), p)).collect();
    blocks.sort_by_key(|b| (b.0, b.1));
    let mut covered = 0;
    let mut last: Option<&PathBuf> = None;
    for (start, end, path) in blocks {
        if start < covered {
            let other = last.map_or(String::new(), |l| format!(" and in `{}`", l.display()));
            return Err(Error::new(
                ErrorKind::Invalid,
                Location::file(path),
                format!("iterations {start}..{} are in this part{other}", end.min(covered)),
                "give every shard's part once (a part given twice, or parts of different --shard splits)",
            ));
        }
        if start > covered {
            return Err(Error::new(
                ErrorKind::Invalid,
                Location::file(path),
                format!("iterations {covered}..{start} are missing: no part holds them"),
                "run the missing shard (`mc --shard K/N` with the same -n and seed) and merge every part",
            ));
        }
        covered = end;
        last = Some(path);
    }
    if covered < first.iterations {
        return Err(Error::new(
            ErrorKind::Invalid,
            Location::entity("merge"),
            format!(
                "iterations {covered}..{} of {} are missing: no part holds them",
                first.iterations, first.iterations
            ),
            "run the missing shard (`mc --shard K/N` with the same -n and seed) and merge every part",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::sensitivity::sobol::SobolRows;

    #[test]
    fn parts_are_told_apart_by_their_schema() {
        let dir = tempfile::tempdir().unwrap();
        let write = |name: &str, text: String| {
            let p = dir.path().join(name);
            std::fs::write(&p, text).unwrap();
            p
        };
        let f = |i: u64| Ok(vec![i as f64]);
        let d0 = write(
            "d0.json",
            serde_json::to_string(&Draws::run("t", 1, 4, 0..2, vec!["a".into()], f).unwrap()).unwrap(),
        );
        let d1 = write(
            "d1.json",
            serde_json::to_string(&Draws::run("t", 1, 4, 2..4, vec!["a".into()], f).unwrap()).unwrap(),
        );
        let whole = Draws::run("t", 1, 4, 0..4, vec!["a".into()], f).unwrap();
        assert_eq!(merge_files(&[d1.clone(), d0.clone()]).unwrap(), Merged::Draws(whole));
        let rows = SobolRows { start: 0, fa: vec![vec![1.0]], fb: vec![vec![2.0]], fab: vec![vec![vec![3.0]]] };
        let part = SobolPart {
            schema: PART_SCHEMA.into(),
            run: "s".into(),
            seed: 1,
            n: 1,
            bootstrap: 1,
            inputs: vec!["x".into()],
            outputs: vec!["y".into()],
            rows,
            linking: None,
            inputs_sha256: None,
        };
        let s = write("s.json", serde_json::to_string(&part).unwrap());
        assert_eq!(merge_files(std::slice::from_ref(&s)).unwrap(), Merged::Sobol(part));
        let mixed = merge_files(&[d0, s.clone()]).unwrap_err();
        assert!(mixed.to_string().contains("s.json: a Sobol partial result among Monte Carlo ones"), "{mixed}");
        let other = write("o.json", r#"{"schema":"greenlca.other"}"#.into());
        assert!(merge_files(&[other]).unwrap_err().to_string().contains("schema `greenlca.other`"));
        let text = write("t.toml", "a = 1".into());
        assert!(
            merge_files(&[text]).unwrap_err().to_string().contains("not a partial result of `greenlca mc --shard`")
        );
    }
}
