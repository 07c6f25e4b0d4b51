//! greenlca: life-cycle assessment engine.
