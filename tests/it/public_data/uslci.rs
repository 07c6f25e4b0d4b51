//! USLCI FY17 Q4 (openLCA JSON-LD, schema v1) end to end: the counts of the data README, the
//! linking report, GWP100 of every process, hand-checked processes, and how well its elementary
//! flows match an IPCC AR6 method written with ecoinvent-style names and CAS numbers.
//! Reads ../shared/data; skips with a message when it is absent (fails under
//! GREENLCA_REQUIRE_SHARED_DATA=1).

use crate::common;

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::common::import::{close, data, gwp, score};
use greenlca::io::read_method;
use greenlca::io::{ImportOptions, Imported, NoteKind, import_any};
use greenlca::matrix::{UnlinkedPolicy, build_system, characterize};
use greenlca::model::{Direction, FlowKind};

const ZIP: &str = "data/uslci-fy17q4/uslci_fy17_q4_olca1.5_json_ld.zip";

/// Imported once for all tests of this file (they run in parallel threads).
fn uslci() -> Option<&'static Imported> {
    static USLCI: OnceLock<Option<Imported>> = OnceLock::new();
    USLCI.get_or_init(|| common::shared(ZIP).map(|p| import_any(&p, &ImportOptions::default()).unwrap())).as_ref()
}

#[test]
fn counts_match_the_data_readme() {
    let Some(imp) = uslci() else { return };
    let db = &imp.database;
    assert_eq!(db.processes.len(), 766);
    let kind = |k: FlowKind| db.flows.iter().filter(|f| f.kind == k).count();
    assert_eq!(
        (db.flows.len(), kind(FlowKind::Elementary), kind(FlowKind::Product), kind(FlowKind::Waste)),
        (4601, 2918, 1659, 24)
    );
    assert_eq!(imp.exchanges_read, 32_526);
    // Co-products of processes without allocation are left out, each with a note.
    let left_out = imp.count(NoteKind::CoproductLeftOut);
    assert_eq!(db.processes.iter().map(|p| p.exchanges.len()).sum::<usize>(), 32_526 - left_out);
    assert_eq!(left_out, 256);
    let product_inputs = db
        .processes
        .iter()
        .flat_map(|p| &p.exchanges)
        .filter(|e| e.direction == Direction::Input && db.flow(&e.flow).is_some_and(|f| f.kind == FlowKind::Product))
        .count();
    assert_eq!(product_inputs, 6480);

    let system = build_system(db, UnlinkedPolicy::Cutoff).unwrap();
    let unlinked_inputs = system
        .links
        .unlinked
        .iter()
        .filter(|u| {
            db.flow(&u.flow).is_some_and(|f| f.kind == FlowKind::Product)
                && db
                    .process(&u.process)
                    .is_some_and(|p| p.exchanges.iter().any(|e| e.flow == u.flow && e.direction == Direction::Input))
        })
        .count();
    assert_eq!(unlinked_inputs, 2755);
    assert_eq!(system.links.unlinked.len() - unlinked_inputs, 74, "waste outputs without a treatment");
    // Two products have two producers each; the rule picks one and reports every such link.
    let mut producers: std::collections::HashMap<&str, usize> = Default::default();
    for c in &system.columns {
        *producers.entry(c.product.as_deref().unwrap()).or_default() += 1;
    }
    let several: BTreeSet<&str> = producers.iter().filter(|(_, n)| **n > 1).map(|(f, _)| *f).collect();
    assert_eq!(several.len(), 2);
    let reported: BTreeSet<&str> = system.links.ambiguous.iter().map(|a| a.flow.as_str()).collect();
    assert!(reported.is_subset(&several) && !reported.is_empty());
    // Under the default policy the unlinked inputs are refused, each named.
    let e = build_system(db, UnlinkedPolicy::Error).unwrap_err();
    assert!(e.to_string().contains("has no provider in the database"), "{e}");
}

