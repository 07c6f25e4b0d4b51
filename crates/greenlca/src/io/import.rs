//! Reads a database from any source greenlca can import, choosing the reader by content:
//! a folder with `database.toml` (native), openLCA JSON-LD (a zip or folder with
//! `processes/*.json`), EcoSpold 2 (`.spold` files: one, a folder or a zip of them) and EcoSpold 1
//! (`.xml` files with the EcoSpold01 namespace: one, a folder or a zip).

use std::io::Read;
use std::path::Path;

use super::archive::{self, Archive, DEFAULT_MAX_ENTRY_BYTES};
use super::import_report::{Imported, SourceFormat};
use super::{ecospold1, ecospold2, jsonld, read_database};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::model::Database;

/// Limits and choices of an import.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportOptions {
    /// Largest entry (file inside an archive, or file of a folder) read, in bytes.
    pub max_entry_bytes: u64,
}

impl Default for ImportOptions {
    fn default() -> Self {
        ImportOptions { max_entry_bytes: DEFAULT_MAX_ENTRY_BYTES }
    }
}

/// The kinds of source greenlca reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    /// A native database folder.
    Native,
    /// openLCA JSON-LD.
    JsonLd,
    /// EcoSpold 2.
    EcoSpold2,
    /// EcoSpold 1.
    EcoSpold1,
}

/// Reads any importable source with default options.
pub fn read_any(path: &Path) -> Result<Database> {
    import_any(path, &ImportOptions::default()).map(|i| i.database)
}

/// Reads any importable source and reports what the importer changed on the way.
pub fn import_any(path: &Path, options: &ImportOptions) -> Result<Imported> {
    match detect(path, options)? {
        SourceKind::Native => {
            let database = read_database(path)?;
            let exchanges_read = database.processes.iter().map(|p| p.exchanges.len()).sum();
            Ok(Imported { database, format: SourceFormat::Native, notes: Vec::new(), exchanges_read })
        }
        SourceKind::JsonLd => jsonld::import_jsonld(path, options),
        SourceKind::EcoSpold2 => ecospold2::import_ecospold2(path, options),
        SourceKind::EcoSpold1 => ecospold1::import_ecospold1(path, options),
    }
}

/// Tells which reader a path needs, from its content.
pub fn detect(path: &Path, options: &ImportOptions) -> Result<SourceKind> {
    if !path.exists() {
        return Err(Error::new(
            ErrorKind::Io,
            Location::file(path),
            "no such file or folder",
            "check the path; relative paths are taken from the current directory or the model file",
        ));
    }
    if path.is_dir() && path.join("database.toml").is_file() {
        return Ok(SourceKind::Native);
    }
    if path.is_dir() || archive::is_zip(path) {
        let mut a = Archive::open(path, options.max_entry_bytes)?;
        if jsonld::data_prefix(a.names()).is_some() {
            return Ok(SourceKind::JsonLd);
        }
        if a.names().iter().any(|n| n.to_ascii_lowercase().ends_with(".spold")) {
            return Ok(SourceKind::EcoSpold2);
        }
        let xml = a.names().iter().find(|n| n.to_ascii_lowercase().ends_with(".xml")).cloned();
        if let Some(x) = xml {
            let head = a.read(&x)?;
            if contains(&head, b"EcoSpold01") {
                return Ok(SourceKind::EcoSpold1);
            }
            if contains(&head, b"EcoSpold02") {
                return Ok(SourceKind::EcoSpold2);
            }
        }
        if path.is_dir() {
            // Let the native reader say what a database folder lacks.
            return Ok(SourceKind::Native);
        }
        return Err(unknown(path, "it holds no processes/*.json, .spold or EcoSpold .xml files"));
    }
    let mut head = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(8192).read_to_end(&mut head)).map_err(|e| Error::io(path, &e))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "spold" || contains(&head, b"EcoSpold02") {
        return Ok(SourceKind::EcoSpold2);
    }
    if contains(&head, b"EcoSpold01") {
        return Ok(SourceKind::EcoSpold1);
    }
    if ext == "json" {
        return Err(unknown(path, "a single JSON file is not an openLCA export"));
    }
    Err(unknown(path, "it is neither a zip archive nor an EcoSpold file"))
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

fn unknown(path: &Path, why: &str) -> Error {
    Error::new(
        ErrorKind::Invalid,
        Location::file(path),
        format!("cannot tell what database this is: {why}"),
        "give a greenlca database folder, an openLCA JSON-LD zip, EcoSpold 2 .spold files (or a zip of them) or EcoSpold 1 .xml files",
    )
}
