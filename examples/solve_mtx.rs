//! Times the sparse solver on a Matrix Market technology matrix.
//!
//! `cargo run --release --example solve_mtx -- DIR` reads `DIR/A.mtx` (and `DIR/A_pert.mtx` if
//! present for the refactorization) and prints the phases' times and the residuals.

use std::path::PathBuf;
use std::time::{Duration, Instant};

/// CPU time of this thread (Linux `schedstat`), which load from other processes inflates less
/// than wall time; zero elsewhere.
fn cpu() -> Duration {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .map(Duration::from_nanos)
        .unwrap_or_default()
}

use greenlca::io::matrices::read_csc;
use greenlca::solve::{NumericLu, SymbolicLu, relative_residual, relative_residual_transpose};

fn main() -> anyhow::Result<()> {
    let dir = PathBuf::from(std::env::args().nth(1).unwrap_or_else(|| ".".into()));
    let a = read_csc(&dir.join("A.mtx"))?;
    let pert = dir.join("A_pert.mtx");
    let a2 = if pert.exists() { read_csc(&pert)? } else { a.clone() };
    let n = a.rows();

    let t = Instant::now();
    let sym = SymbolicLu::analyze(a.view())?;
    let t_an = t.elapsed();
    let (t, c) = (Instant::now(), cpu());
    let mut lu = NumericLu::factorize(&sym, a.view())?;
    let (t_fa, c_fa) = (t.elapsed(), cpu() - c);
    let fill = lu.factor_nnz();
    let (t, c) = (Instant::now(), cpu());
    lu.refactorize(a2.view())?;
    let (t_re, c_re) = (t.elapsed(), cpu() - c);
    let b: Vec<f64> = (0..n).map(|i| if i % 97 == 0 { 1.0 } else { 0.0 }).collect();
    let mut x = b.clone();
    let t = Instant::now();
    lu.solve_in_place(&mut x);
    let t_so = t.elapsed();
    let mut y = b.clone();
    let t = Instant::now();
    lu.solve_transpose_in_place(&mut y);
    let t_st = t.elapsed();
    println!(
        "n {n} nnz {} blocks {} coupled {} largest {} factor nnz {fill}",
        a.nnz(),
        sym.block_count(),
        sym.coupled_block_count(),
        sym.largest_block()
    );
    println!("analyze {t_an:?} factorize {t_fa:?} refactorize {t_re:?} solve {t_so:?} solve_t {t_st:?}");
    println!("cpu time: factorize {c_fa:?} refactorize {c_re:?}");
    let (t, c) = (Instant::now(), cpu());
    lu.refactorize(a2.view())?;
    println!("refactorize again with the same values: {:?} (cpu {:?})", t.elapsed(), cpu() - c);
    println!(
        "residual {:e} transpose {:e}",
        relative_residual(a2.view(), &x, &b),
        relative_residual_transpose(a2.view(), &y, &b)
    );
    Ok(())
}
