//! Text in PNG output, drawn with the bundled font: each glyph is placed at its exact (fractional)
//! position on a common baseline and blended into the bitmap by its coverage. The baseline follows
//! the same rules as the SVG output, so both formats place text alike.

use ab_glyph::{Font, ScaleFont, point};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::scene::{HAlign, Label, VAlign};
use super::text;

/// Where the baseline lies below the anchor point, in em: the offsets plotters' SVG backend writes
/// (`dy` of 0.76em at the top, ±0.5ex at the centre and bottom; DejaVu's x-height is 0.547 em).
fn baseline(v: VAlign) -> f64 {
    match v {
        VAlign::Top => 0.76,
        VAlign::Center => 0.5 * 0.547,
        VAlign::Bottom => -0.5 * 0.547,
    }
}

/// Draws one label into a bitmap drawing area.
pub(crate) fn draw_label<DB: DrawingBackend>(
    area: &DrawingArea<DB, Shift>,
    l: &Label,
) -> Result<(), DrawingAreaErrorKind<DB::ErrorType>> {
    let font = text::font();
    let scale = text::scale(l.em);
    let scaled = font.as_scaled(scale);
    let w = text::width(&l.text, l.em, false);
    let start = match l.h {
        HAlign::Left => 0.0,
        HAlign::Center => -w / 2.0,
        HAlign::Right => -w,
    };
    let base = baseline(l.v) * l.em;
    let (ox, oy) = (l.x.round(), l.y.round());
    // Bold: the regular face drawn twice, the second time a fraction of a pixel to the right.
    let passes: &[f64] = if l.bold { &[0.0, (l.em * 0.045).max(0.5)] } else { &[0.0] };
    let mut caret = start;
    let mut prev = None;
    for c in l.text.chars() {
        let id = scaled.glyph_id(c);
        let adv = scaled.h_advance(id) as f64;
        let missing = text::is_wide(c) || !text::has_glyph(c);
        let (advance, inset) = if missing { (l.em.max(adv), (l.em.max(adv) - adv) / 2.0) } else { (adv, 0.0) };
        if let (Some(p), false) = (prev, missing) {
            caret += scaled.kern(p, id) as f64;
        }
        for dx in passes {
            let glyph = id.with_scale_and_position(scale, point((caret + inset + dx) as f32, base as f32));
            let Some(outline) = font.outline_glyph(glyph) else { continue };
            let b = outline.px_bounds();
            let mut pixels = Vec::new();
            outline.draw(|gx, gy, cov| {
                if cov > 0.0 {
                    pixels.push((b.min.x as f64 + gx as f64, b.min.y as f64 + gy as f64, cov));
                }
            });
            for (lx, ly, cov) in pixels {
                let (sx, sy) = if l.vertical { (ox + ly, oy - lx) } else { (ox + lx, oy + ly) };
                let color = RGBAColor(l.color.0, l.color.1, l.color.2, cov.min(1.0) as f64);
                area.draw_pixel((sx as i32, sy as i32), &color)?;
            }
        }
        caret += advance;
        prev = if missing { None } else { Some(id) };
    }
    Ok(())
}
