//! Charts of results (`--plot DIR`): which plots each command draws, from its report.

use super::calc::CalcReport;
use super::compare::CompareReport;
use super::contrib::ContribReport;
use super::mc::McReport;
use super::sensitivity::{OatReport, SobolReport};
use crate::error::Result;
use crate::model::Stage;
use crate::plot::{self, PlotOptions, Series, TornadoBar};
use crate::uncertainty::montecarlo::Draws;

/// A chart: file stem and encoded image.
#[derive(Debug, Clone, PartialEq)]
pub struct Chart {
    /// File name without extension, e.g. `stages-gwp100`.
    pub name: String,
    /// SVG or PNG bytes.
    pub bytes: Vec<u8>,
}

/// A file-name-safe version of an id.
pub fn slug(s: &str) -> String {
    let t: String =
        s.chars().map(|c| if c.is_ascii_alphanumeric() || c == '-' || c == '_' { c } else { '-' }).collect();
    t.trim_matches('-').to_string()
}

/// A stage's name in English and Chinese (SVG and PNG alike: PNG draws Chinese with the bundled
/// CJK font).
fn stage_name(s: Stage) -> String {
    format!("{} {}", s.name_en(), s.name_zh())
}

/// One series per stage with a value; stages reported separately (module D) are not stacked onto
/// the total they are not part of.
fn stage_series(stages: &[Stage], stage_values: impl Fn(Stage) -> Vec<f64>) -> Vec<Series> {
    stages
        .iter()
        .filter(|s| !s.is_separate())
        .map(|&s| Series { name: stage_name(s), values: stage_values(s) })
        .filter(|s| s.values.iter().any(|v| *v != 0.0))
        .collect()
}

/// `calc`: stacked stage bars per category (one bar per variant) and the top processes.
pub fn calc_charts(r: &CalcReport, opts: &PlotOptions) -> Result<Vec<Chart>> {
    let groups: Vec<String> = r.variants.iter().map(|v| v.id.clone()).collect();
    let fu = format!("per functional unit: {}", r.product.functional_unit);
    let mut out = Vec::new();
    for (k, c) in r.categories.iter().enumerate() {
        let series = stage_series(r.stage_scheme.stages(), |s| {
            r.variants.iter().map(|v| v.results[k].stages.get(s.id()).copied().unwrap_or(0.0)).collect()
        });
        if !series.is_empty() {
            let title = format!("{} by life-cycle stage\n{fu}", c.name);
            out.push(Chart {
                name: format!("stages-{}", slug(&c.id)),
                bytes: plot::stacked_bars(&title, &format!("{} [{}]", c.name, c.unit), &groups, &series, opts)?,
            });
        }
        for v in &r.variants {
            let tp = &v.top_processes[k];
            let mut items: Vec<(String, f64)> = tp.items.iter().map(|i| (i.name.clone(), i.value)).collect();
            if tp.rest_count > 0 {
                items.push((format!("rest ({} processes)", tp.rest_count), tp.rest));
            }
            if items.is_empty() {
                continue;
            }
            let title = format!("Top contributing processes, {} (variant {})\n{fu}", c.name, v.id);
            out.push(Chart {
                name: format!("top-processes-{}-{}", slug(&v.id), slug(&c.id)),
                bytes: plot::horizontal_bars(&title, &format!("{} [{}]", c.name, c.unit), &items, opts)?,
            });
        }
    }
    Ok(out)
}

