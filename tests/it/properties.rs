//! Properties on random productive systems: sparse equals dense, stages and contributions sum to
//! the total, the thread count changes nothing.

use crate::common;

use common::assert_close;
use common::matrices::dense;
use greenlca::analysis::{by_flow, by_process, rank};
use greenlca::calc::Study;
use greenlca::io::ModelInputs;
use greenlca::matrix::UnlinkedPolicy;
use greenlca::synthetic::{self, Spec};
use nalgebra::DVector;
use proptest::prelude::*;

fn study(n: usize, seed: u64) -> Study {
    let (db, method) = synthetic::database(Spec { processes: n, seed, ..Spec::default() });
    let model = synthetic::product(&db, 12, seed + 1);
    let inputs = ModelInputs {
        model,
        database: db,
        database_dir: "synthetic".into(),
        methods: vec![method],
        files: Vec::new(),
        layers: Vec::new(),
    };
    Study::new(inputs, UnlinkedPolicy::Error).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn sparse_equals_dense(n in 5usize..120, seed in 0u64..10_000) {
        let s = study(n, seed);
        let engine = s.engine().unwrap();
        let fg = s.resolve("base", &[]).unwrap();
        let d = fg.demand(s.system.n());
        let x = engine.lca.supply(&d).unwrap();
        let a = dense(&s.system.a_matrix());
        let xd = a.clone().lu().solve(&DVector::from_column_slice(&d)).unwrap();
        let scale = xd.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-300);
        for i in 0..n {
            prop_assert!((x[i] - xd[i]).abs() <= 1e-10 * scale, "x[{}] = {} vs {}", i, x[i], xd[i]);
        }
        // Transposed solves (the intensities) too.
        let lam = &engine.intensities.total[0];
        let ld = a.transpose().lu().solve(&DVector::from_column_slice(&engine.intensities.direct[0])).unwrap();
        let scale = ld.iter().fold(0.0f64, |m, v| m.max(v.abs())).max(1e-300);
        for i in 0..n {
            prop_assert!((lam[i] - ld[i]).abs() <= 1e-10 * scale);
        }
    }

    #[test]
    fn stages_and_contributions_sum_to_the_total(n in 5usize..80, seed in 0u64..10_000) {
        let s = study(n, seed);
        let engine = s.engine().unwrap();
        for v in s.inputs.model.variant_ids() {
            let r = s.assess(&engine, &s.resolve(&v, &[]).unwrap()).unwrap();
            for k in 0..r.totals.len() {
                let total = r.totals[k];
                let scale = total.abs().max(r.exchanges.iter().map(|e| e.values[k].abs()).sum::<f64>()).max(1e-12);
                let stages: f64 = r.stages.iter().map(|(_, v)| v[k]).sum();
                prop_assert!((stages - total).abs() <= 1e-10 * scale, "stages {} vs total {}", stages, total);
                let procs = rank(by_process(&engine.lca, &engine.intensities, &r, k), 3);
                prop_assert!((procs.items.iter().map(|i| i.value).sum::<f64>() + procs.rest - total).abs() <= 1e-10 * scale);
                let flows = rank(by_flow(&engine.lca, &r.inventory, k), 3);
                prop_assert!((flows.items.iter().map(|i| i.value).sum::<f64>() + flows.rest - total).abs() <= 1e-10 * scale);
            }
        }
    }
}

#[test]
fn thread_count_changes_nothing() {
    let s = study(300, 42);
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().unwrap();
        pool.install(|| {
            let engine = s.engine().unwrap();
            let ids = s.inputs.model.variant_ids();
            s.assess_variants(&engine, &ids, &[]).unwrap()
        })
    };
    let one = run(1);
    let two = run(2);
    assert_eq!(one, two);
}

#[test]
fn first_tier_contributions_equal_single_input_runs() {
    let s = study(60, 7);
    let engine = s.engine().unwrap();
    let fg = s.resolve("base", &[]).unwrap();
    let r = s.assess(&engine, &fg).unwrap();
    for (e, res) in fg.entries.iter().zip(&r.exchanges) {
        let mut single = fg.clone();
        single.entries = vec![e.clone()];
        let alone = s.assess(&engine, &single).unwrap();
        for k in 0..alone.totals.len() {
            assert_close(res.values[k], alone.totals[k], 1e-10);
        }
    }
}

#[test]
fn supply_chain_trees_account_for_the_whole() {
    use greenlca::analysis::Node;
    use greenlca::analysis::TreeLimits;
    use greenlca::analysis::supply_chain_tree;
    fn check(n: &Node, scale: f64) {
        assert!(n.imbalance().abs() <= 1e-9 * scale, "node {} imbalance {}", n.id, n.imbalance());
        n.children.iter().for_each(|c| check(c, scale));
    }
    for seed in [1, 2, 3] {
        let s = study(150, seed);
        let engine = s.engine().unwrap();
        let fg = s.resolve("base", &[]).unwrap();
        let r = s.assess(&engine, &fg).unwrap();
        for k in 0..r.totals.len() {
            for cutoff in [0.0, 0.01, 0.2] {
                let tree = supply_chain_tree(
                    &engine.lca,
                    &engine.intensities,
                    &fg,
                    k,
                    "p",
                    TreeLimits { cutoff, max_depth: 6, max_nodes: 400 },
                );
                let scale =
                    r.exchanges.iter().map(|e| e.values[k].abs()).sum::<f64>().max(r.totals[k].abs()).max(1e-12);
                assert_close(tree.total, r.totals[k], 1e-9);
                check(&tree, scale);
            }
        }
    }
}
