//! Comparing a value with an indicator's criterion: pass or fail, the margin, the grade reached, and
//! the position between the limit and the leaders' benchmark.

use crate::model::spec::Criterion;

/// Outcome of one comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct Verdict {
    /// True when the criterion holds.
    pub pass: bool,
    /// Distance to the limit in the indicator's unit, positive on the passing side.
    pub margin: f64,
    /// Margin relative to |limit|, `None` when the limit is zero.
    pub margin_relative: Option<f64>,
    /// For graded indicators, the best grade reached (`None`: none).
    pub grade: Option<String>,
    /// (limit - value) / (limit - benchmark) for lower-is-better (mirrored for higher): 0 at the
    /// limit, 1 at the benchmark.
    pub benchmark_position: Option<f64>,
}

/// The limit the margin is measured against and whether lower values are better.
fn reference(c: &Criterion, value: f64) -> (f64, bool) {
    match c {
        Criterion::AtMost(l) | Criterion::Below(l) => (*l, true),
        Criterion::AtLeast(l) | Criterion::Above(l) => (*l, false),
        Criterion::Range(lo, hi) => {
            if (value - lo).abs() < (hi - value).abs() {
                (*lo, false)
            } else {
                (*hi, true)
            }
        }
        Criterion::Equals { target, .. } => (*target, value >= *target),
        Criterion::Grade { grades, required, higher_is_better } => {
            let bound = grades.iter().find(|g| &g.0 == required).map(|g| g.1).unwrap_or(f64::NAN);
            (bound, !higher_is_better)
        }
        Criterion::Yes => (1.0, false),
    }
}

/// Relative distance below which a value counts as equal to a bound, so that rounding in the last
/// digits (0.15000000000000002 for 15 %) never decides a verdict.
pub const EQUAL_WITHIN: f64 = 1e-12;

/// `bound` when `value` is within [`EQUAL_WITHIN`] of it, else `value`.
fn snap(value: f64, bound: f64) -> f64 {
    if (value - bound).abs() <= EQUAL_WITHIN * bound.abs().max(value.abs()) { bound } else { value }
}

/// Judges `value` against `c`, with an optional benchmark. A value within [`EQUAL_WITHIN`] of a
/// bound counts as equal to it: it passes `<=`, `>=`, `range`, `equals` and `grade`, and fails `<`
/// and `>`.
pub fn judge(c: &Criterion, raw: f64, benchmark: Option<f64>) -> Verdict {
    let value = match c {
        Criterion::AtMost(l) | Criterion::Below(l) | Criterion::AtLeast(l) | Criterion::Above(l) => snap(raw, *l),
        Criterion::Range(lo, hi) => snap(snap(raw, *lo), *hi),
        Criterion::Equals { target, tolerance } => snap(snap(raw, target - tolerance), target + tolerance),
        Criterion::Grade { grades, .. } => grades.iter().fold(raw, |v, g| snap(v, g.1)),
        Criterion::Yes => raw,
    };
    let meets = |bound: f64, higher: bool| if higher { value >= bound } else { value <= bound };
    let (pass, margin, grade) = match c {
        Criterion::AtMost(l) => (value <= *l, l - value, None),
        Criterion::Below(l) => (value < *l, l - value, None),
        Criterion::AtLeast(l) => (value >= *l, value - l, None),
        Criterion::Above(l) => (value > *l, value - l, None),
        Criterion::Range(lo, hi) => ((*lo..=*hi).contains(&value), (value - lo).min(hi - value), None),
        Criterion::Equals { target, tolerance } => {
            let (lo, hi) = (target - tolerance, target + tolerance);
            ((lo..=hi).contains(&value), (value - lo).min(hi - value), None)
        }
        Criterion::Grade { grades, required, higher_is_better } => {
            let reached = grades.iter().find(|g| meets(g.1, *higher_is_better)).map(|g| g.0.clone());
            let req_pos = grades.iter().position(|g| &g.0 == required).unwrap_or(0);
            let pass = grades.iter().position(|g| Some(&g.0) == reached.as_ref()).is_some_and(|p| p <= req_pos);
            let bound = grades[req_pos].1;
            let margin = if *higher_is_better { value - bound } else { bound - value };
            (pass, margin, reached)
        }
        Criterion::Yes => (value == 1.0, value - 1.0, None),
    };
    let (limit, lower_better) = reference(c, value);
    // A yes/no answer has no relative margin (nothing is "tight" about a yes).
    let margin_relative = (*c != Criterion::Yes && limit != 0.0 && limit.is_finite()).then(|| margin / limit.abs());
    let benchmark_position = benchmark.and_then(|b| {
        let span = if lower_better { limit - b } else { b - limit };
        (span != 0.0).then(|| if lower_better { (limit - value) / span } else { (value - limit) / span })
    });
    Verdict { pass, margin, margin_relative, grade, benchmark_position }
}

