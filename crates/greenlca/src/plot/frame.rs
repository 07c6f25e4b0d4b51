//! Parts every plot shares: text sizes, the title block, the legend and the colour palette.

use super::scene::{HAlign, Item, Label, Rgb, Scene, Stroke, VAlign, ink};
use super::text::{self, LINE_HEIGHT};

/// Text sizes and spacing in pixels, scaled with the picture (the defaults suit 960 x 540).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Sizes {
    pub pad: f64,
    pub gap: f64,
    pub tick_len: f64,
    pub title: f64,
    pub subtitle: f64,
    pub axis: f64,
    pub tick: f64,
    pub legend: f64,
    pub value: f64,
}

/// How much larger than 960 x 540 a picture is (text and lines grow with it).
pub(crate) fn scale_factor(width: f64, height: f64) -> f64 {
    (width / 960.0).min(height / 540.0).clamp(0.7, 4.0)
}

impl Sizes {
    /// Sizes for a picture of `width` x `height` pixels.
    pub(crate) fn new(width: f64, height: f64) -> Self {
        let s = scale_factor(width, height);
        Sizes {
            pad: 14.0 * s,
            gap: 6.0 * s,
            tick_len: 5.0 * s,
            title: 17.0 * s,
            subtitle: 13.0 * s,
            axis: 13.0 * s,
            tick: 12.0 * s,
            legend: 12.0 * s,
            value: 11.0 * s,
        }
    }
}

/// Okabe-Ito colours (safe for the common colour-vision deficiencies), black replaced by grey for
/// areas, ordered so that neighbours contrast.
const OKABE_ITO: [Rgb; 8] = [
    Rgb(0x00, 0x72, 0xB2), // blue
    Rgb(0xE6, 0x9F, 0x00), // orange
    Rgb(0x00, 0x9E, 0x73), // bluish green
    Rgb(0xD5, 0x5E, 0x00), // vermillion
    Rgb(0x56, 0xB4, 0xE9), // sky blue
    Rgb(0xCC, 0x79, 0xA7), // reddish purple
    Rgb(0xF0, 0xE4, 0x42), // yellow
    Rgb(0x99, 0x99, 0x99), // grey
];

/// The colour of the `i`-th series: the eight Okabe-Ito colours, then darker shades of them, then
/// lighter tints (past eight series, colours are harder to tell apart: merge small series).
pub(crate) fn palette(i: usize) -> Rgb {
    let base = OKABE_ITO[i % OKABE_ITO.len()];
    let shade = |c: u8| (c as f64 * 0.55).round() as u8;
    match (i / OKABE_ITO.len()) % 3 {
        0 => base,
        1 => Rgb(shade(base.0), shade(base.1), shade(base.2)),
        _ => base.tint(0.5),
    }
}

/// Named palette colours.
pub(crate) mod colors {
    use super::Rgb;
    pub const BLUE: Rgb = Rgb(0x00, 0x72, 0xB2);
    pub const ORANGE: Rgb = Rgb(0xE6, 0x9F, 0x00);
    pub const GREEN: Rgb = Rgb(0x00, 0x9E, 0x73);
    pub const VERMILLION: Rgb = Rgb(0xD5, 0x5E, 0x00);
    pub const SKY: Rgb = Rgb(0x56, 0xB4, 0xE9);
    pub const GREY: Rgb = Rgb(0x99, 0x99, 0x99);
    pub const BLACK: Rgb = Rgb(0x00, 0x00, 0x00);
}

/// Draws the title: its first line large and bold, further lines (put the functional unit there)
/// smaller. Long lines wrap onto a second line. Returns the y below the block.
pub(crate) fn title_block(scene: &mut Scene, title: &str, sz: &Sizes) -> f64 {
    let max_w = scene.width - 2.0 * sz.pad;
    let mut y = sz.pad;
    for (i, line) in text::clean(title, true).split('\n').enumerate() {
        let (em, bold, color) = if i == 0 { (sz.title, true, ink::TEXT) } else { (sz.subtitle, false, ink::MUTED) };
        for part in text::wrap(line, max_w, em, bold, 2).0 {
            let l = Label::new(part, sz.pad, y, em, HAlign::Left, VAlign::Top).color(color);
            scene.text(if bold { l.bold() } else { l });
            y += em * LINE_HEIGHT;
        }
    }
    y + sz.gap * 1.5
}

