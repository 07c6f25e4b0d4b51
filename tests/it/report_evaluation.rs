//! The evaluation report of `greenlca report`: the sections in the order of the LCA-report clauses
//! in Chinese and English, Chinese prose without English words, the applicant's basic information
//! and periods from the evidence file, and the printed PDF (A4, page count) where Chromium is
//! installed.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::run;

const KETTLE: &str = "datasets/products/kettle.toml";

fn report(out: &Path, lang: &str) -> String {
    let out_s = out.display().to_string();
    let (code, _, err) = run(&["report", KETTLE, "--out", &out_s, "--date", "2026-01-01", "--lang", lang]);
    assert_eq!(code, 1, "the base kettle fails its specification: {err}");
    std::fs::read_to_string(out.join("report.html")).unwrap()
}

fn parse(html: &str) -> roxmltree::Document<'_> {
    let opts = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    roxmltree::Document::parse_with_options(html, opts).expect("well-formed XHTML")
}

fn text_of(n: roxmltree::Node<'_, '_>) -> String {
    n.descendants().filter(|d| d.is_text()).map(|d| d.text().unwrap_or("")).collect()
}

fn headings(doc: &roxmltree::Document<'_>) -> Vec<String> {
    doc.descendants().filter(|n| n.has_tag_name("h2")).map(text_of).collect()
}

const ZH: [&str; 20] = [
    "基本信息",
    "评价结论摘要",
    "评价对象与评价工具",
    "报告期",
    "功能单位与基准流",
    "系统边界",
    "数据来源与数据质量",
    "分配",
    "取舍准则",
    "假设与局限性",
    "生命周期清单汇总",
    "生命周期影响评价结果",
    "贡献分析与关键问题",
    "不确定性与敏感性分析",
    "符合性评价",
    "改进潜力",
    "结论",
    "第三方评价",
    "附件清单",
    "结果复现",
];

#[test]
fn sections_in_the_order_of_the_report_clauses_in_both_languages() {
    let dir = tempfile::tempdir().unwrap();
    let zh = report(&dir.path().join("zh"), "zh");
    let doc = parse(&zh);
    let expected: Vec<String> = ZH.iter().enumerate().map(|(i, t)| format!("{} {t}", i + 1)).collect();
    assert_eq!(headings(&doc), expected);
    let en = report(&dir.path().join("en"), "en");
    let doc = parse(&en);
    let h = headings(&doc);
    assert_eq!(h.len(), 20);
    assert_eq!(h[0], "1 Basic information");
    assert_eq!(h[17], "18 Third-party evaluation");
    assert_eq!(h[18], "19 Attachments");
    // Contents, cover, A4 page with numbers and the warning in the margins.
    assert!(en.contains("<nav class=\"contents\">") && en.contains("href=\"#s-basic\""));
    assert!(en.contains("size: A4") && en.contains("counter(page)"));
    assert!(en.contains("@top-center { content: \"Illustrative specification, estimated data"));
    assert!(zh.contains("counter(pages) \" 页\"") && zh.contains("示例性规范、含估算数据"));
    // The system-boundary diagram.
    assert!(zh.contains("id=\"fig-boundary\"") && zh.contains(">系统边界</text>"));
}