/// Judges `value` against `c` and, for a compound limit, `also` too: both must hold; the margin
/// and grade are those of `c` unless only `also` fails, then they are `also`'s.
pub fn judge_compound(c: &Criterion, also: Option<&Criterion>, raw: f64, benchmark: Option<f64>) -> Verdict {
    let first = judge(c, raw, benchmark);
    match also.map(|a| judge(a, raw, None)) {
        Some(second) if first.pass && !second.pass => {
            Verdict { benchmark_position: first.benchmark_position, ..second }
        }
        _ => first,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exactly_at_the_limit() {
        assert!(judge(&Criterion::AtMost(2.0), 2.0, None).pass);
        assert!(!judge(&Criterion::Below(2.0), 2.0, None).pass);
        assert!(judge(&Criterion::AtLeast(2.0), 2.0, None).pass);
        assert!(!judge(&Criterion::Above(2.0), 2.0, None).pass);
        assert!(judge(&Criterion::Range(1.0, 2.0), 1.0, None).pass);
        assert!(judge(&Criterion::Range(1.0, 2.0), 2.0, None).pass);
        assert!(!judge(&Criterion::Range(1.0, 2.0), 2.0000001, None).pass);
        assert!(judge(&Criterion::Equals { target: 5.0, tolerance: 0.5 }, 5.5, None).pass);
        assert!(judge(&Criterion::Equals { target: 5.0, tolerance: 0.0 }, 5.0, None).pass);
        assert!(!judge(&Criterion::Equals { target: 5.0, tolerance: 0.0 }, 5.0000001, None).pass);
        let g = Criterion::Grade {
            grades: vec![("1".into(), 0.10), ("2".into(), 0.12), ("3".into(), 0.15)],
            required: "2".into(),
            higher_is_better: false,
        };
        let v = judge(&g, 0.12, None);
        assert!(v.pass);
        assert_eq!(v.grade.as_deref(), Some("2"));
        let v = judge(&g, 0.13, None);
        assert!(!v.pass);
        assert_eq!(v.grade.as_deref(), Some("3"));
        assert_eq!(judge(&g, 0.2, None).grade, None);
    }

    #[test]
    fn yes_no_and_compound_limits() {
        assert!(judge(&Criterion::Yes, 1.0, None).pass);
        assert!(!judge(&Criterion::Yes, 0.0, None).pass);
        assert_eq!(judge(&Criterion::Yes, 1.0, None).margin_relative, None);
        let (c, also) = (Criterion::AtLeast(85.0), Criterion::AtMost(100.0));
        assert!(judge_compound(&c, Some(&also), 90.0, None).pass);
        let v = judge_compound(&c, Some(&also), 101.0, None);
        assert!(!v.pass);
        assert_eq!(v.margin, -1.0, "the margin of the condition that fails");
        assert!(!judge_compound(&c, Some(&also), 80.0, None).pass);
    }

    #[test]
    fn margins_and_benchmark_position() {
        let v = judge(&Criterion::AtMost(200.0), 150.0, Some(100.0));
        assert_eq!(v.margin, 50.0);
        assert_eq!(v.margin_relative, Some(0.25));
        assert_eq!(v.benchmark_position, Some(0.5));
        let v = judge(&Criterion::AtLeast(0.3), 0.45, Some(0.6));
        assert!((v.benchmark_position.unwrap() - 0.5).abs() < 1e-12);
        assert!(judge(&Criterion::AtLeast(0.3), 0.2, None).margin < 0.0);
    }

    #[test]
    fn rounding_in_the_last_digits_does_not_decide() {
        let v = 0.1 * 3.0; // 0.30000000000000004
        assert!(judge(&Criterion::AtMost(0.3), v, None).pass);
        assert!(!judge(&Criterion::Below(0.3), 0.29999999999999993, None).pass);
        assert!(judge(&Criterion::AtLeast(0.15), 0.15 - 2e-17, None).pass);
        assert!(judge(&Criterion::Range(0.1, 0.3), v, None).pass);
        assert!(judge(&Criterion::Equals { target: 0.3, tolerance: 0.0 }, v, None).pass);
        assert!(!judge(&Criterion::AtMost(0.3), 0.3000001, None).pass);
    }
}
