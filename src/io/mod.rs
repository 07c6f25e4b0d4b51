//! Readers and writers of external formats.

pub mod matrix_market;
