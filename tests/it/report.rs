//! `greenlca report`: the evidence report of the example kettle as Markdown, JSON and HTML; its
//! sections, languages, self-declaration, exit codes, and that nothing is written on an error.

use crate::common;

use std::path::Path;

use common::{edit, root, run};

const KETTLE: &str = "datasets/products/kettle.toml";

/// Runs `greenlca report` into `out` with `extra` arguments; returns (exit code, stderr).
fn report(out: &Path, extra: &[&str]) -> (i32, String) {
    let out_s = out.display().to_string();
    let mut args = vec!["report", KETTLE, "--out", &out_s, "--date", "2026-01-01"];
    args.extend_from_slice(extra);
    let (code, stdout, stderr) = run(&args);
    assert!(stdout.is_empty(), "report writes nothing to stdout: {stdout}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    (code, stderr)
}

fn read(dir: &Path, name: &str) -> String {
    std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{}: {e}", dir.join(name).display()))
}

/// Machine-specific paths replaced by placeholders (the SHA-256 values stay: they are stable for
/// the files of the repository).
fn normalize(text: &str, out: &Path) -> String {
    text.replace(&out.display().to_string(), "[OUT]").replace(&root().display().to_string(), "[ROOT]")
}

#[test]
fn kettle_markdown_and_json_snapshots() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    let (code, err) = report(&out, &[]);
    assert_eq!(code, 1, "the base kettle fails its specification: {err}");
    assert!(err.contains("report: wrote") && err.contains("NOT MET"), "{err}");
    insta::assert_snapshot!("kettle_base_both_md", normalize(&read(&out, "report.md"), &out));
    insta::assert_snapshot!("kettle_base_json", normalize(&read(&out, "report.json"), &out));
    let json: serde_json::Value = serde_json::from_str(&read(&out, "report.json")).unwrap();
    assert_eq!(json["schema"], "greenlca.evidence");
    assert_eq!(json["schema_version"], 1);
    assert_eq!(json["date"], "2026-01-01");
    assert_eq!(json["conformity"]["pass"], false);
    assert!(json["declaration"].is_null());
    // The GWP100 total agrees with the hand calculation of datasets/README.md.
    let gwp = &json["impacts"]["categories"][0];
    assert_eq!(gwp["id"], "gwp100");
    assert!((gwp["total"].as_f64().unwrap() - 169.741).abs() < 1e-3);
    // Every chart the Markdown refers to was written.
    let md = read(&out, "report.md");
    for line in md.lines().filter(|l| l.starts_with("![")) {
        let file = line.rsplit_once("](").unwrap().1.trim_end_matches(')');
        assert!(out.join(file).is_file(), "{file} missing");
    }
}

/// Elements named `tag` in document order.
fn elements<'a>(doc: &'a roxmltree::Document<'a>, tag: &str) -> Vec<roxmltree::Node<'a, 'a>> {
    doc.descendants().filter(|n| n.is_element() && n.tag_name().name() == tag).collect()
}

fn text_of(n: roxmltree::Node<'_, '_>) -> String {
    n.descendants().filter(|d| d.is_text()).map(|d| d.text().unwrap_or("")).collect()
}