#[test]
fn gwp100_of_every_process_and_hand_checked_processes() {
    let Some(imp) = uslci() else { return };
    let s = gwp(&imp.database, UnlinkedPolicy::Cutoff);
    assert_eq!(s.columns.len(), 766);
    assert!(s.total[0].iter().all(|v| v.is_finite()));
    // Direct emissions only (its gasoline input has no producer in USLCI and is cut off):
    // 0.061826 kg CO2 + 8.8995e-6 kg CH4 (fossil, 29.8) + 1.7964e-6 kg N2O (273), per t*km.
    close(score(&s, "463d05c9-8c19-3030-8b9f-380c098f5116"), 0.061826 + 8.8995e-6 * 29.8 + 1.7964e-6 * 273.0, 1e-12);
    // Reference of 1 l, stored per m3 of LPG: (1.724 CO2 + 2.6025e-5 CH4 (unspecified, 27.9) + 1.1711e-4 N2O) / 0.001.
    close(
        score(&s, "d549cd32-3e84-327e-86e8-452772ff7c56"),
        (1.724 + 2.6025e-5 * 27.9 + 1.1711e-4 * 273.0) / 0.001,
        1e-12,
    );
    // Amounts from formulas: methane = cmm_vent + flare_CH4 = 0.00858 - 0 + 0; CO2 = flare_CO2 = 0.
    close(score(&s, "77c9afda-47ba-4e8b-8035-1d627ea8cdcd"), 0.00858 * 29.8, 1e-12);
    // A mix of two processes with direct emissions only: 0.52 kg secondary + 0.48 kg primary ingot.
    // Gases the method names (FC-14, HFC-143, CFC-11/13/114, HCFC-124, Halon 1301, HFC-245fa are
    // spelled differently in USLCI or absent from the method, and count 0).
    let secondary = (634.39
        + 1.0617 * 29.8
        + 0.0064891 * 273.0
        + 2.3869e-10 * 25200.0
        + 7.4406e-9 * 1530.0
        + 0.0001498 * 12400.0
        + 2.023e-14 * 12500.0
        + 8.268e-8 * 14600.0
        + 1.8097e-9 * 771.0
        + 1.2065e-8 * 3740.0
        + 2.9042e-9 * 1960.0)
        / 1000.0;
    let primary = 7.8747
        + 0.013279 * 29.8
        + 9.9903e-5 * 273.0
        + 5.8261e-13 * 25200.0
        + 4.8605e-11 * 1530.0
        + 1.0648e-5 * 12400.0
        + 3.3257e-16 * 12500.0
        + 5.3947e-10 * 14600.0
        + 1.1806e-11 * 771.0
        + 7.8706e-11 * 3740.0
        + 1.7575e-11 * 1960.0;
    close(score(&s, "bcc68f88-debb-3fc3-93ee-5ceadcef0b14"), secondary, 1e-12);
    close(score(&s, "99963138-ddf9-3b32-9e93-69593d76cb08"), primary, 1e-12);
    close(score(&s, "a8eb9a6a-e8e6-3da6-a3ab-20dcf68e883a"), 0.52 * secondary + 0.48 * primary, 1e-12);
}

/// True for the name of a greenhouse gas of IPCC AR6 (CO2, CH4, N2O, halocarbons, SF6, NF3).
fn is_ghg(name: &str) -> bool {
    let n = name.to_lowercase();
    let starts =
        |w: &str| n.strip_prefix(w).is_some_and(|r| r.is_empty() || !r.starts_with(|c: char| c.is_alphanumeric()));
    let words: Vec<&str> = n.split(|c: char| !c.is_alphanumeric()).collect();
    let code = |w: &&str| ["hfc", "hcfc", "cfc", "cfcs", "hfcs", "hcfcs", "pfc", "fc", "halon", "hcc", "r"].contains(w);
    starts("carbon dioxide")
        || starts("methane")
        || starts("dinitrogen monoxide")
        || starts("nitrous oxide")
        || words.iter().any(code)
        || ["sulfur hexafluoride", "nitrogen trifluoride", "fluoro"].iter().any(|w| n.contains(w))
}

