//! An elementary exchange against its flow's own direction counts negative (docs/formats.md,
//! "Sign convention"), as openLCA nets inputs and outputs of one flow.

use super::{calc_json, total};
use crate::common::{assert_close, copy_fixture, edit};

#[test]
fn an_uptake_of_an_emitted_gas_lowers_the_inventory() {
    // Heijungs and Suh: 1000 kWh run electricity production 100 times and fuel production twice;
    // CO2 = 100 * 1 + 2 * 10 = 120 kg. Fuel production now also takes up 5 kg of CO2 from the air:
    // 120 - 2 * 5 = 110 kg (before the rule, the uptake was added: 130).
    let d = copy_fixture("heijungs_suh");
    let model = d.path().join("model.toml").display().to_string();
    assert_close(total(&calc_json(&model), "co2"), 120.0, 1e-12);
    edit(
        &d.path().join("exchanges.csv"),
        "fuel_production,co2,output,10,kg,,HS2002\n",
        "fuel_production,co2,output,10,kg,,HS2002\nfuel_production,co2,input,5,kg,,HS2002\n",
    );
    assert_close(total(&calc_json(&model), "co2"), 110.0, 1e-12);
}

#[test]
fn a_resource_given_back_counts_negative_and_one_only_taken_stays_positive() {
    // crude_oil is a natural resource: taken (input) it counts +; given back (output) it counts -.
    // so2 lives in `water` here and is never emitted: its own direction is input, so an input of
    // it stays positive (USLCI's water withdrawals filed under `water/...`).
    let d = copy_fixture("heijungs_suh");
    let model = d.path().join("model.toml").display().to_string();
    edit(&d.path().join("flows.csv"), "so2,SO2,elementary,kg,air", "so2,SO2,elementary,kg,water");
    edit(
        &d.path().join("exchanges.csv"),
        "electricity_production,so2,output,0.1",
        "electricity_production,so2,input,0.1",
    );
    edit(&d.path().join("exchanges.csv"), "fuel_production,so2,output,2", "fuel_production,so2,input,2");
    // SO2 = 100 * 0.1 + 2 * 2 = 14, positive although both are inputs.
    assert_close(total(&calc_json(&model), "so2"), 14.0, 1e-12);
    // Now one of them is an output: the flow is emitted, so the input counts negative:
    // 100 * 0.1 - 2 * 2 = 6.
    edit(
        &d.path().join("exchanges.csv"),
        "electricity_production,so2,input,0.1",
        "electricity_production,so2,output,0.1",
    );
    assert_close(total(&calc_json(&model), "so2"), 6.0, 1e-12);
}
