//! Violin plots of sample distributions, one per group, side by side.

use super::PlotOptions;
use super::check::Check;
use super::columns::{ColumnSpec, columns};
use super::frame::{Entry, Swatch, palette};
use super::scene::{Item, Scene, Stroke, ink};
use super::stats::{density, quantile, sorted};
use crate::error::Result;

/// Violin plots side by side, one per group (e.g. per variant), from Monte Carlo samples: the
/// outline is a kernel density estimate (Gaussian kernel, Silverman's bandwidth) cut at the
/// smallest and largest sample, every violin scaled to the same width; inside, a dark box spans
/// the interquartile range, a whisker the 2.5th to 97.5th percentiles, and a white dot marks the
/// median. A group whose samples are all equal shows as a line.
///
/// Fails when `groups` is empty, a group has no samples, or a sample is not finite.
pub fn violins(title: &str, y_label: &str, groups: &[(String, Vec<f64>)], opts: &PlotOptions) -> Result<Vec<u8>> {
    super::finish(scene(title, y_label, groups, opts)?, opts)
}

pub(crate) fn scene(title: &str, y_label: &str, groups: &[(String, Vec<f64>)], opts: &PlotOptions) -> Result<Scene> {
    let check = Check::new("violins", title, opts)?;
    check.not_empty(groups.len(), "groups", "pass one (name, samples) pair per variant")?;
    for (name, xs) in groups {
        if xs.is_empty() {
            return Err(check.error(format!("group `{name}` has no samples"), "pass at least one sample per group"));
        }
        for (i, v) in xs.iter().enumerate() {
            check.finite(*v, || format!("sample {} of group `{name}`", i + 1))?;
        }
    }
    let data: Vec<Vec<f64>> = groups.iter().map(|(_, xs)| sorted(xs)).collect();
    let lo = data.iter().map(|s| s[0]).fold(f64::INFINITY, f64::min);
    let hi = data.iter().map(|s| s[s.len() - 1]).fold(f64::NEG_INFINITY, f64::max);
    let names: Vec<String> = groups.iter().map(|(n, _)| n.clone()).collect();
    let legend = vec![
        Entry::new(opts.word("median", "中位数"), Swatch::Dot(ink::WHITE)),
        Entry::new(opts.word("interquartile range", "四分位距"), Swatch::Fill(ink::AXIS)),
        Entry::new(opts.word("95% interval", "95%区间"), Swatch::Whisker),
    ];
    let mut scene = Scene::new(opts.width as f64, opts.height as f64, title);
    let spec = ColumnSpec { title, y_label, categories: &names, extent: (lo, hi), pad_px: (0.0, 0.0), legend };
    let f = columns(&mut scene, &spec);
    let half = (f.slot() * 0.42).min(f.sz.pad * 6.0);
    let box_half = (half * 0.12).max(2.0);
    for (g, s) in data.iter().enumerate() {
        let cx = f.center(g);
        let color = palette(g);
        match density(s, 120) {
            Some(d) => {
                let top = d.iter().map(|p| p.1).fold(0.0, f64::max);
                let mut pts: Vec<(f64, f64)> = d.iter().map(|(x, v)| (cx - half * v / top, f.y(*x))).collect();
                pts.extend(d.iter().rev().map(|(x, v)| (cx + half * v / top, f.y(*x))));
                scene.items.push(Item::Polygon { points: pts.clone(), fill: color, alpha: 0.45 });
                pts.push(pts[0]);
                scene.path(pts, Stroke::solid(color, 1.5));
            }
            None => scene.line((cx - half * 0.6, f.y(s[0])), (cx + half * 0.6, f.y(s[0])), Stroke::solid(color, 2.5)),
        }
        let q = |p: f64| f.y(quantile(s, p));
        let dark = Stroke::solid(ink::TEXT, 1.5);
        scene.line((cx, q(0.025)), (cx, q(0.975)), dark);
        for p in [0.025, 0.975] {
            scene.line((cx - box_half, q(p)), (cx + box_half, q(p)), dark);
        }
        scene.rect((cx - box_half, q(0.25)), (cx + box_half, q(0.75)), ink::AXIS, None);
        let r = (box_half * 0.75).max(2.5);
        scene.items.push(Item::Circle {
            x: cx,
            y: q(0.5),
            r,
            fill: Some(ink::WHITE),
            stroke: Some(Stroke::solid(ink::TEXT, 1.0)),
        });
    }
    f.zero_line(&mut scene);
    Ok(scene)
}

#[cfg(test)]
mod tests {
    use super::super::scene::checks::assert_readable;
    use super::*;

    #[test]
    fn groups_render_including_constant_ones() {
        let a: Vec<f64> = (0..500).map(|i| 10.0 + (i as f64 * 0.7).sin()).collect();
        let groups =
            vec![("baseline".to_string(), a), ("constant".to_string(), vec![9.0; 20]), ("one".into(), vec![11.0])];
        assert_readable(&scene("t\nper kg", "GWP [kg CO2-eq]", &groups, &PlotOptions::default()).unwrap());
    }

    #[test]
    fn empty_group_is_an_error() {
        let groups = vec![("a".to_string(), vec![])];
        let e = scene("t", "y", &groups, &PlotOptions::default()).unwrap_err();
        assert!(e.message.contains("group `a` has no samples"), "{e}");
    }
}
