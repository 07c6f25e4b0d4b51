//! The importers (openLCA JSON-LD, EcoSpold 1 and 2): hand-written data sets, round trips and bad
//! input.

mod bad_input;
mod ecospold;
mod jsonld;
mod jsonld_methods;
mod roundtrip;
