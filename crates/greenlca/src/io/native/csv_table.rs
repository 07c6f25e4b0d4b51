//! Reading CSV tables by column name, with the line of every row kept for error messages.

use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::source::InputSource;

/// A CSV file read into memory: header and rows with their line numbers.
#[derive(Debug, Clone)]
pub struct CsvTable {
    path: PathBuf,
    headers: Vec<String>,
    rows: Vec<(usize, Vec<String>)>,
}

/// One row of a [`CsvTable`].
#[derive(Debug, Clone, Copy)]
pub struct Row<'a> {
    table: &'a CsvTable,
    line: usize,
    fields: &'a [String],
}

/// Whether a field holds line breaks followed by lines that read as rows of the table: a field
/// whose quote was left open and took in the rows after it. A row has about as many fields as the
/// header, an id-like first field and no space after a comma; prose in a multi-line comment
/// (USLCI's have many commas) does not look like that.
fn swallows_rows(field: &[u8], columns: usize) -> bool {
    let looks_like_row = |line: &[u8]| {
        let parts: Vec<&[u8]> = line.split(|&b| b == b',').collect();
        let first = parts[0];
        (columns.saturating_sub(1)..=columns).contains(&parts.len())
            && !first.is_empty()
            && !first.iter().any(u8::is_ascii_whitespace)
            && !parts.iter().any(|p| p.first().is_some_and(u8::is_ascii_whitespace))
    };
    columns > 2 && field.contains(&b'\n') && field.split(|&b| b == b'\n').skip(1).any(looks_like_row)
}

/// Whether the text ends inside a quoted field (a quote opens a field only at its start; inside
/// one, two quotes are a literal quote), as the CSV reader parses it.
fn ends_in_quote(bytes: &[u8]) -> bool {
    let (mut quoted, mut field_start) = (false, true);
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if quoted {
            if b == b'"' {
                if bytes.get(i + 1) == Some(&b'"') {
                    i += 1;
                } else {
                    quoted = false;
                }
            }
        } else if b == b'"' && field_start {
            quoted = true;
            field_start = false;
        } else {
            field_start = matches!(b, b',' | b'\n' | b'\r');
        }
        i += 1;
    }
    quoted
}

impl CsvTable {
    /// Reads `path`. The file must be UTF-8 (a BOM is skipped) with one header line.
    pub fn read(path: &Path) -> Result<CsvTable> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        Self::parse(path, &bytes)
    }

    /// Reads the file `name` of a source; messages name its display path.
    pub fn read_in(source: &dyn InputSource, name: &str) -> Result<CsvTable> {
        Self::parse(&source.display_path(name), &source.read(name)?)
    }

    /// Parses CSV text already in memory (`path` is used for messages).
    pub fn parse(path: &Path, bytes: &[u8]) -> Result<CsvTable> {
        let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
        let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(bytes);
        let syntax = |line: Option<u64>, msg: String| {
            let mut at = Location::file(path);
            at.line = line.map(|l| l as usize);
            Error::new(ErrorKind::Syntax, at, msg, "save the file as UTF-8 CSV with a header line, comma separated")
        };
        let headers: Vec<String> = reader
            .byte_headers()
            .map_err(|e| syntax(Some(1), format!("cannot read the header: {e}")))?
            .iter()
            .map(|h| String::from_utf8(h.to_vec()).map(|s| s.trim().to_string()))
            .collect::<std::result::Result<_, _>>()
            .map_err(|_| syntax(Some(1), "the header is not valid UTF-8".into()))?;
        // A repeated column would be read by its first occurrence only, the other silently lost.
        for (i, h) in headers.iter().enumerate() {
            if !h.is_empty() && headers[..i].contains(h) {
                return Err(Error::new(
                    ErrorKind::Syntax,
                    Location::line(path, 1).with_entity(format!("column `{h}`")),
                    format!("column `{h}` appears twice in the header"),
                    "remove or rename one of the two columns",
                ));
            }
        }
        // Line numbers from byte offsets: the csv crate's own line count skips blank lines.
        let line_starts: Vec<usize> = std::iter::once(0)
            .chain(bytes.iter().enumerate().filter(|(_, b)| **b == b'\n').map(|(i, _)| i + 1))
            .collect();
        // A record's reported start may sit on blank lines before it: skip them.
        let line_at = |byte: u64| {
            let mut b = byte as usize;
            while b < bytes.len() && (bytes[b] == b'\n' || bytes[b] == b'\r') {
                b += 1;
            }
            line_starts.partition_point(|&s| s <= b)
        };
        let mut rows = Vec::new();
        let mut last_line = 1;
        for rec in reader.byte_records() {
            let rec = rec.map_err(|e| syntax(e.position().map(|p| line_at(p.byte()) as u64), format!("{e}")))?;
            let line = rec.position().map(|p| line_at(p.byte())).unwrap_or(0);
            last_line = line;
            if rec.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
                continue;
            }
            if let Some(k) = rec.iter().position(|f| swallows_rows(f, headers.len())) {
                return Err(Error::new(
                    ErrorKind::Syntax,
                    Location::line(path, line),
                    format!(
                        "the quoted field in column `{}` runs over several lines and takes in what look like rows of the table",
                        headers.get(k).map_or("?", String::as_str)
                    ),
                    "a quote opened in this field is not closed where the field ends: close it (write a quote inside a field as two quotes)",
                ));
            }
            if rec.len() > headers.len() {
                return Err(syntax(
                    Some(line as u64),
                    format!("{} fields, but the header has {}", rec.len(), headers.len()),
                ));
            }
            let fields = rec
                .iter()
                .map(|f| String::from_utf8(f.to_vec()).map(|s| s.trim().to_string()))
                .collect::<std::result::Result<Vec<_>, _>>()
                .map_err(|_| syntax(Some(line as u64), "text is not valid UTF-8".into()))?;
            rows.push((line, fields));
        }
        // The CSV reader ends a field left open at the end of the file silently: the rows after an
        // unterminated quote would vanish.
        if ends_in_quote(bytes) {
            return Err(Error::new(
                ErrorKind::Syntax,
                Location::line(path, last_line),
                "a quote opened in this row is never closed, so the rest of the file would be read as one field",
                "close the quote (write a quote inside a field as two quotes)",
            ));
        }
        Ok(CsvTable { path: path.to_path_buf(), headers, rows })
    }

    /// True when the header has this column.
    pub fn has_column(&self, name: &str) -> bool {
        self.headers.iter().any(|h| h == name)
    }

    /// Fails, naming every missing column, unless all of `names` are present.
    pub fn require_columns(&self, names: &[&str]) -> Result<()> {
        let missing: Vec<&str> = names.iter().copied().filter(|n| !self.has_column(n)).collect();
        if missing.is_empty() {
            return Ok(());
        }
        Err(Error::new(
            ErrorKind::Syntax,
            Location::line(&self.path, 1),
            format!("missing column(s) {}", missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")),
            format!("the header must include {} (see docs/formats.md)", names.join(", ")),
        ))
    }

    /// The rows, in file order.
    pub fn rows(&self) -> impl Iterator<Item = Row<'_>> {
        self.rows.iter().map(move |(line, fields)| Row { table: self, line: *line, fields })
    }

    /// Number of data rows.
    pub fn len(&self) -> usize {
        self.rows.len()
    }

    fn column(&self, name: &str) -> Option<usize> {
        self.headers.iter().position(|h| h == name)
    }
}

