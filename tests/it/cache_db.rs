//! The compiled form of databases (docs/cache.md): a native database folder or an imported source,
//! compiled on first use by any command that reads it, loaded after with the same result bit for
//! bit, rebuilt when an input changes (even with its modification time restored), refused and
//! rebuilt when damaged or of another version, keyed by the import options too.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::common::import::{data, zip_dir};
use crate::common::{self, bin, root};

/// Runs greenlca with the cache in `cache`; (stdout, stderr); the run must succeed.
fn ok(cache: &Path, args: &[&str]) -> (String, String) {
    let out = Command::new(bin()).args(args).current_dir(root()).env("GREENLCA_CACHE", cache).output().unwrap();
    let (o, e) = (String::from_utf8_lossy(&out.stdout).into_owned(), String::from_utf8_lossy(&out.stderr).into_owned());
    assert!(out.status.success(), "{args:?}: {e}");
    (o, e)
}

fn database_files(cache: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> =
        std::fs::read_dir(cache).map(|rd| rd.map(|e| e.unwrap().path()).collect()).unwrap_or_default();
    v.retain(|p| p.file_name().unwrap().to_string_lossy().starts_with("database-"));
    v.sort();
    v
}

/// A copy of the shipped database (datasets/db) in `dir`.
fn shipped_copy(dir: &Path) {
    common::copy_dir(&root().join("datasets/db"), dir);
}

/// `calc` of the shipped kettle on the database at `db`, as JSON text.
fn kettle(cache: &Path, db: &Path, extra: &[&str]) -> (String, String) {
    let db = db.display().to_string();
    let mut args = vec!["calc", "datasets/products/kettle.toml", "--db", &db, "--format", "json"];
    args.extend(extra);
    ok(cache, &args)
}

fn total(json: &str) -> f64 {
    let v: serde_json::Value = serde_json::from_str(json).unwrap();
    v["variants"][0]["results"][0]["total"].as_f64().unwrap()
}

#[test]
fn a_database_folder_is_compiled_once_then_loaded_with_the_same_output_bit_for_bit() {
    let t = tempfile::tempdir().unwrap();
    let (cache, db) = (t.path().join("cache"), t.path().join("db"));
    shipped_copy(&db);
    let (off, _) = kettle(&cache, &db, &["--no-cache"]);
    assert!(database_files(&cache).is_empty(), "--no-cache stores nothing");
    let (built, err) = kettle(&cache, &db, &[]);
    assert!(err.is_empty(), "{err}");
    let files = database_files(&cache);
    assert_eq!(files.len(), 1);
    let stamp = std::fs::metadata(&files[0]).unwrap().modified().unwrap();
    let (loaded, err) = kettle(&cache, &db, &[]);
    assert!(err.is_empty(), "{err}");
    // Loaded, not rewritten.
    assert_eq!(std::fs::metadata(&files[0]).unwrap().modified().unwrap(), stamp);
    assert_eq!(built, off);
    assert_eq!(loaded, off);
    // Other commands reading the database use the same compiled form.
    let dbs = db.display().to_string();
    ok(&cache, &["validate", &dbs]);
    ok(&cache, &["scores", "--db", &dbs, "--method", "ipcc2021", "--format", "csv"]);
    ok(&cache, &["contrib", "datasets/products/kettle.toml", "--db", &dbs, "--format", "json"]);
    assert_eq!(database_files(&cache), files);
    // Every field comes back, the Chinese texts of database.toml too (the report shows them).
    let report = |out: &Path, extra: &[&str]| -> String {
        let out_s = out.display().to_string();
        let mut args = vec!["report", "datasets/products/kettle.toml", "--db", &dbs, "--variant", "long_life"];
        args.extend(["--lang", "zh", "--date", "2026-01-01", "--out", &out_s]);
        args.extend(extra);
        ok(&cache, &args);
        std::fs::read_to_string(out.join("report.md")).unwrap()
    };
    let cold = report(&t.path().join("r-cold"), &["--no-cache"]);
    let warm = report(&t.path().join("r-warm"), &[]);
    assert!(cold.contains("greenlca 默认中国背景数据库"), "the database's Chinese name");
    // The report records its command line, which differs by `--no-cache` and the folder.
    let body = |md: &str| md.lines().filter(|l| !l.contains("greenlca report ")).collect::<Vec<_>>().join("\n");
    assert_eq!(body(&warm), body(&cold));
    // `cache list` names the kind and the folder it came from.
    let (list, _) = ok(&cache, &["cache", "list"]);
    assert!(list.contains("database") && list.contains(&dbs), "{list}");
}

