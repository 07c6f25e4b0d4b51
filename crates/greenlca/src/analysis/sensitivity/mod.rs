//! Sensitivity: one-at-a-time over parameter ranges, analytical coefficients (Heijungs 2010), and
//! global Sobol indices.

pub(crate) mod analytic;
pub(crate) mod oat;
pub(crate) mod product_sobol;
pub mod sobol;
pub(crate) mod sobol_part;
pub use analytic::{Coefficient, InputKind, coefficients};
pub use oat::one_at_a_time;
pub use product_sobol::inputs as product_inputs;
pub use sobol_part::{SobolPart, SobolRun};
