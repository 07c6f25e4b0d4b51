//! Finds and reads everything a product model needs: the model, its database, its methods, with a
//! SHA-256 of every file read so that a report can say exactly what it was computed from.

use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::method::is_method_file;
use super::{read_any, read_method, read_product_model};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::model::{Database, Method, ProductModel};

/// A file that went into a result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// What it is: `model`, `database`, `method`, `spec`, `evidence`.
    pub role: String,
    /// Path as used.
    pub path: PathBuf,
    /// SHA-256 of its bytes, hex.
    pub sha256: String,
}

/// A product model with its database and methods.
#[derive(Debug, Clone)]
pub struct ModelInputs {
    /// The model.
    pub model: ProductModel,
    /// Its background database.
    pub database: Database,
    /// Where the database was read from: a native folder, or any source `read_any` imports.
    pub database_dir: PathBuf,
    /// Its methods.
    pub methods: Vec<Method>,
    /// Every file read.
    pub files: Vec<InputFile>,
}

/// Folder of the default data shipped with greenlca (`datasets/` of the source tree), overridable
/// with the environment variable `GREENLCA_DATASETS`.
pub fn datasets_dir() -> PathBuf {
    std::env::var_os("GREENLCA_DATASETS")
        .map(PathBuf::from)
        .unwrap_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("../../datasets"))
}

/// SHA-256 of a file, hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    Ok(hex(&Sha256::digest(&bytes)))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Hashes every regular file directly inside `dir`, sorted by name.
pub fn hash_folder(role: &str, dir: &Path) -> Result<Vec<InputFile>> {
    let mut out = Vec::new();
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(|e| Error::io(dir, &e))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file())
        .collect();
    entries.sort();
    for p in entries {
        out.push(InputFile { role: role.to_string(), sha256: sha256_file(&p)?, path: p });
    }
    Ok(out)
}

/// Resolves a path written in a model file: relative paths are taken from the model's folder.
pub fn relative_to(model_path: &Path, written: &str) -> PathBuf {
    let p = Path::new(written);
    if p.is_absolute() { p.to_path_buf() } else { model_path.parent().unwrap_or(Path::new(".")).join(p) }
}

/// Finds a method by id among the shipped methods, or reads it from a path.
pub fn find_method(name: &str, base: Option<&Path>) -> Result<(Method, Vec<InputFile>)> {
    let as_path = match base {
        Some(b) => relative_to(b, name),
        None => PathBuf::from(name),
    };
    let path = if is_method_file(&as_path) {
        as_path
    } else {
        let shipped = datasets_dir().join("methods").join(format!("{name}.toml"));
        if !shipped.is_file() {
            return Err(Error::new(
                ErrorKind::UnknownId,
                base.map(Location::file).unwrap_or_default(),
                format!("unknown method `{name}`"),
                format!(
                    "use a shipped method id ({}) or the path of a method TOML file",
                    shipped_method_ids().join(", ")
                ),
            ));
        }
        shipped
    };
    let method = read_method(&path)?;
    let mut files = vec![InputFile { role: "method".into(), sha256: sha256_file(&path)?, path: path.clone() }];
    if let Some(dir) = path.parent() {
        for f in hash_folder("method", dir)? {
            if f.path.file_stem() == path.file_stem() && f.path != path {
                files.push(f);
            }
        }
    }
    Ok((method, files))
}

/// Ids of the methods shipped in `datasets/methods`.
pub fn shipped_method_ids() -> Vec<String> {
    let dir = datasets_dir().join("methods");
    let mut ids: Vec<String> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok())
                .filter_map(|e| {
                    e.path()
                        .file_name()
                        .and_then(|n| n.to_str())
                        .and_then(|n| n.strip_suffix(".toml"))
                        .map(str::to_string)
                })
                .collect()
        })
        .unwrap_or_default();
    ids.sort();
    ids
}

/// Reads a product model and what it names. `database` and `methods`, when given, replace the
/// model's own choice (command-line options). The database may be a native folder or any source
/// [`super::read_any`] imports (an openLCA JSON-LD zip, EcoSpold files); it is imported on the fly.
pub fn load_model(path: &Path, database: Option<&Path>, methods: &[String]) -> Result<ModelInputs> {
    let model = read_product_model(path)?;
    let mut files = vec![InputFile { role: "model".into(), path: path.to_path_buf(), sha256: sha256_file(path)? }];
    let database_dir = match (database, &model.database) {
        (Some(d), _) => d.to_path_buf(),
        (None, Some(d)) => relative_to(path, d),
        (None, None) => datasets_dir().join("db"),
    };
    let database = read_any(&database_dir)?;
    if database_dir.is_dir() {
        files.extend(hash_folder("database", &database_dir)?);
    } else {
        let sha256 = sha256_file(&database_dir)?;
        files.push(InputFile { role: "database".into(), path: database_dir.clone(), sha256 });
    }
    let names: Vec<String> = if !methods.is_empty() {
        methods.to_vec()
    } else if !model.methods.is_empty() {
        model.methods.clone()
    } else {
        shipped_method_ids()
    };
    let mut ms = Vec::new();
    for n in &names {
        let base = if methods.is_empty() { Some(path) } else { None };
        let (m, f) = find_method(n, base)?;
        ms.push(m);
        files.extend(f);
    }
    Ok(ModelInputs { model, database, database_dir, methods: ms, files })
}
