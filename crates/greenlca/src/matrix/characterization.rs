//! The characterization matrix C (k categories x m flows), matching method factors to the flows of
//! a system by id, or by name and compartment, or by CAS number and compartment.

use std::collections::HashMap;

use super::pattern::Pattern;
use super::system::{Entries, EntrySource, FlowRow};
use crate::error::{Collector, Result};
use crate::io::method::is_fedefl_factor;
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
    /// Per entry of C (same order), the factor (its index in its category) and how it matched.
    pub matches: Vec<FactorMatch>,
    /// Per category and factor, whether the factor matched a flow (won or not).
    pub factor_used: Vec<Vec<bool>>,
}

/// Which factor gave an entry of C, and by which route it reached the flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactorMatch {
    /// Index of the factor in its category.
    pub factor: usize,
    pub route: MatchRoute,
}

/// How a factor reached a flow.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum MatchRoute {
    /// The flow's id, as written in the method.
    Id,
    /// Through the FEDEFL mapping files (flow-list UUID -> FEDEFL flowable and context -> method
    /// substance).
    Fedefl,
    /// Name and compartment.
    Name,
    /// CAS number and compartment.
    Cas,
    /// Given as a matrix (matrix files), not matched.
    Given,
}

impl MatchRoute {
    /// The route's name in reports: `id`, `fedefl`, `name`, `cas`, `given`.
    pub fn as_str(self) -> &'static str {
        match self {
            MatchRoute::Id => "id",
            MatchRoute::Fedefl => "fedefl",
            MatchRoute::Name => "name",
            MatchRoute::Cas => "cas",
            MatchRoute::Given => "given",
        }
    }
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
        let matches = vec![FactorMatch { factor: 0, route: MatchRoute::Given }; c.values.len()];
        let factor_used = vec![Vec::new(); categories.len()];
        Characterization {
            categories,
            c,
            pattern,
            unmatched_flows: Vec::new(),
            unused_factors: unused,
            matches,
            factor_used,
        }
    }
}

/// How well a factor matches a flow; higher wins.
fn score(f: &Factor, flow: &FlowRow) -> u8 {
    if f.flow_id.as_deref() == Some(flow.id.as_str()) {
        return 4;
    }
    let (top, sub) = flow.compartment.split_once('/').unwrap_or((flow.compartment.as_str(), ""));
    // A flow filed under no compartment (USLCI's bare `Elementary Flows`) is open to factors of any
    // compartment; `characterize` keeps the match only when they agree on the value.
    let unknown = compartment_unknown(flow);
    let comp_ok = unknown
        || f.compartment.as_deref().is_none_or(|c| same_top(c, top) || c.eq_ignore_ascii_case(&flow.compartment));
    let sub_ok = unknown || f.subcompartment.as_deref().is_none_or(|s| same_sub(s, sub));
    if !(comp_ok && sub_ok) {
        return 0;
    }
    let specific = u8::from(f.subcompartment.is_some());
    let name_ok = f
        .flow_name
        .as_deref()
        .is_some_and(|n| n.eq_ignore_ascii_case(&flow.name) || n.eq_ignore_ascii_case(basis_free(&flow.name)));
    if name_ok {
        return 2 + specific;
    }
    let cas_ok =
        matches!((&f.cas, &flow.cas), (Some(a), Some(b)) if normalize_cas(a) == normalize_cas(b) && !a.is_empty());
    if cas_ok { 1 } else { 0 }
}

/// Whether the flow's category names no compartment (`other` with nothing below, or none).
fn compartment_unknown(flow: &FlowRow) -> bool {
    flow.compartment.is_empty() || flow.compartment.eq_ignore_ascii_case("other")
}

/// A name without the basis it is reported on (`Nitrogen oxides (as NO2)` is `Nitrogen oxides`
/// in method tables, which state the basis in the factor).
fn basis_free(name: &str) -> &str {
    match name.rfind(" (as ") {
        Some(i) if name.ends_with(')') => &name[..i],
        _ => name,
    }
}

