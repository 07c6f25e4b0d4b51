//! openLCA JSON-LD import on hand-written exports (tests/data/import/jsonld_v1, jsonld_v2):
//! unit and flow-property conversion, allocation, avoided products, providers, formulas,
//! parameters, uncertainty, and the GWP of every process checked by hand.

use crate::common::copy_dir;
use crate::common::import::{close, data, gwp, score, zip_dir};
use greenlca::io::{ImportOptions, NoteKind, SourceFormat, import_jsonld, read_any, read_jsonld};
use greenlca::matrix::UnlinkedPolicy;
use greenlca::model::{AllocationMethod, Direction, Distribution, FlowKind, Scope};

#[test]
fn v1_structure_units_and_conversions() {
    let imp = import_jsonld(&data("jsonld_v1"), &ImportOptions::default()).unwrap();
    assert_eq!(imp.format, SourceFormat::JsonLd { schema: 1 });
    let db = &imp.database;
    assert_eq!(db.processes.len(), 4);
    assert_eq!(db.flows.len(), 7);
    let co2 = db.flow("f-co2").unwrap();
    // Trailing space trimmed, compartment from the category path, CAS kept.
    assert_eq!(co2.name, "Carbon dioxide, fossil");
    assert_eq!((co2.compartment.as_deref(), co2.subcompartment.as_deref()), (Some("air"), Some("unspecified")));
    assert_eq!(co2.cas.as_deref(), Some("000124-38-9"));
    assert_eq!(db.flow("f-scrap").unwrap().kind, FlowKind::Waste);
    assert_eq!(db.flow("f-elec").unwrap().unit, "MJ");

    let steel = db.process("p-steel").unwrap();
    assert_eq!(steel.location.as_deref(), Some("US"));
    assert_eq!(steel.category.as_deref(), Some("Metals"));
    let ex = |flow: &str| steel.exchanges.iter().find(|e| e.flow == flow).unwrap();
    // 1 t of steel -> 1000 kg; 500 kWh -> 1800 MJ; 5000 MJ of coal (energy property, 25 MJ/kg) -> 200 kg.
    assert_eq!((ex("f-steel").amount, ex("f-steel").unit.as_str()), (1000.0, "kg"));
    assert!(ex("f-steel").is_reference);
    assert_eq!(ex("f-elec").amount, 1800.0);
    assert_eq!(ex("f-elec").direction, Direction::Input);
    assert_eq!((ex("f-coal").amount, ex("f-coal").unit.as_str()), (200.0, "kg"));
    // 1.8 t CO2 with normal(1.8, 0.09) t -> 1800 kg with normal(1800, 90) kg.
    assert_eq!(ex("f-co2").amount, 1800.0);
    match ex("f-co2").uncertainty {
        Some(Distribution::Normal { mean, sd, .. }) => {
            close(mean, 1800.0, 1e-12);
            close(sd, 90.0, 1e-12);
        }
        other => panic!("{other:?}"),
    }
    assert_eq!(steel.allocation, AllocationMethod::Physical);
    assert_eq!(steel.allocation_factors.len(), 4);
}

