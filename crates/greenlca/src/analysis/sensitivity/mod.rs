//! Sensitivity: one-at-a-time over parameter ranges, analytical coefficients (Heijungs 2010), and
//! global Sobol indices.

pub mod analytic;
pub mod oat;
pub mod product_sobol;
pub mod sobol;
pub mod sobol_part;
