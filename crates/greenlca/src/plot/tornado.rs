//! Tornado chart: the result when each parameter is set low and high, around the base result.

use super::check::Check;
use super::frame::{Entry, Swatch, colors};
use super::rows::{RowSpec, rows};
use super::scale::compact;
use super::scene::{HAlign, Label, Scene, Stroke, VAlign, ink};
use super::text;
use super::{PlotOptions, TornadoBar};
use crate::error::Result;

/// Tornado chart: for each parameter a bar from the base result to the result at the parameter's
/// low value (blue) and to the result at its high value (orange), sorted by swing
/// (`|high - low|`, largest at the top), with parameter names at the left, a line at the base
/// result and the end values (or `low_label`/`high_label`) beside the bar ends. When both ends lie
/// on the same side of the base, the shorter bar is drawn thinner on top of the longer one and the
/// end text reads `low / high`.
///
/// Fails when `bars` is empty or a value is not finite.
pub fn tornado(title: &str, x_label: &str, base: f64, bars: &[TornadoBar], opts: &PlotOptions) -> Result<Vec<u8>> {
    super::finish(scene(title, x_label, base, bars, opts)?, opts)
}

/// The texts left and right of one bar.
fn end_texts(b: &TornadoBar, base: f64) -> (Option<String>, Option<String>) {
    let low = text::clean(&b.low_label.clone().unwrap_or_else(|| compact(b.low)), false);
    let high = text::clean(&b.high_label.clone().unwrap_or_else(|| compact(b.high)), false);
    let side = |v: f64, other: f64| {
        if v < base || (v == base && other > base) { -1 } else { 1 }
    };
    match (side(b.low, b.high), side(b.high, b.low)) {
        (-1, 1) => (Some(low), Some(high)),
        (1, -1) => (Some(high), Some(low)),
        (-1, -1) => (Some(format!("{low} / {high}")), None),
        _ => (None, Some(format!("{low} / {high}"))),
    }
}

pub(crate) fn scene(title: &str, x_label: &str, base: f64, bars: &[TornadoBar], opts: &PlotOptions) -> Result<Scene> {
    let check = Check::new("tornado", title, opts)?;
    check.not_empty(bars.len(), "parameters", "pass one bar per parameter varied")?;
    check.finite(base, || "the base result".to_string())?;
    for b in bars {
        check.finite(b.low, || format!("the low result of `{}`", b.label))?;
        check.finite(b.high, || format!("the high result of `{}`", b.label))?;
    }
    let mut sorted: Vec<&TornadoBar> = bars.iter().collect();
    sorted.sort_by(|a, b| (b.high - b.low).abs().total_cmp(&(a.high - a.low).abs()));
    let texts: Vec<(Option<String>, Option<String>)> = sorted.iter().map(|b| end_texts(b, base)).collect();
    let lo = sorted.iter().flat_map(|b| [b.low, b.high]).fold(base, f64::min);
    let hi = sorted.iter().flat_map(|b| [b.low, b.high]).fold(base, f64::max);

    let mut scene = Scene::new(opts.width as f64, opts.height as f64, title);
    let gap = super::frame::Sizes::new(scene.width, scene.height).gap;
    let value_w = |em: f64| {
        let w = |t: &Option<String>| t.as_ref().map_or(0.0, |t| text::width(t, em, false) + gap);
        texts.iter().fold((0.0f64, 0.0f64), |(l, r), (a, b)| (l.max(w(a)), r.max(w(b))))
    };
    let labels: Vec<String> = sorted.iter().map(|b| b.label.clone()).collect();
    let legend = vec![
        Entry::new(opts.word("low value", "低值"), Swatch::Fill(colors::BLUE)),
        Entry::new(opts.word("high value", "高值"), Swatch::Fill(colors::ORANGE)),
        Entry::new(format!("base {}", compact(base)), Swatch::Line(Stroke::solid(ink::TEXT, 1.5))),
    ];
    let spec = RowSpec { title, x_label, labels: &labels, extent: (lo, hi), pad_px: (0.0, 0.0), legend };
    let f = rows(&mut scene, &spec, &value_w);
    let bar_h = f.bar_height();
    let xb = f.x(base);
    for (i, (b, (left, right))) in sorted.iter().zip(texts).enumerate() {
        let y = f.center(i);
        let mut parts = [(b.low, colors::BLUE), (b.high, colors::ORANGE)];
        // The longer part first, so that a shorter one on the same side stays visible on top.
        parts.sort_by(|a, c| (c.0 - base).abs().total_cmp(&(a.0 - base).abs()));
        let same_side = (b.low - base) * (b.high - base) > 0.0;
        for (k, (v, color)) in parts.iter().enumerate() {
            let h = if same_side && k == 1 { bar_h * 0.5 } else { bar_h };
            scene.rect((xb, y - h / 2.0), (f.x(*v), y + h / 2.0), *color, None);
        }
        let (min, max) = (b.low.min(b.high).min(base), b.low.max(b.high).max(base));
        if let Some(t) = left {
            scene.text(Label::new(t, f.x(min) - gap, y, f.em, HAlign::Right, VAlign::Center));
        }
        if let Some(t) = right {
            scene.text(Label::new(t, f.x(max) + gap, y, f.em, HAlign::Left, VAlign::Center));
        }
    }
    f.vline(&mut scene, base, Stroke::solid(ink::TEXT, 1.5));
    Ok(scene)
}

#[cfg(test)]
mod tests {
    use super::super::scene::checks::assert_readable;
    use super::*;

    fn bar(label: &str, low: f64, high: f64) -> TornadoBar {
        TornadoBar { label: label.into(), low, high, low_label: None, high_label: None }
    }

    #[test]
    fn end_texts_follow_the_sides() {
        assert_eq!(end_texts(&bar("a", 1.0, 3.0), 2.0), (Some("1".into()), Some("3".into())));
        assert_eq!(end_texts(&bar("a", 3.0, 1.0), 2.0), (Some("1".into()), Some("3".into())));
        assert_eq!(end_texts(&bar("a", 2.5, 3.0), 2.0), (None, Some("2.5 / 3".into())));
        assert_eq!(end_texts(&bar("a", 2.0, 2.0), 2.0), (None, Some("2 / 2".into())));
        assert_eq!(end_texts(&bar("a", 2.0, 1.0), 2.0), (Some("1".into()), Some("2".into())));
    }

    #[test]
    fn readable_with_mixed_bars() {
        let mut bars = vec![
            bar("electricity use in manufacturing", 9.0, 12.5),
            bar("transport distance", 10.2, 10.9),
            bar("recycling rate", 11.0, 9.5),
            bar("same side", 10.5, 11.5),
            bar("no effect", 10.0, 10.0),
        ];
        bars[0].low_label = Some("0.8 kWh".into());
        bars[0].high_label = Some("1.2 kWh".into());
        assert_readable(&scene("t\nper kg", "GWP [kg CO2-eq]", 10.0, &bars, &PlotOptions::default()).unwrap());
    }
}
