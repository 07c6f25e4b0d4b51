//! Laying the report out as a [`Document`] in one language (or both): the sections in order, with
//! their tables, charts and notices. The renderers add nothing but syntax.

mod closing;
mod conformity;
mod results;
mod study;
mod uncertainty;

use super::EvidenceReport;
use super::document::{Block, Col, Document, Figure, Notice, Span, Table};
use super::lang::{Bi, Lang};
use crate::error::Result;

/// The sections: anchor id, Chinese and English title.
pub const SECTIONS: [(&str, &str, &str); 11] = [
    ("s1-product", "产品与生产者", "Product and producer"),
    ("s2-functional-unit", "功能单位与基准流", "Functional unit and reference flow"),
    ("s3-boundary", "系统边界", "System boundary"),
    ("s4-data", "数据来源与数据质量", "Data sources and data quality"),
    ("s5-inventory", "生命周期清单汇总", "Life-cycle inventory summary"),
    ("s6-impacts", "生命周期影响评价结果", "Life-cycle impact assessment results"),
    ("s7-contributions", "贡献分析与关键问题", "Contribution analysis and key issues"),
    ("s8-conformity", "符合性评价", "Conformity assessment"),
    ("s9-suggestions", "改进建议", "Improvement suggestions"),
    ("s10-conclusion", "结论", "Conclusion"),
    ("s11-reproduce", "结果复现", "How to reproduce this report"),
];

/// Title of the self-declaration annex: (Chinese, English).
pub const DECLARATION_TITLE: (&str, &str) = ("附件：自我声明", "Annex: Self-declaration of conformity");

/// A document under construction.
pub(super) struct Builder {
    pub lang: Lang,
    pub blocks: Vec<Block>,
}

impl Builder {
    /// A label in the document's language(s).
    pub fn l(&self, zh: &str, en: &str) -> String {
        self.lang.pick(zh, en)
    }
    /// The heading of section `n` (1-based).
    pub fn section(&mut self, n: usize) {
        let (id, zh, en) = SECTIONS[n - 1];
        let text = format!("{n} {}", self.lang.pick(zh, en));
        self.blocks.push(Block::Heading { level: 2, id: id.into(), text });
    }
    /// A subsection heading.
    pub fn sub(&mut self, id: &str, zh: &str, en: &str) {
        let text = self.lang.pick(zh, en);
        self.blocks.push(Block::Heading { level: 3, id: id.into(), text });
    }
    /// Running text in one paragraph per language.
    pub fn text(&mut self, zh: &str, en: &str) {
        self.bi(&Bi::new(zh, en));
    }
    /// Running text in one paragraph per language.
    pub fn bi(&mut self, t: &Bi) {
        for s in self.lang.texts(t) {
            self.blocks.push(Block::Para(vec![Span::plain(s)]));
        }
    }
    /// A paragraph of spans.
    pub fn para(&mut self, spans: Vec<Span>) {
        self.blocks.push(Block::Para(spans));
    }
    /// A notice box with both languages' text (one line each).
    pub fn notice(&mut self, kind: Notice, t: &Bi) {
        let text = self.lang.texts(t).join("\n");
        self.blocks.push(Block::Notice(kind, vec![Span::plain(text)]));
    }
    /// A bulleted list of bilingual items (Chinese line, then English line).
    pub fn bi_list(&mut self, items: &[&Bi]) {
        let items = items.iter().map(|t| vec![Span::plain(self.lang.texts(t).join("\n"))]).collect();
        self.blocks.push(Block::List(items));
    }
    /// A bulleted list of plain items.
    pub fn list(&mut self, items: Vec<String>) {
        if !items.is_empty() {
            self.blocks.push(Block::List(items.into_iter().map(|i| vec![Span::plain(i)]).collect()));
        }
    }
    /// A two-column table of (label, value) pairs.
    pub fn fields(&mut self, rows: Vec<(String, String)>) {
        let mut t = Table::new(vec![(self.l("项目", "Item"), Col::Text), (self.l("内容", "Content"), Col::Text)]);
        for (k, v) in rows {
            t.row(vec![k, v]);
        }
        self.blocks.push(Block::Table(t));
    }
    /// A table.
    pub fn table(&mut self, t: Table) {
        self.blocks.push(Block::Table(t));
    }
    /// A chart.
    pub fn figure(&mut self, f: Figure) {
        self.blocks.push(Block::Figure(f));
    }
    /// A text given in both languages, laid out for a table cell (lines joined).
    pub fn cell(&self, zh: Option<&str>, en: &str) -> String {
        match (self.lang, zh.filter(|z| !z.trim().is_empty())) {
            (Lang::Zh, Some(z)) => z.to_string(),
            (Lang::Both, Some(z)) if z != en => format!("{z}\n{en}"),
            _ => en.to_string(),
        }
    }
}

/// Lays out `report` in `lang`.
pub fn compose(report: &EvidenceReport, lang: Lang) -> Result<Document> {
    let mut b = Builder { lang, blocks: Vec::new() };
    for t in &report.notices.texts {
        b.notice(Notice::Warning, t);
    }
    study::product(&mut b, report);
    study::functional_unit(&mut b, report);
    study::boundary(&mut b, report);
    study::data_quality(&mut b, report);
    study::inventory(&mut b, report);
    results::impacts(&mut b, report)?;
    results::contributions(&mut b, report)?;
    conformity::conformity(&mut b, report);
    uncertainty::monte_carlo(&mut b, report)?;
    closing::suggestions(&mut b, report)?;
    closing::conclusion(&mut b, report);
    closing::reproduction(&mut b, report);
    conformity::declaration(&mut b, report);
    let p = &report.product;
    let title = lang.pick("生命周期评价报告", "Life-cycle assessment report");
    let mut subtitle = vec![
        format!("{}: {}", lang.pick("产品", "Product"), lang.name(p.name_zh.as_deref(), &p.name)),
        format!(
            "{}: {} ({})",
            lang.pick("方案", "Variant"),
            lang.name(p.variant.name_zh.as_deref(), &p.variant.name),
            p.variant.id
        ),
        format!("{}: {}", lang.pick("日期", "Date"), report.date),
        lang.pick(
            "依据 GB/T 24040、GB/T 24044（生命周期评价）和 GB/T 32161（生态设计产品评价通则）",
            "Following GB/T 24040 and GB/T 24044 (life-cycle assessment) and GB/T 32161 (eco-design product assessment)",
        ),
        format!("greenlca {}", report.greenlca_version),
    ];
    if let Some(c) = &report.conformity {
        subtitle.insert(2, format!("{}: {} {}", lang.pick("规范", "Specification"), c.standard, c.version));
    }
    Ok(Document { lang, title, subtitle, blocks: b.blocks })
}
