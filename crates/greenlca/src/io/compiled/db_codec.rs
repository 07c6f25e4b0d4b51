//! The payload of a compiled database: what an import produced (the database with the origin of
//! every item, the notes, the methods found, the source format), written by hand with the
//! primitives of [`super::codec`]. Strings are stored once in a table and referred to by number
//! (ids, units and file paths repeat on every exchange). Serde was not used: origins are
//! `#[serde(skip)]` in the model, `Distribution` is an internally tagged enum that compact binary
//! formats cannot read back, and the unit registry is private (docs/performance.md).

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;

use super::codec::{Reader, Writer};
use crate::error::Location;
use crate::io::import::report::{ImportNote, Imported, NoteKind, SourceFormat};
use crate::model::{
    AllocationFactor, AllocationMethod, Category, Database, DatabaseMeta, Direction, Distribution, Exchange, Factor,
    Flow, FlowKind, Method, Parameter, Process, Scope, Source, UnitDef, UnitRegistry,
};

/// Writes values, strings as numbers into a table of distinct strings (borrowed from the
/// database being encoded, so that building the table copies nothing).
#[derive(Default)]
struct Enc<'a> {
    w: Writer,
    ids: HashMap<Cow<'a, str>, u32>,
    table: Vec<Cow<'a, str>>,
}

impl<'a> Enc<'a> {
    fn s(&mut self, s: &'a str) {
        self.cow(Cow::Borrowed(s));
    }
    fn cow(&mut self, s: Cow<'a, str>) {
        let id = match self.ids.get(s.as_ref()) {
            Some(&id) => id,
            None => {
                let id = self.table.len() as u32;
                self.ids.insert(s.clone(), id);
                self.table.push(s);
                id
            }
        };
        self.w.u32(id);
    }
    fn os(&mut self, s: &'a Option<String>) {
        self.w.u8(u8::from(s.is_some()));
        if let Some(s) = s {
            self.s(s);
        }
    }
    fn f(&mut self, v: f64) {
        self.w.f64(v);
    }
    fn of(&mut self, v: Option<f64>) {
        self.w.u8(u8::from(v.is_some()));
        if let Some(v) = v {
            self.f(v);
        }
    }
    fn b(&mut self, v: bool) {
        self.w.u8(u8::from(v));
    }
    fn n(&mut self, n: usize) {
        self.w.u64(n as u64);
    }
    fn at(&mut self, l: &'a Location) {
        self.w.u8(u8::from(l.path.is_some()));
        if let Some(p) = &l.path {
            self.cow(p.to_string_lossy());
        }
        self.w.u8(u8::from(l.line.is_some()));
        if let Some(line) = l.line {
            self.n(line);
        }
        self.os(&l.entity);
    }
    fn dist(&mut self, d: &Option<Distribution>) {
        match *d {
            None => self.w.u8(0),
            Some(Distribution::Lognormal { mu, sigma }) => {
                self.w.u8(2);
                self.f(mu);
                self.f(sigma);
            }
            Some(Distribution::Normal { mean, sd, min, max }) => {
                self.w.u8(3);
                self.f(mean);
                self.f(sd);
                self.of(min);
                self.of(max);
            }
            Some(Distribution::Uniform { min, max }) => {
                self.w.u8(4);
                self.f(min);
                self.f(max);
            }
            Some(Distribution::Triangular { min, mode, max }) => {
                self.w.u8(5);
                self.f(min);
                self.f(mode);
                self.f(max);
            }
        }
    }
}

/// Reads what [`Enc`] wrote; `None` on anything out of place.
struct Dec<'a> {
    r: Reader<'a>,
    table: Vec<&'a str>,
}

