//! Builds a [`TechSystem`] from a database: columns (splitting allocated multi-output processes),
//! links from exchanges to providers, unit conversion, and checks of the diagonal.

use std::collections::HashMap;

use super::flow_sign::FlowDirections;
use super::system::{
    Ambiguous, Column, Entries, EntrySource, FlowRow, LinkReport, TechSystem, Unlinked, UnlinkedPolicy,
};
use crate::error::{Collector, Error, ErrorKind, Result};
use crate::model::{AllocationMethod, Database, Direction, Exchange, FlowKind, Process};

/// One column to be: a process, or one co-product of an allocated process.
struct Plan {
    process: usize,
    /// Position of the exchange that is this column's reference (diagonal).
    reference: usize,
    /// Allocation share per exchange position (`None`: 1 for all).
    shares: Option<Vec<f64>>,
}

/// Builds the background system of `db`. Unlinked inputs are handled by `policy`; flows made by
/// several processes are linked by the rule of docs/formats.md (the provider named in the
/// exchange, else a producer in the consumer's location, else the first producer by id) and reported.
pub fn build_system(db: &Database, policy: UnlinkedPolicy) -> Result<TechSystem> {
    let mut problems = Collector::default();
    let mut plans = Vec::new();
    for (pi, p) in db.processes.iter().enumerate() {
        if let Some(mut v) = problems.take(plan_process(db, pi, p)) {
            plans.append(&mut v);
        }
    }
    // Columns and the producers of each flow.
    let mut columns = Vec::with_capacity(plans.len());
    let mut producers: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut column_of: HashMap<(usize, &str), usize> = HashMap::new();
    let mut allocated = vec![false; db.processes.len()];
    for plan in &plans {
        if plan.shares.is_some() {
            allocated[plan.process] = true;
        }
    }
    for (c, plan) in plans.iter().enumerate() {
        let p = &db.processes[plan.process];
        let ex = &p.exchanges[plan.reference];
        let flow = db.flow(&ex.flow).expect("checked by the reader");
        let id = if allocated[plan.process] { format!("{}|{}", p.id, flow.id) } else { p.id.clone() };
        let name = if allocated[plan.process] { format!("{} ({})", p.name, flow.name) } else { p.name.clone() };
        columns.push(Column {
            id,
            process: Some(p.id.clone()),
            product: Some(flow.id.clone()),
            name,
            unit: flow.unit.clone(),
            location: p.location.clone(),
        });
        producers.entry(flow.id.as_str()).or_default().push(c);
        column_of.insert((plan.process, flow.id.as_str()), c);
    }
    for v in producers.values_mut() {
        v.sort_by(|&a, &b| columns[a].id.cmp(&columns[b].id));
    }
    let flows: Vec<FlowRow> = db
        .flows
        .iter()
        .filter(|f| f.kind == FlowKind::Elementary)
        .map(|f| FlowRow {
            id: f.id.clone(),
            name: f.name.clone(),
            compartment: f.compartment_label(),
            unit: f.unit.clone(),
            cas: f.cas.clone(),
        })
        .collect();
    let flow_row: HashMap<&str, usize> = flows.iter().enumerate().map(|(i, f)| (f.id.as_str(), i)).collect();

    let mut a = Entries::default();
    let mut b = Entries::default();
    let mut links = LinkReport { policy, ..Default::default() };
    let mut ambiguous_seen: HashMap<(String, String), ()> = HashMap::new();
    let directions = FlowDirections::new(db);
    for (c, plan) in plans.iter().enumerate() {
        let p = &db.processes[plan.process];
        for (ei, ex) in p.exchanges.iter().enumerate() {
            let share = plan.shares.as_ref().map_or(1.0, |s| s[ei]);
            let is_coproduct_elsewhere = allocated[plan.process] && ei != plan.reference && is_coproduct(db, ex);
            if is_coproduct_elsewhere || share == 0.0 {
                continue;
            }
            let Some(flow) = db.flow(&ex.flow) else {
                continue;
            };
            let Some(unit) = problems.take(db.units.factor(&ex.unit, &flow.unit, &ex.origin)) else {
                continue;
            };
            if flow.kind == FlowKind::Elementary {
                let factor = directions.sign(flow, ex.direction) * unit * share;
                let dist = ex.uncertainty.map(|d| d.scaled(factor));
                b.push(
                    flow_row[flow.id.as_str()],
                    c,
                    ex.amount * factor,
                    dist,
                    EntrySource::Exchange { process: plan.process, exchange: ei, factor },
                );
                continue;
            }
            let row = if ei == plan.reference {
                Some(c)
            } else {
                match provider_column(db, p, ex, &producers, &column_of, &columns) {
                    Ok(Some((col, candidates))) => {
                        if candidates.len() > 1 && ambiguous_seen.insert((p.id.clone(), ex.flow.clone()), ()).is_none()
                        {
                            links.ambiguous.push(Ambiguous {
                                process: p.id.clone(),
                                flow: ex.flow.clone(),
                                candidates: candidates.iter().map(|&k| columns[k].id.clone()).collect(),
                                chosen: columns[col].id.clone(),
                            });
                        }
                        Some(col)
                    }
                    Ok(None) => {
                        // Count an allocated process's unlinked input once, not once per co-product.
                        let first_column_of_process = plans.iter().position(|q| q.process == plan.process) == Some(c);
                        if first_column_of_process {
                            links.unlinked.push(Unlinked {
                                process: p.id.clone(),
                                flow: ex.flow.clone(),
                                flow_name: flow.name.clone(),
                                amount: ex.amount,
                                unit: ex.unit.clone(),
                            });
                        }
                        None
                    }
                    Err(e) => {
                        problems.push(e);
                        None
                    }
                }
            };
            let Some(row) = row else { continue };
            if ei != plan.reference {
                links.linked += 1;
            }
            let factor = ex.direction.sign() * unit * if ei == plan.reference { 1.0 } else { share };
            let dist = ex.uncertainty.map(|d| d.scaled(factor));
            a.push(
                row,
                c,
                ex.amount * factor,
                dist,
                EntrySource::Exchange { process: plan.process, exchange: ei, factor },
            );
        }
    }
    if policy == UnlinkedPolicy::Error && !links.unlinked.is_empty() {
        for u in links.unlinked.iter().take(50) {
            let p = db.process(&u.process).expect("known");
            problems.push(Error::new(
                ErrorKind::Unlinked,
                p.origin.clone(),
                format!("input of flow `{}` ({}) has no provider in the database", u.flow, u.flow_name),
                "add a process that makes it, name a `provider`, or choose --unlinked cutoff (or warn) to leave such inputs out",
            ));
        }
        if links.unlinked.len() > 50 {
            let first = db.process(&links.unlinked[0].process).expect("known");
            problems.push(Error::new(
                ErrorKind::Unlinked,
                first.origin.clone(),
                format!("... and {} more unlinked inputs", links.unlinked.len() - 50),
                "see `greenlca validate --unlinked warn` for the full list",
            ));
        }
    }
    check_diagonal(&a, &columns, db, &mut problems);
    problems.finish(TechSystem::new(columns, flows, a, b, links))
}

