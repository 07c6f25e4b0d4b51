//! Readers and writers: native CSV databases, TOML product models, methods, the matrix exchange
//! folder, Matrix Market, and importers of other formats.

pub mod archive;
pub mod compartment;
pub mod csv_table;
pub mod database_read;
pub mod database_write;
pub mod ecospold1;
pub mod ecospold2;
pub mod exchange_folder;
pub mod exchange_folder_write;
pub mod formula_translate;
pub mod import;
pub mod import_finish;
pub mod import_params;
pub mod import_report;
pub mod inputs;
pub mod jsonld;
pub mod matrix_folder_mtx;
pub mod matrix_market;
pub mod method_read;
pub mod product_toml;
pub mod spec_toml;
pub mod stage_scheme_toml;
pub mod text;
pub mod uncertainty_columns;
pub mod unit_names;
pub mod useeio;
pub mod xml_tree;

use std::path::Path;

use crate::error::{Error, ErrorKind, Location};

pub use database_read::read_database;
pub use database_write::{Overwrite, write_database};
pub use ecospold1::{import_ecospold1, read_ecospold1};
pub use ecospold2::{import_ecospold2, read_ecospold2};
pub use import::{ImportOptions, import_any, read_any};
pub use import_report::{ImportNote, Imported, NoteKind, SourceFormat};
pub use jsonld::{import_jsonld, read_jsonld};
pub use product_toml::read_product_model;
pub use stage_scheme_toml::{read_stage_scheme, shipped_stage_scheme, shipped_stage_scheme_ids};

/// Line (1-based) of a byte offset in `text`.
pub fn line_of(text: &str, offset: usize) -> usize {
    text.as_bytes()[..offset.min(text.len())].iter().filter(|&&b| b == b'\n').count() + 1
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
pub use method_read::read_method;
