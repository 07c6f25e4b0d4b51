//! Numbers that overflow: an error naming the input, never inf or NaN in a result with exit 0.

use super::refused_without_output;
use crate::common::{copy_fixture, edit};

#[test]
fn an_amount_that_overflows_after_unit_conversion_is_refused() {
    // 1e306 MWh is 1e309 kWh: beyond f64.
    let d = copy_fixture("heijungs_suh");
    edit(&d.path().join("model.toml"), "amount = 1\n", "amount = 1e306\n");
    let model = d.path().join("model.toml").display().to_string();
    refused_without_output(d.path(), &["calc", &model], &["exchange `electricity`", "inf", "hint:"]);
}

#[test]
fn monte_carlo_draws_that_overflow_are_refused() {
    // A lognormal with a standard deviation of ln x of 690 draws numbers beyond f64: the draw is
    // refused naming the exchange whose formula overflowed.
    let d = copy_fixture("heijungs_suh");
    let model = d.path().join("model.toml");
    edit(&model, "amount = 1\n", "formula = \"mwh\"\n");
    let text = std::fs::read_to_string(&model).unwrap();
    std::fs::write(
        &model,
        format!("{text}\n[parameters]\nmwh = {{ value = 1, uncertainty = {{ distribution = \"lognormal\", gsd = 1e300 }} }}\n"),
    )
    .unwrap();
    let m = model.display().to_string();
    refused_without_output(d.path(), &["mc", &m, "-n", "200"], &["exchange `electricity`", "inf", "hint:"]);
}
