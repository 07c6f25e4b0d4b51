//! The payload of a compiled matrix system: little-endian numbers, length-prefixed strings and
//! whole arrays, written in one pass and read back with every length checked against the bytes
//! left (a payload is verified by its checksum first, but is still never trusted to be sane).

use crate::io::matrices::MatrixSystem;
use crate::matrix::{CategoryRow, Characterization, Column, Entries, EntrySource, FlowRow, LinkReport, TechSystem};
use crate::model::Distribution;

/// Bytes being written.
#[derive(Default)]
pub(crate) struct Writer {
    pub bytes: Vec<u8>,
}

impl Writer {
    pub fn u8(&mut self, v: u8) {
        self.bytes.push(v);
    }
    pub fn u64(&mut self, v: u64) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn u32(&mut self, v: u32) {
        self.bytes.extend_from_slice(&v.to_le_bytes());
    }
    pub fn f64(&mut self, v: f64) {
        self.u64(v.to_bits());
    }
    pub fn str(&mut self, s: &str) {
        self.u64(s.len() as u64);
        self.bytes.extend_from_slice(s.as_bytes());
    }
    pub fn opt_str(&mut self, s: &Option<String>) {
        match s {
            None => self.u8(0),
            Some(s) => {
                self.u8(1);
                self.str(s);
            }
        }
    }
    pub fn f64s(&mut self, v: &[f64]) {
        self.u64(v.len() as u64);
        self.bytes.reserve(v.len() * 8);
        for x in v {
            self.bytes.extend_from_slice(&x.to_bits().to_le_bytes());
        }
    }
    /// Indices as u32: `None` when one does not fit.
    fn indices(&mut self, v: &[usize]) -> Option<()> {
        self.u64(v.len() as u64);
        self.bytes.reserve(v.len() * 4);
        for &i in v {
            self.bytes.extend_from_slice(&u32::try_from(i).ok()?.to_le_bytes());
        }
        Some(())
    }
}

/// Bytes being read; every read fails (`None`) rather than reading past the end.
pub(crate) struct Reader<'a> {
    pub bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        if n > self.bytes.len() {
            return None;
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Some(head)
    }
    pub fn u8(&mut self) -> Option<u8> {
        Some(self.take(1)?[0])
    }
    pub fn u64(&mut self) -> Option<u64> {
        Some(u64::from_le_bytes(self.take(8)?.try_into().ok()?))
    }
    pub fn u32(&mut self) -> Option<u32> {
        Some(u32::from_le_bytes(self.take(4)?.try_into().ok()?))
    }
    pub fn f64(&mut self) -> Option<f64> {
        Some(f64::from_bits(self.u64()?))
    }
    /// A count of items of `size` bytes each that the bytes left can hold.
    pub fn count(&mut self, size: usize) -> Option<usize> {
        let n = usize::try_from(self.u64()?).ok()?;
        (n.checked_mul(size)? <= self.bytes.len()).then_some(n)
    }
    pub fn str(&mut self) -> Option<String> {
        let n = self.count(1)?;
        String::from_utf8(self.take(n)?.to_vec()).ok()
    }
    pub fn opt_str(&mut self) -> Option<Option<String>> {
        match self.u8()? {
            0 => Some(None),
            1 => Some(Some(self.str()?)),
            _ => None,
        }
    }
    pub fn f64s(&mut self) -> Option<Vec<f64>> {
        let n = self.count(8)?;
        Some(self.take(n * 8)?.chunks_exact(8).map(|c| f64::from_le_bytes(c.try_into().expect("8 bytes"))).collect())
    }
    fn indices(&mut self) -> Option<Vec<usize>> {
        let n = self.count(4)?;
        Some(
            self.take(n * 4)?
                .chunks_exact(4)
                .map(|c| u32::from_le_bytes(c.try_into().expect("4 bytes")) as usize)
                .collect(),
        )
    }
}

/// Encodes a system read from a matrix folder; `None` when it holds what a matrix folder cannot
/// (entries from a database, a linking report) or an index beyond u32.
pub(crate) fn encode(ms: &MatrixSystem) -> Option<Vec<u8>> {
    let s = &ms.system;
    let links = &s.links;
    if links.linked != 0 || !links.unlinked.is_empty() || !links.ambiguous.is_empty() {
        return None;
    }
    let mut w = Writer::default();
    w.u64(s.columns.len() as u64);
    for c in &s.columns {
        w.str(&c.id);
        w.opt_str(&c.process);
        w.opt_str(&c.product);
        w.str(&c.name);
        w.str(&c.unit);
        w.opt_str(&c.location);
    }
    w.u64(s.flows.len() as u64);
    for f in &s.flows {
        w.str(&f.id);
        w.str(&f.name);
        w.str(&f.compartment);
        w.str(&f.unit);
        w.opt_str(&f.cas);
    }
    let ch = &ms.characterization;
    w.u64(ch.categories.len() as u64);
    for c in &ch.categories {
        w.str(&c.id);
        w.str(&c.method);
        w.str(&c.name);
        w.opt_str(&c.name_zh);
        w.str(&c.unit);
    }
    for e in [&s.a, &s.b, &ch.c] {
        entries(&mut w, e)?;
    }
    w.f64s(&ms.demand);
    Some(w.bytes)
}

