//! Escaping text for HTML (and XML: the report is also well-formed XHTML).

/// Escapes `&`, `<`, `>`, `"` and `'` so that `s` is safe in HTML text and in attribute values;
/// control characters other than tab and newline, which XML cannot carry, become spaces.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            '\t' | '\n' => out.push(c),
            c if c.is_control() => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(escape_html("a < b && c > d"), "a &lt; b &amp;&amp; c &gt; d");
        assert_eq!(escape_html(r#"<script src="x">'"#), "&lt;script src=&quot;x&quot;&gt;&#39;");
        assert_eq!(escape_html("&amp;"), "&amp;amp;");
        assert_eq!(escape_html("电热水壶 ≤ 0.3 kgce"), "电热水壶 ≤ 0.3 kgce");
        assert_eq!(escape_html("a\u{0}b\u{1b}c\nd"), "a b c\nd");
        assert_eq!(escape_html(""), "");
    }
}
