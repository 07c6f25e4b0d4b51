//! The fast path of the triplet reader: technosphere.csv, biosphere.csv and cf.csv parsed straight
//! from their bytes, with no allocation per field and in parallel over chunks of lines. It accepts
//! only plain files (ASCII, no quotes, every field well formed, every index within bounds) and
//! gives up on anything else, so that the reader built on [`CsvTable`](crate::io::native::csv_table)
//! reads the file and reports the problem with its file, line and fix. Both give the same entries
//! for the same file: the same trimming and the same number parsing (std's `f64` parser, which is
//! the Eisel-Lemire algorithm of the fast-float crate).

use rayon::prelude::*;

use crate::error::Location;
use crate::io::native::uncertainty_columns::parse_kind;
use crate::matrix::{Entries, EntrySource};
use crate::model::Distribution;

/// Entries of one triplet file and its number of data rows.
pub(crate) struct FastTriplets {
    pub entries: Entries,
    pub rows: usize,
}

/// Below this size one chunk: splitting and joining would cost more than it saves.
const CHUNK_BYTES: usize = 1 << 20;

/// The columns of a triplet file: the two index columns and the value column, by name.
#[derive(Clone, Copy)]
pub(crate) struct Columns<'a> {
    pub row: &'a str,
    pub col: &'a str,
    pub value: &'a str,
}

/// Positions in the header of the columns read.
#[derive(Clone, Copy)]
struct Layout {
    width: usize,
    row: usize,
    col: usize,
    value: usize,
    kind: Option<usize>,
    loc: Option<usize>,
    scale: Option<usize>,
    minimum: Option<usize>,
    maximum: Option<usize>,
}

/// Parses a whole triplet file, or `None` when it is not plain (the slow reader then explains).
pub(crate) fn parse(bytes: &[u8], columns: Columns<'_>) -> Option<FastTriplets> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().any(|&b| b == b'"' || b >= 0x80) {
        return None;
    }
    let header_end = bytes.iter().position(|&b| b == b'\n').unwrap_or(bytes.len());
    let layout = layout(strip_cr(&bytes[..header_end])?, columns)?;
    let body = bytes.get(header_end + 1..).unwrap_or(&[]);
    let parts: Vec<Option<FastTriplets>> = chunks(body).par_iter().map(|c| parse_lines(c, &layout)).collect();
    let mut out = FastTriplets { entries: Entries::default(), rows: 0 };
    for p in parts {
        let p = p?;
        let e = &mut out.entries;
        e.rows.extend_from_slice(&p.entries.rows);
        e.cols.extend_from_slice(&p.entries.cols);
        e.values.extend_from_slice(&p.entries.values);
        e.dists.extend_from_slice(&p.entries.dists);
        e.sources.extend_from_slice(&p.entries.sources);
        out.rows += p.rows;
    }
    Some(out)
}

/// Splits the body into pieces of whole lines of about [`CHUNK_BYTES`].
fn chunks(body: &[u8]) -> Vec<&[u8]> {
    let mut out = Vec::new();
    let mut start = 0;
    while start < body.len() {
        let mut end = (start + CHUNK_BYTES).min(body.len());
        while end < body.len() && body[end - 1] != b'\n' {
            end += 1;
        }
        out.push(&body[start..end]);
        start = end;
    }
    out
}

/// A line without its `\r` of a `\r\n` ending; `None` for a `\r` anywhere else (the CSV reader
/// takes a lone `\r` as a line break).
fn strip_cr(line: &[u8]) -> Option<&[u8]> {
    let line = line.strip_suffix(b"\r").unwrap_or(line);
    (!line.contains(&b'\r')).then_some(line)
}

/// What `str::trim` removes, for ASCII text.
fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C)
}

fn trim(s: &[u8]) -> &[u8] {
    let start = s.iter().position(|&b| !is_space(b)).unwrap_or(s.len());
    let end = s.iter().rposition(|&b| !is_space(b)).map_or(start, |e| e + 1);
    &s[start..end]
}

fn layout(header: &[u8], columns: Columns<'_>) -> Option<Layout> {
    let names: Vec<&[u8]> = header.split(|&b| b == b',').map(trim).collect();
    for (i, h) in names.iter().enumerate() {
        if !h.is_empty() && names[..i].contains(h) {
            return None;
        }
    }
    let find = |name: &str| names.iter().position(|h| *h == name.as_bytes());
    Some(Layout {
        width: names.len(),
        row: find(columns.row)?,
        col: find(columns.col)?,
        value: find(columns.value)?,
        kind: find("uncertainty_type"),
        loc: find("loc"),
        scale: find("scale"),
        minimum: find("minimum"),
        maximum: find("maximum"),
    })
}

/// Most fields a row of a triplet file has.
const MAX_FIELDS: usize = 32;