impl Dec<'_> {
    fn s(&mut self) -> Option<String> {
        self.table.get(self.r.u32()? as usize).map(|s| (*s).to_string())
    }
    fn flag(&mut self) -> Option<bool> {
        match self.r.u8()? {
            0 => Some(false),
            1 => Some(true),
            _ => None,
        }
    }
    fn os(&mut self) -> Option<Option<String>> {
        if self.flag()? { self.s().map(Some) } else { Some(None) }
    }
    fn f(&mut self) -> Option<f64> {
        self.r.f64()
    }
    fn of(&mut self) -> Option<Option<f64>> {
        if self.flag()? { self.f().map(Some) } else { Some(None) }
    }
    fn b(&mut self) -> Option<bool> {
        self.flag()
    }
    /// A count of items of at least `min_size` bytes each that the bytes left can hold.
    fn n(&mut self, min_size: usize) -> Option<usize> {
        self.r.count(min_size)
    }
    fn usize(&mut self) -> Option<usize> {
        usize::try_from(self.r.u64()?).ok()
    }
    fn at(&mut self) -> Option<Location> {
        let path = self.os()?.map(PathBuf::from);
        let line = if self.flag()? { Some(self.usize()?) } else { None };
        Some(Location { path, line, entity: self.os()? })
    }
    fn dist(&mut self) -> Option<Option<Distribution>> {
        Some(Some(match self.r.u8()? {
            0 => return Some(None),
            2 => Distribution::Lognormal { mu: self.f()?, sigma: self.f()? },
            3 => Distribution::Normal { mean: self.f()?, sd: self.f()?, min: self.of()?, max: self.of()? },
            4 => Distribution::Uniform { min: self.f()?, max: self.f()? },
            5 => Distribution::Triangular { min: self.f()?, mode: self.f()?, max: self.f()? },
            _ => return None,
        }))
    }
}

/// Encodes an import's result.
pub(crate) fn encode(imp: &Imported) -> Vec<u8> {
    let mut e = Enc::default();
    let db = &imp.database;
    meta(&mut e, &db.meta);
    e.n(db.flows.len());
    for f in &db.flows {
        flow(&mut e, f);
    }
    e.n(db.processes.len());
    for p in &db.processes {
        process(&mut e, p);
    }
    e.n(db.parameters.len());
    for p in &db.parameters {
        parameter(&mut e, p);
    }
    let units = db.units.entries();
    e.n(units.len());
    for (key, u) in units {
        e.s(key);
        e.s(&u.symbol);
        e.s(&u.dimension);
        e.f(u.factor);
    }
    e.w.u8(format_tag(&imp.format));
    e.n(imp.notes.len());
    for n in &imp.notes {
        e.w.u8(note_tag(n.kind));
        e.at(&n.at);
        e.s(&n.message);
    }
    e.n(imp.exchanges_read);
    e.n(imp.methods.len());
    for m in &imp.methods {
        method(&mut e, m);
    }
    // The string table first, so that the reader has it before the numbers that refer to it.
    let mut out = Writer::default();
    out.u64(e.table.len() as u64);
    for s in &e.table {
        out.str(s);
    }
    out.bytes.extend_from_slice(&e.w.bytes);
    out.bytes
}

/// Decodes a payload of [`encode`]; `None` when it is not one.
pub(crate) fn decode(bytes: &[u8]) -> Option<Imported> {
    let mut r = Reader { bytes };
    let n = r.count(8)?;
    let mut table = Vec::with_capacity(n);
    for _ in 0..n {
        let len = r.count(1)?;
        table.push(std::str::from_utf8(r.take(len)?).ok()?);
    }
    let mut d = Dec { r, table };
    let meta = read_meta(&mut d)?;
    let n = d.n(1)?;
    let flows = (0..n).map(|_| read_flow(&mut d)).collect::<Option<Vec<_>>>()?;
    let n = d.n(1)?;
    let processes = (0..n).map(|_| read_process(&mut d)).collect::<Option<Vec<_>>>()?;
    let n = d.n(1)?;
    let parameters = (0..n).map(|_| read_parameter(&mut d)).collect::<Option<Vec<_>>>()?;
    let n = d.n(20)?;
    let mut units = Vec::with_capacity(n);
    for _ in 0..n {
        let key = d.s()?;
        units.push((key, UnitDef { symbol: d.s()?, dimension: d.s()?, factor: d.f()? }));
    }
    let units = UnitRegistry::from_entries(units);
    let format = read_format(d.r.u8()?)?;
    let n = d.n(1)?;
    let mut notes = Vec::with_capacity(n);
    for _ in 0..n {
        notes.push(ImportNote { kind: read_note(d.r.u8()?)?, at: d.at()?, message: d.s()? });
    }
    let exchanges_read = d.usize()?;
    let n = d.n(1)?;
    let methods = (0..n).map(|_| read_method(&mut d)).collect::<Option<Vec<_>>>()?;
    if !d.r.bytes.is_empty() {
        return None;
    }
    let database = Database::new(meta, flows, processes, parameters, units);
    Some(Imported { database, format, notes, exchanges_read, methods })
}