fn is_coproduct(db: &Database, ex: &Exchange) -> bool {
    ex.direction == Direction::Output && !ex.avoided && db.flow(&ex.flow).is_some_and(|f| f.kind == FlowKind::Product)
}

/// The columns a process turns into, with allocation shares when it has co-products.
fn plan_process(db: &Database, pi: usize, p: &Process) -> Result<Vec<Plan>> {
    let Some(reference) = p.exchanges.iter().position(|e| e.is_reference) else {
        return Err(Error::new(
            ErrorKind::Invalid,
            p.origin.clone(),
            "has no reference exchange",
            "mark its product output (or treated waste input) with reference = true",
        ));
    };
    let ref_flow = db.flow(&p.exchanges[reference].flow);
    if ref_flow.is_none_or(|f| f.kind == FlowKind::Elementary) {
        return Err(Error::new(
            ErrorKind::Invalid,
            p.origin.clone(),
            "its reference flow is not a product or waste",
            "the reference must be the product made or the waste treated",
        ));
    }
    if p.exchanges[reference].amount == 0.0 {
        return Err(Error::new(
            ErrorKind::Singular,
            p.origin.clone(),
            "its reference output is zero",
            "give the reference exchange a non-zero amount",
        ));
    }
    let coproducts: Vec<usize> = p
        .exchanges
        .iter()
        .enumerate()
        .filter(|(i, e)| *i != reference && is_coproduct(db, e))
        .map(|(i, _)| i)
        .collect();
    if coproducts.is_empty() {
        return Ok(vec![Plan { process: pi, reference, shares: None }]);
    }
    if p.allocation == AllocationMethod::None {
        let names: Vec<String> = coproducts.iter().map(|&i| format!("`{}`", p.exchanges[i].flow)).collect();
        return Err(Error::new(
            ErrorKind::Invalid,
            p.origin.clone(),
            format!("has co-products {} besides its reference product", names.join(", ")),
            "give allocation factors (allocation.csv and the process's `allocation` column), or mark the co-products avoided = true (substitution)",
        ));
    }
    let products: Vec<usize> = std::iter::once(reference).chain(coproducts).collect();
    let mut plans = Vec::new();
    let mut total = 0.0;
    for &prod in &products {
        let pflow = &p.exchanges[prod].flow;
        let of_method = |flow: Option<&str>| {
            p.allocation_factors
                .iter()
                .find(|f| f.method == p.allocation && f.product == *pflow && f.exchange_flow.as_deref() == flow)
                .map(|f| f.factor)
        };
        let general = of_method(None);
        if p.allocation != AllocationMethod::Causal {
            let Some(g) = general else {
                return Err(Error::new(
                    ErrorKind::Invalid,
                    p.origin.clone(),
                    format!("no {} allocation factor for co-product `{pflow}`", p.allocation.as_str()),
                    "add a row to allocation.csv for every co-product",
                ));
            };
            total += g;
        }
        let mut shares = Vec::with_capacity(p.exchanges.len());
        for (ei, ex) in p.exchanges.iter().enumerate() {
            if products.contains(&ei) {
                shares.push(if ei == prod { 1.0 } else { 0.0 });
                continue;
            }
            let s = match p.allocation {
                AllocationMethod::Causal => of_method(Some(&ex.flow)).or(general).ok_or_else(|| {
                    Error::new(
                        ErrorKind::Invalid,
                        p.origin.clone(),
                        format!("no causal allocation factor for co-product `{pflow}` and exchange `{}`", ex.flow),
                        "give a factor per co-product and exchanged flow (exchange_flow), or one without exchange_flow as the default",
                    )
                })?,
                _ => general.unwrap_or(0.0),
            };
            shares.push(s);
        }
        plans.push(Plan { process: pi, reference: prod, shares: Some(shares) });
    }
    if p.allocation != AllocationMethod::Causal && (total - 1.0).abs() > 1e-6 {
        return Err(Error::new(
            ErrorKind::Invalid,
            p.origin.clone(),
            format!("{} allocation factors sum to {total}, not 1", p.allocation.as_str()),
            "correct allocation.csv so that the shares of all co-products add up to 1",
        ));
    }
    Ok(plans)
}

