//! The public LCIA tables (TRACI 2.1, ReCiPe 2016 Midpoint and Endpoint (H), EF 3.0 adapted) read
//! from their folders: spot values from each folder's README, the documented sign error corrected,
//! matching by ecoinvent UUID, by name and compartment (USLCI sub-compartments), and `methods`.

use greenlca::io::read_factor_table;
use greenlca::model::Method;

use crate::common::{self, assert_close, assert_error, copy_fixture, shared};

fn method(folder: &str) -> Option<Method> {
    let dir = shared(&format!("data/lcia-methods/{folder}"))?;
    Some(read_factor_table(&dir).unwrap())
}

/// The factor of `flow` in `category` (by name) for the compartment and sub-compartment given.
fn factor(m: &Method, category: &str, flow: &str, comp: &str, sub: Option<&str>) -> f64 {
    let c = m.categories.iter().find(|c| c.name == category).unwrap_or_else(|| panic!("no category {category}"));
    let f = c
        .factors
        .iter()
        .find(|f| {
            f.flow_name.as_deref() == Some(flow)
                && f.compartment.as_deref() == Some(comp)
                && f.subcompartment.as_deref() == sub
        })
        .unwrap_or_else(|| panic!("no factor for {flow} in {category}"));
    f.value
}

#[test]
fn traci_spot_values_from_its_readme() {
    let Some(m) = method("traci-2.1") else { return };
    assert_eq!(m.categories.len(), 10);
    // The table's own factors; the FEDEFL route adds factors keyed by USLCI UUIDs beside them.
    let own = m.categories.iter().flat_map(|c| &c.factors).filter(|f| !greenlca::io::is_fedefl_factor(f)).count();
    assert_eq!(own, 22_775);
    assert_eq!(factor(&m, "Global warming", "METHANE", "air", None), 25.0);
    assert_eq!(factor(&m, "Global warming", "NITROUS OXIDE", "air", None), 298.0);
    assert_eq!(factor(&m, "Acidification", "SULFUR DIOXIDE", "air", None), 1.0);
    assert_eq!(factor(&m, "Acidification", "AMMONIA", "air", None), 1.88);
    assert_eq!(factor(&m, "Acidification", "NITROGEN OXIDES", "air", None), 0.7);
    assert_close(factor(&m, "Smog formation", "NITROGEN OXIDES", "air", None), 24.7936, 1e-6);
    assert_eq!(factor(&m, "Eutrophication", "PHOSPHORUS", "water", None), 7.29);
    assert_close(factor(&m, "Human health - cancer", "BENZENE", "air", Some("urban")), 4.7419e-7, 1e-4);
    assert_close(factor(&m, "Human health - cancer", "BENZENE", "air", Some("rural")), 1.1986e-7, 1e-4);
}

#[test]
fn recipe_midpoint_spot_values_and_sign_fix() {
    let Some(m) = method("recipe-2016-midpoint-h-openlca") else { return };
    assert_eq!(m.categories.len(), 18);
    let air = Some("unspecified");
    assert_eq!(factor(&m, "Global warming", "Methane, fossil", "air", air), 36.0);
    assert_eq!(factor(&m, "Global warming", "Dinitrogen monoxide", "air", air), 298.0);
    assert_eq!(factor(&m, "Terrestrial acidification", "Sulfur dioxide", "air", air), 1.0);
    assert_eq!(factor(&m, "Terrestrial acidification", "Nitrogen oxides", "air", air), 0.36);
    assert_eq!(factor(&m, "Terrestrial acidification", "Ammonia", "air", air), 1.96);
    assert_eq!(factor(&m, "Fine particulate matter formation", "Sulfur dioxide", "air", air), 0.29);
    // The pack's -0.73 is a sign error (README); RIVM and ecoinvent give +0.73.
    assert_eq!(factor(&m, "Land use", "Occupation, dump site", "natural resource", Some("land")), 0.73);
    assert!(m.notes.as_deref().unwrap().contains("sign error"));
}

#[test]
fn recipe_endpoint_spot_values() {
    let Some(m) = method("recipe-2016-endpoint-h-openlca") else { return };
    assert_eq!(m.categories.len(), 22);
    let air = Some("unspecified");
    assert_eq!(factor(&m, "Global warming, Human health", "Carbon dioxide, fossil", "air", air), 9.28e-7);
    assert_close(factor(&m, "Global warming, Human health", "Methane, fossil", "air", air), 3.34e-5, 0.005);
    assert_eq!(factor(&m, "Global warming, Terrestrial ecosystems", "Carbon dioxide, fossil", "air", air), 2.8e-9);
    assert_eq!(factor(&m, "Terrestrial acidification", "Sulfur dioxide", "air", air), 2.12e-7);
    assert!(factor(&m, "Land use", "Occupation, dump site", "natural resource", Some("land")) > 0.0);
}

#[test]
fn ef30_spot_values_are_ef30_not_ef31() {
    let Some(m) = method("ef-3.0-openlca") else { return };
    assert_eq!(m.categories.len(), 28);
    assert_eq!(m.name, "EF 3.0 Method (adapted)");
    let air = Some("unspecified");
    // 36.8 / 34 / 298: EF 3.0; EF 3.1 would give 29.8 / 27 / 273.
    assert_eq!(factor(&m, "Climate change", "Methane, fossil", "air", air), 36.8);
    assert_eq!(factor(&m, "Climate change", "Dinitrogen monoxide", "air", air), 298.0);
    assert_eq!(factor(&m, "Acidification", "Sulfur dioxide", "air", air), 1.31);
    assert_eq!(factor(&m, "Acidification", "Ammonia", "air", air), 3.02);
    assert_eq!(factor(&m, "Acidification", "Nitrogen oxides", "air", air), 0.74);
    assert_eq!(factor(&m, "Land use", "Occupation, dump site", "natural resource", Some("land")), 105.24);
}

