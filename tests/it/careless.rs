//! Careless use (issue 12): bad output paths leave nothing behind, valid input is accepted, and
//! the defects a new user hit stay fixed. Each case asserts the exit code, the message and what
//! is (not) on disk afterwards.

use std::path::Path;
use std::process::Command;

use crate::common::{self, bin, root, shared};

const KETTLE: &str = "datasets/products/kettle.toml";

fn run_in(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(bin())
        .args(args)
        .current_dir(dir)
        .env("GREENLCA_CACHE", crate::common::test_cache())
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

fn kettle() -> String {
    root().join(KETTLE).display().to_string()
}

/// Every entry under `dir`, recursively, as paths relative to it.
fn listing(dir: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            out.push(p.strip_prefix(dir).unwrap().display().to_string());
            if p.is_dir() {
                stack.push(p);
            }
        }
    }
    out.sort();
    out
}

#[track_caller]
fn assert_failed_cleanly(r: &(i32, String, String), needles: &[&str], dir: &Path, before: &[String]) {
    assert_eq!(r.0, 2, "exit code: stdout {}\nstderr {}", r.1, r.2);
    assert!(!r.2.contains("panicked"), "panic: {}", r.2);
    for n in needles {
        assert!(r.2.contains(n), "stderr lacks {n:?}:\n{}", r.2);
    }
    assert_eq!(listing(dir), before, "files left behind");
}

#[test]
fn a_bad_out_path_is_refused_before_plots_are_drawn() {
    let t = tempfile::tempdir().unwrap();
    std::fs::create_dir(t.path().join("results")).unwrap();
    let before = listing(t.path());
    // --out names a folder: nothing is computed or written, not even the plots.
    let r = run_in(t.path(), &["compare", &kettle(), "--plot", "plots", "--out", "results"]);
    assert_failed_cleanly(&r, &["results", "--out names an existing folder"], t.path(), &before);
    // --out inside a file.
    std::fs::write(t.path().join("notes.txt"), "x").unwrap();
    let before = listing(t.path());
    let r = run_in(t.path(), &["calc", &kettle(), "--plot", "plots", "--out", "notes.txt/calc.json"]);
    assert_failed_cleanly(&r, &["notes.txt", "is a file, not a folder"], t.path(), &before);
    // --plot names a file.
    let r = run_in(t.path(), &["contrib", &kettle(), "--plot", "notes.txt", "--out", "c.json"]);
    assert_failed_cleanly(&r, &["--plot names a file"], t.path(), &before);
}

#[test]
fn mc_outputs_are_all_written_or_none() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("blocker"), "x").unwrap();
    let before = listing(t.path());
    let k = kettle();
    // --keep-draws cannot be written: no plots, no --out.
    let r =
        run_in(t.path(), &["mc", &k, "-n", "20", "--plot", "p", "--out", "mc.json", "--keep-draws", "blocker/d.csv"]);
    assert_failed_cleanly(&r, &["--keep-draws", "is a file, not a folder"], t.path(), &before);
    // The same file for two outputs.
    let r = run_in(t.path(), &["mc", &k, "-n", "20", "--out", "same.csv", "--keep-draws", "same.csv"]);
    assert_failed_cleanly(&r, &["same.csv", "written twice"], t.path(), &before);
    // merge checks its outputs before reading the parts.
    let r = run_in(t.path(), &["merge", "no-such-part.json", "--out", "blocker/m.json"]);
    assert_failed_cleanly(&r, &["--out", "is a file, not a folder"], t.path(), &before);
}

#[test]
fn mc_plots_of_several_variants_keep_the_results() {
    let t = tempfile::tempdir().unwrap();
    let r = run_in(
        t.path(),
        &[
            "mc",
            &kettle(),
            "-n",
            "20",
            "--variant",
            "long_life",
            "--variant",
            "grid_south",
            "--plot",
            "p",
            "--out",
            "mc.json",
            "--format",
            "json",
        ],
    );
    assert_eq!(r.0, 0, "{}", r.2);
    let out = common::json(&t.path().join("mc.json"));
    let mut cats: Vec<&str> =
        out["outputs"].as_array().unwrap().iter().map(|o| o["category"].as_str().unwrap()).collect();
    let outputs = cats.len();
    cats.sort();
    cats.dedup();
    // One violin chart per category (two variants in each), one histogram per output.
    let files = listing(&t.path().join("p"));
    let violins = files.iter().filter(|f| f.starts_with("violins-")).count();
    let histograms = files.iter().filter(|f| f.starts_with("histogram-")).count();
    assert_eq!(violins, cats.len(), "{files:?}");
    assert_eq!(histograms, outputs, "{files:?}");
    assert_eq!(files.len(), violins + histograms, "{files:?}");
}

