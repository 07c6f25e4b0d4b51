//! The two bundled fonts and the per-character choice between them, shared by text measurement
//! (all formats) and the PNG rasteriser, so that what is drawn is what was measured.
//!
//! A character is drawn from DejaVu Sans when DejaVu has it (Latin, Greek, Cyrillic, signs), else
//! from the Noto Sans CJK SC subset (common Chinese), else as DejaVu's replacement box, one em wide.

use std::sync::OnceLock;

use ab_glyph::{Font, FontRef, GlyphId, PxScale, ScaleFont};

/// DejaVu Sans 2.37 (Bitstream Vera licence, see `assets/fonts/LICENSE-DejaVu.txt`).
static LATIN_BYTES: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");

/// Noto Sans CJK SC Regular 2.004, subset to GB 2312 level 1, CJK punctuation, fullwidth forms and
/// the characters greenlca writes (SIL OFL 1.1, see `assets/fonts/LICENSE-NotoSansCJK.txt`;
/// `scripts/subset_cjk_font.py` makes it and says why this subset).
static CJK_BYTES: &[u8] = include_bytes!("../../assets/fonts/NotoSansCJKsc-Regular-subset.otf");

/// Which bundled font draws a character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Face {
    /// DejaVu Sans.
    Latin,
    /// The Noto Sans CJK SC subset.
    Cjk,
    /// Neither font has it: DejaVu's replacement box (glyph 0), one em wide.
    Missing,
}

fn load(bytes: &'static [u8], cell: &'static OnceLock<FontRef<'static>>, file: &str) -> &'static FontRef<'static> {
    cell.get_or_init(|| match FontRef::try_from_slice(bytes) {
        Ok(f) => f,
        // The fonts are compiled in; a broken file is a build defect, not a user error.
        Err(e) => panic!("bundled font assets/fonts/{file} does not parse: {e}"),
    })
}

fn latin() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    load(LATIN_BYTES, &FONT, "DejaVuSans.ttf")
}

fn cjk() -> &'static FontRef<'static> {
    static FONT: OnceLock<FontRef<'static>> = OnceLock::new();
    load(CJK_BYTES, &FONT, "NotoSansCJKsc-Regular-subset.otf")
}

/// The font that draws `c`: DejaVu first, then the CJK subset.
pub(crate) fn face(c: char) -> Face {
    if latin().glyph_id(c).0 != 0 {
        Face::Latin
    } else if cjk().glyph_id(c).0 != 0 {
        Face::Cjk
    } else {
        Face::Missing
    }
}

/// The font of a face (the replacement box is DejaVu's glyph 0).
pub(crate) fn font(face: Face) -> &'static FontRef<'static> {
    match face {
        Face::Latin | Face::Missing => latin(),
        Face::Cjk => cjk(),
    }
}

/// The scale at which a face draws `em` pixels per em (ab_glyph scales by ascent minus descent,
/// which differs between the fonts).
pub(crate) fn scale(face: Face, em: f64) -> PxScale {
    let f = font(face);
    let upem = f.units_per_em().unwrap_or(1000.0);
    PxScale::from((em * f.height_unscaled() as f64 / upem as f64) as f32)
}

/// One character of a line, placed: its face and glyph, where its drawing starts (pixels from the
/// line's start, kerning applied) and its advance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct Placed {
    pub face: Face,
    pub glyph: GlyphId,
    pub x: f64,
    pub advance: f64,
}

