//! Text: measuring, wrapping and shortening labels so that they fit.
//!
//! Widths are measured with the bundled fonts ([`super::fonts`]): DejaVu Sans, which is wide, so a
//! label that fits with it also fits with the narrower sans-serif fonts an SVG viewer may
//! substitute; Chinese from the bundled Noto Sans CJK SC subset (one em per hanzi, as in the CJK
//! fonts named in [`FAMILY`]); a character in neither counts one em, the width of its box in PNG.

use super::fonts;

/// The font-family list written into SVG text: the bundled font first (so Latin text looks as it was
/// measured), then CJK-capable families so Chinese labels render where such a font is installed.
pub(crate) const FAMILY: &str =
    "DejaVu Sans, Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, PingFang SC, WenQuanYi Micro Hei, sans-serif";

/// plotters' SVG backend writes `font-size` as its text size divided by 1.24; the scene sizes text
/// by the em.
pub(crate) const PLOTTERS_SIZE_PER_EM: f64 = 1.24;

/// Height of one line of text, in em.
pub(crate) const LINE_HEIGHT: f64 = 1.25;

/// Bold text is drawn in the regular face in PNG, but a viewer may use a real bold face in SVG,
/// which is a little wider.
const BOLD_WIDEN: f64 = 1.08;

const ELLIPSIS: char = '\u{2026}';

/// True for characters set one em wide in CJK text (ideographs, kana, hangul, full-width forms), between
/// which a line may break.
pub(crate) fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0x303E | 0x3041..=0x33FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF
        | 0xA000..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60
        | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Width in pixels of `text` set at `em` pixels per em, glyph by glyph from the font that draws it.
pub(crate) fn width(text: &str, em: f64, bold: bool) -> f64 {
    let w = fonts::place(text, em).1;
    if bold { w * BOLD_WIDEN } else { w }
}

