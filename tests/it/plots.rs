//! Plots: every kind renders to SVG that parses as XML and carries its texts, and to PNG with the
//! bundled font; degenerate and bad input gives a picture or an error, never a panic.
//!
//! Set `GREENLCA_PLOT_DIR=/some/dir` to also write every rendered image there for a visual check.

use greenlca::ErrorKind;
use greenlca::plot::{
    ImageFormat, PlotOptions, Series, TornadoBar, histogram, horizontal_bars, normalized_bars, sobol_bars,
    stacked_bars, tornado, violins,
};

fn s(v: &[&str]) -> Vec<String> {
    v.iter().map(|x| x.to_string()).collect()
}

/// Deterministic pseudo-normal samples (sum of uniforms from a linear congruential generator).
fn samples(n: usize, mean: f64, sd: f64, seed: u64) -> Vec<f64> {
    let mut state = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
    let mut uniform = move || {
        state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (state >> 11) as f64 / (1u64 << 53) as f64
    };
    (0..n).map(|_| mean + sd * ((0..12).map(|_| uniform()).sum::<f64>() - 6.0)).collect()
}

/// One picture of each kind, with the texts each must show.
fn gallery(opts: &PlotOptions) -> Vec<(&'static str, Vec<u8>, Vec<String>)> {
    let groups = s(&["baseline", "lightweight housing", "recycled aluminium"]);
    let series = vec![
        Series { name: "raw materials".into(), values: vec![4.2, 3.1, 1.9] },
        Series { name: "manufacturing".into(), values: vec![1.3, 1.5, 1.4] },
        Series { name: "distribution".into(), values: vec![0.4, 0.35, 0.4] },
        Series { name: "use".into(), values: vec![2.0, 2.0, 2.0] },
        Series { name: "end of life".into(), values: vec![-0.8, -0.6, -1.5] },
    ];
    let stacked = stacked_bars(
        "Climate change by life-cycle stage\nper 1 washing machine (functional unit)",
        "GWP100 [kg CO2-eq]",
        &groups,
        &series,
        opts,
    )
    .unwrap();
    let cats = s(&["climate change", "acidification", "eutrophication, freshwater", "particulate matter", "water use"]);
    let vars = s(&["baseline", "variant A", "variant B"]);
    let pct = vec![vec![100.0; 5], vec![82.0, 97.5, 110.0, 64.0, 140.0], vec![120.0, 88.0, 101.0, 95.0, -12.0]];
    let normalized =
        normalized_bars("Variants relative to the baseline\nper 1 kg of product", &cats, &vars, &pct, opts).unwrap();
    let items: Vec<(String, f64)> = vec![
        ("electricity, medium voltage, CN".into(), 2.31),
        ("steel, low-alloyed, hot rolled".into(), 1.82),
        ("transport, freight lorry 16-32 t".into(), 0.42),
        ("polypropylene granulate".into(), 0.37),
        ("corrugated board box".into(), 0.12),
        ("tap water".into(), 0.004),
    ];
    let contributions =
        horizontal_bars("Top contributing processes\nclimate change, per 1 kg", "GWP100 [kg CO2-eq]", &items, opts)
            .unwrap();
    let bar = |label: &str, low: f64, high: f64| TornadoBar {
        label: label.into(),
        low,
        high,
        low_label: None,
        high_label: None,
    };
    let mut bars = vec![
        bar("electricity per unit", 9.1, 11.4),
        bar("recycling rate", 10.8, 9.6),
        bar("transport distance", 10.0, 10.4),
    ];
    bars[0].low_label = Some("0.8 kWh: 9.1".into());
    bars[0].high_label = Some("1.2 kWh: 11.4".into());
    let tornado =
        tornado("One-at-a-time sensitivity (±20 %)\nper 1 kg", "GWP100 [kg CO2-eq]", 10.2, &bars, opts).unwrap();
    let mc = samples(2000, 10.0, 1.2, 7);
    let histogram = histogram(
        "Monte Carlo result\n2000 iterations, per 1 kg",
        "GWP100 [kg CO2-eq]",
        &mc,
        0,
        Some(("limit".into(), 13.0)),
        opts,
    )
    .unwrap();
    let vgroups = vec![
        ("baseline".to_string(), samples(1000, 10.0, 1.0, 1)),
        ("variant A".to_string(), samples(1000, 8.5, 1.5, 2)),
        ("variant B".to_string(), samples(1000, 9.0, 0.5, 3)),
    ];
    let violins = violins("Uncertainty of the variants\nper 1 kg", "GWP100 [kg CO2-eq]", &vgroups, opts).unwrap();
    let params = s(&["electricity mix", "steel recycled content", "transport distance"]);
    let first = [(0.52, 0.45, 0.6), (0.21, 0.14, 0.28), (0.02, -0.03, 0.07)];
    let total = [(0.61, 0.53, 0.69), (0.3, 0.22, 0.38), (0.05, 0.01, 0.09)];
    let sobol = sobol_bars("Sobol sensitivity indices\nGWP100, 4096 samples", &params, &first, &total, opts).unwrap();
    vec![
        ("stacked", stacked, s(&["Climate change by life-cycle stage", "raw materials", "end of life", "baseline"])),
        ("normalized", normalized, s(&["Variants relative to the baseline", "variant A", "acidification"])),
        ("contributions", contributions, s(&["Top contributing processes", "tap water", "GWP100 [kg CO2-eq]"])),
        ("tornado", tornado, s(&["One-at-a-time sensitivity (±20 %)", "recycling rate", "0.8 kWh: 9.1"])),
        ("histogram", histogram, s(&["Monte Carlo result", "n = 2000", "number of samples"])),
        ("violins", violins, s(&["Uncertainty of the variants", "variant B", "median"])),
        ("sobol", sobol, s(&["Sobol sensitivity indices", "steel recycled content", "total effect (ST)"])),
    ]
}

