//! Processes: exchanges converted into their flows' reference units, reference flows, avoided
//! products, default providers, uncertainty, formulas, parameters and allocation factors.

use std::collections::HashMap;

use super::CategoryPaths;
use super::flows::{FlowInfo, FlowTable};
use super::schema;
use super::uncertainty::distribution;
use super::units::UnitTables;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::import::formula_translate::translate;
use crate::io::import::params::{NameMap, resolver};
use crate::io::import::report::{NoteKind, Notes};
use crate::model::{AllocationFactor, AllocationMethod, Direction, Exchange, FlowKind, Parameter, Process, Scope};

/// What reading processes needs from the rest of the export.
pub struct Context<'a> {
    /// Flows by id.
    pub flows: &'a FlowTable,
    /// Units and flow properties.
    pub tables: &'a UnitTables,
    /// Category paths.
    pub paths: &'a CategoryPaths,
    /// Location id -> code.
    pub locations: &'a HashMap<String, String>,
    /// Names of the global parameters.
    pub globals: &'a NameMap,
}

/// Processes and their parameters.
pub struct ReadProcesses {
    pub processes: Vec<Process>,
    /// Process-scoped parameters.
    pub parameters: Vec<Parameter>,
}

/// Reads the global parameters (`parameters/*.json`).
pub fn read_globals(
    docs: &[(Location, schema::Parameter)],
    names: &mut NameMap,
    notes: &mut Notes,
) -> Result<Vec<Parameter>> {
    let globals: Vec<&(Location, schema::Parameter)> =
        docs.iter().filter(|(_, p)| p.parameter_scope.as_deref().is_none_or(|s| s == "GLOBAL_SCOPE")).collect();
    for (at, p) in &globals {
        names.add(&p.name, at, notes);
    }
    let mut out = Vec::new();
    for (at, p) in globals {
        let at = at.clone().with_entity(format!("global parameter `{}`", p.name.trim()));
        out.push(parameter(p, Scope::Global, None, names, &at, notes)?);
    }
    Ok(out)
}

fn parameter(
    p: &schema::Parameter,
    scope: Scope,
    local: Option<&NameMap>,
    globals: &NameMap,
    at: &Location,
    notes: &mut Notes,
) -> Result<Parameter> {
    let names = local.unwrap_or(globals);
    let name = names.get(&p.name).cloned().unwrap_or_else(|| p.name.trim().to_string());
    let formula = match (&p.formula, p.input_parameter) {
        (Some(f), Some(false) | None) if !f.trim().is_empty() => Some(translate(f, &resolver(local, globals), at)?),
        _ => None,
    };
    let uncertainty = match (&p.uncertainty, p.value, &formula) {
        (Some(u), Some(v), None) => distribution(u, v, at, notes),
        _ => None,
    };
    let mut description = p.description.clone();
    if name != p.name.trim() {
        let was = format!("openLCA name: {}", p.name.trim());
        description = Some(description.map_or(was.clone(), |d| format!("{d} ({was})")));
    }
    Ok(Parameter {
        name,
        scope,
        value: p.value,
        formula,
        unit: None,
        min: None,
        max: None,
        uncertainty,
        description,
        source: None,
        origin: at.clone(),
    })
}

/// Reads every process.
pub fn read_processes(
    docs: &[(Location, schema::Process)],
    ctx: &Context<'_>,
    notes: &mut Notes,
) -> Result<ReadProcesses> {
    let mut processes = Vec::with_capacity(docs.len());
    let mut parameters = Vec::new();
    for (file, p) in docs {
        let at = file.clone().with_entity(format!("process `{}` ({})", p.name.trim(), p.id));
        let mut local = NameMap::default();
        for prm in &p.parameters {
            local.add(&prm.name, &at, notes);
        }
        for prm in &p.parameters {
            let pat = file.clone().with_entity(format!("process `{}`, parameter `{}`", p.name.trim(), prm.name.trim()));
            parameters.push(parameter(prm, Scope::Process(p.id.clone()), Some(&local), ctx.globals, &pat, notes)?);
        }
        let mut exchanges = Vec::with_capacity(p.exchanges.len());
        for e in &p.exchanges {
            exchanges.push(exchange(e, p, file, &local, ctx, notes)?);
        }
        let allocation = allocation_method(p.default_allocation_method.as_deref(), &at)?;
        let allocation_factors = allocation_factors(p, ctx, &at, notes);
        let location = p
            .location
            .as_ref()
            .and_then(|l| l.id.as_ref().and_then(|id| ctx.locations.get(id)).cloned().or_else(|| l.name.clone()));
        processes.push(Process {
            id: p.id.clone(),
            name: p.name.trim().to_string(),
            name_zh: None,
            location,
            category: ctx.paths.path(&p.category),
            allocation,
            allocation_factors,
            exchanges,
            source: None,
            indicative: false,
            comment: p.description.clone(),
            origin: at,
        });
    }
    Ok(ReadProcesses { processes, parameters })
}

