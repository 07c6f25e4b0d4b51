//! `greenlca methods`: the methods greenlca can use with their categories, and how well one method
//! matches the elementary flows of a database.

use std::path::{Path, PathBuf};

use super::format::{TextTable, csv_line, exact, human, percent};
use crate::error::Result;
use crate::io::compiled::read_any_cached;
use crate::io::inputs::{default_database, find_method};
use crate::io::method::is_fedefl_factor;
use crate::matrix::{MatchRoute, UnlinkedPolicy, build_system, characterize};
use crate::model::Method;

/// Methods and their categories.
#[derive(Debug, Clone)]
pub struct MethodsReport {
    /// The methods, shipped ones first, then those of the method folder.
    pub methods: Vec<Method>,
}

impl MethodsReport {
    /// The shipped methods, plus every method folder inside `method_dir` (a folder of folders with
    /// factor tables) or `method_dir` itself when it is one.
    pub fn compute(method_dir: Option<&Path>) -> Result<MethodsReport> {
        let mut methods = Vec::new();
        for id in crate::io::shipped_method_ids() {
            methods.push(find_method(&id, None)?.0);
        }
        for dir in method_folders(method_dir)? {
            methods.push(find_method(&dir.display().to_string(), None)?.0);
        }
        Ok(MethodsReport { methods })
    }

    fn rows(&self) -> Vec<[String; 6]> {
        let mut rows = Vec::new();
        for m in &self.methods {
            for c in &m.categories {
                rows.push([
                    m.id.clone(),
                    m.name.clone(),
                    c.id.clone(),
                    c.name.clone(),
                    c.unit.clone(),
                    own_factors(c).to_string(),
                ]);
            }
        }
        rows
    }

    /// CSV: one row per category.
    pub fn to_csv(&self) -> String {
        let mut out = csv_line(&["method", "method_name", "category", "name", "unit", "factors"].map(String::from));
        for r in self.rows() {
            out.push_str(&csv_line(&r));
        }
        out
    }

    /// A table per method, for people.
    pub fn to_table(&self) -> String {
        let mut out = String::new();
        for m in &self.methods {
            out.push_str(&format!("{} ({}): {}\n", m.id, m.name, m.notes.clone().unwrap_or_default()));
            let mut t = TextTable::new(vec!["category".into(), "name".into(), "unit".into(), "factors".into()]);
            for c in &m.categories {
                t.row(vec![c.id.clone(), c.name.clone(), c.unit.clone(), own_factors(c).to_string()]);
            }
            out.push_str(&t.render());
            out.push('\n');
        }
        out
    }

    /// JSON (schema `greenlca.methods`).
    pub fn to_json(&self) -> String {
        let methods: Vec<serde_json::Value> = self
            .methods
            .iter()
            .map(|m| {
                serde_json::json!({
                    "id": m.id, "name": m.name, "version": m.version, "source": m.source, "notes": m.notes,
                    "categories": m.categories.iter().map(|c| serde_json::json!({
                        "id": c.id, "name": c.name, "unit": c.unit, "factors": own_factors(c)
                    })).collect::<Vec<_>>(),
                })
            })
            .collect();
        let v = serde_json::json!({
            "schema": "greenlca.methods", "schema_version": 1,
            "greenlca_version": env!("CARGO_PKG_VERSION"), "methods": methods,
        });
        serde_json::to_string_pretty(&v).expect("plain data") + "\n"
    }
}

/// A category's own factors, without those the FEDEFL route derives from them.
fn own_factors(c: &crate::model::Category) -> usize {
    c.factors.iter().filter(|f| !is_fedefl_factor(f)).count()
}

/// The method folders under `dir`: `dir` itself when it holds a factor table, else its sub-folders
/// that do (sorted by name).
fn method_folders(dir: Option<&Path>) -> Result<Vec<PathBuf>> {
    let Some(dir) = dir else { return Ok(Vec::new()) };
    if crate::io::method::factor_table_file(dir).is_some() {
        return Ok(vec![dir.to_path_buf()]);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| crate::error::Error::io(dir, &e))?;
    let mut found: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir() && crate::io::method::factor_table_file(p).is_some())
        .collect();
    found.sort();
    Ok(found)
}

/// How one category matched.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryMatch {
    /// Category id.
    pub id: String,
    pub name: String,
    pub unit: String,
    /// Factors of the category.
    pub factors: usize,
    /// Factors that found a flow of the database.
    pub factors_matched: usize,
    /// Elementary flows of the database that got a factor.
    pub flows_matched: usize,
    /// Of those, how many by each route: `id`, `fedefl`, `name`, `cas`.
    pub flows_by_route: Vec<(MatchRoute, usize)>,
}

