//! Uncertainty: sampling distributions, Monte Carlo, and summaries of draws.

pub mod draw;
pub mod montecarlo;
pub mod normal;
pub mod paired;
pub mod product;
pub mod sample;
pub mod stats;
