//! Drawing from distributions through their quantile functions, with random streams derived from
//! (run seed, iteration, stream), so that a draw never depends on the thread that makes it.

use rand::{RngExt, SeedableRng};
use rand_chacha::ChaCha8Rng;
use rand_distr::StandardNormal;

use super::normal;
use crate::model::Distribution;

/// Streams of random numbers within one iteration, kept apart so that, e.g., the background draws
/// are the same whatever the variant.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u64)]
pub enum Stream {
    /// Entries of A.
    Technosphere = 1,
    /// Entries of B.
    Biosphere = 2,
    /// Entries of C.
    Characterization = 3,
    DatabaseParameters = 4,
    /// Product model parameters (keyed by name).
    ModelParameters = 5,
    /// Foreground exchanges (keyed by exchange id).
    Foreground = 6,
    /// Sobol sample matrices.
    Sobol = 7,
}

fn splitmix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a hash of a key (parameter name, exchange id).
pub fn key_hash(key: &str) -> u64 {
    key.bytes().fold(0xcbf2_9ce4_8422_2325u64, |h, b| (h ^ b as u64).wrapping_mul(0x0000_0100_0000_01B3))
}

/// The random stream of (`seed`, `iteration`, `stream`, `key`).
pub fn rng(seed: u64, iteration: u64, stream: Stream, key: u64) -> ChaCha8Rng {
    let s = splitmix(splitmix(splitmix(seed) ^ iteration) ^ (stream as u64)) ^ splitmix(key);
    ChaCha8Rng::seed_from_u64(s)
}

/// A uniform number in (0, 1), never exactly 0 or 1.
pub fn uniform01(r: &mut ChaCha8Rng) -> f64 {
    loop {
        let u: f64 = r.random();
        if u > 0.0 {
            return u;
        }
    }
}

/// The `u`-quantile of `d` (0 < u < 1). A lognormal takes the sign of `sign`.
pub fn quantile(d: &Distribution, sign: f64, u: f64) -> f64 {
    match *d {
        Distribution::Lognormal { mu, sigma } => sign.signum() * (mu + sigma * normal::inverse_cdf(u)).exp(),
        Distribution::Normal { mean, sd, min, max } => {
            if sd == 0.0 {
                return mean;
            }
            let lo = min.map_or(0.0, |a| normal::cdf((a - mean) / sd));
            let hi = max.map_or(1.0, |b| normal::cdf((b - mean) / sd));
            let x = mean + sd * normal::inverse_cdf(lo + u * (hi - lo));
            match (min, max) {
                (Some(a), _) if x < a => a,
                (_, Some(b)) if x > b => b,
                _ => x,
            }
        }
        Distribution::Uniform { min, max } => min + u * (max - min),
        Distribution::Triangular { min, mode, max } => {
            let f = (mode - min) / (max - min);
            if u < f {
                min + ((max - min) * (mode - min) * u).sqrt()
            } else {
                max - ((max - min) * (max - mode) * (1.0 - u)).sqrt()
            }
        }
    }
}

/// One draw from `d`. Lognormal and untruncated normal draws take a standard normal number from
/// the ziggurat method (faster than the quantile function); the others go through [`quantile`].
pub fn draw(d: &Distribution, sign: f64, r: &mut ChaCha8Rng) -> f64 {
    match *d {
        Distribution::Lognormal { mu, sigma } => {
            let z: f64 = r.sample(StandardNormal);
            sign.signum() * (mu + sigma * z).exp()
        }
        Distribution::Normal { mean, sd, min: None, max: None } => {
            let z: f64 = r.sample(StandardNormal);
            mean + sd * z
        }
        _ => quantile(d, sign, uniform01(r)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn moments(d: &Distribution, sign: f64, n: usize) -> (f64, f64) {
        let mut r = rng(7, 0, Stream::Technosphere, 0);
        let xs: Vec<f64> = (0..n).map(|_| draw(d, sign, &mut r)).collect();
        let m = xs.iter().sum::<f64>() / n as f64;
        let v = xs.iter().map(|x| (x - m).powi(2)).sum::<f64>() / (n - 1) as f64;
        (m, v)
    }

    #[test]
    fn sample_moments_match_theory() {
        let n = 200_000;
        for (d, sign) in [
            (Distribution::Lognormal { mu: 0.5, sigma: 0.3 }, 1.0),
            (Distribution::Lognormal { mu: 0.5, sigma: 0.3 }, -1.0),
            (Distribution::Normal { mean: 2.0, sd: 0.5, min: None, max: None }, 1.0),
            (Distribution::Uniform { min: -1.0, max: 3.0 }, 1.0),
            (Distribution::Triangular { min: 1.0, mode: 2.0, max: 5.0 }, 1.0),
        ] {
            let (m, v) = moments(&d, sign, n);
            let (tm, tv) = (d.mean(sign), d.variance());
            // Mean within 4 standard errors; variance within 3 %.
            assert!((m - tm).abs() < 4.0 * (tv / n as f64).sqrt(), "{d:?}: mean {m} vs {tm}");
            assert!((v - tv).abs() < 0.03 * tv, "{d:?}: var {v} vs {tv}");
        }
    }

    #[test]
    fn truncated_normal_stays_in_bounds_and_streams_differ() {
        let d = Distribution::Normal { mean: 0.0, sd: 1.0, min: Some(-0.5), max: Some(2.0) };
        let mut r = rng(1, 2, Stream::Biosphere, 0);
        for _ in 0..10_000 {
            let x = draw(&d, 1.0, &mut r);
            assert!((-0.5..=2.0).contains(&x));
        }
        let a = uniform01(&mut rng(1, 2, Stream::Technosphere, 0));
        let b = uniform01(&mut rng(1, 2, Stream::Biosphere, 0));
        let c = uniform01(&mut rng(1, 3, Stream::Technosphere, 0));
        assert!(a != b && a != c);
        assert_eq!(a, uniform01(&mut rng(1, 2, Stream::Technosphere, 0)));
    }
}
