//! Analyses on top of results: contributions, comparisons, uncertainty, sensitivity, eco-design checks.

pub mod compare;
pub mod contribution;
pub mod ecodesign;
pub mod scenario;
pub mod sensitivity;
pub mod tree;