fn entries(w: &mut Writer, e: &Entries) -> Option<()> {
    if e.sources.iter().any(|s| *s != EntrySource::Data) {
        return None;
    }
    w.indices(&e.rows)?;
    w.indices(&e.cols)?;
    w.f64s(&e.values);
    // One tag per entry, then the parameters of the distributions in entry order.
    let mut params = Vec::new();
    w.u64(e.dists.len() as u64);
    for d in &e.dists {
        let tag = match *d {
            None => 0,
            Some(Distribution::Lognormal { mu, sigma }) => {
                params.extend([mu, sigma]);
                2
            }
            Some(Distribution::Normal { mean, sd, min, max }) => {
                params.extend([mean, sd]);
                params.extend(min);
                params.extend(max);
                30 + u8::from(min.is_some()) + 2 * u8::from(max.is_some())
            }
            Some(Distribution::Uniform { min, max }) => {
                params.extend([min, max]);
                4
            }
            Some(Distribution::Triangular { min, mode, max }) => {
                params.extend([min, mode, max]);
                5
            }
        };
        w.u8(tag);
    }
    w.f64s(&params);
    Some(())
}

fn read_entries(r: &mut Reader<'_>) -> Option<Entries> {
    let rows = r.indices()?;
    let cols = r.indices()?;
    let values = r.f64s()?;
    let n = r.count(1)?;
    let tags = r.take(n)?;
    let params = r.f64s()?;
    if cols.len() != rows.len() || values.len() != rows.len() || tags.len() != rows.len() {
        return None;
    }
    let mut p = params.iter().copied();
    let mut next = || p.next();
    let mut dists = Vec::with_capacity(tags.len());
    for &t in tags {
        dists.push(match t {
            0 => None,
            2 => Some(Distribution::Lognormal { mu: next()?, sigma: next()? }),
            30..=33 => {
                let (mean, sd) = (next()?, next()?);
                let min = if t & 1 == 1 { Some(next()?) } else { None };
                let max = if (t - 30) & 2 == 2 { Some(next()?) } else { None };
                Some(Distribution::Normal { mean, sd, min, max })
            }
            4 => Some(Distribution::Uniform { min: next()?, max: next()? }),
            5 => Some(Distribution::Triangular { min: next()?, mode: next()?, max: next()? }),
            _ => return None,
        });
    }
    if next().is_some() {
        return None;
    }
    let sources = vec![EntrySource::Data; rows.len()];
    Some(Entries { rows, cols, values, dists, sources })
}

/// Decodes a payload of [`encode`]; `None` when it is not one, or its indices leave the matrices.
pub(crate) fn decode(bytes: &[u8]) -> Option<MatrixSystem> {
    let mut r = Reader { bytes };
    let n = r.count(1)?;
    let mut columns = Vec::with_capacity(n);
    for _ in 0..n {
        columns.push(Column {
            id: r.str()?,
            process: r.opt_str()?,
            product: r.opt_str()?,
            name: r.str()?,
            unit: r.str()?,
            location: r.opt_str()?,
        });
    }
    let m = r.count(1)?;
    let mut flows = Vec::with_capacity(m);
    for _ in 0..m {
        flows.push(FlowRow { id: r.str()?, name: r.str()?, compartment: r.str()?, unit: r.str()?, cas: r.opt_str()? });
    }
    let k = r.count(1)?;
    let mut categories = Vec::with_capacity(k);
    for _ in 0..k {
        categories.push(CategoryRow {
            id: r.str()?,
            method: r.str()?,
            name: r.str()?,
            name_zh: r.opt_str()?,
            unit: r.str()?,
        });
    }
    let a = read_entries(&mut r)?;
    let b = read_entries(&mut r)?;
    let c = read_entries(&mut r)?;
    let demand = r.f64s()?;
    let inside =
        |e: &Entries, rows: usize, cols: usize| e.rows.iter().all(|&i| i < rows) && e.cols.iter().all(|&j| j < cols);
    if !r.bytes.is_empty() || demand.len() != n || !inside(&a, n, n) || !inside(&b, m, n) || !inside(&c, k, m) {
        return None;
    }
    let system = TechSystem::new(columns, flows, a, b, LinkReport::default());
    let characterization = Characterization::from_entries(categories, m, c);
    Some(MatrixSystem { system, characterization, demand })
}
