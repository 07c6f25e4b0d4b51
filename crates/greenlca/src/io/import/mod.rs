//! Importers of other formats (openLCA JSON-LD, EcoSpold 2, EcoSpold 1) into a native database,
//! with the helpers only they need: XML, formulas, compartments, unit names, parameters, and the
//! common finishing step and report of what changed on the way.

pub mod compartment;
pub mod ecospold1;
pub mod ecospold2;
pub mod finish;
pub mod formula_translate;
pub mod jsonld;
pub mod options;
pub mod params;
pub mod report;
pub mod unit_names;
pub mod xml_tree;

pub use options::ImportOptions;
