//! The frame of a chart with categories along the bottom and values upwards (bars, violins): lays
//! out the title, legend, value axis and category labels so that nothing overlaps.

use super::frame::{Entry, Legend, Sizes, title_block};
use super::scale::{self, Axis};
use super::scene::{HAlign, Label, Scene, Stroke, VAlign, ink};
use super::text::{self, LINE_HEIGHT};

/// What to lay out.
pub(crate) struct ColumnSpec<'a> {
    pub title: &'a str,
    pub y_label: &'a str,
    pub categories: &'a [String],
    /// Smallest and largest value to show.
    pub extent: (f64, f64),
    /// Pixels to keep free below and above the data for value labels.
    pub pad_px: (f64, f64),
    pub legend: Vec<Entry>,
}

/// The laid-out frame: where the plot area is and how values map to pixels.
pub(crate) struct Columns {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    pub axis: Axis,
    pub n: usize,
    pub sz: Sizes,
}

impl Columns {
    /// Pixel row of value `v`.
    pub(crate) fn y(&self, v: f64) -> f64 {
        self.axis.map(v, self.y1, self.y0)
    }
    /// Width of one category's slot.
    pub(crate) fn slot(&self) -> f64 {
        (self.x1 - self.x0) / self.n as f64
    }
    /// Centre of category `i`.
    pub(crate) fn center(&self, i: usize) -> f64 {
        self.x0 + self.slot() * (i as f64 + 0.5)
    }
    /// Draws the zero line (after the data, so that it is on top) when zero is in range.
    pub(crate) fn zero_line(&self, scene: &mut Scene) {
        if self.axis.lo < 0.0 && self.axis.hi > 0.0 {
            let y = self.y(0.0);
            scene.line((self.x0, y), (self.x1, y), Stroke::solid(ink::AXIS, 1.0));
        }
    }
}

/// Category labels laid out under the slots.
struct CategoryLabels {
    lines: Vec<Vec<String>>,
    vertical: bool,
    em: f64,
    height: f64,
    /// Only every `step`-th label is shown when the slots are too narrow for all.
    step: usize,
}

fn category_labels(cats: &[String], slot: f64, max_h: f64, sz: &Sizes) -> CategoryLabels {
    let em = sz.tick;
    let inner = slot - 2.0 * sz.gap;
    let cats: Vec<String> = cats.iter().map(|c| text::clean(c, true)).collect();
    let wrapped: Vec<(Vec<String>, bool)> = cats.iter().map(|c| text::wrap(c, inner.max(1.0), em, false, 3)).collect();
    let horizontal = |wrapped: Vec<(Vec<String>, bool)>| {
        let rows = wrapped.iter().map(|(l, _)| l.len()).max().unwrap_or(1);
        let lines = wrapped.into_iter().map(|(l, _)| l).collect();
        CategoryLabels { lines, vertical: false, em, height: rows as f64 * em * LINE_HEIGHT, step: 1 }
    };
    if inner > em * 2.0 && wrapped.iter().all(|(_, ok)| *ok) {
        return horizontal(wrapped);
    }
    // Wide slots: up to four lines, the last one shortened; easier to read than vertical text.
    if inner >= em * 6.0 {
        return horizontal(cats.iter().map(|c| text::wrap(c, inner, em, false, 4)).collect());
    }
    // Vertical labels, read bottom to top; smaller text, or every k-th label, in narrow slots.
    let min_em = sz.tick * 0.75;
    let em = (slot / LINE_HEIGHT).clamp(min_em, em);
    let step = (em * LINE_HEIGHT / slot).ceil().max(1.0) as usize;
    let lines: Vec<Vec<String>> =
        cats.iter().map(|c| vec![text::ellipsize_middle(&c.replace('\n', " "), max_h, em, false)]).collect();
    let height = lines.iter().step_by(step).map(|l| text::width(&l[0], em, false)).fold(0.0, f64::max);
    CategoryLabels { lines, vertical: true, em, height, step }
}

