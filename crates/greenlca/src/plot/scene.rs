//! A picture as a list of shapes in pixel coordinates, independent of the output format. Each plot
//! kind lays out a scene; [`super::render`] draws it as SVG or PNG. Keeping the layout apart from
//! the backend lets tests check geometry (for example that no two labels overlap).

/// An sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Rgb(pub u8, pub u8, pub u8);

impl Rgb {
    /// This colour mixed with white: `t = 0` keeps it, `t = 1` gives white.
    pub(crate) fn tint(self, t: f64) -> Rgb {
        let mix = |c: u8| (c as f64 + (255.0 - c as f64) * t).round() as u8;
        Rgb(mix(self.0), mix(self.1), mix(self.2))
    }
}

/// Colours used for everything that is not data.
pub(crate) mod ink {
    use super::Rgb;
    /// Text and axes.
    pub const TEXT: Rgb = Rgb(0x22, 0x22, 0x22);
    /// Secondary text (subtitles, notes).
    pub const MUTED: Rgb = Rgb(0x55, 0x55, 0x55);
    /// Axis lines.
    pub const AXIS: Rgb = Rgb(0x44, 0x44, 0x44);
    /// Grid lines.
    pub const GRID: Rgb = Rgb(0xE2, 0xE2, 0xE2);
    /// Background.
    pub const WHITE: Rgb = Rgb(0xFF, 0xFF, 0xFF);
}

/// A line style.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Stroke {
    pub color: Rgb,
    pub width: f64,
    /// Dash and gap lengths in pixels; `None` for a solid line.
    pub dash: Option<(f64, f64)>,
}

impl Stroke {
    /// A solid line.
    pub(crate) fn solid(color: Rgb, width: f64) -> Self {
        Stroke { color, width, dash: None }
    }
    /// A dashed line.
    pub(crate) fn dashed(color: Rgb, width: f64, dash: f64, gap: f64) -> Self {
        Stroke { color, width, dash: Some((dash, gap)) }
    }
}

/// Horizontal anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HAlign {
    Left,
    Center,
    Right,
}

/// Vertical anchor of a text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum VAlign {
    Top,
    Center,
    Bottom,
}

/// One line of text. For `vertical` text (read bottom to top) the anchors apply in the text's own
/// frame: `HAlign::Right` puts the end of the text at the point, extending downwards.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Label {
    pub text: String,
    pub x: f64,
    pub y: f64,
    /// Pixels per em.
    pub em: f64,
    pub h: HAlign,
    pub v: VAlign,
    pub vertical: bool,
    pub color: Rgb,
    pub bold: bool,
}

impl Label {
    /// Dark horizontal text.
    pub(crate) fn new(text: impl Into<String>, x: f64, y: f64, em: f64, h: HAlign, v: VAlign) -> Self {
        Label { text: text.into(), x, y, em, h, v, vertical: false, color: ink::TEXT, bold: false }
    }
    /// The same text drawn vertically, read from bottom to top.
    pub(crate) fn vertical(mut self) -> Self {
        self.vertical = true;
        self
    }
    /// The same text in bold.
    pub(crate) fn bold(mut self) -> Self {
        self.bold = true;
        self
    }
    /// The same text in another colour.
    pub(crate) fn color(mut self, c: Rgb) -> Self {
        self.color = c;
        self
    }
    /// The box the text covers: (x0, y0, x1, y1).
    pub(crate) fn bbox(&self) -> (f64, f64, f64, f64) {
        let w = super::text::width(&self.text, self.em, self.bold);
        let h = self.em * 1.15;
        let along = match self.h {
            HAlign::Left => (0.0, w),
            HAlign::Center => (-w / 2.0, w / 2.0),
            HAlign::Right => (-w, 0.0),
        };
        let across = match self.v {
            VAlign::Top => (0.0, h),
            VAlign::Center => (-h / 2.0, h / 2.0),
            VAlign::Bottom => (-h, 0.0),
        };
        if self.vertical {
            (self.x + across.0, self.y - along.1, self.x + across.1, self.y - along.0)
        } else {
            (self.x + along.0, self.y + across.0, self.x + along.1, self.y + across.1)
        }
    }
}

