//! Value axes: ranges, "nice" tick steps (1, 2, 2.5, 5 times a power of ten) and compact labels.

use crate::numfmt::human;

/// A linear value axis: the range it shows, its ticks and their labels. When values are very large
/// or small, labels are divided by `10^exponent` and the axis title says so.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Axis {
    pub lo: f64,
    pub hi: f64,
    pub ticks: Vec<f64>,
    pub labels: Vec<String>,
    pub exponent: i32,
}

impl Axis {
    /// Pixel position of `v` on an axis drawn from pixel `a` (at `lo`) to pixel `b` (at `hi`).
    pub(crate) fn map(&self, v: f64, a: f64, b: f64) -> f64 {
        a + (v - self.lo) / (self.hi - self.lo) * (b - a)
    }
    /// `title` with the factor of the tick labels, if any.
    pub(crate) fn title(&self, title: &str) -> String {
        if self.exponent == 0 {
            title.to_string()
        } else {
            format!("{title} (\u{00D7}10{})", superscript(self.exponent))
        }
    }
}

/// The data extent to show: `(min, max)` widened to a non-empty range.
pub(crate) fn widen(min: f64, max: f64) -> (f64, f64) {
    if max > min {
        return (min, max);
    }
    if min == 0.0 {
        return (0.0, 1.0);
    }
    let d = min.abs() * 0.1;
    (min - d, max + d)
}

/// A nice step near `raw`: 1, 2, 2.5 or 5 times a power of ten.
pub(crate) fn nice_step(raw: f64) -> f64 {
    let p = 10f64.powf(raw.log10().floor());
    let m = raw / p;
    let n = if m <= 1.0 {
        1.0
    } else if m <= 2.0 {
        2.0
    } else if m <= 2.5 {
        2.5
    } else if m <= 5.0 {
        5.0
    } else {
        10.0
    };
    n * p
}

/// An axis over `(min, max)` (already widened) with about `max_ticks` ticks at most. The range is
/// extended to the neighbouring ticks, then by `pad_lo`/`pad_hi` pixels of an axis `len_px` long, so
/// that labels beside the data have room.
pub(crate) fn axis(min: f64, max: f64, max_ticks: usize, len_px: f64, pad_lo: f64, pad_hi: f64) -> Axis {
    let (min, max) = widen(min, max);
    let max_ticks = max_ticks.max(2) as f64;
    let mut step = nice_step((max - min) / max_ticks);
    if (max - min) / step > max_ticks {
        step = nice_step(step * 1.01);
    }
    // Extend to whole steps, unless that adds more than a third of the range on a side.
    let snap_lo = (min / step).floor() * step;
    let snap_hi = (max / step).ceil() * step;
    let slack = (max - min) / 3.0;
    let mut lo = if min - snap_lo <= slack { snap_lo } else { min };
    let mut hi = if snap_hi - max <= slack { snap_hi } else { max };
    // Pixels for labels outside the data: the data keep len - pads pixels.
    let usable = (len_px - pad_lo - pad_hi).max(len_px * 0.3);
    let per_px = (max - min) / usable;
    lo = lo.min(min - pad_lo * per_px);
    hi = hi.max(max + pad_hi * per_px);
    let eps = step * 1e-9;
    let mut ticks = Vec::new();
    let mut k = (lo / step - 1e-9).ceil();
    while k * step <= hi + eps {
        let t = k * step;
        ticks.push(if t.abs() < eps { 0.0 } else { t });
        k += 1.0;
    }
    let (labels, exponent) = tick_labels(&ticks, step);
    Axis { lo, hi, ticks, labels, exponent }
}

/// Labels for evenly spaced ticks: as few decimals as the step needs, with a common power of ten
/// factored out when the numbers are very large or small.
pub(crate) fn tick_labels(ticks: &[f64], step: f64) -> (Vec<String>, i32) {
    let top = ticks.iter().fold(0.0f64, |m, t| m.max(t.abs()));
    let exponent = if top >= 1e5 || (top > 0.0 && top < 1e-2) { 3 * (top.log10() / 3.0).floor() as i32 } else { 0 };
    let scale = 10f64.powi(exponent);
    let step = step / scale;
    let decimals = (0..=12).find(|&d| {
        let x = step * 10f64.powi(d);
        (x - x.round()).abs() < 1e-6 * x.max(1.0)
    });
    let decimals = decimals.unwrap_or(6) as usize;
    let labels = ticks.iter().map(|t| minus(&format!("{:.decimals$}", t / scale))).collect();
    (labels, exponent)
}