/// Lays out and draws the frame: title, legend, grid, value axis, axis titles and category labels.
pub(crate) fn columns(scene: &mut Scene, spec: &ColumnSpec) -> Columns {
    let sz = Sizes::new(scene.width, scene.height);
    let (w, h) = (scene.width, scene.height);
    let n = spec.categories.len().max(1);
    let top = title_block(scene, spec.title, &sz);
    let legend = Legend::new(spec.legend.clone(), w * 0.26, &sz);
    let right = if legend.width > 0.0 { w - sz.pad - legend.width - sz.pad * 1.5 } else { w - sz.pad };
    let y_title_w = sz.axis * LINE_HEIGHT;
    let max_label_h = (h - top) * 0.32;
    let mut bottom = sz.tick_len + sz.gap + sz.tick * LINE_HEIGHT + sz.pad;
    let mut axis;
    let mut left;
    let mut cats;
    let mut pass = 0;
    loop {
        let plot_h = (h - bottom - top).max(h * 0.2);
        let max_ticks = (plot_h / (sz.tick * 3.0)).floor().clamp(2.0, 10.0) as usize;
        axis = scale::axis(spec.extent.0, spec.extent.1, max_ticks, plot_h, spec.pad_px.0, spec.pad_px.1);
        let tick_w = axis.labels.iter().map(|l| text::width(l, sz.tick, false)).fold(0.0, f64::max);
        left = sz.pad + y_title_w + sz.gap + tick_w + sz.tick_len + sz.gap;
        cats = category_labels(spec.categories, (right - left) / n as f64, max_label_h, &sz);
        let new_bottom = sz.tick_len + sz.gap + cats.height + sz.pad;
        pass += 1;
        if (new_bottom - bottom).abs() < 0.5 || pass == 3 {
            bottom = new_bottom;
            break;
        }
        bottom = new_bottom;
    }
    let plot_h = (h - bottom - top).max(h * 0.2);
    let max_ticks = (plot_h / (sz.tick * 3.0)).floor().clamp(2.0, 10.0) as usize;
    axis = scale::axis(spec.extent.0, spec.extent.1, max_ticks, plot_h, spec.pad_px.0, spec.pad_px.1);
    let f = Columns { x0: left, x1: right, y0: top, y1: top + plot_h, axis, n, sz };

    // Grid and tick labels.
    for (t, label) in f.axis.ticks.iter().zip(&f.axis.labels) {
        let y = f.y(*t);
        scene.line((f.x0, y), (f.x1, y), Stroke::solid(ink::GRID, 1.0));
        scene.line((f.x0 - sz.tick_len, y), (f.x0, y), Stroke::solid(ink::AXIS, 1.0));
        scene.text(Label::new(label.clone(), f.x0 - sz.tick_len - sz.gap, y, sz.tick, HAlign::Right, VAlign::Center));
    }
    scene.line((f.x0, f.y0), (f.x0, f.y1), Stroke::solid(ink::AXIS, 1.0));
    scene.line((f.x0, f.y1), (f.x1, f.y1), Stroke::solid(ink::AXIS, 1.0));
    let y_title = text::ellipsize(&f.axis.title(&text::clean(spec.y_label, false)), plot_h, sz.axis, false);
    let ymid = (f.y0 + f.y1) / 2.0;
    scene.text(Label::new(y_title, sz.pad + y_title_w / 2.0, ymid, sz.axis, HAlign::Center, VAlign::Center).vertical());

    // Category labels.
    let label_top = f.y1 + sz.tick_len + sz.gap;
    for (i, lines) in cats.lines.iter().enumerate() {
        let x = f.center(i);
        scene.line((x, f.y1), (x, f.y1 + sz.tick_len), Stroke::solid(ink::AXIS, 1.0));
        if i % cats.step != 0 {
            continue;
        }
        if cats.vertical {
            scene.text(Label::new(lines[0].clone(), x, label_top, cats.em, HAlign::Right, VAlign::Center).vertical());
        } else {
            for (k, line) in lines.iter().enumerate() {
                let y = label_top + k as f64 * cats.em * LINE_HEIGHT;
                scene.text(Label::new(line.clone(), x, y, cats.em, HAlign::Center, VAlign::Top));
            }
        }
    }
    legend.draw(scene, w - sz.pad - legend.width, top, &sz);
    f
}
