//! Results for people and programs: tables, JSON, CSV, Markdown and HTML reports.

pub(crate) mod atomic;
pub(crate) mod calc;
pub(crate) mod calc_matrices;
pub(crate) mod charts;
pub(crate) mod check;
pub(crate) mod compare;
pub(crate) mod contrib;
pub(crate) mod contrib_build;
pub(crate) mod db;
pub mod evidence;
pub(crate) mod format;
pub(crate) mod mc;
pub(crate) mod methods;
pub(crate) mod paired_run;
pub(crate) mod render;
pub(crate) mod scenarios;
pub(crate) mod scores;
pub(crate) mod sensitivity;
pub(crate) mod xlsx;

pub use crate::matrix::Linking;
pub use atomic::{check_output_dir, check_output_file, write_all_atomic, write_atomic, write_files_atomic};
pub use calc::{CalcReport, CategorySummary, RankedSummary};
pub use calc_matrices::MatrixCalcReport;
pub use charts::{
    Chart, calc_charts, compare_charts, contrib_charts, difference_charts, mc_charts, oat_charts, sobol_charts,
};
pub use check::CheckReport;
pub use compare::{CompareReport, PairedReport};
pub use contrib::{CategoryContributions, ContribReport, TreeNode};
pub use contrib_build::ContribOptions;
pub use db::{DbEntry, DbListReport, DbQuery, DbShowReport, ShownExchange, ShownFactor};
pub use format::csv_line;
pub use format::{Format, TextTable, exact, human};
pub use mc::{McReport, draws_csv, label};
pub use methods::{CategoryMatch, MatchReport, MethodsReport, UnmatchedFlow};
pub use render::Render;
pub use scenarios::{ScenarioReport, ScenarioRun};
pub use scores::ScoresReport;
pub use sensitivity::{AnalyticCategory, AnalyticReport, OatReport, SobolReport};
pub use xlsx::{Cell, Sheet, sheets_from_csv, workbook};
