//! Limits and choices of an import, shared by the dispatch and every importer.

use crate::io::archive::DEFAULT_MAX_ENTRY_BYTES;

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
