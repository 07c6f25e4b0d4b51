//! Drawing a [`Scene`] with plotters: SVG text or PNG bytes.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontDesc, FontFamily, FontStyle, FontTransform};

use super::ImageFormat;
use super::raster;
use super::scene::{HAlign, Item, Label, Rgb, Scene, Stroke, VAlign};
use super::text::{FAMILY, PLOTTERS_SIZE_PER_EM};
use crate::error::{Error, ErrorKind, Location, Result};

/// The scene as an SVG document or a PNG image.
pub(crate) fn render(scene: &Scene, format: ImageFormat) -> Result<Vec<u8>> {
    let size = (scene.width.round() as u32, scene.height.round() as u32);
    match format {
        ImageFormat::Svg => {
            let mut svg = String::new();
            {
                let root = SVGBackend::with_string(&mut svg, size).into_drawing_area();
                draw(&root, scene, false).map_err(|e| failed(scene, &e.to_string()))?;
                root.present().map_err(|e| failed(scene, &e.to_string()))?;
            }
            Ok(with_title(svg, &scene.title).into_bytes())
        }
        ImageFormat::Png => {
            let mut rgb = vec![0u8; size.0 as usize * size.1 as usize * 3];
            {
                let root = BitMapBackend::with_buffer(&mut rgb, size).into_drawing_area();
                draw(&root, scene, true).map_err(|e| failed(scene, &e.to_string()))?;
                root.present().map_err(|e| failed(scene, &e.to_string()))?;
            }
            encode_png(&rgb, size).map_err(|e| failed(scene, &e))
        }
    }
}

fn failed(scene: &Scene, why: &str) -> Error {
    Error::new(
        ErrorKind::Invalid,
        Location::entity(format!("plot `{}`", scene.title)),
        format!("the plot could not be drawn: {why}"),
        "report this as a bug with the data that produced it",
    )
}

/// Adds a `<title>` element (read by screen readers and shown as a tooltip) after the opening tag.
fn with_title(svg: String, title: &str) -> String {
    let Some(end) = svg.find('>') else { return svg };
    let mut escaped = String::with_capacity(title.len());
    for c in title.chars() {
        match c {
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '&' => escaped.push_str("&amp;"),
            other => escaped.push(other),
        }
    }
    format!("{}\n<title>{escaped}</title>{}", &svg[..=end], &svg[end + 1..])
}

fn encode_png(rgb: &[u8], (w, h): (u32, u32)) -> std::result::Result<Vec<u8>, String> {
    let mut out = Vec::new();
    {
        let mut enc = png::Encoder::new(&mut out, w, h);
        enc.set_color(png::ColorType::Rgb);
        enc.set_depth(png::BitDepth::Eight);
        enc.set_compression(png::Compression::Best);
        let mut writer = enc.write_header().map_err(|e| e.to_string())?;
        writer.write_image_data(rgb).map_err(|e| e.to_string())?;
        writer.finish().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

fn color(c: Rgb) -> RGBColor {
    RGBColor(c.0, c.1, c.2)
}

fn px(p: (f64, f64)) -> (i32, i32) {
    (p.0.round() as i32, p.1.round() as i32)
}

fn line_style(s: &Stroke, scale: f64) -> ShapeStyle {
    ShapeStyle {
        color: color(s.color).to_rgba(),
        filled: false,
        stroke_width: (s.width * scale).round().max(1.0) as u32,
    }
}

/// A polyline cut into dashes.
fn dashes(points: &[(f64, f64)], dash: f64, gap: f64) -> Vec<Vec<(f64, f64)>> {
    let mut out = Vec::new();
    let mut cur: Vec<(f64, f64)> = Vec::new();
    let mut on = true;
    let mut left = dash;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
        let mut t = 0.0;
        if on && cur.is_empty() {
            cur.push(a);
        }
        while len - t > left {
            t += left;
            let p = (a.0 + (b.0 - a.0) * t / len, a.1 + (b.1 - a.1) * t / len);
            if on {
                cur.push(p);
                out.push(std::mem::take(&mut cur));
            } else {
                cur.push(p);
            }
            on = !on;
            left = if on { dash } else { gap };
        }
        left -= len - t;
        if on {
            cur.push(b);
        }
    }
    if on && cur.len() > 1 {
        out.push(cur);
    }
    out
}

fn text_style(l: &Label) -> TextStyle<'static> {
    let weight = if l.bold { FontStyle::Bold } else { FontStyle::Normal };
    let font = FontDesc::new(FontFamily::Name(FAMILY), l.em * PLOTTERS_SIZE_PER_EM, weight);
    let h = match l.h {
        HAlign::Left => HPos::Left,
        HAlign::Center => HPos::Center,
        HAlign::Right => HPos::Right,
    };
    let v = match l.v {
        VAlign::Top => VPos::Top,
        VAlign::Center => VPos::Center,
        VAlign::Bottom => VPos::Bottom,
    };
    let font = if l.vertical { font.transform(FontTransform::Rotate270) } else { font };
    TextStyle { font, color: color(l.color).to_backend_color(), pos: Pos::new(h, v) }
}

