//! Stacked bars: one bar per group, stacked by series; negative parts below zero; the net total
//! marked on each bar.

use super::check::Check;
use super::columns::{ColumnSpec, columns};
use super::frame::{Entry, Sizes, Swatch, colors, diamond, palette};
use super::scale::compact;
use super::scene::{HAlign, Label, Scene, Stroke, VAlign, ink};
use super::text::{self, LINE_HEIGHT};
use super::{PlotOptions, Series};
use crate::error::Result;

/// Stacked bars: one bar per group (variant or category), stacked by series (life-cycle stages);
/// negative parts (recycling credits) stack below zero; a black diamond marks the net total of
/// each bar, with its value written above the bar (below it when the bar is wholly negative).
///
/// `y_label` is the value axis title with its unit, e.g. `"GWP100 [kg CO2-eq]"`. Each series
/// holds one value per group. Fails when there are no groups or series, when a series has the
/// wrong number of values, or when a value is not finite.
pub fn stacked_bars(
    title: &str,
    y_label: &str,
    groups: &[String],
    series: &[Series],
    opts: &PlotOptions,
) -> Result<Vec<u8>> {
    super::finish(scene(title, y_label, groups, series, opts)?, opts)
}

/// The size that fits every text in `max_w` pixels, at most `em`; `None` below a legible size.
pub(crate) fn fit_em(texts: &[String], max_w: f64, em: f64) -> Option<f64> {
    let widest = texts.iter().map(|t| text::width(t, em, false)).fold(0.0, f64::max);
    let fit = if widest <= max_w { em } else { em * max_w / widest };
    (fit >= em * 0.7).then_some(fit)
}

pub(crate) fn scene(
    title: &str,
    y_label: &str,
    groups: &[String],
    series: &[Series],
    opts: &PlotOptions,
) -> Result<Scene> {
    let check = Check::new("stacked bars", title, opts)?;
    check.not_empty(groups.len(), "groups", "pass one group (variant or category) per bar")?;
    check.not_empty(series.len(), "series", "pass at least one series, e.g. one per life-cycle stage")?;
    for s in series {
        let what = format!("series `{}`", s.name);
        check.same_len(s.values.len(), groups.len(), &what, "give one value per group, in the order of the groups")?;
        for (g, v) in groups.iter().zip(&s.values) {
            check.finite(*v, || format!("the value of series `{}` for group `{g}`", s.name))?;
        }
    }
    let n = groups.len();
    let sum = |g: usize, keep: fn(f64) -> bool| series.iter().map(|s| s.values[g]).filter(|v| keep(*v)).sum::<f64>();
    let pos: Vec<f64> = (0..n).map(|g| sum(g, |v| v > 0.0)).collect();
    let neg: Vec<f64> = (0..n).map(|g| sum(g, |v| v < 0.0)).collect();
    let net: Vec<f64> = (0..n).map(|g| pos[g] + neg[g]).collect();
    let above: Vec<bool> = (0..n).map(|g| pos[g] > 0.0 || neg[g] == 0.0).collect();

    let mut scene = Scene::new(opts.width as f64, opts.height as f64, title);
    let sz = Sizes::new(scene.width, scene.height);
    let marker = sz.value * 0.5;
    let label_room = sz.value * LINE_HEIGHT + marker + 2.0;
    let pad_hi = if above.iter().any(|a| *a) { label_room } else { 0.0 };
    let pad_lo = if above.iter().any(|a| !*a) { label_room } else { 0.0 };
    let lo = neg.iter().copied().fold(0.0, f64::min);
    let hi = pos.iter().copied().fold(0.0, f64::max);
    let mut legend: Vec<Entry> =
        series.iter().enumerate().map(|(i, s)| Entry::new(s.name.clone(), Swatch::Fill(palette(i)))).collect();
    legend.push(Entry::new(opts.word("net total", "净合计"), Swatch::Diamond(colors::BLACK)));
    let spec = ColumnSpec { title, y_label, categories: groups, extent: (lo, hi), pad_px: (pad_lo, pad_hi), legend };
    let f = columns(&mut scene, &spec);
    let bar_w = (f.slot() * 0.6).min(f.sz.pad * 7.0);
    let net_labels: Vec<String> = net.iter().map(|v| compact(*v)).collect();
    let label_em = fit_em(&net_labels, f.slot() - 2.0, sz.value);
    let separator = Some(Stroke::solid(ink::WHITE, 1.0));
    for g in 0..n {
        let (xa, xb) = (f.center(g) - bar_w / 2.0, f.center(g) + bar_w / 2.0);
        let (mut up, mut down) = (0.0, 0.0);
        for (i, s) in series.iter().enumerate() {
            let v = s.values[g];
            if v > 0.0 {
                scene.rect((xa, f.y(up)), (xb, f.y(up + v)), palette(i), separator);
                up += v;
            } else if v < 0.0 {
                scene.rect((xa, f.y(down)), (xb, f.y(down + v)), palette(i), separator);
                down += v;
            }
        }
    }
    f.zero_line(&mut scene);
    for g in 0..n {
        let x = f.center(g);
        diamond(&mut scene, x, f.y(net[g]), marker, colors::BLACK);
        let Some(em) = label_em else { continue };
        let label = net_labels[g].clone();
        if above[g] {
            let y = if net[g] < pos[g] { f.y(pos[g]) - 2.0 } else { f.y(net[g]) - marker - 2.0 };
            scene.text(Label::new(label, x, y, em, HAlign::Center, VAlign::Bottom));
        } else {
            let y = if net[g] > neg[g] { f.y(neg[g]) + 2.0 } else { f.y(net[g]) + marker + 2.0 };
            scene.text(Label::new(label, x, y, em, HAlign::Center, VAlign::Top));
        }
    }
    Ok(scene)
}

#[cfg(test)]
mod tests {
    use super::super::scene::checks::assert_readable;
    use super::*;

    fn names(v: &[&str]) -> Vec<String> {
        v.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn labels_do_not_overlap() {
        let groups = names(&["baseline design", "lightweight aluminium housing with recycled content", "B"]);
        let series = vec![
            Series { name: "raw materials".into(), values: vec![3.0, 2.0, 1e-6] },
            Series { name: "manufacturing".into(), values: vec![1.0, 1.5, 0.0] },
            Series { name: "end of life (recycling credits)".into(), values: vec![-0.5, -1.2, 0.0] },
        ];
        let s = scene("GWP\nper unit", "GWP [kg CO2-eq]", &groups, &series, &PlotOptions::default()).unwrap();
        assert_readable(&s);
        for n in (1..40).step_by(3).chain([75, 120, 300]) {
            let groups: Vec<String> = (0..n).map(|i| format!("category number {i} with a long name")).collect();
            let series = vec![Series { name: "x".into(), values: vec![1.0; n] }];
            let s = scene("t", "y", &groups, &series, &PlotOptions::default()).unwrap();
            assert_readable(&s);
        }
    }

    #[test]
    fn degenerate_inputs_render() {
        let g = names(&["only"]);
        for values in [vec![0.0], vec![-2.0], vec![1e-7]] {
            let series = vec![Series { name: "s".into(), values }];
            assert_readable(&scene("t", "y", &g, &series, &PlotOptions::default()).unwrap());
        }
    }
}
