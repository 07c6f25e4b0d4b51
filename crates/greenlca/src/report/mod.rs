//! Results for people and programs: tables, JSON, CSV, Markdown and HTML reports.

pub mod atomic;
pub mod calc;
pub mod calc_matrices;
pub mod charts;
pub mod check;
pub mod compare;
pub mod contrib;
pub mod evidence;
pub mod format;
pub mod mc;
pub mod render;
pub mod scenarios;
pub mod scores;
pub mod sensitivity;

pub use atomic::{write_all_atomic, write_atomic};
pub use format::{Format, TextTable, exact, human};
pub use render::Render;
