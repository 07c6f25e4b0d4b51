//! Impact methods: which files are methods, and reading them.

pub(crate) mod factor_table;
pub(crate) mod fedefl;
pub(crate) mod method_toml;
pub(crate) mod method_write;

use std::path::Path;

use super::detect::{Format, detect};
use super::import::ImportOptions;

pub use factor_table::{factor_table_file, read_factor_table};
pub use fedefl::is_fedefl_factor;
pub use method_toml::read_method;
pub use method_write::method_files;

/// True when `path` is a method file greenlca reads (rather than the id of a shipped method).
pub fn is_method_file(path: &Path) -> bool {
    matches!(detect(path, &ImportOptions::default()), Ok(Format::MethodToml))
}