/// Draws the scene's shapes with plotters; text goes to plotters (SVG `<text>` elements) or, for
/// bitmaps (`raster_text`), to the bundled font's rasteriser.
fn draw<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    scene: &Scene,
    raster_text: bool,
) -> std::result::Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    area.fill(&WHITE)?;
    let k = scene.line_scale;
    for item in &scene.items {
        match item {
            Item::Rect { x0, y0, x1, y1, fill, stroke } => {
                let corners = [px((*x0, *y0)), px((*x1, *y1))];
                if let Some((c, alpha)) = fill {
                    area.draw(&Rectangle::new(corners, color(*c).mix(*alpha).filled()))?;
                }
                if let Some(s) = stroke {
                    area.draw(&Rectangle::new(corners, line_style(s, k)))?;
                }
            }
            Item::Path { points, stroke } => {
                let pieces = match stroke.dash {
                    Some((d, g)) => dashes(points, d * k, g * k),
                    None => vec![points.clone()],
                };
                for piece in pieces {
                    let pts: Vec<(i32, i32)> = piece.into_iter().map(px).collect();
                    area.draw(&PathElement::new(pts, line_style(stroke, k)))?;
                }
            }
            Item::Polygon { points, fill, alpha } => {
                let pts: Vec<(i32, i32)> = points.iter().copied().map(px).collect();
                area.draw(&Polygon::new(pts, color(*fill).mix(*alpha).filled()))?;
            }
            Item::Circle { x, y, r, fill, stroke } => {
                let r = r.round().max(1.0) as i32;
                if let Some(c) = fill {
                    area.draw(&Circle::new(px((*x, *y)), r, color(*c).filled()))?;
                }
                if let Some(s) = stroke {
                    area.draw(&Circle::new(px((*x, *y)), r, line_style(s, k)))?;
                }
            }
            Item::Text(l) if raster_text => raster::draw_label(area, l)?,
            Item::Text(l) => {
                area.draw(&Text::new(l.text.clone(), px((l.x, l.y)), text_style(l)))?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dashes_cover_about_half_of_a_line() {
        let d = dashes(&[(0.0, 0.0), (100.0, 0.0)], 5.0, 5.0);
        assert_eq!(d.len(), 10);
        assert_eq!(d[0], vec![(0.0, 0.0), (5.0, 0.0)]);
        let d = dashes(&[(0.0, 0.0), (3.0, 0.0), (3.0, 10.0)], 4.0, 2.0);
        assert_eq!(d[0], vec![(0.0, 0.0), (3.0, 0.0), (3.0, 1.0)]);
        assert_eq!(d[1][0], (3.0, 3.0));
    }

    #[test]
    fn title_is_escaped() {
        let s = with_title("<svg a=\"1\">\n</svg>".into(), "a < b & c");
        assert_eq!(s, "<svg a=\"1\">\n<title>a &lt; b &amp; c</title>\n</svg>");
    }
}
