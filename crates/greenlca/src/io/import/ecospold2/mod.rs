//! EcoSpold 2 (`.spold`, the ecoinvent 3 format): one file, a folder of them, or a zip of them.
//!
//! Each activity data set becomes a process; its reference product is the intermediate exchange
//! of output group 0 with a non-zero amount (a negative one marks a waste treatment, whose
//! reference becomes the waste taken in). Intermediate inputs (input group 5) are linked by their
//! `activityLinkId` where given, else by flow; by-products (output group 2) of product flows are
//! co-products. Elementary exchanges keep their compartment. Uncertainty and the pedigree matrix,
//! parameters and mathematical relations are read as docs/import.md describes.

mod dataset;
mod uncertainty;

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use self::dataset::{Kind, RawActivity, RawExchange, read_activity};
use super::compartment;
use super::finish::{Draft, finish};
use super::formula_translate::translate;
use super::options::ImportOptions;
use super::params::{NameMap, resolver};
use super::report::{Imported, NoteKind, Notes, SourceFormat};
use super::unit_names::unit_symbol;
use super::xml_tree;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::archive::read_texts;
use crate::model::{
    Database, DatabaseMeta, Direction, Exchange, Flow, FlowKind, Parameter, Process, Scope, UnitRegistry,
};

/// Reads EcoSpold 2 data sets with default options.
pub fn read_ecospold2(path: &Path) -> Result<Database> {
    import_ecospold2(path, &ImportOptions::default()).map(|i| i.database)
}

/// Reads EcoSpold 2 data sets (a `.spold` file, a folder or a zip of them) and reports what was
/// changed on the way.
pub fn import_ecospold2(path: &Path, options: &ImportOptions) -> Result<Imported> {
    let activities = read_texts(path, options.max_entry_bytes, "spold")?
        .into_par_iter()
        .map(|(at, text)| xml_tree::parse(&text, &at).and_then(|root| read_activity(&root, &at)))
        .collect::<Result<Vec<_>>>()?;
    if activities.is_empty() {
        return Err(Error::new(
            ErrorKind::Invalid,
            Location::file(path),
            "no .spold data sets found",
            "give a .spold file, or a folder or zip archive of them",
        ));
    }
    build(path, activities)
}

/// The reference product exchange of an activity: output group 0 with a non-zero amount.
fn reference_of(a: &RawActivity) -> Result<&RawExchange> {
    let refs: Vec<&RawExchange> = a
        .exchanges
        .iter()
        .filter(|e| e.kind == Kind::Intermediate && e.output_group == Some(0) && e.amount != 0.0)
        .collect();
    match refs.as_slice() {
        [one] => Ok(one),
        [] => Err(Error::new(
            ErrorKind::Invalid,
            a.at.clone(),
            "no reference product: no intermediate exchange of output group 0 with a non-zero amount",
            "mark the product made (or the waste treated, with a negative amount) with <outputGroup>0</outputGroup>",
        )),
        _ => Err(Error::new(
            ErrorKind::Invalid,
            a.at.clone(),
            format!("{} reference products with non-zero amounts", refs.len()),
            "greenlca reads allocated (single-product) data sets: give the other products output group 2",
        )),
    }
}

