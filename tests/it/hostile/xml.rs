//! Deeply nested XML in an import: a clear error, not a stack overflow.

use crate::common::assert_error;

#[test]
fn deeply_nested_xml_is_refused() {
    let d = tempfile::tempdir().unwrap();
    let depth = 200_000;
    let mut xml = String::from("<?xml version=\"1.0\"?>\n<ecoSpold xmlns=\"http://www.EcoInvent.org/EcoSpold01\">\n");
    xml.push_str(&"<a>".repeat(depth));
    xml.push_str(&"</a>".repeat(depth));
    xml.push_str("\n</ecoSpold>\n");
    let f = d.path().join("deep.xml");
    std::fs::write(&f, xml).unwrap();
    let out = d.path().join("db");
    let (code, _, err) = crate::common::run(&["import", &f.display().to_string(), "--to", &out.display().to_string()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("deep.xml:3") && err.contains("nested more than"), "{err}");
    assert!(!out.exists());
    assert_error(&["validate", &f.display().to_string()], &["nested more than"]);
}