/// The column that provides (or treats) the flow of `ex`, with the candidates considered.
fn provider_column(
    db: &Database,
    consumer: &Process,
    ex: &Exchange,
    producers: &HashMap<&str, Vec<usize>>,
    column_of: &HashMap<(usize, &str), usize>,
    columns: &[Column],
) -> Result<Option<(usize, Vec<usize>)>> {
    if let Some(pid) = &ex.provider {
        let pos = db.process_position(pid).expect("checked by the reader");
        return match column_of.get(&(pos, ex.flow.as_str())) {
            Some(&c) => Ok(Some((c, vec![c]))),
            None => Err(Error::new(
                ErrorKind::Invalid,
                ex.origin.clone(),
                format!("provider `{pid}` does not make or treat flow `{}`", ex.flow),
                "name a provider whose reference flow (or allocated co-product) is this flow, or leave `provider` empty",
            )),
        };
    }
    let Some(cands) = producers.get(ex.flow.as_str()) else {
        return Ok(None);
    };
    if cands.len() == 1 {
        return Ok(Some((cands[0], cands.clone())));
    }
    let same_place =
        cands.iter().copied().find(|&c| consumer.location.is_some() && columns[c].location == consumer.location);
    Ok(Some((same_place.unwrap_or(cands[0]), cands.clone())))
}

fn check_diagonal(a: &Entries, columns: &[Column], db: &Database, problems: &mut Collector) {
    let mut diag = vec![0.0; columns.len()];
    for k in 0..a.len() {
        if a.rows[k] == a.cols[k] {
            diag[a.rows[k]] += a.values[k];
        }
    }
    for (c, d) in diag.iter().enumerate() {
        if *d == 0.0 {
            let at =
                columns[c].process.as_deref().and_then(|p| db.process(p)).map(|p| p.origin.clone()).unwrap_or_default();
            problems.push(Error::new(
                ErrorKind::Singular,
                at,
                format!("column `{}` has a zero diagonal: its reference output cancels out (e.g. against an input of its own product)", columns[c].id),
                "make the reference amount larger than the process's own use of its product",
            ));
        }
    }
}
