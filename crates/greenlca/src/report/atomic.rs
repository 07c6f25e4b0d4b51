//! Writing outputs so that a failure never leaves anything behind: every file of a command is
//! written to a temporary name beside its target, and renamed into place only when all were
//! written; on any error the temporaries, the folders created for them and the files already
//! renamed are removed, and the files they replaced are put back.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::error::{Error, ErrorKind, Location, Result};

/// Writes `bytes` to `path` atomically (temporary file in the same folder, then rename).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    write_files_atomic(&[(path, bytes)])
}

/// Writes several files into `dir` so that either all appear or none.
pub fn write_all_atomic(dir: &Path, files: &[(String, Vec<u8>)]) -> Result<()> {
    let files: Vec<(PathBuf, &[u8])> = files.iter().map(|(n, b)| (dir.join(n), b.as_slice())).collect();
    write_files_atomic(&files)
}

/// Writes every `(path, bytes)` so that either all appear or none (see the module docs).
pub fn write_files_atomic<P: AsRef<Path>, B: AsRef<[u8]>>(files: &[(P, B)]) -> Result<()> {
    let mut seen = std::collections::BTreeSet::new();
    for (p, _) in files {
        if !seen.insert(p.as_ref()) {
            return Err(Error::new(
                ErrorKind::Io,
                Location::file(p),
                "this output is written twice by one command",
                "give the outputs different names (e.g. --out and --keep-draws must differ)",
            ));
        }
    }
    let mut tx = Transaction::default();
    let result = files.iter().try_for_each(|(p, b)| tx.stage(p.as_ref(), b.as_ref())).and_then(|()| tx.commit());
    match result {
        Ok(()) => {
            tx.finish();
            Ok(())
        }
        Err(e) => {
            tx.roll_back();
            Err(e)
        }
    }
}

/// What a write has done so far, to undo on failure.
#[derive(Default)]
struct Transaction {
    /// Folders created, outermost first.
    created_dirs: Vec<PathBuf>,
    /// (temporary, target) of every file staged.
    staged: Vec<(PathBuf, PathBuf)>,
    /// (backup, target) of files replaced.
    backups: Vec<(PathBuf, PathBuf)>,
    /// Targets renamed into place.
    placed: Vec<PathBuf>,
}

impl Transaction {
    fn stage(&mut self, target: &Path, bytes: &[u8]) -> Result<()> {
        if target.is_dir() {
            return Err(Error::new(
                ErrorKind::Io,
                Location::file(target),
                "this output is an existing folder",
                "give the path of a file",
            ));
        }
        let dir = parent_of(target);
        self.create_dirs(&dir)?;
        let tmp = dir.join(format!(".{}.tmp-{}", file_name(target), std::process::id()));
        self.staged.push((tmp.clone(), target.to_path_buf()));
        let written = (|| {
            let mut f = std::fs::File::create(&tmp)?;
            f.write_all(bytes)?;
            f.sync_all()
        })();
        written.map_err(|e| Error::io(target, &e))
    }

    /// Creates `dir` and its missing parents, remembering which were created.
    fn create_dirs(&mut self, dir: &Path) -> Result<()> {
        let mut missing = Vec::new();
        let mut d = Some(dir);
        while let Some(p) = d.filter(|p| !p.as_os_str().is_empty() && !p.exists()) {
            missing.push(p.to_path_buf());
            d = p.parent();
        }
        for p in missing.into_iter().rev() {
            std::fs::create_dir(&p).map_err(|e| Error::io(&p, &e))?;
            self.created_dirs.push(p);
        }
        if !dir.as_os_str().is_empty() && !dir.is_dir() {
            return Err(not_a_folder(dir));
        }
        Ok(())
    }

    fn commit(&mut self) -> Result<()> {
        for (tmp, target) in self.staged.clone() {
            if target.exists() {
                let backup = parent_of(&target).join(format!(".{}.bak-{}", file_name(&target), std::process::id()));
                std::fs::rename(&target, &backup).map_err(|e| Error::io(&target, &e))?;
                self.backups.push((backup, target.clone()));
            }
            std::fs::rename(&tmp, &target).map_err(|e| Error::io(&target, &e))?;
            self.placed.push(target);
        }
        Ok(())
    }