fn save(name: &str, ext: &str, bytes: &[u8]) {
    if let Ok(dir) = std::env::var("GREENLCA_PLOT_DIR") {
        let path = std::path::Path::new(&dir).join(format!("{name}.{ext}"));
        greenlca::report::write_atomic(&path, bytes).unwrap();
    }
}

/// The texts of an SVG document, one per `<text>` element, and the document's `<title>`.
fn svg_texts(svg: &[u8]) -> Vec<String> {
    let text = std::str::from_utf8(svg).expect("SVG is UTF-8");
    let doc = roxmltree::Document::parse(text).expect("SVG parses as XML");
    assert_eq!(doc.root_element().tag_name().name(), "svg");
    doc.descendants()
        .filter(|n| n.has_tag_name("text") || n.has_tag_name("title"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

#[test]
fn every_kind_renders_svg_with_its_texts() {
    for (name, svg, expected) in gallery(&PlotOptions::default()) {
        save(name, "svg", &svg);
        let texts = svg_texts(&svg);
        for e in &expected {
            assert!(texts.iter().any(|t| t == e), "{name}: no text `{e}` in {texts:?}");
        }
        let doc = String::from_utf8(svg).unwrap();
        assert!(doc.contains("font-family=\"DejaVu Sans, Noto Sans CJK SC"), "{name}: font list");
    }
}

#[test]
fn every_kind_renders_png_with_the_bundled_font() {
    for (name, png, _) in gallery(&PlotOptions::png()) {
        save(name, "png", &png);
        assert!(png.starts_with(b"\x89PNG\r\n\x1a\n"), "{name}: PNG signature");
        let decoder = png::Decoder::new(std::io::Cursor::new(&png));
        let mut reader = decoder.read_info().unwrap();
        let mut buf = vec![0; reader.output_buffer_size()];
        let info = reader.next_frame(&mut buf).unwrap();
        assert_eq!((info.width, info.height), (960, 540));
        // Text is drawn: the title's corner holds dark pixels.
        let dark = (14..40)
            .flat_map(|y| (14..300).map(move |x| (y * 960 + x) * 3))
            .filter(|&i| buf[i] < 100 && buf[i + 1] < 100 && buf[i + 2] < 100)
            .count();
        assert!(dark > 200, "{name}: title not drawn ({dark} dark pixels)");
    }
}

#[test]
fn large_and_small_sizes_render() {
    for opts in [PlotOptions::default().with_size(1920, 1080), PlotOptions::png().with_size(400, 300)] {
        for (name, bytes, _) in gallery(&opts) {
            assert!(!bytes.is_empty(), "{name}");
            save(&format!("{}x{}-{name}", opts.width, opts.height), opts.format.extension(), &bytes);
            if opts.format == ImageFormat::Svg {
                svg_texts(&bytes);
            }
        }
    }
}

#[test]
fn chinese_labels_are_utf8_text() {
    let groups = s(&["方案一", "方案二"]);
    let series = vec![
        Series { name: "原材料获取".into(), values: vec![3.0, 2.5] },
        Series { name: "生产制造".into(), values: vec![1.0, 1.2] },
        Series { name: "废弃处置".into(), values: vec![-0.3, -0.2] },
    ];
    let svg = stacked_bars(
        "各阶段碳足迹\n功能单位：1 台洗衣机",
        "GWP100 [kg CO₂-eq]",
        &groups,
        &series,
        &PlotOptions::default(),
    )
    .unwrap();
    save("chinese", "svg", &svg);
    let texts = svg_texts(&svg);
    for e in ["各阶段碳足迹", "功能单位：1 台洗衣机", "原材料获取", "方案二", "GWP100 [kg CO₂-eq]"]
    {
        assert!(texts.iter().any(|t| t == e), "no `{e}` in {texts:?}");
    }
    let doc = String::from_utf8(svg).unwrap();
    assert!(doc.contains(">\n原材料获取\n<") || doc.contains(">原材料获取<"), "raw UTF-8, not character references");
    assert!(!doc.contains("&#"));
}

/// The RGB pixels of a PNG.
fn rgb(png: &[u8]) -> (Vec<u8>, usize) {
    let mut reader = png::Decoder::new(std::io::Cursor::new(png)).read_info().unwrap();
    let mut buf = vec![0; reader.output_buffer_size()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    (buf, info.width as usize)
}

/// Pixels inside `x` by `y` that are not background white, and those that differ between two images.
fn ink_and_change(
    a: &(Vec<u8>, usize),
    b: &(Vec<u8>, usize),
    x: std::ops::Range<usize>,
    y: std::ops::Range<usize>,
) -> (usize, usize) {
    let (mut ink, mut change) = (0, 0);
    for yy in y {
        for xx in x.clone() {
            let i = (yy * a.1 + xx) * 3;
            ink += usize::from(a.0[i..i + 3].iter().any(|v| *v < 200));
            change += usize::from(a.0[i..i + 3] != b.0[i..i + 3]);
        }
    }
    (ink, change)
}

#[test]
fn chinese_labels_are_drawn_in_png() {
    // The same chart twice: in Chinese, and with every hanzi replaced by a character neither bundled
    // font has (drawn as the replacement box, one em wide like a hanzi, so the layout is the same).
    let chart = |f: &dyn Fn(&str) -> String| {
        let groups = vec![f("方案一"), f("轻量化外壳")];
        let series = vec![
            Series { name: f("原材料获取"), values: vec![3.0, 2.5] },
            Series { name: f("生产制造"), values: vec![1.0, 1.2] },
            Series { name: f("废弃处置"), values: vec![-0.3, -0.2] },
        ];
        let opts = PlotOptions::png().in_chinese(true);
        stacked_bars(&f("各阶段碳足迹\n功能单位：1 台洗衣机"), &f("碳足迹 [kg CO₂-eq]"), &groups, &series, &opts)
            .unwrap()
    };
    let zh = chart(&|t: &str| t.to_string());
    let boxes = chart(&|t: &str| t.chars().map(|c| if c.is_ascii() || c == '₂' { c } else { '\u{9F98}' }).collect());
    save("chinese", "png", &zh);
    save("chinese-boxes", "png", &boxes);
    let (zh, boxes) = (rgb(&zh), rgb(&boxes));
    assert_eq!(zh.0.len(), boxes.0.len());
    // Title (top left), legend (right), category labels (bottom), axis title (left edge): each
    // carries ink, and it differs from the boxes where the hanzi stand.
    for (what, x, y) in [
        ("title", 10..400, 5..60),
        ("legend", 700..960, 60..300),
        ("categories", 60..700, 490..540),
        ("axis title", 0..40, 100..440),
    ] {
        let (ink, change) = ink_and_change(&zh, &boxes, x, y);
        assert!(ink > 150, "{what}: {ink} dark pixels");
        assert!(change > 100, "{what}: only {change} pixels differ from replacement boxes");
    }
    // Nothing else moves: bars and gridlines are the same pixels.
    let (_, change) = ink_and_change(&zh, &boxes, 120..650, 120..460);
    assert_eq!(change, 0, "the plot area changed with the glyphs");
}

#[test]
fn xml_special_characters_are_escaped() {
    let groups = s(&["A & B", "<b>bold</b>", "\"quoted\" 'single'"]);
    let series = vec![Series { name: "x < y & z > w".into(), values: vec![1.0, 2.0, 3.0] }];
    let svg = stacked_bars("R&D <draft>", "value [kg]", &groups, &series, &PlotOptions::default()).unwrap();
    let texts = svg_texts(&svg);
    for e in ["A & B", "<b>bold</b>", "\"quoted\" 'single'", "x < y & z > w", "R&D <draft>"] {
        assert!(texts.iter().any(|t| t == e), "no `{e}` in {texts:?}");
    }
    // Control characters, which XML cannot carry, do not break the document.
    let items = vec![("bell\u{7} and nul\u{0}".to_string(), 1.0)];
    let svg = horizontal_bars("t\u{1b}[0m", "x", &items, &PlotOptions::default()).unwrap();
    assert!(svg_texts(&svg).iter().any(|t| t == "bell and nul"));
}

#[test]
fn degenerate_inputs_render() {
    let opts = PlotOptions::default();
    let one = s(&["only group"]);
    let check = |bytes: Vec<u8>| {
        svg_texts(&bytes);
    };
    for values in [vec![0.0], vec![-3.0], vec![1e-6], vec![1e4]] {
        let series = vec![Series { name: "stage".into(), values: values.clone() }];
        check(stacked_bars("t", "y [kg]", &one, &series, &opts).unwrap());
        check(normalized_bars("t", &one, &one, std::slice::from_ref(&values), &opts).unwrap());
        check(horizontal_bars("t", "x [kg]", &[("a".into(), values[0])], &opts).unwrap());
        check(histogram("t", "x", &values, 0, None, &opts).unwrap());
        check(violins("t", "y", &[("g".into(), values.clone())], &opts).unwrap());
        let b = TornadoBar { label: "p".into(), low: values[0], high: values[0], low_label: None, high_label: None };
        check(tornado("t", "x", values[0], &[b], &opts).unwrap());
        let t = (values[0], values[0], values[0]);
        check(sobol_bars("t", &one, &[t], &[t], &opts).unwrap());
    }
    // All negative, spanning magnitudes, many groups.
    let groups: Vec<String> = (0..30).map(|i| format!("group {i}")).collect();
    let series = vec![
        Series { name: "credit".into(), values: (0..30).map(|i| -(10f64.powi(i % 10 - 6))).collect() },
        Series { name: "zero".into(), values: vec![0.0; 30] },
    ];
    check(stacked_bars("t", "y", &groups, &series, &opts).unwrap());
    let png = stacked_bars("", "", &groups, &series, &PlotOptions::png()).unwrap();
    assert!(png.starts_with(b"\x89PNG"));
}

#[test]
fn bad_input_is_an_error_not_a_panic() {
    let opts = PlotOptions::default();
    let e = stacked_bars("GWP", "y", &[], &[], &opts).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Value);
    assert!(e.to_string().contains("stacked bars `GWP`: no groups to plot"), "{e}");
    assert!(!e.hint.is_empty());
    let series = vec![Series { name: "use".into(), values: vec![1.0, f64::NAN] }];
    let e = stacked_bars("GWP", "y", &s(&["a", "b"]), &series, &opts).unwrap_err();
    assert!(e.message.contains("series `use` for group `b` is `NaN`"), "{e}");
    let e = stacked_bars("GWP", "y", &s(&["a"]), &series, &opts).unwrap_err();
    assert!(e.message.contains("has 2 values, expected 1"), "{e}");
    assert!(normalized_bars("t", &[], &s(&["v"]), &[], &opts).is_err());
    assert!(horizontal_bars("t", "x", &[], &opts).is_err());
    assert!(horizontal_bars("t", "x", &[("a".into(), f64::INFINITY)], &opts).is_err());
    assert!(tornado("t", "x", f64::NAN, &[], &opts).is_err());
    assert!(histogram("t", "x", &[], 10, None, &opts).is_err());
    assert!(histogram("t", "x", &[1.0], 10, Some(("limit".into(), f64::NAN)), &opts).is_err());
    assert!(violins("t", "y", &[], &opts).is_err());
    assert!(sobol_bars("t", &s(&["p"]), &[], &[], &opts).is_err());
    let tiny = PlotOptions::default().with_size(10, 10);
    let e = horizontal_bars("t", "x", &[("a".into(), 1.0)], &tiny).unwrap_err();
    assert!(e.message.contains("10x10"), "{e}");
}

#[test]
fn crowded_layouts_render() {
    // Long and many labels, many series, magnitudes from 1e-6 to 1e4: saved for a visual check.
    let opts = PlotOptions::png();
    let groups: Vec<String> = [
        "baseline",
        "aluminium housing with 80 % recycled content and lighter motor",
        "steel housing",
        "cardboard packaging only",
        "electricity from the regional grid mix (North China)",
        "end-of-life take-back scheme",
    ]
    .iter()
    .map(|x| x.to_string())
    .collect();
    let series: Vec<Series> = (0..11)
        .map(|k| Series {
            name: format!("stage {k}: {}", ["raw material acquisition", "transport", "use phase"][k % 3]),
            values: (0..groups.len())
                .map(|g| if k == 10 { -0.4 * g as f64 } else { 0.3 + 0.1 * ((g + k) % 4) as f64 })
                .collect(),
        })
        .collect();
    let png = stacked_bars(
        "A very long title that says what is shown, for which product and functional unit, and then some more words",
        "GWP100 [kg CO2-eq]",
        &groups,
        &series,
        &opts,
    )
    .unwrap();
    save("crowded-stacked", "png", &png);
    let many: Vec<String> = (0..40).map(|i| format!("impact category number {i}")).collect();
    let one = vec![Series { name: "tiny".into(), values: (0..40).map(|i| 1e-6 * (i as f64 + 1.0)).collect() }];
    let png = stacked_bars("Forty categories\nper 1 kg", "Ozone depletion [kg CFC-11-eq]", &many, &one, &opts).unwrap();
    save("crowded-forty", "png", &png);
    let items: Vec<(String, f64)> = (0..60)
        .map(|i| {
            (
                format!(
                    "market for electricity, medium voltage | electricity, medium voltage | Cutoff, U - region {i}"
                ),
                1e4 / (i as f64 + 1.0).powi(2) - if i == 3 { 3e3 } else { 0.0 },
            )
        })
        .collect();
    let png = horizontal_bars("Sixty contributors\nper 1 t", "Water use [m3 world-eq]", &items, &opts).unwrap();
    save("crowded-contributions", "png", &png);
    let png = horizontal_bars("Eight contributors\nper 1 t", "Water use [m3 world-eq]", &items[..8], &opts).unwrap();
    save("crowded-eight", "png", &png);
    let neg = vec![Series { name: "credit".into(), values: vec![-2.0e4, -1.5e4] }];
    let png = stacked_bars("All negative", "y [kg]", &groups[..2], &neg, &opts).unwrap();
    save("crowded-negative", "png", &png);
    let png = histogram("Tiny values", "x [kg]", &samples(500, 3e-6, 1e-6, 4), 0, None, &opts).unwrap();
    save("crowded-histogram", "png", &png);
}