#[test]
fn html_is_self_contained_with_every_section() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("report");
    let (code, err) = report(&out, &["--lang", "both"]);
    assert_eq!(code, 1, "{err}");
    let html = read(&out, "report.html");
    assert!(html.starts_with("<!DOCTYPE html>"));
    let opts = roxmltree::ParsingOptions { allow_dtd: true, ..roxmltree::ParsingOptions::default() };
    let doc = roxmltree::Document::parse_with_options(&html, opts).expect("the HTML is well-formed XHTML");
    assert_eq!(doc.root_element().attribute("lang"), Some("zh-CN"));

    // Every section heading, in order, then no annex for a failing variant.
    let h2: Vec<String> = elements(&doc, "h2").into_iter().map(text_of).collect();
    let expected = [
        "1 基本信息 / Basic information",
        "2 评价结论摘要 / Summary of the evaluation",
        "3 评价对象与评价工具 / Evaluation object and tool",
        "4 报告期 / Reporting period",
        "5 功能单位与基准流 / Functional unit and reference flow",
        "6 系统边界 / System boundary",
        "7 数据来源与数据质量 / Data sources and data quality",
        "8 分配 / Allocation",
        "9 取舍准则 / Cut-off rules",
        "10 假设与局限性 / Assumptions and limitations",
        "11 生命周期清单汇总 / Life-cycle inventory summary",
        "12 生命周期影响评价结果 / Life-cycle impact assessment results",
        "13 贡献分析与关键问题 / Contribution analysis and key issues",
        "14 不确定性与敏感性分析 / Uncertainty and sensitivity",
        "15 符合性评价 / Conformity assessment",
        "16 改进潜力 / Improvement potential",
        "17 结论 / Conclusion",
        "18 第三方评价 / Third-party evaluation",
        "19 附件清单 / Attachments",
        "20 结果复现 / How to reproduce this report",
    ];
    assert_eq!(h2, expected);

    // The conformity tables: nine basic requirements, all met; eleven indicators, one failing (the
    // production energy per kettle, 0.2238 kgce, now passes: it no longer includes 5/3 kettles).
    let table_after = |heading_id: &str| {
        let h = doc.descendants().find(|n| n.attribute("id") == Some(heading_id)).unwrap();
        let table = h.next_siblings().find(|n| n.is_element() && n.tag_name().name() == "div").unwrap();
        table
            .descendants()
            .filter(|n| n.tag_name().name() == "tr" && n.parent().unwrap().tag_name().name() == "tbody")
            .collect::<Vec<_>>()
    };
    let reqs = table_after("s8-requirements");
    assert_eq!(reqs.len(), 9);
    assert!(reqs.iter().all(|r| r.attribute("class") == Some("pass")));
    let inds = table_after("s8-indicators");
    assert_eq!(inds.len(), 11);
    let failing: Vec<String> =
        inds.iter().filter(|r| r.attribute("class") == Some("fail")).map(|r| text_of(*r)).collect();
    assert_eq!(failing.len(), 1);
    assert!(failing.iter().any(|t| t.contains("产品碳足迹") && t.contains("169.7") && t.contains("≤ 166")));

    // Inline SVG charts with text, no external resources, no scripts.
    let svgs = elements(&doc, "svg");
    assert_eq!(svgs.len(), 8, "boundary diagram, share chart, four stage charts, first tier, variants");
    assert!(svgs.iter().all(|s| s.attribute("viewBox").is_some()));
    assert!(svgs.iter().any(|s| text_of(*s).contains("原材料获取")));
    assert!(elements(&doc, "script").is_empty() && !html.to_lowercase().contains("<script"));
    assert!(elements(&doc, "img").is_empty() && elements(&doc, "link").is_empty());
    for n in doc.descendants().filter(|n| n.is_element()) {
        for a in n.attributes() {
            let v = a.value().to_lowercase();
            let is_ref = matches!(a.name(), "src" | "href" | "srcset" | "data" | "action");
            // Links inside the document (the contents) only.
            assert!(a.name() != "href" || a.value().starts_with('#'), "{a:?}");
            assert!(!(is_ref && (v.contains("http://") || v.contains("https://") || v.contains("//"))), "{a:?}");
        }
    }
    let style: String = elements(&doc, "style").into_iter().map(text_of).collect();
    assert!(!style.contains("url(") && !style.contains("@import") && !style.contains("@font-face"));
    assert!(style.contains("Noto Sans CJK SC") && style.contains("Microsoft YaHei"));
    // Web addresses appear only as plain text (citations).
    assert!(html.contains("(https://www.mee.gov.cn/)"));
    assert!(!html.contains("href=\"http"));
}

