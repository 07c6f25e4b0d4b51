//! Summary statistics and kernel density estimates of samples.

/// Mean of `xs` (not empty).
pub(crate) fn mean(xs: &[f64]) -> f64 {
    xs.iter().sum::<f64>() / xs.len() as f64
}

/// A sorted copy of `xs` (finite values).
pub(crate) fn sorted(xs: &[f64]) -> Vec<f64> {
    let mut v = xs.to_vec();
    v.sort_by(f64::total_cmp);
    v
}

/// The `p` quantile (0 to 1) of sorted, non-empty `s`, interpolating linearly between order
/// statistics (the default of R and NumPy).
pub(crate) fn quantile(s: &[f64], p: f64) -> f64 {
    let h = (s.len() - 1) as f64 * p.clamp(0.0, 1.0);
    let (i, frac) = (h.floor() as usize, h - h.floor());
    if i + 1 < s.len() { s[i] + (s[i + 1] - s[i]) * frac } else { s[i] }
}

/// Standard deviation (n - 1) of `xs`; zero for fewer than two values.
pub(crate) fn std_dev(xs: &[f64]) -> f64 {
    if xs.len() < 2 {
        return 0.0;
    }
    let m = mean(xs);
    (xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (xs.len() - 1) as f64).sqrt()
}

/// Gaussian kernel density of sorted `s` at `points` positions from its minimum to its maximum
/// (Silverman's bandwidth). Returns (position, density) pairs; `None` when the samples do not
/// spread (fewer than two distinct values).
pub(crate) fn density(s: &[f64], points: usize) -> Option<Vec<(f64, f64)>> {
    let (lo, hi) = (s[0], s[s.len() - 1]);
    if hi <= lo {
        return None;
    }
    let iqr = quantile(s, 0.75) - quantile(s, 0.25);
    let sd = std_dev(s);
    let spread = if iqr > 0.0 { sd.min(iqr / 1.34) } else { sd };
    let bw = (0.9 * spread * (s.len() as f64).powf(-0.2)).max((hi - lo) * 1e-3);
    // Large samples: every k-th sorted value gives the same shape at a fraction of the cost.
    let stride = (s.len() / 20_000).max(1);
    let used: Vec<f64> = s.iter().step_by(stride).copied().collect();
    let norm = 1.0 / (used.len() as f64 * bw * (2.0 * std::f64::consts::PI).sqrt());
    let out = (0..points)
        .map(|k| {
            let x = lo + (hi - lo) * k as f64 / (points - 1) as f64;
            let d: f64 = used.iter().map(|v| (-0.5 * ((x - v) / bw).powi(2)).exp()).sum();
            (x, d * norm)
        })
        .collect();
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_interpolate() {
        let s = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(quantile(&s, 0.0), 1.0);
        assert_eq!(quantile(&s, 0.5), 2.5);
        assert_eq!(quantile(&s, 1.0), 4.0);
        assert_eq!(quantile(&[7.0], 0.3), 7.0);
        assert_eq!(mean(&s), 2.5);
    }

    #[test]
    fn density_integrates_to_about_one() {
        let s: Vec<f64> = (0..1000).map(|i| ((i as f64 + 0.5) / 1000.0 - 0.5) * 6.0).collect();
        let d = density(&s, 200).unwrap();
        let dx = d[1].0 - d[0].0;
        let area: f64 = d.iter().map(|p| p.1 * dx).sum();
        assert!((area - 1.0).abs() < 0.1, "{area}");
        assert!(density(&[2.0, 2.0], 10).is_none());
    }
}