#[test]
fn one_changed_byte_with_mtime_restored_is_a_new_database() {
    let t = tempfile::tempdir().unwrap();
    let (cache, db) = (t.path().join("cache"), t.path().join("db"));
    shipped_copy(&db);
    let (before, _) = kettle(&cache, &db, &[]);
    // The grid's CO2 per kWh, 0.5306 -> 0.6306: one byte changed, the length the same.
    let file = db.join("exchanges.csv");
    let mtime = std::fs::metadata(&file).unwrap().modified().unwrap();
    common::edit(&file, "grid_cn_2023,co2_fossil,output,0.5306,", "grid_cn_2023,co2_fossil,output,0.6306,");
    std::fs::File::options().write(true).open(&file).unwrap().set_modified(mtime).unwrap();
    let (after, _) = kettle(&cache, &db, &[]);
    assert_eq!(database_files(&cache).len(), 2, "compiled anew under another key");
    let (fresh, _) = kettle(&cache, &db, &["--no-cache"]);
    assert_eq!(after, fresh);
    // 0.1 kg more CO2 per kWh on 300 kWh of use (ipcc2021: 1 kg CO2-eq per kg), plus the moulding
    // electricity of about a kilogram of plastic parts.
    let more = total(&after) - total(&before);
    assert!(more > 30.0 && more < 31.0, "{more}");
}

/// Damages the one compiled database in `cache` with `f`; the next run must refuse it with a note
/// naming `why`, give the same output, and store a good one again.
fn damaged(f: impl Fn(&mut Vec<u8>), why: &str) {
    let t = tempfile::tempdir().unwrap();
    let (cache, db) = (t.path().join("cache"), t.path().join("db"));
    shipped_copy(&db);
    let (first, _) = kettle(&cache, &db, &[]);
    let file = database_files(&cache).pop().unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    f(&mut bytes);
    std::fs::write(&file, &bytes).unwrap();
    let (again, err) = kettle(&cache, &db, &[]);
    assert!(err.contains("note: the compiled form") && err.contains(why) && err.contains("rebuilt"), "{why}: {err}");
    assert_eq!(again, first);
    let (third, err) = kettle(&cache, &db, &[]);
    assert!(err.is_empty(), "loaded again without a note: {err}");
    assert_eq!(third, first);
}

#[test]
fn a_damaged_compiled_database_is_refused_and_rebuilt() {
    damaged(
        |b| {
            let at = b.len() - 100;
            b[at] ^= 0x01;
        },
        "checksum",
    );
    damaged(|b| b.truncate(b.len() - 1), "bytes");
}

#[test]
fn a_compiled_database_of_another_version_is_rebuilt() {
    damaged(|b| b[8..16].copy_from_slice(&7u64.to_le_bytes()), "format version 7");
    damaged(|b| common::bump_compiled_version(b), "written by greenlca 9");
}

#[test]
fn import_options_are_part_of_the_key_and_notes_are_kept() {
    let t = tempfile::tempdir().unwrap();
    let cache = t.path().join("cache");
    let zip = zip_dir(&data("jsonld_v1"), "");
    let zips = zip.path().display().to_string();
    let import = |to: &str, extra: &[&str]| {
        let to = t.path().join(to).display().to_string();
        let mut args = vec!["import", &zips, "--to", &to, "--unlinked", "cutoff"];
        args.extend(extra);
        ok(&cache, &args)
    };
    let (fresh_out, fresh_err) = {
        let to = t.path().join("fresh").display().to_string();
        ok(&cache, &["import", &zips, "--to", &to, "--unlinked", "cutoff", "--no-cache"])
    };
    let (out1, err1) = import("a", &[]);
    assert_eq!(database_files(&cache).len(), 1);
    let (out2, err2) = import("b", &[]);
    assert_eq!(database_files(&cache).len(), 1, "loaded, not compiled again");
    // The same summary and notes from a compiled load as from a fresh import (the target path aside).
    let same = |s: &str, to: &str| s.replace(&t.path().join(to).display().to_string(), "TO");
    assert_eq!(same(&out1, "a"), same(&fresh_out, "fresh"));
    assert_eq!(same(&out2, "b"), same(&fresh_out, "fresh"));
    assert_eq!(same(&err2, "b"), same(&fresh_err, "fresh"));
    assert_eq!(same(&err1, "a"), same(&fresh_err, "fresh"));
    for f in ["processes.csv", "exchanges.csv", "flows.csv"] {
        let a = std::fs::read(t.path().join("a").join(f)).unwrap();
        assert_eq!(a, std::fs::read(t.path().join("b").join(f)).unwrap(), "{f}");
        assert_eq!(a, std::fs::read(t.path().join("fresh").join(f)).unwrap(), "{f}");
    }
    // Another limit on entry sizes is another key.
    import("c", &["--max-entry-mib", "64"]);
    assert_eq!(database_files(&cache).len(), 2);
}

