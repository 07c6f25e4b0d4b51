//! Matrix Market `coordinate` files: read into [`sprs::TriMat`], write from [`sprs::CsMatView`].
//!
//! Reads `real`, `integer` and `pattern` fields (pattern entries are 1) with `general`,
//! `symmetric` or `skew-symmetric` symmetry (the mirrored half is added). Indices are 1-based.
//! Writes `coordinate real general`, column by column, each value in the shortest form that
//! reads back to the same f64.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Write};
use std::path::{Path, PathBuf};

use sprs::{CsMat, CsMatView, TriMat};
use thiserror::Error;

/// Longest excerpt of an offending line quoted in an error message.
const MAX_QUOTE: usize = 60;

/// Entries reserved up front at most, whatever the size line claims (it may lie).
const MAX_RESERVE: usize = 1 << 22;

/// A Matrix Market file could not be read or written.
#[derive(Debug, Error)]
#[error("{}:{line}: {message}", path.display())]
pub struct MatrixMarketError {
    /// The file.
    pub path: PathBuf,
    /// 1-based line number (0 when the file could not be opened or written).
    pub line: usize,
    /// What is wrong.
    pub message: String,
}

/// Field type of the entries.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Real,
    Integer,
    Pattern,
}

/// How the stored half expands to the whole matrix.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Symmetry {
    General,
    Symmetric,
    SkewSymmetric,
}

/// Reads a coordinate Matrix Market file into triplets (duplicates are kept; converting to a
/// compressed matrix sums them).
pub fn read_triplets(path: &Path) -> Result<TriMat<f64>, MatrixMarketError> {
    let file = File::open(path).map_err(|e| err(path, 0, format!("cannot open: {e}")))?;
    read_triplets_from(BufReader::new(file), path)
}

/// Reads a coordinate Matrix Market file into a CSC matrix, summing duplicate entries.
pub fn read_csc(path: &Path) -> Result<CsMat<f64>, MatrixMarketError> {
    Ok(read_triplets(path)?.to_csc())
}

/// Reads Matrix Market text from `reader`; `path` only names the source in errors.
pub fn read_triplets_from<R: BufRead>(mut reader: R, path: &Path) -> Result<TriMat<f64>, MatrixMarketError> {
    let mut buf = String::new();
    let mut line = 0;
    let mut next_line = |buf: &mut String, line: &mut usize| -> Result<bool, MatrixMarketError> {
        buf.clear();
        *line += 1;
        match reader.read_line(buf) {
            Ok(0) => Ok(false),
            Ok(_) => Ok(true),
            Err(e) => Err(err(path, *line, format!("cannot read: {e}"))),
        }
    };

    if !next_line(&mut buf, &mut line)? {
        return Err(err(path, line, "empty file".into()));
    }
    let (field, symmetry) = parse_header(&buf).map_err(|m| err(path, line, m))?;

    // Skip comments and blank lines up to the size line.
    loop {
        if !next_line(&mut buf, &mut line)? {
            return Err(err(path, line, "missing size line".into()));
        }
        let t = buf.trim();
        if !t.is_empty() && !t.starts_with('%') {
            break;
        }
    }
    let (rows, cols, nnz) = parse_size(&buf).map_err(|m| err(path, line, m))?;
    if symmetry != Symmetry::General && rows != cols {
        return Err(err(path, line, format!("{rows}x{cols} cannot be symmetric")));
    }

    let mut tri = TriMat::with_capacity((rows, cols), nnz.min(MAX_RESERVE));
    let mut read = 0;
    while next_line(&mut buf, &mut line)? {
        let t = buf.trim();
        if t.is_empty() || t.starts_with('%') {
            continue;
        }
        if read == nnz {
            return Err(err(path, line, format!("more entries than the {nnz} declared")));
        }
        let (i, j, v) = parse_entry(t, field, rows, cols).map_err(|m| err(path, line, m))?;
        tri.add_triplet(i, j, v);
        if i != j {
            match symmetry {
                Symmetry::General => {}
                Symmetry::Symmetric => tri.add_triplet(j, i, v),
                Symmetry::SkewSymmetric => tri.add_triplet(j, i, -v),
            }
        }
        read += 1;
    }
    if read < nnz {
        return Err(err(path, line, format!("file ends after {read} of {nnz} declared entries")));
    }
    Ok(tri)
}

/// Writes `a` as `coordinate real general` to `path`.
pub fn write(path: &Path, a: CsMatView<'_, f64>) -> Result<(), MatrixMarketError> {
    let file = File::create(path).map_err(|e| err(path, 0, format!("cannot create: {e}")))?;
    let mut w = BufWriter::new(file);
    write_to(&mut w, a).and_then(|()| w.flush()).map_err(|e| err(path, 0, format!("cannot write: {e}")))
}

