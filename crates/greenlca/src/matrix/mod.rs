//! Matrices: index maps, patterns with value slots, and building A, B and C from the model.

pub(crate) mod augment;
pub(crate) mod build;
pub(crate) mod characterization;
pub(crate) mod flow_sign;
pub(crate) mod foreground;
pub(crate) mod index;
pub(crate) mod parameters;
pub(crate) mod pattern;
pub(crate) mod relink;
pub(crate) mod system;

pub use augment::with_product;
pub use build::build_system;
pub use characterization::{CategoryRow, Characterization, FactorMatch, MatchRoute, characterize};
pub use foreground::{Foreground, Target};
pub use index::IdIndex;
pub use pattern::Pattern;
pub use relink::Relinked;
pub use system::{Column, Entries, EntrySource, FlowRow, LinkReport, Linking, TechSystem, UnlinkedPolicy};
