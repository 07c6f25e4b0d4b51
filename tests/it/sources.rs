//! Input sources: the datasets embedded in the library are complete and byte-identical to
//! datasets/, and the binary finds them from any current directory without GREENLCA_DATASETS,
//! giving the same results as a run on the repository's folder.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{copy_dir, root};
use greenlca::source::{Embedded, InputSource};

/// Every file under `dir`, as names relative to `base` with `/` separators.
fn files_under(base: &Path, dir: &Path, out: &mut Vec<String>) {
    for e in std::fs::read_dir(dir).unwrap() {
        let p = e.unwrap().path();
        if p.is_dir() {
            files_under(base, &p, out);
        } else {
            out.push(p.strip_prefix(base).unwrap().to_string_lossy().replace('\\', "/"));
        }
    }
}

#[test]
fn embedded_table_lists_every_file_of_datasets() {
    let base = root().join("datasets");
    let mut on_disk = Vec::new();
    files_under(&base, &base, &mut on_disk);
    on_disk.sort();
    assert_eq!(Embedded::names(), on_disk, "crates/greenlca/src/source/embedded.rs must list every file of datasets/");
    for name in &on_disk {
        assert_eq!(&*Embedded.read(name).unwrap(), std::fs::read(base.join(name)).unwrap(), "{name}");
    }
}

/// A temporary folder with the kettle model without its `database` line (so it relies on the
/// shipped database), its specification and evidence at the same relative places.
fn kettle_without_database() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let products = dir.path().join("products");
    std::fs::create_dir_all(&products).unwrap();
    std::fs::create_dir_all(dir.path().join("specs")).unwrap();
    let text = std::fs::read_to_string(root().join("datasets/products/kettle.toml")).unwrap();
    let kept: Vec<&str> = text.lines().filter(|l| !l.starts_with("database =")).collect();
    assert_eq!(kept.len() + 1, text.lines().count(), "the kettle names its database on one line");
    std::fs::write(products.join("kettle.toml"), kept.join("\n") + "\n").unwrap();
    std::fs::copy(root().join("datasets/products/kettle-evidence.toml"), products.join("kettle-evidence.toml"))
        .unwrap();
    std::fs::copy(root().join("datasets/specs/kettle.toml"), dir.path().join("specs/kettle.toml")).unwrap();
    dir
}

/// Runs the binary in `cwd` with GREENLCA_DATASETS unset, or set to `datasets`.
fn run_in(cwd: &Path, datasets: Option<&Path>, args: &[&str]) -> (i32, String, String) {
    let mut cmd = Command::new(common::bin());
    cmd.args(args).current_dir(cwd).env_remove("GREENLCA_DATASETS");
    if let Some(d) = datasets {
        cmd.env("GREENLCA_DATASETS", d);
    }
    let out = cmd.output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn calc_json(cwd: &Path, datasets: Option<&Path>, model: &str) -> serde_json::Value {
    let (code, out, err) = run_in(cwd, datasets, &["calc", model, "--all-variants", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    serde_json::from_str(&out).unwrap()
}

/// (role, path, sha256) of the recorded inputs with `role`.
fn inputs(json: &serde_json::Value, role: &str) -> Vec<(String, String)> {
    json["inputs"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["role"] == role)
        .map(|i| (i["path"].as_str().unwrap().to_string(), i["sha256"].as_str().unwrap().to_string()))
        .collect()
}

fn hashes(files: &[(String, String)]) -> Vec<&str> {
    files.iter().map(|(_, h)| h.as_str()).collect()
}

#[test]
fn the_binary_finds_the_embedded_database_and_methods_from_anywhere() {
    let dir = kettle_without_database();
    let outside = calc_json(dir.path(), None, "products/kettle.toml");
    let in_repo = calc_json(&root(), None, "datasets/products/kettle.toml");
    assert_eq!(outside["variants"], in_repo["variants"], "same totals, stages and contributions");
    let db = inputs(&outside, "database");
    assert_eq!(db.len(), 8, "{db:?}");
    assert!(db.iter().all(|(p, _)| p.starts_with("datasets/db/")), "{db:?}");
    assert_eq!(hashes(&db), hashes(&inputs(&in_repo, "database")), "the embedded bytes are the folder's");
    let methods = inputs(&outside, "method");
    let names: Vec<&str> = methods.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        names,
        [
            "datasets/methods/ipcc2021.toml",
            "datasets/methods/ipcc2021.csv",
            "datasets/methods/cml_ia.toml",
            "datasets/methods/cml_ia.csv"
        ]
    );
    assert_eq!(methods, inputs(&in_repo, "method"));
}

#[test]
fn the_check_reads_the_embedded_energy_coefficients() {
    let dir = kettle_without_database();
    let (code, outside, err) = run_in(dir.path(), None, &["check", "products/kettle.toml", "--format", "json"]);
    assert_eq!(code, 1, "the base kettle fails its specification: {err}");
    let (_, in_repo, _) = run_in(&root(), None, &["check", "datasets/products/kettle.toml", "--format", "json"]);
    assert_eq!(outside, in_repo);
}

#[test]
fn greenlca_datasets_names_a_folder_that_replaces_the_embedded_data() {
    let dir = kettle_without_database();
    let replacement = tempfile::tempdir().unwrap();
    copy_dir(&root().join("datasets"), replacement.path());
    let json = calc_json(dir.path(), Some(replacement.path()), "products/kettle.toml");
    let db = inputs(&json, "database");
    assert!(db.iter().all(|(p, _)| Path::new(p).starts_with(replacement.path())), "{db:?}");
    let methods = inputs(&json, "method");
    assert!(methods.iter().all(|(p, _)| Path::new(p).starts_with(replacement.path().join("methods"))), "{methods:?}");
    // A method id the replacement lacks is unknown, and the message lists the replacement's ids.
    std::fs::remove_file(replacement.path().join("methods/cml_ia.toml")).unwrap();
    let (code, _, err) = run_in(dir.path(), Some(replacement.path()), &["calc", "products/kettle.toml"]);
    assert_eq!(code, 2);
    assert!(err.contains("unknown method `cml_ia`") && err.contains("(ipcc2021, traci)"), "{err}");
}
