//! EcoSpold 2 `<uncertainty>`: lognormal (`meanValue`, `mu`, `variance` of ln x,
//! `varianceWithPedigreeUncertainty`), normal (`meanValue`, `variance` of x), triangular
//! (`minValue`, `mostLikelyValue`, `maxValue`), uniform (`minValue`, `maxValue`), and the pedigree
//! matrix (`reliability`, `completeness`, `temporalCorrelation`, `geographicalCorrelation`,
//! `furtherTechnologyCorrelation`).
//!
//! A lognormal with a pedigree matrix gets the basic variance widened by greenlca's pedigree
//! factors (the same table ecoinvent uses), so that the native folder stores the basic width and
//! the scores and reads back the same distribution.

use crate::error::{Location, Result};
use crate::io::import::report::{NoteKind, Notes};
use crate::io::import::xml_tree::Element;
use crate::model::{Distribution, pedigree};

const PEDIGREE: [&str; 5] =
    ["reliability", "completeness", "temporalCorrelation", "geographicalCorrelation", "furtherTechnologyCorrelation"];

/// The distribution and pedigree scores of an exchange or parameter with deterministic `amount`.
pub fn read(
    unc: Option<&Element>,
    amount: f64,
    at: &Location,
    notes: &mut Notes,
) -> Result<(Option<Distribution>, Option<[u8; 5]>)> {
    let Some(u) = unc else { return Ok((None, None)) };
    let scores = pedigree_scores(u, at, notes)?;
    let num = |el: &Element, name: &str| el.number(name, at);
    let mut dist = None;
    for el in &u.children {
        let d = match el.name.as_str() {
            "lognormal" => {
                let mu = match (num(el, "mu")?, num(el, "meanValue")?) {
                    (Some(mu), _) => mu,
                    (None, Some(m)) if m != 0.0 => m.abs().ln(),
                    _ => amount.abs().ln(),
                };
                let basic = num(el, "variance")?;
                let with_pedigree = num(el, "varianceWithPedigreeUncertainty")?;
                let sigma = match (basic, scores, with_pedigree) {
                    (Some(v), Some(s), _) => pedigree::total_sigma(v.max(0.0).sqrt(), s),
                    (Some(v), None, _) => v.max(0.0).sqrt(),
                    (None, _, Some(v)) => v.max(0.0).sqrt(),
                    (None, Some(s), None) => pedigree::total_sigma(0.0, s),
                    (None, None, None) => return dropped(notes, at, "lognormal without a variance"),
                };
                Distribution::Lognormal { mu, sigma }
            }
            "normal" => {
                let var = num(el, "varianceWithPedigreeUncertainty")?.or(num(el, "variance")?);
                let Some(var) = var else { return dropped(notes, at, "normal without a variance") };
                Distribution::Normal {
                    mean: num(el, "meanValue")?.unwrap_or(amount),
                    sd: var.max(0.0).sqrt(),
                    min: None,
                    max: None,
                }
            }
            "triangular" => {
                let (Some(min), Some(max)) = (num(el, "minValue")?, num(el, "maxValue")?) else {
                    return dropped(notes, at, "triangular without minValue and maxValue");
                };
                Distribution::Triangular { min, mode: num(el, "mostLikelyValue")?.unwrap_or(amount), max }
            }
            "uniform" => {
                let (Some(min), Some(max)) = (num(el, "minValue")?, num(el, "maxValue")?) else {
                    return dropped(notes, at, "uniform without minValue and maxValue");
                };
                Distribution::Uniform { min, max }
            }
            "undefined" => return Ok((None, None)),
            "beta" | "gamma" | "binominal" => {
                return dropped(notes, at, &format!("{} distributions are not supported", el.name));
            }
            _ => continue,
        };
        dist = Some(d);
        break;
    }
    let Some(d) = dist else { return Ok((None, scores)) };
    if let Err(e) = d.check(amount, at) {
        return dropped(notes, at, &e.message);
    }
    Ok((Some(d), scores))
}

fn dropped(notes: &mut Notes, at: &Location, why: &str) -> Result<(Option<Distribution>, Option<[u8; 5]>)> {
    notes.push(NoteKind::UncertaintyDropped, at.clone(), format!("{why}; left out"));
    Ok((None, None))
}

fn pedigree_scores(u: &Element, at: &Location, notes: &mut Notes) -> Result<Option<[u8; 5]>> {
    let Some(pm) = u.child("pedigreeMatrix") else { return Ok(None) };
    let mut s = [0u8; 5];
    for (i, name) in PEDIGREE.iter().enumerate() {
        match pm.number(name, at)? {
            Some(v) if (1.0..=5.0).contains(&v) && v.fract() == 0.0 => s[i] = v as u8,
            other => {
                notes.push(
                    NoteKind::PedigreeDropped,
                    at.clone().at_line(pm.line),
                    format!("pedigree score `{name}` is {other:?}, not 1 to 5; the pedigree matrix is left out"),
                );
                return Ok(None);
            }
        }
    }
    Ok(Some(s))
}