/// How a legend entry shows its series.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Swatch {
    /// A filled box.
    Fill(Rgb),
    /// A line.
    Line(Stroke),
    /// A diamond marker.
    Diamond(Rgb),
    /// A dot with a dark outline.
    Dot(Rgb),
    /// A vertical whisker with caps.
    Whisker,
    /// No symbol: a note.
    Note,
}

/// One legend entry.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Entry {
    pub label: String,
    pub swatch: Swatch,
}

impl Entry {
    /// An entry.
    pub(crate) fn new(label: impl Into<String>, swatch: Swatch) -> Self {
        Entry { label: text::clean(&label.into(), false), swatch }
    }
}

/// A legend laid out at the right of the plot.
pub(crate) struct Legend {
    entries: Vec<Entry>,
    label_w: f64,
    pub width: f64,
}

impl Legend {
    /// A legend for `entries`, its labels at most `max_w` pixels wide.
    pub(crate) fn new(entries: Vec<Entry>, max_w: f64, sz: &Sizes) -> Self {
        let symbol = sz.legend * 1.6;
        let widest = entries.iter().map(|e| text::width(&e.label, sz.legend, false)).fold(0.0, f64::max);
        let label_w = widest.min(max_w - symbol - sz.gap).max(sz.legend * 3.0);
        let width = if entries.is_empty() { 0.0 } else { symbol + sz.gap + label_w };
        Legend { entries, label_w, width }
    }
    /// Draws the legend with its top-left corner at (`x`, `y`).
    pub(crate) fn draw(&self, scene: &mut Scene, x: f64, y: f64, sz: &Sizes) {
        let row = sz.legend * 1.7;
        let symbol = sz.legend * 1.6;
        for (i, e) in self.entries.iter().enumerate() {
            let cy = y + row * (i as f64 + 0.5);
            let (x0, x1) = (x, x + symbol);
            let (y0, y1) = (cy - sz.legend * 0.45, cy + sz.legend * 0.45);
            let xm = (x0 + x1) / 2.0;
            match &e.swatch {
                Swatch::Fill(c) => scene.rect((x0, y0), (x1, y1), *c, None),
                Swatch::Line(s) => scene.line((x0, cy), (x1, cy), *s),
                Swatch::Diamond(c) => diamond(scene, xm, cy, sz.legend * 0.45, *c),
                Swatch::Dot(c) => scene.items.push(Item::Circle {
                    x: xm,
                    y: cy,
                    r: sz.legend * 0.3,
                    fill: Some(*c),
                    stroke: Some(Stroke::solid(ink::TEXT, 1.0)),
                }),
                Swatch::Whisker => {
                    let st = Stroke::solid(ink::TEXT, 1.2);
                    let (cap, out) = (sz.legend * 0.33, sz.legend * 0.15);
                    scene.line((xm, y0 - out), (xm, y1 + out), st);
                    scene.line((xm - cap, y0 - out), (xm + cap, y0 - out), st);
                    scene.line((xm - cap, y1 + out), (xm + cap, y1 + out), st);
                }
                Swatch::Note => {}
            }
            let tx = if e.swatch == Swatch::Note { x0 } else { x1 + sz.gap };
            let label = text::ellipsize_middle(&e.label, self.label_w, sz.legend, false);
            let color = if e.swatch == Swatch::Note { ink::MUTED } else { ink::TEXT };
            scene.text(Label::new(label, tx, cy, sz.legend, HAlign::Left, VAlign::Center).color(color));
        }
    }
}

/// A diamond of half-diagonal `r` with a white outline.
pub(crate) fn diamond(scene: &mut Scene, x: f64, y: f64, r: f64, fill: Rgb) {
    let pts = vec![(x, y - r), (x + r, y), (x, y + r), (x - r, y)];
    scene.items.push(Item::Polygon { points: pts.clone(), fill, alpha: 1.0 });
    let mut closed = pts;
    closed.push((x, y - r));
    scene.path(closed, Stroke::solid(ink::WHITE, 1.0));
}