/// `compare`: the normalised overview, stacked stages per category, and per variant the
/// differences from the baseline by stage (a tornado-style chart).
pub fn compare_charts(r: &CompareReport, opts: &PlotOptions) -> Result<Vec<Chart>> {
    let fu = format!("per functional unit: {}", r.functional_unit);
    let mut out = Vec::new();
    let cats: Vec<String> = r.categories.iter().map(|c| c.name.clone()).collect();
    let variants: Vec<String> = r.variants.iter().map(|v| v.id.clone()).collect();
    let percent: Vec<Vec<f64>> = r
        .variants
        .iter()
        .map(|v| v.categories.iter().map(|c| c.normalized.unwrap_or(f64::NAN) * 100.0).collect())
        .collect();
    if percent.iter().flatten().all(|x| x.is_finite()) {
        let title = format!("Variants relative to the baseline `{}`\n{fu}", r.baseline);
        out.push(Chart {
            name: "normalized".into(),
            bytes: plot::normalized_bars(&title, &cats, &variants, &percent, opts)?,
        });
    }
    for (k, c) in r.categories.iter().enumerate() {
        let series = stage_series(r.stage_scheme.stages(), |s| {
            r.variants
                .iter()
                .map(|v| v.categories[k].stages.iter().find(|x| x.0 == s.id()).map_or(0.0, |x| x.1))
                .collect()
        });
        if !series.is_empty() {
            let title = format!("{} by life-cycle stage\n{fu}", c.name);
            out.push(Chart {
                name: format!("stages-{}", slug(&c.id)),
                bytes: plot::stacked_bars(&title, &format!("{} [{}]", c.name, c.unit), &variants, &series, opts)?,
            });
        }
        for v in r.variants.iter().filter(|v| v.id != r.baseline) {
            let items: Vec<(String, f64)> = v.categories[k]
                .stages
                .iter()
                .filter(|(_, _, d)| *d != 0.0)
                .map(|(s, _, d)| (r.stage_scheme.stage(s).map_or_else(|| s.clone(), stage_name), *d))
                .collect();
            if items.is_empty() {
                continue;
            }
            let title = format!("{}: {} minus {} by stage\n{fu}", c.name, v.id, r.baseline);
            out.push(Chart {
                name: format!("difference-{}-{}", slug(&v.id), slug(&c.id)),
                bytes: plot::horizontal_bars(
                    &title,
                    &format!("{} minus {} [{}]", v.id, r.baseline, c.unit),
                    &items,
                    opts,
                )?,
            });
        }
    }
    Ok(out)
}

/// `contrib`: top processes, flows and first-tier exchanges per category.
pub fn contrib_charts(r: &ContribReport, opts: &PlotOptions) -> Result<Vec<Chart>> {
    let fu = format!("per functional unit: {} (variant {})", r.functional_unit, r.variant);
    let mut out = Vec::new();
    for c in &r.categories {
        for (kind, listing, what) in [
            ("processes", &c.processes, "processes"),
            ("flows", &c.flows, "elementary flows"),
            ("first-tier", &c.first_tier, "inputs of the product (first tier)"),
        ] {
            let mut items: Vec<(String, f64)> = listing.items.iter().map(|i| (i.name.clone(), i.value)).collect();
            if listing.rest_count > 0 {
                items.push((format!("rest ({} more)", listing.rest_count), listing.rest));
            }
            if items.is_empty() {
                continue;
            }
            let title = format!("{}: top {what}\n{fu}", c.name);
            out.push(Chart {
                name: format!("{kind}-{}", slug(&c.category)),
                bytes: plot::horizontal_bars(&title, &format!("{} [{}]", c.name, c.unit), &items, opts)?,
            });
        }
    }
    Ok(out)
}

/// `mc`: a histogram per output and, with several variants, violins per category.
pub fn mc_charts(draws: &Draws, r: &McReport, opts: &PlotOptions) -> Result<Vec<Chart>> {
    let mut out = Vec::new();
    let subtitle = format!("Monte Carlo, {} draws, seed {}", r.iterations, r.seed);
    for (i, o) in r.outputs.iter().enumerate() {
        let samples = draws.column(i);
        if samples.iter().all(|x| *x == samples[0]) {
            continue;
        }
        let name = format!(
            "histogram-{}{}-{}",
            if o.variant.is_empty() { String::new() } else { format!("{}-", slug(&o.variant)) },
            slug(&o.category),
            slug(&o.stage)
        );
        let title = format!("{} {} {}\n{subtitle}", o.category, o.stage, o.variant);
        out.push(Chart {
            name,
            bytes: plot::histogram(&title, &format!("{} [{}]", o.category, o.unit), &samples, 0, None, opts)?,
        });
    }
    let mut categories: Vec<&str> =
        r.outputs.iter().filter(|o| o.stage == "total").map(|o| o.category.as_str()).collect();
    // Outputs run variant by variant, so a category recurs: keep its first place only.
    let mut seen = std::collections::HashSet::new();
    categories.retain(|c| seen.insert(*c));
    for cat in categories {
        let groups: Vec<(String, Vec<f64>)> = r
            .outputs
            .iter()
            .enumerate()
            .filter(|(_, o)| o.category == cat && o.stage == "total")
            .map(|(i, o)| (o.variant.clone(), draws.column(i)))
            .collect();
        if groups.len() < 2 {
            continue;
        }
        let unit = r.outputs.iter().find(|o| o.category == cat).map(|o| o.unit.clone()).unwrap_or_default();
        out.push(Chart {
            name: format!("violins-{}", slug(cat)),
            bytes: plot::violins(&format!("{cat} by variant\n{subtitle}"), &format!("{cat} [{unit}]"), &groups, opts)?,
        });
    }
    Ok(out)
}

