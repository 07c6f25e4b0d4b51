//! The ecoinvent pedigree matrix: five data-quality scores turned into extra lognormal width.
//!
//! Factors: Weidema B.P. et al. (2013) Overview and methodology. Data quality guideline for the
//! ecoinvent database version 3. Ecoinvent Report 1(v3), St. Gallen, Table 10.5: variances of the
//! underlying normal distribution (of ln x) added to the basic variance for scores 1 to 5.

use crate::error::{Error, ErrorKind, Location, Result};

/// Variance of ln x added for each indicator (rows) and score 1..=5 (columns).
const VARIANCE: [[f64; 5]; 5] = [
    [0.0, 0.0006, 0.002, 0.008, 0.04],
    [0.0, 0.0001, 0.0006, 0.002, 0.008],
    [0.0, 0.0002, 0.002, 0.008, 0.04],
    [0.0, 0.000025, 0.0001, 0.0006, 0.002],
    [0.0, 0.0006, 0.008, 0.04, 0.12],
];

/// Parses `(1,2,1,1,3)`, `1;2;1;1;3` or `1 2 1 1 3`.
pub fn parse(text: &str, at: &Location) -> Result<[u8; 5]> {
    let cleaned: String = text.chars().map(|c| if c.is_ascii_digit() { c } else { ' ' }).collect();
    let scores: Vec<u8> = cleaned.split_whitespace().filter_map(|s| s.parse().ok()).collect();
    if scores.len() != 5 || scores.iter().any(|s| !(1..=5).contains(s)) {
        return Err(Error::new(
            ErrorKind::Distribution,
            at.clone(),
            format!("pedigree `{text}` is not five scores between 1 and 5"),
            "write (reliability, completeness, temporal, geographical, technological), e.g. (1,2,1,1,3)",
        ));
    }
    Ok([scores[0], scores[1], scores[2], scores[3], scores[4]])
}

/// Sum of the pedigree variances of ln x for the given scores.
pub fn added_variance(scores: [u8; 5]) -> f64 {
    scores.iter().enumerate().map(|(i, &s)| VARIANCE[i][(s.clamp(1, 5) - 1) as usize]).sum()
}

/// Total lognormal sigma from a basic sigma and pedigree scores: sqrt(basic^2 + sum of variances).
pub fn total_sigma(basic_sigma: f64, scores: [u8; 5]) -> f64 {
    (basic_sigma * basic_sigma + added_variance(scores)).sqrt()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn combines_variances() {
        let at = Location::default();
        let s = parse("(1,1,1,1,1)", &at).unwrap();
        assert_eq!(total_sigma(0.1, s), 0.1);
        let s = parse("5;5;5;5;5", &at).unwrap();
        let expected = (0.01f64 + 0.04 + 0.008 + 0.04 + 0.002 + 0.12).sqrt();
        assert!((total_sigma(0.1, s) - expected).abs() < 1e-15);
        assert!(parse("(1,2,3)", &at).is_err());
        assert!(parse("(1,2,3,4,6)", &at).is_err());
    }
}
