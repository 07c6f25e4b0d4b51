//! The system-boundary diagram: the life-cycle stages in order inside the boundary, the main
//! inputs of each stage from the background above it, the emissions below; inline SVG.

use crate::report::evidence::EvidenceReport;
use crate::report::evidence::document::Figure;
use crate::report::evidence::escape::escape_html as esc;
use crate::report::evidence::lang::Lang;

const W: f64 = 960.0;
const H: f64 = 420.0;
/// Inputs named per stage.
const INPUTS: usize = 3;

/// Text lines of a label, cut to `max` characters each (CJK characters count double).
fn fit(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut width = 0;
    for c in text.chars() {
        let w = if c.is_ascii() { 1 } else { 2 };
        if width + w > max {
            out.push('…');
            return out;
        }
        width += w;
        out.push(c);
    }
    out
}

pub(super) fn boundary_diagram(r: &EvidenceReport, lang: Lang) -> Figure {
    let stages: Vec<_> = r.boundary.stages.iter().filter(|s| !s.exchanges.is_empty()).collect();
    let n = stages.len().max(1) as f64;
    let gap = 24.0;
    let bw = (W - 80.0 - gap * (n - 1.0)) / n;
    let (by, bh) = (190.0, 70.0);
    let mut svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{W}\" height=\"{H}\" viewBox=\"0 0 {W} {H}\" font-family=\"Noto Sans CJK SC, Source Han Sans SC, WenQuanYi Zen Hei, Microsoft YaHei, sans-serif\" font-size=\"13\">\n"
    );
    svg.push_str("<defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\" markerHeight=\"7\" orient=\"auto\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#444\"/></marker></defs>\n");
    svg.push_str(&format!("<rect x=\"1\" y=\"1\" width=\"{}\" height=\"{}\" fill=\"#fff\"/>\n", W - 2.0, H - 2.0));
    // The boundary.
    svg.push_str(&format!(
        "<rect x=\"20\" y=\"150\" width=\"{}\" height=\"150\" fill=\"none\" stroke=\"#2f6f4f\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>\n",
        W - 40.0
    ));
    let boundary_label = match lang {
        Lang::En => "System boundary",
        _ => "系统边界",
    };
    svg.push_str(&format!("<text x=\"28\" y=\"168\" fill=\"#2f6f4f\" font-weight=\"bold\">{boundary_label}</text>\n"));
    let (bg_label, em_label) = match lang {
        Lang::En => (
            "Background data: materials, energy, transport, treatment",
            "Emissions to air, water and soil; resources used",
        ),
        _ => ("背景数据：原材料、能源、运输、处理处置", "排放到空气、水体和土壤；资源消耗"),
    };
    svg.push_str(&format!(
        "<text x=\"{}\" y=\"22\" text-anchor=\"middle\" fill=\"#59636e\">{}</text>\n",
        W / 2.0,
        esc(bg_label)
    ));
    svg.push_str(&format!(
        "<text x=\"{}\" y=\"{}\" text-anchor=\"middle\" fill=\"#59636e\">{}</text>\n",
        W / 2.0,
        H - 14.0,
        esc(em_label)
    ));
    for (i, s) in stages.iter().enumerate() {
        let x = 40.0 + i as f64 * (bw + gap);
        let cx = x + bw / 2.0;
        svg.push_str(&format!(
            "<rect x=\"{x:.1}\" y=\"{by}\" width=\"{bw:.1}\" height=\"{bh}\" rx=\"6\" fill=\"#e6f4ea\" stroke=\"#1d4d36\"/>\n"
        ));
        let name = match lang {
            Lang::En => s.name_en.clone(),
            _ => s.name_zh.clone(),
        };
        svg.push_str(&format!(
            "<text x=\"{cx:.1}\" y=\"{}\" text-anchor=\"middle\" font-weight=\"bold\">{}</text>\n",
            by + 30.0,
            esc(&name)
        ));
        let count = match lang {
            Lang::En => format!("{} inputs/outputs", s.exchanges.len()),
            _ => format!("{}项输入输出", s.exchanges.len()),
        };
        svg.push_str(&format!(
            "<text x=\"{cx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"#59636e\" font-size=\"11\">{}</text>\n",
            by + 52.0,
            esc(&count)
        ));
        if i + 1 < stages.len() {
            svg.push_str(&format!(
                "<line x1=\"{:.1}\" y1=\"{}\" x2=\"{:.1}\" y2=\"{}\" stroke=\"#444\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n",
                x + bw,
                by + bh / 2.0,
                x + bw + gap,
                by + bh / 2.0
            ));
        }
        // Main inputs above, from the background into the stage.
        let max_chars = ((bw / 7.0) as usize).max(8);
        let mut inputs: Vec<String> = Vec::new();
        for e in &s.exchanges {
            let label = match lang {
                Lang::En => e.provider_name.clone(),
                _ => e.provider_name_zh.clone().unwrap_or_else(|| e.provider_name.clone()),
            };
            if !inputs.contains(&label) {
                inputs.push(label);
            }
        }
        let more = inputs.len().saturating_sub(INPUTS);
        for (k, label) in inputs.iter().take(INPUTS).enumerate() {
            svg.push_str(&format!(
                "<text x=\"{cx:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\">{}</text>\n",
                48.0 + k as f64 * 18.0,
                esc(&fit(label, max_chars))
            ));
        }
        if more > 0 {
            let t = match lang {
                Lang::En => format!("and {more} more"),
                _ => format!("等另{more}项"),
            };
            svg.push_str(&format!(
                "<text x=\"{cx:.1}\" y=\"{}\" text-anchor=\"middle\" font-size=\"11\" fill=\"#59636e\">{}</text>\n",
                48.0 + INPUTS as f64 * 18.0,
                esc(&t)
            ));
        }
        svg.push_str(&format!(
            "<line x1=\"{cx:.1}\" y1=\"128\" x2=\"{cx:.1}\" y2=\"{}\" stroke=\"#444\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n",
            by - 2.0
        ));
        svg.push_str(&format!(
            "<line x1=\"{cx:.1}\" y1=\"{}\" x2=\"{cx:.1}\" y2=\"{}\" stroke=\"#444\" stroke-width=\"1.5\" marker-end=\"url(#arrow)\"/>\n",
            by + bh,
            H - 40.0
        ));
    }
    svg.push_str("</svg>\n");
    let caption = match lang {
        Lang::Zh => "图1 系统边界：生命周期各阶段及其主要输入（上）和排放（下）".to_string(),
        Lang::En => {
            "Figure 1. System boundary: the life-cycle stages with their main inputs (above) and emissions (below)"
                .to_string()
        }
        Lang::Both => {
            "图1 系统边界 / Figure 1. System boundary: stages, main inputs (above), emissions (below)".to_string()
        }
    };
    Figure { id: "fig-boundary".into(), file: "charts/boundary.svg".into(), caption, svg }
}
