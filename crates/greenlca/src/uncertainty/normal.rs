//! The standard normal quantile function (inverse CDF), needed to turn uniform numbers into
//! normal and lognormal draws for Sobol sampling and for percentiles of distributions.
//!
//! Algorithm AS 241 (Wichura M.J. 1988, "The percentage points of the normal distribution",
//! Applied Statistics 37(3):477-484), PPND16, accurate to about 1e-16.

/// Φ^-1(p) for 0 < p < 1; -inf at 0 and +inf at 1.
pub fn inverse_cdf(p: f64) -> f64 {
    if p <= 0.0 {
        return f64::NEG_INFINITY;
    }
    if p >= 1.0 {
        return f64::INFINITY;
    }
    let q = p - 0.5;
    if q.abs() <= 0.425 {
        let r = 0.180625 - q * q;
        return q * poly(&A, r) / poly(&B, r);
    }
    let r = if q < 0.0 { p } else { 1.0 - p };
    let r = (-r.ln()).sqrt();
    let v = if r <= 5.0 {
        let r = r - 1.6;
        poly(&C, r) / poly(&D, r)
    } else {
        let r = r - 5.0;
        poly(&E, r) / poly(&F, r)
    };
    if q < 0.0 { -v } else { v }
}

/// Φ(x), the standard normal CDF (erfc-based, relative error about 1e-15 where it matters).
pub fn cdf(x: f64) -> f64 {
    0.5 * erfc(-x / std::f64::consts::SQRT_2)
}

fn poly(c: &[f64; 8], x: f64) -> f64 {
    c.iter().rev().fold(0.0, |acc, &k| acc * x + k)
}

/// Complementary error function (W. J. Cody's rational approximations, via a continued fraction
/// free formulation good to ~1e-15).
fn erfc(x: f64) -> f64 {
    // Numerical Recipes' erfc with Chebyshev coefficients (relative accuracy 1.2e-7 is not enough),
    // so use the relation with the regularized incomplete gamma by series/continued fraction.
    if x < 0.0 {
        return 2.0 - erfc(-x);
    }
    if x < 0.5 {
        return 1.0 - erf_series(x);
    }
    erfc_continued_fraction(x)
}

fn erf_series(x: f64) -> f64 {
    // erf(x) = 2/sqrt(pi) * sum_n (-1)^n x^(2n+1) / (n! (2n+1))
    let mut sum: f64 = 0.0;
    let mut term = x;
    let x2 = x * x;
    let mut n: f64 = 0.0;
    while term.abs() > 1e-17 * sum.abs().max(1e-300) {
        sum += term / (2.0 * n + 1.0);
        n += 1.0;
        term *= -x2 / n;
        if n > 200.0 {
            break;
        }
    }
    sum * 2.0 / std::f64::consts::PI.sqrt()
}

fn erfc_continued_fraction(x: f64) -> f64 {
    // Lentz's method for erfc(x) = exp(-x^2)/sqrt(pi) * 1/(x + 1/2/(x + 1/(x + 3/2/(x + ...))))
    let tiny = 1e-300;
    let mut f = x;
    let mut c = x;
    let mut d = 0.0;
    for i in 1..500 {
        let a = i as f64 / 2.0;
        d = x + a * d;
        d = if d.abs() < tiny { tiny } else { d };
        c = x + a / c;
        c = if c.abs() < tiny { tiny } else { c };
        d = 1.0 / d;
        let delta = c * d;
        f *= delta;
        if (delta - 1.0).abs() < 1e-16 {
            break;
        }
    }
    (-x * x).exp() / std::f64::consts::PI.sqrt() / f
}

// Coefficients as printed in AS 241; some carry more digits than an f64 holds.
#[allow(clippy::excessive_precision)]
const A: [f64; 8] = [
    3.387_132_872_796_366_5,
    133.141_667_891_784_38,
    1_971.590_950_306_551_3,
    13_731.693_765_509_461,
    45_921.953_931_549_87,
    67_265.770_927_008_7,
    33_430.575_583_588_13,
    2_509.080_928_730_122_7,
];
#[allow(clippy::excessive_precision)]
const B: [f64; 8] = [
    1.0,
    42.313_330_701_600_91,
    687.187_007_492_057_9,
    5_394.196_021_424_751,
    21_213.794_301_586_597,
    39_307.895_800_092_71,
    28_729.085_735_721_943,
    5_226.495_278_852_545,
];
#[allow(clippy::excessive_precision)]
const C: [f64; 8] = [
    1.423_437_110_749_683_5,
    4.630_337_846_156_546,
    5.769_497_221_460_691,
    3.647_848_324_763_204_5,
    1.270_458_252_452_368_4,
    0.241_780_725_177_450_6,
    0.022_723_844_989_269_184,
    7.745_450_142_783_414e-4,
];
#[allow(clippy::excessive_precision)]
const D: [f64; 8] = [
    1.0,
    2.053_191_626_637_759,
    1.676_384_830_183_803_8,
    0.689_767_334_985_1,
    0.148_103_976_427_480_08,
    0.015_198_666_563_616_457,
    5.475_938_084_995_345e-4,
    1.050_750_071_644_416_9e-9,
];
#[allow(clippy::excessive_precision)]
const E: [f64; 8] = [
    6.657_904_643_501_103,
    5.463_784_911_164_114,
    1.784_826_539_917_291_3,
    0.296_560_571_828_504_9,
    0.026_532_189_526_576_124,
    0.001_242_660_947_388_078_4,
    2.711_555_568_743_487_6e-5,
    2.010_334_399_292_288_1e-7,
];
#[allow(clippy::excessive_precision)]
const F: [f64; 8] = [
    1.0,
    0.599_832_206_555_888,
    0.136_929_880_922_735_8,
    0.014_875_361_290_850_615,
    7.868_691_311_456_133e-4,
    1.846_318_317_510_054_8e-5,
    1.421_511_758_316_446e-7,
    2.046_978_611_570_316e-15,
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_quantiles_and_round_trip() {
        assert!((inverse_cdf(0.975) - 1.959_963_984_540_054).abs() < 1e-14);
        assert!((inverse_cdf(0.5)).abs() < 1e-16);
        assert!((inverse_cdf(1e-10) + 6.361_340_902_404_056).abs() < 1e-12);
        for p in [1e-8, 0.001, 0.1, 0.3, 0.7, 0.99, 0.999_999] {
            assert!((cdf(inverse_cdf(p)) - p).abs() < 1e-13 * p.max(1e-3), "{p}");
        }
    }
}
#[cfg(test)]
mod scipy_values {
    #[test]
    fn against_scipy() {
        // scipy.stats.norm.ppf values
        for (p, x) in [
            (0.001, -3.090232306167813),
            (0.2, -0.8416212335729142),
            (0.6, 0.2533471031357997),
            (0.9999, 3.7190164854556804),
            (1e-20, -9.262340089798408),
        ] {
            assert!((super::inverse_cdf(p) - x).abs() < 1e-13 * x.abs(), "{p}: {}", super::inverse_cdf(p));
        }
    }
}