#[test]
fn a_report_whose_chart_folder_cannot_be_made_leaves_no_temporary_files() {
    let t = tempfile::tempdir().unwrap();
    let out = t.path().join("rep");
    std::fs::create_dir(&out).unwrap();
    // `charts` is a file, so the report's subfolder cannot be created.
    std::fs::write(out.join("charts"), "x").unwrap();
    let before = listing(t.path());
    let r = run_in(t.path(), &["report", &kettle(), "--variant", "long_life", "--out", "rep", "--date", "2026-01-01"]);
    assert_failed_cleanly(&r, &["charts"], t.path(), &before);
}

#[test]
fn import_with_a_bad_report_path_writes_no_database() {
    let t = tempfile::tempdir().unwrap();
    std::fs::write(t.path().join("blocker"), "x").unwrap();
    let before = listing(t.path());
    let src = common::fixture("import/jsonld_v1").display().to_string();
    let r = run_in(t.path(), &["import", &src, "--to", "db", "--report", "blocker/r.csv"]);
    assert_failed_cleanly(&r, &["--report", "is a file, not a folder"], t.path(), &before);
    // A target that is a file is refused the same way.
    let r = run_in(t.path(), &["import", &src, "--to", "blocker"]);
    assert_failed_cleanly(&r, &["--to names a file"], t.path(), &before);
}

#[test]
fn a_huge_max_entry_size_does_not_wrap_to_zero() {
    let t = tempfile::tempdir().unwrap();
    let src = common::fixture("import/jsonld_v1").display().to_string();
    let r = run_in(t.path(), &["import", &src, "--to", "db", "--max-entry-mib", &u64::MAX.to_string()]);
    assert_eq!(r.0, 0, "{}", r.2);
    assert!(t.path().join("db/processes.csv").is_file());
}

#[test]
fn uslci_imports_as_a_new_user_types_it() {
    let Some(zip) = shared("data/uslci-fy17q4/uslci_fy17_q4_olca1.5_json_ld.zip") else { return };
    let t = tempfile::tempdir().unwrap();
    let r = run_in(t.path(), &["import", &zip.display().to_string(), "--to", "uslci/"]);
    assert_eq!(r.0, 0, "{}", r.2);
    // The unlinked inputs: counted in the summary and listed one per row in unlinked.csv.
    let listed = std::fs::read_to_string(t.path().join("uslci/unlinked.csv")).unwrap();
    let rows = listed.lines().count() - 1;
    assert!(r.1.contains(&format!("unlinked exchanges: {rows}, listed in uslci/unlinked.csv")), "{}", r.1);
    let line = |key: &str| r.1.lines().find(|l| l.trim_start().starts_with(key)).unwrap().to_string();
    let unlinked_of = |l: String| l.rsplit("unlinked ").next().unwrap().trim().parse::<usize>().unwrap();
    assert_eq!(unlinked_of(line("product inputs:")) + unlinked_of(line("waste outputs:")), rows);
    assert!(rows > 0);
    let meta = std::fs::read_to_string(t.path().join("uslci/database.toml")).unwrap();
    assert!(meta.contains("unlinked = \"cutoff\""), "{meta}");
    // Later calculations apply the recorded policy and say so; --unlinked overrides it.
    let r = run_in(t.path(), &["scores", "--db", "uslci", "--method", "ipcc2021", "--format", "json"]);
    assert_eq!(r.0, 0, "{}", r.2);
    let v: serde_json::Value = serde_json::from_str(&r.1).unwrap();
    assert_eq!(v["unlinked_policy"], "cutoff");
    assert_eq!(v["unlinked_inputs"].as_u64(), Some(rows as u64));
    let r = run_in(t.path(), &["scores", "--db", "uslci", "--method", "ipcc2021", "--unlinked", "error"]);
    assert_eq!(r.0, 2);
    assert!(r.2.contains("has no provider"), "{}", r.2);
    // validate lists them too.
    let r = run_in(t.path(), &["validate", "uslci"]);
    assert_eq!(r.0, 0, "{}", r.2);
    assert_eq!(r.1.lines().filter(|l| l.trim_start().starts_with("unlinked:")).count(), rows);
}

#[test]
fn refusing_unlinked_inputs_on_import_leaves_nothing() {
    let Some(zip) = shared("data/uslci-fy17q4/uslci_fy17_q4_olca1.5_json_ld.zip") else { return };
    let t = tempfile::tempdir().unwrap();
    let r = run_in(t.path(), &["import", &zip.display().to_string(), "--to", "uslci", "--unlinked", "error"]);
    assert_failed_cleanly(&r, &["has no provider"], t.path(), &[]);
}

