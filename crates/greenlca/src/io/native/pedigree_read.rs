//! Pedigree scores per process (`pedigree.csv`) and basic uncertainty per exchange type
//! (`basic_uncertainty.csv`) of a database folder, turned into lognormal distributions of the
//! exchanges that have none (docs/formats.md, "Pedigree uncertainty of a database").
//!
//! The width of an exchange is sigma = sqrt(basic variance + pedigree variances) (Weidema et al.
//! 2013); its median is the amount. The reference exchange stays fixed (it defines the unit of the
//! process), exchanges with a distribution of their own keep it, formula exchanges vary through
//! their parameters, and zero amounts cannot be lognormal.

use std::collections::{HashMap, HashSet};

use super::csv_table::CsvTable;
use crate::error::{Collector, Error, ErrorKind, Result};
use crate::model::{Distribution, Flow, FlowKind, Process, pedigree};
use crate::source::InputSource;

/// The five score columns of `pedigree.csv`, in the order of the pedigree matrix.
pub const SCORE_COLUMNS: [&str; 5] = ["reliability", "completeness", "temporal", "geographical", "technological"];

/// Basic variances of ln x: by flow id, with defaults for product and waste flows (`*product`,
/// `*waste`); a flow matched by neither gets none (only the pedigree widens it).
#[derive(Debug, Default)]
struct BasicVariances {
    by_flow: HashMap<String, f64>,
    by_kind: HashMap<&'static str, f64>,
}

impl BasicVariances {
    fn of(&self, flow: Option<&Flow>, id: &str) -> f64 {
        if let Some(v) = self.by_flow.get(id) {
            return *v;
        }
        let kind = match flow.map(|f| f.kind) {
            Some(FlowKind::Product) => "*product",
            Some(FlowKind::Waste) => "*waste",
            _ => "*elementary",
        };
        self.by_kind.get(kind).copied().unwrap_or(0.0)
    }
}

/// Reads `pedigree` (and `basic`, when the source has it) and gives the exchanges of the scored
/// processes their lognormal distributions. `sources` are the keys of database.toml (empty: no check).
pub fn apply(
    src: &dyn InputSource,
    pedigree_file: &str,
    basic_file: Option<&str>,
    flows: &[Flow],
    sources: &HashSet<&str>,
    processes: &mut [Process],
    problems: &mut Collector,
) {
    let flow_by_id: HashMap<&str, &Flow> = flows.iter().map(|f| (f.id.as_str(), f)).collect();
    let basic = match basic_file {
        Some(name) => problems.take(read_basic(src, name, &flow_by_id, sources)).unwrap_or_default(),
        None => BasicVariances::default(),
    };
    let Some(scores) = problems.take(read_scores(src, pedigree_file, processes, sources)) else {
        return;
    };
    for p in processes.iter_mut() {
        let Some(s) = scores.get(p.id.as_str()) else { continue };
        for e in p.exchanges.iter_mut() {
            if e.is_reference || e.uncertainty.is_some() || e.formula.is_some() || e.amount == 0.0 {
                continue;
            }
            let basic_var = basic.of(flow_by_id.get(e.flow.as_str()).copied(), &e.flow);
            let sigma = pedigree::total_sigma(basic_var.sqrt(), *s);
            if sigma > 0.0 {
                e.uncertainty = Some(Distribution::Lognormal { mu: e.amount.abs().ln(), sigma });
                e.pedigree = Some(*s);
            }
        }
    }
}

fn check_source(text: Option<&str>, sources: &HashSet<&str>, at: &crate::error::Location) -> Result<()> {
    let Some(t) = text else {
        return Err(Error::new(
            ErrorKind::Value,
            at.clone(),
            "`source` is empty",
            "name the publication (a key of database.toml, then the table)",
        ));
    };
    let key = t.split([' ', ',', ';']).next().unwrap_or("");
    if !sources.is_empty() && !sources.contains(key) {
        return Err(Error::new(
            ErrorKind::UnknownId,
            at.clone(),
            format!("source `{t}` does not start with a key of database.toml"),
            "define the source under [[sources]] in database.toml and start the cell with its key",
        ));
    }
    Ok(())
}

