//! Summaries of draws: mean, standard deviation, percentiles, convergence, computed in a fixed
//! order so that the same draws always give the same bits.

use serde::{Deserialize, Serialize};

/// The p-quantile (0..=1) of sorted values, linear interpolation between order statistics
/// (type 7 of Hyndman and Fan 1996, the default of R and NumPy).
pub fn percentile_sorted(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let h = (sorted.len() - 1) as f64 * p;
    let lo = h.floor() as usize;
    let hi = h.ceil() as usize;
    sorted[lo] + (h - lo as f64) * (sorted[hi] - sorted[lo])
}

/// Summary statistics of one output over the draws.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Summary {
    /// Number of draws.
    pub n: usize,
    pub mean: f64,
    /// Sample standard deviation.
    pub sd: f64,
    /// 2.5th percentile.
    pub p2_5: f64,
    pub median: f64,
    /// 97.5th percentile.
    pub p97_5: f64,
    /// sd / |mean| (`NaN` when the mean is 0).
    pub cv: f64,
    /// Standard error of the mean relative to |mean|.
    pub rel_se: f64,
    /// Largest relative change of mean, 2.5th and 97.5th percentiles between the first half of the
    /// draws and all of them (a convergence check).
    pub half_change: f64,
}

impl Summary {
    /// Summarizes values in draw order.
    pub fn of(values: &[f64]) -> Summary {
        let n = values.len();
        let stats = |v: &[f64]| {
            let m = v.iter().sum::<f64>() / v.len().max(1) as f64;
            let mut s = v.to_vec();
            s.sort_by(f64::total_cmp);
            (m, percentile_sorted(&s, 0.025), percentile_sorted(&s, 0.5), percentile_sorted(&s, 0.975))
        };
        let (mean, p2_5, median, p97_5) = stats(values);
        let sd =
            if n > 1 { (values.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1) as f64).sqrt() } else { 0.0 };
        let scale = mean.abs().max(p2_5.abs()).max(p97_5.abs());
        let half_change = if n >= 4 && scale > 0.0 {
            let (hm, hlo, _, hhi) = stats(&values[..n / 2]);
            [(hm - mean).abs(), (hlo - p2_5).abs(), (hhi - p97_5).abs()].into_iter().fold(0.0, f64::max) / scale
        } else {
            f64::NAN
        };
        Summary {
            n,
            mean,
            sd,
            p2_5,
            median,
            p97_5,
            cv: if mean != 0.0 { sd / mean.abs() } else { f64::NAN },
            rel_se: if mean != 0.0 && n > 0 { sd / (n as f64).sqrt() / mean.abs() } else { f64::NAN },
            half_change,
        }
    }

    /// True when the mean's standard error is below 1 % of it and the mean and 95 % interval moved
    /// by less than 2 % of the scale between half of the draws and all of them.
    pub fn converged(&self) -> bool {
        let se_ok = self.rel_se.is_nan() || self.rel_se < 0.01;
        let half_ok = self.half_change.is_nan() || self.half_change < 0.02;
        self.n >= 100 && se_ok && half_ok
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_like_numpy() {
        let v = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile_sorted(&v, 0.5), 2.5);
        assert_eq!(percentile_sorted(&v, 0.025), 1.075);
        let s = Summary::of(&[3.0, 1.0, 2.0, 4.0]);
        assert_eq!(s.mean, 2.5);
        assert!((s.sd - 1.2909944487358056).abs() < 1e-15);
    }
}