/// Writes `a` as `coordinate real general` to `w`, entries in column-major order.
pub fn write_to<W: Write>(w: &mut W, a: CsMatView<'_, f64>) -> std::io::Result<()> {
    writeln!(w, "%%MatrixMarket matrix coordinate real general")?;
    writeln!(w, "% written by greenlca")?;
    writeln!(w, "{} {} {}", a.rows(), a.cols(), a.nnz())?;
    let csc;
    let a = if a.is_csc() {
        a
    } else {
        csc = a.to_csc();
        csc.view()
    };
    for (j, col) in a.outer_iterator().enumerate() {
        for (i, v) in col.iter() {
            // Debug formatting of f64 is the shortest text that parses back to the same value.
            writeln!(w, "{} {} {:?}", i + 1, j + 1, v)?;
        }
    }
    Ok(())
}

fn err(path: &Path, line: usize, message: String) -> MatrixMarketError {
    MatrixMarketError { path: path.to_path_buf(), line, message }
}

/// Quotes at most `MAX_QUOTE` characters of `s`.
fn quote(s: &str) -> String {
    let s = s.trim();
    match s.char_indices().nth(MAX_QUOTE) {
        Some((cut, _)) => format!("`{}...`", &s[..cut]),
        None => format!("`{s}`"),
    }
}

fn parse_header(line: &str) -> Result<(Field, Symmetry), String> {
    let words: Vec<String> = line.split_whitespace().map(str::to_lowercase).collect();
    let words: Vec<&str> = words.iter().map(String::as_str).collect();
    let ["%%matrixmarket", "matrix", format, field, symmetry] = words[..] else {
        return Err(format!("expected `%%MatrixMarket matrix coordinate <field> <symmetry>`, found {}", quote(line)));
    };
    if format != "coordinate" {
        return Err(format!("format `{format}` not supported (only `coordinate`)"));
    }
    let field = match field {
        "real" | "double" => Field::Real,
        "integer" => Field::Integer,
        "pattern" => Field::Pattern,
        other => return Err(format!("field `{other}` not supported")),
    };
    let symmetry = match symmetry {
        "general" => Symmetry::General,
        "symmetric" => Symmetry::Symmetric,
        "skew-symmetric" => Symmetry::SkewSymmetric,
        other => return Err(format!("symmetry `{other}` not supported")),
    };
    Ok((field, symmetry))
}

fn parse_size(line: &str) -> Result<(usize, usize, usize), String> {
    let mut it = line.split_whitespace().map(str::parse::<usize>);
    match (it.next(), it.next(), it.next(), it.next()) {
        (Some(Ok(r)), Some(Ok(c)), Some(Ok(z)), None) => Ok((r, c, z)),
        _ => Err(format!("expected a size line `rows cols entries`, found {}", quote(line))),
    }
}

fn parse_entry(line: &str, field: Field, rows: usize, cols: usize) -> Result<(usize, usize, f64), String> {
    let mut it = line.split_whitespace();
    let (Some(si), Some(sj)) = (it.next(), it.next()) else {
        return Err(format!("expected `row col value`, found {}", quote(line)));
    };
    let i = parse_index(si, rows, "row")?;
    let j = parse_index(sj, cols, "column")?;
    let v = match (field, it.next()) {
        (Field::Pattern, None) => 1.0,
        (Field::Real, Some(s)) => s.parse::<f64>().map_err(|_| format!("value {} is not a real number", quote(s)))?,
        (Field::Integer, Some(s)) => {
            s.parse::<i64>().map_err(|_| format!("value {} is not an integer", quote(s)))? as f64
        }
        _ => return Err(format!("wrong number of fields in {}", quote(line))),
    };
    if it.next().is_some() {
        return Err(format!("too many fields in {}", quote(line)));
    }
    Ok((i, j, v))
}

