//! Bounded reading of the files of an import source: a zip archive or a folder, seen the same way
//! as a list of entries with `/`-separated names.
//!
//! Every entry is read with a size cap (checked against the size the archive declares, and again
//! while reading, since a declared size can lie), its name must be UTF-8, and text entries must be
//! UTF-8. Errors name the archive and the entry inside it.

use std::collections::HashMap;
use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Location, Result};

/// Default per-entry cap: 256 MiB.
pub const DEFAULT_MAX_ENTRY_BYTES: u64 = 256 * 1024 * 1024;

/// The cap on all entries read from one source together, as a multiple of the per-entry cap
/// (4 GiB by default): many entries each just under the per-entry cap must not add up to an
/// archive bomb.
pub const TOTAL_PER_ENTRY_CAP: u64 = 16;

/// Where the entries come from.
enum Backend {
    Zip(Box<zip::ZipArchive<File>>),
    Dir,
}

/// A zip archive or a folder whose files are read with a size cap.
pub struct Archive {
    path: PathBuf,
    backend: Backend,
    /// Entry names (files only), `/`-separated, in archive (or sorted folder) order.
    names: Vec<String>,
    /// For zip archives: the index of each name in the archive.
    indices: Vec<usize>,
    /// Name -> position in `names`.
    lookup: HashMap<String, usize>,
    max_entry_bytes: u64,
    /// Bytes read so far from all entries.
    read_total: u64,
}

impl std::fmt::Debug for Archive {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive").field("path", &self.path).field("entries", &self.names.len()).finish()
    }
}

/// True when the file starts with the zip local-header (or empty-archive) signature.
pub fn is_zip(path: &Path) -> bool {
    let mut magic = [0u8; 4];
    File::open(path).and_then(|mut f| f.read_exact(&mut magic)).is_ok()
        && (magic == *b"PK\x03\x04" || magic == *b"PK\x05\x06")
}

impl Archive {
    /// Opens a zip file or a folder; entries larger than `max_entry_bytes` are refused when read.
    pub fn open(path: &Path, max_entry_bytes: u64) -> Result<Archive> {
        if path.is_dir() {
            let mut names = Vec::new();
            list_dir(path, path, &mut names)?;
            names.sort();
            let indices = vec![0; names.len()];
            let lookup = positions(&names);
            return Ok(Archive {
                path: path.to_path_buf(),
                backend: Backend::Dir,
                names,
                indices,
                lookup,
                max_entry_bytes,
                read_total: 0,
            });
        }
        let file = File::open(path).map_err(|e| Error::io(path, &e))?;
        let zip = zip::ZipArchive::new(file).map_err(|e| {
            Error::new(
                ErrorKind::Syntax,
                Location::file(path),
                format!("not a readable zip archive: {e}"),
                "give the .zip file as exported (openLCA: File > Export > JSON-LD), a folder, or a single data file",
            )
        })?;
        let mut names = Vec::new();
        let mut indices = Vec::new();
        for (i, raw) in zip.file_names_raw().enumerate() {
            let name = std::str::from_utf8(raw).map_err(|_| {
                Error::new(
                    ErrorKind::Syntax,
                    Location::file(path.join(String::from_utf8_lossy(raw).as_ref())),
                    "the entry name is not valid UTF-8",
                    "re-create the archive with UTF-8 file names (most zip tools do this by default)",
                )
            })?;
            if name.ends_with('/') {
                continue;
            }
            names.push(name.to_string());
            indices.push(i);
        }
        let lookup = positions(&names);
        Ok(Archive {
            path: path.to_path_buf(),
            backend: Backend::Zip(Box::new(zip)),
            names,
            indices,
            lookup,
            max_entry_bytes,
            read_total: 0,
        })
    }

    /// The archive (or folder) path.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Names of the file entries.
    pub fn names(&self) -> &[String] {
        &self.names
    }

    /// The location of an entry for error messages: `archive.zip/dir/file.json`.
    pub fn entry_location(&self, name: &str) -> Location {
        Location::file(self.path.join(name))
    }

