//! CSV quoting that would swallow rows, duplicate columns, duplicate factors and allocation rows:
//! refused with the file and line, by `validate` too.

use super::refused_without_output;
use crate::common::{assert_error, copy_fixture, edit};

#[test]
fn an_unterminated_quote_is_refused() {
    // At the end of the file: the rest would be one field.
    let d = copy_fixture("heijungs_suh");
    edit(
        &d.path().join("exchanges.csv"),
        "fuel_production,so2,output,2,kg,,HS2002",
        "fuel_production,so2,output,2,kg,,\"HS2002",
    );
    let dir = d.path().display().to_string();
    assert_error(&["validate", &dir], &["exchanges.csv:9", "never closed"]);
    // In the middle, closed by a later stray quote: the rows between vanish into one field.
    let d = copy_fixture("heijungs_suh");
    let ex = d.path().join("exchanges.csv");
    edit(&ex, "electricity_production,fuel,input,2,l,,HS2002", "electricity_production,fuel,input,2,l,,\"HS2002");
    edit(&ex, "fuel_production,co2,output,10,kg,,HS2002", "fuel_production,co2,output,10,kg,,HS2002\"");
    let dir = d.path().display().to_string();
    assert_error(&["validate", &dir], &["exchanges.csv:3", "column `source`", "look like rows"]);
    let model = d.path().join("model.toml").display().to_string();
    refused_without_output(d.path(), &["calc", &model], &["exchanges.csv:3"]);
}

#[test]
fn a_multi_line_comment_is_still_read() {
    let d = copy_fixture("heijungs_suh");
    edit(
        &d.path().join("processes.csv"),
        "fuel_production,fuel production,HS2002",
        "fuel_production,\"fuel production,\nwritten over two lines\",HS2002",
    );
    let (code, _, err) = crate::common::run(&["validate", &d.path().display().to_string()]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn a_repeated_column_is_refused() {
    let d = copy_fixture("heijungs_suh");
    edit(
        &d.path().join("exchanges.csv"),
        "process,flow,direction,amount,unit,reference,source",
        "process,flow,direction,amount,unit,reference,amount",
    );
    assert_error(&["validate", &d.path().display().to_string()], &["exchanges.csv:1", "column `amount` appears twice"]);
}

#[test]
fn duplicate_and_conflicting_factors_are_refused() {
    for extra in ["co2,co2,1\n", "co2,co2,2\n"] {
        let d = copy_fixture("heijungs_suh");
        let path = d.path().join("methods.csv");
        let text = std::fs::read_to_string(&path).unwrap();
        std::fs::write(&path, format!("{text}{extra}")).unwrap();
        let word = if extra.ends_with(",1\n") { "a duplicate factor" } else { "a conflicting factor" };
        let model = d.path().join("model.toml").display().to_string();
        refused_without_output(d.path(), &["calc", &model], &["methods.csv:4", word, "methods.csv:2"]);
    }
}

#[test]
fn duplicate_allocation_factors_are_refused() {
    let d = copy_fixture("heijungs_suh");
    let p = d.path();
    edit(&p.join("flows.csv"), "fuel,fuel,product,l,\n", "fuel,fuel,product,l,\nheat,heat,product,MJ,\n");
    edit(
        &p.join("exchanges.csv"),
        "fuel_production,fuel,output,100,l,true,HS2002\n",
        "fuel_production,fuel,output,100,l,true,HS2002\nfuel_production,heat,output,50,MJ,,HS2002\n",
    );
    edit(&p.join("processes.csv"), "id,name,source\n", "id,name,source,allocation\n");
    edit(
        &p.join("processes.csv"),
        "fuel_production,fuel production,HS2002",
        "fuel_production,fuel production,HS2002,physical",
    );
    let alloc = "process,product,method,factor\nfuel_production,fuel,physical,0.8\nfuel_production,heat,physical,0.2\n";
    std::fs::write(p.join("allocation.csv"), alloc).unwrap();
    let (code, _, err) = crate::common::run(&["validate", &p.display().to_string()]);
    assert_eq!(code, 0, "the allocated fixture is valid: {err}");
    std::fs::write(p.join("allocation.csv"), format!("{alloc}fuel_production,heat,physical,0.2\n")).unwrap();
    assert_error(
        &["validate", &p.display().to_string()],
        &["allocation.csv:4", "a second physical allocation factor", "allocation.csv:3"],
    );
}

#[test]
fn a_repeated_scenario_column_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let sc = d.path().join("scenarios.csv");
    std::fs::write(&sc, "scenario,lifetime_years,lifetime_years\nlong,8,10\n").unwrap();
    refused_without_output(
        d.path(),
        &["calc", "datasets/products/kettle.toml", "--scenarios", &sc.display().to_string()],
        &["scenarios.csv:1", "column `lifetime_years` appears twice"],
    );
}
