//! Reads a background database folder (docs/formats.md, "Background database").

use std::collections::{HashMap, HashSet};
use std::path::Path;

use serde::Deserialize;

use super::csv_table::CsvTable;
use super::uncertainty_columns;
use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::formula;
use crate::model::{
    AllocationFactor, AllocationMethod, Database, DatabaseMeta, Direction, Exchange, Flow, FlowKind, Parameter,
    Process, Scope, Source, UnitRegistry,
};
use crate::source::{self, Folder, InputSource};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct MetaFile {
    name: String,
    name_zh: Option<String>,
    version: Option<String>,
    description: Option<String>,
    description_zh: Option<String>,
    license: Option<String>,
    license_zh: Option<String>,
    intended_use: Option<String>,
    intended_use_zh: Option<String>,
    unlinked: Option<String>,
    #[serde(default)]
    sources: Vec<SourceEntry>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourceEntry {
    key: String,
    citation: String,
    url: Option<String>,
}

/// Reads the database in `dir`, checking every row; all problems are reported together.
pub fn read_database(dir: &Path) -> Result<Database> {
    if !dir.is_dir() {
        return Err(Error::new(
            ErrorKind::Io,
            Location::file(dir),
            "not a database folder",
            "give a folder with database.toml, flows.csv, processes.csv and exchanges.csv (see docs/formats.md)",
        ));
    }
    read_database_in(&Folder::new(dir), "")
}

/// Reads the database in the sub-folder `dir` of a source (`""` for its top); messages name the
/// source's display paths.
pub fn read_database_in(src: &dyn InputSource, dir: &str) -> Result<Database> {
    let file = |name: &str| source::join(dir, name);
    let mut problems = Collector::default();
    let meta = problems.take(read_meta(src, &file("database.toml"))).unwrap_or_default();
    let mut units = UnitRegistry::default();
    if src.contains(&file("units.csv")) {
        problems.take(read_units(src, &file("units.csv"), &mut units));
    }
    let flows = read_flows(src, &file("flows.csv"), &units, &mut problems);
    let flows = problems.take(flows).unwrap_or_default();
    let processes = read_processes(src, &file("processes.csv"), &mut problems);
    let mut processes = problems.take(processes).unwrap_or_default();
    let parameters = if src.contains(&file("parameters.csv")) {
        let p = read_parameters(src, &file("parameters.csv"), &mut problems);
        problems.take(p).unwrap_or_default()
    } else {
        Vec::new()
    };
    let flow_ids: HashMap<&str, &Flow> = flows.iter().map(|f| (f.id.as_str(), f)).collect();
    let proc_pos: HashMap<String, usize> = processes.iter().enumerate().map(|(i, p)| (p.id.clone(), i)).collect();
    if let Some(t) = problems.take(CsvTable::read_in(src, &file("exchanges.csv"))) {
        read_exchanges(&t, &flow_ids, &proc_pos, &HashSet::new(), &units, &mut processes, &mut problems);
    }
    if src.contains(&file("allocation.csv"))
        && let Some(t) = problems.take(CsvTable::read_in(src, &file("allocation.csv")))
    {
        read_allocation(&t, &flow_ids, &proc_pos, &mut processes, &mut problems);
    }
    evaluate_formulas(&parameters, &mut processes, &mut problems);
    if src.contains(&file("pedigree.csv")) {
        let keys: HashSet<&str> = meta.sources.iter().map(|s| s.key.as_str()).collect();
        let basic = Some(file("basic_uncertainty.csv")).filter(|b| src.contains(b));
        let ped = file("pedigree.csv");
        super::pedigree_read::apply(src, &ped, basic.as_deref(), &flows, &keys, &mut processes, &mut problems);
    }
    check_sources(&meta, &processes, &mut problems);
    let mut meta = meta;
    meta.origin_format.get_or_insert_with(|| "greenlca csv".to_string());
    let db = Database::new(meta, flows, processes, parameters, units);
    problems.finish(db)
}

pub(super) fn read_meta(src: &dyn InputSource, name: &str) -> Result<DatabaseMeta> {
    let text = src.read_text(name)?;
    let m: MetaFile = toml::from_str(&text).map_err(|e| crate::io::toml_error(&src.display_path(name), &text, &e))?;
    if let Some(u) = m.unlinked.as_deref().filter(|u| !["error", "warn", "cutoff"].contains(u)) {
        return Err(Error::new(
            ErrorKind::Value,
            Location::file(src.display_path(name)).with_entity("unlinked"),
            format!("`unlinked = \"{u}\"` is not a linking policy"),
            "write unlinked = \"error\", \"warn\" or \"cutoff\" (or leave it out)",
        ));
    }
    Ok(DatabaseMeta {
        name: m.name,
        version: m.version.unwrap_or_default(),
        description: m.description,
        license: m.license,
        intended_use: m.intended_use,
        sources: m.sources.into_iter().map(|s| Source { key: s.key, citation: s.citation, url: s.url }).collect(),
        origin_format: None,
        unlinked: m.unlinked,
        name_zh: m.name_zh,
        description_zh: m.description_zh,
        license_zh: m.license_zh,
        intended_use_zh: m.intended_use_zh,
    })
}

pub(super) fn read_units(src: &dyn InputSource, name: &str, units: &mut UnitRegistry) -> Result<()> {
    let t = CsvTable::read_in(src, name)?;
    t.require_columns(&["unit", "dimension", "factor"])?;
    let mut problems = Collector::default();
    for row in t.rows() {
        let r = (|| {
            let factor = row
                .number("factor")?
                .ok_or_else(|| Error::new(ErrorKind::Value, row.at(), "`factor` is empty", "fill in the factor"))?;
            units.add(row.required("unit")?, row.required("dimension")?, factor, &row.at())
        })();
        problems.take(r);
    }
    problems.finish(())
}

pub(super) fn read_flows(
    src: &dyn InputSource,
    name: &str,
    units: &UnitRegistry,
    problems: &mut Collector,
) -> Result<Vec<Flow>> {
    let t = CsvTable::read_in(src, name)?;
    t.require_columns(&["id", "name", "kind", "unit"])?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut flows = Vec::with_capacity(t.len());
    for row in t.rows() {
        let r = (|| {
            let id = row.required("id")?.to_string();
            if let Some(first) = seen.insert(id.clone(), row.line()) {
                return Err(Error::new(
                    ErrorKind::DuplicateId,
                    row.at(),
                    format!("flow id `{id}` is used again (first on line {first})"),
                    "give every flow its own id",
                ));
            }
            let kind_text = row.required("kind")?;
            let kind = FlowKind::parse(kind_text).ok_or_else(|| {
                Error::new(
                    ErrorKind::Value,
                    row.at(),
                    format!("flow kind `{kind_text}` is unknown"),
                    "use product, waste or elementary",
                )
            })?;
            let unit = row.required("unit")?.to_string();
            if units.get(&unit).is_none() {
                return Err(Error::new(
                    ErrorKind::Unit,
                    row.at().with_entity(format!("flow `{id}`")),
                    format!("unknown unit `{unit}`"),
                    "use a unit from docs/formats.md (\"Units\") or define it in units.csv",
                ));
            }
            let compartment = row.text("compartment");
            if kind == FlowKind::Elementary && compartment.is_none() {
                return Err(Error::new(
                    ErrorKind::Value,
                    row.at().with_entity(format!("flow `{id}`")),
                    "elementary flow without a compartment",
                    "give the compartment: air, water, soil or natural resource",
                ));
            }
            Ok(Flow {
                id,
                name: row.required("name")?.to_string(),
                name_zh: row.text("name_zh"),
                kind,
                unit,
                compartment,
                subcompartment: row.text("subcompartment"),
                cas: row.text("cas"),
                comment: row.text("comment"),
            })
        })();
        if let Some(f) = problems.take(r) {
            flows.push(f);
        }
    }
    Ok(flows)
}

pub(super) fn read_processes(src: &dyn InputSource, name: &str, problems: &mut Collector) -> Result<Vec<Process>> {
    let t = CsvTable::read_in(src, name)?;
    t.require_columns(&["id", "name"])?;
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut out = Vec::with_capacity(t.len());
    for row in t.rows() {
        let r = (|| {
            let id = row.required("id")?.to_string();
            if let Some(first) = seen.insert(id.clone(), row.line()) {
                return Err(Error::new(
                    ErrorKind::DuplicateId,
                    row.at(),
                    format!("process id `{id}` is used again (first on line {first})"),
                    "give every process its own id",
                ));
            }
            let alloc_text = row.get("allocation").unwrap_or("");
            let allocation = AllocationMethod::parse(alloc_text).ok_or_else(|| {
                Error::new(
                    ErrorKind::Value,
                    row.at(),
                    format!("allocation `{alloc_text}` is unknown"),
                    "use none, physical, economic or causal",
                )
            })?;
            Ok(Process {
                origin: row.at().with_entity(format!("process `{id}`")),
                id,
                name: row.required("name")?.to_string(),
                name_zh: row.text("name_zh"),
                location: row.text("location"),
                category: row.text("category"),
                allocation,
                allocation_factors: Vec::new(),
                exchanges: Vec::new(),
                source: row.text("source"),
                indicative: row.flag("indicative")?,
                comment: row.text("comment"),
            })
        })();
        if let Some(p) = problems.take(r) {
            out.push(p);
        }
    }
    Ok(out)
}

pub(super) fn read_parameters(src: &dyn InputSource, name: &str, problems: &mut Collector) -> Result<Vec<Parameter>> {
    let t = CsvTable::read_in(src, name)?;
    t.require_columns(&["name"])?;
    let mut out = Vec::new();
    for row in t.rows() {
        let r = (|| {
            let name = row.required("name")?.to_string();
            if !formula::is_usable_name(&name) {
                return Err(formula::unusable_name(&name, row.at()));
            }
            let scope = match row.get("scope") {
                None | Some("global") => Scope::Global,
                Some(p) => Scope::Process(p.to_string()),
            };
            let value = row.number("value")?;
            let uncertainty = match value {
                Some(v) => uncertainty_columns::read(&row, v)?,
                None => None,
            };
            Ok(Parameter {
                origin: row.at().with_entity(format!("parameter `{name}`")),
                name,
                scope,
                value,
                formula: row.text("formula"),
                unit: row.text("unit"),
                min: row.number("min")?,
                max: row.number("max")?,
                uncertainty,
                description: row.text("description").or_else(|| row.text("comment")),
                source: row.text("source"),
            })
        })();
        if let Some(p) = problems.take(r) {
            out.push(p);
        }
    }
    Ok(out)
}

pub(super) fn read_exchanges(
    t: &CsvTable,
    flows: &HashMap<&str, &Flow>,
    proc_pos: &HashMap<String, usize>,
    earlier: &HashSet<String>,
    units: &UnitRegistry,
    processes: &mut [Process],
    problems: &mut Collector,
) {
    if let Err(e) = t.require_columns(&["process", "flow", "direction", "unit"]) {
        problems.push(e);
        return;
    }
    for row in t.rows() {
        let r = (|| {
            let pid = row.required("process")?;
            let &pos = proc_pos.get(pid).ok_or_else(|| {
                if earlier.contains(pid) {
                    return Error::new(
                        ErrorKind::UnknownId,
                        row.at(),
                        format!("process `{pid}` belongs to an earlier layer"),
                        "to change it, list it in this layer's processes.csv with override = true and give all its exchanges here",
                    );
                }
                Error::new(
                    ErrorKind::UnknownId,
                    row.at(),
                    format!("unknown process `{pid}`"),
                    "add it to processes.csv or correct the id",
                )
            })?;
            let fid = row.required("flow")?;
            let flow = flows.get(fid).ok_or_else(|| {
                Error::new(
                    ErrorKind::UnknownId,
                    row.at().with_entity(format!("process `{pid}`")),
                    format!("unknown flow `{fid}`"),
                    "add it to flows.csv or correct the id",
                )
            })?;
            let dir_text = row.required("direction")?;
            let direction = Direction::parse(dir_text).ok_or_else(|| {
                Error::new(
                    ErrorKind::Value,
                    row.at(),
                    format!("direction `{dir_text}` is unknown"),
                    "use input or output",
                )
            })?;
            let unit = row.required("unit")?.to_string();
            let at = row.at().with_entity(format!("process `{pid}`, flow `{fid}`"));
            units.factor(&unit, &flow.unit, &at)?;
            let formula = row.text("formula");
            let amount = match (row.number("amount")?, &formula) {
                (Some(a), _) => a,
                (None, Some(_)) => 0.0,
                (None, None) => {
                    return Err(Error::new(
                        ErrorKind::Value,
                        at,
                        "the exchange has neither an amount nor a formula",
                        "fill in `amount` (or `formula`)",
                    ));
                }
            };
            let provider = row.text("provider");
            if let Some(p) = &provider
                && !proc_pos.contains_key(p)
                && !earlier.contains(p)
            {
                return Err(Error::new(
                    ErrorKind::UnknownId,
                    at,
                    format!("unknown provider `{p}`"),
                    "name a process of processes.csv, or leave `provider` empty to link by the flow",
                ));
            }
            let is_reference = row.flag("reference")?;
            let avoided = row.flag("avoided")?;
            if avoided && direction != Direction::Output {
                return Err(Error::new(
                    ErrorKind::Value,
                    at,
                    "an avoided product must be an output",
                    "set direction to output",
                ));
            }
            let uncertainty = if formula.is_none() { uncertainty_columns::read(&row, amount)? } else { None };
            let pedigree = row.get("pedigree").map(|p| crate::model::pedigree::parse(p, &row.at())).transpose()?;
            Ok((
                pos,
                Exchange {
                    flow: fid.to_string(),
                    direction,
                    amount,
                    formula,
                    unit,
                    provider,
                    is_reference,
                    avoided,
                    uncertainty,
                    pedigree,
                    source: row.text("source"),
                    indicative: row.flag("indicative")?,
                    comment: row.text("comment"),
                    origin: at,
                },
            ))
        })();
        if let Some((pos, ex)) = problems.take(r) {
            processes[pos].exchanges.push(ex);
        }
    }
    for p in processes.iter() {
        let refs = p.exchanges.iter().filter(|e| e.is_reference).count();
        if refs != 1 {
            problems.push(Error::new(
                ErrorKind::Invalid,
                p.origin.clone(),
                format!("has {refs} reference exchanges"),
                "mark exactly one exchange (its product output, or the waste it treats) with reference = true in exchanges.csv",
            ));
        }
    }
}

pub(super) fn read_allocation(
    t: &CsvTable,
    flows: &HashMap<&str, &Flow>,
    proc_pos: &HashMap<String, usize>,
    processes: &mut [Process],
    problems: &mut Collector,
) {
    if let Err(e) = t.require_columns(&["process", "product", "method", "factor"]) {
        problems.push(e);
        return;
    }
    for row in t.rows() {
        let r = (|| {
            let pid = row.required("process")?;
            let &pos = proc_pos.get(pid).ok_or_else(|| {
                Error::new(ErrorKind::UnknownId, row.at(), format!("unknown process `{pid}`"), "correct the id")
            })?;
            let product = row.required("product")?;
            if !flows.contains_key(product) {
                return Err(Error::new(
                    ErrorKind::UnknownId,
                    row.at(),
                    format!("unknown product flow `{product}`"),
                    "correct the id",
                ));
            }
            let mtext = row.required("method")?;
            let method = match AllocationMethod::parse(mtext) {
                Some(m) if m != AllocationMethod::None => m,
                _ => {
                    return Err(Error::new(
                        ErrorKind::Value,
                        row.at(),
                        format!("allocation method `{mtext}` is unknown"),
                        "use physical, economic or causal",
                    ));
                }
            };
            let factor = row
                .number("factor")?
                .ok_or_else(|| Error::new(ErrorKind::Value, row.at(), "`factor` is empty", "fill in the factor"))?;
            if !(0.0..=1.0).contains(&factor) {
                return Err(Error::new(
                    ErrorKind::Value,
                    row.at(),
                    format!("allocation factor {factor} is outside [0, 1]"),
                    "give the share as a fraction",
                ));
            }
            Ok((
                pos,
                AllocationFactor {
                    product: product.to_string(),
                    method,
                    factor,
                    exchange_flow: row.text("exchange_flow"),
                    origin: row.at(),
                },
            ))
        })();
        if let Some((pos, f)) = problems.take(r) {
            let same = |g: &&AllocationFactor| {
                g.product == f.product && g.method == f.method && g.exchange_flow == f.exchange_flow
            };
            if let Some(first) = processes[pos].allocation_factors.iter().find(same) {
                problems.push(Error::new(
                    ErrorKind::DuplicateId,
                    f.origin.clone(),
                    format!(
                        "a second {} allocation factor of process `{}` for product `{}`{} (first at {})",
                        f.method.as_str(),
                        processes[pos].id,
                        f.product,
                        f.exchange_flow.as_deref().map(|x| format!(" and exchange `{x}`")).unwrap_or_default(),
                        first.origin
                    ),
                    "keep one row per process, product, method and exchange_flow",
                ));
                continue;
            }
            processes[pos].allocation_factors.push(f);
        }
    }
}

/// Evaluates global parameters, then each process's parameters and exchange formulas.
pub(super) fn evaluate_formulas(parameters: &[Parameter], processes: &mut [Process], problems: &mut Collector) {
    let has_formulas = processes.iter().any(|p| p.exchanges.iter().any(|e| e.formula.is_some()));
    if parameters.is_empty() && !has_formulas {
        return;
    }
    let globals: Vec<&Parameter> = parameters.iter().filter(|p| p.scope == Scope::Global).collect();
    let Some(global_env) = problems.take(formula::evaluate(&globals, &HashMap::new(), None)) else {
        return;
    };
    let known: HashSet<&str> = processes.iter().map(|p| p.id.as_str()).collect();
    for p in parameters {
        if let Scope::Process(id) = &p.scope
            && !known.contains(id.as_str())
        {
            problems.push(Error::new(
                ErrorKind::UnknownId,
                p.origin.clone(),
                format!("scope `{id}` is not a process"),
                "use global or a process id",
            ));
        }
    }
    for proc in processes.iter_mut() {
        if !proc.exchanges.iter().any(|e| e.formula.is_some()) {
            continue;
        }
        let locals: Vec<&Parameter> =
            parameters.iter().filter(|p| p.scope == Scope::Process(proc.id.clone())).collect();
        let Some(env) = problems.take(formula::evaluate(&locals, &HashMap::new(), Some(&global_env))) else {
            continue;
        };
        for ex in proc.exchanges.iter_mut() {
            if let Some(f) = &ex.formula {
                let r = formula::Formula::parse(f, &ex.origin)
                    .and_then(|f| f.eval(|n| env.get(n).or_else(|| global_env.get(n)), &ex.origin));
                if let Some(v) = problems.take(r) {
                    ex.amount = v;
                }
            }
        }
    }
}

pub(super) fn check_sources(meta: &DatabaseMeta, processes: &[Process], problems: &mut Collector) {
    if meta.sources.is_empty() {
        return;
    }
    let keys: HashSet<&str> = meta.sources.iter().map(|s| s.key.as_str()).collect();
    let check = |text: &Option<String>, at: &Location, problems: &mut Collector| {
        if let Some(t) = text {
            let key = t.split([' ', ',', ';']).next().unwrap_or("");
            if !keys.contains(key) {
                problems.push(Error::new(
                    ErrorKind::UnknownId,
                    at.clone(),
                    format!("source `{t}` does not start with a key of database.toml"),
                    "define the source under [[sources]] in database.toml and start the cell with its key",
                ));
            }
        }
    };
    for p in processes {
        check(&p.source, &p.origin, problems);
        for e in &p.exchanges {
            check(&e.source, &e.origin, problems);
        }
    }
}
