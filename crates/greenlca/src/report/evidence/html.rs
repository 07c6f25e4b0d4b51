//! The document as one self-contained HTML file: inline CSS and inline SVG charts, no scripts, no
//! external fonts, images or style sheets. The output is also well-formed XML (XHTML syntax), so
//! XML tools can read it.

use super::Renderer;
use super::document::{Block, Col, Document, Notice, RowClass, Span, Style, Table};
use super::escape::escape_html as esc;

/// The style sheet: CJK-capable font families first, so Chinese renders where such a font is
/// installed; no web fonts.
const CSS: &str = include_str!("report.css");

/// Renders a [`Document`] as HTML.
#[derive(Debug, Clone, Copy, Default)]
pub struct Html;

impl Renderer for Html {
    fn file_name(&self) -> &'static str {
        "report.html"
    }

    fn render(&self, doc: &Document) -> String {
        let mut out = String::with_capacity(256 * 1024);
        out.push_str("<!DOCTYPE html>\n");
        out.push_str(&format!("<html lang=\"{}\">\n<head>\n", doc.lang.html_lang()));
        out.push_str("<meta charset=\"utf-8\"/>\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n");
        out.push_str(&format!("<meta name=\"generator\" content=\"greenlca {}\"/>\n", env!("CARGO_PKG_VERSION")));
        out.push_str(&format!("<title>{}</title>\n", esc(&doc.title)));
        out.push_str(&format!("<style>\n{CSS}{}</style>\n</head>\n<body>\n", page_css(doc)));
        out.push_str("<header class=\"cover\">\n");
        out.push_str(&format!("<h1>{}</h1>\n", esc(&doc.title)));
        for line in &doc.subtitle {
            out.push_str(&format!("<p>{}</p>\n", esc(line)));
        }
        if let Some(w) = &doc.running {
            out.push_str(&format!("<div class=\"notice warning\">{}</div>\n", esc(w)));
        }
        out.push_str("</header>\n");
        let contents = doc.contents();
        if !contents.is_empty() {
            out.push_str("<nav class=\"contents\">\n");
            out.push_str(&format!(
                "<p class=\"contents-title\">{}</p>\n<ol>\n",
                esc(&super::markdown::contents_title(doc))
            ));
            for (id, t) in contents {
                out.push_str(&format!("<li><a href=\"#{}\">{}</a></li>\n", esc(id), esc(t)));
            }
            out.push_str("</ol>\n</nav>\n");
        }
        out.push_str("<main>\n");
        let mut in_annex = false;
        for b in &doc.blocks {
            if let Block::Heading { id, .. } = b
                && id.starts_with("annex")
                && !in_annex
            {
                out.push_str("<section class=\"annex\">\n");
                in_annex = true;
            }
            block(b, &mut out);
        }
        if in_annex {
            out.push_str("</section>\n");
        }
        out.push_str("</main>\n</body>\n</html>\n");
        out
    }
}

/// A CSS string literal.
fn css_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' | '\\' => out.push_str(&format!("\\{:x} ", c as u32)),
            '<' | '>' | '\n' => out.push(' '),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// The printed page: A4, page numbers and the running warning in the page margins (CSS margin
/// boxes, which Chromium prints), none on the cover.
fn page_css(doc: &Document) -> String {
    let page = match doc.lang {
        super::Lang::En => "\"Page \" counter(page) \" of \" counter(pages)",
        _ => "\"第 \" counter(page) \" 页，共 \" counter(pages) \" 页\"",
    };
    let top = doc.running.as_deref().map(css_string).unwrap_or_else(|| "none".into());
    format!(
        "@page {{ size: A4; margin: 20mm 16mm 20mm 16mm; @top-center {{ content: {top}; font-family: \"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Microsoft YaHei\", \"WenQuanYi Zen Hei\", \"DejaVu Sans\", sans-serif; font-size: 8pt; color: #9a4f00; }} @bottom-center {{ content: {page}; font-family: \"DejaVu Sans\", sans-serif; font-size: 8pt; color: #59636e; }} }}\n@page :first {{ @top-center {{ content: none; }} @bottom-center {{ content: none; }} }}\n"
    )
}