fn build(path: &Path, activities: Vec<RawActivity>) -> Result<Imported> {
    let mut notes = Notes::default();
    let mut units = UnitRegistry::default();
    let refs: Vec<&RawExchange> = activities.iter().map(reference_of).collect::<Result<_>>()?;
    // A flow that some data set treats (negative reference amount) is a waste.
    let wastes: HashSet<&str> = refs.iter().filter(|r| r.amount < 0.0).map(|r| r.flow_id.as_str()).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for a in &activities {
        *count.entry(a.activity_id.as_str()).or_default() += 1;
    }
    let ids: Vec<String> = activities
        .iter()
        .zip(&refs)
        .map(|(a, r)| {
            if count[a.activity_id.as_str()] > 1 {
                format!("{}_{}", a.activity_id, r.flow_id)
            } else {
                a.activity_id.clone()
            }
        })
        .collect();
    let mut by_link: HashMap<(&str, &str), &str> = HashMap::new();
    let mut by_activity: HashMap<&str, &str> = HashMap::new();
    for ((a, r), id) in activities.iter().zip(&refs).zip(&ids) {
        by_link.insert((a.activity_id.as_str(), r.flow_id.as_str()), id.as_str());
        by_activity.entry(a.activity_id.as_str()).or_insert(id.as_str());
    }
    let flows = collect_flows(&activities, &wastes, &mut units)?;
    let flow_kind: HashMap<&str, FlowKind> = flows.iter().map(|f| (f.id.as_str(), f.kind)).collect();
    let mut processes = Vec::with_capacity(activities.len());
    let mut parameters = Vec::new();
    let mut exchanges_read = 0;
    let globals = NameMap::default();
    for ((a, r), id) in activities.iter().zip(&refs).zip(&ids) {
        exchanges_read += a.exchanges.len();
        let mut local = NameMap::default();
        for p in &a.parameters {
            local.add(&p.variable, &p.at, &mut notes);
        }
        for e in a.exchanges.iter().filter(|e| e.variable.is_some()) {
            local.add(e.variable.as_deref().unwrap_or(""), &e.at, &mut notes);
        }
        let resolve = resolver(Some(&local), &globals);
        for p in &a.parameters {
            let name = local.get(&p.variable).cloned().unwrap_or_else(|| p.variable.clone());
            let formula = p.relation.as_deref().map(|f| translate(f, &resolve, &p.at)).transpose()?;
            let (uncertainty, _) = match &formula {
                None => uncertainty::read(p.element.child("uncertainty"), p.amount, &p.at, &mut notes)?,
                Some(_) => (None, None),
            };
            parameters.push(Parameter {
                name,
                scope: Scope::Process(id.clone()),
                value: Some(p.amount),
                formula,
                unit: p.unit.clone(),
                min: None,
                max: None,
                uncertainty,
                description: p.description.clone(),
                source: None,
                origin: p.at.clone(),
            });
        }
        let mut exchanges = Vec::with_capacity(a.exchanges.len());
        for e in &a.exchanges {
            let is_ref = std::ptr::eq(e, *r);
            if e.kind == Kind::Intermediate && e.output_group.is_some() && e.amount == 0.0 && !is_ref {
                notes.push(
                    NoteKind::ZeroExchangeLeftOut,
                    e.at.clone(),
                    "product output with amount 0 (not produced in this data set); left out",
                );
                continue;
            }
            let ctx = ExchangeContext {
                id,
                is_ref,
                local: &local,
                by_link: &by_link,
                by_activity: &by_activity,
                flow_kind: &flow_kind,
                globals: &globals,
            };
            let (ex, param) = exchange(e, &ctx, &mut units, &mut notes)?;
            parameters.extend(param);
            exchanges.push(ex);
        }
        processes.push(Process {
            id: id.clone(),
            name: if count[a.activity_id.as_str()] > 1 { format!("{} ({})", a.name, r.name) } else { a.name.clone() },
            name_zh: None,
            location: a.location.clone(),
            category: a.category.clone(),
            allocation: Default::default(),
            allocation_factors: Vec::new(),
            exchanges,
            source: None,
            indicative: false,
            comment: a.comment.clone(),
            origin: a.at.clone(),
        });
    }
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("EcoSpold 2").to_string();
    let meta = DatabaseMeta {
        description: Some(format!(
            "Imported by greenlca {} from {} (EcoSpold 2).",
            env!("CARGO_PKG_VERSION"),
            path.file_name().and_then(|s| s.to_str()).unwrap_or("?")
        )),
        name,
        ..Default::default()
    };
    finish(Draft { meta, flows, processes, parameters, units, notes, exchanges_read, format: SourceFormat::EcoSpold2 })
}

