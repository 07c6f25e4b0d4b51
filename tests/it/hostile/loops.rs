//! Non-productive loops and zero diagonals: refused, never solved into negative impacts.

use super::{calc_json, refused_without_output, total};
use crate::common::{assert_close, copy_fixture, edit};

/// Heijungs and Suh with fuel production taking `kwh` of electricity per 100 l of fuel.
fn with_loop(kwh: &str) -> tempfile::TempDir {
    let d = copy_fixture("heijungs_suh");
    edit(
        &d.path().join("exchanges.csv"),
        "fuel_production,crude_oil,input,50,l,,HS2002\n",
        &format!("fuel_production,crude_oil,input,50,l,,HS2002\nfuel_production,electricity,input,{kwh},kWh,,HS2002\n"),
    );
    d
}

#[test]
fn a_productive_loop_is_solved() {
    // 10 s_e - 100 s_f = 1000 and -2 s_e + 100 s_f = 0: s_e = 125, s_f = 2.5;
    // CO2 = 125 * 1 + 2.5 * 10 = 150 kg.
    let d = with_loop("100");
    assert_close(total(&calc_json(&d.path().join("model.toml").display().to_string()), "co2"), 150.0, 1e-12);
}

#[test]
fn a_loop_that_consumes_more_than_it_makes_is_refused() {
    // 600 kWh per 100 l: a kWh needs 0.2 l, which needs 1.2 kWh. LU gives s_e = -500 and
    // negative emissions; greenlca names the loop instead.
    let d = with_loop("600");
    let model = d.path().join("model.toml").display().to_string();
    for cmd in ["calc", "contrib"] {
        refused_without_output(
            d.path(),
            &[cmd, &model],
            &["not productive", "`electricity_production`", "`fuel_production`", "hint:"],
        );
    }
}

#[test]
fn a_zero_diagonal_from_self_use_is_refused() {
    // The process uses as much electricity as it makes: its diagonal sums to zero.
    let d = copy_fixture("heijungs_suh");
    edit(
        &d.path().join("exchanges.csv"),
        "electricity_production,fuel,input,2,l,,HS2002\n",
        "electricity_production,fuel,input,2,l,,HS2002\nelectricity_production,electricity,input,10,kWh,,HS2002\n",
    );
    let model = d.path().join("model.toml").display().to_string();
    refused_without_output(
        d.path(),
        &["calc", &model],
        &["processes.csv", "`electricity_production`", "zero diagonal"],
    );
}
