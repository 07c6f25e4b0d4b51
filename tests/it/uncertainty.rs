//! Monte Carlo and sensitivity: moments against analytic values, reproducibility at any thread
//! count, shards that merge bit for bit, analytical coefficients against finite differences.

use crate::common;

use common::{assert_error, run, shared};
use greenlca::analysis::sensitivity::InputKind;
use greenlca::analysis::sensitivity::coefficients;
use greenlca::calc::{Study, assess};
use greenlca::io::load_model;
use greenlca::matrix::UnlinkedPolicy;

fn mc_csv(dir: &str, n: &str, extra: &[&str]) -> Vec<Vec<String>> {
    let mut args = vec!["mc", "--matrices", dir, "-n", n, "--seed", "3", "--format", "csv"];
    args.extend_from_slice(extra);
    let (code, out, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    out.lines().skip(1).map(|l| l.split(',').map(str::to_string).collect()).collect()
}

#[test]
fn peer_mc_cases_match_their_analytic_moments() {
    let Some(cases) = shared("peers/cases") else { return };
    for case in ["bw2calc_mc_basic", "two_process_mc"] {
        let dir = cases.join(case);
        let expected = common::json(&dir.join("expected.json"));
        let n = 20_000.0;
        let rows = mc_csv(&dir.display().to_string(), "20000", &[]);
        for (k, row) in rows.iter().enumerate() {
            let mean: f64 = row[5].parse().unwrap();
            let sd: f64 = row[6].parse().unwrap();
            let em = expected["mc_mean"][k.to_string()].as_f64().unwrap();
            let es = expected["mc_std"][k.to_string()].as_f64().unwrap();
            // Mean within 4 standard errors; sd within 3 %.
            assert!((mean - em).abs() <= 4.0 * es / f64::sqrt(n) + 1e-12 * em.abs(), "{case} mean {mean} vs {em}");
            assert!((sd - es).abs() <= 0.03 * es + 1e-12, "{case} sd {sd} vs {es}");
        }
    }
}

#[test]
fn same_seed_same_result_at_any_thread_count() {
    let m = "datasets/products/kettle.toml";
    let one = run(&["--threads", "1", "mc", m, "-n", "60", "--all-variants", "--stages", "--format", "json"]);
    let two = run(&["--threads", "2", "mc", m, "-n", "60", "--all-variants", "--stages", "--format", "json"]);
    assert_eq!(one.0, 0, "{}", one.2);
    assert_eq!(one.1, two.1);
    let other = run(&["mc", m, "-n", "60", "--all-variants", "--stages", "--format", "json", "--seed", "7"]);
    assert_ne!(one.1, other.1);
}

#[test]
fn merged_shards_equal_the_unsharded_run_bit_for_bit() {
    let d = tempfile::tempdir().unwrap();
    let m = "datasets/products/paint.toml";
    let whole = run(&["mc", m, "-n", "50", "--all-variants", "--format", "json", "--seed", "9"]);
    assert_eq!(whole.0, 0, "{}", whole.2);
    let mut parts = Vec::new();
    for k in 0..3 {
        let p = d.path().join(format!("part-{k}.json")).display().to_string();
        let shard = format!("{k}/3");
        let r = run(&["mc", m, "-n", "50", "--all-variants", "--seed", "9", "--shard", &shard, "--out", &p]);
        assert_eq!(r.0, 0, "{}", r.2);
        parts.push(p);
    }
    let mut args = vec!["merge", "--format", "json"];
    args.extend(parts.iter().rev().map(String::as_str));
    let merged = run(&args);
    assert_eq!(merged.0, 0, "{}", merged.2);
    assert_eq!(merged.1, whole.1);
    // A missing shard is refused.
    assert_error(&["merge", &parts[0], &parts[2]], &["iterations 16..33 are missing: no part holds them"]);
}

#[test]
fn sobol_shards_merge_bit_for_bit() {
    let d = tempfile::tempdir().unwrap();
    let m = "datasets/products/kettle.toml";
    let whole = run(&["sensitivity", m, "--sobol", "40", "--bootstrap", "20", "--format", "json"]);
    assert_eq!(whole.0, 0, "{}", whole.2);
    let p0 = d.path().join("s0.json").display().to_string();
    let p1 = d.path().join("s1.json").display().to_string();
    for (k, p) in [(0, &p0), (1, &p1)] {
        let shard = format!("{k}/2");
        let r = run(&["sensitivity", m, "--sobol", "40", "--bootstrap", "20", "--shard", &shard, "--out", p]);
        assert_eq!(r.0, 0, "{}", r.2);
    }
    let merged = run(&["merge", &p1, &p0, "--format", "json"]);
    assert_eq!(merged.0, 0, "{}", merged.2);
    assert_eq!(merged.1, whole.1);
}

/// Shards computed from different data do not merge: the second shard runs on a copy of the
/// default database with one exchange amount changed (same model, same command otherwise).
#[test]
fn shards_of_different_inputs_are_refused() {
    let d = tempfile::tempdir().unwrap();
    let db = d.path().join("db");
    common::copy_dir(&common::root().join("datasets/db"), &db);
    let exchanges = db.join("exchanges.csv");
    let text = std::fs::read_to_string(&exchanges).unwrap();
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    // The second exchange (grid electricity's CO2) emits 1 % more: same ids, valid file, other data.
    let row = &mut lines[2];
    let fields: Vec<&str> = row.splitn(5, ',').collect();
    let amount: f64 = fields[3].parse().expect("the amount column of the second exchange");
    *row = format!("{},{},{},{},{}", fields[0], fields[1], fields[2], amount * 1.01, fields[4]);
    std::fs::write(&exchanges, lines.join("\n") + "\n").unwrap();
    let db = db.display().to_string();
    let m = "datasets/products/kettle.toml";
    let (p0, p1) = (d.path().join("m0.json"), d.path().join("m1.json"));
    let (p0, p1) = (p0.display().to_string(), p1.display().to_string());
    let r = run(&["mc", m, "-n", "20", "--shard", "0/2", "--out", &p0]);
    assert_eq!(r.0, 0, "{}", r.2);
    let r = run(&["mc", m, "-n", "20", "--shard", "1/2", "--db", &db, "--out", &p1]);
    assert_eq!(r.0, 0, "{}", r.2);
    assert_error(&["merge", &p0, &p1], &["m1.json", "computed from other inputs than"]);
    let (s0, s1) = (d.path().join("s0.json"), d.path().join("s1.json"));
    let (s0, s1) = (s0.display().to_string(), s1.display().to_string());
    let r = run(&["sensitivity", m, "--sobol", "40", "--bootstrap", "20", "--shard", "0/2", "--out", &s0]);
    assert_eq!(r.0, 0, "{}", r.2);
    let r = run(&["sensitivity", m, "--sobol", "40", "--bootstrap", "20", "--shard", "1/2", "--db", &db, "--out", &s1]);
    assert_eq!(r.0, 0, "{}", r.2);
    assert_error(&["merge", &s0, &s1], &["s1.json", "computed from other inputs than"]);
}

#[test]
fn mean_within_its_standard_error_and_spread_proportional_to_input_widths() {
    let Some(case) = shared("peers/cases/two_process") else { return };
    let d = tempfile::tempdir().unwrap();
    common::copy_dir(&case, d.path());
    // Lognormal widths of 0.1 and 0.001 on every technosphere entry.
    let deterministic = 1.6631578947368422;
    let mut sds = Vec::new();
    for (sigma, text) in [(0.1, "0.1"), (0.001, "0.001")] {
        let tech = "row,col,amount,uncertainty_type,loc,scale,shape,minimum,maximum\n0,0,1,2,,S,,,\n1,0,-0.20000000000000001,2,,S,,,\n0,1,-0.5,2,,S,,,\n1,1,2,2,,S,,,\n".replace('S', text);
        std::fs::write(d.path().join("technosphere.csv"), tech).unwrap();
        let rows = mc_csv(&d.path().display().to_string(), "4000", &[]);
        let n: f64 = rows[0][4].parse().unwrap();
        let mean: f64 = rows[0][5].parse().unwrap();
        let sd: f64 = rows[0][6].parse().unwrap();
        assert_eq!(n, 4000.0);
        // The mean is off by its standard error (4 of them bound a fluke at 6e-5) plus the bias of a
        // smooth function of lognormal inputs, which is second order in sigma.
        let bound = 4.0 * sd / n.sqrt() + 10.0 * sigma * sigma * deterministic;
        assert!((mean - deterministic).abs() <= bound, "sigma {sigma}: mean {mean}, bound {bound}");
        sds.push(sd);
    }
    // To first order the spread is proportional to sigma: 100 times narrower inputs, 100 times
    // narrower result (20 % allowed for the sampling error of an sd from 4000 draws and the
    // second-order terms at sigma 0.1).
    let ratio = sds[0] / sds[1];
    assert!((ratio / 100.0 - 1.0).abs() < 0.2, "{sds:?}");
}

#[test]
fn analytic_coefficients_equal_central_finite_differences() {
    let study = Study::new(
        load_model(&common::root().join("datasets/products/kettle.toml"), None, &[]).unwrap(),
        UnlinkedPolicy::Error,
    )
    .unwrap();
    let engine = study.engine().unwrap();
    let fg = study.resolve("base", &[]).unwrap();
    let r = study.assess(&engine, &fg).unwrap();
    let k = 0;
    let coefs = coefficients(&engine, &fg, &r, k);
    // Check the largest few of each kind against (h(x + d) - h(x - d)) / 2d.
    for kind in [InputKind::Technosphere, InputKind::Biosphere, InputKind::Factor, InputKind::Foreground] {
        let mut of_kind: Vec<(usize, &greenlca::analysis::sensitivity::Coefficient)> =
            coefs.iter().enumerate().filter(|(_, c)| c.kind == kind).collect();
        assert!(!of_kind.is_empty(), "{kind:?}");
        of_kind.sort_by(|a, b| b.1.elasticity.abs().total_cmp(&a.1.elasticity.abs()));
        for (_, c) in of_kind.iter().take(3) {
            let h = |delta: f64| -> f64 { perturbed_total(&study, &fg, kind, &c.label, c.value, delta, k) };
            let d = 1e-6 * c.value.abs().max(1e-9);
            let fd = (h(d) - h(-d)) / (2.0 * d);
            assert!(
                (fd - c.coefficient).abs() <= 1e-5 * c.coefficient.abs().max(1e-12),
                "{kind:?} {}: fd {fd} vs analytic {}",
                c.label,
                c.coefficient
            );
        }
    }
}

/// The total of category `k` with one input (found by its label) changed by `delta`.
fn perturbed_total(
    study: &Study,
    fg: &greenlca::matrix::Foreground,
    kind: InputKind,
    label: &str,
    value: f64,
    delta: f64,
    k: usize,
) -> f64 {
    let system = &study.system;
    let mut a = system.a.values.clone();
    let mut b = system.b.values.clone();
    let mut c = study.characterization.c.values.clone();
    let mut fg = fg.clone();
    let engine0 = study.engine().unwrap();
    let r0 = assess(&engine0.lca, &engine0.intensities, &fg).unwrap();
    let labels = coefficients(&engine0, &fg, &r0, k);
    let pos = labels.iter().position(|x| x.kind == kind && x.label == label && x.value == value).unwrap();
    // Map the position back to the entry: coefficients() lists A, B, C (row k), foreground in order,
    // skipping zero coefficients; rebuild the same order here.
    let mut idx = 0;
    let mut done = false;
    let s = &r0.supply;
    let lambda = &engine0.intensities.total[k];
    for e in 0..system.a.len() {
        if -lambda[system.a.rows[e]] * s[system.a.cols[e]] != 0.0 {
            if idx == pos {
                a[e] += delta;
                done = true;
            }
            idx += 1;
        }
    }
    let cm = engine0.lca.c();
    for e in 0..system.b.len() {
        if !done && cm.get(k, system.b.rows[e]).copied().unwrap_or(0.0) * s[system.b.cols[e]] != 0.0 {
            if idx == pos {
                b[e] += delta;
                done = true;
            }
            idx += 1;
        }
    }
    let cc = &study.characterization.c;
    for e in (0..cc.len()).filter(|&e| cc.rows[e] == k) {
        if !done && r0.inventory[cc.cols[e]] != 0.0 {
            if idx == pos {
                c[e] += delta;
                done = true;
            }
            idx += 1;
        }
    }
    if !done {
        for e in fg.entries.iter_mut() {
            let coef = match e.target {
                greenlca::matrix::Target::Column(i) => -lambda[i],
                greenlca::matrix::Target::Flow(f) => cm.get(k, f).copied().unwrap_or(0.0),
            };
            if coef != 0.0 {
                if idx == pos {
                    e.value += delta;
                }
                idx += 1;
            }
        }
    }
    let lca = greenlca::calc::Lca::with_matrices(
        system.clone(),
        study.characterization.clone(),
        study.symbolic().as_ref(),
        system.a_pattern.matrix(&a),
        system.b_pattern.matrix(&b),
        study.characterization.pattern.matrix(&c),
    )
    .unwrap();
    let intens = lca.intensities().unwrap();
    assess(&lca, &intens, &fg).unwrap().totals[k]
}

#[test]
fn bad_distributions_in_matrix_folders_are_named() {
    let d = tempfile::tempdir().unwrap();
    std::fs::write(
        d.path().join("technosphere.csv"),
        "row,col,amount,uncertainty_type,loc,scale,shape,minimum,maximum\n0,0,1,5,3,,,0,2\n",
    )
    .unwrap();
    std::fs::write(d.path().join("biosphere.csv"), "row,col,amount\n0,0,1\n").unwrap();
    std::fs::write(d.path().join("cf.csv"), "flow,category,factor\n0,0,1\n").unwrap();
    std::fs::write(d.path().join("demand.csv"), "process,amount\n0,1\n").unwrap();
    let dir = d.path().display().to_string();
    assert_error(
        &["mc", "--matrices", &dir, "-n", "10"],
        &["technosphere.csv:2", "triangular mode 3 lies outside [0, 2]"],
    );
    std::fs::write(
        d.path().join("technosphere.csv"),
        "row,col,amount,uncertainty_type,loc,scale,shape,minimum,maximum\n0,0,1,2,,-0.2,,,\n",
    )
    .unwrap();
    assert_error(
        &["mc", "--matrices", &dir, "-n", "10"],
        &["technosphere.csv:2", "lognormal width sigma=-0.2 is negative"],
    );
}
