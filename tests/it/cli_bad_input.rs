//! Every kind of bad input gets a message naming the file, the line or id, and a fix; exit code 2;
//! no panic; nothing written.

use crate::common;

use common::{assert_error, copy_fixture, edit};

fn model_in(dir: &tempfile::TempDir) -> String {
    dir.path().join("model.toml").display().to_string()
}

#[test]
fn missing_files() {
    assert_error(&["calc", "no/such/model.toml"], &["no/such/model.toml", "hint:"]);
    let d = copy_fixture("heijungs_suh");
    std::fs::remove_file(d.path().join("flows.csv")).unwrap();
    assert_error(&["calc", &model_in(&d)], &["flows.csv", "hint:"]);
}

#[test]
fn unknown_and_duplicate_ids() {
    let d = copy_fixture("heijungs_suh");
    edit(&d.path().join("exchanges.csv"), "electricity_production,fuel,input", "electricity_production,fule,input");
    assert_error(&["calc", &model_in(&d)], &["exchanges.csv:3", "unknown flow `fule`", "hint:"]);
    let d = copy_fixture("heijungs_suh");
    edit(&d.path().join("processes.csv"), "fuel_production,fuel production", "electricity_production,fuel production");
    assert_error(
        &["validate", &d.path().display().to_string()],
        &["processes.csv:3", "`electricity_production` is used again"],
    );
    let d = copy_fixture("heijungs_suh");
    edit(&d.path().join("model.toml"), "provider = \"electricity_production\"", "provider = \"electricity_prod\"");
    assert_error(
        &["calc", &model_in(&d)],
        &["model.toml:12", "exchange `electricity`", "unknown provider `electricity_prod`"],
    );
}

#[test]
fn unit_mismatch_and_unknown_unit() {
    let d = copy_fixture("heijungs_suh");
    edit(
        &d.path().join("exchanges.csv"),
        "electricity_production,co2,output,1,kg",
        "electricity_production,co2,output,1,kWh",
    );
    assert_error(&["calc", &model_in(&d)], &["exchanges.csv:4", "cannot convert `kWh` (energy) into `kg` (mass)"]);
    let d = copy_fixture("heijungs_suh");
    edit(&d.path().join("model.toml"), "unit = \"MWh\"", "unit = \"furlong\"");
    assert_error(&["calc", &model_in(&d)], &["model.toml", "unknown unit `furlong`"]);
}

#[test]
fn nan_and_infinite_amounts() {
    let d = copy_fixture("heijungs_suh");
    edit(&d.path().join("exchanges.csv"), "fuel_production,co2,output,10,", "fuel_production,co2,output,NaN,");
    assert_error(&["calc", &model_in(&d)], &["exchanges.csv:8", "not a finite number"]);
    let d = copy_fixture("heijungs_suh");
    edit(
        &d.path().join("exchanges.csv"),
        "fuel_production,crude_oil,input,50,",
        "fuel_production,crude_oil,input,inf,",
    );
    assert_error(&["calc", &model_in(&d)], &["exchanges.csv:7", "not a finite number"]);
}

#[test]
fn formulas_that_do_not_parse_or_name_unknown_parameters() {
    let d = copy_fixture("mobility");
    edit(&d.path().join("exchanges.csv"), "electricity_per_km,", "electricity_per_km *,");
    let m = d.path().join("driving_electric.toml").display().to_string();
    assert_error(&["calc", &m], &["exchanges.csv:4", "does not parse"]);
    let d = copy_fixture("mobility");
    edit(&d.path().join("exchanges.csv"), "electricity_per_km,", "electricity_per_kilometre,");
    let m = d.path().join("driving_electric.toml").display().to_string();
    assert_error(&["calc", &m], &["exchanges.csv:4", "unknown parameter `electricity_per_kilometre`"]);
    let d = copy_fixture("mobility");
    edit(&d.path().join("parameters.csv"), "global,co2_per_kg,2.3,", "global,co2_per_kg,,gasoline_per_km * co2_per_kg");
    let m = d.path().join("driving_combustion.toml").display().to_string();
    assert_error(&["calc", &m], &["parameters.csv", "cycle: co2_per_kg -> co2_per_kg"]);
}

