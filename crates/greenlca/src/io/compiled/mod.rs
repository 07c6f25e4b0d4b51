//! Compiled forms: an input (a matrix folder, a database folder, an imported database) compiled
//! once to a binary file in the cache directory, keyed by the SHA-256 of its content and verified
//! on every load (magic, format and greenlca version, key, payload length and checksum), so that
//! later commands skip parsing text. A compiled form that fails a check is rebuilt from the
//! sources with a note; it never changes a result. See docs/cache.md.

mod codec;
mod database;
mod db_codec;
mod matrix_folder;
mod status;
mod store;

pub use database::import_any_cached;
pub(crate) use database::{read_any_cached, read_any_cached_hashed};
pub use matrix_folder::read_matrix_folder_cached;
pub(crate) use status::mode_or;
pub use status::{CacheMode, Compiled, CompiledStatus, default_mode, set_default_mode, take_notes};
pub use store::{CACHE_ENV, CacheEntry, FORMAT_VERSION, Header, cache_dir, clear, list};