fn allocation_method(text: Option<&str>, at: &Location) -> Result<AllocationMethod> {
    match text {
        None | Some("NO_ALLOCATION") | Some("USE_DEFAULT_ALLOCATION") => Ok(AllocationMethod::None),
        Some(t) => AllocationMethod::parse(t).ok_or_else(|| {
            Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("default allocation method `{t}` is unknown"),
                "use PHYSICAL_ALLOCATION, ECONOMIC_ALLOCATION, CAUSAL_ALLOCATION or NO_ALLOCATION",
            )
        }),
    }
}

fn exchange(
    e: &schema::Exchange,
    p: &schema::Process,
    file: &Location,
    local: &NameMap,
    ctx: &Context<'_>,
    notes: &mut Notes,
) -> Result<Exchange> {
    let flow_ref = e.flow.as_ref();
    let flow_id = flow_ref.and_then(|r| r.id.as_deref()).unwrap_or("");
    let flow_name = flow_ref.and_then(|r| r.name.as_deref()).unwrap_or("").trim();
    let at =
        file.clone().with_entity(format!("process `{}`, exchange of flow `{flow_name}` ({flow_id})", p.name.trim()));
    let info: &FlowInfo = ctx.flows.get(flow_id).ok_or_else(|| {
        Error::new(
            ErrorKind::UnknownId,
            at.clone(),
            format!("unknown flow `{flow_id}`"),
            "the export must contain every flow its processes use (export with references)",
        )
    })?;
    let amount = e.amount.ok_or_else(|| {
        Error::new(ErrorKind::Value, at.clone(), "the exchange has no amount", "give the exchange an amount")
    })?;
    if !amount.is_finite() {
        return Err(Error::new(ErrorKind::Value, at, format!("amount {amount}"), "give a finite amount"));
    }
    let k = conversion(e, info, ctx.tables, &at)?;
    let formula = match &e.amount_formula {
        Some(f) if !f.trim().is_empty() => {
            let t = translate(f, &resolver(Some(local), ctx.globals), &at)?;
            Some(if k == 1.0 { t } else { format!("({k})*{t}") })
        }
        _ => None,
    };
    let uncertainty = e.uncertainty.as_ref().and_then(|u| distribution(u, amount, &at, notes)).map(|d| d.scaled(k));
    let input = e.is_input.or(e.input).unwrap_or(false);
    let avoided_flag = e.avoided_product.unwrap_or(false);
    // openLCA stores an avoided product as a (negatively linked) input and an avoided waste as an
    // output; in greenlca an avoided product is an output credited against its provider, and an
    // avoided waste is waste taken in (its treatment elsewhere is saved).
    let (direction, avoided) = match (avoided_flag, info.flow.kind) {
        (true, FlowKind::Waste) => (Direction::Input, false),
        (true, _) => (Direction::Output, true),
        (false, _) => (if input { Direction::Input } else { Direction::Output }, false),
    };
    Ok(Exchange {
        flow: info.flow.id.clone(),
        direction,
        amount: amount * k,
        formula,
        unit: info.flow.unit.clone(),
        provider: e.default_provider.as_ref().and_then(|r| r.id.clone()),
        is_reference: e.quantitative_reference.unwrap_or(false),
        avoided,
        uncertainty,
        pedigree: None,
        source: None,
        indicative: false,
        comment: e.description.clone(),
        origin: at,
    })
}

