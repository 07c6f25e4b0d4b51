//! The document as Markdown (CommonMark with GitHub tables); charts are referenced as the SVG
//! files written beside it.

use super::Renderer;
use super::document::{Block, Col, Document, Notice, Span, Style, Table};

/// Renders a [`Document`] as Markdown.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markdown;

impl Renderer for Markdown {
    fn file_name(&self) -> &'static str {
        "report.md"
    }

    fn render(&self, doc: &Document) -> String {
        let mut out = format!("# {}\n\n", text(&doc.title));
        for line in &doc.subtitle {
            out.push_str(&format!("{}  \n", text(line)));
        }
        out.push('\n');
        if let Some(w) = &doc.running {
            out.push_str(&format!("> **{}**\n\n", text(w)));
        }
        let contents = doc.contents();
        if !contents.is_empty() {
            out.push_str(&format!("**{}**\n\n", contents_title(doc)));
            for (id, t) in contents {
                out.push_str(&format!("- [{}](#{id})\n", text(t)));
            }
            out.push('\n');
        }
        for b in &doc.blocks {
            block(b, &mut out);
        }
        out.truncate(out.trim_end().len());
        out.push('\n');
        out
    }
}

/// The title of the contents list in the document's language.
pub(super) fn contents_title(doc: &Document) -> String {
    doc.lang.pick("目录", "Contents")
}

/// Escapes the characters that would start Markdown syntax inside running text.
fn text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\\' | '*' | '`' | '[' | ']' => {
                out.push('\\');
                out.push(c);
            }
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    out
}

/// A code span that survives backticks in its text.
fn code(s: &str) -> String {
    let fence = if s.contains('`') { "``" } else { "`" };
    let pad = if s.starts_with('`') || s.ends_with('`') { " " } else { "" };
    format!("{fence}{pad}{s}{pad}{fence}")
}

/// Spans as inline Markdown; a newline becomes a hard line break.
fn spans(list: &[Span], indent: &str) -> String {
    let mut out = String::new();
    for s in list {
        let t = match s.style {
            Style::Plain => text(&s.text),
            Style::Strong => format!("**{}**", text(s.text.trim())),
            Style::Code => code(&s.text),
        };
        out.push_str(&t.replace('\n', &format!("\\\n{indent}")));
    }
    out
}

fn cell(s: &str, col: Col) -> String {
    let body = match col {
        Col::Code if !s.is_empty() && s != "-" => code(s),
        _ => text(s),
    };
    body.replace('|', "\\|").replace('\n', "<br>")
}

fn table(t: &Table, out: &mut String) {
    let head: Vec<String> = t.header.iter().map(|h| text(h).replace('|', "\\|")).collect();
    out.push_str(&format!("| {} |\n", head.join(" | ")));
    let rule: Vec<&str> = t.columns.iter().map(|c| if *c == Col::Num { "---:" } else { "---" }).collect();
    out.push_str(&format!("|{}|\n", rule.join("|")));
    for r in &t.rows {
        let cells: Vec<String> = r.cells.iter().zip(&t.columns).map(|(c, k)| cell(c, *k)).collect();
        out.push_str(&format!("| {} |\n", cells.join(" | ")));
    }
    out.push('\n');
}

fn block(b: &Block, out: &mut String) {
    match b {
        Block::Heading { level, text: t, .. } => {
            out.push_str(&format!("{} {}\n\n", "#".repeat(usize::from(*level)), text(t)));
        }
        Block::Para(s) => out.push_str(&format!("{}\n\n", spans(s, ""))),
        Block::Notice(kind, s) => {
            let mark = match kind {
                Notice::Warning => "⚠",
                Notice::Pass => "✔",
                Notice::Fail => "✘",
                Notice::Info => "ℹ",
            };
            out.push_str(&format!("> {mark} {}\n\n", spans(s, "> ")));
        }
        Block::List(items) => {
            for i in items {
                out.push_str(&format!("- {}\n", spans(i, "  ")));
            }
            out.push('\n');
        }
        Block::Table(t) => table(t, out),
        Block::Figure(f) => {
            out.push_str(&format!("![{}]({})\n\n*{}*\n\n", text(&f.caption), f.file, text(&f.caption)));
        }
        Block::Code(c) => out.push_str(&format!("```sh\n{c}\n```\n\n")),
        Block::Signature(labels) => {
            for l in labels {
                out.push_str(&format!("{} {}\n\n", text(l), "\\_".repeat(32)));
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::evidence::{Lang, Table};

    #[test]
    fn escapes_and_tables() {
        assert_eq!(text("a*b <c> [d]"), "a\\*b &lt;c&gt; \\[d\\]");
        assert_eq!(code("a`b"), "``a`b``");
        let mut t = Table::new(vec![("name".into(), Col::Text), ("value".into(), Col::Num), ("id".into(), Col::Code)]);
        t.row(vec!["a|b".into(), "1".into(), "x_y".into()]);
        let doc = Document {
            lang: Lang::En,
            title: "T".into(),
            subtitle: vec![],
            blocks: vec![Block::Table(t)],
            running: None,
        };
        let md = Markdown.render(&doc);
        assert!(md.contains("| name | value | id |\n|---|---:|---|\n| a\\|b | 1 | `x_y` |"), "{md}");
    }
}
