//! Importers of other formats (openLCA JSON-LD, EcoSpold 2, EcoSpold 1) into a native database,
//! with the helpers only they need: XML, formulas, compartments, unit names, parameters, and the
//! common finishing step and report of what changed on the way.

pub(crate) mod compartment;
pub(crate) mod ecospold1;
pub(crate) mod ecospold2;
pub(crate) mod finish;
pub(crate) mod formula_translate;
pub(crate) mod jsonld;
pub(crate) mod options;
pub(crate) mod params;
pub(crate) mod report;
pub(crate) mod unit_names;
pub(crate) mod xml_tree;

pub use options::ImportOptions;
