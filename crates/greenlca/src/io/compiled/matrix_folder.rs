//! A matrix folder read through its compiled form: the files are hashed, and the compiled form
//! stored under that hash is loaded when it passes every check; otherwise the folder is read and
//! compiled anew.

use std::path::Path;

use super::codec::{decode, encode};
use super::status::{CacheMode, Compiled, Job};
#[cfg(doc)]
use super::store::cache_dir;
use crate::error::Result;
use crate::io::inputs::{InputFile, content_digest, hash_folder};
use crate::io::matrices::{MatrixSystem, read_matrix_folder};

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
    let job = Job {
        kind: KIND,
        key: key(KIND, &files),
        source: dir,
        inputs_sha256: content_digest(&files),
        decode,
        encode: |ms| encode(ms).ok_or_else(|| "the system has an index beyond 2^32".to_string()),
    };
    job.run(mode, || read_matrix_folder(dir), || Ok(hash_folder(KIND, dir).map_err(|e| e.message)? == files))
}
