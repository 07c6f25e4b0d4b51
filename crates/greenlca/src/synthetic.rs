//! Random but productive LCA systems, seeded and reproducible, for property tests and benchmarks.
//!
//! Each process makes one unit of its product (a few treat waste instead: diagonal -1), takes a few
//! inputs from other processes (some forming loops) whose amounts keep every column's input total
//! below 0.9, so that the Leontief series converges and A is invertible; elementary flows and one
//! characterization factor per flow and category are drawn at random.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;

use crate::model::{
    Category, Database, DatabaseMeta, Direction, Exchange, Factor, Flow, FlowKind, ForegroundExchange, ForegroundKind,
    Method, Process, ProductInfo, ProductModel, StageScheme, UnitRegistry, Variant,
};

/// Size and shape of a synthetic system.
#[derive(Debug, Clone, Copy)]
pub struct Spec {
    /// Number of processes.
    pub processes: usize,
    /// Average technosphere inputs per process.
    pub inputs: usize,
    /// Number of elementary flows.
    pub flows: usize,
    /// Elementary exchanges per process.
    pub emissions: usize,
    /// Number of impact categories.
    pub categories: usize,
    /// Share of processes that are waste treatments.
    pub treatment_share: f64,
    pub seed: u64,
}

impl Default for Spec {
    fn default() -> Self {
        Spec { processes: 50, inputs: 4, flows: 10, emissions: 3, categories: 3, treatment_share: 0.1, seed: 1 }
    }
}

fn exchange(flow: String, direction: Direction, amount: f64, provider: Option<String>, reference: bool) -> Exchange {
    Exchange {
        flow,
        direction,
        amount,
        formula: None,
        unit: "kg".into(),
        provider,
        is_reference: reference,
        avoided: false,
        uncertainty: None,
        pedigree: None,
        source: None,
        indicative: false,
        comment: None,
        origin: Default::default(),
    }
}

/// A random productive database and a method with `spec.categories` categories over its flows.
pub fn database(spec: Spec) -> (Database, Method) {
    let mut rng = ChaCha8Rng::seed_from_u64(spec.seed);
    let n = spec.processes;
    let treats: Vec<bool> = (0..n).map(|i| i > 0 && rng.random::<f64>() < spec.treatment_share).collect();
    let mut flows: Vec<Flow> = (0..n)
        .map(|i| Flow {
            id: format!("p{i}"),
            name: format!("product {i}"),
            name_zh: None,
            kind: if treats[i] { FlowKind::Waste } else { FlowKind::Product },
            unit: "kg".into(),
            compartment: None,
            subcompartment: None,
            cas: None,
            comment: None,
        })
        .collect();
    flows.extend((0..spec.flows).map(|f| Flow {
        id: format!("e{f}"),
        name: format!("emission {f}"),
        name_zh: None,
        kind: FlowKind::Elementary,
        unit: "kg".into(),
        compartment: Some("air".into()),
        subcompartment: None,
        cas: None,
        comment: None,
    }));
    let mut processes = Vec::with_capacity(n);
    for j in 0..n {
        let (dir, amount) = if treats[j] { (Direction::Input, 1.0) } else { (Direction::Output, 1.0) };
        let mut ex = vec![exchange(format!("p{j}"), dir, amount, None, true)];
        let k = rng.random_range(0..=2 * spec.inputs);
        let mut budget = 0.9;
        for _ in 0..k {
            // Mostly upstream (higher index), sometimes downstream: loops.
            let i = if rng.random::<f64>() < 0.8 { rng.random_range(j..n) } else { rng.random_range(0..n) };
            if i == j {
                continue;
            }
            let a = budget * rng.random::<f64>() * 0.5;
            budget -= a;
            if treats[i] {
                // Waste sent to treatment: an output of the waste flow.
                ex.push(exchange(format!("p{i}"), Direction::Output, a, Some(format!("t{i}")), false));
            } else {
                ex.push(exchange(format!("p{i}"), Direction::Input, a, Some(format!("t{i}")), false));
            }
        }
        for _ in 0..spec.emissions {
            let f = rng.random_range(0..spec.flows);
            ex.push(exchange(format!("e{f}"), Direction::Output, rng.random::<f64>() * 2.0, None, false));
        }
        processes.push(Process {
            id: format!("t{j}"),
            name: format!("process {j}"),
            name_zh: None,
            location: None,
            category: None,
            allocation: Default::default(),
            allocation_factors: Vec::new(),
            exchanges: ex,
            source: None,
            indicative: false,
            comment: None,
            origin: Default::default(),
        });
    }
    let categories = (0..spec.categories)
        .map(|c| Category {
            id: format!("c{c}"),
            name: format!("category {c}"),
            name_zh: None,
            unit: "pt".into(),
            factors: (0..spec.flows)
                .map(|f| (f, rng.random::<f64>(), rng.random::<f64>() * 10.0))
                .filter(|(_, keep, _)| *keep < 0.7)
                .map(|(f, _, value)| Factor {
                    flow_id: Some(format!("e{f}")),
                    flow_name: None,
                    cas: None,
                    compartment: None,
                    subcompartment: None,
                    flow_unit: None,
                    value,
                    uncertainty: None,
                    source: None,
                    origin: Default::default(),
                })
                .collect(),
        })
        .collect();
    let meta =
        DatabaseMeta { name: format!("synthetic {n} (seed {})", spec.seed), version: "1".into(), ..Default::default() };
    let db = Database::new(meta, flows, processes, Vec::new(), UnitRegistry::default());
    let method = Method {
        id: "synthetic".into(),
        name: "synthetic".into(),
        name_zh: None,
        version: "1".into(),
        source: "random".into(),
        notes: None,
        categories,
    };
    (db, method)
}

