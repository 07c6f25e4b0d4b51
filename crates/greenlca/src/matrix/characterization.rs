//! The characterization matrix C (k categories x m flows), matching method factors to the flows of
//! a system by id, or by name and compartment, or by CAS number and compartment.

use std::collections::HashMap;

use super::pattern::Pattern;
use super::system::{Entries, EntrySource, FlowRow};
use crate::error::{Collector, Result};
use crate::model::{Factor, Method, UnitRegistry};

/// An impact category as a row of C.
#[derive(Debug, Clone, PartialEq)]
pub struct CategoryRow {
    /// Category id, unique across the methods loaded (e.g. `gwp100`).
    pub id: String,
    /// Method id.
    pub method: String,
    pub name: String,
    /// Name in Chinese.
    pub name_zh: Option<String>,
    /// Unit of the result.
    pub unit: String,
}

/// C with its rows and what could not be matched.
#[derive(Debug, Clone)]
pub struct Characterization {
    /// Rows of C.
    pub categories: Vec<CategoryRow>,
    /// Entries of C.
    pub c: Entries,
    /// Pattern of C.
    pub pattern: Pattern,
    /// Flows of the system that no factor of any loaded method matches.
    pub unmatched_flows: Vec<String>,
    /// Per category, the number of factors that matched no flow of the system.
    pub unused_factors: Vec<usize>,
}

impl Characterization {
    /// Position of a category by id (also `method/category`).
    pub fn category(&self, id: &str) -> Option<usize> {
        self.categories.iter().position(|c| c.id == id || format!("{}/{}", c.method, c.id) == id)
    }
    /// C with its deterministic values.
    pub fn matrix(&self) -> sprs::CsMat<f64> {
        self.pattern.matrix(&self.c.values)
    }
    /// Number of categories.
    pub fn k(&self) -> usize {
        self.categories.len()
    }
    /// Builds C directly from entries (matrix files).
    pub fn from_entries(categories: Vec<CategoryRow>, m: usize, c: Entries) -> Characterization {
        let pattern = Pattern::new(categories.len(), m, &c.rows, &c.cols);
        let unused = vec![0; categories.len()];
        Characterization { categories, c, pattern, unmatched_flows: Vec::new(), unused_factors: unused }
    }
}

/// How well a factor matches a flow; higher wins.
fn score(f: &Factor, flow: &FlowRow) -> u8 {
    if f.flow_id.as_deref() == Some(flow.id.as_str()) {
        return 4;
    }
    let (top, sub) = flow.compartment.split_once('/').unwrap_or((flow.compartment.as_str(), ""));
    let comp_ok = f
        .compartment
        .as_deref()
        .is_none_or(|c| c.eq_ignore_ascii_case(top) || c.eq_ignore_ascii_case(&flow.compartment));
    let sub_ok = f.subcompartment.as_deref().is_none_or(|s| s.eq_ignore_ascii_case(sub));
    if !(comp_ok && sub_ok) {
        return 0;
    }
    let specific = u8::from(f.subcompartment.is_some());
    let name_ok = f.flow_name.as_deref().is_some_and(|n| n.eq_ignore_ascii_case(&flow.name));
    if name_ok {
        return 2 + specific;
    }
    let cas_ok =
        matches!((&f.cas, &flow.cas), (Some(a), Some(b)) if normalize_cas(a) == normalize_cas(b) && !a.is_empty());
    if cas_ok { 1 } else { 0 }
}

fn normalize_cas(c: &str) -> String {
    let t = c.trim().trim_start_matches("CAS").trim_start_matches(':').trim();
    t.trim_start_matches('0').to_string()
}

