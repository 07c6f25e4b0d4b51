//! The one place that tells what an input is, from its content: a native database folder (with
//! `database.toml`), a matrix folder (technosphere.csv triplets or technosphere.mtx), a method TOML
//! file, openLCA JSON-LD (a zip or folder with `processes/*.json`), EcoSpold 2 (`.spold` files: one,
//! a folder or a zip of them) or EcoSpold 1 (`.xml` files with the EcoSpold01 namespace: one, a
//! folder or a zip). Each reader asks here and keeps its own errors for what it cannot read.

use std::io::Read;
use std::path::Path;

use super::archive::{self, Archive};
use super::import::{ImportOptions, jsonld};
use crate::error::{Error, ErrorKind, Location, Result};

/// Every input format greenlca reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Format {
    /// A native database folder (`database.toml` and CSV tables).
    NativeDatabase,
    /// openLCA JSON-LD.
    JsonLd,
    /// EcoSpold 2.
    EcoSpold2,
    /// EcoSpold 1.
    EcoSpold1,
    /// A matrix exchange folder of triplet CSV files (technosphere.csv, ...).
    MatrixTriplets,
    /// A matrix exchange folder of Matrix Market files (technosphere.mtx, ...).
    MatrixMarket,
    /// An impact method: a TOML file naming its factor CSV.
    MethodToml,
}

/// Tells which reader a path needs, from its content.
pub fn detect(path: &Path, options: &ImportOptions) -> Result<Format> {
    if !path.exists() {
        return Err(Error::new(
            ErrorKind::Io,
            Location::file(path),
            "no such file or folder",
            "check the path; relative paths are taken from the current directory or the model file",
        ));
    }
    if path.is_dir() {
        if path.join("database.toml").is_file() {
            return Ok(Format::NativeDatabase);
        }
        // Triplet CSV wins when a folder holds both forms.
        if path.join("technosphere.csv").exists() {
            return Ok(Format::MatrixTriplets);
        }
        if path.join("technosphere.mtx").exists() {
            return Ok(Format::MatrixMarket);
        }
    } else if path.to_string_lossy().ends_with(".toml") {
        return Ok(Format::MethodToml);
    }
    if path.is_dir() || archive::is_zip(path) {
        let mut a = Archive::open(path, options.max_entry_bytes)?;
        if jsonld::data_prefix(a.names()).is_some() {
            return Ok(Format::JsonLd);
        }
        if a.names().iter().any(|n| n.to_ascii_lowercase().ends_with(".spold")) {
            return Ok(Format::EcoSpold2);
        }
        let xml = a.names().iter().find(|n| n.to_ascii_lowercase().ends_with(".xml")).cloned();
        if let Some(x) = xml {
            let head = a.read(&x)?;
            if contains(&head, b"EcoSpold01") {
                return Ok(Format::EcoSpold1);
            }
            if contains(&head, b"EcoSpold02") {
                return Ok(Format::EcoSpold2);
            }
        }
        if path.is_dir() {
            // Let the native reader say what a database folder lacks.
            return Ok(Format::NativeDatabase);
        }
        return Err(unknown(path, "it holds no processes/*.json, .spold or EcoSpold .xml files"));
    }
    let mut head = Vec::new();
    std::fs::File::open(path).and_then(|f| f.take(8192).read_to_end(&mut head)).map_err(|e| Error::io(path, &e))?;
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("").to_ascii_lowercase();
    if ext == "spold" || contains(&head, b"EcoSpold02") {
        return Ok(Format::EcoSpold2);
    }
    if contains(&head, b"EcoSpold01") {
        return Ok(Format::EcoSpold1);
    }
    if ext == "json" {
        return Err(unknown(path, "a single JSON file is not an openLCA export"));
    }
    Err(not_a_database(path))
}

/// The error for a single file that is no database source.
pub(crate) fn not_a_database(path: &Path) -> Error {
    unknown(path, "it is neither a zip archive nor an EcoSpold file")
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
