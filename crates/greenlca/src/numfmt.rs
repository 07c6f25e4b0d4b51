//! Numbers written for people, shared by the reports and the charts (a leaf: it uses nothing else
//! of the crate, so neither depends on the other for it).

/// A number with about `sig` significant digits for people: plain where that reads well,
/// scientific for very large or small magnitudes.
pub fn human(x: f64, sig: usize) -> String {
    if x == 0.0 {
        return "0".into();
    }
    if !x.is_finite() {
        return x.to_string();
    }
    let mag = x.abs().log10().floor() as i32;
    if (-3..6).contains(&mag) {
        let decimals = (sig as i32 - 1 - mag).max(0) as usize;
        format!("{x:.decimals$}")
    } else {
        format!("{x:.prec$e}", prec = sig.saturating_sub(1))
    }
}

/// A number with at most `sig` significant digits and no trailing zeros (`170`, `0.0125`).
pub fn short(x: f64, sig: usize) -> String {
    let h = human(x, sig);
    match h.split_once('e') {
        Some((m, e)) if m.contains('.') => format!("{}e{e}", m.trim_end_matches('0').trim_end_matches('.')),
        None if h.contains('.') => h.trim_end_matches('0').trim_end_matches('.').to_string(),
        _ => h,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_for_people() {
        assert_eq!(human(1234.567, 4), "1235");
        assert_eq!(human(0.012345, 4), "0.01235");
        assert_eq!(human(1.5e-7, 4), "1.500e-7");
        assert_eq!(human(-2.0e9, 3), "-2.00e9");
        assert_eq!(short(170.0, 6), "170");
        assert_eq!(short(0.0125, 6), "0.0125");
        assert_eq!(short(1.5e-7, 4), "1.5e-7");
    }
}