#[test]
fn v1_formulas_parameters_and_uncertainty() {
    let db = read_jsonld(&data("jsonld_v1")).unwrap();
    let elec = db.process("p-elec").unwrap();
    let coal = elec.exchanges.iter().find(|e| e.flow == "f-coal").unwrap();
    // Case-insensitive names: `coal_per_MJ * (1 + GRID_LOSS)` over coal_per_mj and the global grid_loss.
    assert_eq!(coal.formula.as_deref(), Some("(coal_per_mj*(1+grid_loss))"));
    close(coal.amount, 0.05, 1e-15);
    // A formula in g becomes a formula in kg; IF(...; ...; ...) is translated and evaluated.
    let co2 = elec.exchanges.iter().find(|e| e.flow == "f-co2").unwrap();
    assert_eq!(co2.unit, "kg");
    close(co2.amount, 0.1, 1e-15);
    assert!(co2.formula.as_deref().unwrap().starts_with("(0.001)*"), "{:?}", co2.formula);
    let p = db.parameters.iter().find(|p| p.name == "coal_per_mj").unwrap();
    assert_eq!(p.scope, Scope::Process("p-elec".into()));
    assert_eq!(p.uncertainty, Some(Distribution::Normal { mean: 0.04, sd: 0.002, min: None, max: None }));
    let g = db.parameters.iter().find(|p| p.name == "grid_loss").unwrap();
    assert_eq!((g.scope.clone(), g.value), (Scope::Global, Some(0.25)));

    let mine = db.process("p-coal").unwrap();
    let dist = |flow: &str| mine.exchanges.iter().find(|e| e.flow == flow).unwrap().uncertainty;
    assert_eq!(dist("f-ch4"), Some(Distribution::Triangular { min: 0.001, mode: 0.002, max: 0.004 }));
    assert_eq!(dist("f-co2"), Some(Distribution::Lognormal { mu: 0.01f64.ln(), sigma: 1.5f64.ln() }));
    let rec = db.process("p-recycling").unwrap();
    let co2 = rec.exchanges.iter().find(|e| e.flow == "f-co2").unwrap();
    assert_eq!(co2.uncertainty, Some(Distribution::Uniform { min: 0.04, max: 0.06 }));
}

#[test]
fn v1_waste_treatment_and_avoided_product() {
    let db = read_jsonld(&data("jsonld_v1")).unwrap();
    let rec = db.process("p-recycling").unwrap();
    let r = rec.exchanges.iter().find(|e| e.is_reference).unwrap();
    assert_eq!((r.flow.as_str(), r.direction), ("f-scrap", Direction::Input));
    let avoided = rec.exchanges.iter().find(|e| e.flow == "f-steel").unwrap();
    assert!(avoided.avoided);
    assert_eq!(avoided.direction, Direction::Output);
    assert_eq!(avoided.provider.as_deref(), Some("p-steel"));
}

#[test]
fn v1_gwp_of_every_process_by_hand() {
    let db = read_jsonld(&data("jsonld_v1")).unwrap();
    let s = gwp(&db, UnlinkedPolicy::Error);
    // Coal: 0.01 kg CO2 + 0.002 kg CH4 x 29.8.
    let coal = 0.01 + 0.002 * 29.8;
    close(score(&s, "p-coal"), coal, 1e-12);
    // Electricity: 0.1 kg CO2 + 0.05 kg coal.
    let elec = 0.1 + 0.05 * coal;
    close(score(&s, "p-elec"), elec, 1e-12);
    // Steel, physical allocation 0.9 / 0.1 of 1800 MJ electricity, 200 kg coal, 1800 kg CO2.
    let burden = 1800.0 + 1800.0 * elec + 200.0 * coal;
    close(score(&s, "p-steel|f-steel"), 0.9 * burden / 1000.0, 1e-12);
    close(score(&s, "p-steel|f-slag"), 0.1 * burden / 200.0, 1e-12);
    // Recycling 1 kg of scrap: its own burdens minus 0.8 kg of primary steel avoided.
    let rec = 0.05 + 0.3 * elec - 0.8 * (0.9 * burden / 1000.0);
    close(score(&s, "p-recycling"), rec, 1e-12);
}

