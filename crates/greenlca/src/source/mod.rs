//! Where inputs come from: a source lists its files, reads their bytes and names them for messages
//! and reports. A folder on disk is one kind; the datasets compiled into the library are another; a
//! registry or a compiled cache can be added behind the same trait.
//!
//! Files are named inside a source by relative paths with `/` separators (`db/flows.csv`), so that
//! every kind addresses them the same way; the display path is what errors and reports show.

mod embedded;
mod folder;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

pub use embedded::Embedded;
pub use folder::Folder;

use crate::error::{Error, Result};

/// Environment variable naming a folder that replaces the embedded datasets.
pub const DATASETS_ENV: &str = "GREENLCA_DATASETS";

/// A place inputs are read from.
pub trait InputSource: std::fmt::Debug + Send + Sync {
    /// Files directly inside the sub-folder `dir` (`""` for the top), as names relative to the
    /// source, sorted.
    fn list(&self, dir: &str) -> Result<Vec<String>>;

    /// True when the source holds the file `name`.
    fn contains(&self, name: &str) -> bool;

    /// The bytes of `name`.
    fn read(&self, name: &str) -> Result<Cow<'_, [u8]>>;

    /// The path that messages and reports show for `name`.
    fn display_path(&self, name: &str) -> PathBuf;

    /// The file on disk behind `name`, for readers that need a real path (importers of archives);
    /// `None` when the source is not a folder.
    fn local_path(&self, _name: &str) -> Option<PathBuf> {
        None
    }

    /// The text of `name`, which must be UTF-8.
    fn read_text(&self, name: &str) -> Result<String> {
        let bytes = self.read(name)?.into_owned();
        String::from_utf8(bytes).map_err(|_| {
            let e = std::io::Error::new(std::io::ErrorKind::InvalidData, "stream did not contain valid UTF-8");
            Error::io(self.display_path(name), &e)
        })
    }

    /// SHA-256 of the bytes of `name`, hex.
    fn sha256(&self, name: &str) -> Result<String> {
        Ok(sha256_hex(&self.read(name)?))
    }
}

/// The default data: the folder named by `GREENLCA_DATASETS` when it is set, otherwise the
/// datasets embedded in the library (the repository's `datasets/`).
pub fn datasets() -> Box<dyn InputSource> {
    match std::env::var_os(DATASETS_ENV) {
        Some(dir) => Box::new(Folder::new(dir)),
        None => Box::new(Embedded),
    }
}

/// SHA-256 of `bytes`, hex.
pub fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes).iter().map(|b| format!("{b:02x}")).collect()
}

/// `name` inside the sub-folder `dir` of a source (`""` is the top).
pub fn join(dir: &str, name: &str) -> String {
    if dir.is_empty() { name.to_string() } else { format!("{}/{name}", dir.trim_end_matches('/')) }
}

/// The sub-folder part of `name` (`""` at the top).
pub fn parent(name: &str) -> &str {
    name.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// The last part of `name`.
pub fn file_name(name: &str) -> &str {
    name.rsplit_once('/').map_or(name, |(_, file)| file)
}

/// A file on disk as a folder source and the file's name in it, so that readers of a source read
/// a single file too; its display path is the path as given.
pub fn split_path(path: &Path) -> (Folder, String) {
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(file)) => (Folder::new(dir), file.to_string_lossy().into_owned()),
        _ => (Folder::new(""), path.to_string_lossy().into_owned()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_split_and_join() {
        assert_eq!(join("", "a.csv"), "a.csv");
        assert_eq!(join("db", "a.csv"), "db/a.csv");
        assert_eq!(parent("db/a.csv"), "db");
        assert_eq!(parent("a.csv"), "");
        assert_eq!(file_name("methods/x.toml"), "x.toml");
        let (f, n) = split_path(Path::new("datasets/products/kettle.toml"));
        assert_eq!(f.display_path(&n), Path::new("datasets/products/kettle.toml"));
        let (f, n) = split_path(Path::new("kettle.toml"));
        assert_eq!(f.display_path(&n), Path::new("kettle.toml"));
    }
}
