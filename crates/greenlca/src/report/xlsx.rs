//! Spreadsheets: any result's CSV becomes an .xlsx workbook with numbers as numbers. A CSV with a
//! `category` column becomes one sheet per category; its `unit` column, constant inside a category,
//! moves into the headers of the columns that carry it (`total [kg CO2-eq]`), so every sheet is a
//! plain table a practitioner can sum and chart.

use rust_xlsxwriter::{Format as CellFormat, Workbook};

use crate::error::{Error, ErrorKind, Location, Result};

/// Numeric columns that are shares, counts or parameter values, never in the category's unit.
const UNITLESS: &[&str] = &[
    "n",
    "share",
    "relative",
    "normalized",
    "cv",
    "rel_se",
    "probability",
    "margin_percent",
    "elasticity",
    "variance_share",
    "low",
    "high",
    "coefficient",
];

/// One cell of a sheet.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Empty in the CSV.
    Empty,
    /// Text.
    Text(String),
    /// A number (written as a number, not as text).
    Number(f64),
}

/// One table of a workbook.
#[derive(Debug, Clone, PartialEq)]
pub struct Sheet {
    /// Sheet name (at most 31 characters, unique in the workbook).
    pub name: String,
    /// Column headers, with the unit in brackets where the column has one.
    pub header: Vec<String>,
    /// Rows of cells, as long as the header.
    pub rows: Vec<Vec<Cell>>,
}

