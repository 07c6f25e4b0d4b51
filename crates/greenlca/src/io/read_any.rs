//! Reads a database from any source greenlca can import, with the reader [`detect`] chooses:
//! a native database folder, openLCA JSON-LD, EcoSpold 2 or EcoSpold 1.

use std::path::Path;

use super::detect::{Format, detect, not_a_database};
use super::import::report::{Imported, SourceFormat};
use super::import::{ImportOptions, ecospold1, ecospold2, jsonld};
use super::read_database;
use crate::error::Result;
use crate::model::Database;

/// Reads any importable source with default options.
pub fn read_any(path: &Path) -> Result<Database> {
    import_any(path, &ImportOptions::default()).map(|i| i.database)
}

/// Reads any importable source and reports what the importer changed on the way.
pub fn import_any(path: &Path, options: &ImportOptions) -> Result<Imported> {
    match detect(path, options)? {
        // A matrix folder is no database: the native reader says what it lacks.
        Format::NativeDatabase | Format::MatrixTriplets | Format::MatrixMarket => {
            let database = read_database(path)?;
            let exchanges_read = database.processes.iter().map(|p| p.exchanges.len()).sum();
            Ok(Imported {
                database,
                format: SourceFormat::Native,
                notes: Vec::new(),
                exchanges_read,
                methods: Vec::new(),
            })
        }
        Format::JsonLd => jsonld::import_jsonld(path, options),
        Format::EcoSpold2 => ecospold2::import_ecospold2(path, options),
        Format::EcoSpold1 => ecospold1::import_ecospold1(path, options),
        Format::MethodToml => Err(not_a_database(path)),
    }
}
