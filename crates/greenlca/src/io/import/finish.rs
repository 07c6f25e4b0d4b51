//! The last step every importer shares: leave out what the native model cannot hold (with a
//! note), evaluate the formulas, and check the result the way the native reader would.

use std::collections::{HashMap, HashSet};

use super::report::{Imported, NoteKind, Notes, SourceFormat};
use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::formula::{self, Env, Formula};
use crate::model::{
    AllocationMethod, Database, DatabaseMeta, Direction, Distribution, Flow, FlowKind, Parameter, Process, Scope,
    UnitRegistry,
};

/// A database as an importer built it, before the shared checks.
#[derive(Debug)]
pub struct Draft {
    /// Facts about the database.
    pub meta: DatabaseMeta,
    pub flows: Vec<Flow>,
    /// Processes with their exchanges (formulas already in greenlca syntax).
    pub processes: Vec<Process>,
    /// Parameters (formulas already in greenlca syntax).
    pub parameters: Vec<Parameter>,
    /// Units, built-in plus those the source defines.
    pub units: UnitRegistry,
    /// Notes so far.
    pub notes: Notes,
    /// Exchanges read from the source.
    pub exchanges_read: usize,
    /// The source format.
    pub format: SourceFormat,
}

/// Finishes an import: see the module documentation.
pub fn finish(mut d: Draft) -> Result<Imported> {
    tidy_text(&mut d);
    let kinds: HashMap<&str, FlowKind> = d.flows.iter().map(|f| (f.id.as_str(), f.kind)).collect();
    let mut problems = Collector::default();
    drop_unallocated_coproducts(&mut d.processes, &kinds, &mut d.notes);
    evaluate(&mut d.parameters, &mut d.processes, &mut d.notes, &mut problems);
    tidy_uncertainty(&mut d.processes, &mut d.notes);
    check_providers(&mut d.processes, &mut d.notes);
    check_structure(&d, &mut problems);
    let mut meta = d.meta;
    meta.origin_format = Some(d.format.label());
    let database = Database::new(meta, d.flows, d.processes, d.parameters, d.units);
    problems.finish(Imported {
        database,
        format: d.format,
        notes: d.notes.into_vec(),
        exchanges_read: d.exchanges_read,
        methods: Vec::new(),
    })
}

fn clean(s: &mut Option<String>) {
    if let Some(t) = s {
        let trimmed = t.trim();
        if trimmed.is_empty() {
            *s = None;
        } else if trimmed.len() != t.len() {
            *s = Some(trimmed.to_string());
        }
    }
}

/// The native reader trims every cell and reads an empty cell as nothing: do the same here, so
/// that the database reads back as it was written.
fn tidy_text(d: &mut Draft) {
    for f in &mut d.flows {
        f.name = f.name.trim().to_string();
        f.unit = f.unit.trim().to_string();
        for s in [&mut f.name_zh, &mut f.compartment, &mut f.subcompartment, &mut f.cas, &mut f.comment] {
            clean(s);
        }
    }
    for p in &mut d.processes {
        p.name = p.name.trim().to_string();
        for s in [&mut p.name_zh, &mut p.location, &mut p.category, &mut p.source, &mut p.comment] {
            clean(s);
        }
        for e in &mut p.exchanges {
            for s in [&mut e.formula, &mut e.provider, &mut e.source, &mut e.comment] {
                clean(s);
            }
        }
    }
    for prm in &mut d.parameters {
        for s in [&mut prm.formula, &mut prm.unit, &mut prm.description, &mut prm.source] {
            clean(s);
        }
    }
}

