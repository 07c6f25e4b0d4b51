//! A folder on disk as an input source: names are paths relative to the folder.

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use super::InputSource;
use crate::error::{Error, Result};

/// Files under a folder on disk.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    root: PathBuf,
}

impl Folder {
    /// The folder at `root` (relative paths are taken from the current directory when read).
    pub fn new(root: impl Into<PathBuf>) -> Folder {
        Folder { root: root.into() }
    }

    /// The folder itself.
    pub fn root(&self) -> &Path {
        &self.root
    }

    // `root.join("")` would add a trailing separator to the messages about the folder itself.
    fn path(&self, name: &str) -> PathBuf {
        if name.is_empty() { self.root.clone() } else { self.root.join(name) }
    }
}

impl InputSource for Folder {
    fn list(&self, dir: &str) -> Result<Vec<String>> {
        let path = self.path(dir);
        let mut names: Vec<String> = std::fs::read_dir(&path)
            .map_err(|e| Error::io(&path, &e))?
            .filter_map(|e| e.ok())
            .filter(|e| e.path().is_file())
            .map(|e| super::join(dir, &e.file_name().to_string_lossy()))
            .collect();
        names.sort();
        Ok(names)
    }

    fn contains(&self, name: &str) -> bool {
        self.path(name).is_file()
    }

    fn read(&self, name: &str) -> Result<Cow<'_, [u8]>> {
        let path = self.path(name);
        std::fs::read(&path).map(Cow::Owned).map_err(|e| Error::io(&path, &e))
    }

    // Same message as before sources existed when the file is not UTF-8.
    fn read_text(&self, name: &str) -> Result<String> {
        let path = self.path(name);
        std::fs::read_to_string(&path).map_err(|e| Error::io(&path, &e))
    }

    fn display_path(&self, name: &str) -> PathBuf {
        self.path(name)
    }

    fn local_path(&self, name: &str) -> Option<PathBuf> {
        Some(self.path(name))
    }
}