/// The textbook system (s = [100, 2]: 120 kg of the first emission, 14 kg SO2) with its first flow
/// renamed to ecoinvent's `Methane, fossil` to air UUID under a name no table knows (so only the
/// UUID can match), and SO2 named as USLCI names it, with a USLCI sub-compartment.
#[test]
fn calc_with_a_method_folder_matches_by_uuid_and_by_name() {
    let Some(recipe) = shared("data/lcia-methods/recipe-2016-midpoint-h-openlca") else { return };
    let Some(traci) = shared("data/lcia-methods/traci-2.1") else { return };
    let d = copy_fixture("heijungs_suh");
    let uuid = "0795345f-c7ae-410c-ad25-1845784c75f5";
    common::edit(&d.path().join("flows.csv"), "co2,CO2,elementary,kg,air", &format!("{uuid},gas X,elementary,kg,air"));
    common::edit(
        &d.path().join("flows.csv"),
        "so2,SO2,elementary,kg,air",
        "so2,Sulfur dioxide,elementary,kg,air/low population density",
    );
    for _ in 0..2 {
        common::edit(&d.path().join("exchanges.csv"), ",co2,", &format!(",{uuid},"));
    }
    let model = d.path().join("model.toml").display().to_string();
    let (code, out, err) = common::run(&["calc", &model, "--method", &recipe.display().to_string(), "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    let total = |csv: &str, cat: &str| -> f64 {
        let line = csv.lines().find(|l| l.split(',').nth(1) == Some(cat)).unwrap_or_else(|| panic!("{cat}: {csv}"));
        let header: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        let i = header.iter().position(|h| *h == "total").unwrap();
        // Names may be quoted with commas: count the total column from the end.
        let cells: Vec<&str> = line.rsplit(',').collect();
        cells[header.len() - 1 - i].parse().unwrap()
    };
    assert_close(total(&out, "global_warming"), 120.0 * 36.0, 1e-12);
    assert_close(total(&out, "terrestrial_acidification"), 14.0, 1e-12);
    assert_close(total(&out, "fine_particulate_matter_formation"), 14.0 * 0.29, 1e-12);
    // TRACI's upper-case names, no sub-compartment: SO2 by name; TRACI has no UUIDs, but the id is
    // USLCI's `Methane, fossil`, which the FEDEFL mapping files carry to TRACI's METHANE (25).
    let (code, out, err) = common::run(&["calc", &model, "--method", &traci.display().to_string(), "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert_close(total(&out, "acidification"), 14.0, 1e-12);
    assert_close(total(&out, "global_warming"), 120.0 * 25.0, 1e-12);
}

#[test]
fn methods_lists_and_matches() {
    let Some(dir) = shared("data/lcia-methods") else { return };
    let dir = dir.display().to_string();
    let (code, out, err) = common::run(&["methods", "--method-dir", &dir, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    for needle in
        ["ipcc2021,", "cml_ia,", "traci-2.1,TRACI 2.1,global_warming", "ef-3.0-openlca,EF 3.0 Method (adapted)"]
    {
        assert!(out.contains(needle), "{needle} missing:\n{out}");
    }
    // The default database: SO2, NH3 and NOx (`Nitrogen oxides (as NO2)`) reach TRACI acidification
    // by name; water withdrawn has no TRACI factor and is the largest unmatched flow (1 m3).
    let (code, out, err) = common::run(&["methods", "match", "traci-2.1", "--method-dir", &dir, "--format", "csv"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("category,acidification,Acidification,kg SO2 eq,13,3,"), "{out}");
    let first_unmatched = out.lines().find(|l| l.starts_with("unmatched_flow")).unwrap();
    assert!(first_unmatched.starts_with("unmatched_flow,water_fresh,"), "{first_unmatched}");
}

#[test]
fn bad_method_folder() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("f.csv"), "method,category,category_unit,factor\nM,C,kg,1.x\n").unwrap();
    let p = d.path().display().to_string();
    assert_error(&["methods", "match", &p], &["f.csv:2", "`1.x` is not a number", "hint:"]);
    let e = tempfile::tempdir().unwrap();
    assert_error(&["methods", "match", &e.path().display().to_string()], &["unknown method", "hint:"]);
}

/// USLCI (FY17 Q4 JSON-LD) against ReCiPe: USLCI names and compartments reach the ecoinvent-keyed
/// table by name; flows whose unit is of another dimension (water in kg, factors per m3) stay
/// unmatched instead of failing the run.
#[test]
fn uslci_matches_recipe_by_name_and_compartment() {
    let Some(zip) = shared("data/uslci-fy17q4/uslci_fy17_q4_olca1.5_json_ld.zip") else { return };
    let Some(dir) = shared("data/lcia-methods") else { return };
    let (code, out, err) = common::run(&[
        "methods",
        "match",
        "recipe-2016-midpoint-h-openlca",
        "--method-dir",
        &dir.display().to_string(),
        "--db",
        &zip.display().to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["elementary_flows"], 2918);
    let cat = |id: &str| v["categories"].as_array().unwrap().iter().find(|c| c["id"] == id).unwrap().clone();
    // SO2, NOx, NH3 and their sub-compartment variants: most of the 30 acidification factors.
    assert!(cat("terrestrial_acidification")["factors_matched"].as_u64().unwrap() >= 15);
    assert!(cat("global_warming")["flows_matched"].as_u64().unwrap() >= 10);
    let first = &v["unmatched"][0];
    assert_eq!(first["unit"], "kg", "USLCI water in kg has no factor per m3: {first}");
}
