//! Compiled forms: an input (today a matrix folder) compiled once to a binary file in the cache
//! directory, keyed by the SHA-256 of its content and verified on every load (magic, format and
//! greenlca version, key, payload length and checksum), so that later commands skip parsing text.
//! A compiled form that fails a check is rebuilt from the sources with a note; it never changes a
//! result. See docs/cache.md.

mod codec;
mod matrix_folder;
mod store;

pub use matrix_folder::{CacheMode, Compiled, CompiledStatus, read_matrix_folder_cached};
pub use store::{CACHE_ENV, CacheEntry, FORMAT_VERSION, Header, cache_dir, clear, list};