fn meta<'a>(e: &mut Enc<'a>, m: &'a DatabaseMeta) {
    e.s(&m.name);
    e.s(&m.version);
    e.os(&m.description);
    e.os(&m.license);
    e.os(&m.intended_use);
    e.n(m.sources.len());
    for s in &m.sources {
        e.s(&s.key);
        e.s(&s.citation);
        e.os(&s.url);
    }
    e.os(&m.origin_format);
    e.os(&m.unlinked);
    e.os(&m.name_zh);
    e.os(&m.description_zh);
    e.os(&m.license_zh);
    e.os(&m.intended_use_zh);
}

fn read_meta(d: &mut Dec<'_>) -> Option<DatabaseMeta> {
    let (name, version, description, license, intended_use) = (d.s()?, d.s()?, d.os()?, d.os()?, d.os()?);
    let n = d.n(1)?;
    let sources =
        (0..n).map(|_| Some(Source { key: d.s()?, citation: d.s()?, url: d.os()? })).collect::<Option<Vec<_>>>()?;
    Some(DatabaseMeta {
        name,
        version,
        description,
        license,
        intended_use,
        sources,
        origin_format: d.os()?,
        unlinked: d.os()?,
        name_zh: d.os()?,
        description_zh: d.os()?,
        license_zh: d.os()?,
        intended_use_zh: d.os()?,
    })
}

fn flow<'a>(e: &mut Enc<'a>, f: &'a Flow) {
    e.s(&f.id);
    e.s(&f.name);
    e.os(&f.name_zh);
    e.w.u8(match f.kind {
        FlowKind::Product => 0,
        FlowKind::Waste => 1,
        FlowKind::Elementary => 2,
    });
    e.s(&f.unit);
    e.os(&f.compartment);
    e.os(&f.subcompartment);
    e.os(&f.cas);
    e.os(&f.comment);
}

fn read_flow(d: &mut Dec<'_>) -> Option<Flow> {
    let (id, name, name_zh) = (d.s()?, d.s()?, d.os()?);
    let kind = match d.r.u8()? {
        0 => FlowKind::Product,
        1 => FlowKind::Waste,
        2 => FlowKind::Elementary,
        _ => return None,
    };
    Some(Flow {
        id,
        name,
        name_zh,
        kind,
        unit: d.s()?,
        compartment: d.os()?,
        subcompartment: d.os()?,
        cas: d.os()?,
        comment: d.os()?,
    })
}

fn allocation_tag(m: AllocationMethod) -> u8 {
    match m {
        AllocationMethod::None => 0,
        AllocationMethod::Physical => 1,
        AllocationMethod::Economic => 2,
        AllocationMethod::Causal => 3,
    }
}

fn read_allocation(t: u8) -> Option<AllocationMethod> {
    Some(match t {
        0 => AllocationMethod::None,
        1 => AllocationMethod::Physical,
        2 => AllocationMethod::Economic,
        3 => AllocationMethod::Causal,
        _ => return None,
    })
}

fn process<'a>(e: &mut Enc<'a>, p: &'a Process) {
    e.s(&p.id);
    e.s(&p.name);
    e.os(&p.name_zh);
    e.os(&p.location);
    e.os(&p.category);
    e.w.u8(allocation_tag(p.allocation));
    e.n(p.allocation_factors.len());
    for a in &p.allocation_factors {
        e.s(&a.product);
        e.w.u8(allocation_tag(a.method));
        e.f(a.factor);
        e.os(&a.exchange_flow);
        e.at(&a.origin);
    }
    e.n(p.exchanges.len());
    for x in &p.exchanges {
        exchange(e, x);
    }
    e.os(&p.source);
    e.b(p.indicative);
    e.os(&p.comment);
    e.at(&p.origin);
}

fn read_process(d: &mut Dec<'_>) -> Option<Process> {
    let (id, name, name_zh, location, category) = (d.s()?, d.s()?, d.os()?, d.os()?, d.os()?);
    let allocation = read_allocation(d.r.u8()?)?;
    let n = d.n(1)?;
    let mut allocation_factors = Vec::with_capacity(n);
    for _ in 0..n {
        allocation_factors.push(AllocationFactor {
            product: d.s()?,
            method: read_allocation(d.r.u8()?)?,
            factor: d.f()?,
            exchange_flow: d.os()?,
            origin: d.at()?,
        });
    }
    let n = d.n(1)?;
    let exchanges = (0..n).map(|_| read_exchange(d)).collect::<Option<Vec<_>>>()?;
    Some(Process {
        id,
        name,
        name_zh,
        location,
        category,
        allocation,
        allocation_factors,
        exchanges,
        source: d.os()?,
        indicative: d.b()?,
        comment: d.os()?,
        origin: d.at()?,
    })
}

