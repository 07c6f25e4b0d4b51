//! TRACI 2.1 reaches USLCI through the FEDEFL mapping files (USLCI UUID -> FEDEFL flowable and
//! context -> TRACI substance). Known answers: the README's spot values, and every factor of the
//! route recomputed by an independent script (tests/data/fedefl_traci.py, standard-library Python)
//! over the same files; `methods match` reports the route of each matched flow. The shipped
//! `traci` method gives the same factors without ../shared.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

use greenlca::io::{find_method, read_any, read_factor_table};
use greenlca::matrix::{MatchRoute, UnlinkedPolicy, build_system, characterize};
use greenlca::model::Method;

use crate::common::{self, assert_close, shared};

const USLCI: &str = "data/uslci-fy17q4/uslci_fy17_q4_olca1.5_json_ld.zip";

/// Per category name, flow id -> (factor, route) of the method against USLCI.
fn factors(m: &Method, zip: &std::path::Path) -> BTreeMap<String, BTreeMap<String, (f64, MatchRoute)>> {
    let db = read_any(zip).unwrap();
    let system = build_system(&db, UnlinkedPolicy::Cutoff).unwrap();
    let ch = characterize(&system.flows, std::slice::from_ref(m), &db.units).unwrap();
    let mut out: BTreeMap<String, BTreeMap<String, (f64, MatchRoute)>> = BTreeMap::new();
    for (((r, c), v), fm) in ch.c.rows.iter().zip(&ch.c.cols).zip(&ch.c.values).zip(&ch.matches) {
        out.entry(ch.categories[*r].name.clone()).or_default().insert(system.flows[*c].id.clone(), (*v, fm.route));
    }
    out
}

fn python() -> Option<PathBuf> {
    let p = std::env::var_os("GREENLCA_PEER_PYTHON").map(PathBuf::from).unwrap_or_else(|| PathBuf::from("python3"));
    match Command::new(&p).arg("--version").output() {
        Ok(o) if o.status.success() => Some(p),
        _ if std::env::var("GREENLCA_REQUIRE_SHARED_DATA").is_ok_and(|v| v == "1") => panic!("no Python to run"),
        _ => None,
    }
}

fn spot_checks(f: &BTreeMap<String, BTreeMap<String, (f64, MatchRoute)>>) {
    let get = |cat: &str, id: &str| {
        let (v, route) = f[cat][id];
        assert_eq!(route, MatchRoute::Fedefl, "{cat} {id}");
        v
    };
    // README spot values (TRACI_Tool.xlsx rows), reached from USLCI's own flow UUIDs.
    assert_eq!(get("Global warming", "0795345f-c7ae-410c-ad25-1845784c75f5"), 25.0); // Methane, fossil
    assert_eq!(get("Global warming", "20185046-64bb-4c09-a8e7-e8a9e144ca98"), 298.0); // Dinitrogen monoxide
    assert_close(get("Smog formation", "c1b91234-6f24-417b-8309-46111d09c457"), 24.7936, 1e-5); // Nitrogen oxides
    assert_eq!(get("Acidification", "c1b91234-6f24-417b-8309-46111d09c457"), 0.7);
    assert_eq!(get("Eutrophication", "1d91ba69-9367-32d9-9acc-b6884944eda8"), 7.29); // Phosphorus, water
    // Benzene to air of high / low population density: TRACI urban / rural air.
    assert_close(get("Human health - cancer", "76e2713a-dab7-387b-9244-012fb4dc650a"), 4.7419e-7, 1e-4);
    assert_close(get("Human health - cancer", "a68b896f-b7f8-3742-8fa9-44e1a19aee15"), 1.1986e-7, 1e-4);
    // Carbon dioxide, biogenic: FEDEFL maps it to plain CO2; the route leaves it out.
    assert!(f["Global warming"].values().all(|(v, r)| *r != MatchRoute::Fedefl || *v != 0.0));
}

