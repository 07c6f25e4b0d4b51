//! Uncertainty: sampling distributions, Monte Carlo, and summaries of draws.

pub mod normal;
pub mod sample;
pub mod stats;