/// The routes reported, in this order.
const ROUTES: [MatchRoute; 4] = [MatchRoute::Id, MatchRoute::Fedefl, MatchRoute::Name, MatchRoute::Cas];

/// An elementary flow of the database that no factor of the method matches.
#[derive(Debug, Clone, PartialEq)]
pub struct UnmatchedFlow {
    /// Flow id.
    pub id: String,
    pub name: String,
    /// `compartment/subcompartment`.
    pub compartment: String,
    pub unit: String,
    /// Sum over the database's processes of the absolute amount (per unit of each process's
    /// reference product): where a missing factor weighs most.
    pub amount: f64,
}

/// `greenlca methods match`: a method against a database.
#[derive(Debug, Clone)]
pub struct MatchReport {
    /// Method id.
    pub method: String,
    /// Method name.
    pub method_name: String,
    /// The database, as given (`default` for the shipped one).
    pub database: String,
    /// Elementary flows in the database.
    pub flows: usize,
    /// Per category.
    pub categories: Vec<CategoryMatch>,
    /// Flows no category matches, largest amount first (at most `top`).
    pub unmatched: Vec<UnmatchedFlow>,
    /// Number of unmatched flows with a non-zero amount, listed or not.
    pub unmatched_count: usize,
}

impl MatchReport {
    /// Matches `method` (id, TOML or method folder) to the database at `db` (default: the
    /// shipped one); lists the `top` unmatched flows with the largest amounts.
    pub fn compute(method: &str, db: Option<&Path>, top: usize) -> Result<MatchReport> {
        let (database, label) = match db {
            Some(p) => (read_any_cached(p)?, p.display().to_string()),
            None => (default_database()?.0, "default".into()),
        };
        let (m, _) = find_method(method, None)?;
        // Linking does not matter for B; cut off what has no provider.
        let system = build_system(&database, UnlinkedPolicy::Cutoff)?;
        let ch = characterize(&system.flows, std::slice::from_ref(&m), &database.units)?;
        let mut amount = vec![0.0; system.flows.len()];
        for (r, v) in system.b.rows.iter().zip(&system.b.values) {
            amount[*r] += v.abs();
        }
        let mut flows_per_cat = vec![std::collections::BTreeSet::new(); ch.k()];
        let mut routes = vec![std::collections::BTreeMap::<MatchRoute, usize>::new(); ch.k()];
        let mut any = vec![false; system.flows.len()];
        for ((r, c), fm) in ch.c.rows.iter().zip(&ch.c.cols).zip(&ch.matches) {
            flows_per_cat[*r].insert(*c);
            *routes[*r].entry(fm.route).or_default() += 1;
            any[*c] = true;
        }
        let categories = m
            .categories
            .iter()
            .enumerate()
            .map(|(k, c)| CategoryMatch {
                id: c.id.clone(),
                name: c.name.clone(),
                unit: c.unit.clone(),
                factors: own_factors(c),
                factors_matched: own_factors_matched(c, &ch.factor_used[k]),
                flows_matched: flows_per_cat[k].len(),
                flows_by_route: ROUTES.iter().map(|r| (*r, routes[k].get(r).copied().unwrap_or(0))).collect(),
            })
            .collect();
        let mut unmatched: Vec<UnmatchedFlow> = system
            .flows
            .iter()
            .enumerate()
            .filter(|(i, _)| !any[*i] && amount[*i] > 0.0)
            .map(|(i, f)| UnmatchedFlow {
                id: f.id.clone(),
                name: f.name.clone(),
                compartment: f.compartment.clone(),
                unit: f.unit.clone(),
                amount: amount[i],
            })
            .collect();
        unmatched.sort_by(|a, b| b.amount.total_cmp(&a.amount).then_with(|| a.id.cmp(&b.id)));
        let unmatched_count = unmatched.len();
        unmatched.truncate(top);
        Ok(MatchReport {
            method: m.id,
            method_name: m.name,
            database: label,
            flows: system.flows.len(),
            categories,
            unmatched,
            unmatched_count,
        })
    }

