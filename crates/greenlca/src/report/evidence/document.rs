//! A format-neutral document: headings, paragraphs, notices, lists, tables, figures and signature
//! lines. [`super::compose`] builds it from the report; the renderers write it as Markdown or HTML.

use super::lang::Lang;

/// How a run of text is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Normal text.
    Plain,
    /// Bold.
    Strong,
    /// Monospace (ids, file names, commands).
    Code,
}

/// A run of text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// The text.
    pub text: String,
    /// Its style.
    pub style: Style,
}

impl Span {
    /// Normal text.
    pub fn plain(t: impl Into<String>) -> Span {
        Span { text: t.into(), style: Style::Plain }
    }
    /// Bold text.
    pub fn strong(t: impl Into<String>) -> Span {
        Span { text: t.into(), style: Style::Strong }
    }
    /// Monospace text.
    pub fn code(t: impl Into<String>) -> Span {
        Span { text: t.into(), style: Style::Code }
    }
}

/// The tone of a notice box.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum Notice {
    /// A caution (illustrative specification, indicative data).
    Warning,
    /// A passing verdict.
    Pass,
    /// A failing verdict.
    Fail,
    /// Information.
    Info,
}

/// A table cell: plain text (a newline breaks the line).
pub type Cell = String;

/// The tone of a table row.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum RowClass {
    #[default]
    Normal,
    /// Passing or met.
    Pass,
    /// Failing or not met.
    Fail,
    /// Evidence missing.
    Missing,
    /// A total or summary row.
    Total,
}

/// A table row.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// Cells, one per column.
    pub cells: Vec<Cell>,
    /// Tone.
    pub class: RowClass,
}

/// What a table column holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Col {
    /// Text, left-aligned, wrapping.
    Text,
    /// Numbers, right-aligned.
    Num,
    /// Ids, paths, hashes: monospace, breaking anywhere.
    Code,
}

/// A table.
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// Column headers.
    pub header: Vec<String>,
    /// What each column holds.
    pub columns: Vec<Col>,
    pub rows: Vec<Row>,
}

impl Table {
    /// A table with these (header, column kind) pairs.
    pub fn new(columns: Vec<(String, Col)>) -> Table {
        let (header, columns) = columns.into_iter().unzip();
        Table { header, columns, rows: Vec::new() }
    }
    /// Adds a normal row.
    pub fn row(&mut self, cells: Vec<String>) {
        self.rows.push(Row { cells, class: RowClass::Normal });
    }
    /// Adds a row with a tone.
    pub fn row_with(&mut self, cells: Vec<String>, class: RowClass) {
        self.rows.push(Row { cells, class });
    }
}

/// A chart.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    /// Id (HTML anchor).
    pub id: String,
    /// File name beside the Markdown, e.g. `charts/stages_gwp100.svg`.
    pub file: String,
    pub caption: String,
    /// The SVG document.
    pub svg: String,
}

/// A block of the document.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Block {
    /// A heading: level 2 for sections, 3 for subsections; `id` is the anchor.
    Heading {
        /// Level (2 or 3).
        level: u8,
        /// Anchor.
        id: String,
        text: String,
    },
    /// A paragraph.
    Para(Vec<Span>),
    /// A highlighted box.
    Notice(Notice, Vec<Span>),
    /// A bulleted list.
    List(Vec<Vec<Span>>),
    /// A table.
    Table(Table),
    /// A chart.
    Figure(Figure),
    /// A preformatted line, e.g. a command.
    Code(String),
    /// Signature lines: each label followed by a blank line to fill in by hand.
    Signature(Vec<String>),
}

/// A whole document.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    /// Language it is written in.
    pub lang: Lang,
    pub title: String,
    /// Lines under the title.
    pub subtitle: Vec<String>,
    /// Content.
    pub blocks: Vec<Block>,
    /// A warning printed on every page (illustrative specification, estimated data).
    pub running: Option<String>,
}

impl Document {
    /// The section headings (level 2) as (anchor, text), for the contents.
    pub fn contents(&self) -> Vec<(&str, &str)> {
        self.blocks
            .iter()
            .filter_map(|b| match b {
                Block::Heading { level: 2, id, text } => Some((id.as_str(), text.as_str())),
                _ => None,
            })
            .collect()
    }

    /// The figures, in order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.blocks.iter().filter_map(|b| if let Block::Figure(f) = b { Some(f) } else { None })
    }
}