fn exchange<'a>(e: &mut Enc<'a>, x: &'a Exchange) {
    e.s(&x.flow);
    e.b(x.direction == Direction::Input);
    e.f(x.amount);
    e.os(&x.formula);
    e.s(&x.unit);
    e.os(&x.provider);
    e.b(x.is_reference);
    e.b(x.avoided);
    e.dist(&x.uncertainty);
    match x.pedigree {
        None => e.w.u8(0),
        Some(p) => {
            e.w.u8(1);
            e.w.bytes.extend_from_slice(&p);
        }
    }
    e.os(&x.source);
    e.b(x.indicative);
    e.os(&x.comment);
    e.at(&x.origin);
}

fn read_exchange(d: &mut Dec<'_>) -> Option<Exchange> {
    let flow = d.s()?;
    let direction = if d.b()? { Direction::Input } else { Direction::Output };
    let (amount, formula, unit, provider, is_reference, avoided) = (d.f()?, d.os()?, d.s()?, d.os()?, d.b()?, d.b()?);
    let uncertainty = d.dist()?;
    let pedigree = if d.flag()? { Some(d.r.take(5)?.try_into().ok()?) } else { None };
    Some(Exchange {
        flow,
        direction,
        amount,
        formula,
        unit,
        provider,
        is_reference,
        avoided,
        uncertainty,
        pedigree,
        source: d.os()?,
        indicative: d.b()?,
        comment: d.os()?,
        origin: d.at()?,
    })
}

fn parameter<'a>(e: &mut Enc<'a>, p: &'a Parameter) {
    e.s(&p.name);
    match &p.scope {
        Scope::Global => e.w.u8(0),
        Scope::Process(id) => {
            e.w.u8(1);
            e.s(id);
        }
    }
    e.of(p.value);
    e.os(&p.formula);
    e.os(&p.unit);
    e.of(p.min);
    e.of(p.max);
    e.dist(&p.uncertainty);
    e.os(&p.description);
    e.os(&p.source);
    e.at(&p.origin);
}

fn read_parameter(d: &mut Dec<'_>) -> Option<Parameter> {
    let name = d.s()?;
    let scope = match d.r.u8()? {
        0 => Scope::Global,
        1 => Scope::Process(d.s()?),
        _ => return None,
    };
    Some(Parameter {
        name,
        scope,
        value: d.of()?,
        formula: d.os()?,
        unit: d.os()?,
        min: d.of()?,
        max: d.of()?,
        uncertainty: d.dist()?,
        description: d.os()?,
        source: d.os()?,
        origin: d.at()?,
    })
}

fn method<'a>(e: &mut Enc<'a>, m: &'a Method) {
    e.s(&m.id);
    e.s(&m.name);
    e.s(&m.version);
    e.s(&m.source);
    e.os(&m.notes);
    e.os(&m.name_zh);
    e.n(m.categories.len());
    for c in &m.categories {
        e.s(&c.id);
        e.s(&c.name);
        e.os(&c.name_zh);
        e.s(&c.unit);
        e.n(c.factors.len());
        for f in &c.factors {
            e.os(&f.flow_id);
            e.os(&f.flow_name);
            e.os(&f.cas);
            e.os(&f.compartment);
            e.os(&f.subcompartment);
            e.os(&f.flow_unit);
            e.f(f.value);
            e.dist(&f.uncertainty);
            e.os(&f.source);
            e.at(&f.origin);
        }
    }
}

fn read_method(d: &mut Dec<'_>) -> Option<Method> {
    let (id, name, version, source, notes, name_zh) = (d.s()?, d.s()?, d.s()?, d.s()?, d.os()?, d.os()?);
    let n = d.n(1)?;
    let mut categories = Vec::with_capacity(n);
    for _ in 0..n {
        let (id, name, name_zh, unit) = (d.s()?, d.s()?, d.os()?, d.s()?);
        let k = d.n(1)?;
        let mut factors = Vec::with_capacity(k);
        for _ in 0..k {
            factors.push(Factor {
                flow_id: d.os()?,
                flow_name: d.os()?,
                cas: d.os()?,
                compartment: d.os()?,
                subcompartment: d.os()?,
                flow_unit: d.os()?,
                value: d.f()?,
                uncertainty: d.dist()?,
                source: d.os()?,
                origin: d.at()?,
            });
        }
        categories.push(Category { id, name, name_zh, unit, factors });
    }
    Some(Method { id, name, name_zh, version, source, notes, categories })
}

