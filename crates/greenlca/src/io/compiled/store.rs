//! The cache directory of compiled forms: one file per input, named by the SHA-256 of the input's
//! content, written atomically (a temporary file renamed into place, so that concurrent processes
//! see either no file or a whole one) and verified in full before it is used.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::codec::{Reader, Writer};
use crate::error::{Error, Result};

/// First bytes of every compiled file.
const MAGIC: &[u8; 8] = b"GLCACMP\0";

/// Version of the file layout and payload encoding; a file of another version is rebuilt.
pub const FORMAT_VERSION: u64 = 2;

/// Extension of compiled files.
const EXT: &str = "glc";

/// The environment variable naming the cache directory.
pub const CACHE_ENV: &str = "GREENLCA_CACHE";

/// The cache directory: `GREENLCA_CACHE`, else the platform's cache directory
/// (`$XDG_CACHE_HOME/greenlca`, `~/.cache/greenlca`; `%LOCALAPPDATA%\greenlca` on Windows).
pub fn cache_dir() -> Option<PathBuf> {
    let var = |k: &str| std::env::var_os(k).filter(|v| !v.is_empty()).map(PathBuf::from);
    if let Some(d) = var(CACHE_ENV) {
        return Some(d);
    }
    if cfg!(windows) {
        return var("LOCALAPPDATA").map(|d| d.join("greenlca"));
    }
    var("XDG_CACHE_HOME").or_else(|| var("HOME").map(|h| h.join(".cache"))).map(|d| d.join("greenlca"))
}

/// The file of the compiled form of an input of `kind` whose content hashes to `key`.
pub(crate) fn entry_path(dir: &Path, kind: &str, key: &str) -> PathBuf {
    dir.join(format!("{kind}-{key}.{EXT}"))
}

/// What the header of a compiled file says.
#[derive(Debug, Clone)]
pub struct Header {
    /// Format version.
    pub format: u64,
    /// The greenlca version that wrote it.
    pub greenlca: String,
    /// What was compiled (`matrices`).
    pub kind: String,
    /// SHA-256 of the input's content (hex), the key.
    pub key: String,
    /// The input's path when it was compiled (for `cache list`; not part of the key).
    pub source: String,
}

fn header_bytes(h: &Header, payload: &[u8]) -> Vec<u8> {
    let mut w = Writer::default();
    w.bytes.extend_from_slice(MAGIC);
    w.u64(h.format);
    w.str(&h.greenlca);
    w.str(&h.kind);
    w.str(&h.key);
    w.str(&h.source);
    w.u64(payload.len() as u64);
    w.bytes.extend_from_slice(&Sha256::digest(payload));
    w.bytes
}

/// Reads the header; the payload's length and checksum follow it.
fn read_header<'a>(r: &mut Reader<'a>) -> std::result::Result<(Header, u64, &'a [u8]), String> {
    let bad = || "its header is cut short or malformed".to_string();
    if r.take(MAGIC.len()) != Some(&MAGIC[..]) {
        return Err("it is not a greenlca compiled file".into());
    }
    let format = r.u64().ok_or_else(bad)?;
    if format != FORMAT_VERSION {
        return Err(format!("it has format version {format}, this greenlca reads {FORMAT_VERSION}"));
    }
    let greenlca = r.str().ok_or_else(bad)?;
    let h = Header {
        format,
        greenlca,
        kind: r.str().ok_or_else(bad)?,
        key: r.str().ok_or_else(bad)?,
        source: r.str().ok_or_else(bad)?,
    };
    let len = r.u64().ok_or_else(bad)?;
    let sum = r.take(32).ok_or_else(bad)?;
    Ok((h, len, sum))
}

/// The verified payload of the compiled form at `path` for `kind` and `key`; `Ok(None)` when there
/// is none, `Err(reason)` when there is one that must not be used.
pub(crate) fn load(path: &Path, kind: &str, key: &str) -> std::result::Result<Option<Vec<u8>>, String> {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("it cannot be read ({e})")),
    };
    let mut r = Reader { bytes: &bytes };
    let (h, len, sum) = read_header(&mut r)?;
    if h.greenlca != env!("CARGO_PKG_VERSION") {
        return Err(format!("it was written by greenlca {}, this is {}", h.greenlca, env!("CARGO_PKG_VERSION")));
    }
    if h.kind != kind || h.key != key {
        return Err("it was compiled from other inputs".into());
    }
    if len != r.bytes.len() as u64 {
        return Err(format!("its payload has {} bytes, the header says {len}", r.bytes.len()));
    }
    if Sha256::digest(r.bytes)[..] != *sum {
        return Err("its payload does not match its checksum".into());
    }
    let start = bytes.len() - r.bytes.len();
    let mut bytes = bytes;
    bytes.drain(..start);
    Ok(Some(bytes))
}

/// Writes a compiled form atomically: to a temporary file in the same directory, then renamed.
pub(crate) fn save(path: &Path, header: &Header, payload: &[u8]) -> Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_nanos());
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let nth = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    // Unique per process, thread and moment: concurrent writers never share a temporary file.
    let tmp = dir.join(format!(".tmp-{}-{nanos}-{nth}.{EXT}", std::process::id()));
    let mut bytes = header_bytes(header, payload);
    bytes.extend_from_slice(payload);
    let written = std::fs::write(&tmp, &bytes).and_then(|()| std::fs::rename(&tmp, path));
    written.map_err(|e| {
        let _ = std::fs::remove_file(&tmp);
        Error::io(path, &e)
    })
}

/// A compiled file in the cache directory.
#[derive(Debug, Clone)]
pub struct CacheEntry {
    /// Its path.
    pub path: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// Its header, or why it cannot be read.
    pub header: std::result::Result<Header, String>,
}

/// The compiled files in `dir` (none when it does not exist), sorted by name.
pub fn list(dir: &Path) -> Result<Vec<CacheEntry>> {
    let mut out = Vec::new();
    for path in compiled_files(dir)? {
        let bytes = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        // Only the header is read: the payload may be large.
        let head = read_prefix(&path, 4096).map_err(|e| e.to_string());
        let header = head.and_then(|b| read_header(&mut Reader { bytes: &b }).map(|(h, _, _)| h));
        out.push(CacheEntry { path, bytes, header });
    }
    Ok(out)
}

fn read_prefix(path: &Path, n: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut b = Vec::new();
    std::fs::File::open(path)?.take(n).read_to_end(&mut b)?;
    Ok(b)
}

/// Removes every compiled file (and temporary file left by an interrupted write) from `dir`;
/// returns how many files and bytes were removed.
pub fn clear(dir: &Path) -> Result<(usize, u64)> {
    let (mut files, mut bytes) = (0, 0);
    for path in compiled_files(dir)? {
        let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
        std::fs::remove_file(&path).map_err(|e| Error::io(&path, &e))?;
        files += 1;
        bytes += size;
    }
    Ok((files, bytes))
}

fn compiled_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let rd = match std::fs::read_dir(dir) {
        Ok(rd) => rd,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(Error::io(dir, &e)),
    };
    let mut files: Vec<PathBuf> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == EXT))
        .collect();
    files.sort();
    Ok(files)
}
