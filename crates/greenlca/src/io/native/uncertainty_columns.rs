//! The uncertainty columns shared by every CSV format (see docs/formats.md).

use super::csv_table::Row;
use crate::error::{Error, ErrorKind, Result};
use crate::model::{Distribution, pedigree};

/// Reads the distribution of `amount` from a row: `uncertainty` (or `uncertainty_type`) as a name
/// or stats_arrays id, `loc`, `scale` (or `gsd`), `minimum`, `maximum`, and `pedigree`, which widens
/// a lognormal (or makes one with only the pedigree width when no distribution is given).
pub fn read(row: &Row<'_>, amount: f64) -> Result<Option<Distribution>> {
    let kind_text = row.get("uncertainty").or_else(|| row.get("uncertainty_type"));
    let kind = match kind_text {
        None => 0,
        Some(t) => parse_kind(t).ok_or_else(|| {
            Error::new(
                ErrorKind::Distribution,
                row.at(),
                format!("unknown uncertainty type `{t}`"),
                "use none, lognormal, normal, uniform or triangular (or the stats_arrays ids 0-5)",
            )
        })?,
    };
    let mut scale = row.number("scale")?;
    if let Some(gsd) = row.number("gsd")? {
        if gsd < 1.0 {
            return Err(Error::new(
                ErrorKind::Distribution,
                row.at(),
                format!("geometric standard deviation {gsd} is below 1"),
                "a GSD is exp(sigma) and so at least 1; for sigma itself use the `scale` column",
            ));
        }
        scale = Some(gsd.ln());
    }
    let at = row.at();
    let base = Distribution::from_stats_arrays(
        kind,
        amount,
        row.number("loc")?,
        scale,
        row.number("minimum")?,
        row.number("maximum")?,
        &at,
    )?;
    let Some(ped_text) = row.get("pedigree") else {
        return Ok(base);
    };
    let scores = pedigree::parse(ped_text, &at)?;
    match base {
        Some(Distribution::Lognormal { mu, sigma }) => {
            Ok(Some(Distribution::Lognormal { mu, sigma: pedigree::total_sigma(sigma, scores) }))
        }
        None if amount != 0.0 => {
            Ok(Some(Distribution::Lognormal { mu: amount.abs().ln(), sigma: pedigree::total_sigma(0.0, scores) }))
        }
        None => Ok(None),
        Some(_) => Err(Error::new(
            ErrorKind::Distribution,
            at,
            "a pedigree is given with a distribution that is not lognormal",
            "pedigree scores widen lognormal distributions only: use lognormal, or drop the pedigree",
        )),
    }
}

/// Parses a distribution name or a stats_arrays id.
pub fn parse_kind(text: &str) -> Option<u8> {
    match text.trim().to_ascii_lowercase().as_str() {
        "" | "0" | "1" | "none" | "undefined" | "no uncertainty" | "0.0" | "1.0" => Some(0),
        "2" | "2.0" | "lognormal" | "log-normal" => Some(2),
        "3" | "3.0" | "normal" => Some(3),
        "4" | "4.0" | "uniform" => Some(4),
        "5" | "5.0" | "triangular" | "triangle" => Some(5),
        _ => None,
    }
}
