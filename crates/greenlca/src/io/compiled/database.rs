//! A database read through its compiled form: a native folder or any source [`import_any`]
//! imports (openLCA JSON-LD zip or folder, EcoSpold 2, EcoSpold 1). The key covers the source's
//! content (every file under a folder, the bytes of a file), the path as given (the origins of
//! processes and exchanges, shown in error messages, name it) and the import options.

use std::path::Path;

use super::db_codec::{decode, encode};
use super::status::{CacheMode, Compiled, CompiledStatus, Job, default_mode, push_note};
use super::store::FORMAT_VERSION;
use crate::error::Result;
use crate::io::import::ImportOptions;
use crate::io::import::report::Imported;
use crate::io::read_any::import_any;
use crate::model::Database;
use crate::source::sha256_hex;

const KIND: &str = "database";

/// A file of a source: its path relative to the source, with `/`, and the SHA-256 of its bytes.
type Hashed = (String, String);

/// Deepest folder nesting hashed (JSON-LD and EcoSpold folders are two or three deep); a deeper
/// one, or a folder linked into itself, is read without a compiled form.
const MAX_DEPTH: usize = 32;

/// Every file under `path` (itself when it is a file): its path relative to `path` with `/`, and
/// the SHA-256 of its bytes; sorted. `Err(why)` when one cannot be hashed.
fn hash_source(path: &Path) -> std::result::Result<Vec<Hashed>, String> {
    let mut out = Vec::new();
    let meta = std::fs::metadata(path).map_err(|e| format!("{} cannot be read ({e})", path.display()))?;
    if meta.is_file() {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        out.push((name, hash_file(path)?));
        return Ok(out);
    }
    walk(path, "", 0, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk(dir: &Path, prefix: &str, depth: usize, out: &mut Vec<Hashed>) -> std::result::Result<(), String> {
    if depth > MAX_DEPTH {
        return Err(format!("{} is nested more than {MAX_DEPTH} folders deep", dir.display()));
    }
    let unreadable = |e: std::io::Error| format!("{} cannot be read ({e})", dir.display());
    for entry in std::fs::read_dir(dir).map_err(unreadable)? {
        let p = entry.map_err(unreadable)?.path();
        let name = format!("{prefix}{}", p.file_name().map(|n| n.to_string_lossy()).unwrap_or_default());
        if p.is_dir() {
            walk(&p, &format!("{name}/"), depth + 1, out)?;
        } else if p.is_file() {
            out.push((name, hash_file(&p)?));
        }
    }
    Ok(())
}

/// SHA-256 of a file, read in blocks (an ecoinvent zip need not be held twice in memory).
fn hash_file(path: &Path) -> std::result::Result<String, String> {
    use sha2::{Digest, Sha256};
    use std::io::Read;
    let unreadable = |e: std::io::Error| format!("{} cannot be read ({e})", path.display());
    let mut f = std::fs::File::open(path).map_err(unreadable)?;
    let mut h = Sha256::new();
    let mut buf = vec![0u8; 1 << 20];
    loop {
        let n = f.read(&mut buf).map_err(unreadable)?;
        if n == 0 {
            break;
        }
        h.update(&buf[..n]);
    }
    Ok(h.finalize().iter().map(|b| format!("{b:02x}")).collect())
}

/// The key: kind, format and greenlca version, the path as given, every import option, and the
/// files' names and hashes.
fn key(path: &Path, options: &ImportOptions, files: &[Hashed]) -> String {
    // Destructured so that a new option cannot be forgotten here.
    let ImportOptions { max_entry_bytes } = options;
    let mut text = format!(
        "{KIND}\nformat {FORMAT_VERSION}\ngreenlca {}\npath {}\nmax_entry_bytes {max_entry_bytes}\n",
        env!("CARGO_PKG_VERSION"),
        path.display()
    );
    for (name, sha) in files {
        text.push_str(&format!("{name}\t{sha}\n"));
    }
    sha256_hex(text.as_bytes())
}

/// [`import_any`] through the compiled form in the cache directory: the same [`Imported`] (the
/// database with every origin, the notes, the methods) as a fresh import, without importing again
/// once compiled.
pub fn import_any_cached(path: &Path, options: &ImportOptions, mode: CacheMode) -> Result<(Imported, Compiled)> {
    import_hashed(path, options, mode).map(|(imported, compiled, _)| (imported, compiled))
}

/// [`import_any_cached`], with the files hashed for the key (none when they could not be).
fn import_hashed(path: &Path, options: &ImportOptions, mode: CacheMode) -> Result<(Imported, Compiled, Vec<Hashed>)> {
    let files = match hash_source(path) {
        Ok(f) => f,
        Err(why) => {
            // The importer's own message (no such file, not a database) comes first; a source it
            // reads but that cannot be hashed whole is read without a compiled form.
            let imported = import_any(path, options)?;
            let status = if mode == CacheMode::Off { CompiledStatus::Off } else { CompiledStatus::NotStored(why) };
            return Ok((imported, Compiled { status, inputs_sha256: String::new(), path: None }, Vec::new()));
        }
    };
    let inputs_sha256 =
        sha256_hex(files.iter().map(|(_, sha)| format!("database {sha}\n")).collect::<String>().as_bytes());
    let job = Job {
        kind: KIND,
        key: key(path, options, &files),
        source: path,
        inputs_sha256,
        decode,
        encode: |imp| Ok(encode(imp)),
    };
    let (imported, compiled) = job.run(mode, || import_any(path, options), || Ok(hash_source(path)? == files))?;
    Ok((imported, compiled, files))
}

/// The database at `path` with default import options, through its compiled form when
/// [`default_mode`] says so; a note about the compiled form is kept for [`super::take_notes`].
pub(crate) fn read_any_cached(path: &Path) -> Result<Database> {
    read_any_cached_hashed(path).map(|(db, _)| db)
}

/// [`read_any_cached`], with the files hashed for the key: (name relative to `path`, SHA-256),
/// sorted by name, so that the record of the inputs need not read them again (empty when the
/// source could not be hashed whole).
pub(crate) fn read_any_cached_hashed(path: &Path) -> Result<(Database, Vec<(String, String)>)> {
    let (imported, compiled, files) = import_hashed(path, &ImportOptions::default(), default_mode())?;
    if let Some(note) = compiled.note() {
        push_note(note);
    }
    Ok((imported.database, files))
}