/// A compact number for a value label: three significant digits, trailing zeros dropped,
/// scientific notation for very large or small magnitudes.
pub(crate) fn compact(x: f64) -> String {
    let s = human(x, 3);
    let (mant, exp) = match s.find('e') {
        Some(i) => (&s[..i], Some(&s[i + 1..])),
        None => (s.as_str(), None),
    };
    let mant = if mant.contains('.') { mant.trim_end_matches('0').trim_end_matches('.') } else { mant };
    let out = match exp {
        Some(e) => format!("{mant}\u{00D7}10{}", superscript(e.parse().unwrap_or(0))),
        None => mant.to_string(),
    };
    minus(&out)
}

/// A percentage for a value label, as compact as [`compact`].
pub(crate) fn percent(x: f64) -> String {
    format!("{}%", compact(x))
}

/// The typographic minus sign instead of a hyphen.
fn minus(s: &str) -> String {
    if let Some(rest) = s.strip_prefix('-') {
        if rest.chars().all(|c| c == '0' || c == '.') {
            return rest.to_string();
        }
        return format!("\u{2212}{rest}");
    }
    s.to_string()
}

fn superscript(n: i32) -> String {
    n.to_string()
        .chars()
        .map(|c| match c {
            '-' => '\u{207B}',
            '0' => '\u{2070}',
            '1' => '\u{00B9}',
            '2' => '\u{00B2}',
            '3' => '\u{00B3}',
            d => char::from_u32(0x2070 + d.to_digit(10).unwrap_or(0)).unwrap_or(d),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_are_nice() {
        assert_eq!(nice_step(0.7), 1.0);
        assert_eq!(nice_step(1.7), 2.0);
        assert_eq!(nice_step(23.0), 25.0);
        assert_eq!(nice_step(0.004), 0.005);
        assert_eq!(nice_step(6000.0), 10000.0);
    }

    #[test]
    fn axis_includes_data_and_ticks_are_round() {
        let a = axis(0.0, 87.0, 6, 400.0, 0.0, 0.0);
        assert_eq!(a.lo, 0.0);
        assert_eq!(a.hi, 100.0);
        assert_eq!(a.labels, ["0", "20", "40", "60", "80", "100"]);
        let a = axis(-3.2, 0.0, 6, 400.0, 0.0, 0.0);
        assert!(a.lo <= -3.2 && a.hi == 0.0);
        let a = axis(0.0, 0.0, 6, 400.0, 0.0, 0.0);
        assert_eq!((a.lo, a.hi), (0.0, 1.0));
    }

    #[test]
    fn padding_makes_room_for_labels() {
        let a = axis(0.0, 100.0, 6, 400.0, 0.0, 100.0);
        assert!(a.map(100.0, 0.0, 400.0) <= 300.0 + 1e-9);
    }

    #[test]
    fn extreme_magnitudes_share_a_factor() {
        let a = axis(0.0, 3.2e-6, 6, 400.0, 0.0, 0.0);
        assert_eq!(a.exponent, -6);
        assert_eq!(a.labels.last().map(String::as_str), Some("4"));
        assert_eq!(a.title("GWP [kg]"), "GWP [kg] (\u{00D7}10\u{207B}\u{2076})");
        let a = axis(0.0, 2.5e7, 6, 400.0, 0.0, 0.0);
        assert_eq!(a.exponent, 6);
        let a = axis(0.0, 0.25, 6, 400.0, 0.0, 0.0);
        assert_eq!(a.exponent, 0);
        assert_eq!(a.labels[1], "0.05");
    }

    #[test]
    fn compact_numbers() {
        assert_eq!(compact(1234.6), "1235");
        assert_eq!(compact(0.5), "0.5");
        assert_eq!(compact(-2.0), "\u{2212}2");
        assert_eq!(compact(1.5e-7), "1.5\u{00D7}10\u{207B}\u{2077}");
        assert_eq!(compact(0.0), "0");
        assert_eq!(percent(103.456), "103%");
        assert_eq!(percent(-5.0), "\u{2212}5%");
    }
}
