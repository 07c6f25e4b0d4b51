//! EcoSpold 1 (`.xml`, ecoinvent 2 and older USLCI releases): one file (which may hold several
//! `<dataset>`s), a folder or a zip of them.
//!
//! EcoSpold 1 has no ids: processes are named by their reference function and location, products
//! by name, elementary flows by name, category and sub-category. greenlca derives readable ids
//! from these (`electricity_medium_voltage_at_grid_ucte`). An input names the location of the
//! process it comes from: that process becomes its provider when it is in the imported set.
//! Groups: output 0 reference product, 1 avoided product, 2 allocated co-product, 3 waste to
//! treatment, 4 emission; input 1-3 and 5 from technosphere, 4 resource. Uncertainty types 1-4
//! (lognormal with SD95 = GSD^2, normal with SD95 = 2 sd, triangular, uniform). Allocation
//! elements become causal allocation factors.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use rayon::prelude::*;

use super::compartment;
use super::finish::{Draft, finish};
use super::options::ImportOptions;
use super::report::{Imported, NoteKind, Notes, SourceFormat};
use super::unit_names::unit_symbol;
use super::xml_tree::{self, Element};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::archive::read_texts;
use crate::model::{
    AllocationFactor, AllocationMethod, Database, DatabaseMeta, Direction, Distribution, Exchange, Flow, FlowKind,
    Process, UnitRegistry,
};

/// Reads EcoSpold 1 data sets with default options.
pub fn read_ecospold1(path: &Path) -> Result<Database> {
    import_ecospold1(path, &ImportOptions::default()).map(|i| i.database)
}

/// Reads EcoSpold 1 data sets (an `.xml` file, a folder or a zip of them) and reports what was
/// changed on the way.
pub fn import_ecospold1(path: &Path, options: &ImportOptions) -> Result<Imported> {
    let docs = read_texts(path, options.max_entry_bytes, "xml")?
        .into_par_iter()
        .map(|(at, text)| xml_tree::parse(&text, &at).map(|root| (at, root)))
        .collect::<Result<Vec<_>>>()?;
    let mut datasets = Vec::new();
    for (at, root) in &docs {
        if root.name != "ecoSpold" {
            return Err(Error::new(
                ErrorKind::Invalid,
                at.clone().at_line(root.line),
                format!("the root element is <{}>, not <ecoSpold>", root.name),
                "give an EcoSpold 1 file",
            ));
        }
        for ds in root.children_named("dataset") {
            datasets.push(read_dataset(ds, at)?);
        }
    }
    if datasets.is_empty() {
        return Err(Error::new(
            ErrorKind::Invalid,
            Location::file(path),
            "no EcoSpold 1 <dataset> found",
            "give an EcoSpold 1 .xml file, or a folder or zip archive of them",
        ));
    }
    build(path, datasets)
}

#[derive(Debug)]
struct RawExchange {
    number: Option<i64>,
    name: String,
    location: Option<String>,
    unit: String,
    amount: f64,
    category: Option<String>,
    sub_category: Option<String>,
    cas: Option<String>,
    input_group: Option<u8>,
    output_group: Option<u8>,
    element: Element,
    comment: Option<String>,
    at: Location,
}

impl RawExchange {
    fn elementary(&self) -> bool {
        self.input_group == Some(4) || self.output_group == Some(4)
    }
}

#[derive(Debug)]
struct RawAllocation {
    coproduct: i64,
    fraction: f64,
    exchanges: Vec<i64>,
    at: Location,
}

#[derive(Debug)]
struct RawDataset {
    name: String,
    location: Option<String>,
    category: Option<String>,
    comment: Option<String>,
    exchanges: Vec<RawExchange>,
    allocations: Vec<RawAllocation>,
    at: Location,
}

fn missing(at: &Location, line: usize, what: &str) -> Error {
    Error::new(
        ErrorKind::Invalid,
        at.clone().at_line(line),
        format!("{what} is missing"),
        "the file does not follow the EcoSpold 1 schema",
    )
}

fn attr(el: &Element, name: &str) -> Option<String> {
    el.attr(name).map(str::trim).filter(|s| !s.is_empty()).map(str::to_string)
}

fn group(el: &Element, name: &str, at: &Location) -> Result<Option<u8>> {
    let Some(g) = el.child(name) else { return Ok(None) };
    g.text.trim().parse().map(Some).map_err(|_| {
        Error::new(
            ErrorKind::Value,
            at.clone().at_line(g.line),
            format!("<{name}> is `{}`, not a group number", g.text),
            "write the group number, e.g. <outputGroup>0</outputGroup>",
        )
    })
}

