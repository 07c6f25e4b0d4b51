//! Section 8: the conformity table of the variant reported, from the check of `greenlca check`.

use super::context::Context;
use super::types::*;
use crate::analysis::ecodesign::{IndicatorStatus, RequirementStatus};
use crate::model::spec::Specification;
use crate::report::check::CheckReport;
use crate::report::format::short;

/// The basis of a specification's limits in words.
pub(super) fn basis_text(spec: &Specification) -> String {
    spec.basis_text.clone().unwrap_or_else(|| format!("per {} {}", short(spec.basis_amount, 6), spec.basis_unit))
}

pub(super) fn section(ctx: &Context<'_>) -> Option<ConformitySection> {
    let (si, check) = (ctx.spec?, ctx.check?);
    let spec = &si.spec;
    let report = CheckReport::new(spec, &ctx.study.inputs.model.product.name, std::slice::from_ref(check), None);
    let v = report.variants.into_iter().next()?;
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
    Some(ConformitySection {
        standard: spec.standard.clone(),
        title: spec.title.clone(),
        title_zh: spec.title_zh.clone(),
        version: spec.version.clone(),
        category: spec.category.clone(),
        illustrative: spec.illustrative,
        citation: spec.citation.clone(),
        basis: basis_text(spec),
        pass: v.pass,
        counts,
        requirements: v.requirements,
        indicators: v.indicators,
        variants: ctx
            .variants
            .iter()
            .filter_map(|(r, c)| {
                c.as_ref().map(|c| VariantVerdict { id: r.variant.clone(), name: r.variant_name.clone(), pass: c.pass })
            })
            .collect(),
    })
}