#[test]
fn uslci_calc_is_the_same_bit_for_bit_from_the_compiled_form() {
    let Some(zip) = common::shared("data/uslci-fy17q4/uslci_fy17_q4_olca1.5_json_ld.zip") else { return };
    let t = tempfile::tempdir().unwrap();
    let cache = t.path().join("cache");
    let zip = zip.display().to_string();
    let model = "examples/uslci_product/model.toml";
    let args = |extra: &'static str| {
        let mut a = vec!["calc", model, "--db", &zip, "--unlinked", "cutoff", "--all-variants", "--format", "json"];
        if !extra.is_empty() {
            a.push(extra);
        }
        a
    };
    let (fresh, _) = ok(&cache, &args("--no-cache"));
    let (built, _) = ok(&cache, &args(""));
    assert_eq!(database_files(&cache).len(), 1);
    let (loaded, err) = ok(&cache, &args(""));
    assert!(!err.contains("note: the compiled form"), "{err}");
    assert_eq!(built, fresh);
    assert_eq!(loaded, fresh);
}

/// Imports `source` into a fresh folder, with and without the cache: the same files, and the
/// compiled form loaded the second time.
fn import_same_files(source: &Path) {
    let t = tempfile::tempdir().unwrap();
    let cache = t.path().join("cache");
    let src = source.display().to_string();
    let to = |n: &str| t.path().join(n).display().to_string();
    ok(&cache, &["import", &src, "--to", &to("fresh"), "--unlinked", "cutoff", "--no-cache"]);
    ok(&cache, &["import", &src, "--to", &to("built"), "--unlinked", "cutoff"]);
    let file = database_files(&cache).pop().expect("compiled");
    let stamp = std::fs::metadata(&file).unwrap().modified().unwrap();
    ok(&cache, &["import", &src, "--to", &to("loaded"), "--unlinked", "cutoff"]);
    assert_eq!(std::fs::metadata(&file).unwrap().modified().unwrap(), stamp, "loaded, not rewritten");
    for e in std::fs::read_dir(t.path().join("fresh")).unwrap() {
        let p = e.unwrap().path();
        if p.is_file() {
            let name = p.file_name().unwrap();
            let fresh = std::fs::read(&p).unwrap();
            for other in ["built", "loaded"] {
                assert_eq!(std::fs::read(t.path().join(other).join(name)).unwrap(), fresh, "{} {other}", p.display());
            }
        }
    }
}

#[test]
fn every_imported_format_gives_the_same_database_from_its_compiled_form() {
    for f in ["jsonld_v1", "jsonld_v2", "ecospold2", "ecospold1"] {
        import_same_files(&data(f));
    }
}

#[cfg(unix)]
#[test]
fn a_folder_that_cannot_be_hashed_whole_is_read_without_a_compiled_form() {
    let t = tempfile::tempdir().unwrap();
    let (cache, db) = (t.path().join("cache"), t.path().join("db"));
    shipped_copy(&db);
    // A link to the folder itself: endless to walk, ignored by the database reader.
    std::os::unix::fs::symlink(&db, db.join("loop")).unwrap();
    let (fresh, _) = kettle(&cache, &db, &["--no-cache"]);
    let (out, err) = kettle(&cache, &db, &[]);
    assert!(err.contains("note: the compiled form was not stored") && err.contains("folders deep"), "{err}");
    assert_eq!(out, fresh);
    assert!(database_files(&cache).is_empty());
}
