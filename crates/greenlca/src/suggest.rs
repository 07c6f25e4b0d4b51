//! "Did you mean": the nearest of the known names to a mistyped one, so that a message can name
//! one candidate instead of listing them all.

/// The known name nearest to `name`: one that differs only in case, else the closest by edit
/// distance when it is close enough to be a typo (at most a third of the name's length, and 3).
pub fn did_you_mean<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let known: Vec<&str> = known.into_iter().collect();
    if let Some(k) = known.iter().find(|k| k.eq_ignore_ascii_case(name)) {
        return Some(k);
    }
    let limit = (name.chars().count() / 3).clamp(1, 3);
    known
        .into_iter()
        .map(|k| (distance(&name.to_lowercase(), &k.to_lowercase()), k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, k)| (*d, *k))
        .map(|(_, k)| k)
}

/// Levenshtein distance over characters (two rows).
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut row = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            row[j + 1] = (prev[j] + usize::from(ca != *cb)).min(prev[j + 1] + 1).min(row[j] + 1);
        }
        prev = row;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_case_and_typos_but_not_strangers() {
        let known = ["gwp100", "gwp20", "acidification", "lifetime_years"];
        assert_eq!(did_you_mean("GWP100", known), Some("gwp100"));
        assert_eq!(did_you_mean("lifetme_years", known), Some("lifetime_years"));
        assert_eq!(did_you_mean("acidfication", known), Some("acidification"));
        assert_eq!(did_you_mean("density", known), None);
        assert_eq!(distance("kitten", "sitting"), 3);
    }
}
