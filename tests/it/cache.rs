//! The compiled form of matrix folders (docs/cache.md): built on first use, loaded after, rebuilt
//! when an input changes (even with its size and modification time restored), refused and rebuilt
//! when corrupted or of another version, safe with concurrent processes, and never changing a
//! result. Also: the fast triplet reader gives the same entries, bit for bit, as the general one.

use std::path::{Path, PathBuf};
use std::process::Command;

use greenlca::io::matrices::read_exchange_folder;

use crate::common::{self, bin};

/// A two-process system whose score is known by hand: process 0 needs 0.5 of product 1, emits
/// 2 kg of flow 0; process 1 emits 4 kg; factor 3. s = (1, 0.5), g = 2 + 2 = 4, h = 12.
fn hand_system(dir: &Path) {
    std::fs::create_dir_all(dir).unwrap();
    let write = |name: &str, text: &str| std::fs::write(dir.join(name), text).unwrap();
    write(
        "technosphere.csv",
        "row,col,amount,uncertainty_type,loc,scale,shape,minimum,maximum\n0,0,1,0,,,,,\n1,1,1,,,,,,\n1,0,-0.5,2,,0.1,,,\n",
    );
    write("biosphere.csv", "row,col,amount\n0,0,2\n0,1,4\n");
    write("cf.csv", "flow,category,factor\n0,0,3\n");
    write("demand.csv", "process,amount\n0,1\n");
    write("categories.csv", "category,name,unit\n0,warming,kg CO2-eq\n");
}

/// Runs `calc --matrices DIR --format json` with the cache in `cache`; (json, stderr).
fn calc(cache: &Path, dir: &Path, extra: &[&str]) -> (serde_json::Value, String) {
    let out = Command::new(bin())
        .args(["calc", "--matrices", &dir.display().to_string(), "--format", "json"])
        .args(extra)
        .env("GREENLCA_CACHE", cache)
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "{err}");
    (serde_json::from_slice(&out.stdout).unwrap(), err)
}

fn score(v: &serde_json::Value) -> f64 {
    v["scores"][0]["total"].as_f64().unwrap()
}

fn compiled_files(cache: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(cache).unwrap().map(|e| e.unwrap().path()).collect();
    v.sort();
    v
}

#[test]
fn built_once_then_loaded_with_the_same_result_bit_for_bit() {
    let t = tempfile::tempdir().unwrap();
    let (cache, dir) = (t.path().join("cache"), t.path().join("sys"));
    hand_system(&dir);
    let (first, _) = calc(&cache, &dir, &[]);
    assert_eq!(first["compiled_form"], "built");
    assert_eq!(score(&first), 12.0);
    let (second, _) = calc(&cache, &dir, &[]);
    assert_eq!(second["compiled_form"], "loaded");
    let (off, _) = calc(&cache, &dir, &["--no-cache"]);
    assert_eq!(off["compiled_form"], "off");
    for v in [&second, &off] {
        assert_eq!(v["scores"], first["scores"]);
        assert_eq!(v["supply_sum"].as_f64().unwrap().to_bits(), first["supply_sum"].as_f64().unwrap().to_bits());
        assert_eq!(v["inputs_sha256"], first["inputs_sha256"]);
    }
    assert_eq!(compiled_files(&cache).len(), 1);
}

#[test]
fn a_content_change_with_size_and_mtime_restored_is_seen() {
    let t = tempfile::tempdir().unwrap();
    let (cache, dir) = (t.path().join("cache"), t.path().join("sys"));
    hand_system(&dir);
    assert_eq!(score(&calc(&cache, &dir, &[]).0), 12.0);
    let bio = dir.join("biosphere.csv");
    let mtime = std::fs::metadata(&bio).unwrap().modified().unwrap();
    // Same length, same modification time: only the content tells.
    std::fs::write(&bio, "row,col,amount\n0,0,3\n0,1,4\n").unwrap();
    std::fs::File::options().write(true).open(&bio).unwrap().set_modified(mtime).unwrap();
    assert_eq!(std::fs::metadata(&bio).unwrap().modified().unwrap(), mtime);
    let (v, _) = calc(&cache, &dir, &[]);
    assert_eq!(v["compiled_form"], "built");
    // g = 3 + 0.5 * 4 = 5, h = 15.
    assert_eq!(score(&v), 15.0);
    // A renamed file is another input, though every content is the same.
    std::fs::rename(dir.join("categories.csv"), dir.join("categories.txt")).unwrap();
    let (v, _) = calc(&cache, &dir, &[]);
    assert_eq!(v["compiled_form"], "built");
    assert_eq!(v["scores"][0]["name"], "0");
}

/// Damages the one compiled file in `cache` with `f`, then checks the next run refuses it with a
/// note naming `why`, gives the hand result, and stores a good one again.
fn damaged(f: impl Fn(&mut Vec<u8>), why: &str) {
    let t = tempfile::tempdir().unwrap();
    let (cache, dir) = (t.path().join("cache"), t.path().join("sys"));
    hand_system(&dir);
    let (first, _) = calc(&cache, &dir, &[]);
    let file = compiled_files(&cache).pop().unwrap();
    let mut bytes = std::fs::read(&file).unwrap();
    f(&mut bytes);
    std::fs::write(&file, &bytes).unwrap();
    let (v, err) = calc(&cache, &dir, &[]);
    assert_eq!(v["compiled_form"], "rebuilt", "{why}");
    assert!(err.contains("note: the compiled form") && err.contains(why), "{err}");
    assert_eq!(v["scores"], first["scores"]);
    assert_eq!(calc(&cache, &dir, &[]).0["compiled_form"], "loaded");
}