/// Top compartments that flow lists name differently (USLCI and FEDEFL `resource`, ecoinvent
/// `natural resource`).
fn same_top(a: &str, b: &str) -> bool {
    let canon = |s: &str| {
        let s = s.trim().to_lowercase();
        if s == "resource" { "natural resource".to_string() } else { s }
    };
    canon(a) == canon(b)
}

/// Sub-compartments that flow lists name differently: USLCI `low population density` is ecoinvent
/// `non-urban air or from high stacks` and TRACI `rural`; `high population density` is `urban air
/// close to ground` and `urban`; `unspecified` is the bare compartment.
fn same_sub(a: &str, b: &str) -> bool {
    let canon = |s: &str| {
        let s = s.trim().to_lowercase();
        match s.as_str() {
            "low population density" | "non-urban air or from high stacks" | "rural" => "rural".to_string(),
            "high population density" | "urban air close to ground" | "urban" => "urban".to_string(),
            "unspecified" => String::new(),
            _ => s,
        }
    };
    canon(a) == canon(b)
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
    let mut matches = Vec::new();
    let mut factor_used = Vec::new();
    // Candidate flows per lower-case name and per normalised CAS, to avoid a k x m x factors scan.
    let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
    let mut by_cas: HashMap<String, Vec<usize>> = HashMap::new();
    let by_id: HashMap<&str, usize> = flows.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect();
    for (i, f) in flows.iter().enumerate() {
        by_name.entry(f.name.to_lowercase()).or_default().push(i);
        if basis_free(&f.name) != f.name {
            by_name.entry(basis_free(&f.name).to_lowercase()).or_default().push(i);
        }
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
            // Flows of unknown compartment offered factors of different values: left unmatched.
            let mut disputed: Vec<usize> = Vec::new();
            let mut unused_here = 0;
            let mut used_here = vec![false; cat.factors.len()];
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
                    // Matched by name or CAS across flow lists, a unit of another dimension (water in
                    // kg against a factor per m3) means the factor does not apply: the flow stays
                    // unmatched and is reported, rather than failing the run. By id it is an error.
                    let convertible = |u: &String| units.factor(&flows[flow].unit, u, &f.origin).is_ok();
                    // The FEDEFL route crosses flow lists too, though it matches by id.
                    let across = s < 4 || is_fedefl_factor(f);
                    if across && !f.flow_unit.as_ref().is_none_or(convertible) {
                        continue;
                    }
                    hit = true;
                    let e = best.entry(flow).or_insert((s, fi));
                    if compartment_unknown(&flows[flow]) && cat.factors[e.1].value != f.value {
                        disputed.push(flow);
                    }
                    if s > e.0 {
                        *e = (s, fi);
                    }
                }
                if hit {
                    used_here[fi] = true;
                } else {
                    unused_here += 1;
                }
            }
            unused.push(unused_here);
            factor_used.push(used_here);
            let mut matched: Vec<(usize, usize, u8)> = best
                .into_iter()
                .filter(|(flow, _)| !disputed.contains(flow))
                .map(|(flow, (s, fi))| (flow, fi, s))
                .collect();
            matched.sort_unstable();
            for (flow, fi, s) in matched {
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
                let route = match s {
                    4 if is_fedefl_factor(f) => MatchRoute::Fedefl,
                    4 => MatchRoute::Id,
                    2 | 3 => MatchRoute::Name,
                    _ => MatchRoute::Cas,
                };
                matches.push(FactorMatch { factor: fi, route });
            }
        }
    }
    let unmatched_flows = flows.iter().zip(&matched_any).filter(|(_, m)| !**m).map(|(f, _)| f.id.clone()).collect();
    let pattern = Pattern::new(categories.len(), flows.len(), &c.rows, &c.cols);
    problems.finish(Characterization {
        categories,
        c,
        pattern,
        unmatched_flows,
        unused_factors: unused,
        matches,
        factor_used,
    })
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