/// A shape.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Item {
    /// An axis-aligned rectangle between two corners.
    Rect {
        x0: f64,
        y0: f64,
        x1: f64,
        y1: f64,
        fill: Option<(Rgb, f64)>,
        stroke: Option<Stroke>,
    },
    /// An open polyline.
    Path {
        points: Vec<(f64, f64)>,
        stroke: Stroke,
    },
    /// A filled polygon with an opacity.
    Polygon {
        points: Vec<(f64, f64)>,
        fill: Rgb,
        alpha: f64,
    },
    /// A circle.
    Circle {
        x: f64,
        y: f64,
        r: f64,
        fill: Option<Rgb>,
        stroke: Option<Stroke>,
    },
    Text(Label),
}

/// A picture: its size, the text of its title (for the SVG `<title>` element) and its shapes,
/// drawn in order. Line widths and dashes are given for a 960 x 540 picture and drawn
/// `line_scale` times as wide.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Scene {
    pub width: f64,
    pub height: f64,
    pub line_scale: f64,
    pub title: String,
    pub items: Vec<Item>,
}

impl Scene {
    /// An empty picture.
    pub(crate) fn new(width: f64, height: f64, title: &str) -> Self {
        let title = super::text::clean(title, true).replace('\n', " \u{2013} ");
        let line_scale = super::frame::scale_factor(width, height).max(1.0);
        Scene { width, height, line_scale, title, items: Vec::new() }
    }
    /// Adds a filled rectangle given by two corners in any order.
    pub(crate) fn rect(&mut self, (xa, ya): (f64, f64), (xb, yb): (f64, f64), fill: Rgb, stroke: Option<Stroke>) {
        self.items.push(Item::Rect {
            x0: xa.min(xb),
            y0: ya.min(yb),
            x1: xa.max(xb),
            y1: ya.max(yb),
            fill: Some((fill, 1.0)),
            stroke,
        });
    }
    /// Adds a polyline.
    pub(crate) fn path(&mut self, points: Vec<(f64, f64)>, stroke: Stroke) {
        self.items.push(Item::Path { points, stroke });
    }
    /// Adds a straight line.
    pub(crate) fn line(&mut self, a: (f64, f64), b: (f64, f64), stroke: Stroke) {
        self.path(vec![a, b], stroke);
    }
    /// Adds text.
    pub(crate) fn text(&mut self, label: Label) {
        if !label.text.is_empty() {
            self.items.push(Item::Text(label));
        }
    }
    /// Adds text on a white, slightly see-through box, so that it stays readable over lines.
    pub(crate) fn text_on_white(&mut self, label: Label) {
        let (x0, y0, x1, y1) = label.bbox();
        self.items.push(Item::Rect {
            x0: x0 - 1.0,
            y0: y0 + 1.0,
            x1: x1 + 1.0,
            y1: y1 - 1.0,
            fill: Some((ink::WHITE, 0.85)),
            stroke: None,
        });
        self.text(label);
    }
    /// All texts.
    #[cfg(test)]
    pub(crate) fn labels(&self) -> impl Iterator<Item = &Label> {
        self.items.iter().filter_map(|i| if let Item::Text(l) = i { Some(l) } else { None })
    }
}

#[cfg(test)]
pub(crate) mod checks {
    use super::*;

    type BBox = (f64, f64, f64, f64);

    /// Panics when two texts overlap or a text leaves the picture.
    pub(crate) fn assert_readable(scene: &Scene) {
        let boxes: Vec<(&Label, BBox)> = scene.labels().map(|l| (l, l.bbox())).collect();
        for (l, b) in &boxes {
            assert!(
                b.0 >= -0.5 && b.1 >= -0.5 && b.2 <= scene.width + 0.5 && b.3 <= scene.height + 0.5,
                "text `{}` leaves the picture: {b:?}",
                l.text
            );
        }
        for (i, (la, a)) in boxes.iter().enumerate() {
            for (lb, b) in &boxes[i + 1..] {
                let ox = a.2.min(b.2) - a.0.max(b.0);
                let oy = a.3.min(b.3) - a.1.max(b.1);
                assert!(
                    ox <= 1.0 || oy <= 1.0,
                    "texts `{}` {a:?} and `{}` {b:?} overlap by {ox:.1} x {oy:.1} px",
                    la.text,
                    lb.text
                );
            }
        }
    }
}
