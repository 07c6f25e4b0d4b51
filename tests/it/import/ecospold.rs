//! EcoSpold 2 and EcoSpold 1 import on hand-written data sets (tests/data/import/ecospold2,
//! ecospold1): reference products, waste treatment, activity links, uncertainty and the pedigree
//! matrix, parameters and mathematical relations, allocation, avoided products, and GWP by hand.

use crate::common::import::{close, data, gwp, score, zip_dir};
use greenlca::io::{ImportOptions, NoteKind, SourceFormat, import_any, import_ecospold1, import_ecospold2};
use greenlca::matrix::UnlinkedPolicy;
use greenlca::model::{AllocationMethod, Direction, Distribution, FlowKind, Scope};

const ELEC: &str = "a1000000-0000-4000-8000-000000000001";
const MINE: &str = "a2000000-0000-4000-8000-000000000002";
const SPOIL: &str = "a3000000-0000-4000-8000-000000000003";

#[test]
fn ecospold2_activities_exchanges_and_links() {
    let imp = import_ecospold2(&data("ecospold2"), &ImportOptions::default()).unwrap();
    assert_eq!(imp.format, SourceFormat::EcoSpold2);
    let db = &imp.database;
    assert_eq!(db.processes.len(), 3);
    let elec = db.process(ELEC).unwrap();
    assert_eq!(elec.name, "electricity production, hard coal");
    assert_eq!(elec.location.as_deref(), Some("CN"));
    assert!(elec.category.as_deref().unwrap().starts_with("3510"));
    let coal = elec.exchanges.iter().find(|e| e.flow == "p-hard-coal").unwrap();
    assert_eq!(coal.direction, Direction::Input);
    assert_eq!(coal.provider.as_deref(), Some(MINE));
    // variableName + mathematicalRelation: a process parameter and a formula exchange.
    assert_eq!(coal.formula.as_deref(), Some("coal_use"));
    close(coal.amount, 0.152 / 0.38, 1e-15);
    let p = db.parameters.iter().find(|p| p.name == "coal_use").unwrap();
    assert_eq!(p.scope, Scope::Process(ELEC.into()));
    let eff = db.parameters.iter().find(|p| p.name == "efficiency").unwrap();
    assert_eq!(eff.uncertainty, Some(Distribution::Triangular { min: 0.35, mode: 0.38, max: 0.42 }));
    let ch4 = elec.exchanges.iter().find(|e| e.flow == "e-ch4-fossil").unwrap();
    close(ch4.amount, 0.4 * 0.005, 1e-12);
    // Elementary flows keep compartments; the resource is an input.
    let water = db.flow("e-water-cooling").unwrap();
    assert_eq!(water.compartment.as_deref(), Some("natural resource"));
    assert_eq!(water.subcompartment.as_deref(), Some("in water"));
    assert_eq!(db.flow("e-co2-fossil").unwrap().cas.as_deref(), Some("124-38-9"));
    // The treatment's negative reference output is the waste it takes in.
    assert_eq!(db.flow("w-spoil").unwrap().kind, FlowKind::Waste);
    let t = db.process(SPOIL).unwrap().exchanges.iter().find(|e| e.is_reference).unwrap().clone();
    assert_eq!((t.direction, t.amount), (Direction::Input, 1.0));
    // The by-product of amount 0 is left out with a note.
    assert!(db.process(MINE).unwrap().exchanges.iter().all(|e| e.flow != "p-coal-tailings-product"));
    assert_eq!(imp.count(NoteKind::ZeroExchangeLeftOut), 1);
}

#[test]
fn ecospold2_uncertainty_and_pedigree() {
    let db = import_ecospold2(&data("ecospold2"), &ImportOptions::default()).unwrap().database;
    let elec = db.process(ELEC).unwrap();
    let co2 = elec.exchanges.iter().find(|e| e.flow == "e-co2-fossil").unwrap();
    assert_eq!(co2.pedigree, Some([1, 2, 1, 1, 3]));
    match co2.uncertainty {
        Some(Distribution::Lognormal { mu, sigma }) => {
            close(mu, 0.9f64.ln(), 1e-12);
            // Basic variance 0.0006 widened by the pedigree: 0.0006 + 0.0001 + 0.008.
            close(sigma, (0.0006f64 + greenlca::model::added_variance([1, 2, 1, 1, 3])).sqrt(), 1e-12);
            close(sigma * sigma, 0.0087, 1e-12);
        }
        ref other => panic!("{other:?}"),
    }
    let mine = db.process(MINE).unwrap();
    let d = |f: &str| mine.exchanges.iter().find(|e| e.flow == f).unwrap().clone();
    assert_eq!(
        d("e-co2-fossil").uncertainty,
        Some(Distribution::Normal { mean: 0.05, sd: 0.005, min: None, max: None })
    );
    let ch4 = d("e-ch4-fossil");
    assert_eq!((ch4.amount, ch4.unit.as_str()), (4.0, "g"));
    assert_eq!(ch4.uncertainty, Some(Distribution::Triangular { min: 3.0, mode: 4.0, max: 6.0 }));
    let spoil = db.process(SPOIL).unwrap();
    assert_eq!(spoil.exchanges[1].uncertainty, Some(Distribution::Uniform { min: 0.0005, max: 0.002 }));
}