fn format_tag(f: &SourceFormat) -> u8 {
    match f {
        SourceFormat::Native => 0,
        SourceFormat::JsonLd { schema } => 10 + schema.min(&100),
        SourceFormat::EcoSpold2 => 1,
        SourceFormat::EcoSpold1 => 2,
    }
}

fn read_format(t: u8) -> Option<SourceFormat> {
    Some(match t {
        0 => SourceFormat::Native,
        1 => SourceFormat::EcoSpold2,
        2 => SourceFormat::EcoSpold1,
        10..=110 => SourceFormat::JsonLd { schema: t - 10 },
        _ => return None,
    })
}

/// Every note kind with its tag (one list, read both ways).
const NOTE_KINDS: [NoteKind; 11] = [
    NoteKind::CoproductLeftOut,
    NoteKind::UncertaintyDropped,
    NoteKind::UncertaintyRepaired,
    NoteKind::AllocationFactorSkipped,
    NoteKind::AllocationMethodChosen,
    NoteKind::ParameterRenamed,
    NoteKind::FormulaAmountDiffers,
    NoteKind::ProviderNotFound,
    NoteKind::ZeroExchangeLeftOut,
    NoteKind::UnitConflict,
    NoteKind::PedigreeDropped,
];

fn note_tag(k: NoteKind) -> u8 {
    // A kind missing from the list fails the round-trip test in this module.
    NOTE_KINDS.iter().position(|&x| x == k).map_or(u8::MAX, |i| i as u8)
}

