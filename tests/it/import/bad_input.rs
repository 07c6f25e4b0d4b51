//! Bad input: every problem is an error that names the file (inside the archive) and the entity,
//! the command line exits with code 2, and nothing is written.

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::common::copy_dir;
use crate::common::import::{data, zip_dir, zip_entries};
use assert_cmd::Command;
use greenlca::ErrorKind;
use greenlca::io::{ImportOptions, import_any, import_jsonld};
use serde_json::Value;

/// A copy of the v1 fixture with one process file changed by `edit`, zipped under `x/`.
fn v1_with(file: &str, edit: impl FnOnce(&mut Value)) -> tempfile::NamedTempFile {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data("jsonld_v1"), dir.path());
    let p = dir.path().join(file);
    let mut v: Value = serde_json::from_str(&std::fs::read_to_string(&p).unwrap()).unwrap();
    edit(&mut v);
    std::fs::write(&p, serde_json::to_string_pretty(&v).unwrap()).unwrap();
    zip_dir(dir.path(), "x/")
}

fn import_err(path: &Path) -> greenlca::Error {
    import_any(path, &ImportOptions::default()).unwrap_err()
}

fn entity(e: &greenlca::Error) -> String {
    e.at.entity.clone().unwrap_or_default()
}

#[test]
fn malformed_json_names_the_entry_and_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data("jsonld_v1"), dir.path());
    let p = dir.path().join("processes/p-coal.json");
    let text = std::fs::read_to_string(&p).unwrap();
    std::fs::write(&p, &text[..text.len() / 2]).unwrap();
    let zip = zip_dir(dir.path(), "x/");
    let e = import_err(zip.path());
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert!(e.at.path.as_ref().unwrap().ends_with("x/processes/p-coal.json"), "{e}");
    assert!(e.at.line.is_some() && e.message.contains("malformed JSON"), "{e}");
}

#[test]
fn a_reference_to_a_missing_flow_names_process_and_exchange() {
    let zip = v1_with("processes/p-coal.json", |v| v["exchanges"][1]["flow"]["@id"] = "f-missing".into());
    let e = import_err(zip.path());
    assert_eq!(e.kind, ErrorKind::UnknownId);
    assert!(e.message.contains("unknown flow `f-missing`"), "{e}");
    assert!(entity(&e).contains("Hard coal, mining") && entity(&e).contains("Methane, fossil"), "{e}");
    assert!(e.to_string().contains("p-coal.json"), "{e}");
}

#[test]
fn an_unknown_unit_names_process_and_exchange() {
    let zip = v1_with("processes/p-coal.json", |v| {
        v["exchanges"][2]["unit"] = serde_json::json!({"@type": "Unit", "@id": "u-furlong", "name": "furlong"});
    });
    let e = import_err(zip.path());
    assert_eq!(e.kind, ErrorKind::Unit);
    assert!(e.message.contains("unknown unit `furlong`"), "{e}");
    assert!(entity(&e).contains("Carbon dioxide, fossil"), "{e}");
}

#[test]
fn a_flow_property_the_flow_lacks_is_an_error() {
    let zip = v1_with("processes/p-coal.json", |v| {
        v["exchanges"][2]["flowProperty"] = serde_json::json!({"@id": "fp-energy", "name": "Net calorific value"});
        v["exchanges"][2]["unit"] = serde_json::json!({"@id": "u-mj", "name": "MJ"});
    });
    let e = import_err(zip.path());
    assert_eq!(e.kind, ErrorKind::Unit);
    assert!(e.message.contains("Net calorific value") && e.message.contains("does not have"), "{e}");
}

#[test]
fn a_formula_over_an_unknown_parameter_names_process_and_exchange() {
    let zip =
        v1_with("processes/p-elec.json", |v| v["exchanges"][1]["amountFormula"] = "coal_per_mj * missing_param".into());
    let e = import_err(zip.path());
    assert_eq!(e.kind, ErrorKind::Formula);
    assert!(e.message.contains("unknown parameter `missing_param`"), "{e}");
    assert!(entity(&e).contains("Electricity, coal power plant") && entity(&e).contains("Hard coal"), "{e}");
    let zip = v1_with("processes/p-elec.json", |v| v["exchanges"][1]["amountFormula"] = "lookup(coal_per_mj)".into());
    let e = import_err(zip.path());
    assert!(e.message.contains("cannot be translated") && e.message.contains("`lookup`"), "{e}");
}

#[test]
fn an_entry_above_the_size_cap_is_refused_before_reading_it() {
    let zip = zip_dir(&data("jsonld_v1"), "x/");
    let e = import_jsonld(zip.path(), &ImportOptions { max_entry_bytes: 300 }).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Value);
    assert!(e.message.contains("more than the limit of 300 bytes"), "{e}");
    assert!(e.to_string().contains(".zip/x/"), "{e}");
}

