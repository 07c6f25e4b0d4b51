//! Probability distributions of uncertain amounts, with stats_arrays-compatible parameters.

use serde::{Deserialize, Serialize};

use crate::error::{Error, ErrorKind, Location, Result};

/// A distribution of a signed amount. Lognormal amounts keep the sign of the deterministic amount.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(tag = "distribution", rename_all = "snake_case")]
#[non_exhaustive]
pub enum Distribution {
    /// ln|x| ~ Normal(mu, sigma); the median of |x| is exp(mu) (stats_arrays id 2).
    Lognormal {
        /// Mean of ln|x|.
        mu: f64,
        /// Standard deviation of ln|x| (the geometric standard deviation is exp(sigma)).
        sigma: f64,
    },
    /// Normal, optionally truncated to [min, max] (stats_arrays id 3).
    Normal {
        mean: f64,
        /// Standard deviation.
        sd: f64,
        /// Lower truncation bound.
        min: Option<f64>,
        /// Upper truncation bound.
        max: Option<f64>,
    },
    /// Uniform on [min, max] (stats_arrays id 4).
    Uniform {
        /// Lower bound.
        min: f64,
        /// Upper bound.
        max: f64,
    },
    /// Triangular on [min, max] with the given mode (stats_arrays id 5).
    Triangular {
        /// Lower bound.
        min: f64,
        /// Most likely value.
        mode: f64,
        /// Upper bound.
        max: f64,
    },
}

impl Distribution {
    /// The stats_arrays id of the distribution.
    pub fn stats_arrays_id(&self) -> u8 {
        match self {
            Distribution::Lognormal { .. } => 2,
            Distribution::Normal { .. } => 3,
            Distribution::Uniform { .. } => 4,
            Distribution::Triangular { .. } => 5,
        }
    }