#[test]
fn v2_keys_paths_causal_allocation_and_providers() {
    let zip = zip_dir(&data("jsonld_v2"), "export/");
    for path in [data("jsonld_v2"), zip.path().to_path_buf()] {
        let imp = import_jsonld(&path, &ImportOptions::default()).unwrap();
        assert_eq!(imp.format, SourceFormat::JsonLd { schema: 2 });
        let db = &imp.database;
        let saw = db.process("p-sawmill").unwrap();
        assert_eq!(saw.allocation, AllocationMethod::Causal);
        assert_eq!(saw.location.as_deref(), Some("SE"));
        assert_eq!(saw.category.as_deref(), Some("Wood/Sawmills"));
        let causal: Vec<_> = saw.allocation_factors.iter().filter(|f| f.method == AllocationMethod::Causal).collect();
        assert_eq!(causal.len(), 4);
        assert!(
            causal
                .iter()
                .any(|f| f.product == "f-wood" && f.exchange_flow.as_deref() == Some("f-heat") && f.factor == 0.7)
        );
        let heat = saw.exchanges.iter().find(|e| e.flow == "f-heat").unwrap();
        assert_eq!(heat.provider.as_deref(), Some("p-heat-wood"));
        let sawdust = saw.exchanges.iter().find(|e| e.flow == "f-sawdust").unwrap();
        assert_eq!((sawdust.amount, sawdust.unit.as_str()), (0.5, "kg"));
        // Reference of 1 kWh -> 3.6 MJ.
        let hw = db.process("p-heat-wood").unwrap();
        assert_eq!(hw.exchanges.iter().find(|e| e.is_reference).unwrap().amount, 3.6);
        let gas = db.process("p-heat-gas").unwrap();
        let co2 = &gas.exchanges[1];
        assert_eq!((co2.amount, co2.unit.as_str()), (0.056, "kg"));
        match co2.uncertainty {
            Some(Distribution::Lognormal { mu, sigma }) => {
                close(mu, 0.056f64.ln(), 1e-12);
                close(sigma, 1.05f64.ln(), 1e-12);
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(db.flow("f-co2").unwrap().compartment.as_deref(), Some("air"));
    }
}

#[test]
fn v2_gwp_with_a_loop_and_two_heat_producers() {
    let db = read_jsonld(&data("jsonld_v2")).unwrap();
    let s = gwp(&db, UnlinkedPolicy::Error);
    // Heat from sawdust (h, per MJ) and sawdust (d, per kg) form a loop:
    // h = 0.08 d (biogenic CO2 counts 0); d = (0.1 x 0.4 + 2 x 0.3 h) / 0.5 = 0.08 + 1.2 h.
    let h = 0.0064 / 0.904;
    let d = 0.08 + 1.2 * h;
    close(score(&s, "p-heat-wood"), h, 1e-12);
    close(score(&s, "p-sawmill|f-sawdust"), d, 1e-12);
    // Sawn wood: 0.6 of 0.1 kg CO2 and 0.7 of 2 MJ of heat from the named provider (not gas).
    close(score(&s, "p-sawmill|f-wood"), 0.06 + 1.4 * h, 1e-12);
    close(score(&s, "p-heat-gas"), 0.056, 1e-12);
}

#[test]
fn read_any_finds_jsonld_in_zips_with_a_folder_prefix() {
    let zip = zip_dir(&data("jsonld_v1"), "uslci_like/");
    let db = read_any(zip.path()).unwrap();
    assert_eq!(db.processes.len(), 4);
    assert_eq!(db.meta.origin_format.as_deref(), Some("openLCA JSON-LD (schema v1)"));
}

#[test]
fn notes_record_what_was_changed() {
    // A triangle with its bounds swapped is repaired; a lognormal with geomSd 0 is left out.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&data("jsonld_v1"), dir.path());
    let p = dir.path().join("processes/p-coal.json");
    let text = std::fs::read_to_string(&p)
        .unwrap()
        .replace("\"minimum\": 0.001", "\"minimum\": 0.004x")
        .replace("\"maximum\": 0.004", "\"maximum\": 0.001")
        .replace("0.004x", "0.004")
        .replace("\"geomSd\": 1.5", "\"geomSd\": 0.0");
    std::fs::write(&p, text).unwrap();
    let imp = import_jsonld(dir.path(), &ImportOptions::default()).unwrap();
    assert_eq!(imp.count(NoteKind::UncertaintyRepaired), 1);
    assert_eq!(imp.count(NoteKind::UncertaintyDropped), 1);
    let n = imp.notes.iter().find(|n| n.kind == NoteKind::UncertaintyDropped).unwrap();
    assert!(n.at.to_string().contains("p-coal.json") && n.message.contains("below 1"), "{n:?}");
}