fn read_dataset(ds: &Element, at: &Location) -> Result<RawDataset> {
    let pi = ds
        .child("metaInformation")
        .and_then(|m| m.child("processInformation"))
        .ok_or_else(|| missing(at, ds.line, "<metaInformation><processInformation>"))?;
    let rf = pi.child("referenceFunction").ok_or_else(|| missing(at, pi.line, "<referenceFunction>"))?;
    let name = attr(rf, "name").ok_or_else(|| missing(at, rf.line, "the reference function's `name`"))?;
    let location = pi.child("geography").and_then(|g| attr(g, "location"));
    let category = match (attr(rf, "category"), attr(rf, "subCategory")) {
        (Some(c), Some(s)) => Some(format!("{c}/{s}")),
        (c, _) => c,
    };
    let ds_at = at.clone().with_entity(format!("dataset `{name}` ({})", location.as_deref().unwrap_or("no location")));
    let flow_data = ds.child("flowData").ok_or_else(|| missing(at, ds.line, "<flowData>"))?;
    let mut exchanges = Vec::new();
    let mut allocations = Vec::new();
    for el in &flow_data.children {
        match el.name.as_str() {
            "exchange" => {
                let xname = attr(el, "name").ok_or_else(|| missing(at, el.line, "the exchange's `name`"))?;
                let xat = at.clone().at_line(el.line).with_entity(format!("dataset `{name}`, exchange `{xname}`"));
                exchanges.push(RawExchange {
                    number: el.number("number", &xat)?.map(|n| n as i64),
                    location: attr(el, "location"),
                    unit: attr(el, "unit").ok_or_else(|| missing(&xat, el.line, "`unit`"))?,
                    amount: el.number("meanValue", &xat)?.ok_or_else(|| missing(&xat, el.line, "`meanValue`"))?,
                    category: attr(el, "category"),
                    sub_category: attr(el, "subCategory"),
                    cas: attr(el, "CASNumber"),
                    input_group: group(el, "inputGroup", &xat)?,
                    output_group: group(el, "outputGroup", &xat)?,
                    comment: attr(el, "generalComment"),
                    element: el.clone(),
                    name: xname,
                    at: xat,
                });
            }
            "allocation" => {
                let aat = at.clone().at_line(el.line).with_entity(format!("dataset `{name}`, allocation"));
                let coproduct = el
                    .number("referenceToCoProduct", &aat)?
                    .ok_or_else(|| missing(&aat, el.line, "`referenceToCoProduct`"))?;
                let fraction = el.number("fraction", &aat)?.ok_or_else(|| missing(&aat, el.line, "`fraction`"))?;
                let exchanges = el
                    .children_named("referenceToInputOutput")
                    .map(|r| r.text.trim().parse::<i64>())
                    .collect::<std::result::Result<Vec<_>, _>>()
                    .map_err(|_| missing(&aat, el.line, "a valid <referenceToInputOutput> number"))?;
                allocations.push(RawAllocation { coproduct: coproduct as i64, fraction, exchanges, at: aat });
            }
            _ => {}
        }
    }
    Ok(RawDataset { name, location, category, comment: attr(rf, "generalComment"), exchanges, allocations, at: ds_at })
}

/// A readable id: lower-case letters and digits, other characters as `_`.
fn slug(text: &str) -> String {
    let mut s = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        if c.is_alphanumeric() {
            s.push(c);
        } else if !s.ends_with('_') {
            s.push('_');
        }
    }
    s.trim_matches('_').to_string()
}

/// Unique readable ids for keys, in order of first use.
#[derive(Default)]
struct Ids {
    by_key: HashMap<String, String>,
    used: HashSet<String>,
}

impl Ids {
    fn get(&mut self, key: &str, base: &str) -> String {
        if let Some(id) = self.by_key.get(key) {
            return id.clone();
        }
        let base = if base.is_empty() { "flow".to_string() } else { base.to_string() };
        let mut id = base.clone();
        let mut k = 2;
        while self.used.contains(&id) {
            id = format!("{base}_{k}");
            k += 1;
        }
        self.used.insert(id.clone());
        self.by_key.insert(key.to_string(), id.clone());
        id
    }
}

fn elementary_key(e: &RawExchange) -> String {
    format!("{}|{}|{}", e.name, e.category.as_deref().unwrap_or(""), e.sub_category.as_deref().unwrap_or(""))
}

