//! Uncertainty: sampling distributions, Monte Carlo, and summaries of draws.

pub mod draw;
pub mod mc_run;
pub mod montecarlo;
pub mod normal;
pub mod paired;
pub mod parts;
pub mod product;
pub mod sample;
pub mod stats;
