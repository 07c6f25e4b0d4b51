//! `--format xlsx`: the workbook read back (calamine) holds exactly the CSV of the same run, one
//! sheet per category with the unit moved into the headers, numbers as numbers.

use calamine::{Data, Reader, Xlsx, open_workbook};

use crate::common::{self, assert_error};

/// The CSV as header and rows (the `csv` crate is independent of the code under test).
fn read_csv(text: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut r = csv::ReaderBuilder::new().flexible(true).from_reader(text.as_bytes());
    let header = r.headers().unwrap().iter().map(String::from).collect();
    let rows = r.records().map(|x| x.unwrap().iter().map(String::from).collect()).collect();
    (header, rows)
}

/// The sheets of a workbook: name and rows of cells, the header first.
type Sheets = Vec<(String, Vec<Vec<Data>>)>;

/// Runs `args` once with `--format csv` and once with `--format xlsx --out`; returns both.
fn both(args: &[&str]) -> (String, Sheets) {
    let (code, csv, err) = common::run(&[args, &["--format", "csv"]].concat());
    // 1 is a specification not met (check), a result all the same.
    assert!(code == 0 || code == 1, "{err}");
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r.xlsx");
    let out_s = out.display().to_string();
    let (code, stdout, err) = common::run(&[args, &["--format", "xlsx", "--out", &out_s]].concat());
    assert!(code == 0 || code == 1, "{err}");
    assert!(stdout.is_empty(), "the workbook goes to the file only");
    let mut book: Xlsx<_> = open_workbook(&out).unwrap();
    let sheets =
        book.worksheets().into_iter().map(|(name, range)| (name, range.rows().map(|r| r.to_vec()).collect())).collect();
    (csv, sheets)
}

/// Every CSV row is in the sheet of its category, in order, with the same text and the same numbers
/// (bit for bit), and the unit is in the headers of the columns that carry it.
fn assert_same(csv: &str, sheets: &[(String, Vec<Vec<Data>>)], unitless: &[&str]) {
    let (header, rows) = read_csv(csv);
    let col = |n: &str| header.iter().position(|h| h == n);
    let mut seen = 0;
    for (name, cells) in sheets {
        let xheader: Vec<String> = cells[0].iter().map(|c| c.to_string()).collect();
        let mine: Vec<&Vec<String>> = match col("category") {
            Some(k) => rows.iter().filter(|r| &r[k] == name).collect(),
            None => rows.iter().collect(),
        };
        assert_eq!(cells.len() - 1, mine.len(), "rows of sheet {name}");
        seen += mine.len();
        for (x, r) in cells[1..].iter().zip(&mine) {
            for (h, cell) in xheader.iter().zip(x) {
                let (base, unit) = match h.split_once(" [") {
                    Some((b, u)) => (b, Some(u.trim_end_matches(']'))),
                    None => (h.as_str(), None),
                };
                let v = &r[col(base).unwrap_or_else(|| panic!("column {base} not in the CSV"))];
                if let (Some(u), Some(k)) = (unit, col("unit")) {
                    assert_eq!(u, r[k], "unit in the header of {h}");
                    assert!(!unitless.contains(&base), "{base} has no unit");
                }
                match cell {
                    Data::Float(f) => assert_eq!(f.to_bits(), v.parse::<f64>().unwrap().to_bits(), "{h}"),
                    Data::Empty => assert!(v.is_empty(), "{h}: {v}"),
                    Data::String(s) => {
                        assert_eq!(s, v);
                        assert!(s.parse::<f64>().is_err() || base == "id", "{h}: number {s} written as text");
                    }
                    other => panic!("unexpected cell {other:?}"),
                }
            }
        }
    }
    assert_eq!(seen, rows.len(), "every CSV row is in the workbook");
}

#[test]
fn calc_workbook_matches_csv() {
    let (csv, sheets) = both(&["calc", "datasets/products/kettle.toml", "--all-variants"]);
    let names: Vec<&str> = sheets.iter().map(|s| s.0.as_str()).collect();
    assert_eq!(names, ["gwp100", "gwp20", "acidification", "eutrophication"]);
    let header: Vec<String> = sheets[0].1[0].iter().map(|c| c.to_string()).collect();
    assert_eq!(header[..4], ["variant", "method", "name", "total [kg CO2-eq]"]);
    assert!(matches!(sheets[0].1[1][3], Data::Float(_)), "numbers as numbers");
    assert_same(&csv, &sheets, &[]);
}

#[test]
fn other_results_match_their_csv() {
    let k = "datasets/products/kettle.toml";
    for args in [
        vec!["compare", "datasets/products/paint.toml"],
        vec!["check", k, "--all-variants"],
        vec!["mc", k, "-n", "40", "--seed", "7"],
        vec!["contrib", k, "--category", "gwp100"],
        vec!["sensitivity", k, "--oat"],
    ] {
        let (csv, sheets) = both(&args);
        assert_same(&csv, &sheets, &["relative", "normalized", "n", "cv", "rel_se", "low", "high", "share"]);
    }
}

#[test]
fn xlsx_needs_a_file() {
    assert_error(&["calc", "datasets/products/kettle.toml", "--format", "xlsx"], &["--out"]);
}
