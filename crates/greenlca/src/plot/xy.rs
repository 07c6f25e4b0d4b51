//! The frame of a chart with numbers on both axes (histogram).

use super::frame::{Entry, Legend, Sizes, title_block};
use super::scale::{self, Axis};
use super::scene::{HAlign, Label, Scene, Stroke, VAlign, ink};
use super::text::{self, LINE_HEIGHT};

/// What to lay out.
pub(crate) struct XySpec<'a> {
    pub title: &'a str,
    pub x_label: &'a str,
    pub y_label: &'a str,
    pub x_extent: (f64, f64),
    pub y_extent: (f64, f64),
    pub legend: Vec<Entry>,
}

/// The laid-out frame.
pub(crate) struct Xy {
    pub x0: f64,
    pub x1: f64,
    pub y0: f64,
    pub y1: f64,
    pub xa: Axis,
    pub ya: Axis,
}

impl Xy {
    /// Pixel column of `v`.
    pub(crate) fn x(&self, v: f64) -> f64 {
        self.xa.map(v, self.x0, self.x1)
    }
    /// Pixel row of `v`.
    pub(crate) fn y(&self, v: f64) -> f64 {
        self.ya.map(v, self.y1, self.y0)
    }
}

/// Lays out and draws the frame: title, legend, grid, both axes and their titles.
pub(crate) fn xy(scene: &mut Scene, spec: &XySpec) -> Xy {
    let sz = Sizes::new(scene.width, scene.height);
    let (w, h) = (scene.width, scene.height);
    let top = title_block(scene, spec.title, &sz);
    let legend = Legend::new(spec.legend.clone(), w * 0.28, &sz);
    let bottom = sz.pad + sz.axis * LINE_HEIGHT + sz.gap + sz.tick * LINE_HEIGHT + sz.tick_len;
    let y1 = (h - bottom).max(top + h * 0.2);
    let plot_h = y1 - top;
    let max_ticks = (plot_h / (sz.tick * 3.0)).floor().clamp(2.0, 10.0) as usize;
    let ya = scale::axis(spec.y_extent.0, spec.y_extent.1, max_ticks, plot_h, 0.0, 0.0);
    let tick_w = ya.labels.iter().map(|l| text::width(l, sz.tick, false)).fold(0.0, f64::max);
    let y_title_w = sz.axis * LINE_HEIGHT;
    let x0 = sz.pad + y_title_w + sz.gap + tick_w + sz.tick_len + sz.gap;
    let mut right = if legend.width > 0.0 { w - sz.pad - legend.width - sz.pad * 1.5 } else { w - sz.pad };
    let mut max_ticks = 10;
    let mut xa;
    loop {
        xa = scale::axis(spec.x_extent.0, spec.x_extent.1, max_ticks, right - x0, 0.0, 0.0);
        let widest = xa.labels.iter().map(|l| text::width(l, sz.tick, false)).fold(0.0, f64::max);
        let room = (right - x0) / xa.ticks.len().max(1) as f64;
        let last_half = xa.labels.last().map_or(0.0, |l| text::width(l, sz.tick, false) / 2.0);
        right = right.min(w - sz.pad - last_half);
        if widest + sz.tick * 1.5 <= room || max_ticks <= 2 {
            break;
        }
        max_ticks -= 1;
    }
    let f = Xy { x0, x1: right, y0: top, y1, xa, ya };
    for (t, label) in f.ya.ticks.iter().zip(&f.ya.labels) {
        let y = f.y(*t);
        scene.line((f.x0, y), (f.x1, y), Stroke::solid(ink::GRID, 1.0));
        scene.line((f.x0 - sz.tick_len, y), (f.x0, y), Stroke::solid(ink::AXIS, 1.0));
        scene.text(Label::new(label.clone(), f.x0 - sz.tick_len - sz.gap, y, sz.tick, HAlign::Right, VAlign::Center));
    }
    for (t, label) in f.xa.ticks.iter().zip(&f.xa.labels) {
        let x = f.x(*t);
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
    scene.line((f.x0, f.y0), (f.x0, f.y1), Stroke::solid(ink::AXIS, 1.0));
    scene.line((f.x0, f.y1), (f.x1, f.y1), Stroke::solid(ink::AXIS, 1.0));
    let x_title = text::ellipsize(&f.xa.title(&text::clean(spec.x_label, false)), f.x1 - f.x0, sz.axis, false);
    scene.text(Label::new(x_title, (f.x0 + f.x1) / 2.0, h - sz.pad, sz.axis, HAlign::Center, VAlign::Bottom));
    let y_title = text::ellipsize(&f.ya.title(&text::clean(spec.y_label, false)), plot_h, sz.axis, false);
    let ymid = (f.y0 + f.y1) / 2.0;
    scene.text(Label::new(y_title, sz.pad + y_title_w / 2.0, ymid, sz.axis, HAlign::Center, VAlign::Center).vertical());
    legend.draw(scene, w - sz.pad - legend.width, top, &sz);
    f
}