#[test]
fn self_declaration_only_for_a_passing_variant() {
    let dir = tempfile::tempdir().unwrap();
    let pass = dir.path().join("long_life");
    let (code, err) = report(&pass, &["--variant", "long_life"]);
    assert_eq!(code, 0, "long_life passes: {err}");
    assert!(err.contains("PASS") && err.contains("self-declaration withheld"), "{err}");
    // The kettle passes an illustrative specification: the declaration is withheld, with reasons.
    let md = read(&pass, "report.md");
    assert!(md.contains("## 附件：自我声明 / Annex: Self-declaration of conformity"));
    assert!(md.contains("不予出具自我声明"), "{md}");
    assert!(md.contains("the specification is illustrative"));
    assert!(!md.contains("Producer (company seal)"));
    let json: serde_json::Value = serde_json::from_str(&read(&pass, "report.json")).unwrap();
    assert!(json["declaration"].is_null());
    assert_eq!(json["conclusion"]["verdict"], "pass");

    // A product that passes a non-illustrative specification on primary data gets the declaration.
    let widget = dir.path().join("widget");
    let (code, _, err) = run(&[
        "report",
        "tests/data/verdict/widget.toml",
        "--spec",
        "tests/data/verdict/spec.toml",
        "--evidence",
        "tests/data/verdict/evidence.toml",
        "--date",
        "2026-01-01",
        "--out",
        &widget.display().to_string(),
    ]);
    assert_eq!(code, 0, "{err}");
    let md = read(&widget, "report.md");
    assert!(md.contains("生产者名称（盖章） / Producer (company seal) \\_\\_\\_"));
    assert!(md.contains("声明日期 / Date of the declaration: 2026-01-01"));
    let html = read(&widget, "report.html");
    assert!(html.contains("id=\"annex-declaration\"") && html.contains("class=\"blank\""));
    let json: serde_json::Value = serde_json::from_str(&read(&widget, "report.json")).unwrap();
    assert_eq!(json["declaration"]["standard"], "TEST-VERDICT");
    assert_eq!(json["declaration"]["indicators"].as_array().unwrap().len(), 9);

    let fail = dir.path().join("base");
    let (code, _) = report(&fail, &[]);
    assert_eq!(code, 1);
    for name in ["report.md", "report.html"] {
        let text = read(&fail, name);
        assert!(!text.contains("附件：自我声明") && !text.contains("Annex: Self-declaration"), "{name}");
        assert!(!text.contains("annex-declaration") && !text.contains("Producer (company seal)"), "{name}");
    }
}

#[test]
fn languages_give_their_headings() {
    let dir = tempfile::tempdir().unwrap();
    for (lang, present, absent) in [
        (
            "zh",
            vec!["# 产品生命周期评价报告\n", "## 1 基本信息\n", "## 20 结果复现\n", "| 使用 |"],
            vec!["Basic information", "Life-cycle assessment report"],
        ),
        (
            "en",
            vec![
                "# Product life-cycle assessment report\n",
                "## 1 Basic information\n",
                "## 20 How to reproduce this report\n",
                "| Use |",
            ],
            vec!["基本信息", "生命周期评价报告"],
        ),
        (
            "both",
            vec![
                "# 产品生命周期评价报告 / Product life-cycle assessment report\n",
                "## 1 基本信息 / Basic information\n",
                "| 使用 / Use |",
            ],
            vec![],
        ),
    ] {
        let out = dir.path().join(lang);
        let (code, err) = report(&out, &["--lang", lang]);
        assert_eq!(code, 1, "{lang}: {err}");
        let md = read(&out, "report.md");
        for p in present {
            assert!(md.contains(p), "{lang}: {p:?} missing");
        }
        for a in absent {
            assert!(!md.contains(a), "{lang}: {a:?} present");
        }
        let html = read(&out, "report.html");
        assert!(html.contains(if lang == "en" { "<html lang=\"en\">" } else { "<html lang=\"zh-CN\">" }));
    }
}

