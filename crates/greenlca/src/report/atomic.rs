//! Writing outputs so that a failure never leaves a partial file: write a temporary file beside the
//! target, then rename it into place.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("output");
    let tmp = dir.join(format!(".{name}.tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if let Err(e) = result {
        let _ = std::fs::remove_file(&tmp);
        return Err(Error::io(path, &e));
    }
    Ok(())
}

/// Writes several files into `dir` so that either all appear or none: each is written to a
/// temporary name first and renamed only when every one was written.
pub fn write_all_atomic(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, &e))?;
    let mut written = Vec::new();
    for (name, bytes) in files {
        let tmp = dir.join(format!(".{}.tmp-{}", name.replace('/', "_"), std::process::id()));
        if let Some(parent) = dir.join(name).parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, &e))?;
        }
        if let Err(e) = std::fs::write(&tmp, bytes) {
            for (t, _) in &written {
                let _ = std::fs::remove_file(t);
            }
            let _ = std::fs::remove_file(&tmp);
            return Err(Error::io(&tmp, &e));
        }
        written.push((tmp, dir.join(name)));
    }
    for (tmp, target) in &written {
        std::fs::rename(tmp, target).map_err(|e| Error::io(target, &e))?;
    }
    Ok(())
}
