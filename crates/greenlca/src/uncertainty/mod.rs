//! Uncertainty: sampling distributions, Monte Carlo, and summaries of draws.

pub(crate) mod draw;
pub(crate) mod mc_run;
pub(crate) mod montecarlo;
pub(crate) mod normal;
pub(crate) mod paired;
pub(crate) mod parts;
pub(crate) mod product;
pub(crate) mod sample;
pub(crate) mod spread;
pub(crate) mod stats;
pub use draw::BackgroundSampler;
pub use mc_run::{
    McRun, ProductRun, Units, matrices as run_matrices, matrices_with as run_matrices_with,
    matrix_system as run_matrix_system, matrix_system_with as run_matrix_system_with, model as run_model, units,
};
pub use montecarlo::{Draws, Shard};
pub use paired::paired;
pub use parts::{Merged, merge_files};
pub use product::ProductSampler;
pub use spread::{Spread, SpreadRow};
