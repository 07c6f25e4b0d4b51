//! A small element tree read with quick-xml, keeping the line of every element for error messages.
//! Namespaces prefixes are dropped: EcoSpold files are read by local names.

use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::Lines;

/// An XML element: local name, attributes, child elements and text.
#[derive(Debug, Clone, Default)]
pub struct Element {
    /// Local name (without a namespace prefix).
    pub name: String,
    /// Attributes by local name, in document order.
    pub attrs: Vec<(String, String)>,
    /// Child elements.
    pub children: Vec<Element>,
    /// Text content (trimmed), child elements' text not included.
    pub text: String,
    /// 1-based line of the start tag.
    pub line: usize,
}

impl Element {
    /// An attribute's value.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }
    /// The first child with this name.
    pub fn child(&self, name: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.name == name)
    }
    /// All children with this name.
    pub fn children_named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.children.iter().filter(move |c| c.name == name)
    }
    /// The text of the first child with this name, when not empty.
    pub fn child_text(&self, name: &str) -> Option<&str> {
        self.child(name).map(|c| c.text.as_str()).filter(|t| !t.is_empty())
    }
    /// An attribute that must be present and a finite number.
    pub fn number(&self, name: &str, at: &Location) -> Result<Option<f64>> {
        let Some(t) = self.attr(name) else { return Ok(None) };
        match t.trim().parse::<f64>() {
            Ok(x) if x.is_finite() => Ok(Some(x)),
            _ => Err(Error::new(
                ErrorKind::Value,
                at.clone().at_line(self.line),
                format!("attribute `{name}` of <{}> is `{t}`, not a finite number", self.name),
                "write a number with `.` as the decimal point",
            )),
        }
    }
}

fn local(name: &str) -> String {
    match name.rsplit_once(':') {
        Some((_, l)) => l.to_string(),
        None => name.to_string(),
    }
}

/// Deepest nesting read. EcoSpold documents nest about ten levels; a far deeper one is hostile, and
/// the tree it would build could not even be dropped without overflowing the stack.
const MAX_DEPTH: usize = 256;

fn syntax(at: &Location, lines: &Lines, pos: u64, msg: String) -> Error {
    Error::new(
        ErrorKind::Syntax,
        at.clone().at_line(lines.line(pos as usize)),
        format!("malformed XML: {msg}"),
        "check that the file is complete, well-formed XML (every tag closed, attributes quoted)",
    )
}

fn start(e: &BytesStart<'_>, lines: &Lines, pos: u64, at: &Location) -> Result<Element> {
    let mut attrs = Vec::new();
    for a in e.attributes() {
        let a = a.map_err(|err| syntax(at, lines, pos, err.to_string()))?;
        let v = a.normalized_value(XmlVersion::Implicit1_0).map_err(|err| syntax(at, lines, pos, err.to_string()))?;
        attrs.push((local(a.key.as_ref()), v.into_owned()));
    }
    Ok(Element {
        name: local(e.name().as_ref()),
        attrs,
        children: Vec::new(),
        text: String::new(),
        line: lines.line(pos as usize),
    })
}

/// Parses a whole document and returns its root element. `at` names the file for errors.
pub fn parse(text: &str, at: &Location) -> Result<Element> {
    let lines = Lines::new(text);
    let lines = &lines;
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let pos = reader.buffer_position();
        let ev = reader.read_event().map_err(|e| syntax(at, lines, reader.error_position(), e.to_string()))?;
        match ev {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::new(
                        ErrorKind::Syntax,
                        at.clone().at_line(lines.line(pos as usize)),
                        format!("XML elements nested more than {MAX_DEPTH} deep"),
                        "EcoSpold files nest about ten levels: this file is not an EcoSpold document or is damaged",
                    ));
                }
                stack.push(start(&e, lines, pos, at)?)
            }
            Event::Empty(e) => {
                let el = start(&e, lines, pos, at)?;
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None if root.is_none() => root = Some(el),
                    None => return Err(syntax(at, lines, pos, "more than one root element".into())),
                }
            }
            Event::End(_) => {
                let Some(mut el) = stack.pop() else {
                    return Err(syntax(at, lines, pos, "a closing tag without an opening one".into()));
                };
                el.text = el.text.trim().to_string();
                match stack.last_mut() {
                    Some(parent) => parent.children.push(el),
                    None if root.is_none() => root = Some(el),
                    None => return Err(syntax(at, lines, pos, "more than one root element".into())),
                }
            }
            Event::Text(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t.xml10_content());
                }
            }
            Event::CData(t) => {
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&t);
                }
            }
            Event::GeneralRef(r) => {
                let ch = match r.resolve_char_ref().map_err(|e| syntax(at, lines, pos, e.to_string()))? {
                    Some(c) => c.to_string(),
                    None => quick_xml::escape::resolve_predefined_entity(&r)
                        .ok_or_else(|| syntax(at, lines, pos, format!("unknown entity `&{};`", &*r)))?
                        .to_string(),
                };
                if let Some(el) = stack.last_mut() {
                    el.text.push_str(&ch);
                }
            }
            Event::Eof => break,
            _ => {}
        }
    }
    if !stack.is_empty() {
        return Err(syntax(at, lines, text.len() as u64, format!("<{}> is not closed", stack[stack.len() - 1].name)));
    }
    root.ok_or_else(|| syntax(at, lines, 0, "no root element".into()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_elements_attributes_text_and_lines() {
        let doc = "<?xml version=\"1.0\"?>\n<a:root xmlns:a=\"x\">\n  <item n=\"1 &amp; 2\">A &lt; B</item>\n  <e/>\n</a:root>";
        let r = parse(doc, &Location::file("t.xml")).unwrap();
        assert_eq!(r.name, "root");
        let item = r.child("item").unwrap();
        assert_eq!(item.attr("n"), Some("1 & 2"));
        assert_eq!(item.text, "A < B");
        assert_eq!(item.line, 3);
        assert_eq!(r.child("e").unwrap().line, 4);
    }

    #[test]
    fn malformed_xml_names_the_line() {
        let e = parse("<a>\n<b>\n</a>", &Location::file("t.xml")).unwrap_err();
        assert_eq!(e.kind, ErrorKind::Syntax);
        assert!(e.at.line.is_some(), "{e}");
        assert!(parse("<a>\n<b>", &Location::file("t.xml")).is_err());
    }
}
