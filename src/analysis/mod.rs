//! Analyses on top of results: contributions, comparisons, uncertainty, sensitivity, eco-design checks.

pub mod contribution;
