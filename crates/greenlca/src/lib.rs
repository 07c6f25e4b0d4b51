//! greenlca: life-cycle assessment engine.

pub mod error;
pub mod formula;
pub mod model;
pub mod numfmt;

pub use error::{Error, ErrorKind, Location, Result};
pub use progress::Progress;
pub use warning::Warning;
pub mod analysis;
pub mod calc;
pub mod io;
pub mod matrix;
pub mod plot;
pub mod progress;
pub mod report;
pub mod solve;
pub mod source;
#[cfg(feature = "test-support")]
pub mod synthetic;
pub mod uncertainty;
pub mod warning;