fn parse_lines(chunk: &[u8], l: &Layout) -> Option<FastTriplets> {
    if l.width > MAX_FIELDS {
        return None;
    }
    // Only read by `from_stats_arrays` for an error, and any error sends the file to the slow reader.
    let nowhere = Location::default();
    let estimate = chunk.len() / 24 + 1;
    let mut e = Entries {
        rows: Vec::with_capacity(estimate),
        cols: Vec::with_capacity(estimate),
        values: Vec::with_capacity(estimate),
        dists: Vec::with_capacity(estimate),
        sources: Vec::with_capacity(estimate),
    };
    let mut rows = 0;
    let mut fields: [&[u8]; MAX_FIELDS] = [&[]; MAX_FIELDS];
    for line in chunk.split(|&b| b == b'\n') {
        let line = strip_cr(line)?;
        if line.iter().all(|&b| is_space(b)) {
            continue;
        }
        let mut count = 0;
        for f in line.split(|&b| b == b',') {
            if count == l.width {
                return None;
            }
            fields[count] = trim(f);
            count += 1;
        }
        let field = |i: usize| if i < count { fields[i] } else { &[][..] };
        let opt = |i: Option<usize>| -> Option<Option<f64>> {
            match i.map(field) {
                None | Some([]) => Some(None),
                Some(text) => number(text).map(Some),
            }
        };
        let i = index(field(l.row))?;
        let j = index(field(l.col))?;
        let v = number(field(l.value))?;
        let kind = match l.kind.map(field) {
            None | Some([] | b"0" | b"1") => 0,
            Some(b"2") => 2,
            Some(t) => parse_kind(std::str::from_utf8(t).ok()?)?,
        };
        let dist = if kind == 0 {
            None
        } else {
            Distribution::from_stats_arrays(
                kind,
                v,
                opt(l.loc)?,
                opt(l.scale)?,
                opt(l.minimum)?,
                opt(l.maximum)?,
                &nowhere,
            )
            .ok()?
        };
        e.rows.push(i);
        e.cols.push(j);
        e.values.push(v);
        e.dists.push(dist);
        e.sources.push(EntrySource::Data);
        rows += 1;
    }
    Some(FastTriplets { entries: e, rows })
}

/// A plain decimal index (the slow reader also takes `+3` and `3.0`).
fn index(text: &[u8]) -> Option<usize> {
    if text.is_empty() || text.len() > 18 || !text.iter().all(u8::is_ascii_digit) {
        return None;
    }
    Some(text.iter().fold(0usize, |acc, &d| acc * 10 + usize::from(d - b'0')))
}

/// A finite number, parsed as the slow reader does.
fn number(text: &[u8]) -> Option<f64> {
    let x: f64 = std::str::from_utf8(text).ok()?.parse().ok()?;
    x.is_finite().then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    const COLS: Columns<'static> = Columns { row: "row", col: "col", value: "amount" };

    #[test]
    fn reads_plain_files_and_gives_up_on_anything_else() {
        let t = parse(b"row , col,amount\r\n0,0,1\r\n\n 2 ,1,-0.5e-3\r\n", COLS).unwrap();
        assert_eq!((t.rows, t.entries.rows.clone(), t.entries.cols.clone()), (2, vec![0, 2], vec![0, 1]));
        assert_eq!(t.entries.values, vec![1.0, -0.0005]);
        for bad in [
            &b"row,col,amount\n0,0,\"1\"\n"[..],
            b"row,col,amount\n0,0,x\n",
            b"row,col,amount\n0,0,1,4\n",
            b"row,col,amount\n3.0,0,1\n",
            b"row,col\n0,0\n",
            b"row,col,amount\n0,0,inf\n",
            b"row,col,amount\r0,0,1\n",
        ] {
            assert!(parse(bad, COLS).is_none(), "{}", String::from_utf8_lossy(bad));
        }
    }

    #[test]
    fn reads_distributions_like_the_slow_reader() {
        let text = b"row,col,amount,uncertainty_type,loc,scale,shape,minimum,maximum\n1,0,-2,2,,0.1,,,\n0,0,1,0,,,,,\n";
        let t = parse(text, COLS).unwrap();
        assert_eq!(t.entries.dists[0], Some(Distribution::Lognormal { mu: 2f64.ln(), sigma: 0.1 }));
        assert_eq!(t.entries.dists[1], None);
        // A lognormal without its scale is an error the slow reader reports.
        assert!(parse(b"row,col,amount,uncertainty_type,scale\n1,0,-2,2,\n", COLS).is_none());
    }

    #[test]
    fn chunks_end_on_line_breaks() {
        let body: Vec<u8> = (0..200_000).flat_map(|i| format!("{i},{i},1.5\n").into_bytes()).collect();
        let parts = chunks(&body);
        assert!(parts.len() > 1);
        assert!(parts.iter().all(|p| p.ends_with(b"\n")));
        assert_eq!(parts.iter().map(|p| p.len()).sum::<usize>(), body.len());
    }
}