#[test]
fn bad_specification_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec.toml");
    std::fs::copy(root().join("datasets/specs/kettle.toml"), &spec).unwrap();
    edit(&spec, "source = { lcia = \"gwp100\" }", "source = { lcia = \"ozone_depletion\" }");
    let out = dir.path().join("out");
    let (code, err) = report(&out, &["--spec", &spec.display().to_string()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("category `ozone_depletion`") && err.contains("hint:"), "{err}");
    assert!(!out.exists(), "nothing is written on an error");

    // Other errors: unknown variant, impossible date, unknown language.
    let (code, err) = report(&out, &["--variant", "golden"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("unknown variant `golden`") && err.contains("long_life"), "{err}");
    assert!(!out.exists());
    let out_s = out.display().to_string();
    for (extra, needle) in [(["--date", "2026-02-30"], "not a date"), (["--lang", "fr"], "fr")] {
        let (code, _, err) = run(&["report", KETTLE, "--out", &out_s, extra[0], extra[1]]);
        assert_eq!(code, 2, "{extra:?}: {err}");
        assert!(err.contains(needle), "{err}");
        assert!(!out.exists());
    }
}

#[test]
fn without_a_specification_there_is_no_conformity_table() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("kettle.toml");
    std::fs::copy(root().join(KETTLE), &model).unwrap();
    edit(&model, "spec = \"../specs/kettle.toml\"\n", "");
    edit(&model, "evidence = \"kettle-evidence.toml\"\n", "");
    let out = dir.path().join("out");
    let db = root().join("datasets/db").display().to_string();
    let (code, _, err) = run(&[
        "report",
        &model.display().to_string(),
        "--db",
        &db,
        "--out",
        &out.display().to_string(),
        "--lang",
        "en",
        "--date",
        "2026-01-01",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("no specification checked"), "{err}");
    let md = read(&out, "report.md");
    assert!(md.contains("No eco-design specification was given"));
    assert!(!md.contains("Self-declaration") && !md.contains("Illustrative specification"));
    let json: serde_json::Value = serde_json::from_str(&read(&out, "report.json")).unwrap();
    assert!(json["conformity"].is_null() && json["conclusion"]["verdict"].is_null());
}

#[test]
fn reports_are_reproducible() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let out_a = a.display().to_string();
    let out_b = b.display().to_string();
    let bin = common::bin();
    let run_with_epoch = |out: &str| {
        let o = std::process::Command::new(&bin)
            .args(["report", KETTLE, "--out", out, "--lang", "zh"])
            .env("SOURCE_DATE_EPOCH", "1767225600")
            .current_dir(root())
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(1), "{}", String::from_utf8_lossy(&o.stderr));
    };
    run_with_epoch(&out_a);
    run_with_epoch(&out_b);
    for name in ["report.html", "report.md", "report.json", "charts/stage_shares.svg"] {
        let (x, y) = (read(&a, name), read(&b, name));
        assert_eq!(x.replace(&out_a, "[OUT]"), y.replace(&out_b, "[OUT]"), "{name} differs between runs");
    }
    let json: serde_json::Value = serde_json::from_str(&read(&a, "report.json")).unwrap();
    assert_eq!(json["date"], "2026-01-01");
    assert!(json["reproduction"]["command"].as_str().unwrap().ends_with("--lang zh --date 2026-01-01"));
    let inputs = json["reproduction"]["inputs"].as_array().unwrap();
    let roles: Vec<&str> = inputs.iter().map(|i| i["role"].as_str().unwrap()).collect();
    for role in ["model", "database", "method", "spec", "evidence", "energy coefficients"] {
        assert!(roles.contains(&role), "{role} missing from the inputs");
    }
    assert!(inputs.iter().all(|i| i["sha256"].as_str().unwrap().len() == 64));
    assert!(inputs.iter().all(|i| !i["path"].as_str().unwrap().starts_with('/')), "paths relative to the repo");
}