#[test]
fn ecospold2_gwp_by_hand_from_a_zip() {
    let zip = zip_dir(&data("ecospold2"), "datasets/");
    let imp = import_any(zip.path(), &ImportOptions::default()).unwrap();
    assert_eq!(imp.format, SourceFormat::EcoSpold2);
    let s = gwp(&imp.database, UnlinkedPolicy::Error);
    let treat = 0.001;
    close(score(&s, SPOIL), treat, 1e-12);
    // 0.05 kg CO2 + 4 g CH4 + treatment of 0.5 kg spoil.
    let coal = 0.05 + 0.004 * 29.8 + 0.5 * treat;
    close(score(&s, MINE), coal, 1e-12);
    // 0.9 kg CO2 + 0.002 kg CH4 + 0.4 kg of coal + treatment of 0.01 kg spoil, written as a
    // negative input (ecoinvent's convention); the cooling water has no GWP.
    close(score(&s, ELEC), 0.9 + 0.002 * 29.8 + 0.4 * coal + 0.01 * treat, 1e-12);
}

#[test]
fn ecospold1_datasets_links_allocation_avoided_and_uncertainty() {
    let imp = import_ecospold1(&data("ecospold1/farm_and_energy.xml"), &ImportOptions::default()).unwrap();
    assert_eq!(imp.format, SourceFormat::EcoSpold1);
    let db = &imp.database;
    let ids: Vec<&str> = db.processes.iter().map(|p| p.id.as_str()).collect();
    assert_eq!(
        ids,
        ["electricity_at_grid_us", "natural_gas_burned_in_power_plant_us", "milk_at_farm_us", "biogas_from_manure_us"]
    );
    let grid = db.process("electricity_at_grid_us").unwrap();
    let gas = &grid.exchanges[1];
    assert_eq!(gas.provider.as_deref(), Some("natural_gas_burned_in_power_plant_us"));
    // Lognormal: SD95 = GSD^2 = 1.21, so sigma = ln 1.1.
    assert_eq!(gas.uncertainty, Some(Distribution::Lognormal { mu: 3.6f64.ln(), sigma: 1.21f64.ln() / 2.0 }));
    let co2 = db.flow(&grid.exchanges[2].flow).unwrap();
    assert_eq!(
        (co2.compartment.as_deref(), co2.subcompartment.as_deref()),
        (Some("air"), Some("low population density"))
    );
    let ng = db.process("natural_gas_burned_in_power_plant_us").unwrap();
    assert_eq!(
        ng.exchanges[1].uncertainty,
        Some(Distribution::Normal { mean: 0.056, sd: 0.0028, min: None, max: None })
    );
    assert_eq!(ng.exchanges[2].uncertainty, Some(Distribution::Triangular { min: 0.00005, mode: 0.0001, max: 0.0002 }));
    let milk = db.process("milk_at_farm_us").unwrap();
    assert_eq!(milk.allocation, AllocationMethod::Causal);
    assert_eq!(milk.allocation_factors.len(), 4);
    assert_eq!(milk.exchanges[3].uncertainty, Some(Distribution::Uniform { min: 0.015, max: 0.025 }));
    let biogas = db.process("biogas_from_manure_us").unwrap();
    let avoided = &biogas.exchanges[1];
    assert!(avoided.avoided && avoided.direction == Direction::Output);
    assert_eq!(avoided.provider.as_deref(), Some("natural_gas_burned_in_power_plant_us"));
}

#[test]
fn ecospold1_gwp_by_hand() {
    let db = import_ecospold1(&data("ecospold1"), &ImportOptions::default()).unwrap().database;
    let s = gwp(&db, UnlinkedPolicy::Error);
    let ng = 0.056 + 0.0001 * 29.8;
    close(score(&s, "natural_gas_burned_in_power_plant_us"), ng, 1e-12);
    let el = 0.02 + 3.6 * ng;
    close(score(&s, "electricity_at_grid_us"), el, 1e-12);
    // Causal allocation 90 / 10 of 0.1 kWh and 0.02 kg CH4 between 1 kg milk and 50 g meat.
    let farm = 0.1 * el + 0.02 * 29.8;
    close(score(&s, "milk_at_farm_us|milk_at_farm"), 0.9 * farm, 1e-12);
    close(score(&s, "milk_at_farm_us|meat_cattle_at_farm"), 0.1 * farm / 50.0, 1e-12);
    // Biogas credits the natural gas it displaces.
    close(score(&s, "biogas_from_manure_us"), 0.001 * 29.8 - ng, 1e-12);
}
