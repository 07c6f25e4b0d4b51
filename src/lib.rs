//! greenlca: life-cycle assessment engine.

// Errors carry their location and hint by value; they are the cold path, so their size does not
// matter for speed and boxing them would only add noise at every construction site.
#![allow(clippy::result_large_err)]

pub mod error;
pub mod formula;
pub mod model;

pub use error::{Error, ErrorKind, Location, Result};
pub mod analysis;
pub mod calc;
pub mod io;
pub mod matrix;
pub mod plot;
pub mod report;
pub mod solve;
pub mod synthetic;
pub mod uncertainty;