/// A process without allocation whose outputs include products besides its reference: the
/// co-products are left out, so that the reference product carries all burdens.
fn drop_unallocated_coproducts(processes: &mut [Process], kinds: &HashMap<&str, FlowKind>, notes: &mut Notes) {
    for p in processes.iter_mut().filter(|p| p.allocation == AllocationMethod::None) {
        let is_coproduct = |e: &crate::model::Exchange| {
            !e.is_reference
                && !e.avoided
                && e.direction == Direction::Output
                && kinds.get(e.flow.as_str()) == Some(&FlowKind::Product)
        };
        if !p.exchanges.iter().any(is_coproduct) {
            continue;
        }
        let mut left_out = Vec::new();
        for e in p.exchanges.iter().filter(|e| is_coproduct(e)) {
            notes.push(
                NoteKind::CoproductLeftOut,
                e.origin.clone(),
                format!(
                    "co-product `{}` ({} {}) of process `{}` has no allocation factor; left out, so the reference product carries all burdens",
                    e.flow, e.amount, e.unit, p.id
                ),
            );
            left_out.push(format!("{} {} of {}", e.amount, e.unit, e.flow));
        }
        p.exchanges.retain(|e| !is_coproduct(e));
        let remark = format!("greenlca import: co-products without allocation left out: {}", left_out.join("; "));
        p.comment = Some(match p.comment.take() {
            Some(c) => format!("{c}\n{remark}"),
            None => remark,
        });
    }
}

/// Evaluates the parameters of every scope and the exchange formulas; amounts become the values of
/// their formulas (a difference from the amount written is noted).
fn evaluate(parameters: &mut [Parameter], processes: &mut [Process], notes: &mut Notes, problems: &mut Collector) {
    let globals: Vec<&Parameter> = parameters.iter().filter(|p| p.scope == Scope::Global).collect();
    let Some(global_env) = problems.take(formula::evaluate(&globals, &HashMap::new(), None)) else {
        return;
    };
    let mut envs: HashMap<String, Env> = HashMap::new();
    let mut local_ids: HashSet<String> = HashSet::new();
    for p in parameters.iter() {
        if let Scope::Process(id) = &p.scope {
            local_ids.insert(id.clone());
        }
    }
    for id in &local_ids {
        let locals: Vec<&Parameter> = parameters.iter().filter(|p| p.scope == Scope::Process(id.clone())).collect();
        if let Some(env) = problems.take(formula::evaluate(&locals, &HashMap::new(), Some(&global_env))) {
            envs.insert(id.clone(), env);
        }
    }
    for prm in parameters.iter_mut().filter(|p| p.formula.is_some()) {
        let env = match &prm.scope {
            Scope::Global => Some(&global_env),
            Scope::Process(id) => envs.get(id),
        };
        if let Some(v) = env.and_then(|e| e.get(&prm.name)) {
            if let Some(old) = prm.value
                && differs(old, v)
            {
                notes.push(
                    NoteKind::FormulaAmountDiffers,
                    prm.origin.clone(),
                    format!("parameter `{}`: formula gives {v}, the source says {old}; {v} is used", prm.name),
                );
            }
            prm.value = Some(v);
        }
    }
    let empty = Env::default();
    for proc in processes.iter_mut() {
        if local_ids.contains(&proc.id) && !envs.contains_key(&proc.id) {
            continue; // its parameters failed, already reported
        }
        let env = envs.get(&proc.id).unwrap_or(&empty);
        for ex in proc.exchanges.iter_mut() {
            let Some(text) = &ex.formula else { continue };
            let r = Formula::parse(text, &ex.origin)
                .and_then(|f| f.eval(|n| env.get(n).or_else(|| global_env.get(n)), &ex.origin));
            if let Some(v) = problems.take(r) {
                if differs(ex.amount, v) {
                    notes.push(
                        NoteKind::FormulaAmountDiffers,
                        ex.origin.clone(),
                        format!("formula `{text}` gives {v}, the source says {}; {v} is used", ex.amount),
                    );
                }
                ex.amount = v;
            }
        }
    }
}

fn differs(a: f64, b: f64) -> bool {
    (a - b).abs() > 1e-9 * a.abs().max(b.abs()) + 1e-300
}