#[test]
fn unlinked_input_and_missing_reference() {
    let d = copy_fixture("heijungs_suh");
    edit(
        &d.path().join("flows.csv"),
        "so2,SO2,elementary,kg,air",
        "so2,SO2,elementary,kg,air\nlube,lubricant,product,kg,",
    );
    edit(
        &d.path().join("exchanges.csv"),
        "fuel_production,so2,output,2,kg,,HS2002",
        "fuel_production,so2,output,2,kg,,HS2002\nfuel_production,lube,input,0.1,kg,,HS2002",
    );
    assert_error(&["calc", &model_in(&d)], &["fuel_production", "flow `lube`", "no provider", "--unlinked cutoff"]);
    let (code, out, _) = common::run(&["calc", &model_in(&d), "--unlinked", "cutoff", "--format", "json"]);
    assert_eq!(code, 0);
    assert!(out.contains("\"unlinked_policy\": \"cutoff\"") && out.contains("lube"));
    let d = copy_fixture("heijungs_suh");
    edit(
        &d.path().join("exchanges.csv"),
        "fuel_production,fuel,output,100,l,true,",
        "fuel_production,fuel,output,100,l,,",
    );
    assert_error(&["calc", &model_in(&d)], &["fuel_production", "0 reference exchanges", "reference = true"]);
}

#[test]
fn zero_reference_output_is_singular_and_named() {
    let d = copy_fixture("heijungs_suh");
    edit(&d.path().join("exchanges.csv"), "fuel_production,fuel,output,100,", "fuel_production,fuel,output,0,");
    assert_error(&["calc", &model_in(&d)], &["fuel_production", "reference output is zero"]);
}

#[test]
fn bad_parameter_values_and_scenarios() {
    assert_error(
        &["calc", "datasets/products/kettle.toml", "--set", "lifetime_years=20"],
        &["lifetime_years", "outside its range [2, 8]"],
    );
    assert_error(
        &["calc", "datasets/products/kettle.toml", "--set", "lifetim_years=5"],
        &["unknown parameter `lifetim_years`", "did you mean `lifetime_years`?"],
    );
    assert_error(&["calc", "datasets/products/kettle.toml", "--set", "lifetime_years"], &["NAME=VALUE"]);
    let d = tempfile::tempdir().unwrap();
    let sc = d.path().join("sc.csv");
    std::fs::write(&sc, "scenario,lifetime_years\nok,4\nbad,x\n").unwrap();
    assert_error(
        &["calc", "datasets/products/kettle.toml", "--scenarios", &sc.display().to_string()],
        &["sc.csv:3", "not a finite number"],
    );
    std::fs::write(&sc, "scenario,lifetime_years\nok,4\ntoo long,80\n").unwrap();
    assert_error(
        &["calc", "datasets/products/kettle.toml", "--scenarios", &sc.display().to_string()],
        &["sc.csv:3", "scenario `too long`", "outside its range"],
    );
}

#[test]
fn bad_toml_reports_the_line() {
    let d = copy_fixture("heijungs_suh");
    edit(&d.path().join("model.toml"), "amount = 1\nunit = \"MWh\"", "amount = one\nunit = \"MWh\"");
    assert_error(&["calc", &model_in(&d)], &["model.toml:16", "string values must be quoted"]);
    let d = copy_fixture("heijungs_suh");
    edit(&d.path().join("model.toml"), "stage = \"use\"", "stage = \"usage phase\"");
    assert_error(&["calc", &model_in(&d)], &["model.toml", "unknown stage `usage phase`", "raw_materials"]);
}

#[test]
fn nothing_is_written_on_error() {
    let d = copy_fixture("heijungs_suh");
    edit(&d.path().join("exchanges.csv"), "fuel_production,co2,output,10,", "fuel_production,co2,output,NaN,");
    let out = d.path().join("out.json");
    assert_error(
        &["calc", &model_in(&d), "--format", "json", "--out", &out.display().to_string()],
        &["not a finite number"],
    );
    assert!(!out.exists());
    let target = d.path().join("exported");
    assert_error(&["export", &model_in(&d), "--matrices", &target.display().to_string()], &["not a finite number"]);
    assert!(!target.exists() || std::fs::read_dir(&target).unwrap().next().is_none());
}

#[test]
fn matrix_folder_without_a_diagonal_is_refused() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(d.path().join("technosphere.csv"), "row,col,amount\n0,0,1\n1,0,-0.5\n").unwrap();
    std::fs::write(d.path().join("biosphere.csv"), "row,col,amount\n0,0,1\n").unwrap();
    std::fs::write(d.path().join("cf.csv"), "flow,category,factor\n0,0,1\n").unwrap();
    std::fs::write(d.path().join("demand.csv"), "process,amount\n0,1\n").unwrap();
    assert_error(&["calc", "--matrices", &d.path().display().to_string()], &["process 1 has no diagonal", "1,1,1"]);
}
