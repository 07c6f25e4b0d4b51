//! Text in PNG output, drawn with the bundled fonts (each character from the font that
//! [`fonts::place`] chose for it when measuring): each glyph is placed at its exact (fractional)
//! position on a common baseline and blended into the bitmap by its coverage. The baseline follows
//! the same rules as the SVG output, so both formats place text alike.

use ab_glyph::{Font, point};
use plotters::coord::Shift;
use plotters::prelude::*;

use super::fonts;
use super::scene::{HAlign, Label, VAlign};

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
    let (placed, w) = fonts::place(&l.text, l.em);
    let start = match l.h {
        HAlign::Left => 0.0,
        HAlign::Center => -w / 2.0,
        HAlign::Right => -w,
    };
    let base = baseline(l.v) * l.em;
    let (ox, oy) = (l.x.round(), l.y.round());
    // Bold: the regular face drawn twice, the second time a fraction of a pixel to the right.
    let passes: &[f64] = if l.bold { &[0.0, (l.em * 0.045).max(0.5)] } else { &[0.0] };
    for p in &placed {
        let font = fonts::font(p.face);
        let scale = fonts::scale(p.face, l.em);
        for dx in passes {
            let glyph = p.glyph.with_scale_and_position(scale, point((start + p.x + dx) as f32, base as f32));
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
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::plot::scene::{HAlign, VAlign};

    const W: usize = 200;

    /// The dark pixels of `text` drawn at 20 px per em, left-aligned at (10, 30).
    fn bitmap(text: &str) -> Vec<bool> {
        let mut rgb = vec![255u8; W * 60 * 3];
        {
            let area = BitMapBackend::with_buffer(&mut rgb, (W as u32, 60)).into_drawing_area();
            draw_label(&area, &Label::new(text, 10.0, 30.0, 20.0, HAlign::Left, VAlign::Center)).unwrap();
            area.present().unwrap();
        }
        rgb.chunks(3).map(|px| px.iter().all(|v| *v < 128)).collect()
    }

    /// Dark pixels per 20-px column.
    fn ink(text: &str) -> Vec<usize> {
        let mut cols = vec![0usize; W / 20];
        for (i, dark) in bitmap(text).into_iter().enumerate() {
            cols[i % W / 20] += usize::from(dark);
        }
        cols
    }

    #[test]
    fn hanzi_are_drawn_with_ink_where_they_stand() {
        // `生产` covers 10..50 px: columns 0..2 carry ink, the rest stays white.
        let cols = ink("生产");
        assert!(cols[0] > 20 && cols[1] > 40 && cols[2] > 20, "{cols:?}");
        assert!(cols[3..].iter().all(|n| *n == 0), "{cols:?}");
        // Every one of the four hanzi of a stage name has its own strokes.
        let cols = ink("原材料获");
        assert!(cols[..4].iter().all(|n| *n > 20), "{cols:?}");
        assert_eq!(ink(""), vec![0; 10]);
        // Real glyphs: two hanzi differ from each other and from the replacement box.
        let (sheng, chan, none) = (bitmap("生"), bitmap("产"), bitmap("\u{9F98}"));
        assert_ne!(sheng, chan);
        assert_ne!(sheng, none);
        assert_ne!(chan, none);
    }

    #[test]
    fn a_character_in_neither_font_draws_the_replacement_box() {
        // DejaVu's box: a rectangle outline, drawn the same for any missing character.
        let cols = ink("\u{9F98}");
        assert!(cols.iter().sum::<usize>() > 20, "{cols:?}");
        assert_eq!(bitmap("\u{9F98}"), bitmap("\u{E000}"));
        // Its ink lies within the one-em cell (10..30 px) and it is hollow: the middle row of
        // the cell is dark only at the box's two sides.
        let middle: Vec<usize> = (0..W).filter(|x| bitmap("\u{9F98}")[(30 - 5) * W + x]).collect();
        assert!(middle.len() >= 2 && middle.len() <= 6, "{middle:?}");
        assert!(middle.iter().all(|x| (10..30).contains(x)), "{middle:?}");
    }
}