#[test]
fn non_utf8_text_names_the_entry() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data("jsonld_v1"), dir.path());
    let p = dir.path().join("flows/f-co2.json");
    let mut bytes = std::fs::read(&p).unwrap();
    let at = bytes.iter().position(|&b| b == b'C').unwrap();
    bytes[at] = 0xC9; // Latin-1 'É', invalid alone in UTF-8
    std::fs::write(&p, bytes).unwrap();
    let zip = zip_dir(dir.path(), "x/");
    let e = import_err(zip.path());
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert!(e.message.contains("not valid UTF-8") && e.to_string().contains("x/flows/f-co2.json"), "{e}");
}

/// A zip with one stored entry whose name is `name` (raw bytes, no UTF-8 flag).
fn raw_zip(name: &[u8], data: &[u8]) -> tempfile::NamedTempFile {
    let mut out = Vec::new();
    let le16 = |v: &mut Vec<u8>, x: u16| v.extend_from_slice(&x.to_le_bytes());
    let le32 = |v: &mut Vec<u8>, x: u32| v.extend_from_slice(&x.to_le_bytes());
    le32(&mut out, 0x0403_4b50);
    for x in [20u16, 0, 0, 0, 0] {
        le16(&mut out, x);
    }
    for x in [0u32, data.len() as u32, data.len() as u32] {
        le32(&mut out, x);
    }
    le16(&mut out, name.len() as u16);
    le16(&mut out, 0);
    out.extend_from_slice(name);
    out.extend_from_slice(data);
    let cd = out.len() as u32;
    le32(&mut out, 0x0201_4b50);
    for x in [20u16, 20, 0, 0, 0, 0] {
        le16(&mut out, x);
    }
    for x in [0u32, data.len() as u32, data.len() as u32] {
        le32(&mut out, x);
    }
    for x in [name.len() as u16, 0, 0, 0, 0] {
        le16(&mut out, x);
    }
    le32(&mut out, 0);
    le32(&mut out, 0);
    out.extend_from_slice(name);
    let cd_size = out.len() as u32 - cd;
    le32(&mut out, 0x0605_4b50);
    for x in [0u16, 0, 1, 1] {
        le16(&mut out, x);
    }
    le32(&mut out, cd_size);
    le32(&mut out, cd);
    le16(&mut out, 0);
    let mut f = tempfile::Builder::new().suffix(".zip").tempfile().unwrap();
    f.write_all(&out).unwrap();
    f
}

#[test]
fn a_non_utf8_entry_name_is_refused() {
    let zip = raw_zip(b"processes/caf\xe9.json", b"{}");
    let e = import_err(zip.path());
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert!(e.message.contains("entry name is not valid UTF-8") && e.to_string().contains("caf"), "{e}");
}

#[test]
fn malformed_xml_names_the_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data("ecospold2"), dir.path());
    let p = dir.path().join("hard_coal_mine.spold");
    let text = std::fs::read_to_string(&p).unwrap().replace(
        "</intermediateExchange>\n      <intermediateExchange id=\"y2\"",
        "\n      <intermediateExchange id=\"y2\"",
    );
    std::fs::write(&p, text).unwrap();
    let e = import_err(dir.path());
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert!(e.at.path.as_ref().unwrap().ends_with("hard_coal_mine.spold") && e.at.line.is_some(), "{e}");
}

#[test]
fn an_exchange_in_a_unit_of_another_dimension_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data("ecospold2"), dir.path());
    let p = dir.path().join("electricity_hard_coal.spold");
    let text = std::fs::read_to_string(&p).unwrap().replacen(
        "<name xml:lang=\"en\">hard coal</name>\n        <unitName xml:lang=\"en\">kg</unitName>",
        "<name xml:lang=\"en\">hard coal</name>\n        <unitName xml:lang=\"en\">kWh</unitName>",
        1,
    );
    std::fs::write(&p, text).unwrap();
    let e = import_err(dir.path());
    assert_eq!(e.kind, ErrorKind::Unit);
    assert!(e.message.contains("cannot convert"), "{e}");
    assert!(entity(&e).contains("exchange `hard coal`"), "{e}");
}

#[test]
fn an_ecospold1_dataset_without_a_reference_function_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(data("ecospold1/farm_and_energy.xml")).unwrap().replacen(
        "<referenceFunction datasetRelatesToProduct=\"true\" name=\"Electricity, at grid\"",
        "<referenceFunctionX name=\"x\"",
        1,
    );
    let p = dir.path().join("bad.xml");
    std::fs::write(&p, text).unwrap();
    let e = import_err(&p);
    assert_eq!(e.kind, ErrorKind::Invalid);
    assert!(e.message.contains("<referenceFunction>") && e.to_string().contains("bad.xml"), "{e}");
}

#[test]
fn an_unknown_format_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("notes.txt");
    std::fs::write(&p, "hello").unwrap();
    assert_eq!(import_err(&p).kind, ErrorKind::Invalid);
    let zip = zip_entries(&[("readme.txt", b"hello")]);
    assert_eq!(import_err(zip.path()).kind, ErrorKind::Invalid);
}

