//! A variant's `set` is held to the parameter's declared range, as `--set` is.

use super::refused_without_output;
use crate::common::{copy_dir, copy_fixture, edit, root};

#[test]
fn a_variant_set_outside_the_declared_range_is_refused() {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&root().join("datasets"), d.path());
    let model = d.path().join("products/kettle.toml");
    // lifetime_years is declared in [2, 8]; `--set lifetime_years=12` is refused, and so is now
    // a variant that sets it to 12.
    edit(&model, "set = { lifetime_years = 6 }", "set = { lifetime_years = 12 }");
    let m = model.display().to_string();
    refused_without_output(
        d.path(),
        &["calc", &m, "--variant", "long_life"],
        &["kettle.toml", "`lifetime_years` = 12 is outside its range [2, 8]"],
    );
    refused_without_output(
        d.path(),
        &["calc", &root().join("datasets/products/kettle.toml").display().to_string(), "--set", "lifetime_years=12"],
        &["`lifetime_years` = 12 is outside its range [2, 8]"],
    );
}

#[test]
fn an_unknown_product_unit_is_refused() {
    let d = copy_fixture("heijungs_suh");
    let model = d.path().join("model.toml");
    edit(&model, "unit = \"kWh\"", "unit = \"kWhh\"");
    let m = model.display().to_string();
    refused_without_output(d.path(), &["calc", &m], &["model.toml", "[product] unit", "unknown unit `kWhh`"]);
}

#[test]
fn evidence_for_an_unknown_requirement_is_refused() {
    let d = tempfile::tempdir().unwrap();
    copy_dir(&root().join("datasets"), d.path());
    let evidence = d.path().join("products/kettle-evidence.toml");
    edit(&evidence, "[requirements.B2]", "[requirements.B22]");
    let m = d.path().join("products/kettle.toml").display().to_string();
    refused_without_output(
        d.path(),
        &["check", &m],
        &["kettle-evidence.toml", "requirement `B22`", "does not have", "`B2`"],
    );
}
