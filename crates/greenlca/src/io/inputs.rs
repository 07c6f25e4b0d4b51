//! Finds and reads everything a product model needs: the model, its database, its methods, with a
//! SHA-256 of every file read so that a report can say exactly what it was computed from.

use std::path::{Path, PathBuf};

use super::compiled::read_any_cached_hashed;
use super::method::factor_table::read_factor_table_with_files;
use super::method::factor_table_file;
use super::method::is_method_file;
use super::method::method_toml::{method_fedefl_dir, read_method_in};
use super::native::database_read::read_database_in;
use super::native::layer_read::read_layer;
use super::read_product_model;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::model::{Database, Method, ProductModel};
use crate::source::{self, Folder, InputSource};

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

/// One database layer of a model and the SHA-256 over its files' contents.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LayerRecord {
    /// Where it was read from (the first is the database).
    pub path: PathBuf,
    /// SHA-256 over its files' roles and hashes, sorted (as `content_digest` computes it).
    pub sha256: String,
}

/// A product model with its database and methods.
#[derive(Debug, Clone)]
pub struct ModelInputs {
    /// The model.
    pub model: ProductModel,
    /// Its background database.
    pub database: Database,
    /// Where the database was read from: a native folder, or any source `read_any` imports (the
    /// display path `datasets/db` for the embedded database).
    pub database_dir: PathBuf,
    /// Its methods.
    pub methods: Vec<Method>,
    /// Every file read.
    pub files: Vec<InputFile>,
    /// The database layers in order, when the model names more than the database (empty otherwise).
    pub layers: Vec<LayerRecord>,
}

/// One SHA-256 over the contents of `files` (their roles and hashes, sorted; not their paths,
/// so shards computed on machines that mount the data elsewhere still agree).
pub fn content_digest(files: &[InputFile]) -> String {
    let mut lines: Vec<String> = files.iter().map(|f| format!("{} {}\n", f.role, f.sha256)).collect();
    lines.sort();
    crate::source::sha256_hex(lines.concat().as_bytes())
}

/// SHA-256 of a file, hex.
pub fn sha256_file(path: &Path) -> Result<String> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
    Ok(source::sha256_hex(&bytes))
}

/// The record of the file `name` of a source: its display path and SHA-256.
pub fn input_file(src: &dyn InputSource, role: &str, name: &str) -> Result<InputFile> {
    Ok(InputFile { role: role.to_string(), path: src.display_path(name), sha256: src.sha256(name)? })
}

/// Hashes every regular file directly inside `dir`, sorted by name.
pub fn hash_folder(role: &str, dir: &Path) -> Result<Vec<InputFile>> {
    hash_in(&Folder::new(dir), role, "")
}

/// Hashes every file directly inside the sub-folder `dir` of a source, sorted by name.
pub fn hash_in(src: &dyn InputSource, role: &str, dir: &str) -> Result<Vec<InputFile>> {
    src.list(dir)?.iter().map(|name| input_file(src, role, name)).collect()
}

/// Resolves a path written in a model file: relative paths are taken from the model's folder.
pub fn relative_to(model_path: &Path, written: &str) -> PathBuf {
    let p = Path::new(written);
    if p.is_absolute() { p.to_path_buf() } else { model_path.parent().unwrap_or(Path::new(".")).join(p) }
}

/// Finds a method by id among the shipped methods (the embedded datasets, or the folder named by
/// `GREENLCA_DATASETS`), or reads it from a path.
pub fn find_method(name: &str, base: Option<&Path>) -> Result<(Method, Vec<InputFile>)> {
    let as_path = match base {
        Some(b) => relative_to(b, name),
        None => PathBuf::from(name),
    };
    if is_method_file(&as_path) {
        let (folder, file) = source::split_path(&as_path);
        return method_in(&folder, &file);
    }
    // A method folder (or its CSV) in the flat factor-table layout of the public LCIA tables.
    if let Some(table) = factor_table_file(&as_path) {
        let (method, mapping) = read_factor_table_with_files(&as_path)?;
        let (folder, file) = source::split_path(&table);
        let mut files = vec![input_file(&folder, "method", &file)?];
        for m in mapping {
            let (folder, file) = source::split_path(&m);
            files.push(input_file(&folder, "method", &file)?);
        }
        return Ok((method, files));
    }
    let shipped = source::datasets();
    let file = format!("methods/{name}.toml");
    if !shipped.contains(&file) {
        return Err(Error::new(
            ErrorKind::UnknownId,
            base.map(Location::file).unwrap_or_else(|| Location::entity("--method")),
            format!("unknown method `{name}`"),
            format!(
                "use a shipped method id ({}), the path of a method TOML file, or a method folder with a factor table (see docs/formats.md)",
                shipped_method_ids().join(", ")
            ),
        ));
    }
    method_in(shipped.as_ref(), &file)
}

