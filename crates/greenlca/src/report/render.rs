//! One way to write any result: every report renders itself in each output format, and programs
//! pick the format in one place. A new format is added here only (xlsx is built from the CSV).

use super::format::Format;
use super::xlsx::{Sheet, sheets_from_csv, workbook};
use crate::error::Result;

/// A result that can be written as JSON, CSV, a table or an .xlsx workbook.
pub trait Render {
    /// JSON with a schema id and version, for programs.
    fn json(&self) -> String;
    /// CSV for spreadsheets.
    fn csv(&self) -> String;
    /// An aligned table for people.
    fn table(&self) -> String;

    /// The tables of the CSV as spreadsheet sheets (see [`sheets_from_csv`]).
    fn sheets(&self) -> Result<Vec<Sheet>> {
        sheets_from_csv(&self.csv(), "results")
    }

    /// The bytes of the result in `format` (bytes, so that binary formats fit too).
    fn render(&self, format: Format) -> Result<Vec<u8>> {
        Ok(match format {
            Format::Json => self.json().into_bytes(),
            Format::Csv => self.csv().into_bytes(),
            Format::Table => self.table().into_bytes(),
            Format::Xlsx => workbook(&self.sheets()?)?,
        })
    }
}

/// Implements [`Render`] with the report's own `to_json`, `to_csv` and `to_table`.
macro_rules! render_with_own_methods {
    ($($report:ty),* $(,)?) => {
        $(impl Render for $report {
            fn json(&self) -> String {
                self.to_json()
            }
            fn csv(&self) -> String {
                self.to_csv()
            }
            fn table(&self) -> String {
                self.to_table()
            }
        })*
    };
}

render_with_own_methods!(
    super::calc::CalcReport,
    super::calc_matrices::MatrixCalcReport,
    super::check::CheckReport,
    super::compare::CompareReport,
    super::contrib::ContribReport,
    super::db::DbListReport,
    super::db::DbShowReport,
    super::mc::McReport,
    super::methods::MatchReport,
    super::methods::MethodsReport,
    super::scenarios::ScenarioReport,
    super::scores::ScoresReport,
    super::sensitivity::AnalyticReport,
    super::sensitivity::OatReport,
    super::sensitivity::SobolReport,
);