/// The native format keeps no distribution on a formula exchange, and pedigree scores only with a
/// lognormal: leave out what would not read back, with a note.
fn tidy_uncertainty(processes: &mut [Process], notes: &mut Notes) {
    for p in processes.iter_mut() {
        for e in p.exchanges.iter_mut() {
            if e.formula.is_some() && e.uncertainty.is_some() {
                e.uncertainty = None;
                notes.push(
                    NoteKind::UncertaintyDropped,
                    e.origin.clone(),
                    "the amount is a formula: its uncertainty comes from the parameters, the exchange's own distribution is left out",
                );
            }
            let lognormal = matches!(e.uncertainty, Some(Distribution::Lognormal { .. }));
            if e.pedigree.is_some() && e.formula.is_none() && !lognormal {
                e.pedigree = None;
                notes.push(
                    NoteKind::PedigreeDropped,
                    e.origin.clone(),
                    "pedigree scores widen lognormal distributions only; left out",
                );
            }
        }
    }
}

/// A named provider must be imported and make (or treat) the flow: as its reference flow, or as a
/// co-product it allocates. Otherwise the exchange is linked by its flow, with a note.
fn check_providers(processes: &mut [Process], notes: &mut Notes) {
    let mut makes: HashMap<String, HashSet<String>> = HashMap::new();
    for p in processes.iter() {
        let flows = makes.entry(p.id.clone()).or_default();
        for e in &p.exchanges {
            let coproduct = p.allocation != AllocationMethod::None && e.direction == Direction::Output && !e.avoided;
            if e.is_reference || coproduct {
                flows.insert(e.flow.clone());
            }
        }
    }
    for p in processes.iter_mut() {
        for e in p.exchanges.iter_mut() {
            let Some(pid) = &e.provider else { continue };
            let why = match makes.get(pid) {
                None => "is not among the imported processes",
                Some(flows) if !flows.contains(&e.flow) => "does not make this flow",
                Some(_) => continue,
            };
            notes.push(
                NoteKind::ProviderNotFound,
                e.origin.clone(),
                format!("provider `{pid}` {why}; the exchange is linked by its flow"),
            );
            e.provider = None;
        }
    }
}

/// What the native reader requires: known flows and units, one reference per process, unique ids.
fn check_structure(d: &Draft, problems: &mut Collector) {
    let flows: HashMap<&str, &Flow> = d.flows.iter().map(|f| (f.id.as_str(), f)).collect();
    let mut seen = HashSet::new();
    for f in &d.flows {
        if !seen.insert(f.id.as_str()) {
            problems.push(Error::new(
                ErrorKind::DuplicateId,
                Location::entity(format!("flow `{}`", f.id)),
                "the flow id is used twice",
                "the source defines the flow twice: remove one",
            ));
        }
        if d.units.get(&f.unit).is_none() {
            problems.push(Error::new(
                ErrorKind::Unit,
                Location::entity(format!("flow `{}` ({})", f.id, f.name)),
                format!("unknown unit `{}`", f.unit),
                "define the unit in the source's unit groups",
            ));
        }
    }
    let mut seen = HashSet::new();
    for p in &d.processes {
        if !seen.insert(p.id.as_str()) {
            problems.push(Error::new(
                ErrorKind::DuplicateId,
                p.origin.clone(),
                "the process id is used twice",
                "the source holds two datasets with the same id: remove one",
            ));
        }
        let refs = p.exchanges.iter().filter(|e| e.is_reference).count();
        if refs != 1 {
            problems.push(Error::new(
                ErrorKind::Invalid,
                p.origin.clone(),
                format!("has {refs} reference exchanges"),
                "the source must mark exactly one exchange of each process as its quantitative reference",
            ));
        }
        for e in &p.exchanges {
            match flows.get(e.flow.as_str()) {
                None => problems.push(Error::new(
                    ErrorKind::UnknownId,
                    e.origin.clone(),
                    format!("unknown flow `{}`", e.flow),
                    "the source must contain every flow its processes use",
                )),
                Some(f) => {
                    problems.take(d.units.factor(&e.unit, &f.unit, &e.origin));
                }
            }
        }
    }
}
