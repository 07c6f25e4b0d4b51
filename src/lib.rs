//! greenlca: life-cycle assessment engine.

pub mod io;
pub mod solve;
