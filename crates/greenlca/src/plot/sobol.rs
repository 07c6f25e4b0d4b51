//! Sobol sensitivity indices: first-order and total-effect bars with confidence intervals.

use super::PlotOptions;
use super::check::Check;
use super::columns::{ColumnSpec, columns};
use super::frame::{Entry, Swatch, colors};
use super::scene::{Scene, Stroke, ink};
use crate::error::Result;

/// Sobol indices: for each parameter a pair of bars, first-order index (blue) and total-effect
/// index (orange), each with a whisker over its confidence interval. `first[i]` and `total[i]`
/// are `(estimate, low, high)` for `params[i]`; parameters keep the order given (sort them by
/// total effect first if you want a ranking). The axis includes zero and the intervals, which may
/// reach below zero or above one with few samples.
///
/// Fails when `params` is empty, the lengths differ, or a number is not finite.
pub fn sobol_bars(
    title: &str,
    params: &[String],
    first: &[(f64, f64, f64)],
    total: &[(f64, f64, f64)],
    opts: &PlotOptions,
) -> Result<Vec<u8>> {
    super::finish(scene(title, params, first, total, opts)?, opts)
}

pub(crate) fn scene(
    title: &str,
    params: &[String],
    first: &[(f64, f64, f64)],
    total: &[(f64, f64, f64)],
    opts: &PlotOptions,
) -> Result<Scene> {
    let check = Check::new("Sobol indices", title, opts)?;
    check.not_empty(params.len(), "parameters", "pass one parameter per pair of bars")?;
    let hint = "give one (estimate, low, high) triple per parameter";
    check.same_len(first.len(), params.len(), "the first-order indices", hint)?;
    check.same_len(total.len(), params.len(), "the total-effect indices", hint)?;
    for (kind, list) in [("first-order", first), ("total-effect", total)] {
        for (p, (e, l, h)) in params.iter().zip(list) {
            for (which, v) in [("estimate", e), ("interval low", l), ("interval high", h)] {
                check.finite(*v, || format!("the {kind} {which} of `{p}`"))?;
            }
        }
    }
    let all = first.iter().chain(total).flat_map(|(e, l, h)| [*e, *l, *h]);
    let lo = all.clone().fold(0.0, f64::min);
    let hi = all.fold(0.0, f64::max);
    let legend = vec![
        Entry::new(opts.word("first order (S1)", "一阶指数 (S1)"), Swatch::Fill(colors::BLUE)),
        Entry::new(opts.word("total effect (ST)", "总效应指数 (ST)"), Swatch::Fill(colors::ORANGE)),
        Entry::new(opts.word("confidence interval", "置信区间"), Swatch::Whisker),
    ];
    let mut scene = Scene::new(opts.width as f64, opts.height as f64, title);
    let spec = ColumnSpec {
        title,
        y_label: opts.word("Sobol index", "Sobol指数"),
        categories: params,
        extent: (lo, hi),
        pad_px: (0.0, 0.0),
        legend,
    };
    let f = columns(&mut scene, &spec);
    let bar_w = (f.slot() * 0.36).min(f.sz.pad * 3.5);
    let cap = (bar_w * 0.25).max(2.0);
    let whisker = Stroke::solid(ink::TEXT, 1.3);
    for (i, (a, b)) in first.iter().zip(total).enumerate() {
        let cx = f.center(i);
        for (k, ((e, l, h), color)) in [(a, colors::BLUE), (b, colors::ORANGE)].into_iter().enumerate() {
            let x = cx + bar_w * (k as f64 - 1.0);
            scene.rect((x, f.y(0.0)), (x + bar_w, f.y(*e)), color, None);
            let xm = x + bar_w / 2.0;
            let (yl, yh) = (f.y(l.min(*h)), f.y(l.max(*h)));
            scene.line((xm, yl), (xm, yh), whisker);
            scene.line((xm - cap, yl), (xm + cap, yl), whisker);
            scene.line((xm - cap, yh), (xm + cap, yh), whisker);
        }
    }
    f.zero_line(&mut scene);
    Ok(scene)
}

#[cfg(test)]
mod tests {
    use super::super::scene::checks::assert_readable;
    use super::*;

    #[test]
    fn indices_render_and_lengths_are_checked() {
        let p: Vec<String> = ["electricity mix", "steel recycled content", "transport distance to customer"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let first = [(0.5, 0.42, 0.58), (0.2, 0.1, 0.3), (-0.01, -0.05, 0.03)];
        let total = [(0.6, 0.5, 0.7), (0.3, 0.2, 0.4), (0.02, 0.0, 0.05)];
        assert_readable(&scene("t", &p, &first, &total, &PlotOptions::default()).unwrap());
        let e = scene("t", &p, &first[..2], &total, &PlotOptions::default()).unwrap_err();
        assert!(e.message.contains("first-order indices has 2 values, expected 3"), "{e}");
    }
}
