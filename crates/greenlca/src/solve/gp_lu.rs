//! Left-looking Gilbert-Peierls LU of one coupled block with threshold partial pivoting.
//!
//! Column k of `P B` is the solution of a sparse lower-triangular system with the L computed so
//! far; its nonzero pattern is the set of rows reachable in the graph of L from the pattern of
//! B(:, k), found by depth-first search, so the work is proportional to the flops.

use super::factors::{BlockLu, Idx, Workspace};
use super::options::SolverOptions;
use super::symbolic::{CoupledBlock, NONE};

/// Factorizes the block `blk` with values from the input's storage `data` into `lu`.
///
/// On a zero or negligible pivot returns the local column index; `ws.x` is left zeroed either way.
pub(crate) fn factor_block(
    blk: &CoupledBlock,
    data: &[f64],
    lu: &mut BlockLu,
    ws: &mut Workspace,
    opts: &SolverOptions,
) -> Result<(), usize> {
    let n = blk.orig.len();
    lu.reset(n);
    // Growing vectors of millions of entries by doubling copies them repeatedly; reserve once.
    let est = blk.lnz.max(blk.ai.len());
    for v in [&mut lu.li, &mut lu.ui] {
        v.reserve(est);
    }
    for v in [&mut lu.lx, &mut lu.ux] {
        v.reserve(est);
    }
    ws.mark[..n].fill(NONE);
    ws.lpend.clear();
    ws.pruned.clear();
    for k in 0..n {
        let colmax = scatter_and_reach(blk, data, lu, ws, k);
        let ustart = lu.ui.len();
        eliminate(lu, ws);
        let piv = choose_pivot(lu, ws, k, colmax, opts)?;
        prune(lu, ws, ustart, piv);
    }
    // Rows of L become pivot steps, the numbering every later use wants.
    for r in lu.li.iter_mut() {
        *r = lu.pinv[*r as usize] as Idx;
    }
    Ok(())
}

/// Scatters B(:, k) into `ws.x` and finds the rows it reaches: pivotal ones in `ws.post`
/// (reverse topological order), the others in `ws.cand`. Returns max |B(:, k)|.
fn scatter_and_reach(blk: &CoupledBlock, data: &[f64], lu: &BlockLu, ws: &mut Workspace, k: usize) -> f64 {
    ws.post.clear();
    ws.cand.clear();
    let mut colmax = 0.0f64;
    for p in blk.ap[k]..blk.ap[k + 1] {
        let i = blk.ai[p];
        let v = data[blk.asrc[p]];
        ws.x[i] += v;
        colmax = colmax.max(v.abs());
        if ws.mark[i] == k {
            continue;
        }
        ws.mark[i] = k;
        if lu.pinv[i] == NONE {
            ws.cand.push(i);
        } else {
            dfs(lu, ws, k, i);
        }
    }
    colmax
}

/// Iterative depth-first search in the graph of L from the pivotal row `root`.
fn dfs(lu: &BlockLu, ws: &mut Workspace, k: usize, root: usize) {
    ws.stack.push((root, lu.lp[lu.pinv[root]]));
    while let Some(&(j, start)) = ws.stack.last() {
        let end = ws.lpend[lu.pinv[j]];
        let mut next = NONE;
        let mut p = start;
        while p < end {
            let r = lu.li[p] as usize;
            p += 1;
            if ws.mark[r] == k {
                continue;
            }
            ws.mark[r] = k;
            if lu.pinv[r] == NONE {
                ws.cand.push(r);
            } else {
                next = r;
                break;
            }
        }
        if next == NONE {
            ws.stack.pop();
            ws.post.push(j);
        } else {
            let top = ws.stack.len() - 1;
            ws.stack[top].1 = p;
            ws.stack.push((next, lu.lp[lu.pinv[next]]));
        }
    }
}

/// Sparse triangular solve over the reached pivotal rows; records U(:, k).
fn eliminate(lu: &mut BlockLu, ws: &mut Workspace) {
    for &j in ws.post.iter().rev() {
        let s = lu.pinv[j];
        let u = ws.x[j];
        ws.x[j] = 0.0;
        lu.ui.push(s as Idx);
        lu.ux.push(u);
        if u != 0.0 {
            let range = lu.lp[s]..lu.lp[s + 1];
            for (&i, &l) in lu.li[range.clone()].iter().zip(&lu.lx[range]) {
                ws.x[i as usize] -= l * u;
            }
        }
    }
    lu.up.push(lu.ui.len());
}

/// Picks the pivot of step `k` among the candidate rows (the diagonal if it is large enough),
/// then stores L(:, k).
fn choose_pivot(
    lu: &mut BlockLu,
    ws: &mut Workspace,
    k: usize,
    colmax: f64,
    opts: &SolverOptions,
) -> Result<usize, usize> {
    let mut amax = 0.0f64;
    let mut best = NONE;
    for &i in &ws.cand {
        let v = ws.x[i].abs();
        if v > amax || best == NONE {
            amax = v;
            best = i;
        }
    }
    // Written so that a NaN magnitude also counts as singular.
    if best == NONE || amax.partial_cmp(&(opts.singular_tolerance * colmax)) != Some(std::cmp::Ordering::Greater) {
        for &i in &ws.cand {
            ws.x[i] = 0.0;
        }
        return Err(k);
    }
    // The diagonal (local row k, the ordering being symmetric) wins when acceptable.
    let piv =
        if lu.pinv[k] == NONE && ws.mark[k] == k && ws.x[k].abs() >= opts.pivot_tolerance * amax { k } else { best };
    let pivot = ws.x[piv];
    for &i in &ws.cand {
        if i != piv {
            lu.li.push(i as Idx);
            lu.lx.push(ws.x[i] / pivot);
        }
        ws.x[i] = 0.0;
    }
    lu.lp.push(lu.li.len());
    ws.lpend.push(lu.li.len());
    ws.pruned.push(false);
    lu.udiag[k] = pivot;
    lu.pinv[piv] = k;
    lu.prow[k] = piv;
    Ok(piv)
}

/// Symmetric pruning (Eisenstat and Liu): once U(s, k) and L(piv, s) are both nonzero, every
/// not-yet-pivotal row of L(:, s) is also reached through column k, so later searches need only
/// the pivotal rows of L(:, s). They are moved to the front and the search stops at `lpend[s]`.
fn prune(lu: &mut BlockLu, ws: &mut Workspace, ustart: usize, piv: usize) {
    for q in ustart..lu.ui.len() {
        let s = lu.ui[q] as usize;
        if ws.pruned[s] {
            continue;
        }
        let (start, end) = (lu.lp[s], lu.lp[s + 1]);
        if !lu.li[start..end].contains(&(piv as Idx)) {
            continue;
        }
        let (mut head, mut tail) = (start, end);
        while head < tail {
            if lu.pinv[lu.li[head] as usize] != NONE {
                head += 1;
            } else {
                tail -= 1;
                lu.li.swap(head, tail);
                lu.lx.swap(head, tail);
            }
        }
        ws.lpend[s] = tail;
        ws.pruned[s] = true;
    }
}