#[test]
fn traci_reaches_uslci_through_fedefl_as_an_independent_script_computes() {
    let Some(zip) = shared(USLCI) else { return };
    let Some(lcia) = shared("data/lcia-methods") else { return };
    let Some(py) = python() else { return };
    let script = common::root().join("tests/data/fedefl_traci.py");
    let out = Command::new(&py).arg(&script).arg(&lcia).arg(&zip).output().unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let expected: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();

    let m = read_factor_table(&lcia.join("traci-2.1")).unwrap();
    let got = factors(&m, &zip);
    spot_checks(&got);
    for (cat, flows) in expected["categories"].as_object().unwrap() {
        let ours: BTreeMap<&String, f64> = got
            .get(cat)
            .map(|m| m.iter().filter(|(_, (_, r))| *r == MatchRoute::Fedefl).map(|(id, (v, _))| (id, *v)).collect())
            .unwrap_or_default();
        assert_eq!(ours.len(), flows.as_object().unwrap().len(), "{cat}: flows by the FEDEFL route");
        for (id, v) in flows.as_object().unwrap() {
            assert_close(ours[id], v.as_f64().unwrap(), 1e-12);
        }
    }

    // `methods match` reports the same counts per route.
    let (code, out, err) = common::run(&[
        "methods",
        "match",
        "traci-2.1",
        "--method-dir",
        &lcia.display().to_string(),
        "--db",
        &zip.display().to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    for c in v["categories"].as_array().unwrap() {
        let n = expected["categories"][c["name"].as_str().unwrap()].as_object().unwrap().len();
        assert_eq!(c["flows_by_route"]["fedefl"], n, "{c}");
        let by_route: u64 = c["flows_by_route"].as_object().unwrap().values().map(|x| x.as_u64().unwrap()).sum();
        assert_eq!(c["flows_matched"], by_route, "{c}");
    }
    let gwp = v["categories"].as_array().unwrap().iter().find(|c| c["id"] == "global_warming").unwrap();
    assert_eq!(gwp["factors"], 91);
}

#[test]
fn shipped_traci_gives_the_same_factors_without_shared_data() {
    let (m, files) = find_method("traci", None).unwrap();
    assert_eq!(m.name, "TRACI 2.1");
    assert_eq!(m.categories.len(), 10);
    assert!(files.iter().any(|f| f.path.ends_with("USLCIv2019Q4.csv")), "the mapping files are inputs");
    let own = m.categories.iter().flat_map(|c| &c.factors).filter(|f| !greenlca::io::is_fedefl_factor(f)).count();
    assert_eq!(own, 22_775 - 12, "the source's 12 exact repeats kept once");
    let Some(zip) = shared(USLCI) else { return };
    let Some(lcia) = shared("data/lcia-methods") else { return };
    let shipped = factors(&m, &zip);
    spot_checks(&shipped);
    let folder = factors(&read_factor_table(&lcia.join("traci-2.1")).unwrap(), &zip);
    for (cat, flows) in &folder {
        for (id, (v, r)) in flows {
            let (w, s) = shipped[cat][id];
            assert_eq!((v, r), (&w, &s), "{cat} {id}");
        }
    }
}

/// A small method folder with FEDEFL files: a hand-computed factor (split row summed, conversion
/// factors applied), then bad mapping files named with their line.
#[test]
fn fedefl_route_by_hand_and_bad_mapping_files() {
    let d = tempfile::tempdir().unwrap();
    let m = d.path().join("mini");
    std::fs::create_dir_all(m.join("fedefl")).unwrap();
    std::fs::write(
        m.join("factors.csv"),
        "method,category,category_unit,flow_name,compartment,subcompartment,unit,factor\n\
         Mini,Ozone,kg CFC-11 eq,CFC-X,air,,kg,1\n\
         Mini,Ozone,kg CFC-11 eq,HCFC-Y,air,,kg,0.1\n\
         Mini,Eutro,kg N eq,FLOW_P,water,,kg,7\n",
    )
    .unwrap();
    let fed = m.join("fedefl");
    std::fs::write(
        fed.join("flowables.csv"),
        "TargetFlowName,TargetUnit,MatchCondition,SourceFlowName,SourceUnit,ConversionFactor\n\
         CFCs,kg,=,CFC-X,kg,1\nHCFCs,kg,=,HCFC-Y,kg,1\nPhosphate,kg,=,FLOW_P,kg,3.5\n",
    )
    .unwrap();
    std::fs::write(
        fed.join("contexts.csv"),
        "SourceFlowContext,TargetFlowContext\nair,emission/air\nwater,emission/water\n",
    )
    .unwrap();
    std::fs::write(
        fed.join("list.csv"),
        "SourceListName,SourceFlowName,SourceFlowUUID,SourceFlowContext,SourceUnit,MatchCondition,ConversionFactor,TargetFlowName,TargetFlowUUID,TargetFlowContext,TargetUnit\n\
         L,Halocarbons,u1,air,kg,=,0.5,CFCs,t1,emission/air,kg\n\
         L,Halocarbons,u1,air,kg,=,0.5,HCFCs,t2,emission/air,kg\n\
         L,Phosphate,u2,water,g,=,0.001,Phosphate,t3,emission/water,kg\n",
    )
    .unwrap();
    let method = read_factor_table(&m).unwrap();
    let derived = |cat: &str, id: &str| {
        let c = method.categories.iter().find(|c| c.name == cat).unwrap();
        c.factors.iter().find(|f| f.flow_id.as_deref() == Some(id)).map(|f| (f.value, f.flow_unit.clone().unwrap()))
    };
    // 0.5 * 1 + 0.5 * 0.1 = 0.55 per kg of the group.
    assert_close(derived("Ozone", "u1").unwrap().0, 0.55, 1e-12);
    // Per g of phosphate: 0.001 kg * 7 / 3.5 = 0.002.
    let (v, unit) = derived("Eutro", "u2").unwrap();
    assert_close(v, 0.002, 1e-12);
    assert_eq!(unit, "g");
    assert!(derived("Eutro", "u1").is_none());
    assert!(method.notes.unwrap().contains("2 factors derived through the FEDEFL route"));

    std::fs::write(
        fed.join("flowables.csv"),
        "TargetFlowName,TargetUnit,SourceFlowName,ConversionFactor\nCFCs,kg,CFC-X,x\n",
    )
    .unwrap();
    let p = m.display().to_string();
    common::assert_error(&["methods", "match", &p], &["flowables.csv:2", "ConversionFactor `x`", "hint:"]);

    // A method TOML naming a FEDEFL folder without mapping files.
    let t = tempfile::tempdir().unwrap();
    std::fs::write(
        t.path().join("m.toml"),
        "id = \"m\"\nname = \"M\"\nversion = \"1\"\nsource = \"s\"\nfactors = \"m.csv\"\nfedefl = \"nowhere\"\n\n[[categories]]\nid = \"c\"\nname = \"C\"\nunit = \"u\"\n",
    )
    .unwrap();
    std::fs::write(t.path().join("m.csv"), "category,flow_name,compartment,unit,factor\nc,X,air,kg,1\n").unwrap();
    let p = t.path().join("m.toml").display().to_string();
    common::assert_error(&["methods", "match", &p], &["m.toml", "without FEDEFL mapping files", "hint:"]);
}
