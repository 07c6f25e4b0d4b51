//! Variants side by side: totals and stages, differences from a baseline, the best variant per
//! category, and each category normalised to the baseline.

use crate::calc::ProductResult;
use crate::model::{Stage, StageScheme};

/// One variant against the baseline, per category.
#[derive(Debug, Clone, PartialEq)]
pub struct VariantComparison {
    /// Variant id.
    pub variant: String,
    /// Variant name.
    pub name: String,
    /// Totals per category.
    pub totals: Vec<f64>,
    /// Per stage, per category (every stage of the scheme, zeros where absent).
    pub stages: Vec<(Stage, Vec<f64>)>,
    /// total - baseline total, per category.
    pub difference: Vec<f64>,
    /// difference / |baseline total|, per category (`None` when the baseline is zero).
    pub relative: Vec<Option<f64>>,
    /// total / baseline total (the normalised overview; `None` when the baseline is zero).
    pub normalized: Vec<Option<f64>>,
    /// Per stage, total of the stage minus the baseline's stage, per category.
    pub stage_difference: Vec<(Stage, Vec<f64>)>,
}

/// A comparison of several variants.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// Baseline variant id.
    pub baseline: String,
    /// Every variant, the baseline included, in the order asked.
    pub variants: Vec<VariantComparison>,
    /// Per category, the id of the variant with the lowest total.
    pub best: Vec<String>,
    /// The stages compared (the baseline's scheme).
    pub stage_scheme: StageScheme,
}

/// Compares `results` (which include the baseline) against `baseline`.
pub fn compare(results: &[ProductResult], baseline: &str) -> Option<Comparison> {
    let base = results.iter().find(|r| r.variant == baseline)?;
    let k = base.totals.len();
    let variants = results
        .iter()
        .map(|r| {
            let difference: Vec<f64> = (0..k).map(|c| r.totals[c] - base.totals[c]).collect();
            let relative =
                (0..k).map(|c| (base.totals[c] != 0.0).then(|| difference[c] / base.totals[c].abs())).collect();
            let normalized = (0..k).map(|c| (base.totals[c] != 0.0).then(|| r.totals[c] / base.totals[c])).collect();
            let all = base.stage_scheme.stages();
            let stages: Vec<(Stage, Vec<f64>)> = all.iter().map(|&s| (s, r.stage(s))).collect();
            let stage_difference = all
                .iter()
                .map(|&s| {
                    let (a, b) = (r.stage(s), base.stage(s));
                    (s, a.iter().zip(&b).map(|(x, y)| x - y).collect())
                })
                .collect();
            VariantComparison {
                variant: r.variant.clone(),
                name: r.variant_name.clone(),
                totals: r.totals.clone(),
                stages,
                difference,
                relative,
                normalized,
                stage_difference,
            }
        })
        .collect();
    let best = (0..k)
        .map(|c| {
            results
                .iter()
                .min_by(|a, b| a.totals[c].total_cmp(&b.totals[c]).then_with(|| a.variant.cmp(&b.variant)))
                .map(|r| r.variant.clone())
                .unwrap_or_default()
        })
        .collect();
    Some(Comparison { baseline: baseline.to_string(), variants, best, stage_scheme: base.stage_scheme.clone() })
}
