//! Output formats, number formatting and plain-text tables.

use std::fmt::Write;

pub use crate::io::text::{csv_line, exact};
pub use crate::numfmt::{human, short};

/// How results are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
#[non_exhaustive]
pub enum Format {
    /// Aligned tables for people.
    #[default]
    Table,
    /// JSON with a schema version, for programs.
    Json,
    /// CSV for spreadsheets, values in round-trip precision.
    Csv,
    /// An .xlsx workbook built from the CSV: one sheet per table, units in headers, numbers as
    /// numbers. Binary, so it is written to a file.
    Xlsx,
}

impl Format {
    /// Parses `table`, `json`, `csv` or `xlsx`.
    pub fn parse(s: &str) -> Option<Format> {
        match s {
            "table" => Some(Format::Table),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "xlsx" => Some(Format::Xlsx),
            _ => None,
        }
    }

    /// True for the binary formats, which need a file (`--out`).
    pub fn is_binary(self) -> bool {
        matches!(self, Format::Xlsx)
    }
}

/// A percentage with one decimal.
pub fn percent(share: Option<f64>) -> String {
    share.map_or_else(|| "-".into(), |s| format!("{:.1}%", s * 100.0))
}

/// A simple text table: first column left-aligned, the others right-aligned.
#[derive(Debug, Clone, Default)]
pub struct TextTable {
    header: Vec<String>,
    rows: Vec<Vec<String>>,
}

impl TextTable {
    /// A table with this header.
    pub fn new(header: Vec<String>) -> Self {
        TextTable { header, rows: Vec::new() }
    }
    /// Adds a row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(cells);
    }
    /// Renders with columns padded to their widest cell (by displayed characters).
    pub fn render(&self) -> String {
        let ncol = self.header.len();
        let width = |s: &str| s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum::<usize>();
        let mut w = vec![0usize; ncol];
        for r in std::iter::once(&self.header).chain(&self.rows) {
            for (i, c) in r.iter().enumerate().take(ncol) {
                w[i] = w[i].max(width(c));
            }
        }
        let mut out = String::new();
        let line = |out: &mut String, cells: &[String]| {
            for (i, c) in cells.iter().enumerate().take(ncol) {
                let pad = w[i].saturating_sub(width(c));
                if i > 0 {
                    out.push_str("  ");
                }
                if i == 0 {
                    out.push_str(c);
                    if i + 1 < ncol {
                        out.push_str(&" ".repeat(pad));
                    }
                } else {
                    out.push_str(&" ".repeat(pad));
                    out.push_str(c);
                }
            }
            out.push('\n');
        };
        line(&mut out, &self.header);
        let total: usize = w.iter().sum::<usize>() + 2 * ncol.saturating_sub(1);
        let _ = writeln!(out, "{}", "-".repeat(total));
        for r in &self.rows {
            line(&mut out, r);
        }
        out
    }
}

fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::io::text::csv_field;

    #[test]
    fn numbers_for_people_and_programs() {
        assert_eq!(exact(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(csv_field("a,b"), "\"a,b\"");
    }

    #[test]
    fn table_aligns_wide_characters() {
        let mut t = TextTable::new(vec!["stage".into(), "value".into()]);
        t.row(vec!["生产".into(), "1".into()]);
        t.row(vec!["use".into(), "10".into()]);
        let r = t.render();
        let lines: Vec<&str> = r.lines().collect();
        assert_eq!(lines[2], "生产       1");
        assert_eq!(lines[3], "use       10");
    }
}