/// `compare --mc`: the distribution of each variant's difference from the baseline.
pub fn difference_charts(
    draws: &Draws,
    baseline: &str,
    variants: &[String],
    categories: &[(String, String)],
    opts: &PlotOptions,
) -> Result<Vec<Chart>> {
    let col = |v: &str, c: &str| draws.labels.iter().position(|l| *l == super::mc::label(v, c, "total"));
    let mut out = Vec::new();
    for (c, unit) in categories {
        let Some(b) = col(baseline, c) else { continue };
        for v in variants.iter().filter(|v| *v != baseline) {
            let Some(x) = col(v, c) else { continue };
            let diff: Vec<f64> = draws.values.iter().map(|row| row[x] - row[b]).collect();
            if diff.iter().all(|d| *d == diff[0]) {
                continue;
            }
            let title = format!(
                "{c}: {v} minus {baseline}, paired draws\n{} draws, seed {}; left of zero: {v} is better",
                draws.iterations, draws.seed
            );
            out.push(Chart {
                name: format!("difference-distribution-{}-{}", slug(v), slug(c)),
                bytes: plot::histogram(
                    &title,
                    &format!("difference [{unit}]"),
                    &diff,
                    0,
                    Some(("no difference".into(), 0.0)),
                    opts,
                )?,
            });
        }
    }
    Ok(out)
}

/// `sensitivity --oat`: a tornado per category.
pub fn oat_charts(r: &OatReport, opts: &PlotOptions) -> Result<Vec<Chart>> {
    let mut out = Vec::new();
    for c in &r.categories {
        let bars: Vec<TornadoBar> = c
            .rows
            .iter()
            .map(|row| TornadoBar {
                label: row.0.clone(),
                low: row.3,
                high: row.4,
                low_label: Some(super::format::short(row.1, 3)),
                high_label: Some(super::format::short(row.2, 3)),
            })
            .collect();
        if bars.is_empty() {
            continue;
        }
        let title = format!(
            "One-at-a-time sensitivity, {}\nvariant {}; each parameter from low to high, the others at their values",
            c.category, r.variant
        );
        out.push(Chart {
            name: format!("tornado-{}", slug(&c.category)),
            bytes: plot::tornado(&title, &format!("{} [{}]", c.category, c.unit), c.base, &bars, opts)?,
        });
    }
    Ok(out)
}

/// `sensitivity --sobol`: first-order and total indices per output.
pub fn sobol_charts(r: &SobolReport, opts: &PlotOptions) -> Result<Vec<Chart>> {
    let mut out = Vec::new();
    for (o, idx) in &r.outputs {
        let first: Vec<(f64, f64, f64)> = idx.iter().map(|s| (s.first, s.first_ci.0, s.first_ci.1)).collect();
        let total: Vec<(f64, f64, f64)> = idx.iter().map(|s| (s.total, s.total_ci.0, s.total_ci.1)).collect();
        let title = format!("Sobol indices, {o}\nN = {}, {} model runs, 95 % bootstrap intervals", r.n, r.evaluations);
        out.push(Chart {
            name: format!("sobol-{}", slug(o.split(' ').next().unwrap_or(o))),
            bytes: plot::sobol_bars(&title, &r.inputs, &first, &total, opts)?,
        });
    }
    Ok(out)
}
