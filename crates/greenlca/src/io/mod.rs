//! Readers and writers, grouped by what they read: `native` (the database folder, product models,
//! specifications), `method`, `import` (openLCA JSON-LD, EcoSpold 1 and 2) and `matrices` (the
//! matrix exchange folder, Matrix Market, USEEIO). `detect` tells every input format apart.

pub(crate) mod archive;
pub mod compiled;
pub(crate) mod detect;
pub mod import;
pub(crate) mod inputs;
pub(crate) mod layered;
pub mod matrices;
pub(crate) mod method;
pub(crate) mod native;
pub(crate) mod read_any;
pub(crate) mod text;

use std::path::Path;

use crate::error::{Error, ErrorKind, Location};

pub use import::ImportOptions;
pub use import::ecospold1::{import_ecospold1, read_ecospold1};
pub use import::ecospold2::{import_ecospold2, read_ecospold2};
pub use import::jsonld::{import_jsonld, read_jsonld};
pub use import::report::{ImportNote, Imported, NoteKind, SourceFormat};
pub use method::{is_fedefl_factor, method_files, read_factor_table, read_method};
pub use native::stage_scheme_toml::{read_stage_scheme, shipped_stage_scheme, shipped_stage_scheme_ids};
pub use native::{Overwrite, read_database, read_product_model, write_database, write_database_with};
pub use read_any::{import_any, read_any};

/// Line (1-based) of a byte offset in `text`. Scans the text: for one error message; a reader
/// that locates many items uses [`Lines`].
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
}

/// The line starts of a text, found in one pass, so that locating every element of a large file
/// costs a binary search each instead of a scan from the start (which made reading quadratic).
#[derive(Debug, Clone)]
pub struct Lines {
    /// Offsets of the newlines, ascending.
    newlines: Vec<usize>,
}

impl Lines {
    /// Indexes `text`.
    pub fn new(text: &str) -> Lines {
        Lines { newlines: text.bytes().enumerate().filter(|&(_, b)| b == b'\n').map(|(i, _)| i).collect() }
    }
    /// Line (1-based) of a byte offset, as [`line_of`] gives it.
    pub fn line(&self, offset: usize) -> usize {
        self.newlines.partition_point(|&nl| nl < offset) + 1
    }
}

/// A TOML syntax or schema error with its file and line.
pub(crate) fn toml_error(path: &Path, text: &str, e: &toml::de::Error) -> Error {
    let mut at = Location::file(path);
    at.line = e.span().map(|s| line_of(text, s.start));
    Error::new(
        ErrorKind::Syntax,
        at,
        e.message().trim().to_string(),
        "check the TOML against docs/formats.md (field names are case-sensitive; unknown fields are refused)",
    )
}
pub use inputs::{LayerRecord, ModelInputs, find_method, load_model, shipped_method_ids};
pub use layered::LayeredDatabase;