    fn finish(self) {
        for (backup, _) in &self.backups {
            let _ = std::fs::remove_file(backup);
        }
    }

    fn roll_back(self) {
        for (tmp, _) in &self.staged {
            let _ = std::fs::remove_file(tmp);
        }
        for target in &self.placed {
            let _ = std::fs::remove_file(target);
        }
        for (backup, target) in &self.backups {
            let _ = std::fs::rename(backup, target);
        }
        for d in self.created_dirs.iter().rev() {
            let _ = std::fs::remove_dir(d);
        }
    }
}

/// Checks before any work that `path` can be written as a file: not a folder, and its nearest
/// existing ancestor a writable folder.
pub fn check_output_file(path: &Path, option: &str) -> Result<()> {
    if path.is_dir() {
        return Err(Error::new(
            ErrorKind::Io,
            Location::file(path),
            format!("{option} names an existing folder"),
            format!("give {option} the path of a file, e.g. {}", path.join("out.json").display()),
        ));
    }
    check_writable_ancestor(&parent_of(path), path, option)
}

/// Checks before any work that `path` can be used as an output folder: not a file, and its
/// nearest existing ancestor a writable folder.
pub fn check_output_dir(path: &Path, option: &str) -> Result<()> {
    if path.exists() && !path.is_dir() {
        return Err(Error::new(
            ErrorKind::Io,
            Location::file(path),
            format!("{option} names a file, not a folder"),
            format!("give {option} the path of a folder (it is created when missing)"),
        ));
    }
    check_writable_ancestor(path, path, option)
}

fn check_writable_ancestor(dir: &Path, target: &Path, option: &str) -> Result<()> {
    let mut d = dir.to_path_buf();
    while !d.as_os_str().is_empty() && !d.exists() {
        d = d.parent().map(Path::to_path_buf).unwrap_or_default();
    }
    let existing = if d.as_os_str().is_empty() { PathBuf::from(".") } else { d };
    if !existing.is_dir() {
        return Err(Error::new(
            ErrorKind::Io,
            Location::file(target),
            format!("{option} cannot be written: `{}` is a file, not a folder", existing.display()),
            format!("give {option} a path inside a folder"),
        ));
    }
    // A probe file tells a read-only folder or file system apart, whoever runs the command.
    let probe = existing.join(format!(".greenlca-probe-{}", std::process::id()));
    match std::fs::File::create(&probe) {
        Ok(_) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(e) => Err(Error::new(
            ErrorKind::Io,
            Location::file(target),
            format!("{option} cannot be written in `{}`: {e}", existing.display()),
            format!("give {option} a path in a folder you can write to"),
        )),
    }
}

fn parent_of(path: &Path) -> PathBuf {
    path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new(".")).to_path_buf()
}

fn file_name(path: &Path) -> String {
    path.file_name().and_then(|n| n.to_str()).unwrap_or("output").replace('/', "_")
}

fn not_a_folder(dir: &Path) -> Error {
    Error::new(
        ErrorKind::Io,
        Location::file(dir),
        "this is a file, not a folder",
        "give an output path inside a folder",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failure_removes_everything_written() {
        let root = std::env::temp_dir().join(format!("greenlca-atomic-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        std::fs::write(root.join("blocker"), "a file").unwrap();
        std::fs::write(root.join("old.txt"), "old").unwrap();
        let files = [
            (root.join("new/a.txt"), b"a".to_vec()),
            (root.join("old.txt"), b"new".to_vec()),
            (root.join("blocker/sub/b.txt"), b"b".to_vec()),
        ];
        assert!(write_files_atomic(&files).is_err());
        let mut left: Vec<String> =
            std::fs::read_dir(&root).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        left.sort();
        assert_eq!(left, ["blocker", "old.txt"]);
        assert_eq!(std::fs::read_to_string(root.join("old.txt")).unwrap(), "old");
        std::fs::remove_dir_all(&root).unwrap();
    }
}
