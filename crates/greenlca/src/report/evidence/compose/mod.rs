//! Laying the report out as a [`Document`] in one language (or both): the sections in order, with
//! their tables, charts and notices. The renderers add nothing but syntax.

mod closing;
mod conformity;
mod data;
mod diagram;
mod front;
mod levers;
mod method;
mod results;
mod sensitivity;
mod signoff;
mod study;
mod uncertainty;

use super::EvidenceReport;
use super::document::{Block, Col, Document, Figure, Notice, Span, Table};
use super::lang::{Bi, Lang};
use crate::error::Result;

/// The sections in the order of the LCA-report clauses (GB/T 24044-2008 clause 5, GB/T
/// 32161-2015): anchor id, Chinese and English title.
pub const SECTIONS: [(&str, &str, &str); 20] = [
    ("s-basic", "基本信息", "Basic information"),
    ("s-summary", "评价结论摘要", "Summary of the evaluation"),
    ("s-object", "评价对象与评价工具", "Evaluation object and tool"),
    ("s-period", "报告期", "Reporting period"),
    ("s-functional-unit", "功能单位与基准流", "Functional unit and reference flow"),
    ("s-boundary", "系统边界", "System boundary"),
    ("s-data", "数据来源与数据质量", "Data sources and data quality"),
    ("s-allocation", "分配", "Allocation"),
    ("s-cutoff", "取舍准则", "Cut-off rules"),
    ("s-assumptions", "假设与局限性", "Assumptions and limitations"),
    ("s-inventory", "生命周期清单汇总", "Life-cycle inventory summary"),
    ("s-impacts", "生命周期影响评价结果", "Life-cycle impact assessment results"),
    ("s-contributions", "贡献分析与关键问题", "Contribution analysis and key issues"),
    ("s-uncertainty", "不确定性与敏感性分析", "Uncertainty and sensitivity"),
    ("s-conformity", "符合性评价", "Conformity assessment"),
    ("s-improvement", "改进潜力", "Improvement potential"),
    ("s-conclusion", "结论", "Conclusion"),
    ("s-third-party", "第三方评价", "Third-party evaluation"),
    ("s-attachments", "附件清单", "Attachments"),
    ("s-reproduce", "结果复现", "How to reproduce this report"),
];

/// The sections of the earlier numbering (1-based) by their anchor in [`SECTIONS`].
const NUMBERED: [&str; 11] = [
    "s-basic",
    "s-functional-unit",
    "s-boundary",
    "s-data",
    "s-inventory",
    "s-impacts",
    "s-contributions",
    "s-conformity",
    "s-improvement",
    "s-conclusion",
    "s-reproduce",
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
    /// The heading of section `n` of the earlier numbering (see [`NUMBERED`]).
    pub fn section(&mut self, n: usize) {
        self.section_id(NUMBERED[n - 1]);
    }
    /// The heading of the section with anchor `id`, numbered by its place in [`SECTIONS`].
    pub fn section_id(&mut self, id: &str) {
        let n = SECTIONS.iter().position(|s| s.0 == id).expect("a section of SECTIONS");
        let (id, zh, en) = SECTIONS[n];
        let text = format!("{} {}", n + 1, self.lang.pick(zh, en));
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
    front::basic(&mut b, report);
    front::summary(&mut b, report);
    front::object(&mut b, report);
    front::period(&mut b, report);
    study::functional_unit(&mut b, report);
    study::boundary(&mut b, report)?;
    study::data_quality(&mut b, report);
    method::allocation(&mut b, report);
    method::cutoff(&mut b, report);
    method::assumptions(&mut b, report);
    study::inventory(&mut b, report);
    results::impacts(&mut b, report)?;
    results::contributions(&mut b, report)?;
    sensitivity::sensitivity(&mut b, report);
    uncertainty::monte_carlo(&mut b, report)?;
    conformity::conformity(&mut b, report);
    closing::suggestions(&mut b, report)?;
    closing::conclusion(&mut b, report);
    signoff::third_party(&mut b, report);
    signoff::attachments(&mut b, report);
    closing::reproduction(&mut b, report);
    conformity::declaration(&mut b, report);
    let p = &report.product;
    let basic = &report.evaluation.basic;
    let blank = "＿＿＿＿＿＿＿＿";
    let title = lang.pick("产品生命周期评价报告", "Product life-cycle assessment report");
    let mut subtitle = vec![
        format!("{}: {}", lang.pick("报告编号", "Report number"), basic.report_number.as_deref().unwrap_or(blank)),
        format!("{}: {}", lang.pick("产品", "Product"), lang.name(p.name_zh.as_deref(), &p.name)),
        format!(
            "{}: {}",
            lang.pick("评价方案", "Variant"),
            front::variant_name(lang, &p.variant.id, p.variant.name_zh.as_deref(), &p.variant.name)
        ),
        format!(
            "{}: {}",
            lang.pick("申请单位", "Applicant"),
            lang.name(basic.applicant_zh.as_deref(), basic.applicant.as_deref().unwrap_or(blank))
        ),
        format!("{}: {}", lang.pick("报告日期", "Date"), report.date),
        lang.pick(
            "依据 GB/T 24040-2008、GB/T 24044-2008（生命周期评价）和 GB/T 32161-2015（生态设计产品评价通则）",
            "Following GB/T 24040-2008 and GB/T 24044-2008 (life-cycle assessment) and GB/T 32161-2015 (eco-design product assessment)",
        ),
        format!("{} greenlca {}", lang.pick("评价工具", "Tool"), report.greenlca_version),
    ];
    if let Some(c) = &report.conformity {
        subtitle.insert(3, format!("{}: {} {}", lang.pick("评价规范", "Specification"), c.standard, c.version));
    }
    let running = running_notice(report, lang);
    Ok(Document { lang, title, subtitle, blocks: b.blocks, running })
}

/// The warning printed on every page: illustrative specification, estimated data.
fn running_notice(report: &EvidenceReport, lang: Lang) -> Option<String> {
    let n = &report.notices;
    let zh = match (n.spec_illustrative, n.data_indicative) {
        (true, true) => "示例性规范、含估算数据：仅供演示，不得用于符合性声明",
        (true, false) => "示例性规范：仅供演示，不得用于符合性声明",
        (false, true) => "含估算数据：不得用于符合性声明",
        (false, false) => return None,
    };
    let en = match (n.spec_illustrative, n.data_indicative) {
        (true, true) => "Illustrative specification, estimated data: for demonstration, not for conformity claims",
        (true, false) => "Illustrative specification: for demonstration, not for conformity claims",
        _ => "Estimated data: not for conformity claims",
    };
    Some(lang.pick(zh, en))
}