    /// The bytes of an entry, refusing entries above the size cap.
    pub fn read(&mut self, name: &str) -> Result<Vec<u8>> {
        let Some(&pos) = self.lookup.get(name) else {
            return Err(Error::new(
                ErrorKind::UnknownId,
                self.entry_location(name),
                "no such entry",
                "check the archive contents",
            ));
        };
        let at = self.entry_location(name);
        let cap = self.max_entry_bytes;
        let too_large = |size: u64| {
            Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("the entry is {size} bytes, more than the limit of {cap} bytes"),
                "this is refused to protect against archive bombs; if the file is genuine, raise the limit (--max-entry-mib)",
            )
        };
        let mut buf = Vec::new();
        match &mut self.backend {
            Backend::Dir => {
                let p = self.path.join(name);
                let f = File::open(&p).map_err(|e| Error::io(&p, &e))?;
                let declared = f.metadata().map_err(|e| Error::io(&p, &e))?.len();
                if declared > cap {
                    return Err(too_large(declared));
                }
                f.take(cap.saturating_add(1)).read_to_end(&mut buf).map_err(|e| Error::io(&p, &e))?;
            }
            Backend::Zip(zip) => {
                let entry = zip.by_index(self.indices[pos]).map_err(|e| {
                    Error::new(
                        ErrorKind::Syntax,
                        at.clone(),
                        format!("cannot open the entry: {e}"),
                        "check the archive",
                    )
                })?;
                if entry.size() > cap {
                    return Err(too_large(entry.size()));
                }
                // The declared size may lie: reserve at most 64 MiB up front.
                buf.reserve(entry.size().min(64 << 20) as usize);
                entry.take(cap.saturating_add(1)).read_to_end(&mut buf).map_err(|e| {
                    Error::new(ErrorKind::Io, at.clone(), format!("cannot read the entry: {e}"), "check the archive")
                })?;
            }
        }
        // The declared size may lie: what was actually read decides.
        if buf.len() as u64 > cap {
            return Err(too_large(buf.len() as u64));
        }
        self.read_total = self.read_total.saturating_add(buf.len() as u64);
        let total_cap = cap.saturating_mul(TOTAL_PER_ENTRY_CAP);
        if self.read_total > total_cap {
            return Err(Error::new(
                ErrorKind::Value,
                at,
                format!(
                    "the entries read so far expand to {} bytes, more than the limit of {total_cap} bytes for one source ({TOTAL_PER_ENTRY_CAP} times the per-entry limit)",
                    self.read_total
                ),
                "this is refused to protect against archive bombs; if the archive is genuine, raise the limit (--max-entry-mib)",
            ));
        }
        Ok(buf)
    }

    /// The text of an entry, which must be UTF-8 (a byte-order mark is skipped).
    pub fn read_text(&mut self, name: &str) -> Result<String> {
        let bytes = self.read(name)?;
        text_from_bytes(bytes, &self.entry_location(name))
    }
}

/// The texts of the data files (`ext`) of a single file, a folder or a zip archive, each read with
/// the size cap; a single file is taken whatever its extension.
pub fn read_texts(path: &Path, max_entry_bytes: u64, ext: &str) -> Result<Vec<(Location, String)>> {
    if path.is_file() && !is_zip(path) {
        let at = Location::file(path);
        let len = std::fs::metadata(path).map_err(|e| Error::io(path, &e))?.len();
        if len > max_entry_bytes {
            return Err(Error::new(
                ErrorKind::Value,
                at,
                format!("the file is {len} bytes, more than the limit of {max_entry_bytes} bytes"),
                "raise the limit (--max-entry-mib) if the file is genuine",
            ));
        }
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        return Ok(vec![(at.clone(), text_from_bytes(bytes, &at)?)]);
    }
    let mut a = Archive::open(path, max_entry_bytes)?;
    let suffix = format!(".{ext}");
    let names: Vec<String> = a.names().iter().filter(|n| n.to_ascii_lowercase().ends_with(&suffix)).cloned().collect();
    let mut out = Vec::with_capacity(names.len());
    for n in names {
        out.push((a.entry_location(&n), a.read_text(&n)?));
    }
    Ok(out)
}

/// UTF-8 text from bytes (a BOM is skipped); otherwise an error naming `at` and the line.
pub fn text_from_bytes(mut bytes: Vec<u8>, at: &Location) -> Result<String> {
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let valid = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..valid].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::new(
            ErrorKind::Syntax,
            at.clone().at_line(line),
            format!("the text is not valid UTF-8 (byte {valid})"),
            "convert the file to UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
        )
    })
}

fn positions(names: &[String]) -> HashMap<String, usize> {
    names.iter().enumerate().map(|(i, n)| (n.clone(), i)).collect()
}

fn list_dir(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    for e in std::fs::read_dir(dir).map_err(|e| Error::io(dir, &e))? {
        let e = e.map_err(|e| Error::io(dir, &e))?;
        let p = e.path();
        if p.is_dir() {
            list_dir(root, &p, out)?;
        } else if p.is_file() {
            let rel = p.strip_prefix(root).unwrap_or(&p);
            let Some(text) = rel.to_str() else {
                return Err(Error::new(
                    ErrorKind::Syntax,
                    Location::file(&p),
                    "the file name is not valid UTF-8",
                    "rename the file",
                ));
            };
            out.push(text.replace(std::path::MAIN_SEPARATOR, "/"));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn zip_with(entries: &[(&str, &[u8])]) -> tempfile::NamedTempFile {
        let f = tempfile::NamedTempFile::new().unwrap();
        let mut w = zip::ZipWriter::new(f.reopen().unwrap());
        for (name, bytes) in entries {
            w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
            w.write_all(bytes).unwrap();
        }
        w.finish().unwrap();
        f
    }

    #[test]
    fn reads_entries_and_enforces_the_cap() {
        let f = zip_with(&[("a/x.json", b"{}"), ("a/big.json", &[b' '; 2000])]);
        assert!(is_zip(f.path()));
        let mut a = Archive::open(f.path(), 1000).unwrap();
        assert_eq!(a.names(), ["a/x.json", "a/big.json"]);
        assert_eq!(a.read_text("a/x.json").unwrap(), "{}");
        let e = a.read("a/big.json").unwrap_err();
        assert!(e.message.contains("2000 bytes") && e.to_string().contains("a/big.json"), "{e}");
    }

    #[test]
    fn non_utf8_text_names_the_entry_and_line() {
        let f = zip_with(&[("p/y.json", b"{\n\"a\": \"\xff\"}")]);
        let mut a = Archive::open(f.path(), DEFAULT_MAX_ENTRY_BYTES).unwrap();
        let e = a.read_text("p/y.json").unwrap_err();
        assert_eq!(e.at.line, Some(2));
        assert!(e.to_string().contains("p/y.json") && e.message.contains("UTF-8"), "{e}");
    }
}
