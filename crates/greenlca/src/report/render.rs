//! One way to write any result: every report renders itself in each output format, and programs
//! pick the format in one place. A new format (say xlsx, built from the CSV) is added here only.

use super::format::Format;

/// A result that can be written as JSON, CSV or a table.
pub trait Render {
    /// JSON with a schema id and version, for programs.
    fn json(&self) -> String;
    /// CSV for spreadsheets.
    fn csv(&self) -> String;
    /// An aligned table for people.
    fn table(&self) -> String;

    /// The bytes of the result in `format` (bytes, so that binary formats fit too).
    fn render(&self, format: Format) -> Vec<u8> {
        match format {
            Format::Json => self.json(),
            Format::Csv => self.csv(),
            Format::Table => self.table(),
        }
        .into_bytes()
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
    super::mc::McReport,
    super::scenarios::ScenarioReport,
    super::scores::ScoresReport,
    super::sensitivity::AnalyticReport,
    super::sensitivity::OatReport,
    super::sensitivity::SobolReport,
);