fn read_scores(
    src: &dyn InputSource,
    name: &str,
    processes: &[Process],
    sources: &HashSet<&str>,
) -> Result<HashMap<String, [u8; 5]>> {
    let t = CsvTable::read_in(src, name)?;
    let mut required = vec!["process", "source"];
    required.extend(SCORE_COLUMNS);
    t.require_columns(&required)?;
    let known: HashSet<&str> = processes.iter().map(|p| p.id.as_str()).collect();
    let mut problems = Collector::default();
    let mut out: HashMap<String, [u8; 5]> = HashMap::new();
    for row in t.rows() {
        let r = (|| {
            let id = row.required("process")?;
            let at = row.at().with_entity(format!("process `{id}`"));
            if !known.contains(id) {
                return Err(Error::new(
                    ErrorKind::UnknownId,
                    at,
                    format!("unknown process `{id}`"),
                    "score a process of processes.csv, or correct the id",
                ));
            }
            if out.contains_key(id) {
                return Err(Error::new(
                    ErrorKind::DuplicateId,
                    at,
                    format!("process `{id}` is scored twice"),
                    "keep one row per process",
                ));
            }
            let mut s = [0u8; 5];
            for (k, col) in SCORE_COLUMNS.iter().enumerate() {
                let v = row.number(col)?;
                s[k] = match v {
                    Some(x) if x.fract() == 0.0 && (1.0..=5.0).contains(&x) => x as u8,
                    _ => {
                        return Err(Error::new(
                            ErrorKind::Distribution,
                            at,
                            format!("`{col}` is {}, not a score from 1 to 5", row.get(col).unwrap_or("empty")),
                            "give each of the five pedigree scores as a whole number from 1 (best) to 5",
                        ));
                    }
                };
            }
            check_source(row.get("source"), sources, &at)?;
            Ok((id.to_string(), s))
        })();
        if let Some((id, s)) = problems.take(r) {
            out.insert(id, s);
        }
    }
    problems.finish(out)
}

fn read_basic(
    src: &dyn InputSource,
    name: &str,
    flows: &HashMap<&str, &Flow>,
    sources: &HashSet<&str>,
) -> Result<BasicVariances> {
    let t = CsvTable::read_in(src, name)?;
    t.require_columns(&["flow", "variance", "source"])?;
    let mut problems = Collector::default();
    let mut out = BasicVariances::default();
    for row in t.rows() {
        let r = (|| {
            let flow = row.required("flow")?;
            let at = row.at().with_entity(format!("flow `{flow}`"));
            let variance = row.number("variance")?.filter(|v| v.is_finite() && *v >= 0.0).ok_or_else(|| {
                Error::new(
                    ErrorKind::Distribution,
                    at.clone(),
                    format!("`variance` is {}, not a number >= 0", row.get("variance").unwrap_or("empty")),
                    "give the basic variance of ln x (e.g. 0.0006), not a GSD",
                )
            })?;
            check_source(row.get("source"), sources, &at)?;
            let kind = match flow {
                "*product" => Some("*product"),
                "*waste" => Some("*waste"),
                "*elementary" => Some("*elementary"),
                id if flows.contains_key(id) => None,
                other => {
                    return Err(Error::new(
                        ErrorKind::UnknownId,
                        at,
                        format!("unknown flow `{other}`"),
                        "name a flow of flows.csv, or *product, *waste or *elementary for the default of a kind",
                    ));
                }
            };
            Ok((flow.to_string(), kind, variance))
        })();
        if let Some((flow, kind, v)) = problems.take(r) {
            let dup = match kind {
                Some(k) => out.by_kind.insert(k, v).is_some(),
                None => out.by_flow.insert(flow.clone(), v).is_some(),
            };
            if dup {
                problems.push(Error::new(
                    ErrorKind::DuplicateId,
                    crate::error::Location::file(src.display_path(name)).with_entity(format!("flow `{flow}`")),
                    format!("flow `{flow}` has two basic variances"),
                    "keep one row per flow",
                ));
            }
        }
    }
    problems.finish(out)
}
