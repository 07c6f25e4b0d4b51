//! Text helpers shared by writers: round-trip numbers and CSV quoting.

/// Round-trip representation of a number (shortest text that reads back to the same f64).
pub fn exact(x: f64) -> String {
    format!("{x:?}")
}

/// Quotes a CSV field when needed.
pub fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) { format!("\"{}\"", s.replace('"', "\"\"")) } else { s.to_string() }
}

/// A CSV line from fields.
pub fn csv_line(fields: &[String]) -> String {
    let mut s = fields.iter().map(|f| csv_field(f)).collect::<Vec<_>>().join(",");
    s.push('\n');
    s
}
