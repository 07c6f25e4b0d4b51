//! Tells the user, on stderr, whether a Monte Carlo run varies anything and how much of the
//! variance the background carries (the library's `Spread`; the numbers go into the JSON output).

use greenlca::uncertainty::Spread;

use super::common::warn;

/// Prints the spread's warnings and the background's share of the variance.
pub fn tell(spread: &Spread) {
    warn(&spread.warnings);
    if let Some((lo, hi)) = spread.background_share_range() {
        let range = if (hi - lo) < 0.005 {
            format!("{:.0} %", hi * 100.0)
        } else {
            format!("{:.0} to {:.0} %", lo * 100.0, hi * 100.0)
        };
        eprintln!(
            "note: the background carries {range} of the variance of the totals (from {} draws with and without the background drawn; per total in the JSON output)",
            spread.draws
        );
    }
}