/// Matches the factors of `methods` to `flows` and builds C.
pub fn characterize(flows: &[FlowRow], methods: &[Method], units: &UnitRegistry) -> Result<Characterization> {
    let mut problems = Collector::default();
    let mut categories = Vec::new();
    let mut c = Entries::default();
    let mut matched_any = vec![false; flows.len()];
    let mut unused = Vec::new();
    // Candidate flows per lower-case name and per normalised CAS, to avoid a k x m x factors scan.
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_cas: HashMap<String, Vec<usize>> = HashMap::new();
    let by_id: HashMap<&str, usize> = flows.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect();
    for (i, f) in flows.iter().enumerate() {
        by_name.entry(f.name.to_lowercase()).or_default().push(i);
        if let Some(cas) = &f.cas {
            by_cas.entry(normalize_cas(cas)).or_default().push(i);
        }
    }
    for method in methods {
        for cat in &method.categories {
            let row = categories.len();
            categories.push(CategoryRow {
                id: cat.id.clone(),
                method: method.id.clone(),
                name: cat.name.clone(),
                name_zh: cat.name_zh.clone(),
                unit: cat.unit.clone(),
            });
            // Best factor per flow.
            let mut best: HashMap<usize, (u8, usize)> = HashMap::new();
            let mut unused_here = 0;
            for (fi, f) in cat.factors.iter().enumerate() {
                // By id when the flow exists; by name, compartment and CAS otherwise (a method written
                // for one database applied to another).
                let mut cands: Vec<usize> = Vec::new();
                match f.flow_id.as_deref().and_then(|id| by_id.get(id)) {
                    Some(&i) => cands.push(i),
                    None => {
                        if let Some(n) = &f.flow_name {
                            cands.extend(by_name.get(&n.to_lowercase()).into_iter().flatten());
                        }
                        if let Some(cas) = &f.cas {
                            cands.extend(by_cas.get(&normalize_cas(cas)).into_iter().flatten());
                        }
                    }
                }
                let mut hit = false;
                for flow in cands {
                    let s = score(f, &flows[flow]);
                    if s == 0 {
                        continue;
                    }
                    hit = true;
                    let e = best.entry(flow).or_insert((s, fi));
                    if s > e.0 {
                        *e = (s, fi);
                    }
                }
                if !hit {
                    unused_here += 1;
                }
            }
            unused.push(unused_here);
            let mut matched: Vec<(usize, usize)> = best.into_iter().map(|(flow, (_, fi))| (flow, fi)).collect();
            matched.sort_unstable();
            for (flow, fi) in matched {
                let f = &cat.factors[fi];
                let conv = match &f.flow_unit {
                    Some(u) => match problems.take(factor_conversion(units, &flows[flow], u, &f.origin)) {
                        Some(k) => k,
                        None => continue,
                    },
                    None => 1.0,
                };
                matched_any[flow] = true;
                c.push(row, flow, f.value * conv, f.uncertainty.map(|d| d.scaled(conv)), EntrySource::Data);
            }
        }
    }
    let unmatched_flows = flows.iter().zip(&matched_any).filter(|(_, m)| !**m).map(|(f, _)| f.id.clone()).collect();
    let pattern = Pattern::new(categories.len(), flows.len(), &c.rows, &c.cols);
    problems.finish(Characterization { categories, c, pattern, unmatched_flows, unused_factors: unused })
}

/// Converts a factor given per `factor_unit` to the flow's unit. A factor whose unit is of another
/// dimension than the flow's is wrong in the method (where the error points), so the hint says
/// which unit the factor should be given per.
fn factor_conversion(
    units: &UnitRegistry,
    flow: &FlowRow,
    factor_unit: &str,
    at: &crate::error::Location,
) -> Result<f64> {
    let (flow_dim, factor_dim) = (units.resolve(&flow.unit), units.resolve(factor_unit));
    if let (Some((fd, _)), Some((kd, _))) = (&flow_dim, &factor_dim)
        && fd != kd
    {
        return Err(crate::error::Error::new(
            crate::error::ErrorKind::Unit,
            at.clone(),
            format!(
                "the factor is per `{factor_unit}` ({kd}) but flow `{}` is measured in `{}` ({fd})",
                flow.id, flow.unit
            ),
            format!(
                "give this factor per a unit of {fd}, such as `{}`, or match it to a flow measured in {kd}",
                flow.unit
            ),
        ));
    }
    // One flow unit is k factor units, so the factor per flow unit is k times the one given.
    units.factor(&flow.unit, factor_unit, at)
}