fn build(path: &Path, datasets: Vec<RawDataset>) -> Result<Imported> {
    let mut notes = Notes::default();
    let mut units = UnitRegistry::default();
    let wastes: HashSet<&str> = datasets
        .iter()
        .flat_map(|d| &d.exchanges)
        .filter(|e| e.output_group == Some(3))
        .map(|e| e.name.as_str())
        .collect();
    let mut process_ids = Ids::default();
    let mut pids = Vec::with_capacity(datasets.len());
    let mut by_product_location: HashMap<(String, String), String> = HashMap::new();
    for d in &datasets {
        let loc = d.location.clone().unwrap_or_default();
        let id = process_ids.get(&format!("{}|{loc}", d.name), &slug(&format!("{} {loc}", d.name)));
        by_product_location.entry((d.name.clone(), loc)).or_insert(id.clone());
        pids.push(id);
    }
    let mut flow_ids = Ids::default();
    let mut flows: Vec<Flow> = Vec::new();
    let mut created: HashSet<String> = HashSet::new();
    let mut processes = Vec::with_capacity(datasets.len());
    let mut exchanges_read = 0;
    for (d, pid) in datasets.iter().zip(&pids) {
        exchanges_read += d.exchanges.len();
        let refs = d.exchanges.iter().filter(|e| e.output_group == Some(0)).count();
        if refs != 1 {
            return Err(Error::new(
                ErrorKind::Invalid,
                d.at.clone(),
                format!("{refs} exchanges of output group 0 (reference product)"),
                "a data set needs exactly one reference product, <outputGroup>0</outputGroup>",
            ));
        }
        let mut number_flow: HashMap<i64, String> = HashMap::new();
        let mut exchanges = Vec::with_capacity(d.exchanges.len());
        for e in &d.exchanges {
            let unit = unit_symbol(&e.unit, &mut units, &e.at)?;
            let flow_id = if e.elementary() {
                let id = flow_ids.get(&elementary_key(e), &slug(&elementary_key(e)));
                if created.insert(id.clone()) {
                    let c = e.category.as_deref().map(compartment::normalize).unwrap_or_else(|| "other".into());
                    flows.push(new_flow(&id, e, FlowKind::Elementary, &unit, Some(c)));
                }
                id
            } else {
                let id = flow_ids.get(&format!("product|{}", e.name), &slug(&e.name));
                if created.insert(id.clone()) {
                    let kind = if wastes.contains(e.name.as_str()) { FlowKind::Waste } else { FlowKind::Product };
                    flows.push(new_flow(&id, e, kind, &unit, None));
                }
                id
            };
            if let Some(n) = e.number {
                number_flow.insert(n, flow_id.clone());
            }
            let is_ref = e.output_group == Some(0);
            let waste = wastes.contains(e.name.as_str()) && !e.elementary();
            let direction = match (e.input_group, e.output_group) {
                // A treatment's reference is the waste it takes in.
                (_, Some(0)) if waste => Direction::Input,
                (Some(_), _) => Direction::Input,
                _ => Direction::Output,
            };
            // Inputs, avoided products and wastes to treatment name the location of their provider.
            let linked = matches!(e.input_group, Some(1..=3 | 5)) || matches!(e.output_group, Some(1 | 3));
            let provider = match &e.location {
                Some(loc) if linked => by_product_location.get(&(e.name.clone(), loc.clone())).cloned(),
                _ => None,
            };
            exchanges.push(Exchange {
                flow: flow_id,
                direction,
                amount: e.amount,
                formula: None,
                unit,
                provider,
                is_reference: is_ref,
                avoided: e.output_group == Some(1),
                uncertainty: uncertainty(e, &mut notes)?,
                pedigree: None,
                source: None,
                indicative: false,
                comment: e.comment.clone(),
                origin: e.at.clone(),
            });
        }
        let allocation_factors = allocation(d, &number_flow, &mut notes);
        processes.push(Process {
            id: pid.clone(),
            name: d.name.clone(),
            name_zh: None,
            location: d.location.clone(),
            category: d.category.clone(),
            allocation: if allocation_factors.is_empty() { AllocationMethod::None } else { AllocationMethod::Causal },
            allocation_factors,
            exchanges,
            source: None,
            indicative: false,
            comment: d.comment.clone(),
            origin: d.at.clone(),
        });
    }
    let name = path.file_stem().and_then(|s| s.to_str()).unwrap_or("EcoSpold 1").to_string();
    let meta = DatabaseMeta {
        description: Some(format!(
            "Imported by greenlca {} from {} (EcoSpold 1).",
            env!("CARGO_PKG_VERSION"),
            path.file_name().and_then(|s| s.to_str()).unwrap_or("?")
        )),
        name,
        ..Default::default()
    };
    let format = SourceFormat::EcoSpold1;
    finish(Draft { meta, flows, processes, parameters: Vec::new(), units, notes, exchanges_read, format })
}