#[test]
fn a_database_records_a_wrong_policy() {
    let t = common::copy_fixture("import/jsonld_v1");
    let db = t.path().join("db");
    let r = run_in(t.path(), &["import", ".", "--to", "db"]);
    assert_eq!(r.0, 0, "{}", r.2);
    let meta = db.join("database.toml");
    let text = std::fs::read_to_string(&meta).unwrap().replace("unlinked = \"cutoff\"", "unlinked = \"skip\"");
    std::fs::write(&meta, text).unwrap();
    let r = run_in(t.path(), &["validate", "db"]);
    assert_eq!(r.0, 2, "{}", r.2);
    assert!(r.2.contains("database.toml") && r.2.contains("`unlinked = \"skip\"` is not a linking policy"), "{}", r.2);
}

#[test]
fn a_model_naming_a_method_file_by_a_relative_path_runs_from_its_folder() {
    let t = tempfile::tempdir().unwrap();
    let data = root().join("datasets");
    common::copy_dir(&data.join("db"), &t.path().join("db"));
    std::fs::create_dir_all(t.path().join("methods")).unwrap();
    for f in ["ipcc2021.toml", "ipcc2021.csv"] {
        std::fs::copy(data.join("methods").join(f), t.path().join("methods").join(f)).unwrap();
    }
    std::fs::create_dir_all(t.path().join("models")).unwrap();
    let model = std::fs::read_to_string(data.join("products/kettle.toml")).unwrap();
    let model: String = model
        .lines()
        .filter(|l| !l.starts_with("spec =") && !l.starts_with("evidence ="))
        .map(|l| if l.starts_with("methods =") { "methods = [\"../methods/ipcc2021.toml\"]" } else { l })
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(t.path().join("models/model.toml"), model).unwrap();
    let here = run_in(&t.path().join("models"), &["calc", "model.toml", "--format", "csv"]);
    assert_eq!(here.0, 0, "{}", here.2);
    let above = run_in(t.path(), &["calc", "models/model.toml", "--format", "csv"]);
    assert_eq!(above.0, 0, "{}", above.2);
    assert_eq!(here.1, above.1);
    assert_eq!(here.1.lines().count(), 3, "header, gwp100, gwp20:\n{}", here.1);
}

#[test]
fn an_unknown_method_names_the_option() {
    common::assert_error(
        &["calc", KETTLE, "--method", "ipcc-ar6"],
        &["--method: unknown method `ipcc-ar6`", "ipcc2021"],
    );
}

#[test]
fn re_indented_partial_results_merge() {
    let t = tempfile::tempdir().unwrap();
    let k = kettle();
    let whole = run_in(t.path(), &["mc", &k, "-n", "40", "--seed", "5", "--format", "json"]);
    assert_eq!(whole.0, 0, "{}", whole.2);
    let mut parts = Vec::new();
    for s in ["0/2", "1/2"] {
        let p = format!("part-{}.json", &s[..1]);
        let r = run_in(t.path(), &["mc", &k, "-n", "40", "--seed", "5", "--shard", s, "--out", &p]);
        assert_eq!(r.0, 0, "{}", r.2);
        // What a JSON formatter does to a file: parse and write back, indented.
        let v = common::json(&t.path().join(&p));
        std::fs::write(t.path().join(&p), serde_json::to_string_pretty(&v).unwrap()).unwrap();
        parts.push(p);
    }
    let merged = run_in(t.path(), &["merge", &parts[0], &parts[1], "--format", "json"]);
    assert_eq!(merged.0, 0, "{}", merged.2);
    assert_eq!(merged.1, whole.1);
}