    /// Short name used in files.
    pub fn name(&self) -> &'static str {
        match self {
            Distribution::Lognormal { .. } => "lognormal",
            Distribution::Normal { .. } => "normal",
            Distribution::Uniform { .. } => "uniform",
            Distribution::Triangular { .. } => "triangular",
        }
    }

    /// Builds a distribution from stats_arrays columns (`uncertainty_type,loc,scale,shape,minimum,
    /// maximum`) for the signed deterministic `amount`. Types 0 and 1 (or empty) mean "fixed": `None`.
    /// Empty `loc` defaults to ln|amount| (lognormal) or `amount` (normal, triangular mode).
    pub fn from_stats_arrays(
        kind: u8,
        amount: f64,
        loc: Option<f64>,
        scale: Option<f64>,
        minimum: Option<f64>,
        maximum: Option<f64>,
        at: &Location,
    ) -> Result<Option<Distribution>> {
        let need = |v: Option<f64>, what: &str| {
            v.ok_or_else(|| {
                Error::new(
                    ErrorKind::Distribution,
                    at.clone(),
                    format!("{} distribution needs `{what}`", type_name(kind)),
                    "fill the column (see docs/uncertainty.md for the parameters of each distribution)",
                )
            })
        };
        let d = match kind {
            0 | 1 => return Ok(None),
            2 => Distribution::Lognormal { mu: loc.unwrap_or_else(|| amount.abs().ln()), sigma: need(scale, "scale")? },
            3 => Distribution::Normal {
                mean: loc.unwrap_or(amount),
                sd: need(scale, "scale")?,
                min: minimum,
                max: maximum,
            },
            4 => Distribution::Uniform { min: need(minimum, "minimum")?, max: need(maximum, "maximum")? },
            5 => Distribution::Triangular {
                min: need(minimum, "minimum")?,
                mode: loc.unwrap_or(amount),
                max: need(maximum, "maximum")?,
            },
            other => {
                return Err(Error::new(
                    ErrorKind::Distribution,
                    at.clone(),
                    format!("uncertainty type {other} is not supported"),
                    "use 0/1 (none), 2 (lognormal), 3 (normal), 4 (uniform) or 5 (triangular)",
                ));
            }
        };
        d.check(amount, at)?;
        Ok(Some(d))
    }

    /// Checks that the parameters are consistent with each other and with the deterministic amount.
    pub fn check(&self, amount: f64, at: &Location) -> Result<()> {
        let bad = |msg: String, hint: &str| Err(Error::new(ErrorKind::Distribution, at.clone(), msg, hint));
        let finite = |xs: &[f64]| xs.iter().all(|x| x.is_finite());
        match *self {
            Distribution::Lognormal { mu, sigma } => {
                if !finite(&[mu, sigma]) {
                    return bad(
                        format!("lognormal parameters mu={mu}, sigma={sigma} are not finite"),
                        "give finite numbers",
                    );
                }
                if sigma < 0.0 {
                    return bad(
                        format!("lognormal width sigma={sigma} is negative"),
                        "sigma is the standard deviation of ln(x), so it must be >= 0; for a geometric standard deviation GSD use sigma = ln(GSD)",
                    );
                }
                if amount == 0.0 {
                    return bad(
                        "lognormal distribution on an amount of 0".into(),
                        "a lognormal amount cannot be zero; use a normal or uniform distribution",
                    );
                }
            }
            Distribution::Normal { mean, sd, min, max } => {
                if !finite(&[mean, sd]) || sd < 0.0 {
                    return bad(
                        format!("normal distribution with mean={mean}, sd={sd}"),
                        "sd must be a finite number >= 0",
                    );
                }
                if let (Some(lo), Some(hi)) = (min, max)
                    && lo >= hi
                {
                    return bad(
                        format!("normal truncation minimum {lo} is not below maximum {hi}"),
                        "swap or correct the bounds",
                    );
                }
            }
            Distribution::Uniform { min, max } => {
                if !finite(&[min, max]) || min >= max {
                    return bad(format!("uniform distribution on [{min}, {max}] is empty"), "give minimum < maximum");
                }
                if amount < min || amount > max {
                    return bad(
                        format!("the amount {amount} lies outside its uniform range [{min}, {max}]"),
                        "the range must contain the deterministic amount: correct the amount or the bounds",
                    );
                }
            }
            Distribution::Triangular { min, mode, max } => {
                if !finite(&[min, mode, max]) || min >= max {
                    return bad(
                        format!("triangular distribution on [{min}, {max}] is empty"),
                        "give minimum < maximum",
                    );
                }
                if mode < min || mode > max {
                    return bad(
                        format!("triangular mode {mode} lies outside [{min}, {max}]"),
                        "the mode (loc, or the amount when loc is empty) must lie between minimum and maximum",
                    );
                }
                if amount < min || amount > max {
                    return bad(
                        format!("the amount {amount} lies outside its triangular range [{min}, {max}]"),
                        "the range must contain the deterministic amount",
                    );
                }
            }
        }
        Ok(())
    }

    /// Expected value of the distribution (for the lognormal, of the signed amount with sign `sign`).
    pub fn mean(&self, sign: f64) -> f64 {
        match *self {
            Distribution::Lognormal { mu, sigma } => sign.signum() * (mu + sigma * sigma / 2.0).exp(),
            Distribution::Normal { mean, .. } => mean,
            Distribution::Uniform { min, max } => (min + max) / 2.0,
            Distribution::Triangular { min, mode, max } => (min + mode + max) / 3.0,
        }
    }

    /// Variance of the (untruncated) distribution.
    pub fn variance(&self) -> f64 {
        match *self {
            Distribution::Lognormal { mu, sigma } => {
                let s2 = sigma * sigma;
                (s2.exp() - 1.0) * (2.0 * mu + s2).exp()
            }
            Distribution::Normal { sd, .. } => sd * sd,
            Distribution::Uniform { min, max } => (max - min).powi(2) / 12.0,
            Distribution::Triangular { min, mode, max } => {
                (min * min + mode * mode + max * max - min * mode - min * max - mode * max) / 18.0
            }
        }
    }

    /// The same distribution scaled by a positive or negative factor (unit conversion, sign flips).
    pub fn scaled(&self, k: f64) -> Distribution {
        match *self {
            Distribution::Lognormal { mu, sigma } => Distribution::Lognormal { mu: mu + k.abs().ln(), sigma },
            Distribution::Normal { mean, sd, min, max } => {
                let (lo, hi) = (min.map(|v| v * k), max.map(|v| v * k));
                let (lo, hi) = if k < 0.0 { (hi, lo) } else { (lo, hi) };
                Distribution::Normal { mean: mean * k, sd: sd * k.abs(), min: lo, max: hi }
            }
            Distribution::Uniform { min, max } => {
                let (a, b) = (min * k, max * k);
                Distribution::Uniform { min: a.min(b), max: a.max(b) }
            }
            Distribution::Triangular { min, mode, max } => {
                let (a, b) = (min * k, max * k);
                Distribution::Triangular { min: a.min(b), mode: mode * k, max: a.max(b) }
            }
        }
    }
}

fn type_name(kind: u8) -> &'static str {
    match kind {
        2 => "lognormal",
        3 => "normal",
        4 => "uniform",
        5 => "triangular",
        _ => "this",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn mobility_uniform_around_fifty_is_refused() {
        let at = Location::entity("parameter `battery_capacity`");
        let e = Distribution::from_stats_arrays(4, 50.0, None, None, Some(0.0), Some(1.0), &at).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Distribution);
        assert!(e.message.contains("50") && e.message.contains("[0, 1]"), "{e}");
    }

    #[test]
    fn triangular_mode_outside_and_negative_lognormal_width_are_refused() {
        let at = Location::default();
        assert!(Distribution::from_stats_arrays(5, 2.0, Some(5.0), None, Some(1.0), Some(3.0), &at).is_err());
        let e = Distribution::from_stats_arrays(2, 2.0, None, Some(-0.1), None, None, &at).unwrap_err();
        assert!(e.message.contains("negative"));
    }

    #[test]
    fn lognormal_defaults_to_the_amount_as_median() {
        let d = Distribution::from_stats_arrays(2, -4.0, None, Some(0.2), None, None, &Location::default())
            .unwrap()
            .unwrap();
        assert_eq!(d, Distribution::Lognormal { mu: 4f64.ln(), sigma: 0.2 });
        assert!(d.mean(-1.0) < -4.0);
    }

    #[test]
    fn scaling_keeps_bounds_ordered() {
        let d = Distribution::Triangular { min: 1.0, mode: 2.0, max: 4.0 }.scaled(-2.0);
        assert_eq!(d, Distribution::Triangular { min: -8.0, mode: -4.0, max: -2.0 });
    }
}