fn new_flow(id: &str, e: &RawExchange, kind: FlowKind, unit: &str, compartment: Option<String>) -> Flow {
    Flow {
        id: id.to_string(),
        name: e.name.clone(),
        name_zh: None,
        kind,
        unit: unit.to_string(),
        compartment,
        subcompartment: if kind == FlowKind::Elementary { e.sub_category.clone() } else { None },
        cas: if kind == FlowKind::Elementary { e.cas.clone() } else { None },
        comment: None,
    }
}

/// Uncertainty types: 1 lognormal (SD95 = GSD^2), 2 normal (SD95 = 2 sd), 3 triangular,
/// 4 uniform; 0 or absent: none. ecoinvent 2's SD95 already includes the pedigree contribution,
/// so the scores in `generalComment` are not applied again.
fn uncertainty(e: &RawExchange, notes: &mut Notes) -> Result<Option<Distribution>> {
    let el = &e.element;
    let kind = el.number("uncertaintyType", &e.at)?.map_or(0, |k| k as i64);
    let sd95 = el.number("standardDeviation95", &e.at)?;
    let (min, max, mode) =
        (el.number("minValue", &e.at)?, el.number("maxValue", &e.at)?, el.number("mostLikelyValue", &e.at)?);
    let a = e.amount;
    let d = match (kind, sd95, min, max) {
        (0, ..) => return Ok(None),
        (1, Some(s), ..) if s >= 1.0 => Distribution::Lognormal { mu: a.abs().ln(), sigma: s.ln() / 2.0 },
        (2, Some(s), ..) => Distribution::Normal { mean: a, sd: s / 2.0, min: None, max: None },
        (3, _, Some(lo), Some(hi)) => Distribution::Triangular { min: lo, mode: mode.unwrap_or(a), max: hi },
        (4, _, Some(lo), Some(hi)) => Distribution::Uniform { min: lo, max: hi },
        _ => {
            notes.push(
                NoteKind::UncertaintyDropped,
                e.at.clone(),
                format!("uncertainty type {kind} with standardDeviation95 {sd95:?}, minValue {min:?}, maxValue {max:?} is incomplete or out of range; left out"),
            );
            return Ok(None);
        }
    };
    match d.check(a, &e.at) {
        Ok(()) => Ok(Some(d)),
        Err(err) => {
            notes.push(NoteKind::UncertaintyDropped, e.at.clone(), format!("{}; left out", err.message));
            Ok(None)
        }
    }
}

/// `<allocation>` elements as causal factors: the co-product gets `fraction` percent of each
/// exchange listed.
fn allocation(d: &RawDataset, number_flow: &HashMap<i64, String>, notes: &mut Notes) -> Vec<AllocationFactor> {
    let mut out = Vec::new();
    for a in &d.allocations {
        let Some(product) = number_flow.get(&a.coproduct) else {
            notes.push(
                NoteKind::AllocationFactorSkipped,
                a.at.clone(),
                format!("the co-product number {} is not an exchange of the data set", a.coproduct),
            );
            continue;
        };
        let factor = a.fraction / 100.0;
        if !(0.0..=1.0).contains(&factor) {
            notes.push(
                NoteKind::AllocationFactorSkipped,
                a.at.clone(),
                format!("fraction {} % is outside 0-100", a.fraction),
            );
            continue;
        }
        for n in &a.exchanges {
            // Factors are keyed by flow: a second one for the same flow is dropped (noted when it differs).
            let known = number_flow.get(n).and_then(|flow| {
                out.iter().find(|f: &&AllocationFactor| &f.product == product && f.exchange_flow.as_ref() == Some(flow))
            });
            if let Some(first) = known {
                if first.factor != factor {
                    notes.push(
                        NoteKind::AllocationFactorSkipped,
                        a.at.clone(),
                        format!(
                            "exchange number {n}: a second factor for a flow already given one (the first is kept)"
                        ),
                    );
                }
                continue;
            }
            match number_flow.get(n) {
                Some(flow) => out.push(AllocationFactor {
                    product: product.clone(),
                    method: AllocationMethod::Causal,
                    factor,
                    exchange_flow: Some(flow.clone()),
                    origin: a.at.clone(),
                }),
                None => notes.push(
                    NoteKind::AllocationFactorSkipped,
                    a.at.clone(),
                    format!("exchange number {n} is not an exchange of the data set"),
                ),
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_readable() {
        assert_eq!(slug("Electricity, medium voltage, at grid UCTE"), "electricity_medium_voltage_at_grid_ucte");
        assert_eq!(
            slug("Carbon dioxide, fossil|air|low population density"),
            "carbon_dioxide_fossil_air_low_population_density"
        );
    }
}
