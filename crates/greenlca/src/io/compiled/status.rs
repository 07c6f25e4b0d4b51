//! What became of a compiled form (loaded, built, rebuilt, off, not stored), the one path every
//! kind of input takes through the cache (load and verify, else read the sources and store), and
//! the process-wide choice of whether database reads use the cache (the command line turns it on).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicU8, Ordering};

use super::store::{FORMAT_VERSION, Header, cache_dir, entry_path, load, save};
use crate::error::Result;

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

/// The mode the caller chose for reads inside commands: 0 not chosen, 1 use, 2 off. Database
/// reads (product models' databases, `--db`, `validate`, `import`) are off unless chosen, so that a
/// library caller never writes to a cache directory it did not ask for; the command line chooses
/// (off with `--no-cache`).
static MODE: AtomicU8 = AtomicU8::new(0);

/// Notes about compiled forms of databases read since the last [`take_notes`].
static NOTES: Mutex<Vec<String>> = Mutex::new(Vec::new());

/// Chooses whether reads inside commands use compiled forms (see docs/cache.md): database reads,
/// and `mc --matrices`. Not chosen, database reads do not use them.
pub fn set_default_mode(mode: CacheMode) {
    MODE.store(if mode == CacheMode::Use { 1 } else { 2 }, Ordering::Relaxed);
}

/// The mode [`set_default_mode`] chose, [`CacheMode::Off`] when none was chosen.
pub fn default_mode() -> CacheMode {
    mode_or(CacheMode::Off)
}

/// The mode [`set_default_mode`] chose, else `otherwise`.
pub(crate) fn mode_or(otherwise: CacheMode) -> CacheMode {
    match MODE.load(Ordering::Relaxed) {
        1 => CacheMode::Use,
        2 => CacheMode::Off,
        _ => otherwise,
    }
}

/// The notes (a compiled form refused and rebuilt, or not stored) of database reads since the
/// last call, for the caller to show (the library never prints).
pub fn take_notes() -> Vec<String> {
    NOTES.lock().map(|mut n| std::mem::take(&mut *n)).unwrap_or_default()
}

pub(crate) fn push_note(note: String) {
    if let Ok(mut n) = NOTES.lock()
        && !n.contains(&note)
    {
        n.push(note);
    }
}

/// How to read an input through its compiled form.
pub(crate) struct Job<'a, T> {
    /// What is compiled (`matrices`, `database`): the file name's prefix and the header's kind.
    pub kind: &'static str,
    /// SHA-256 over everything the result depends on.
    pub key: String,
    /// The input, for `cache list`.
    pub source: &'a Path,
    /// SHA-256 over the inputs' content, recorded in results.
    pub inputs_sha256: String,
    /// Decodes a verified payload; `None` refuses it.
    pub decode: fn(&[u8]) -> Option<T>,
    /// Encodes a result read from the sources; `Err(why)` when it cannot be.
    pub encode: fn(&T) -> std::result::Result<Vec<u8>, String>,
}

impl<T> Job<'_, T> {
    /// The compiled form when it passes every check, else `read()` (the sources), stored when
    /// `unchanged()` confirms the inputs did not change while they were read.
    pub fn run(
        self,
        mode: CacheMode,
        read: impl FnOnce() -> Result<T>,
        unchanged: impl FnOnce() -> std::result::Result<bool, String>,
    ) -> Result<(T, Compiled)> {
        let inputs_sha256 = self.inputs_sha256.clone();
        let done = |v, status, path| Ok((v, Compiled { status, inputs_sha256, path }));
        if mode == CacheMode::Off {
            return done(read()?, CompiledStatus::Off, None);
        }
        let Some(cache) = cache_dir() else {
            let why = "no cache directory: set GREENLCA_CACHE".to_string();
            return done(read()?, CompiledStatus::NotStored(why), None);
        };
        let path = entry_path(&cache, self.kind, &self.key);
        let refused = match load(&path, self.kind, &self.key) {
            Ok(Some(payload)) => match (self.decode)(&payload) {
                Some(v) => return done(v, CompiledStatus::Loaded, Some(path)),
                None => Some("its payload cannot be decoded".to_string()),
            },
            Ok(None) => None,
            Err(why) => Some(why),
        };
        let v = read()?;
        let stored = self.store(&v, &path, unchanged);
        let status = match (stored, refused) {
            (Err(why), _) => CompiledStatus::NotStored(why),
            (Ok(()), Some(why)) => CompiledStatus::Rebuilt(why),
            (Ok(()), None) => CompiledStatus::Built,
        };
        done(v, status, Some(path))
    }

    fn store(
        &self,
        v: &T,
        path: &Path,
        unchanged: impl FnOnce() -> std::result::Result<bool, String>,
    ) -> std::result::Result<(), String> {
        let payload = (self.encode)(v)?;
        // An input changed while it was read: its compiled form would be stored under the old key.
        if !unchanged()? {
            return Err("an input changed while it was read".into());
        }
        let header = Header {
            format: FORMAT_VERSION,
            greenlca: env!("CARGO_PKG_VERSION").into(),
            kind: self.kind.into(),
            key: self.key.clone(),
            source: self.source.display().to_string(),
        };
        save(path, &header, &payload).map_err(|e| e.message)
    }
}