/// A 1-based index in `1..=bound`, returned 0-based.
fn parse_index(s: &str, bound: usize, what: &str) -> Result<usize, String> {
    match s.parse::<usize>() {
        Ok(k) if (1..=bound).contains(&k) => Ok(k - 1),
        Ok(k) => Err(format!("{what} index {k} outside 1..={bound}")),
        Err(_) => Err(format!("{what} index {} is not a positive integer", quote(s))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_str(s: &str) -> Result<TriMat<f64>, MatrixMarketError> {
        read_triplets_from(s.as_bytes(), Path::new("t.mtx"))
    }

    fn dense(t: &TriMat<f64>) -> Vec<Vec<f64>> {
        let mut m = vec![vec![0.0; t.cols()]; t.rows()];
        for (&v, (i, j)) in t.triplet_iter() {
            m[i][j] += v;
        }
        m
    }

    #[test]
    fn round_trip_keeps_every_bit() {
        let values = [1.0 / 3.0, -0.1, 1e-300, 6.02e23, -4.9e-324, 0.0];
        let mut t = TriMat::new((3, 4));
        for (k, &v) in values.iter().enumerate() {
            t.add_triplet(k % 3, k % 4, v);
        }
        let a: CsMat<f64> = t.to_csc();
        let mut out = Vec::new();
        write_to(&mut out, a.view()).unwrap();
        let back: CsMat<f64> = read_str(std::str::from_utf8(&out).unwrap()).unwrap().to_csc();
        assert_eq!(back.shape(), (3, 4));
        assert_eq!(back.indptr(), a.indptr());
        assert_eq!(back.indices(), a.indices());
        let bits = |m: &CsMat<f64>| m.data().iter().map(|v| v.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&back), bits(&a));
    }

    #[test]
    fn symmetric_pattern_and_integer_fields() {
        let sym = "%%MatrixMarket matrix coordinate real symmetric\n% c\n\n3 3 2\n1 1 2.5\n3 1 -1\n";
        assert_eq!(
            dense(&read_str(sym).unwrap()),
            vec![vec![2.5, 0.0, -1.0], vec![0.0, 0.0, 0.0], vec![-1.0, 0.0, 0.0]]
        );
        let pat = "%%MatrixMarket matrix coordinate pattern general\n2 2 1\n2 1\n";
        assert_eq!(dense(&read_str(pat).unwrap()), vec![vec![0.0, 0.0], vec![1.0, 0.0]]);
        let int = "%%MATRIXMARKET MATRIX COORDINATE INTEGER GENERAL\n1 1 1\n1 1 -7\n";
        assert_eq!(dense(&read_str(int).unwrap()), vec![vec![-7.0]]);
        let skew = "%%MatrixMarket matrix coordinate real skew-symmetric\n2 2 1\n2 1 3\n";
        assert_eq!(dense(&read_str(skew).unwrap()), vec![vec![0.0, -3.0], vec![3.0, 0.0]]);
    }

    #[test]
    fn errors_name_file_and_line() {
        let cases = [
            ("", 1, "empty"),
            ("%%MatrixMarket matrix array real general\n", 1, "array"),
            ("%%MatrixMarket matrix coordinate complex general\n", 1, "complex"),
            ("%%MatrixMarket matrix coordinate real general\n% x\n", 3, "size line"),
            ("%%MatrixMarket matrix coordinate real general\n2 2\n", 2, "size line"),
            ("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n3 1 1\n", 4, "row index 3"),
            ("%%MatrixMarket matrix coordinate real general\n2 2 2\n1 1 1\n1 0 1\n", 4, "column index 0"),
            ("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 x\n", 3, "not a real"),
            ("%%MatrixMarket matrix coordinate integer general\n2 2 1\n1 1 1.5\n", 3, "not an integer"),
            ("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1\n2 2 1\n", 4, "more entries"),
            ("%%MatrixMarket matrix coordinate real general\n2 2 3\n1 1 1\n", 4, "1 of 3"),
            ("%%MatrixMarket matrix coordinate real general\n2 2 1\n1 1 1 1\n", 3, "too many fields"),
            ("%%MatrixMarket matrix coordinate real symmetric\n2 3 1\n", 2, "cannot be symmetric"),
        ];
        for (text, line, needle) in cases {
            let e = read_str(text).unwrap_err();
            assert_eq!(e.line, line, "{text:?}: {e}");
            assert!(e.message.contains(needle), "{text:?}: {e}");
            assert!(e.to_string().starts_with(&format!("t.mtx:{line}: ")));
        }
    }

    #[test]
    fn long_garbage_is_quoted_briefly() {
        let text = format!("%%MatrixMarket matrix coordinate real general\n1 1 1\n1 1 {}\n", "z".repeat(10_000));
        let e = read_str(&text).unwrap_err();
        assert!(e.message.len() < 200);
    }

    #[test]
    fn missing_file_is_an_error() {
        let e = read_triplets(Path::new("/nonexistent/greenlca.mtx")).unwrap_err();
        assert_eq!(e.line, 0);
        assert!(e.message.starts_with("cannot open"));
    }
}
