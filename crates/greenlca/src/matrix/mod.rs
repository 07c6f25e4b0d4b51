//! Matrices: index maps, patterns with value slots, and building A, B and C from the model.

pub mod augment;
pub mod build;
pub mod characterization;
pub mod foreground;
pub mod index;
pub mod parameters;
pub mod pattern;
pub mod system;

pub use build::build_system;
pub use characterization::{CategoryRow, Characterization, characterize};
pub use index::IdIndex;
pub use pattern::Pattern;
pub use system::{Column, Entries, EntrySource, FlowRow, LinkReport, TechSystem, UnlinkedPolicy};