#[test]
fn calc_records_and_shows_set_values() {
    let k = kettle();
    let (code, json, err) = common::run(&["calc", &k, "--set", "lifetime_years=6", "--format", "json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["set"]["lifetime_years"].as_f64(), Some(6.0));
    assert_eq!(v["variants"][0]["parameters"]["lifetime_years"].as_f64(), Some(6.0));
    let (_, table, _) = common::run(&["calc", &k, "--set", "lifetime_years=6"]);
    assert!(table.contains("set for this run (overrides the model): lifetime_years = 6"), "{table}");
    let (_, csv, _) = common::run(&["calc", &k, "--set", "lifetime_years=6", "--format", "csv"]);
    let lines: Vec<&str> = csv.lines().collect();
    assert!(lines[0].ends_with(",set"), "{csv}");
    assert!(lines[1..].iter().all(|l| l.ends_with(",lifetime_years=6")), "{csv}");
    // Without --set the CSV keeps its columns.
    let (_, plain, _) = common::run(&["calc", &k, "--format", "csv"]);
    assert!(!plain.lines().next().unwrap().contains("set"));
}

#[test]
fn mistyped_names_get_the_nearest_one() {
    let cases: [(&[&str], &[&str]); 5] = [
        (
            &["contrib", KETTLE, "--category", "GWP100"],
            &["--category: unknown category `GWP100`", "did you mean `gwp100`?"],
        ),
        (
            &["calc", KETTLE, "--variant", "longlife"],
            &["--variant: unknown variant `longlife`", "did you mean `long_life`?"],
        ),
        (
            &["calc", KETTLE, "--set", "lifetme_years=6"],
            &["unknown parameter `lifetme_years`", "did you mean `lifetime_years`?"],
        ),
        // Nothing near: a short list of names, not all thirty.
        (&["calc", KETTLE, "--set", "zzz=6"], &["unknown parameter `zzz`", "known parameters include", "in all"]),
        (&["calc", KETTLE, "--method", "ipcc-ar6"], &["--method: unknown method"]),
    ];
    for (args, needles) in cases {
        common::assert_error(args, needles);
    }
    let (_, _, err) = common::run(&["calc", KETTLE, "--set", "zzz=6"]);
    assert!(!err.contains("wte_kwh_per_kg"), "lists every parameter:\n{err}");
}

/// The kettle model with its database by absolute path, no specification, and `edit` applied.
fn kettle_copy(dir: &Path, edit: impl Fn(&str) -> String) -> String {
    let db = root().join("datasets/db").display().to_string();
    let text: String = std::fs::read_to_string(root().join(KETTLE))
        .unwrap()
        .lines()
        .filter(|l| !l.starts_with("spec =") && !l.starts_with("evidence ="))
        .map(|l| if l.starts_with("database =") { format!("database = {db:?}") } else { edit(l) })
        .collect::<Vec<_>>()
        .join("\n");
    let p = dir.join("model.toml");
    std::fs::write(&p, text).unwrap();
    p.display().to_string()
}

#[test]
fn validate_reports_a_problem_of_the_base_model_once_not_once_per_variant() {
    let t = tempfile::tempdir().unwrap();
    let m = kettle_copy(t.path(), |l| l.replace("\"fu_years / lifetime_years\"", "\"fu_years / lifetime_yearz\""));
    let (code, out, err) = common::run(&["validate", &m]);
    assert_eq!(code, 2, "{out}{err}");
    assert_eq!(err.matches("uses unknown parameter `lifetime_yearz`").count(), 1, "{err}");
    assert!(!err.contains("problems"), "{err}");
}

#[test]
fn formula_parse_errors_speak_the_users_language() {
    let cases = [
        ("2 * (fu_years", "the parentheses do not match"),
        ("fu_years +", "it ends with an operator"),
        ("3 fu_years", "an operator is missing between two values"),
        ("2 % fu_years", "`% fu_years` is not a number, a parameter name"),
    ];
    for (formula, said) in cases {
        let t = tempfile::tempdir().unwrap();
        let m = kettle_copy(t.path(), |l| l.replace("\"fu_years / lifetime_years\"", &format!("{formula:?}")));
        let (code, _, err) = common::run(&["validate", &m]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(&format!("formula `{formula}` does not parse: {said}")), "{err}");
        for internal in ["node", " ops", "position"] {
            assert!(!err.contains(internal), "parser wording {internal:?} in:\n{err}");
        }
    }
}

#[test]
fn merge_names_the_part_given_twice_and_the_missing_iterations() {
    let t = tempfile::tempdir().unwrap();
    let k = kettle();
    for s in 0..3 {
        let r = run_in(t.path(), &["mc", &k, "-n", "30", "--shard", &format!("{s}/3"), "--out", &format!("p{s}.json")]);
        assert_eq!(r.0, 0, "{}", r.2);
    }
    let before = listing(t.path());
    // Shards of 30 in three: 0..10, 10..20, 20..30.
    let cases: [(&[&str], &str); 3] = [
        (&["p0.json", "p1.json", "p1.json", "p2.json"], "p1.json: iterations 10..20 are in this part and in `p1.json`"),
        (&["p0.json", "p2.json"], "p2.json: iterations 10..20 are missing: no part holds them"),
        (&["p0.json", "p1.json"], "iterations 20..30 of 30 are missing"),
    ];
    for (parts, said) in cases {
        let mut args = vec!["merge"];
        args.extend_from_slice(parts);
        args.extend_from_slice(&["--out", "m.json"]);
        let r = run_in(t.path(), &args);
        assert_failed_cleanly(&r, &[said], t.path(), &before);
    }
}

#[test]
fn solver_errors_name_the_database_and_scenario_errors_their_file() {
    // Two processes that each need one unit of the other per unit made: A is singular.
    let t = common::copy_fixture("bw_basic");
    let ex = t.path().join("exchanges.csv");
    let text = std::fs::read_to_string(&ex).unwrap().replace("product_2,input,0.5", "product_2,input,1");
    std::fs::write(&ex, text + "activity_102,product_1,input,1,unit,\n").unwrap();
    let db = t.path().display().to_string();
    for args in [
        vec!["calc".to_string(), t.path().join("model.toml").display().to_string()],
        vec![
            "scores".into(),
            "--db".into(),
            db.clone(),
            "--method".into(),
            t.path().join("method.toml").display().to_string(),
        ],
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (code, _, err) = common::run(&args);
        assert_eq!(code, 2, "{err}");
        assert!(err.starts_with(&format!("error: {db}")), "{err}");
        assert!(err.contains("singular at process `activity_101`") && !err.contains("input:"), "{err}");
    }
    // A scenario naming an unknown variant is reported at its line of the scenarios file.
    let sc = t.path().join("sc.csv");
    std::fs::write(&sc, "scenario,variant,lifetime_years\na,base,5\nb,longlife,4\n").unwrap();
    common::assert_error(
        &["calc", KETTLE, "--scenarios", &sc.display().to_string()],
        &[&format!("{}:3 scenario `b`: unknown variant `longlife`", sc.display()), "did you mean `long_life`?"],
    );
}

#[test]
fn a_factor_in_the_wrong_dimension_is_reported_against_the_factor() {
    let t = tempfile::tempdir().unwrap();
    for f in ["ipcc2021.toml", "ipcc2021.csv"] {
        std::fs::copy(root().join("datasets/methods").join(f), t.path().join(f)).unwrap();
    }
    let csv = t.path().join("ipcc2021.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    assert!(lines[1].starts_with("gwp100,co2_fossil,") && lines[1].contains(",kg,1,"), "{}", lines[1]);
    lines[1] = lines[1].replace(",kg,1,", ",MJ,1,");
    std::fs::write(&csv, lines.join("\n") + "\n").unwrap();
    common::assert_error(
        &["calc", KETTLE, "--method", &t.path().join("ipcc2021.toml").display().to_string()],
        &[
            &format!(
                "{}:2: the factor is per `MJ` (energy) but flow `co2_fossil` is measured in `kg` (mass)",
                csv.display()
            ),
            "give this factor per a unit of mass, such as `kg`",
        ],
    );
}

#[cfg(target_os = "linux")]
#[test]
fn a_full_disk_behind_standard_output_is_named() {
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").unwrap();
    let out = Command::new(bin()).args(["calc", KETTLE]).current_dir(root()).stdout(full).output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{err}");
    assert!(err.contains("standard output (the file it is redirected to): No space left on device"), "{err}");
}

#[test]
fn every_result_records_the_linking_policy() {
    let t = tempfile::tempdir().unwrap();
    let sc = t.path().join("sc.csv");
    std::fs::write(&sc, "scenario,variant,lifetime_years\na,base,5\n").unwrap();
    let sc = sc.display().to_string();
    let runs: [&[&str]; 9] = [
        &["calc", KETTLE],
        &["calc", KETTLE, "--scenarios", &sc],
        &["check", KETTLE],
        &["compare", KETTLE],
        &["contrib", KETTLE],
        &["sensitivity", KETTLE, "--oat"],
        &["sensitivity", KETTLE, "--analytic"],
        &["sensitivity", KETTLE, "--sobol", "20", "--bootstrap", "5"],
        &["mc", KETTLE, "-n", "10"],
    ];
    for args in runs {
        let mut args = args.to_vec();
        args.extend_from_slice(&["--unlinked", "cutoff", "--format", "json"]);
        let (code, out, err) = common::run(&args);
        assert!(code == 0 || code == 1, "{args:?}: {err}");
        let v: serde_json::Value = serde_json::from_str(&out).unwrap();
        let policy = [
            &v["links"]["unlinked_policy"],
            &v["linking"]["unlinked_policy"],
            &v["meta"]["linking"]["unlinked_policy"],
        ];
        assert!(policy.iter().any(|p| *p == "cutoff"), "{args:?} records no policy");
    }
}
