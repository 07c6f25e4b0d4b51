//! Relinking a provider throughout the supply chain (docs/formats.md, "Relinking"): every exchange
//! that the background system links to `from` (by a named provider or by the linking rule), and
//! every exchange of the product that names `from`, is linked to `to` instead.
//!
//! The background changes, so a relinked variant gets its own system built from a copy of the
//! database with the providers named (`Study::engine_for`); rows and columns stay the same.

use std::collections::HashSet;

use super::build::build_system;
use super::system::{EntrySource, TechSystem, UnlinkedPolicy};
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Database, ForegroundExchange, ForegroundKind, Relink};

/// A relink as applied to one variant: what it changed and how many exchanges.
#[derive(Debug, Clone, PartialEq)]
pub struct Relinked {
    /// The provider replaced.
    pub from: String,
    /// The provider used instead.
    pub to: String,
    /// Background exchanges relinked: (process position, exchange position) in the database.
    pub exchanges: Vec<(usize, usize)>,
    /// Exchanges of the product relinked.
    pub foreground: usize,
}

impl Relinked {
    /// Background and foreground exchanges relinked.
    pub fn count(&self) -> usize {
        self.exchanges.len() + self.foreground
    }
}

/// Finds what each relink changes in the background `system` of `db`, and relinks the product's
/// `exchanges` in place. A relink that changes nothing, names an unknown process, or whose new
/// provider makes another product is an error at the relink.
pub fn plan(
    relinks: &[&Relink],
    exchanges: &mut [ForegroundExchange],
    db: &Database,
    system: &TechSystem,
) -> Result<Vec<Relinked>> {
    let mut out = Vec::with_capacity(relinks.len());
    for r in relinks {
        for id in std::iter::once(&r.from).chain(std::iter::once(&r.to)).chain(r.within.iter()) {
            if db.process(id).is_none() {
                let hint = match crate::did_you_mean(id, db.processes.iter().map(|p| p.id.as_str())) {
                    Some(near) => format!("did you mean `{near}`? (`greenlca db search` finds processes)"),
                    None => "name a process id of the database (`greenlca db search` finds them)".to_string(),
                };
                return Err(Error::new(
                    ErrorKind::UnknownId,
                    r.origin.clone(),
                    format!("relink names `{id}`, which is not a process of the database"),
                    hint,
                ));
            }
        }
        let cols_of = |pid: &str| -> Vec<usize> {
            (0..system.n()).filter(|&c| system.columns[c].process.as_deref() == Some(pid)).collect()
        };
        let (from_cols, to_cols) = (cols_of(&r.from), cols_of(&r.to));
        let product = |c: usize| system.columns[c].product.clone();
        let to_products: Vec<Option<String>> = to_cols.iter().map(|&c| product(c)).collect();
        for &c in &from_cols {
            if !to_products.contains(&product(c)) {
                return Err(Error::new(
                    ErrorKind::Invalid,
                    r.origin.clone(),
                    format!(
                        "relink to `{}` makes {}, but `{}` makes `{}`",
                        r.to,
                        to_products
                            .iter()
                            .map(|p| format!("`{}`", p.as_deref().unwrap_or("?")))
                            .collect::<Vec<_>>()
                            .join(", "),
                        r.from,
                        product(c).as_deref().unwrap_or("?")
                    ),
                    "relink to a provider of the same product (flow), or use a variant's `swap` with a conversion",
                ));
            }
        }
        let within: HashSet<&str> = r.within.iter().map(String::as_str).collect();
        let mut seen = HashSet::new();
        for k in 0..system.a.len() {
            let (row, col) = (system.a.rows[k], system.a.cols[k]);
            if row == col || !from_cols.contains(&row) || to_cols.contains(&col) || from_cols.contains(&col) {
                continue;
            }
            let EntrySource::Exchange { process, exchange, .. } = system.a.sources[k] else { continue };
            if !within.is_empty() && !within.contains(db.processes[process].id.as_str()) {
                continue;
            }
            seen.insert((process, exchange));
        }
        let mut background: Vec<(usize, usize)> = seen.into_iter().collect();
        background.sort_unstable();
        let mut foreground = 0;
        if within.is_empty() {
            for e in exchanges.iter_mut().filter(|e| e.kind != ForegroundKind::Elementary && e.target == r.from) {
                e.target = r.to.clone();
                foreground += 1;
            }
        }
        let done = Relinked { from: r.from.clone(), to: r.to.clone(), exchanges: background, foreground };
        if done.count() == 0 {
            return Err(Error::new(
                ErrorKind::Invalid,
                r.origin.clone(),
                format!(
                    "relink from `{}` to `{}` changes nothing: no exchange{} is linked to `{}`",
                    r.from,
                    r.to,
                    if within.is_empty() { String::new() } else { format!(" of {}", r.within.join(", ")) },
                    r.from
                ),
                "name a provider the supply chain uses (`greenlca contrib` lists the processes that contribute), or correct `within`",
            ));
        }
        out.push(done);
    }
    Ok(out)
}

/// A copy of `db` with the relinked exchanges naming their new provider.
pub fn apply(db: &Database, relinked: &[Relinked]) -> Database {
    let mut db = db.clone();
    for r in relinked {
        for &(p, e) in &r.exchanges {
            db.processes[p].exchanges[e].provider = Some(r.to.clone());
        }
    }
    db
}

/// The background system of `db` with the relinks applied.
pub fn relinked_system(db: &Database, relinked: &[Relinked], policy: UnlinkedPolicy) -> Result<(Database, TechSystem)> {
    let db = apply(db, relinked);
    let system = build_system(&db, policy)?;
    Ok((db, system))
}