    /// CSV: one row per category (`listing` = `category`), then one per unmatched flow
    /// (`listing` = `unmatched_flow`, its amount in `amount`).
    pub fn to_csv(&self) -> String {
        let h = [
            "listing",
            "id",
            "name",
            "unit",
            "factors",
            "factors_matched",
            "match_rate",
            "flows_matched",
            "flows_by_id",
            "flows_by_fedefl",
            "flows_by_name",
            "flows_by_cas",
            "compartment",
            "amount",
        ];
        let mut out = csv_line(&h.map(String::from));
        for c in &self.categories {
            out.push_str(&csv_line(&[
                "category".into(),
                c.id.clone(),
                c.name.clone(),
                c.unit.clone(),
                c.factors.to_string(),
                c.factors_matched.to_string(),
                rate(c).map(exact).unwrap_or_default(),
                c.flows_matched.to_string(),
                route_count(c, MatchRoute::Id).to_string(),
                route_count(c, MatchRoute::Fedefl).to_string(),
                route_count(c, MatchRoute::Name).to_string(),
                route_count(c, MatchRoute::Cas).to_string(),
                String::new(),
                String::new(),
            ]));
        }
        for f in &self.unmatched {
            out.push_str(&csv_line(&[
                "unmatched_flow".into(),
                f.id.clone(),
                f.name.clone(),
                f.unit.clone(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                String::new(),
                f.compartment.clone(),
                exact(f.amount),
            ]));
        }
        out
    }

    /// Tables for people.
    pub fn to_table(&self) -> String {
        let mut out = format!(
            "{} ({}) against {}: {} elementary flows\n",
            self.method, self.method_name, self.database, self.flows
        );
        let mut t = TextTable::new(
            ["category", "unit", "factors", "matched", "match rate", "flows", "by id", "fedefl", "name", "cas"]
                .map(String::from)
                .to_vec(),
        );
        for c in &self.categories {
            t.row(vec![
                c.id.clone(),
                c.unit.clone(),
                c.factors.to_string(),
                c.factors_matched.to_string(),
                percent(rate(c)),
                c.flows_matched.to_string(),
                route_count(c, MatchRoute::Id).to_string(),
                route_count(c, MatchRoute::Fedefl).to_string(),
                route_count(c, MatchRoute::Name).to_string(),
                route_count(c, MatchRoute::Cas).to_string(),
            ]);
        }
        out.push_str(&t.render());
        out.push_str(&format!(
            "\n{} flows with a non-zero amount have no factor in this method; the largest:\n",
            self.unmatched_count
        ));
        let mut t = TextTable::new(["flow", "name", "compartment", "amount", "unit"].map(String::from).to_vec());
        for f in &self.unmatched {
            t.row(vec![f.id.clone(), f.name.clone(), f.compartment.clone(), human(f.amount, 4), f.unit.clone()]);
        }
        out.push_str(&t.render());
        out
    }

    /// JSON (schema `greenlca.method-match`).
    pub fn to_json(&self) -> String {
        let v = serde_json::json!({
            "schema": "greenlca.method-match", "schema_version": 1,
            "greenlca_version": env!("CARGO_PKG_VERSION"),
            "method": self.method, "method_name": self.method_name, "database": self.database,
            "elementary_flows": self.flows,
            "categories": self.categories.iter().map(|c| serde_json::json!({
                "id": c.id, "name": c.name, "unit": c.unit, "factors": c.factors,
                "factors_matched": c.factors_matched, "match_rate": rate(c), "flows_matched": c.flows_matched,
                "flows_by_route": c.flows_by_route.iter().map(|(r, n)| (r.as_str().to_string(), serde_json::json!(n))).collect::<serde_json::Map<_, _>>(),
            })).collect::<Vec<_>>(),
            "unmatched_count": self.unmatched_count,
            "unmatched": self.unmatched.iter().map(|f| serde_json::json!({
                "id": f.id, "name": f.name, "compartment": f.compartment, "unit": f.unit, "amount": f.amount,
            })).collect::<Vec<_>>(),
        });
        serde_json::to_string_pretty(&v).expect("plain data") + "\n"
    }
}

/// The method's own factors (not those derived through the FEDEFL route) that reached a flow,
/// directly or through a derived factor (which keeps its method factor's origin).
fn own_factors_matched(c: &crate::model::Category, used: &[bool]) -> usize {
    let reached: std::collections::HashSet<String> =
        c.factors.iter().zip(used).filter(|(_, u)| **u).map(|(f, _)| f.origin.to_string()).collect();
    c.factors.iter().filter(|f| !is_fedefl_factor(f) && reached.contains(&f.origin.to_string())).count()
}

fn route_count(c: &CategoryMatch, route: MatchRoute) -> usize {
    c.flows_by_route.iter().find(|(r, _)| *r == route).map_or(0, |(_, n)| *n)
}

/// Share of the category's factors that found a flow.
fn rate(c: &CategoryMatch) -> Option<f64> {
    (c.factors > 0).then(|| c.factors_matched as f64 / c.factors as f64)
}