#[test]
fn a_flipped_byte_is_refused_and_rebuilt() {
    damaged(
        |b| {
            let last = b.len() - 9;
            b[last] ^= 0x10;
        },
        "checksum",
    );
}

#[test]
fn a_truncated_file_is_refused_and_rebuilt() {
    damaged(|b| b.truncate(b.len() / 2), "bytes");
    damaged(|b| b.truncate(5), "not a greenlca compiled file");
}

#[test]
fn another_format_or_greenlca_version_is_rebuilt() {
    damaged(|b| b[8..16].copy_from_slice(&99u64.to_le_bytes()), "format version 99");
    damaged(|b| common::bump_compiled_version(b), "written by greenlca 9");
}

#[test]
fn concurrent_processes_agree_and_leave_one_whole_file() {
    let t = tempfile::tempdir().unwrap();
    let (cache, dir) = (t.path().join("cache"), t.path().join("sys"));
    hand_system(&dir);
    let children: Vec<_> = (0..6)
        .map(|_| {
            Command::new(bin())
                .args(["calc", "--matrices", &dir.display().to_string(), "--format", "json"])
                .env("GREENLCA_CACHE", &cache)
                .stdout(std::process::Stdio::piped())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    for c in children {
        let out = c.wait_with_output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(score(&v), 12.0);
    }
    let files = compiled_files(&cache);
    assert_eq!(files.len(), 1, "{files:?}");
    assert_eq!(calc(&cache, &dir, &[]).0["compiled_form"], "loaded");
}

#[test]
fn cache_commands_show_list_and_clear() {
    let t = tempfile::tempdir().unwrap();
    let (cache, dir) = (t.path().join("cache"), t.path().join("sys"));
    hand_system(&dir);
    calc(&cache, &dir, &[]);
    let cmd = |sub: &str| {
        let out = Command::new(bin()).args(["cache", sub]).env("GREENLCA_CACHE", &cache).output().unwrap();
        assert!(out.status.success());
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_eq!(cmd("dir").trim(), cache.display().to_string());
    let list = cmd("list");
    assert!(list.contains("matrices") && list.contains(&dir.display().to_string()), "{list}");
    assert!(cmd("clear").contains("removed 1 compiled form"));
    assert!(compiled_files(&cache).is_empty());
    assert!(cmd("list").contains("no compiled forms"));
}

/// A folder with numbers in many spellings, read by the fast path and, with one quoted field that
/// sends it to the general reader, by the slow path: the same entries, bit for bit.
#[test]
fn the_fast_reader_matches_the_general_one_bit_for_bit() {
    let t = tempfile::tempdir().unwrap();
    let (fast, slow) = (t.path().join("fast"), t.path().join("slow"));
    let n = 300;
    let mut tech = String::from("row,col,amount,uncertainty_type,loc,scale,shape,minimum,maximum\n");
    let mut bio = String::from("row , col , amount\r\n");
    let spellings = ["-0.1", "-1e-3", " -2.5E+0 ", "-0.30000000000000004", "-.5", "-7", "-1.7976931348623157e-300"];
    for j in 0..n {
        tech.push_str(&format!("{j},{j},1,,,,,,\n"));
        if j > 0 {
            let v = spellings[j % spellings.len()];
            let unc = match j % 4 {
                0 => "2,,0.2,,,".to_string(),
                1 => "3,,0.01,,-10,0".to_string(),
                2 => format!("4,,,,{},0", 2.0 * v.trim().parse::<f64>().unwrap()),
                _ => String::new(),
            };
            tech.push_str(&format!("{},{j},{v},{unc}\n", j - 1));
        }
        bio.push_str(&format!("{},{j},{}\r\n\r\n", j % 7, 1.0 / (j as f64 + 3.0)));
    }
    for (dir, quote) in [(&fast, false), (&slow, true)] {
        std::fs::create_dir_all(dir).unwrap();
        let t = if quote { tech.replacen("\n1,1,1,", "\n1,1,\"1\",", 1) } else { tech.clone() };
        std::fs::write(dir.join("technosphere.csv"), t).unwrap();
        std::fs::write(dir.join("biosphere.csv"), &bio).unwrap();
        std::fs::write(dir.join("cf.csv"), "flow,category,factor\n0,0,1\n3,1,2.5\n").unwrap();
        std::fs::write(dir.join("demand.csv"), "process,amount\n5,1\n").unwrap();
    }
    let (x, y) = (read_exchange_folder(&fast).unwrap(), read_exchange_folder(&slow).unwrap());
    for (e, f) in
        [(&x.system.a, &y.system.a), (&x.system.b, &y.system.b), (&x.characterization.c, &y.characterization.c)]
    {
        assert_eq!((&e.rows, &e.cols), (&f.rows, &f.cols));
        let bits = |v: &[f64]| v.iter().map(|x| x.to_bits()).collect::<Vec<_>>();
        assert_eq!(bits(&e.values), bits(&f.values));
        assert_eq!(e.dists, f.dists);
    }
    assert_eq!(x.system.a.dists.iter().filter(|d| d.is_some()).count(), (1..n).filter(|j| j % 4 != 3).count());
}
