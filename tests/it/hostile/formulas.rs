//! A valid model with a chain of 20,000 parameter formulas: evaluated without overflowing the
//! stack (the dependency walk keeps its own stack).

use super::{calc_json, total};
use crate::common::{assert_close, copy_fixture};

#[test]
fn a_long_chain_of_formulas_is_evaluated() {
    let d = copy_fixture("heijungs_suh");
    let path = d.path().join("model.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    // a00000 = a00001 + 0, ..., a19999 = a20000 + 0, a20000 = 1: the walk starts at a00000 (the
    // first name) and goes 20,000 deep. The exchange amount is a00000 = 1 MWh, so the result is
    // the textbook one: CO2 = 120 kg.
    let n = 20_000;
    let mut params = String::from("[parameters]\n");
    for i in 0..n {
        params.push_str(&format!("a{i:05} = {{ formula = \"a{:05} + 0\" }}\n", i + 1));
    }
    params.push_str(&format!("a{n:05} = 1\n"));
    let text = text.replace("amount = 1\n", "formula = \"a00000\"\n");
    std::fs::write(&path, format!("{text}\n{params}")).unwrap();
    assert_close(total(&calc_json(&path.display().to_string()), "co2"), 120.0, 1e-12);
}
