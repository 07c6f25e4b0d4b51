//! The frame of a chart with one labelled row per item and values to the right (contributions,
//! tornado): the left margin fits the longest label (shortened with an ellipsis past a limit).

use super::frame::{Entry, Legend, Sizes, title_block};
use super::scale::{self, Axis};
use super::scene::{HAlign, Label, Scene, Stroke, VAlign, ink};
use super::text::{self, LINE_HEIGHT};

/// What to lay out.
pub(crate) struct RowSpec<'a> {
    pub title: &'a str,
    pub x_label: &'a str,
    pub labels: &'a [String],
    /// Smallest and largest value to show.
    pub extent: (f64, f64),
    /// Pixels to keep free left and right of the data for value labels.
    pub pad_px: (f64, f64),
    pub legend: Vec<Entry>,
}

/// The laid-out frame.
pub(crate) struct Rows {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    pub axis: Axis,
    pub n: usize,
    /// Size of the row labels, which is also right for value labels beside the bars.
    pub em: f64,
}

impl Rows {
    /// Pixel column of value `v`.
    pub(crate) fn x(&self, v: f64) -> f64 {
        self.axis.map(v, self.x0, self.x1)
    }
    /// Height of one row.
    pub(crate) fn slot(&self) -> f64 {
        (self.y1 - self.y0) / self.n as f64
    }
    /// Centre of row `i` (row 0 at the top).
    pub(crate) fn center(&self, i: usize) -> f64 {
        self.y0 + self.slot() * (i as f64 + 0.5)
    }
    /// Thickness of a bar in a row.
    pub(crate) fn bar_height(&self) -> f64 {
        (self.slot() * 0.66).min(self.em * 3.2)
    }
    /// Draws a vertical line at value `v` across the plot.
    pub(crate) fn vline(&self, scene: &mut Scene, v: f64, stroke: Stroke) {
        let x = self.x(v);
        scene.line((x, self.y0), (x, self.y1), stroke);
    }
}

/// The row-label size for rows `slot` pixels high.
pub(crate) fn row_em(slot: f64, sz: &Sizes) -> f64 {
    (slot / 1.35).clamp(sz.tick * 0.6, sz.tick)
}

/// Row labels at most `max_w` wide: wrapped onto as many lines as rows `slot` high hold (up to
/// three), else on one line shortened in the middle.
fn row_labels(labels: &[String], max_w: f64, slot: f64, em: f64) -> Vec<Vec<String>> {
    let fit = ((slot * 0.9) / (em * LINE_HEIGHT)).floor().clamp(1.0, 3.0) as usize;
    labels
        .iter()
        .map(|l| {
            let l = text::clean(l, false);
            if fit == 1 {
                vec![text::ellipsize_middle(&l, max_w, em, false)]
            } else {
                text::wrap(&l, max_w, em, false, fit).0
            }
        })
        .collect()
}

/// Lays out and draws the frame: title, legend, grid, value axis, its title and the row labels.
/// `value_w` gives the width of the value labels for a label size (to size the padding).
pub(crate) fn rows(scene: &mut Scene, spec: &RowSpec, value_w: &dyn Fn(f64) -> (f64, f64)) -> Rows {
    let sz = Sizes::new(scene.width, scene.height);
    let (w, h) = (scene.width, scene.height);
    let n = spec.labels.len().max(1);
    let top = title_block(scene, spec.title, &sz);
    let legend = Legend::new(spec.legend.clone(), w * 0.24, &sz);
    let bottom = sz.pad + sz.axis * LINE_HEIGHT + sz.gap + sz.tick * LINE_HEIGHT + sz.tick_len;
    let y1 = (h - bottom).max(top + h * 0.2);
    let em = row_em((y1 - top) / n as f64, &sz);
    let labels = row_labels(spec.labels, w * 0.36, (y1 - top) / n as f64, em);
    let label_w = labels.iter().flatten().map(|l| text::width(l, em, false)).fold(0.0, f64::max);
    let x0 = sz.pad + label_w + sz.gap * 1.5;
    let mut right = if legend.width > 0.0 { w - sz.pad - legend.width - sz.pad * 1.5 } else { w - sz.pad };
    let (pad_l, pad_r) = value_w(em);
    // A little air between the value labels and the frame.
    let air = |p: f64| if p > 0.0 { p + sz.gap } else { 0.0 };
    let (pad_l, pad_r) = (air(pad_l + spec.pad_px.0), air(pad_r + spec.pad_px.1));
    // Fewer ticks until their labels have room; keep the last label inside the picture.
    let mut max_ticks = 10;
    let mut axis;
    loop {
        axis = scale::axis(spec.extent.0, spec.extent.1, max_ticks, right - x0, pad_l, pad_r);
        let widest = axis.labels.iter().map(|l| text::width(l, sz.tick, false)).fold(0.0, f64::max);
        let room = (right - x0) / axis.ticks.len().max(1) as f64;
        let last_half = axis.labels.last().map_or(0.0, |l| text::width(l, sz.tick, false) / 2.0);
        right = right.min(w - sz.pad - last_half);
        if widest + sz.tick * 1.5 <= room || max_ticks <= 2 {
            break;
        }
        max_ticks -= 1;
    }
    let f = Rows { x0, x1: right, y0: top, y1, axis, n, em };

    for (t, label) in f.axis.ticks.iter().zip(&f.axis.labels) {
        let x = f.x(*t);
        scene.line((x, f.y0), (x, f.y1), Stroke::solid(ink::GRID, 1.0));
        scene.line((x, f.y1), (x, f.y1 + sz.tick_len), Stroke::solid(ink::AXIS, 1.0));
        scene.text(Label::new(
            label.clone(),
            x,
            f.y1 + sz.tick_len + sz.gap * 0.5,
            sz.tick,
            HAlign::Center,
            VAlign::Top,
        ));
    }
    scene.line((f.x0, f.y1), (f.x1, f.y1), Stroke::solid(ink::AXIS, 1.0));
    let x_title = text::ellipsize(&f.axis.title(&text::clean(spec.x_label, false)), f.x1 - f.x0, sz.axis, false);
    scene.text(Label::new(x_title, (f.x0 + f.x1) / 2.0, h - sz.pad, sz.axis, HAlign::Center, VAlign::Bottom));
    for (i, lines) in labels.into_iter().enumerate() {
        let first = f.center(i) - (lines.len() - 1) as f64 * em * LINE_HEIGHT / 2.0;
        for (k, l) in lines.into_iter().enumerate() {
            let y = first + k as f64 * em * LINE_HEIGHT;
            scene.text(Label::new(l, f.x0 - sz.gap * 1.5, y, em, HAlign::Right, VAlign::Center));
        }
    }
    legend.draw(scene, w - sz.pad - legend.width, top, &sz);
    f
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn row_labels_shrink_in_thin_rows() {
        let sz = Sizes::new(960.0, 540.0);
        assert_eq!(row_em(100.0, &sz), sz.tick);
        assert!(row_em(10.0, &sz) < sz.tick);
    }
}