#[test]
fn basic_information_and_periods_come_from_the_evidence_file() {
    let dir = tempfile::tempdir().unwrap();
    let zh = report(&dir.path().join("zh"), "zh");
    // As declared: 2000 W, not 2000.00; the credit code left blank for the applicant.
    for needle in [
        "EXAMPLE-LCA-2026-001 (fictitious)",
        "示例水壶有限公司（虚构）",
        "<td class=\"text\">统一社会信用代码</td><td class=\"text\">＿＿＿＿＿＿＿＿</td>",
        "<td class=\"num\">2000</td><td class=\"text\">W</td>",
        "<td class=\"num\">1.7</td><td class=\"text\">升</td>",
        "<td class=\"text\">聚丙烯（壶身）</td><td class=\"num\">0.86</td>",
        // 231000 / 214000 - 1 = +7.9 %; 1450 / 1520 - 1 = -4.6 %.
        "<td class=\"num\">231000</td><td class=\"num\">214000</td><td class=\"num\">+7.9%</td>",
        "<td class=\"num\">-4.6%</td>",
        "评价机构（盖章）",
        "审核人（签字）",
    ] {
        assert!(zh.contains(needle), "{needle:?} missing");
    }
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("zh/report.json")).unwrap()).unwrap();
    let e = &json["evaluation"];
    assert_eq!(e["basic"]["materials"].as_array().unwrap().len(), 8);
    // Site data versus background: every foreground exchange, the truck distance an assumption.
    let data = e["data"].as_array().unwrap();
    let truck = data.iter().find(|d| d["id"] == "truck").unwrap();
    assert_eq!(truck["amount_kind"], "estimated");
    let casing = data.iter().find(|d| d["id"] == "element_casing").unwrap();
    assert_eq!(casing["amount_kind"], "site");
    // Design levers: the PP body over 0.2..1.0 kg.
    let body = e["levers"].as_array().unwrap().iter().find(|l| l["parameter"] == "body_pp_kg").unwrap();
    assert_eq!(body["low"], 0.2);
    assert!(body["at_low"][0].as_f64().unwrap() < body["at_high"][0].as_f64().unwrap());
    // Sensitivity of GWP100 by hand: the use stage (electricity and tap water) is proportional to
    // uses_per_year = 600 and nothing else depends on it, so dh/du = use stage / 600; its variance
    // (triangular 300, 600, 1100) is (300² + 600² + 1100² - 300·600 - 300·1100 - 600·1100) / 18.
    let gwp = &e["sensitivity"][0];
    assert_eq!(gwp["category"], "gwp100");
    let cat = &json["impacts"]["categories"][0];
    let stages = cat["stages"].as_array().unwrap();
    let use_stage = stages.iter().find(|s| s["stage"] == "use").unwrap()["value"].as_f64().unwrap();
    let var_u =
        (300.0f64.powi(2) + 600.0f64.powi(2) + 1100.0f64.powi(2) - 300.0 * 600.0 - 300.0 * 1100.0 - 600.0 * 1100.0)
            / 18.0;
    let expected = (use_stage / 600.0).powi(2) * var_u / gwp["variance"].as_f64().unwrap();
    let top = &gwp["contributors"][0];
    assert_eq!(top["kind"], "parameter");
    assert!(top["label"].as_str().unwrap().contains("uses_per_year"), "{top}");
    let share = top["variance_share"].as_f64().unwrap();
    assert!((share - expected).abs() < 1e-4, "{share} vs {expected}");
    let elasticity = top["elasticity"].as_f64().unwrap();
    assert!((elasticity - use_stage / cat["total"].as_f64().unwrap()).abs() < 1e-4, "{elasticity}");
}

/// Latin words allowed in Chinese prose: units, standard series, the tool, formats, cited authors.
const ALLOWED: &[&str] = &[
    "kg",
    "kWh",
    "CO",
    "eq",
    "MJ",
    "km",
    "GB",
    "ISO",
    "greenlca",
    "SHA",
    "JSON",
    "SVG",
    "json",
    "svg",
    "Heijungs",
    "Ashby",
    "IPCC",
    "AR",
    "GWP",
    "CML",
    "IA",
    "SO",
    "PO",
    "NOx",
    "ABS",
    "ILLUSTRATIVE",
    "KETTLE",
    "EXAMPLE",
    "LCA",
    "fictitious",
    "sha256sum",
    "SOURCE_DATE_EPOCH",
    "date",
    "kgce",
    "PP",
    "PE",
    "PS",
    "PVC",
    "PET",
    "W",
    "kW",
    "L",
    "V",
    "Hz",
    "m",
];

#[test]
fn chinese_prose_has_no_english_words() {
    let dir = tempfile::tempdir().unwrap();
    let zh = report(&dir.path().join("zh"), "zh");
    let doc = parse(&zh);
    // Ids of the model and the specification are names, not English words.
    let json: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("zh/report.json")).unwrap()).unwrap();
    let mut ids: Vec<String> = Vec::new();
    for d in json["evaluation"]["data"].as_array().unwrap() {
        ids.push(d["id"].as_str().unwrap().into());
    }
    for p in json["reproduction"]["parameters"].as_array().unwrap() {
        ids.push(p["name"].as_str().unwrap().into());
    }
    for v in json["conformity"]["variants"].as_array().unwrap() {
        ids.push(v["id"].as_str().unwrap().into());
    }
    for f in json["data_quality"]["unmatched_flows"].as_array().unwrap() {
        ids.push(f.as_str().unwrap().into());
    }
    let mut leaks = Vec::new();
    let mut section = String::new();
    for n in doc.descendants() {
        if n.has_tag_name("h2") {
            section = n.attribute("id").unwrap_or_default().to_string();
        }
        // The conformity section (its table and notes) is laid out by compose/conformity.rs.
        let prose = ["p", "li", "h2", "h3"].iter().any(|t| n.has_tag_name(*t));
        if !prose
            || section == "s-conformity"
            || n.ancestors().any(|a| a.has_tag_name("table") || a.has_tag_name("pre"))
        {
            continue;
        }
        let text: String = n
            .descendants()
            .filter(|d| d.is_text() && !d.ancestors().any(|a| a.has_tag_name("code")))
            .map(|d| d.text().unwrap())
            .collect();
        for token in text.split(|c: char| c.is_whitespace() || !c.is_ascii() || ",;:()".contains(c)) {
            // Ids, file names, formulas and numbers: tokens with digits, `_`, `.`, `/` or `-`.
            if token.is_empty()
                || token.chars().any(|c| c.is_ascii_digit() || "_./-`=".contains(c))
                || ids.iter().any(|i| i == token)
            {
                continue;
            }
            for word in token.split(|c: char| !c.is_ascii_alphabetic()).filter(|w| w.len() >= 2) {
                if !ALLOWED.contains(&word) {
                    leaks.push(format!("{word} in: {}", text.chars().take(80).collect::<String>()));
                }
            }
        }
    }
    assert!(leaks.is_empty(), "English in the Chinese report:\n{}", leaks.join("\n"));
}