/// `text` with control characters (which XML cannot carry) replaced by spaces and runs of
/// whitespace collapsed; line breaks are kept when `keep_newlines`.
pub(crate) fn clean(text: &str, keep_newlines: bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c == '\n' && keep_newlines {
            while out.ends_with(' ') {
                out.pop();
            }
            out.push('\n');
        } else if c.is_control() || c.is_whitespace() || matches!(c as u32, 0xFFFE | 0xFFFF) {
            if !out.is_empty() && !out.ends_with(' ') && !out.ends_with('\n') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    let trimmed = out.trim_end_matches([' ', '\n']);
    trimmed.to_string()
}

/// `text` shortened with an ellipsis to at most `max_w` pixels.
pub(crate) fn ellipsize(text: &str, max_w: f64, em: f64, bold: bool) -> String {
    if width(text, em, bold) <= max_w {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    // Binary search on the number of characters kept.
    let (mut lo, mut hi) = (0usize, chars.len());
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        let s: String = chars[..mid].iter().collect::<String>().trim_end().to_string() + "\u{2026}";
        if width(&s, em, bold) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    let kept: String = chars[..lo].iter().collect();
    format!("{}{ELLIPSIS}", kept.trim_end())
}

/// `text` shortened to at most `max_w` pixels by an ellipsis in the middle, keeping its start and
/// end (names often differ only at the end: regions, numbers, units).
pub(crate) fn ellipsize_middle(text: &str, max_w: f64, em: f64, bold: bool) -> String {
    if width(text, em, bold) <= max_w {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let cut = |keep: usize| {
        let tail = keep * 2 / 5;
        let head: String = chars[..keep - tail].iter().collect();
        let end: String = chars[chars.len() - tail..].iter().collect();
        format!("{}{ELLIPSIS}{}", head.trim_end(), end.trim_start())
    };
    let (mut lo, mut hi) = (0usize, chars.len() - 1);
    while lo < hi {
        let mid = (lo + hi).div_ceil(2);
        if width(&cut(mid), em, bold) <= max_w {
            lo = mid;
        } else {
            hi = mid - 1;
        }
    }
    cut(lo)
}

/// Pieces of text between which a line may break: after spaces, hyphens, slashes and underscores,
/// and around wide (CJK) characters.
fn tokens(text: &str) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut cur = String::new();
    for c in text.chars() {
        // Closing punctuation stays with what it closes, opening punctuation with what follows
        // (no line may start with `）` or end with `（`).
        if is_closing(c) {
            if !cur.is_empty() {
                cur.push(c);
                out.push(std::mem::take(&mut cur));
            } else if let Some(last) = out.last_mut() {
                last.push(c);
            } else {
                cur.push(c);
            }
            continue;
        }
        if is_opening(c) {
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(c);
            continue;
        }
        if is_wide(c) {
            if cur.chars().last().is_some_and(is_opening) {
                cur.push(c);
                out.push(std::mem::take(&mut cur));
                continue;
            }
            if !cur.is_empty() {
                out.push(std::mem::take(&mut cur));
            }
            out.push(c.to_string());
            continue;
        }
        cur.push(c);
        if matches!(c, ' ' | '-' | '/' | '_' | ',' | ';') {
            out.push(std::mem::take(&mut cur));
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    out
}

fn is_closing(c: char) -> bool {
    matches!(c, '）' | '，' | '。' | '、' | '；' | '：' | '！' | '？' | '」' | '』' | '】' | '》' | '〉' | ')' | ']')
}

fn is_opening(c: char) -> bool {
    matches!(c, '（' | '「' | '『' | '【' | '《' | '〈')
}

/// `text` broken into at most `max_lines` lines of at most `max_w` pixels; explicit newlines are
/// kept, words longer than a line are split, and text that does not fit ends in an ellipsis.
/// Returns the lines and whether everything fitted without an ellipsis.
pub(crate) fn wrap(text: &str, max_w: f64, em: f64, bold: bool, max_lines: usize) -> (Vec<String>, bool) {
    let max_lines = max_lines.max(1);
    let mut lines: Vec<String> = Vec::new();
    let mut complete = true;
    for para in text.split('\n') {
        let mut cur = String::new();
        for tok in tokens(para) {
            let candidate = format!("{cur}{tok}");
            if width(candidate.trim_end(), em, bold) <= max_w {
                cur = candidate;
                continue;
            }
            if !cur.trim().is_empty() {
                lines.push(cur.trim_end().to_string());
            }
            cur = String::new();
            // A token longer than a whole line is split by characters.
            for c in tok.chars() {
                let candidate = format!("{cur}{c}");
                // Closing punctuation never starts a line, even if it overflows a little.
                if width(candidate.trim_end(), em, bold) <= max_w || cur.is_empty() || is_closing(c) {
                    cur = candidate;
                } else {
                    // Opening punctuation never ends one: it moves down with what follows.
                    let carried = cur.chars().last().filter(|p| is_opening(*p));
                    if carried.is_some() {
                        cur.pop();
                    }
                    if !cur.trim().is_empty() {
                        lines.push(cur.trim_end().to_string());
                    }
                    cur = carried.map(String::from).unwrap_or_default();
                    cur.push(c);
                }
            }
        }
        lines.push(cur.trim().to_string());
    }
    if lines.len() > max_lines {
        complete = false;
        let rest = lines[max_lines - 1..].join(" ");
        lines.truncate(max_lines - 1);
        lines.push(ellipsize(&format!("{rest}{ELLIPSIS}"), max_w, em, bold));
    }
    for l in &mut lines {
        if width(l, em, bold) > max_w {
            *l = ellipsize(l, max_w, em, bold);
            complete = false;
        }
    }
    (lines, complete)
}

/// The unit in an axis label such as `Climate change [kg CO2-eq]` (the last bracketed part).
pub(crate) fn unit_of(label: &str) -> Option<String> {
    for (open, close) in [('[', ']'), ('(', ')')] {
        if let (Some(a), Some(b)) = (label.rfind(open), label.rfind(close))
            && a < b
        {
            let u = label[a + open.len_utf8()..b].trim();
            if !u.is_empty() {
                return Some(u.to_string());
            }
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_grow_with_text_and_size() {
        let a = width("steel", 12.0, false);
        assert!(a > 20.0 && a < 50.0, "{a}");
        assert!(width("steel sheet", 12.0, false) > a);
        assert!(width("steel", 24.0, false) > 1.9 * a);
        assert!((width("生产", 12.0, false) - 24.0).abs() < 1.0);
        assert!(width("steel", 12.0, true) > a);
    }

    #[test]
    fn ellipsis_shortens_to_fit() {
        let s = ellipsize("a very long name of a process in a database", 80.0, 12.0, false);
        assert!(s.ends_with('\u{2026}'));
        assert!(width(&s, 12.0, false) <= 80.0);
        assert_eq!(ellipsize("short", 80.0, 12.0, false), "short");
        let m = ellipsize_middle("market for electricity, medium voltage | CN-SH", 150.0, 12.0, false);
        assert!(m.ends_with("CN-SH") && m.starts_with("market") && m.contains('\u{2026}'), "{m}");
        assert!(width(&m, 12.0, false) <= 150.0);
        assert_eq!(ellipsize_middle("abc", 1.0, 12.0, false), "\u{2026}");
    }

    #[test]
    fn wrap_breaks_at_words_and_cjk() {
        let (lines, ok) = wrap("end of life treatment", 80.0, 12.0, false, 3);
        assert!(ok);
        assert!(lines.len() >= 2);
        assert!(lines.iter().all(|l| width(l, 12.0, false) <= 80.0));
        let (lines, ok) = wrap("原材料获取阶段运输", 40.0, 12.0, false, 5);
        assert!(ok);
        assert_eq!(lines.len(), 3);
        // No line starts with closing punctuation or ends with opening punctuation.
        for w in [30.0, 40.0, 50.0, 60.0, 70.0, 80.0, 90.0] {
            let (lines, _) = wrap("气候变化（GWP100，IPCC AR6）", w, 12.0, false, 6);
            for l in &lines {
                assert!(!l.starts_with(['）', '，']) && !l.ends_with('（'), "{lines:?}");
            }
        }
        let (lines, ok) = wrap("one two three four five six seven", 40.0, 12.0, false, 2);
        assert!(!ok);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('\u{2026}'));
    }

    #[test]
    fn clean_removes_controls() {
        assert_eq!(clean("a\u{0}b\tc  d\n", false), "a b c d");
        assert_eq!(clean("line one \nline two", true), "line one\nline two");
    }

    #[test]
    fn units_come_from_brackets() {
        assert_eq!(unit_of("Climate change [kg CO2-eq]").as_deref(), Some("kg CO2-eq"));
        assert_eq!(unit_of("Energy (MJ)").as_deref(), Some("MJ"));
        assert_eq!(unit_of("score"), None);
    }

    #[test]
    fn font_has_the_signs_used_on_axes() {
        for c in ['\u{2026}', '\u{00D7}', '\u{2212}', '\u{207B}', '\u{2076}', '\u{00B3}', '%', '\u{2013}'] {
            assert_eq!(fonts::face(c), fonts::Face::Latin, "{c}");
        }
    }
}