/// The characters of `text` placed on one line at `em` pixels per em, and the line's width.
/// Kerning applies between neighbouring DejaVu glyphs only (the CJK subset carries no kerning).
pub(crate) fn place(text: &str, em: f64) -> (Vec<Placed>, f64) {
    let mut out = Vec::with_capacity(text.len());
    let mut caret = 0.0f64;
    let mut prev: Option<GlyphId> = None;
    for c in text.chars() {
        let face = face(c);
        let scaled = font(face).as_scaled(scale(face, em));
        let glyph = if face == Face::Missing { GlyphId(0) } else { scaled.glyph_id(c) };
        let adv = scaled.h_advance(glyph) as f64;
        let (x, advance) = match face {
            Face::Latin => {
                if let Some(p) = prev {
                    caret += scaled.kern(p, glyph) as f64;
                }
                prev = Some(glyph);
                (caret, adv)
            }
            Face::Cjk => {
                prev = None;
                (caret, adv)
            }
            // The box is centred in a one-em cell, the width of a CJK character.
            Face::Missing => {
                prev = None;
                let cell = em.max(adv);
                (caret + (cell - adv) / 2.0, cell)
            }
        };
        out.push(Placed { face, glyph, x, advance });
        caret += advance;
    }
    (out, caret)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin_from_dejavu_hanzi_from_the_cjk_subset() {
        for c in ['A', 'z', '0', 'é', 'Ω', 'Ж', '\u{2026}', '\u{00D7}', '\u{2212}', '\u{207B}', '%', '€'] {
            assert_eq!(face(c), Face::Latin, "{c}");
        }
        // Hanzi of the stage names, GB 2312 level-1 hanzi, CJK and fullwidth punctuation.
        for c in ['生', '产', '原', '材', '料', '啊', '座', '（', '）', '，', '。', '、', '《', '》', '：']
        {
            assert_eq!(face(c), Face::Cjk, "{c}");
        }
        // A rare hanzi outside GB 2312 level 1, a private-use character, hangul.
        for c in ['\u{9F98}', '\u{E000}', '\u{D55C}'] {
            assert_eq!(face(c), Face::Missing, "{c}");
        }
    }

    #[test]
    fn hanzi_are_one_em_wide_and_latin_is_kerned() {
        let (placed, w) = place("生产", 20.0);
        assert!((w - 40.0).abs() < 0.01, "{w}");
        assert_eq!(placed[1].x, placed[0].advance);
        assert!(placed.iter().all(|p| p.face == Face::Cjk && p.glyph.0 != 0));
        // DejaVu kerns `AV` tighter than `A` and `V` set apart.
        let (_, av) = place("AV", 20.0);
        let (_, a) = place("A", 20.0);
        let (_, v) = place("V", 20.0);
        assert!(av < a + v - 0.5, "{av} vs {a} + {v}");
        // Kerning does not cross a hanzi.
        let (_, mixed) = place("A生V", 20.0);
        assert!((mixed - (a + 20.0 + v)).abs() < 0.01, "{mixed}");
    }

    /// Every character the library writes (its sources with the translation tables, and the
    /// compiled-in datasets) is drawn from a bundled font, not as a box.
    #[test]
    fn the_fonts_cover_every_character_greenlca_writes() {
        fn walk(dir: &std::path::Path, missing: &mut std::collections::BTreeMap<char, String>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for e in entries.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, missing);
                } else if let Ok(text) = std::fs::read_to_string(&p) {
                    for c in text.chars().filter(|c| !c.is_ascii() && !c.is_control() && !c.is_whitespace()) {
                        if face(c) == Face::Missing {
                            missing.entry(c).or_insert_with(|| p.display().to_string());
                        }
                    }
                }
            }
        }
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
        let mut missing = std::collections::BTreeMap::new();
        walk(&root.join("src"), &mut missing);
        walk(&root.join("../../datasets"), &mut missing);
        // Symbols that only sit in comments and docs (box drawing in diagrams, arrows) may be absent;
        // any Chinese character must be in the subset.
        missing.retain(|c, _| crate::plot::text::is_wide(*c));
        assert!(
            missing.is_empty(),
            "characters without a glyph in the bundled fonts (run scripts/subset_cjk_font.py): {missing:?}"
        );
    }

    #[test]
    fn a_missing_character_is_a_centred_box_one_em_wide() {
        let (placed, w) = place("\u{9F98}", 20.0);
        assert!((w - 20.0).abs() < 0.01, "{w}");
        assert_eq!(placed[0].glyph, GlyphId(0));
        assert!(placed[0].x > 0.0 && placed[0].x < 10.0, "{}", placed[0].x);
    }
}