fn greenlca() -> Command {
    Command::cargo_bin("greenlca").unwrap()
}

fn target(dir: &tempfile::TempDir) -> PathBuf {
    dir.path().join("out")
}

#[test]
fn cli_exits_2_and_writes_nothing_on_bad_input() {
    let dir = tempfile::tempdir().unwrap();
    let bad = tempfile::tempdir().unwrap();
    copy_dir(&data("jsonld_v1"), bad.path());
    std::fs::write(bad.path().join("processes/p-coal.json"), "{ \"@id\": ").unwrap();
    let malformed = zip_dir(bad.path(), "x/");
    let a = greenlca().args(["import"]).arg(malformed.path()).arg("--to").arg(target(&dir)).assert().code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(err.contains("p-coal.json") && err.contains("malformed JSON"), "{err}");
    assert!(!target(&dir).exists());

    let big = vec![b' '; 1_200_000];
    let mut entries: Vec<(&str, &[u8])> = vec![("processes/p.json", b"{}")];
    entries.push(("flows/huge.json", &big));
    let huge = zip_entries(&entries);
    let a = greenlca()
        .args(["import"])
        .arg(huge.path())
        .arg("--to")
        .arg(target(&dir))
        .args(["--max-entry-mib", "1"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(err.contains("flows/huge.json") && err.contains("limit"), "{err}");
    assert!(!target(&dir).exists());

    let latin = zip_entries(&[("processes/p.json", b"{\"@id\": \"p\", \"name\": \"Caf\xe9\"}")]);
    greenlca().args(["import"]).arg(latin.path()).arg("--to").arg(target(&dir)).assert().code(2);
    assert!(!target(&dir).exists());
    let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(names.is_empty(), "no temporary folder is left behind");
}

#[test]
fn cli_imports_unlinked_inputs_by_default_and_refuses_them_with_error() {
    let dir = tempfile::tempdir().unwrap();
    let src = tempfile::tempdir().unwrap();
    copy_dir(&data("jsonld_v1"), src.path());
    std::fs::remove_file(src.path().join("processes/p-coal.json")).unwrap();
    let a = greenlca()
        .args(["import"])
        .arg(src.path())
        .arg("--to")
        .arg(target(&dir))
        .args(["--unlinked", "error"])
        .assert()
        .code(2);
    let err = String::from_utf8_lossy(&a.get_output().stderr).to_string();
    assert!(err.contains("f-coal") && err.contains("no provider"), "{err}");
    assert!(!target(&dir).exists());

    // The default (cutoff) imports, counts and lists them in unlinked.csv, and records the policy.
    let a = greenlca().args(["import"]).arg(src.path()).arg("--to").arg(target(&dir)).assert().code(0);
    let out = String::from_utf8_lossy(&a.get_output().stdout).to_string();
    assert!(out.contains("product inputs: 4, linked 2, unlinked 2"), "{out}");
    let listed = std::fs::read_to_string(target(&dir).join("unlinked.csv")).unwrap();
    assert_eq!(listed.lines().count(), 3, "{listed}");
    assert!(listed.contains("p-elec,\"Electricity, coal power plant\",f-coal,"), "{listed}");
    let toml = std::fs::read_to_string(target(&dir).join("database.toml")).unwrap();
    assert!(toml.contains("--unlinked cutoff") && toml.contains("unlinked = \"cutoff\""), "{toml}");
    // The folder exists now: a second import must not overwrite it unless forced.
    greenlca().args(["import"]).arg(data("jsonld_v1")).arg("--to").arg(target(&dir)).assert().code(2);
    greenlca().args(["import"]).arg(data("jsonld_v1")).arg("--to").arg(target(&dir)).arg("--force").assert().code(0);
}

#[test]
fn cli_import_and_scores() {
    let dir = tempfile::tempdir().unwrap();
    let zip = zip_dir(&data("jsonld_v2"), "");
    let report = dir.path().join("report.csv");
    let a = greenlca()
        .args(["import"])
        .arg(zip.path())
        .arg("--to")
        .arg(target(&dir))
        .arg("--report")
        .arg(&report)
        .assert()
        .code(0);
    let out = String::from_utf8_lossy(&a.get_output().stdout).to_string();
    assert!(out.contains("processes: 3") && out.contains("products with several producers: 1"), "{out}");
    assert!(report.exists());
    for db in [target(&dir), zip.path().to_path_buf()] {
        let a = greenlca()
            .args(["scores", "--db"])
            .arg(&db)
            .arg("--method")
            .arg(data("ipcc_ar6_gwp100.toml"))
            .assert()
            .code(0);
        let csv = String::from_utf8_lossy(&a.get_output().stdout).to_string();
        assert!(csv.starts_with("process,name,location,unit,gwp100 [kg CO2-eq]\n"), "{csv}");
        assert!(csv.contains("p-heat-gas,\"Heat, from natural gas\",DE,MJ,0.056"), "{csv}");
    }
}
