//! Round trips: every imported database, written as a native folder and read back, is the same
//! database; and its matrices, written as a matrix exchange folder (triplet CSV) and read back,
//! give the same scores as the imported system.

use crate::common;

use std::fmt::Write;
use std::path::Path;

use crate::common::import::{close, comparable, data};
use greenlca::calc::Lca;
use greenlca::io::matrices::read_exchange_folder;
use greenlca::io::read_method;
use greenlca::io::{ImportOptions, Overwrite, import_any, read_database, write_database};
use greenlca::matrix::{UnlinkedPolicy, build_system, characterize};
use greenlca::model::{Database, Distribution};

fn sources() -> Vec<std::path::PathBuf> {
    vec![data("jsonld_v1"), data("jsonld_v2"), data("ecospold2"), data("ecospold1/farm_and_energy.xml")]
}

/// Lognormals with pedigree scores are written with their basic width and widened again on
/// reading: equal up to rounding.
fn same_distribution(a: &Option<Distribution>, b: &Option<Distribution>) -> bool {
    match (a, b) {
        (Some(Distribution::Lognormal { mu: m1, sigma: s1 }), Some(Distribution::Lognormal { mu: m2, sigma: s2 })) => {
            m1 == m2 && (s1 - s2).abs() <= 1e-12 * s1.max(*s2)
        }
        _ => a == b,
    }
}

fn assert_same(original: &Database, read: &Database) {
    let m = (&original.meta, &read.meta);
    assert_eq!((&m.0.name, &m.0.version, &m.0.description), (&m.1.name, &m.1.version, &m.1.description));
    assert_eq!(read.meta.origin_format.as_deref(), Some("greenlca csv"));
    let (f1, mut p1, par1) = comparable(original);
    let (f2, mut p2, par2) = comparable(read);
    assert_eq!(f1, f2);
    assert_eq!(par1, par2);
    assert_eq!(p1.len(), p2.len());
    for (a, b) in p1.iter_mut().zip(p2.iter_mut()) {
        assert_eq!(a.exchanges.len(), b.exchanges.len(), "process {}", a.id);
        for (x, y) in a.exchanges.iter_mut().zip(b.exchanges.iter_mut()) {
            assert!(
                same_distribution(&x.uncertainty, &y.uncertainty),
                "{}: {:?} != {:?}",
                a.id,
                x.uncertainty,
                y.uncertainty
            );
            x.uncertainty = None;
            y.uncertainty = None;
        }
        assert_eq!(a, b);
    }
    let units = |db: &Database| db.units.all().into_iter().cloned().collect::<Vec<_>>();
    assert_eq!(units(original), units(read));
}

#[test]
fn native_folder_round_trip_of_every_fixture() {
    for src in sources() {
        let db = import_any(&src, &ImportOptions::default()).unwrap().database;
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("db");
        write_database(&db, &out, Overwrite::Refuse).unwrap();
        let back = read_database(&out).unwrap();
        assert_same(&db, &back);
        // Nothing is left beside the target.
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, [std::ffi::OsString::from("db")]);
    }
}

#[test]
fn native_databases_round_trip_too() {
    for name in ["heijungs_suh", "bw_basic", "mobility"] {
        let db = read_database(&common::fixture(name)).unwrap();
        let dir = tempfile::tempdir().unwrap();
        write_database(&db, dir.path(), Overwrite::Refuse).unwrap();
        let back = read_database(dir.path()).unwrap();
        assert_same(&db, &back);
        assert_eq!(db.meta.sources, back.meta.sources, "{name}");
    }
}

#[test]
fn uslci_round_trip() {
    let Some(zip) = common::shared("data/uslci-fy17q4/uslci_fy17_q4_olca1.5_json_ld.zip") else { return };
    let db = import_any(&zip, &ImportOptions::default()).unwrap().database;
    let dir = tempfile::tempdir().unwrap();
    write_database(&db, dir.path(), Overwrite::Refuse).unwrap();
    assert_same(&db, &read_database(dir.path()).unwrap());
}

#[test]
fn writer_refuses_a_non_empty_folder_unless_forced() {
    let db = import_any(&data("jsonld_v1"), &ImportOptions::default()).unwrap().database;
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("keep.txt"), "x").unwrap();
    let e = write_database(&db, dir.path(), Overwrite::Refuse).unwrap_err();
    assert!(e.message.contains("not empty"), "{e}");
    assert!(dir.path().join("keep.txt").exists());
    write_database(&db, dir.path(), Overwrite::Replace).unwrap();
    assert!(!dir.path().join("keep.txt").exists());
    assert_eq!(read_database(dir.path()).unwrap().processes.len(), 4);
}

fn write_triplets(dir: &Path, db: &Database) -> Vec<f64> {
    let system = build_system(db, UnlinkedPolicy::Cutoff).unwrap();
    let method = read_method(&data("ipcc_ar6_gwp100.toml")).unwrap();
    let ch = characterize(&system.flows, &[method], &db.units).unwrap();
    let mut t = String::from("row,col,amount\n");
    for k in 0..system.a.len() {
        let _ = writeln!(t, "{},{},{:?}", system.a.rows[k], system.a.cols[k], system.a.values[k]);
    }
    let mut b = String::from("row,col,amount\n");
    for k in 0..system.b.len() {
        let _ = writeln!(b, "{},{},{:?}", system.b.rows[k], system.b.cols[k], system.b.values[k]);
    }
    let mut c = String::from("flow,category,factor\n");
    for k in 0..ch.c.len() {
        let _ = writeln!(c, "{},{},{:?}", ch.c.cols[k], ch.c.rows[k], ch.c.values[k]);
    }
    let mut d = String::from("process,amount\n");
    let demand: Vec<f64> = (0..system.n()).map(|j| 1.0 + j as f64).collect();
    for (j, v) in demand.iter().enumerate() {
        let _ = writeln!(d, "{j},{v:?}");
    }
    for (name, text) in [("technosphere.csv", t), ("biosphere.csv", b), ("cf.csv", c), ("demand.csv", d)] {
        std::fs::write(dir.join(name), text).unwrap();
    }
    let lca = Lca::new(system.clone(), ch.clone()).unwrap();
    lca.lcia(lca.lci(&demand).unwrap()).scores
}

#[test]
fn matrix_folder_round_trip_gives_the_same_scores() {
    for src in sources() {
        let db = import_any(&src, &ImportOptions::default()).unwrap().database;
        let dir = tempfile::tempdir().unwrap();
        let direct = write_triplets(dir.path(), &db);
        let ms = read_exchange_folder(dir.path()).unwrap();
        let lca = Lca::new(ms.system.clone(), ms.characterization.clone()).unwrap();
        let via_files = lca.lcia(lca.lci(&ms.demand).unwrap()).scores;
        assert_eq!(direct.len(), 1);
        close(via_files[0], direct[0], 1e-12);
        assert!(direct[0].abs() > 0.0);
    }
}
