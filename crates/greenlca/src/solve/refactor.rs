//! Numeric refactorization of one block with the pivot order and L/U pattern kept.

use super::factors::{BlockLu, Workspace};
use super::options::SolverOptions;
use super::symbolic::CoupledBlock;

/// Recomputes the values of `lu` for new values `data` of the same pattern.
///
/// Returns false when a kept pivot is no longer acceptable (below the threshold relative to its
/// column, or negligible); the caller then factorizes the block afresh. `ws.x` is left zeroed.
pub(crate) fn refactor_block(
    blk: &CoupledBlock,
    data: &[f64],
    lu: &mut BlockLu,
    ws: &mut Workspace,
    opts: &SolverOptions,
) -> bool {
    let n = lu.n();
    let x = &mut ws.x[..n];
    for k in 0..n {
        let mut colmax = 0.0f64;
        for p in blk.ap[k]..blk.ap[k + 1] {
            let v = data[blk.asrc[p]];
            x[lu.pinv[blk.ai[p]]] += v;
            colmax = colmax.max(v.abs());
        }
        let urange = lu.up[k]..lu.up[k + 1];
        for (&s, ux) in lu.ui[urange.clone()].iter().zip(&mut lu.ux[urange]) {
            let s = s as usize;
            let u = x[s];
            x[s] = 0.0;
            *ux = u;
            if u != 0.0 {
                let range = lu.lp[s]..lu.lp[s + 1];
                for (&i, &l) in lu.li[range.clone()].iter().zip(&lu.lx[range]) {
                    x[i as usize] -= l * u;
                }
            }
        }
        let pivot = x[k];
        x[k] = 0.0;
        let (lstart, lend) = (lu.lp[k], lu.lp[k + 1]);
        let mut amax = pivot.abs();
        for r in lstart..lend {
            amax = amax.max(x[lu.li[r] as usize].abs());
        }
        let ok = pivot.abs() >= opts.pivot_tolerance * amax && pivot.abs() > opts.singular_tolerance * colmax;
        if !ok {
            for r in lstart..lend {
                x[lu.li[r] as usize] = 0.0;
            }
            return false;
        }
        for (&i, l) in lu.li[lstart..lend].iter().zip(&mut lu.lx[lstart..lend]) {
            let i = i as usize;
            *l = x[i] / pivot;
            x[i] = 0.0;
        }
        lu.udiag[k] = pivot;
    }
    true
}