/// A random product on `db`: `exchanges` foreground exchanges spread over the stages, including
/// waste sent to treatment, an avoided product and a direct emission, plus two variants.
pub fn product(db: &Database, exchanges: usize, seed: u64) -> ProductModel {
    let mut rng = ChaCha8Rng::seed_from_u64(seed);
    let n = db.processes.len();
    let scheme = StageScheme::gbt();
    let stages = scheme.stages();
    let mut list = Vec::with_capacity(exchanges);
    for i in 0..exchanges {
        let stage = stages[i % stages.len()];
        let p = &db.processes[rng.random_range(0..n)];
        let treats = db.flow(&p.reference().expect("has one").flow).is_some_and(|f| f.kind == FlowKind::Waste);
        let (kind, target) = if i % 7 == 6 {
            let f = db.flows.iter().filter(|f| f.kind == FlowKind::Elementary).nth(i % 3).expect("flows");
            (ForegroundKind::Elementary, f.id.clone())
        } else if treats {
            (ForegroundKind::Waste, p.id.clone())
        } else if i % 5 == 4 {
            (ForegroundKind::Avoided, p.id.clone())
        } else {
            (ForegroundKind::Input, p.id.clone())
        };
        list.push(ForegroundExchange {
            id: format!("x{i}"),
            label: None,
            stage,
            kind,
            target,
            amount: rng.random::<f64>() * 3.0,
            formula: None,
            unit: "kg".into(),
            uncertainty: None,
            recycled_fraction: None,
            tags: Vec::new(),
            source: None,
            comment: None,
            origin: Default::default(),
        });
    }
    let other = db
        .processes
        .iter()
        .find(|p| db.flow(&p.reference().expect("ref").flow).is_some_and(|f| f.kind == FlowKind::Product))
        .map(|p| p.id.clone());
    let swap_from = list
        .iter()
        .skip(1)
        .find(|e| e.kind == ForegroundKind::Input && e.target != list[0].target)
        .map(|e| e.target.clone());
    let variants = match (other, swap_from) {
        (Some(to), Some(from)) => vec![Variant {
            id: "swapped".into(),
            name: "swapped provider".into(),
            name_zh: None,
            description: None,
            description_zh: None,
            set: Vec::new(),
            swaps: vec![crate::model::Swap { from, to, stage: None, origin: Default::default() }],
            relinks: Vec::new(),
            add: Vec::new(),
            remove: vec!["x0".into()],
            origin: Default::default(),
        }],
        _ => Vec::new(),
    };
    ProductModel {
        path: "synthetic.toml".into(),
        product: ProductInfo {
            id: "synthetic".into(),
            name: "synthetic product".into(),
            functional_unit: "one unit".into(),
            reference_amount: 1.0,
            unit: "unit".into(),
            ..Default::default()
        },
        exchanges: list,
        variants,
        base_name: "base".into(),
        ..Default::default()
    }
}
