//! A matrix folder read through its compiled form: the files are hashed, and the compiled form
//! stored under that hash is loaded when it passes every check; otherwise the folder is read and
//! compiled anew.

use std::path::{Path, PathBuf};

use super::codec::{decode, encode};
use super::store::{FORMAT_VERSION, Header, cache_dir, entry_path, load, save};
use crate::error::Result;
use crate::io::inputs::{InputFile, content_digest, hash_folder};
use crate::io::matrices::{MatrixSystem, read_matrix_folder};

/// Whether a command may use compiled forms (`--no-cache` turns them off).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CacheMode {
    /// Load the compiled form when it is valid, store it when it is not.
    #[default]
    Use,
    /// Read the sources; neither load nor store a compiled form.
    Off,
}

/// What became of the compiled form of an input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum CompiledStatus {
    /// The compiled form was loaded.
    Loaded,
    /// There was none: the sources were read and compiled.
    Built,
    /// A stored one was refused (the reason): the sources were read and compiled anew.
    Rebuilt(String),
    /// Compiled forms were turned off (`--no-cache`).
    Off,
    /// The sources were read, but no compiled form could be stored (the reason).
    NotStored(String),
}

/// The compiled form's part in a result: what happened, and the inputs' content hash.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Compiled {
    /// What happened.
    pub status: CompiledStatus,
    /// SHA-256 over the inputs' content, as Monte Carlo parts record it (`inputs_sha256`).
    pub inputs_sha256: String,
    /// The compiled file, when one was loaded or stored.
    pub path: Option<PathBuf>,
}

impl Compiled {
    /// `loaded`, `built`, `rebuilt`, `off` or `not-stored`.
    pub fn as_str(&self) -> &'static str {
        match self.status {
            CompiledStatus::Loaded => "loaded",
            CompiledStatus::Built => "built",
            CompiledStatus::Rebuilt(_) => "rebuilt",
            CompiledStatus::Off => "off",
            CompiledStatus::NotStored(_) => "not-stored",
        }
    }

    /// A line for the user when something went wrong with the compiled form (never an error:
    /// the result was computed from the sources).
    pub fn note(&self) -> Option<String> {
        let at = self.path.as_ref().map(|p| p.display().to_string()).unwrap_or_default();
        match &self.status {
            CompiledStatus::Rebuilt(why) => {
                Some(format!("note: the compiled form {at} was not used ({why}): rebuilt from the sources"))
            }
            CompiledStatus::NotStored(why) => Some(format!("note: the compiled form was not stored ({why})")),
            _ => None,
        }
    }
}

/// The key of a compiled form: SHA-256 over every file's name and content hash (names count: a
/// renamed file changes what the reader reads).
fn key(kind: &str, files: &[InputFile]) -> String {
    let mut lines: Vec<String> = files
        .iter()
        .map(|f| format!("{}\t{}\n", f.path.file_name().map(|n| n.to_string_lossy()).unwrap_or_default(), f.sha256))
        .collect();
    lines.sort();
    crate::source::sha256_hex(format!("{kind}\n{}", lines.concat()).as_bytes())
}

const KIND: &str = "matrices";

/// Reads a matrix folder (triplet CSV or Matrix Market) through its compiled form in the cache
/// directory (see [`cache_dir`]). The result is the same, bit for bit, as [`read_matrix_folder`]'s.
pub fn read_matrix_folder_cached(dir: &Path, mode: CacheMode) -> Result<(MatrixSystem, Compiled)> {
    let files = match hash_folder(KIND, dir) {
        Ok(f) => f,
        Err(e) => {
            // The reader's own message (the file it misses) comes first.
            read_matrix_folder(dir)?;
            return Err(e);
        }
    };
    let inputs_sha256 = content_digest(&files);
    let done = |ms, status, path| Ok((ms, Compiled { status, inputs_sha256: inputs_sha256.clone(), path }));
    if mode == CacheMode::Off {
        return done(read_matrix_folder(dir)?, CompiledStatus::Off, None);
    }
    let Some(cache) = cache_dir() else {
        let why = "no cache directory: set GREENLCA_CACHE".to_string();
        return done(read_matrix_folder(dir)?, CompiledStatus::NotStored(why), None);
    };
    let key = key(KIND, &files);
    let path = entry_path(&cache, KIND, &key);
    let refused = match load(&path, KIND, &key) {
        Ok(Some(payload)) => match decode(&payload) {
            Some(ms) => return done(ms, CompiledStatus::Loaded, Some(path)),
            None => Some("its payload cannot be decoded".to_string()),
        },
        Ok(None) => None,
        Err(why) => Some(why),
    };
    let ms = read_matrix_folder(dir)?;
    let stored = store(dir, &files, &ms, &path, &key);
    let status = match (stored, refused) {
        (Err(why), _) => CompiledStatus::NotStored(why),
        (Ok(()), Some(why)) => CompiledStatus::Rebuilt(why),
        (Ok(()), None) => CompiledStatus::Built,
    };
    done(ms, status, Some(path))
}

fn store(
    dir: &Path,
    files: &[InputFile],
    ms: &MatrixSystem,
    path: &Path,
    key: &str,
) -> std::result::Result<(), String> {
    let payload = encode(ms).ok_or("the system has an index beyond 2^32")?;
    // A file changed while it was read: its compiled form would be stored under the old content.
    if hash_folder(KIND, dir).map_err(|e| e.message)? != files {
        return Err("an input changed while it was read".into());
    }
    let header = Header {
        format: FORMAT_VERSION,
        greenlca: env!("CARGO_PKG_VERSION").into(),
        kind: KIND.into(),
        key: key.into(),
        source: dir.display().to_string(),
    };
    save(path, &header, &payload).map_err(|e| e.message)
}