#[test]
fn match_rate_of_greenhouse_gases() {
    let Some(imp) = uslci() else { return };
    let db = &imp.database;
    let system = build_system(db, UnlinkedPolicy::Cutoff).unwrap();
    let method = read_method(&data("ipcc_ar6_gwp100.toml")).unwrap();
    let ch = characterize(&system.flows, &[method], &db.units).unwrap();
    let unmatched: BTreeSet<&str> = ch.unmatched_flows.iter().map(String::as_str).collect();
    let ghg: Vec<_> = system.flows.iter().filter(|f| f.compartment.starts_with("air") && is_ghg(&f.name)).collect();
    let missing: Vec<_> = ghg.iter().filter(|f| unmatched.contains(f.id.as_str())).collect();
    let matched = ghg.len() - missing.len();
    println!(
        "USLCI greenhouse-gas flows to air: {} of {} matched by name/CAS ({:.1} %); elementary flows matched overall: {} of {}",
        matched,
        ghg.len(),
        100.0 * matched as f64 / ghg.len() as f64,
        system.m() - unmatched.len(),
        system.m()
    );
    let names: BTreeSet<&str> = missing.iter().map(|f| f.name.as_str()).collect();
    println!("unmatched greenhouse gases ({} flows, {} names):", missing.len(), names.len());
    for n in &names {
        println!("  {n}");
    }
    // The main gases match in every air sub-compartment USLCI uses.
    for name in ["Carbon dioxide, fossil", "Methane, fossil", "Dinitrogen monoxide", "Sulfur hexafluoride"] {
        assert!(ghg.iter().any(|f| f.name == name), "{name}");
        assert!(!names.contains(name), "{name} should match");
    }
    // Gases of the AR6 core table that USLCI spells differently (GaBi-style names, `FC-14` and
    // `CFC-14` for CF4, a misspelt HCFC-22): a flow mapping, not the method, has to bridge these.
    let core_elsewhere: Vec<&str> = names
        .iter()
        .copied()
        .filter(|n| {
            n.contains(" [")
                || n.contains("laughing gas")
                || n.starts_with("Methane, tetrafluoro-")
                || n.contains("HCFC-22")
        })
        .collect();
    println!("of which AR6 core gases under other names: {core_elsewhere:?}");
    assert_eq!(core_elsewhere.len(), 6);
    assert_eq!(ghg.len(), 92);
    assert_eq!(matched, 48);
}

#[test]
fn the_shipped_ipcc2021_method_matches_uslci_by_name_and_cas() {
    let Some(imp) = uslci() else { return };
    let db = &imp.database;
    let system = build_system(db, UnlinkedPolicy::Cutoff).unwrap();
    let (method, _) = greenlca::io::find_method("ipcc2021", None).unwrap();
    let ch = characterize(&system.flows, &[method], &db.units).unwrap();
    let unmatched: BTreeSet<&str> = ch.unmatched_flows.iter().map(String::as_str).collect();
    let ghg: Vec<_> = system.flows.iter().filter(|f| f.compartment.starts_with("air") && is_ghg(&f.name)).collect();
    let missing: BTreeSet<&str> =
        ghg.iter().filter(|f| unmatched.contains(f.id.as_str())).map(|f| f.name.as_str()).collect();
    let matched = ghg.iter().filter(|f| !unmatched.contains(f.id.as_str())).count();
    println!(
        "shipped ipcc2021: {matched} of {} greenhouse-gas flows to air matched; unmatched names: {missing:?}",
        ghg.len()
    );
    // The gases the shipped method covers (CO2 fossil and biogenic, CH4 fossil and biogenic, N2O,
    // SF6) match in every air sub-compartment under USLCI's names.
    for name in ["Carbon dioxide, fossil", "Methane, fossil", "Dinitrogen monoxide", "Sulfur hexafluoride"] {
        assert!(!missing.contains(name), "{name} should match");
    }
    // Every gas with a defined GWP matches, in every sub-compartment; only the groups of unnamed
    // gases ("..., unspecified", "PFC (perfluorocarbons)") have no GWP and stay unmatched.
    let is_group = |n: &str| n.ends_with(", unspecified") || n.starts_with("PFC (");
    let groups: BTreeSet<&str> = ghg.iter().map(|f| f.name.as_str()).filter(|n| is_group(n)).collect();
    assert_eq!(missing, groups);
    assert_eq!(matched, ghg.iter().filter(|f| !is_group(&f.name)).count());
    assert_eq!(ghg.len(), 92);
}

