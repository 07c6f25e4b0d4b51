//! Section 8: the conformity table of the variant reported, from the check of `greenlca check`.

use serde::Serialize;

use super::context::Context;
use super::types::*;
use crate::analysis::ecodesign::{IndicatorStatus, RequirementStatus, decide, indicative_shares, indicator_draws};
use crate::error::Result;
use crate::report::check::{CheckReport, DeclarationRow, RuleRow, verdict_basis};

/// The verdict beyond the table: modelling rules, uncertainty, and whether a self-declaration may
/// be issued.
#[derive(Debug, Clone, Serialize)]
pub struct VerdictDetail {
    /// The specification's modelling rules checked for the variant.
    pub rules: Vec<RuleRow>,
    /// `met at the central values`, `met with probability p`, `not met ...`.
    pub verdict_basis: String,
    /// Share of each indicator carried by data flagged indicative (spec order).
    pub indicative_shares: Vec<f64>,
    /// The Monte Carlo verdict (`report --mc`).
    pub uncertainty: Option<McVerdict>,
    /// Whether a self-declaration may be issued, and why not.
    pub declaration: DeclarationRow,
}

/// P(pass) per indicator and overall from Monte Carlo draws.
#[derive(Debug, Clone, Serialize)]
pub struct McVerdict {
    pub iterations: usize,
    pub seed: u64,
    /// Probability that every indicator passes (0 when a requirement or rule fails).
    pub p_all: f64,
    /// The confidence a self-declaration needs.
    pub confidence: f64,
    /// Per indicator: id, P(pass), and the 5th, 50th and 95th percentiles of its value.
    pub indicators: Vec<McIndicator>,
}

/// One indicator's distribution.
#[derive(Debug, Clone, Serialize)]
pub struct McIndicator {
    pub id: String,
    pub p_pass: f64,
    pub p5: Option<f64>,
    pub p50: Option<f64>,
    pub p95: Option<f64>,
    /// The drawn values (for the chart; not in the JSON).
    #[serde(skip)]
    pub values: Vec<f64>,
}

fn percentile(sorted: &[f64], q: f64) -> Option<f64> {
    if sorted.is_empty() {
        return None;
    }
    let i = ((sorted.len() - 1) as f64 * q).round() as usize;
    Some(sorted[i])
}

/// The basis of a specification's limits in words.
pub(super) fn section(ctx: &Context<'_>) -> Result<Option<ConformitySection>> {
    let (Some(si), Some(check)) = (ctx.spec, ctx.check) else { return Ok(None) };
    let spec = &si.spec;
    let mc = match ctx.options.mc {
        None => None,
        Some(ns) => {
            let d = indicator_draws(
                ctx.study,
                si,
                &ctx.result.variant,
                ns,
                &ctx.options.sets,
                check,
                &crate::progress::Silent,
            )?;
            Some(d)
        }
    };
    let probabilities = mc.as_ref().map(|d| (d.n, vec![(d.p_all, d.p_pass.clone())]));
    let report =
        CheckReport::new(spec, &ctx.study.inputs.model.product.name, std::slice::from_ref(check), probabilities);
    let Some(v) = report.variants.into_iter().next() else { return Ok(None) };
    let shares = indicative_shares(ctx.study, ctx.engine, ctx.fg, spec)?;
    let decision = decide(spec, check, &shares, mc.as_ref().map(|d| (d.p_all, d.n)), &ctx.options.policy);
    let uncertainty = mc.map(|d| McVerdict {
        iterations: d.n,
        seed: d.seed,
        p_all: d.p_all,
        confidence: ctx.options.policy.confidence,
        indicators: spec
            .indicators
            .iter()
            .zip(d.values)
            .zip(&d.p_pass)
            .map(|((ind, values), p)| {
                let mut sorted: Vec<f64> = values.iter().copied().filter(|x| x.is_finite()).collect();
                sorted.sort_by(f64::total_cmp);
                McIndicator {
                    id: ind.id.clone(),
                    p_pass: *p,
                    p5: percentile(&sorted, 0.05),
                    p50: percentile(&sorted, 0.5),
                    p95: percentile(&sorted, 0.95),
                    values,
                }
            })
            .collect(),
    });
    let mut counts = ConformityCounts::default();
    for r in &check.requirements {
        match r.status {
            RequirementStatus::Met => counts.requirements_met += 1,
            RequirementStatus::NotMet => counts.requirements_not_met += 1,
            RequirementStatus::EvidenceMissing => counts.requirements_evidence_missing += 1,
        }
    }
    for i in &check.indicators {
        match i.status {
            IndicatorStatus::Pass => counts.indicators_pass += 1,
            IndicatorStatus::Fail => counts.indicators_fail += 1,
            IndicatorStatus::EvidenceMissing => counts.indicators_evidence_missing += 1,
        }
    }
    Ok(Some(ConformitySection {
        standard: spec.standard.clone(),
        title: spec.title.clone(),
        title_zh: spec.title_zh.clone(),
        version: spec.version.clone(),
        category: spec.category.clone(),
        category_zh: spec.category_zh.clone(),
        illustrative: spec.illustrative,
        citation: spec.citation.clone(),
        citation_zh: spec.citation_zh.clone(),
        basis: spec.basis_words(),
        basis_zh: spec.basis_words_zh(),
        pass: v.pass,
        counts,
        verdict: VerdictDetail {
            rules: v.rules,
            verdict_basis: verdict_basis(check.pass, uncertainty.as_ref().map(|u| u.p_all)),
            indicative_shares: shares,
            uncertainty,
            declaration: DeclarationRow::of(&decision),
        },
        requirements: v.requirements,
        indicators: v.indicators,
        variants: ctx
            .variants
            .iter()
            .filter_map(|(r, c)| {
                c.as_ref().map(|c| VariantVerdict {
                    id: r.variant.clone(),
                    name: r.variant_name.clone(),
                    name_zh: ctx.study.inputs.model.variant(&r.variant).and_then(|v| v.name_zh.clone()),
                    pass: c.pass,
                })
            })
            .collect(),
    }))
}
