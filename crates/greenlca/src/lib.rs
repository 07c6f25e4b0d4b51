//! greenlca: a life-cycle assessment engine.
//!
//! A product model (its own exchanges by life-cycle stage) sits on a background database; the
//! technology matrix A is factorized once and serves every variant, demand and category:
//! supply s = A⁻¹ f, inventory g = B s, scores h = C g.
//!
//! ```no_run
//! use std::sync::Arc;
//! use greenlca::calc::Study;
//! use greenlca::io::load_model;
//! use greenlca::matrix::UnlinkedPolicy;
//!
//! let inputs = load_model("datasets/products/kettle.toml".as_ref(), None, &[])?;
//! let study = Arc::new(Study::new(inputs, UnlinkedPolicy::Error)?);
//! let engine = study.engine()?;
//! let base = study.resolve("base", &[])?;
//! let result = study.assess(&engine, &base)?;
//! println!("{:?}", result.totals);
//! # Ok::<(), greenlca::Error>(())
//! ```
//!
//! The modules are the public namespaces; each re-exports the items meant for users and keeps its
//! files private. Enums that grow (error kinds, formats, measures) are `#[non_exhaustive]`.

pub mod analysis;
pub mod calc;
mod error;
mod formula;
pub mod io;
pub mod matrix;
pub mod model;
mod numfmt;
pub mod plot;
mod progress;
pub mod report;
pub mod solve;
pub mod source;
mod suggest;
#[cfg(feature = "test-support")]
pub mod synthetic;
pub mod uncertainty;
mod warning;

pub use error::{Collector, Error, ErrorKind, Location, Result};
pub use progress::{Progress, Silent};
pub use suggest::did_you_mean;
pub use warning::Warning;