/// The sheets of a result from its CSV (see the module comment).
pub fn sheets_from_csv(csv_text: &str, default_name: &str) -> Result<Vec<Sheet>> {
    let mut reader = csv::ReaderBuilder::new().has_headers(true).flexible(true).from_reader(csv_text.as_bytes());
    let header: Vec<String> = reader.headers().map_err(csv_error)?.iter().map(String::from).collect();
    let mut rows: Vec<Vec<String>> = Vec::new();
    for record in reader.records() {
        let r = record.map_err(csv_error)?;
        let mut row: Vec<String> = r.iter().map(String::from).collect();
        row.resize(header.len(), String::new());
        rows.push(row);
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let Some(cat) = col("category") else {
        return Ok(vec![typed(default_name.into(), header.clone(), &rows)]);
    };
    // Categories in order of first appearance.
    let mut order: Vec<String> = Vec::new();
    for r in &rows {
        if !order.contains(&r[cat]) {
            order.push(r[cat].clone());
        }
    }
    let unit = col("unit");
    let mut sheets = Vec::new();
    for c in &order {
        let group: Vec<&Vec<String>> = rows.iter().filter(|r| &r[cat] == c).collect();
        let one_unit = unit.and_then(|u| {
            let first = &group[0][u];
            group.iter().all(|r| &r[u] == first).then(|| first.clone())
        });
        // The category names the sheet, and a single unit moves into the headers.
        let keep: Vec<usize> =
            (0..header.len()).filter(|&i| i != cat && !(one_unit.is_some() && Some(i) == unit)).collect();
        let sub: Vec<Vec<String>> = group.iter().map(|r| keep.iter().map(|&i| r[i].clone()).collect()).collect();
        let mut h: Vec<String> = keep.iter().map(|&i| header[i].clone()).collect();
        let mut sheet = typed(sheet_name(c, &sheets), std::mem::take(&mut h), &sub);
        if let Some(u) = one_unit.filter(|u| !u.is_empty()) {
            for (i, name) in sheet.header.iter_mut().enumerate() {
                let numeric = sheet.rows.iter().any(|r| matches!(r[i], Cell::Number(_)));
                if numeric && !UNITLESS.contains(&name.as_str()) {
                    *name = format!("{name} [{u}]");
                }
            }
        }
        sheets.push(sheet);
    }
    if sheets.is_empty() {
        sheets.push(typed(default_name.into(), header.clone(), &rows));
    }
    Ok(sheets)
}

/// A sheet whose all-numeric columns hold numbers (so that an id column of digits stays text only
/// when some id in it is not a number, as ids are compared as text elsewhere).
fn typed(name: String, header: Vec<String>, rows: &[Vec<String>]) -> Sheet {
    let numeric: Vec<bool> = (0..header.len())
        .map(|i| {
            let mut any = false;
            let all = rows.iter().all(|r| {
                let s = r[i].trim();
                any |= !s.is_empty();
                s.is_empty() || is_number(s)
            });
            all && any
        })
        .collect();
    let rows = rows
        .iter()
        .map(|r| {
            r.iter()
                .zip(&numeric)
                .map(|(s, &num)| match (s.is_empty(), num) {
                    (true, _) => Cell::Empty,
                    (false, true) => s
                        .trim()
                        .parse::<f64>()
                        .ok()
                        .filter(|x| x.is_finite())
                        .map_or_else(|| Cell::Text(s.clone()), Cell::Number),
                    (false, false) => Cell::Text(s.clone()),
                })
                .collect()
        })
        .collect();
    Sheet { name, header, rows }
}

/// Numbers as results write them, including `NaN` and `inf` (kept as text in their cell).
fn is_number(s: &str) -> bool {
    s.parse::<f64>().is_ok()
}

/// A valid, unique sheet name: Excel forbids `[]:*?/\` and names over 31 characters.
fn sheet_name(wanted: &str, taken: &[Sheet]) -> String {
    let clean: String = wanted.chars().map(|c| if "[]:*?/\\".contains(c) { '_' } else { c }).collect();
    let base: String = if clean.trim().is_empty() { "sheet".into() } else { clean.chars().take(31).collect() };
    let mut name = base.clone();
    let mut k = 2;
    while taken.iter().any(|s| s.name.eq_ignore_ascii_case(&name)) {
        let suffix = format!("~{k}");
        name = format!("{}{suffix}", base.chars().take(31 - suffix.len()).collect::<String>());
        k += 1;
    }
    name
}

/// The bytes of an .xlsx workbook holding `sheets`, headers in bold and frozen.
pub fn workbook(sheets: &[Sheet]) -> Result<Vec<u8>> {
    let mut book = Workbook::new();
    let bold = CellFormat::new().set_bold();
    for s in sheets {
        let ws = book.add_worksheet();
        ws.set_name(&s.name).map_err(|e| xlsx_error(&s.name, e))?;
        for (j, h) in s.header.iter().enumerate() {
            ws.write_string_with_format(0, col(j)?, h, &bold).map_err(|e| xlsx_error(&s.name, e))?;
        }
        for (i, r) in s.rows.iter().enumerate() {
            let row = u32::try_from(i + 1).map_err(|_| too_large(&s.name))?;
            for (j, c) in r.iter().enumerate() {
                let done = match c {
                    Cell::Empty => continue,
                    Cell::Text(t) => ws.write_string(row, col(j)?, t).map(|_| ()),
                    Cell::Number(x) => ws.write_number(row, col(j)?, *x).map(|_| ()),
                };
                done.map_err(|e| xlsx_error(&s.name, e))?;
            }
        }
        ws.set_freeze_panes(1, 0).map_err(|e| xlsx_error(&s.name, e))?;
    }
    book.save_to_buffer().map_err(|e| xlsx_error("workbook", e))
}

fn col(j: usize) -> Result<u16> {
    u16::try_from(j).map_err(|_| too_large("workbook"))
}

fn too_large(sheet: &str) -> Error {
    Error::new(
        ErrorKind::Invalid,
        Location::entity(format!("sheet `{sheet}`")),
        "the result has more rows or columns than an .xlsx sheet holds",
        "write it with --format csv instead",
    )
}

fn xlsx_error(sheet: &str, e: rust_xlsxwriter::XlsxError) -> Error {
    Error::new(
        ErrorKind::Invalid,
        Location::entity(format!("sheet `{sheet}`")),
        format!("cannot write the .xlsx workbook: {e}"),
        "write it with --format csv instead",
    )
}

fn csv_error(e: csv::Error) -> Error {
    Error::new(
        ErrorKind::Syntax,
        Location::entity("result CSV"),
        format!("cannot turn the result into a workbook: {e}"),
        "write it with --format csv instead",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_sheet_per_category_with_units_in_headers() {
        let csv = "variant,category,unit,total,relative\nbase,gwp,kg CO2-eq,1.5,0.0\nalt,gwp,kg CO2-eq,2,0.33\nbase,ap,kg SO2-eq,0.1,\n";
        let s = sheets_from_csv(csv, "x").unwrap();
        assert_eq!(s.len(), 2);
        assert_eq!(s[0].name, "gwp");
        assert_eq!(s[0].header, ["variant", "total [kg CO2-eq]", "relative"]);
        assert_eq!(s[0].rows[1], [Cell::Text("alt".into()), Cell::Number(2.0), Cell::Number(0.33)]);
        assert_eq!(s[1].rows[0][2], Cell::Empty);
    }

    #[test]
    fn no_category_is_one_sheet_and_digit_ids_stay_text_when_mixed() {
        let s = sheets_from_csv("id,value\n001,1\nB2,2e-3\n", "results").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].rows[0][0], Cell::Text("001".into()));
        assert_eq!(s[0].rows[1][1], Cell::Number(0.002));
    }

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let a = Sheet { name: "a/b".into(), header: vec![], rows: vec![] };
        assert_eq!(sheet_name("a/b", &[]), "a_b");
        assert_eq!(sheet_name("A_B", &[Sheet { name: "a_b".into(), ..a }]), "A_B~2");
        assert_eq!(sheet_name(&"x".repeat(40), &[]).len(), 31);
    }
}
