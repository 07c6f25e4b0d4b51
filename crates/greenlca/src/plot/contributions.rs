//! Horizontal bars of the largest contributors, the others summed into a "rest" bar.

use super::PlotOptions;
use super::check::Check;
use super::frame::{Sizes, colors};
use super::rows::{RowSpec, rows};
use super::scale::compact;
use super::scene::{HAlign, Label, Scene, Stroke, VAlign, ink};
use super::text;
use crate::error::Result;

/// Horizontal bars of the top contributors, largest (by absolute value) at the top, with the value
/// and unit written at the end of each bar (and the share of the total when no value is negative).
/// Pass all contributions: when there are more than fit the height (at most 25), the smallest are
/// summed into a grey `rest (N others)` bar at the bottom. The unit is taken from the last
/// bracketed part of `x_label`, e.g. `kg CO2-eq` from `"GWP100 [kg CO2-eq]"`.
///
/// Fails when `items` is empty or a value is not finite.
pub fn horizontal_bars(title: &str, x_label: &str, items: &[(String, f64)], opts: &PlotOptions) -> Result<Vec<u8>> {
    super::finish(scene(title, x_label, items, opts)?, opts)
}

/// A share of the total with one decimal, e.g. `45.8%`; tiny shares as `<0.1%`.
fn share(fraction: f64) -> String {
    let p = fraction * 100.0;
    if p < 0.05 { "<0.1%".to_string() } else { format!("{p:.1}%") }
}

/// The items to draw: the largest `max_rows - 1` and a rest bar, or all when they fit.
fn top_and_rest(items: &[(String, f64)], max_rows: usize) -> Vec<(String, f64, bool)> {
    let mut order: Vec<usize> = (0..items.len()).collect();
    order.sort_by(|&a, &b| items[b].1.abs().total_cmp(&items[a].1.abs()));
    if items.len() <= max_rows {
        return order.into_iter().map(|i| (items[i].0.clone(), items[i].1, false)).collect();
    }
    let keep = max_rows - 1;
    let mut out: Vec<(String, f64, bool)> =
        order[..keep].iter().map(|&i| (items[i].0.clone(), items[i].1, false)).collect();
    let rest: f64 = order[keep..].iter().map(|&i| items[i].1).sum();
    out.push((format!("rest ({} others)", items.len() - keep), rest, true));
    out
}

pub(crate) fn scene(title: &str, x_label: &str, items: &[(String, f64)], opts: &PlotOptions) -> Result<Scene> {
    let check = Check::new("contribution bars", title, opts)?;
    check.not_empty(items.len(), "contributions", "pass at least one (name, value) pair")?;
    for (name, v) in items {
        check.finite(*v, || format!("the contribution of `{name}`"))?;
    }
    let mut scene = Scene::new(opts.width as f64, opts.height as f64, title);
    let sz = Sizes::new(scene.width, scene.height);
    let max_rows = ((scene.height - sz.pad * 10.0) / (sz.tick * 1.7)).floor().clamp(3.0, 25.0) as usize;
    let shown = top_and_rest(items, max_rows);
    let total: f64 = items.iter().map(|(_, v)| v).sum();
    let shares = items.iter().all(|(_, v)| *v >= 0.0) && total > 0.0;
    let unit = text::unit_of(x_label).map(|u| format!(" {u}")).unwrap_or_default();
    let values: Vec<String> = shown
        .iter()
        .map(|(_, v, _)| {
            let share = if shares { format!(" ({})", share(v / total)) } else { String::new() };
            format!("{}{unit}{share}", compact(*v))
        })
        .collect();
    let labels: Vec<String> = shown.iter().map(|(l, _, _)| l.clone()).collect();
    let lo = shown.iter().map(|s| s.1).fold(0.0, f64::min);
    let hi = shown.iter().map(|s| s.1).fold(0.0, f64::max);
    let gap = sz.gap;
    let value_w = |em: f64| {
        let w = |neg: bool| {
            shown
                .iter()
                .zip(&values)
                .filter(|(s, _)| (s.1 < 0.0) == neg)
                .map(|(_, t)| text::width(t, em, false))
                .fold(0.0, |m: f64, x| m.max(x + gap))
        };
        (w(true), w(false))
    };
    let spec = RowSpec { title, x_label, labels: &labels, extent: (lo, hi), pad_px: (0.0, 0.0), legend: Vec::new() };
    let f = rows(&mut scene, &spec, &value_w);
    let bar_h = f.bar_height();
    for (i, ((_, v, rest), label)) in shown.iter().zip(values).enumerate() {
        let y = f.center(i);
        let color = if *rest {
            colors::GREY
        } else if *v < 0.0 {
            colors::GREEN
        } else {
            colors::BLUE
        };
        scene.rect((f.x(0.0), y - bar_h / 2.0), (f.x(*v), y + bar_h / 2.0), color, None);
        let (x, h) = if *v < 0.0 { (f.x(*v) - gap, HAlign::Right) } else { (f.x(*v) + gap, HAlign::Left) };
        scene.text(Label::new(label, x, y, f.em, h, VAlign::Center));
    }
    let x0 = f.x(0.0);
    scene.line((x0, f.y0), (x0, f.y1), Stroke::solid(ink::AXIS, 1.0));
    Ok(scene)
}

#[cfg(test)]
mod tests {
    use super::super::scene::checks::assert_readable;
    use super::*;

    #[test]
    fn the_smallest_are_summed_into_rest() {
        let items: Vec<(String, f64)> = (0..10).map(|i| (format!("p{i}"), i as f64)).collect();
        let shown = top_and_rest(&items, 4);
        assert_eq!(shown.len(), 4);
        assert_eq!(shown[0].0, "p9");
        assert_eq!(shown[3], ("rest (7 others)".to_string(), 21.0, true));
        assert_eq!(top_and_rest(&items, 10).len(), 10);
        assert_eq!(share(0.4581), "45.8%");
        assert_eq!(share(0.0004), "<0.1%");
    }

    #[test]
    fn many_long_labels_are_readable() {
        let items: Vec<(String, f64)> = (0..60)
            .map(|i| (format!("market for electricity, medium voltage, region {i} | cut-off"), (i as f64 - 5.0) * 1e-3))
            .collect();
        assert_readable(&scene("t", "GWP [kg CO2-eq]", &items, &PlotOptions::default()).unwrap());
        let one = vec![("only".to_string(), 0.0)];
        assert_readable(&scene("t", "x", &one, &PlotOptions::default()).unwrap());
    }
}
