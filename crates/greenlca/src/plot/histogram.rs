//! Histogram of Monte Carlo samples with lines at the mean, median and 95 % interval.

use super::PlotOptions;
use super::check::Check;
use super::frame::{Entry, Swatch, colors};
use super::scale::{compact, widen};
use super::scene::{Scene, Stroke, ink};
use super::stats::{mean, quantile, sorted};
use super::xy::{XySpec, xy};
use crate::error::Result;

/// Histogram of `samples` with vertical lines at the mean (solid), the median (dashed) and the
/// 2.5th and 97.5th percentiles (dotted), and optionally a reference line (e.g. a specification
/// limit) named by the first element of `reference`; the legend gives each value and the number
/// of samples. `bins = 0` picks a bin count from the data (Freedman-Diaconis, 5 to 80 bins);
/// otherwise the count is capped at one bin per two pixels of plot width.
///
/// Fails when `samples` is empty or holds a value that is not finite, or when the reference
/// value is not finite.
pub fn histogram(
    title: &str,
    x_label: &str,
    samples: &[f64],
    bins: usize,
    reference: Option<(String, f64)>,
    opts: &PlotOptions,
) -> Result<Vec<u8>> {
    super::finish(scene(title, x_label, samples, bins, reference, opts)?, opts)
}

/// Number of bins for sorted samples `s` over a range `width` wide.
fn auto_bins(s: &[f64], width: f64) -> usize {
    let n = s.len() as f64;
    let iqr = quantile(s, 0.75) - quantile(s, 0.25);
    let fd = if iqr > 0.0 { (width / (2.0 * iqr * n.powf(-1.0 / 3.0))).ceil() } else { n.log2().ceil() + 1.0 };
    fd.clamp(5.0, 80.0) as usize
}

pub(crate) fn scene(
    title: &str,
    x_label: &str,
    samples: &[f64],
    bins: usize,
    reference: Option<(String, f64)>,
    opts: &PlotOptions,
) -> Result<Scene> {
    let check = Check::new("histogram", title, opts)?;
    check.not_empty(samples.len(), "samples", "run the Monte Carlo analysis with at least one iteration")?;
    for (i, v) in samples.iter().enumerate() {
        check.finite(*v, || format!("sample {}", i + 1))?;
    }
    if let Some((name, v)) = &reference {
        check.finite(*v, || format!("the reference value `{name}`"))?;
    }
    let s = sorted(samples);
    let (lo, hi) = widen(s[0], s[s.len() - 1]);
    let bins = if bins == 0 { auto_bins(&s, hi - lo) } else { bins.min((opts.width / 2) as usize).max(1) };
    let bw = (hi - lo) / bins as f64;
    let mut counts = vec![0usize; bins];
    for v in &s {
        counts[(((v - lo) / bw).floor().max(0.0) as usize).min(bins - 1)] += 1;
    }
    let stats = [
        ("mean", mean(&s), Stroke::solid(colors::VERMILLION, 2.0)),
        ("median", quantile(&s, 0.5), Stroke::dashed(colors::BLUE, 2.0, 7.0, 4.0)),
        ("2.5th percentile", quantile(&s, 0.025), Stroke::dashed(colors::GREEN, 2.0, 2.0, 3.0)),
        ("97.5th percentile", quantile(&s, 0.975), Stroke::dashed(colors::GREEN, 2.0, 2.0, 3.0)),
    ];
    let ref_stroke = Stroke::dashed(colors::BLACK, 2.5, 10.0, 3.0);
    let mut lines: Vec<(String, f64, Stroke)> =
        stats.iter().map(|(n, v, st)| (format!("{n} {}", compact(*v)), *v, *st)).collect();
    if let Some((name, v)) = &reference {
        lines.push((format!("{} {}", name.trim(), compact(*v)), *v, ref_stroke));
    }
    let mut legend: Vec<Entry> = lines.iter().map(|(l, _, st)| Entry::new(l.clone(), Swatch::Line(*st))).collect();
    legend.push(Entry::new(format!("n = {}", s.len()), Swatch::Note));
    let ref_v = reference.as_ref().map(|r| r.1);
    let x_extent = (ref_v.map_or(lo, |r| r.min(lo)), ref_v.map_or(hi, |r| r.max(hi)));
    let top = *counts.iter().max().unwrap_or(&1) as f64;
    let mut scene = Scene::new(opts.width as f64, opts.height as f64, title);
    let spec = XySpec {
        title,
        x_label,
        y_label: opts.word("number of samples", "样本数"),
        x_extent,
        y_extent: (0.0, top),
        legend,
    };
    let f = xy(&mut scene, &spec);
    let fill = colors::SKY.tint(0.35);
    for (i, c) in counts.iter().enumerate() {
        if *c > 0 {
            let a = lo + bw * i as f64;
            scene.rect((f.x(a), f.y(0.0)), (f.x(a + bw), f.y(*c as f64)), fill, Some(Stroke::solid(ink::WHITE, 1.0)));
        }
    }
    for (_, v, st) in &lines {
        let x = f.x(*v);
        scene.line((x, f.y1), (x, f.y0), *st);
    }
    Ok(scene)
}

#[cfg(test)]
mod tests {
    use super::super::scene::checks::assert_readable;
    use super::*;

    #[test]
    fn bins_cover_all_samples() {
        let s: Vec<f64> = (0..1000).map(|i| (i as f64 * 0.37).sin() * 3.0 + 10.0).collect();
        let sc = scene("t", "x [kg]", &s, 0, Some(("limit".into(), 14.0)), &PlotOptions::default()).unwrap();
        assert_readable(&sc);
        assert!(auto_bins(&sorted(&s), 6.0) >= 5);
    }

    #[test]
    fn constant_and_single_samples() {
        for s in [vec![5.0; 10], vec![0.0], vec![-1e-7, -2e-7]] {
            assert_readable(&scene("t", "x", &s, 10, None, &PlotOptions::default()).unwrap());
        }
    }
}