/// The printed Chinese report: A4 pages, a plausible page count, every section heading in the text,
/// the warning and page number on every page, and the charts' Chinese words printed. Skipped with
/// a note where Chromium or poppler-utils is not installed, a failure in CI (`.ci/run` installs both).
#[test]
fn prints_on_a4_with_every_section() {
    const TEST: &str = "prints_on_a4_with_every_section";
    let chromium = ["chromium", "chromium-browser", "google-chrome", "google-chrome-stable"];
    let Some(chrome) = common::tools::find(&chromium, "chromium", TEST) else { return };
    if common::tools::find(&["pdfinfo"], "poppler-utils", TEST).is_none()
        || common::tools::find(&["pdftotext"], "poppler-utils", TEST).is_none()
    {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    report(&dir.path().join("zh"), "zh");
    let html = dir.path().join("zh/report.html");
    let pdf = dir.path().join("out.pdf");
    let profile = dir.path().join("profile");
    let status = Command::new(chrome)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync"])
        .arg("--no-pdf-header-footer")
        .arg(format!("--user-data-dir={}", profile.display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(&html)
        .output()
        .unwrap();
    assert!(pdf.is_file(), "chromium printed nothing: {}", String::from_utf8_lossy(&status.stderr));
    let info = String::from_utf8(Command::new("pdfinfo").arg(&pdf).output().unwrap().stdout).unwrap();
    let size = info.lines().find(|l| l.starts_with("Page size:")).unwrap();
    assert!(size.contains("594.96 x 841.92") || size.contains("595 x 842"), "{size}");
    let pages: usize = info.lines().find(|l| l.starts_with("Pages:")).unwrap()[6..].trim().parse().unwrap();
    assert!((15..=45).contains(&pages), "{pages} pages");
    let text = String::from_utf8(Command::new("pdftotext").arg(&pdf).arg("-").output().unwrap().stdout).unwrap();
    for (i, t) in ZH.iter().enumerate() {
        assert!(text.contains(&format!("{} {t}", i + 1)), "section {t} missing in the printed text");
    }
    // The charts print their Chinese words (title, legend) as text.
    for t in ["各阶段占生命周期合计的比例", "原材料获取", "净合计"] {
        assert!(text.contains(t), "chart text {t} missing in the printed text");
    }
    // The warning and the page number on a page in the middle.
    let middle = String::from_utf8(
        Command::new("pdftotext")
            .args(["-f", &(pages / 2).to_string(), "-l", &(pages / 2).to_string()])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap()
            .stdout,
    )
    .unwrap();
    assert!(middle.contains("示例性规范、含估算数据"), "{middle}");
    assert!(middle.contains(&format!("第 {} 页，共 {pages} 页", pages / 2)), "{middle}");
}

#[test]
fn bad_report_tables_in_the_evidence_file_write_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let evidence = dir.path().join("evidence.toml");
    std::fs::copy(common::root().join("datasets/products/kettle-evidence.toml"), &evidence).unwrap();
    common::edit(&evidence, "base = \"2024-01-01 – 2024-12-31\"\n", "");
    let out = dir.path().join("out");
    let (code, _, err) = run(&[
        "report",
        KETTLE,
        "--evidence",
        &evidence.display().to_string(),
        "--out",
        &out.display().to_string(),
        "--date",
        "2026-01-01",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("evidence.toml") && err.contains("[period]") && err.contains("hint:"), "{err}");
    assert!(!out.exists(), "nothing is written on an error");

    // A misspelt key of [basic] is named with its line.
    std::fs::copy(common::root().join("datasets/products/kettle-evidence.toml"), &evidence).unwrap();
    common::edit(&evidence, "model = \"EK-17 (fictitious)\"", "modell = \"EK-17\"");
    let (code, _, err) =
        run(&["report", KETTLE, "--evidence", &evidence.display().to_string(), "--out", &out.display().to_string()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("modell") && err.contains("evidence.toml"), "{err}");
    assert!(!out.exists());
}

#[test]
fn charts_speak_the_language_of_the_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut texts = Vec::new();
    for lang in ["zh", "en"] {
        report(&dir.path().join(lang), lang);
        let charts = dir.path().join(lang).join("charts");
        let mut all = String::new();
        let mut n = 0;
        for e in std::fs::read_dir(&charts).unwrap() {
            let p = e.unwrap().path();
            if p.extension().is_some_and(|x| x == "svg") {
                all.push_str(&std::fs::read_to_string(&p).unwrap());
                n += 1;
            }
        }
        assert!(n >= 3, "{lang}: {n} charts");
        texts.push(all);
    }
    // The stage charts' legend names the net total; its words follow the report's language.
    assert!(texts[0].contains("净合计") && !texts[0].contains("net total"));
    assert!(texts[1].contains("net total") && !texts[1].contains("净合计"));
    // Value axes name the category in the report's language, not by its id.
    assert!(texts[0].contains("气候变化 [kg CO2-eq]") && texts[0].contains("酸化 [kg SO2-eq]"), "zh axis titles");
    assert!(!texts[0].contains("gwp100 [") && !texts[0].contains("acidification ["), "ids as zh axis titles");
    assert!(texts[1].contains("Climate change, GWP100 [kg CO2-eq]"), "en axis titles");
}

/// The Chinese texts the data files give (`*_zh` in the specification, the evidence file, the
/// model, database.toml and the methods) replace the English ones in a Chinese report, in tables
/// and the conformity section too; an English report keeps the English.
#[test]
fn chinese_report_uses_the_chinese_texts_of_the_data_files() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("zh");
    let out_s = out.display().to_string();
    let (code, _, err) =
        run(&["report", KETTLE, "--variant", "long_life", "--out", &out_s, "--date", "2026-01-01", "--lang", "zh"]);
    assert_eq!(code, 0, "{err}");
    let zh = std::fs::read_to_string(out.join("report.md")).unwrap();
    let out_en = dir.path().join("en");
    let out_en_s = out_en.display().to_string();
    let (code, _, err) =
        run(&["report", KETTLE, "--variant", "long_life", "--out", &out_en_s, "--date", "2026-01-01", "--lang", "en"]);
    assert_eq!(code, 0, "{err}");
    let en = std::fs::read_to_string(out_en.join("report.md")).unwrap();
    // (Chinese text in the data files, the English text it stands beside), as written there.
    let pairs = [
        ("各指标分别注明其基准：每台水壶（产品单位）", "each indicator states its basis: per kettle (product unit)"),
        ("| 产品类别 | 家用电热水壶 |", "| Product category | household electric kettle |"),
        ("限值为 greenlca 示例自拟", "Limits invented for the greenlca example"),
        ("EXAMPLE-2026-010（虚构）：2025年第一至第四季度监测报告", "EXAMPLE-2026-010 (fictitious): monitoring reports"),
        ("限值出处: 示例性限值和先进值", "limit: illustrative limit and leaders' value"),
        ("use_electricity 采用 grid_cn_2023", "use_electricity from grid_cn_2023"),
        ("更耐用的水壶，寿命 6 年而非 3 年", "A more durable kettle lasting 6 instead of 3 years"),
        ("用于中国制造产品筛选性生命周期评价的小型背景数据库", "Small background database for screening LCAs"),
        ("不得用于：经验证或公开发布的生命周期评价声明", "Must not be used for: verified or published LCA claims"),
        ("IPCC 2021（第六次评估报告）全球变暖潜势", "IPCC 2021 (AR6) global warming potentials"),
        ("greenlca 默认中国背景数据库", "greenlca default China background"),
    ];
    // Two exchanges drawing on the national grid (production, use) are told apart by their stage,
    // and chart titles take the full-width colon.
    let first_tier = std::fs::read_to_string(out.join("charts/first_tier_gwp100.svg")).unwrap();
    for label in ["全国电网平均电力 2023（使用）", "全国电网平均电力 2023（生产）", "第一层级输入输出的贡献："]
    {
        assert!(first_tier.contains(label), "the first-tier chart lacks `{label}`");
    }
    for (z, e) in pairs {
        assert!(zh.contains(z), "the Chinese report lacks `{z}`");
        assert!(!zh.contains(e), "the Chinese report still has `{e}`");
        assert!(en.contains(e), "the English report lacks `{e}`");
        assert!(!en.contains(z), "the English report has `{z}`");
    }
}