/// Reads the method `file` of a source; its files are the TOML and every file beside it with the
/// same stem (the factor table).
fn method_in(src: &dyn InputSource, file: &str) -> Result<(Method, Vec<InputFile>)> {
    let method = read_method_in(src, file)?;
    let mut files = vec![input_file(src, "method", file)?];
    if let Some(dir) = method_fedefl_dir(src, file)? {
        for name in src.list(&dir)?.iter().filter(|n| n.ends_with(".csv")) {
            files.push(input_file(src, "method", name)?);
        }
    }
    let stem = Path::new(file).file_stem();
    for other in src.list(source::parent(file))? {
        if other != file && Path::new(&other).file_stem() == stem {
            files.push(input_file(src, "method", &other)?);
        }
    }
    Ok((method, files))
}

/// Ids of the shipped methods (`methods/` of the embedded datasets, or of `GREENLCA_DATASETS`).
pub fn shipped_method_ids() -> Vec<String> {
    let mut ids: Vec<String> = source::datasets()
        .list("methods")
        .map(|names| {
            names.iter().filter_map(|n| source::file_name(n).strip_suffix(".toml").map(str::to_string)).collect()
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
    let (database, database_dir, database_files) = match (database, &model.database) {
        (Some(d), _) => database_at(d)?,
        (None, Some(d)) => database_at(&relative_to(path, d))?,
        (None, None) => default_database()?,
    };
    let mut layers = Vec::new();
    let mut database = database;
    if !model.layers.is_empty() {
        layers.push(LayerRecord { path: database_dir.clone(), sha256: content_digest(&database_files) });
    }
    files.extend(database_files);
    {
        for written in &model.layers {
            let dir = relative_to(path, written);
            database = read_layer(database, &dir)?;
            let own = hash_folder("layer", &dir)?;
            layers.push(LayerRecord { path: dir, sha256: content_digest(&own) });
            files.extend(own);
        }
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
    Ok(ModelInputs { model, database, database_dir, methods: ms, files, layers })
}

/// A database at a path (a native folder or anything [`super::read_any`] imports, through its compiled
/// form when the cache is on), the path, and its files.
fn database_at(dir: &Path) -> Result<(Database, PathBuf, Vec<InputFile>)> {
    let (database, hashed) = read_any_cached_hashed(dir)?;
    // The hashes of the compiled form's key serve the record too: each file is hashed once. The
    // record lists the files directly inside a folder (the key also covers sub-folders).
    let record = |name: String, sha256: String| InputFile { role: "database".into(), path: dir.join(name), sha256 };
    let files = match (dir.is_dir(), hashed.is_empty()) {
        (true, false) => {
            hashed.into_iter().filter(|(name, _)| !name.contains('/')).map(|(n, s)| record(n, s)).collect()
        }
        (true, true) => hash_folder("database", dir)?,
        (false, false) => hashed
            .into_iter()
            .map(|(_, s)| InputFile { role: "database".into(), path: dir.to_path_buf(), sha256: s })
            .collect(),
        (false, true) => {
            vec![InputFile { role: "database".into(), path: dir.to_path_buf(), sha256: sha256_file(dir)? }]
        }
    };
    Ok((database, dir.to_path_buf(), files))
}

/// The shipped database: `db/` of the folder named by `GREENLCA_DATASETS` (read like any database
/// path), or of the embedded datasets.
pub(crate) fn default_database() -> Result<(Database, PathBuf, Vec<InputFile>)> {
    let shipped = source::datasets();
    if let Some(dir) = shipped.local_path("db") {
        return database_at(&dir);
    }
    let database = read_database_in(shipped.as_ref(), "db")?;
    Ok((database, shipped.display_path("db"), hash_in(shipped.as_ref(), "database", "db")?))
}
