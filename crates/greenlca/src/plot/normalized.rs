//! Grouped bars of results relative to a baseline (baseline = 100 %).

use super::PlotOptions;
use super::check::Check;
use super::columns::{ColumnSpec, columns};
use super::frame::{Entry, Swatch, palette};
use super::scale::percent;
use super::scene::{HAlign, Label, Scene, Stroke, VAlign, ink};
use super::stacked::fit_em;
use super::text::LINE_HEIGHT;
use crate::error::Result;

/// Grouped bars of values normalised to a baseline (baseline = 100 %): one group per impact
/// category, one bar per variant, with a dashed reference line at 100 %. `percent[v][c]` is the
/// result of variant `v` in category `c` in per cent of the baseline's. Bars are labelled with
/// their percentage when the labels fit above them.
///
/// Fails when there are no categories or variants, when the table's shape does not match the
/// names, or when a value is not finite.
pub fn normalized_bars(
    title: &str,
    categories: &[String],
    variants: &[String],
    percent: &[Vec<f64>],
    opts: &PlotOptions,
) -> Result<Vec<u8>> {
    super::finish(scene(title, categories, variants, percent, opts)?, opts)
}

pub(crate) fn scene(
    title: &str,
    categories: &[String],
    variants: &[String],
    values: &[Vec<f64>],
    opts: &PlotOptions,
) -> Result<Scene> {
    let check = Check::new("normalised bars", title, opts)?;
    check.not_empty(categories.len(), "impact categories", "pass one category per group of bars")?;
    check.not_empty(variants.len(), "variants", "pass one variant per bar in each group")?;
    check.same_len(values.len(), variants.len(), "the table of percentages", "give one row per variant")?;
    for (v, row) in variants.iter().zip(values) {
        let what = format!("the row of variant `{v}`");
        check.same_len(row.len(), categories.len(), &what, "give one percentage per category")?;
        for (c, x) in categories.iter().zip(row) {
            check.finite(*x, || format!("the percentage of variant `{v}` in category `{c}`"))?;
        }
    }
    let all = values.iter().flatten().copied();
    let lo = all.clone().fold(0.0, f64::min);
    let hi = all.fold(100.0, f64::max);

    let mut scene = Scene::new(opts.width as f64, opts.height as f64, title);
    let sz = super::frame::Sizes::new(scene.width, scene.height);
    let room = sz.value * LINE_HEIGHT + 2.0;
    let reference = Stroke::dashed(ink::TEXT, 1.5, 6.0, 4.0);
    let mut legend: Vec<Entry> =
        variants.iter().enumerate().map(|(i, v)| Entry::new(v.clone(), Swatch::Fill(palette(i)))).collect();
    legend.push(Entry::new(opts.word("baseline = 100%", "基准方案 = 100%"), Swatch::Line(reference)));
    let spec = ColumnSpec {
        title,
        y_label: opts.word("relative to baseline [%]", "相对于基准方案 [%]"),
        categories,
        extent: (lo, hi),
        pad_px: (if lo < 0.0 { room } else { 0.0 }, room),
        legend,
    };
    let f = columns(&mut scene, &spec);
    let nv = variants.len() as f64;
    let group_w = (f.slot() * 0.8).min(f.sz.pad * 4.0 * nv);
    let bar_w = group_w / nv;
    let labels: Vec<String> = values.iter().flatten().map(|x| percent(*x)).collect();
    let label_em = fit_em(&labels, bar_w + 1.0, sz.value);

    let y100 = f.y(100.0);
    for (v, row) in values.iter().enumerate() {
        for (c, x) in row.iter().enumerate() {
            let xa = f.center(c) - group_w / 2.0 + bar_w * v as f64;
            scene.rect((xa, f.y(0.0)), (xa + bar_w, f.y(*x)), palette(v), Some(Stroke::solid(ink::WHITE, 1.0)));
        }
    }
    f.zero_line(&mut scene);
    scene.line((f.x0, y100), (f.x1, y100), reference);
    if let Some(em) = label_em {
        for (v, row) in values.iter().enumerate() {
            // Bars at the baseline need no label: the reference line says 100 %.
            for (c, x) in row.iter().enumerate().filter(|(_, x)| (**x - 100.0).abs() > 1e-9) {
                let xm = f.center(c) - group_w / 2.0 + bar_w * (v as f64 + 0.5);
                let (y, anchor) =
                    if *x >= 0.0 { (f.y(*x) - 2.0, VAlign::Bottom) } else { (f.y(*x) + 2.0, VAlign::Top) };
                scene.text_on_white(Label::new(percent(*x), xm, y, em, HAlign::Center, anchor));
            }
        }
    }
    Ok(scene)
}

#[cfg(test)]
mod tests {
    use super::super::scene::checks::assert_readable;
    use super::*;

    #[test]
    fn wide_and_narrow_layouts_are_readable() {
        let cats: Vec<String> = ["climate change", "acidification", "eutrophication, freshwater", "water use"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let vars: Vec<String> = ["baseline", "variant A", "variant B"].iter().map(|s| s.to_string()).collect();
        let p = vec![vec![100.0; 4], vec![80.0, 120.0, 95.5, -10.0], vec![150.0, 99.0, 101.0, 300.0]];
        assert_readable(&scene("t\nper kg", &cats, &vars, &p, &PlotOptions::default()).unwrap());
        let opts = PlotOptions::default().with_size(480, 300);
        assert_readable(&scene("t", &cats, &vars, &p, &opts).unwrap());
    }
}