impl<'a> Row<'a> {
    /// Location of the row: file and line.
    pub fn at(&self) -> Location {
        Location::line(&self.table.path, self.line)
    }

    /// 1-based line number.
    pub fn line(&self) -> usize {
        self.line
    }

    /// The trimmed text of a column; `None` when the column is absent or the cell empty.
    pub fn get(&self, name: &str) -> Option<&'a str> {
        let i = self.table.column(name)?;
        self.fields.get(i).map(String::as_str).filter(|s| !s.is_empty())
    }

    /// The text of a column that must not be empty.
    pub fn required(&self, name: &str) -> Result<&'a str> {
        self.get(name).ok_or_else(|| {
            Error::new(ErrorKind::Value, self.at(), format!("column `{name}` is empty"), format!("fill in `{name}`"))
        })
    }

    /// A finite number, or `None` for an empty cell.
    pub fn number(&self, name: &str) -> Result<Option<f64>> {
        let Some(text) = self.get(name) else {
            return Ok(None);
        };
        parse_number(text).map(Some).ok_or_else(|| {
            Error::new(
                ErrorKind::Value,
                self.at(),
                format!("`{name}` is `{text}`, not a finite number"),
                "write a number with `.` as the decimal point, e.g. 0.25 or 1.5e-3",
            )
        })
    }

    /// A non-negative integer index, or `None` for an empty cell.
    pub fn index(&self, name: &str) -> Result<Option<usize>> {
        let Some(text) = self.get(name) else {
            return Ok(None);
        };
        text.parse::<usize>().map(Some).or_else(|_| {
            // Tolerate `3.0` as written by some spreadsheet exports.
            match text.parse::<f64>() {
                Ok(x) if x >= 0.0 && x.fract() == 0.0 && x < 1e15 => Ok(Some(x as usize)),
                _ => Err(Error::new(
                    ErrorKind::Value,
                    self.at(),
                    format!("`{name}` is `{text}`, not a 0-based index"),
                    "write a whole number >= 0",
                )),
            }
        })
    }

    /// A yes/no cell: `true`, `yes`, `1`, `x` or `false`, `no`, `0`, empty.
    pub fn flag(&self, name: &str) -> Result<bool> {
        match self.get(name).map(|s| s.to_ascii_lowercase()) {
            None => Ok(false),
            Some(s) if matches!(s.as_str(), "true" | "yes" | "1" | "x" | "y") => Ok(true),
            Some(s) if matches!(s.as_str(), "false" | "no" | "0" | "n") => Ok(false),
            Some(s) => {
                Err(Error::new(ErrorKind::Value, self.at(), format!("`{name}` is `{s}`"), "write true or false"))
            }
        }
    }

    /// Owned text of an optional column.
    pub fn text(&self, name: &str) -> Option<String> {
        self.get(name).map(str::to_string)
    }
}

/// Parses a finite number; rejects NaN and infinities.
pub fn parse_number(text: &str) -> Option<f64> {
    let x: f64 = text.trim().parse().ok()?;
    x.is_finite().then_some(x)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_by_column_name_with_lines_and_refuses_bad_numbers() {
        let t = CsvTable::parse(Path::new("x.csv"), "\u{feff}b,a\n1, 2\n\n3,NaN\n".as_bytes()).unwrap();
        let rows: Vec<Row> = t.rows().collect();
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0].get("a"), Some("2"));
        assert_eq!(rows[1].line(), 4);
        let e = rows[1].number("a").unwrap_err();
        assert_eq!(e.at.line, Some(4));
        assert!(t.require_columns(&["a", "c"]).unwrap_err().message.contains("`c`"));
    }

    #[test]
    fn refuses_non_utf8() {
        let e = CsvTable::parse(Path::new("x.csv"), b"a\n\xff\xfe\n").unwrap_err();
        assert_eq!(e.kind, ErrorKind::Syntax);
        assert!(e.message.contains("UTF-8"));
    }
}