fn read_note(t: u8) -> Option<NoteKind> {
    NOTE_KINDS.get(t as usize).copied()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_note_kind_has_a_tag() {
        for k in NOTE_KINDS {
            assert_eq!(read_note(note_tag(k)), Some(k));
        }
        // Adding a kind without listing it makes this match fail to compile.
        for k in NOTE_KINDS {
            match k {
                NoteKind::CoproductLeftOut
                | NoteKind::UncertaintyDropped
                | NoteKind::UncertaintyRepaired
                | NoteKind::AllocationFactorSkipped
                | NoteKind::AllocationMethodChosen
                | NoteKind::ParameterRenamed
                | NoteKind::FormulaAmountDiffers
                | NoteKind::ProviderNotFound
                | NoteKind::ZeroExchangeLeftOut
                | NoteKind::UnitConflict
                | NoteKind::PedigreeDropped => {}
            }
        }
    }

    #[test]
    fn a_cut_payload_is_refused() {
        let mut db = Database::default();
        db.meta.name = "x".into();
        let imp =
            Imported { database: db, format: SourceFormat::Native, notes: vec![], exchanges_read: 0, methods: vec![] };
        let bytes = encode(&imp);
        assert!(decode(&bytes).is_some());
        for cut in 0..bytes.len() {
            assert!(decode(&bytes[..cut]).is_none(), "cut at {cut}");
        }
    }

    fn same(a: &Database, b: &Database) {
        assert_eq!(a.meta, b.meta);
        assert_eq!(a.flows, b.flows);
        assert_eq!(a.processes, b.processes);
        assert_eq!(a.parameters, b.parameters);
        assert_eq!(a.units.entries(), b.units.entries());
        for p in &a.processes {
            assert_eq!(b.process(&p.id), a.process(&p.id));
        }
    }

    #[test]
    fn the_shipped_database_comes_back_identical_with_every_origin() {
        let src = crate::source::datasets();
        let db = crate::io::native::database_read::read_database_in(src.as_ref(), "db").unwrap();
        assert!(
            db.processes.iter().all(|p| p.origin.path.is_some() && p.exchanges.iter().all(|x| x.origin.line.is_some()))
        );
        let notes = vec![ImportNote {
            kind: NoteKind::UnitConflict,
            at: Location::line("a/b.json", 3).with_entity("flow `x`"),
            message: "m".into(),
        }];
        let imp = Imported {
            database: db,
            format: SourceFormat::JsonLd { schema: 2 },
            notes,
            exchanges_read: 7,
            methods: vec![],
        };
        let back = decode(&encode(&imp)).unwrap();
        same(&imp.database, &back.database);
        assert_eq!(back.notes, imp.notes);
        assert_eq!(back.format, imp.format);
        assert_eq!(back.exchanges_read, 7);
    }

    #[test]
    fn methods_come_back_identical() {
        let src = crate::source::datasets();
        let m = crate::io::method::method_toml::read_method_in(src.as_ref(), "methods/ipcc2021.toml").unwrap();
        let imp = Imported {
            database: Database::default(),
            format: SourceFormat::EcoSpold1,
            notes: vec![],
            exchanges_read: 0,
            methods: vec![m.clone()],
        };
        let back = decode(&encode(&imp)).unwrap();
        assert_eq!(back.methods, vec![m]);
    }

    /// The measurement behind the choice of encoding (docs/performance.md): this hand-written
    /// codec against serde_json, the one serde format at hand that can read `Distribution` back
    /// (without origins, which serde skips), on USLCI. Run with
    /// `GREENLCA_SHARED_DIR=... cargo test --release -p greenlca --lib measure_encodings -- --ignored --nocapture`.
    #[test]
    #[ignore = "a measurement, not a check"]
    fn measure_encodings() {
        let shared =
            std::env::var_os("GREENLCA_SHARED_DIR").map(PathBuf::from).unwrap_or_else(|| "../../../shared".into());
        let zip = shared.join("data/uslci-fy17q4/uslci_fy17_q4_olca1.5_json_ld.zip");
        let median = |f: &mut dyn FnMut()| {
            let mut t: Vec<f64> = (0..11)
                .map(|_| {
                    let s = std::time::Instant::now();
                    f();
                    s.elapsed().as_secs_f64() * 1e3
                })
                .collect();
            t.sort_by(f64::total_cmp);
            t[5]
        };
        let opts = crate::io::import::ImportOptions::default();
        let import_ms = median(&mut || drop(crate::io::import_any(&zip, &opts).unwrap()));
        let imp = crate::io::import_any(&zip, &opts).unwrap();
        let bytes = encode(&imp);
        let enc_ms = median(&mut || drop(encode(&imp)));
        let dec_ms = median(&mut || drop(decode(&bytes).unwrap()));
        let parts = (&imp.database.flows, &imp.database.processes, &imp.database.parameters);
        let json = serde_json::to_vec(&parts).unwrap();
        let jenc_ms = median(&mut || drop(serde_json::to_vec(&parts).unwrap()));
        type Parts = (Vec<Flow>, Vec<Process>, Vec<Parameter>);
        let jdec_ms = median(&mut || drop(serde_json::from_slice::<Parts>(&json).unwrap()));
        println!("import {import_ms:.1} ms");
        println!("hand codec: {} bytes, encode {enc_ms:.1} ms, decode {dec_ms:.1} ms", bytes.len());
        println!("serde_json (no origins): {} bytes, encode {jenc_ms:.1} ms, decode {jdec_ms:.1} ms", json.len());
    }

    /// Whether compiling the shipped database would pay (docs/cache.md): parsing it against what a
    /// compiled load costs at least (hashing its files, verifying and decoding the payload).
    #[test]
    #[ignore = "a measurement, not a check"]
    fn measure_shipped_database() {
        let src = crate::source::datasets();
        let median = |f: &mut dyn FnMut()| {
            let mut t: Vec<f64> = (0..51)
                .map(|_| {
                    let s = std::time::Instant::now();
                    f();
                    s.elapsed().as_secs_f64() * 1e3
                })
                .collect();
            t.sort_by(f64::total_cmp);
            t[25]
        };
        let read = || crate::io::native::database_read::read_database_in(src.as_ref(), "db").unwrap();
        let db = read();
        let imp =
            Imported { database: db, format: SourceFormat::Native, notes: vec![], exchanges_read: 0, methods: vec![] };
        let bytes = encode(&imp);
        let parse_ms = median(&mut || drop(read()));
        let names = src.list("db").unwrap();
        let load_ms = median(&mut || {
            for n in &names {
                src.sha256(n).unwrap();
            }
            crate::source::sha256_hex(&bytes);
            drop(decode(&bytes).unwrap());
        });
        println!(
            "shipped database: parse {parse_ms:.3} ms; hash + checksum + decode {load_ms:.3} ms ({} bytes)",
            bytes.len()
        );
    }
}
