//! Analyses on top of results: contributions, comparisons, uncertainty, sensitivity, eco-design checks.

pub(crate) mod compare;
pub(crate) mod contribution;
pub mod ecodesign;
pub(crate) mod scenario;
pub mod sensitivity;
pub(crate) mod tree;
pub use compare::compare;
pub use contribution::{by_exchange, by_flow, by_process, rank};
pub use scenario::read_scenarios;
pub use tree::{Node, TreeLimits, supply_chain_tree};