/// Issue 12: elementary flows against their own direction count negative (docs/formats.md,
/// "Sign convention"), and a flow filed under no compartment matches a factor that every
/// compartment agrees on.
#[test]
fn uptakes_are_negative_and_methane_without_a_compartment_matches() {
    let Some(imp) = uslci() else { return };
    let db = &imp.database;
    let system = build_system(db, UnlinkedPolicy::Cutoff).unwrap();
    let b = system.b_matrix();
    let col = |id: &str| system.columns.iter().position(|c| c.id == id).unwrap();
    let row = |id: &str| system.flows.iter().position(|f| f.id == id).unwrap();
    // Polylactide Biopolymer Resin, at plant: 1.833 kg of Carbon dioxide, biogenic (air) taken up.
    let pla = col("e281027f-cf37-32f2-af55-234cb0cb4fa4");
    let co2 = system
        .flows
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name == "Carbon dioxide, biogenic" && f.compartment.starts_with("air"))
        .map(|(i, _)| b.get(i, pla).copied().unwrap_or(0.0))
        .find(|v| *v != 0.0);
    assert_eq!(co2, Some(-1.833));
    // Its irrigation water (filed under `water/...`, only ever an input) stays a positive
    // withdrawal, as the file gives it.
    let water: Vec<f64> = system
        .flows
        .iter()
        .enumerate()
        .filter(|(_, f)| f.name == "Water, irrigation")
        .filter_map(|(i, _)| b.get(i, pla).copied())
        .collect();
    assert!(!water.is_empty() && water.iter().all(|v| *v > 0.0), "{water:?}");
    // Methane, biogenic in the bare `Elementary Flows` category: GWP100 27.0 from the shipped method.
    let methane = row("c34b0387-3e0e-3443-aa95-da82f0bdca12");
    assert_eq!(system.flows[methane].compartment, "other");
    let (method, _) = greenlca::io::find_method("ipcc2021", None).unwrap();
    let ch = characterize(&system.flows, &[method], &db.units).unwrap();
    let gwp100 = ch.category("gwp100").unwrap();
    assert_eq!(ch.matrix().get(gwp100, methane).copied(), Some(27.0));
}

/// Every distribution USLCI holds is kept or left out with a note, counted against an independent
/// Python count of the zip (tests/it/public_data/uslci_distributions.py, run here with python3).
#[test]
fn distributions_are_kept_or_explained_as_an_independent_count_says() {
    let Some(imp) = uslci() else { return };
    let zip = common::shared(ZIP).unwrap();
    let script = common::root().join("tests/it/public_data/uslci_distributions.py");
    let out = std::process::Command::new("python3").arg(&script).arg(&zip).output().expect("python3 runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let want: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let n = |k: &str| want[k].as_u64().unwrap_or(0) as usize;
    // The only classes left out in this release: lognormals with geomSd 0 ("not set") and
    // triangles whose mode lies outside their range.
    assert_eq!(n("all"), 5539);
    assert_eq!(n("lognormal_gsd_below_1"), 4811);
    assert_eq!(n("triangular_mode_outside"), 10);
    let dropped: Vec<&str> =
        imp.notes.iter().filter(|x| x.kind == NoteKind::UncertaintyDropped).map(|x| x.message.as_str()).collect();
    assert_eq!(dropped.len(), 4821);
    let with = |s: &str| dropped.iter().filter(|m| m.contains(s)).count();
    assert_eq!(with("geometric standard deviation"), n("lognormal_gsd_below_1"));
    assert_eq!(with("triangular mode"), n("triangular_mode_outside"));
    assert_eq!(
        dropped.len(),
        n("all") - n("lognormal_kept") - n("triangular_kept") - n("uniform_kept") - n("normal_kept")
    );
    assert_eq!(imp.count(NoteKind::UncertaintyRepaired), n("triangular_bounds_swapped"));
    // Every kept one is in the database, with its type.
    let mut kept: std::collections::HashMap<&str, usize> = Default::default();
    for e in imp.database.processes.iter().flat_map(|p| &p.exchanges) {
        if let Some(d) = &e.uncertainty {
            *kept.entry(d.name()).or_default() += 1;
        }
    }
    let got = |k: &str| kept.get(k).copied().unwrap_or(0);
    assert_eq!(
        (got("lognormal"), got("triangular"), got("uniform"), got("normal")),
        (n("lognormal_kept"), n("triangular_kept"), n("uniform_kept"), n("normal_kept"))
    );
}