fn spans(list: &[Span]) -> String {
    list.iter()
        .map(|s| {
            let t = esc(&s.text).replace('\n', "<br/>");
            match s.style {
                Style::Plain => t,
                Style::Strong => format!("<strong>{t}</strong>"),
                Style::Code => format!("<code>{t}</code>"),
            }
        })
        .collect()
}

fn table(t: &Table, out: &mut String) {
    let class = |c: Col| match c {
        Col::Text => "text",
        Col::Num => "num",
        Col::Code => "code",
    };
    out.push_str("<div class=\"table-wrap\"><table>\n<thead><tr>");
    for (h, c) in t.header.iter().zip(&t.columns) {
        out.push_str(&format!("<th class=\"{}\">{}</th>", class(*c), esc(h)));
    }
    out.push_str("</tr></thead>\n<tbody>\n");
    for r in &t.rows {
        let rc = match r.class {
            RowClass::Normal => String::new(),
            RowClass::Pass => " class=\"pass\"".into(),
            RowClass::Fail => " class=\"fail\"".into(),
            RowClass::Missing => " class=\"missing\"".into(),
            RowClass::Total => " class=\"total\"".into(),
        };
        out.push_str(&format!("<tr{rc}>"));
        for (cell, c) in r.cells.iter().zip(&t.columns) {
            out.push_str(&format!("<td class=\"{}\">{}</td>", class(*c), esc(cell).replace('\n', "<br/>")));
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table></div>\n");
}

/// An SVG document made ready to sit inside HTML: without an XML declaration or DOCTYPE, and with
/// a `viewBox` so that it scales with the page.
pub(super) fn inline_svg(svg: &str) -> String {
    let mut s = svg.trim();
    while s.starts_with("<?") || s.starts_with("<!") {
        match s.find('>') {
            Some(end) => s = s[end + 1..].trim_start(),
            None => break,
        }
    }
    let Some(open_end) = s.find('>') else { return s.to_string() };
    let open = &s[..open_end];
    if open.contains("viewBox") {
        return s.to_string();
    }
    let attr = |name: &str| -> Option<f64> {
        let key = format!("{name}=\"");
        let start = open.find(&key)? + key.len();
        let len = open[start..].find('"')?;
        open[start..start + len].trim_end_matches("px").parse().ok()
    };
    match (attr("width"), attr("height")) {
        (Some(w), Some(h)) => format!("{} viewBox=\"0 0 {w} {h}\"{}", open, &s[open_end..]),
        _ => s.to_string(),
    }
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Heading { level, id, text } => {
            out.push_str(&format!("<h{level} id=\"{}\">{}</h{level}>\n", esc(id), esc(text)));
        }
        Block::Para(s) => out.push_str(&format!("<p>{}</p>\n", spans(s))),
        Block::Notice(kind, s) => {
            let class = match kind {
                Notice::Warning => "warning",
                Notice::Pass => "pass",
                Notice::Fail => "fail",
                Notice::Info => "info",
            };
            out.push_str(&format!("<div class=\"notice {class}\">{}</div>\n", spans(s)));
        }
        Block::List(items) => {
            out.push_str("<ul>\n");
            for i in items {
                out.push_str(&format!("<li>{}</li>\n", spans(i)));
            }
            out.push_str("</ul>\n");
        }
        Block::Table(t) => table(t, out),
        Block::Figure(f) => {
            out.push_str(&format!(
                "<figure id=\"{}\">\n{}\n<figcaption>{}</figcaption>\n</figure>\n",
                esc(&f.id),
                inline_svg(&f.svg),
                esc(&f.caption)
            ));
        }
        Block::Code(c) => out.push_str(&format!("<pre><code>{}</code></pre>\n", esc(c))),
        Block::Signature(labels) => {
            out.push_str("<div class=\"signature\">\n");
            for l in labels {
                out.push_str(&format!("<p>{}<span class=\"blank\"></span></p>\n", esc(l)));
            }
            out.push_str("</div>\n");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_gets_a_view_box_and_loses_its_prolog() {
        let s = inline_svg("<?xml version=\"1.0\"?>\n<svg width=\"960\" height=\"540\" xmlns=\"x\"><g/></svg>");
        assert_eq!(s, "<svg width=\"960\" height=\"540\" xmlns=\"x\" viewBox=\"0 0 960 540\"><g/></svg>");
        let kept = "<svg viewBox=\"0 0 1 1\"/>";
        assert_eq!(inline_svg(kept), kept);
    }
}