/// Flows in order of first use; an intermediate flow that some data set treats is a waste.
fn collect_flows(activities: &[RawActivity], wastes: &HashSet<&str>, units: &mut UnitRegistry) -> Result<Vec<Flow>> {
    let mut flows: Vec<Flow> = Vec::new();
    let mut seen: HashMap<String, Kind> = HashMap::new();
    for e in activities.iter().flat_map(|a| &a.exchanges) {
        if let Some(k) = seen.get(&e.flow_id) {
            if *k != e.kind {
                return Err(Error::new(
                    ErrorKind::DuplicateId,
                    e.at.clone(),
                    format!("flow `{}` is used both as an intermediate and as an elementary exchange", e.flow_id),
                    "give the two flows different ids",
                ));
            }
            continue;
        }
        seen.insert(e.flow_id.clone(), e.kind);
        let unit = unit_symbol(&e.unit, units, &e.at)?;
        let (kind, comp, sub) = match e.kind {
            Kind::Elementary => {
                let c = e.compartment.as_deref().map(compartment::normalize).unwrap_or_else(|| "other".to_string());
                (FlowKind::Elementary, Some(c), e.subcompartment.clone())
            }
            Kind::Intermediate if wastes.contains(e.flow_id.as_str()) => (FlowKind::Waste, None, None),
            Kind::Intermediate => (FlowKind::Product, None, None),
        };
        flows.push(Flow {
            id: e.flow_id.clone(),
            name: e.name.clone(),
            name_zh: None,
            kind,
            unit,
            compartment: comp,
            subcompartment: sub,
            cas: if e.kind == Kind::Elementary { e.cas.clone() } else { None },
            comment: None,
        });
    }
    Ok(flows)
}

struct ExchangeContext<'a> {
    id: &'a str,
    is_ref: bool,
    local: &'a NameMap,
    by_link: &'a HashMap<(&'a str, &'a str), &'a str>,
    by_activity: &'a HashMap<&'a str, &'a str>,
    flow_kind: &'a HashMap<&'a str, FlowKind>,
    /// EcoSpold 2 has no global parameters: an empty scope.
    globals: &'a NameMap,
}

/// One exchange, with the process parameter its `variableName` defines (if any).
fn exchange(
    e: &RawExchange,
    ctx: &ExchangeContext<'_>,
    units: &mut UnitRegistry,
    notes: &mut Notes,
) -> Result<(Exchange, Option<Parameter>)> {
    let unit = unit_symbol(&e.unit, units, &e.at)?;
    // A treatment's reference is a negative output of the waste: in greenlca, the waste taken in.
    let flip = ctx.is_ref && e.amount < 0.0;
    let sign = if flip { -1.0 } else { 1.0 };
    let direction = match (e.kind, e.input_group, e.output_group) {
        _ if flip => Direction::Input,
        (_, Some(_), _) => Direction::Input,
        _ => Direction::Output,
    };
    let resolve = resolver(Some(ctx.local), ctx.globals);
    let relation = e.relation.as_deref().map(|f| translate(f, &resolve, &e.at)).transpose()?;
    let mut param = None;
    let formula = match (&e.variable, relation) {
        (Some(var), relation) => {
            let name = ctx.local.get(var).cloned().unwrap_or_else(|| var.clone());
            let has_relation = relation.is_some();
            param = Some(Parameter {
                name: name.clone(),
                scope: Scope::Process(ctx.id.to_string()),
                value: Some(e.amount),
                formula: relation,
                unit: Some(unit.clone()),
                min: None,
                max: None,
                uncertainty: None,
                description: Some(format!("amount of exchange `{}`", e.name)),
                source: None,
                origin: e.at.clone(),
            });
            has_relation.then_some(name)
        }
        (None, relation) => relation,
    };
    let formula = formula.map(|f| if flip { format!("(-1)*{f}") } else { f });
    let (dist, scores) = if formula.is_none() {
        uncertainty::read(e.element.child("uncertainty"), e.amount, &e.at, notes)?
    } else {
        (None, None)
    };
    let provider = e.activity_link.as_deref().map(|link| {
        ctx.by_link
            .get(&(link, e.flow_id.as_str()))
            .or_else(|| ctx.by_activity.get(link))
            .map_or_else(|| link.to_string(), |p| p.to_string())
    });
    let is_elementary = ctx.flow_kind.get(e.flow_id.as_str()) == Some(&FlowKind::Elementary);
    Ok((
        Exchange {
            flow: e.flow_id.clone(),
            direction,
            amount: e.amount * sign,
            formula,
            unit,
            provider: if is_elementary { None } else { provider },
            is_reference: ctx.is_ref,
            avoided: false,
            uncertainty: dist.map(|d| d.scaled(sign)),
            pedigree: scores,
            source: None,
            indicative: false,
            comment: e.comment.clone(),
            origin: e.at.clone(),
        },
        param,
    ))
}
