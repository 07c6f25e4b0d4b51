//! The compartment of an elementary flow from a category path as importers find it
//! (`Elementary flows/Emission to air/unspecified`, `air/low population density`,
//! `resource/in ground`, `Elementary Flows/NETL .../Emissions to water`).

/// Compartment and sub-compartment of a category path.
///
/// The first segment (after a leading `Elementary flows`) that names a compartment decides it:
/// `resource` (natural resource) before `air`/`atmosphere`, `water`, `soil`, `waste`; the segments
/// after it form the sub-compartment. A path naming none gives compartment `other` with the whole
/// path as sub-compartment, so that nothing is lost.
pub fn from_path(path: &str) -> (String, Option<String>) {
    let segments: Vec<&str> = path.split('/').map(str::trim).filter(|s| !s.is_empty()).collect();
    let skip = usize::from(segments.first().is_some_and(|s| s.eq_ignore_ascii_case("elementary flows")));
    for (i, seg) in segments.iter().enumerate().skip(skip) {
        if let Some(c) = keyword(seg) {
            let rest = segments[i + 1..].join("/");
            return (c.to_string(), (!rest.is_empty()).then_some(rest));
        }
    }
    let rest = segments[skip..].join("/");
    ("other".to_string(), (!rest.is_empty()).then_some(rest))
}

fn keyword(segment: &str) -> Option<&'static str> {
    let s = segment.to_ascii_lowercase();
    let has = |w: &str| s.split(|c: char| !c.is_ascii_alphanumeric()).any(|t| t == w);
    if has("resource") || has("resources") || s == "natural resource" {
        Some("natural resource")
    } else if has("air") || has("atmosphere") {
        Some("air")
    } else if has("water") || has("freshwater") || has("seawater") {
        Some("water")
    } else if has("soil") {
        Some("soil")
    } else if s.contains("waste") {
        Some("final waste")
    } else {
        None
    }
}

/// Maps a compartment name as written in EcoSpold files onto the names greenlca uses.
pub fn normalize(compartment: &str) -> String {
    match keyword(compartment) {
        Some(c) => c.to_string(),
        None => compartment.trim().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_uslci_and_openlca() {
        assert_eq!(from_path("air/unspecified"), ("air".into(), Some("unspecified".into())));
        assert_eq!(
            from_path("Elementary flows/Emission to air/unspecified"),
            ("air".into(), Some("unspecified".into()))
        );
        assert_eq!(from_path("resource/in air"), ("natural resource".into(), Some("in air".into())));
        assert_eq!(
            from_path("Elementary Flows/NETL Coal Elementary Flows/NETL Elementary Flows/Emissions to water"),
            ("water".into(), None)
        );
        assert_eq!(
            from_path("Elementary Flows/NETL Coal Elementary Flows/NETL Elementary Flows/[Resource] water needed"),
            ("natural resource".into(), None)
        );
        assert_eq!(from_path("final-waste-flow/unspecified"), ("final waste".into(), Some("unspecified".into())));
        assert_eq!(from_path("Elementary Flows"), ("other".into(), None));
        assert_eq!(
            from_path("Forestry and Logging/Logging"),
            ("other".into(), Some("Forestry and Logging/Logging".into()))
        );
        assert_eq!(normalize("Natural Resource"), "natural resource");
    }
}