/// Factor from the exchange's unit (of its flow property) to the flow's reference unit.
fn conversion(e: &schema::Exchange, info: &FlowInfo, tables: &UnitTables, at: &Location) -> Result<f64> {
    let property = e.flow_property.as_ref().and_then(|r| r.id.as_deref()).unwrap_or(&info.ref_property);
    let Some(&c) = info.factors.get(property) else {
        let name = tables.property_name(property).unwrap_or(property);
        return Err(Error::new(
            ErrorKind::Unit,
            at.clone(),
            format!("the amount is given in flow property `{name}`, which flow `{}` does not have", info.flow.name),
            "give the amount in one of the flow's properties, or add the property (with its factor) to the flow",
        ));
    };
    let unit_id = e.unit.as_ref().and_then(|r| r.id.as_deref());
    let unit_name = e.unit.as_ref().and_then(|r| r.name.as_deref());
    let Some((sym, f, group)) = tables.unit(unit_id, unit_name, property) else {
        return Err(Error::new(
            ErrorKind::Unit,
            at.clone(),
            format!("unknown unit `{}` ({})", unit_name.unwrap_or("?"), unit_id.unwrap_or("no id")),
            "the export must contain the unit groups of every unit used",
        ));
    };
    if !tables.belongs(group, property) {
        return Err(Error::new(
            ErrorKind::Unit,
            at.clone(),
            format!(
                "unit `{sym}` is not a unit of flow property `{}`",
                tables.property_name(property).unwrap_or(property)
            ),
            "give the amount in a unit of the exchange's flow property",
        ));
    }
    // amount in the property's reference unit, then in the flow's reference property.
    Ok(f / c)
}

fn allocation_factors(
    p: &schema::Process,
    ctx: &Context<'_>,
    at: &Location,
    notes: &mut Notes,
) -> Vec<AllocationFactor> {
    let mut out = Vec::new();
    let mut skipped: HashMap<&'static str, usize> = HashMap::new();
    for af in &p.allocation_factors {
        let Some(method) = af.allocation_type.as_deref().and_then(AllocationMethod::parse) else {
            *skipped.entry("an unknown allocation type").or_default() += 1;
            continue;
        };
        let Some(product) = af.product.as_ref().and_then(|r| r.id.clone()) else {
            *skipped.entry("no product").or_default() += 1;
            continue;
        };
        if ctx.flows.get(&product).is_none() {
            *skipped.entry("a product flow not in the export").or_default() += 1;
            continue;
        }
        let Some(value) = af.value.filter(|v| (0.0..=1.0).contains(v)) else {
            *skipped.entry("a value outside [0, 1]").or_default() += 1;
            continue;
        };
        let exchange_flow = if method == AllocationMethod::Causal {
            match causal_flow(af.exchange.as_ref(), p) {
                Some(f) => Some(f),
                None => {
                    *skipped.entry("no exchange (causal)").or_default() += 1;
                    continue;
                }
            }
        } else {
            None
        };
        // greenlca keys a causal factor by the exchanged flow: a second factor for the same flow
        // (two exchanges of one flow) is dropped, and reported when its value differs.
        let same =
            |f: &&AllocationFactor| f.product == product && f.method == method && f.exchange_flow == exchange_flow;
        if let Some(first) = out.iter().find(same) {
            if first.factor != value {
                *skipped.entry("another value for a flow already given a factor (the first is kept)").or_default() += 1;
            }
            continue;
        }
        out.push(AllocationFactor { product, method, factor: value, exchange_flow, origin: at.clone() });
    }
    let mut reasons: Vec<_> = skipped.into_iter().collect();
    reasons.sort();
    for (why, n) in reasons {
        notes.push(
            NoteKind::AllocationFactorSkipped,
            at.clone(),
            format!("{n} allocation factor(s) with {why} skipped"),
        );
    }
    out
}

/// The flow of the exchange a causal factor applies to: named in the reference (v1), or found by
/// the exchange's id (v1) or internal id (v2).
fn causal_flow(r: Option<&schema::ExchangeRef>, p: &schema::Process) -> Option<String> {
    let r = r?;
    if let Some(id) = r.flow.as_ref().and_then(|f| f.id.clone()) {
        return Some(id);
    }
    let found = p
        .exchanges
        .iter()
        .find(|e| (r.id.is_some() && e.id == r.id) || (r.internal_id.is_some() && e.internal_id == r.internal_id))?;
    found.flow.as_ref().and_then(|f| f.id.clone())
}
