//! openLCA uncertainty distributions as greenlca [`Distribution`]s.
//!
//! LOG_NORMAL_DISTRIBUTION: `geomMean` is the median exp(mu) and `geomSd` the geometric standard
//! deviation exp(sigma). NORMAL_DISTRIBUTION: `mean`, `sd`. UNIFORM_DISTRIBUTION: `minimum`,
//! `maximum`. TRIANGLE_DISTRIBUTION: `minimum`, `mode`, `maximum`. Bounds given in the wrong order
//! are swapped; a distribution that still contradicts itself or the amount (a geometric standard
//! deviation below 1, as openLCA writes for "not set", or a range without the amount) is left out.
//! Either way a note says so.

use super::schema::Uncertainty;
use crate::error::Location;
use crate::io::import::report::{NoteKind, Notes};
use crate::model::Distribution;

/// The distribution of `amount` described by `u`, or `None` (with a note) when it cannot be used.
pub fn distribution(u: &Uncertainty, amount: f64, at: &Location, notes: &mut Notes) -> Option<Distribution> {
    let kind = u.distribution_type.as_deref().unwrap_or("");
    let d = match kind {
        "LOG_NORMAL_DISTRIBUTION" => {
            let gsd = u.geom_sd.unwrap_or(0.0);
            if !(gsd >= 1.0 && gsd.is_finite()) {
                return dropped(notes, kind, at, format!("geometric standard deviation {gsd} is below 1"));
            }
            let median = u.geom_mean.map(f64::abs).filter(|m| *m > 0.0 && m.is_finite()).unwrap_or(amount.abs());
            Distribution::Lognormal { mu: median.ln(), sigma: gsd.ln() }
        }
        "NORMAL_DISTRIBUTION" => {
            let Some(sd) = u.sd else { return dropped(notes, kind, at, "no standard deviation".into()) };
            Distribution::Normal { mean: u.mean.unwrap_or(amount), sd, min: None, max: None }
        }
        "UNIFORM_DISTRIBUTION" => {
            let (Some(a), Some(b)) = (u.minimum, u.maximum) else {
                return dropped(notes, kind, at, "minimum or maximum missing".into());
            };
            let (min, max) = ordered(a, b, kind, at, notes);
            Distribution::Uniform { min, max }
        }
        "TRIANGLE_DISTRIBUTION" => {
            let (Some(a), Some(b)) = (u.minimum, u.maximum) else {
                return dropped(notes, kind, at, "minimum or maximum missing".into());
            };
            let (min, max) = ordered(a, b, kind, at, notes);
            Distribution::Triangular { min, mode: u.mode.unwrap_or(amount), max }
        }
        "" | "NO_DISTRIBUTION" => return None,
        other => return dropped(notes, kind, at, format!("distribution type `{other}` is not supported")),
    };
    match d.check(amount, at) {
        Ok(()) => Some(d),
        Err(e) => dropped(notes, kind, at, e.message),
    }
}

fn dropped(notes: &mut Notes, kind: &str, at: &Location, why: String) -> Option<Distribution> {
    notes.push(NoteKind::UncertaintyDropped, at.clone(), format!("{kind}: {why}; left out"));
    None
}

fn ordered(a: f64, b: f64, kind: &str, at: &Location, notes: &mut Notes) -> (f64, f64) {
    if a <= b {
        return (a, b);
    }
    notes.push(NoteKind::UncertaintyRepaired, at.clone(), format!("{kind}: minimum {a} above maximum {b}; swapped"));
    (b, a)
}
