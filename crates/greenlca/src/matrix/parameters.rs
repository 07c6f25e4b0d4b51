//! Re-evaluation of a database's parameters and formulas when parameter values change (a variant, a
//! `--set`, a Monte Carlo draw), giving new values for the matrix entries that depend on them.

use std::collections::HashMap;

use super::system::{EntrySource, TechSystem};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::formula::{self, Env, Formula};
use crate::model::{Database, Parameter, Scope};

/// The formulas of a database, parsed once.
#[derive(Debug, Clone, Default)]
pub struct DbFormulas {
    globals: Vec<Parameter>,
    locals: HashMap<usize, Vec<Parameter>>,
    exchange_formulas: HashMap<(usize, usize), Formula>,
}

impl DbFormulas {
    /// Parses the formulas of `db`.
    pub fn new(db: &Database) -> Result<DbFormulas> {
        let globals = db.parameters.iter().filter(|p| p.scope == Scope::Global).cloned().collect();
        let mut locals: HashMap<usize, Vec<Parameter>> = HashMap::new();
        for p in &db.parameters {
            if let Scope::Process(id) = &p.scope
                && let Some(pos) = db.process_position(id)
            {
                locals.entry(pos).or_default().push(p.clone());
            }
        }
        let mut exchange_formulas = HashMap::new();
        for (pi, p) in db.processes.iter().enumerate() {
            for (ei, e) in p.exchanges.iter().enumerate() {
                if let Some(f) = &e.formula {
                    exchange_formulas.insert((pi, ei), Formula::parse(f, &e.origin)?);
                }
            }
        }
        Ok(DbFormulas { globals, locals, exchange_formulas })
    }

    /// True when the database has no formulas (parameter changes cannot affect it).
    pub fn is_empty(&self) -> bool {
        self.exchange_formulas.is_empty()
    }

    /// Names of the global parameters.
    pub fn global_names(&self) -> Vec<&str> {
        self.globals.iter().map(|p| p.name.as_str()).collect()
    }

    /// A global parameter by name.
    pub fn global(&self, name: &str) -> Option<&Parameter> {
        self.globals.iter().find(|p| p.name == name)
    }

    /// The global parameters evaluated with `overrides`.
    pub fn global_env(&self, overrides: &HashMap<String, f64>) -> Result<Env> {
        let refs: Vec<&Parameter> = self.globals.iter().collect();
        formula::evaluate(&refs, overrides, None)
    }

    /// Amounts of every formula exchange under `overrides` (global names, or `process_id.name`
    /// is not supported: process parameters take their own values).
    pub fn amounts(&self, overrides: &HashMap<String, f64>) -> Result<HashMap<(usize, usize), f64>> {
        let global = self.global_env(overrides)?;
        let mut envs: HashMap<usize, Env> = HashMap::new();
        let mut out = HashMap::with_capacity(self.exchange_formulas.len());
        for (&(pi, ei), f) in &self.exchange_formulas {
            let env = match envs.get(&pi) {
                Some(e) => e,
                None => {
                    let refs: Vec<&Parameter> = self.locals.get(&pi).map(|v| v.iter().collect()).unwrap_or_default();
                    let e = formula::evaluate(&refs, &HashMap::new(), Some(&global))?;
                    envs.entry(pi).or_insert(e)
                }
            };
            let v = f.eval(|n| env.get(n).or_else(|| global.get(n)), &Location::default())?;
            out.insert((pi, ei), v);
        }
        Ok(out)
    }

    /// New entry values of A and B of `system` (built from the same database) under `overrides`.
    pub fn entry_values(&self, system: &TechSystem, overrides: &HashMap<String, f64>) -> Result<(Vec<f64>, Vec<f64>)> {
        let amounts = self.amounts(overrides)?;
        let refill = |values: &[f64], sources: &[EntrySource]| {
            values
                .iter()
                .zip(sources)
                .map(|(&v, s)| match s {
                    EntrySource::Exchange { process, exchange, factor } => {
                        amounts.get(&(*process, *exchange)).map_or(v, |a| a * factor)
                    }
                    EntrySource::Data => v,
                })
                .collect::<Vec<f64>>()
        };
        Ok((refill(&system.a.values, &system.a.sources), refill(&system.b.values, &system.b.sources)))
    }
}

/// Error for an override naming no parameter.
pub fn unknown_parameter(name: &str, known: &[&str], at: Location) -> Error {
    let mut known: Vec<&str> = known.to_vec();
    known.sort_unstable();
    known.dedup();
    Error::new(
        ErrorKind::UnknownId,
        at,
        format!("unknown parameter `{name}`"),
        match crate::did_you_mean(name, known.iter().copied()) {
            _ if known.is_empty() => "the model has no parameters".to_string(),
            Some(near) => format!("did you mean `{near}`?"),
            None if known.len() <= 12 => format!("known parameters: {}", known.join(", ")),
            None => format!(
                "known parameters include {}, ... ({} in all: see the parameters of the model and its database)",
                known[..8].join(", "),
                known.len()
            ),
        },
    )
}
