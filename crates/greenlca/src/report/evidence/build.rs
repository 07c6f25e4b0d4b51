//! Computing the evidence report: the variant reported and every other variant of the model are
//! assessed with one factorized background; the specification, if any, is checked for each.

use super::context::{Context, share};
use super::types::*;
use super::{EvidenceOptions, EvidenceReport, SCHEMA, SCHEMA_VERSION};
use crate::analysis::ecodesign::inputs::SpecInputs;
use crate::analysis::ecodesign::{CheckResult, check};
use crate::calc::{ProductResult, Study};
use crate::error::{Error, ErrorKind, Location, Result};
use crate::matrix::foreground::{Foreground, Target};

impl EvidenceReport {
    /// Assesses the variant of `options` (and, for the comparison, every variant of the model),
    /// checks `spec` when given, and builds the report.
    pub fn compute(study: &Study, spec: Option<&SpecInputs>, options: &EvidenceOptions) -> Result<EvidenceReport> {
        if study.characterization.k() == 0 {
            return Err(Error::new(
                ErrorKind::Invalid,
                Location::file(&study.inputs.model.path),
                "the model's methods have no impact category, so there is nothing to report",
                "name at least one method with categories in the model's `methods` (or use --method)",
            ));
        }
        let shared = study.engine()?;
        // A variant that changes database parameters gets its own background (engine_for).
        let check_with = |f: &Foreground| -> Result<(ProductResult, Option<CheckResult>)> {
            let own = study.engine_for(f)?;
            let e = own.as_ref().unwrap_or(&shared);
            let r = study.assess(e, f)?;
            let c = spec.map(|si| check(&si.setup(), study, e, f, &r)).transpose()?;
            Ok((r, c))
        };
        let fg = study.resolve(&options.variant, &options.sets)?;
        let own = study.engine_for(&fg)?;
        let engine = own.as_ref().unwrap_or(&shared);
        let (result, first_check) = check_with(&fg)?;
        let mut variants = vec![(result.clone(), first_check)];
        for id in study.inputs.model.variant_ids().into_iter().filter(|v| *v != options.variant) {
            variants.push(check_with(&study.resolve(&id, &options.sets)?)?);
        }
        let ctx = Context {
            study,
            engine,
            fg: &fg,
            result: &result,
            check: variants[0].1.as_ref(),
            spec,
            variants: &variants,
            options,
        };
        build(&ctx)
    }
}

fn build(ctx: &Context<'_>) -> Result<EvidenceReport> {
    let data_quality = super::data_quality::section(ctx);
    let impacts = impacts(ctx);
    let contributions = super::contributions::section(ctx, &impacts);
    let conformity = super::conformity::section(ctx)?;
    let suggestions = super::suggestions::section(ctx, &impacts, &contributions, conformity.as_ref());
    let conclusion = super::conclusion::conclusion(ctx, &impacts, &data_quality, conformity.as_ref(), &suggestions);
    let declaration = super::conclusion::declaration(ctx, conformity.as_ref());
    let notices = super::conclusion::notices(&data_quality, conformity.as_ref());
    Ok(EvidenceReport {
        schema: SCHEMA,
        schema_version: SCHEMA_VERSION,
        greenlca_version: env!("CARGO_PKG_VERSION"),
        date: ctx.options.date.to_string(),
        notices,
        product: product(ctx),
        functional_unit: functional_unit(ctx),
        boundary: boundary(ctx),
        data_quality,
        inventory: super::inventory::section(ctx)?,
        impacts,
        contributions,
        conformity,
        suggestions,
        conclusion,
        declaration,
        reproduction: super::reproduce::section(ctx),
        evaluation: super::evaluation::section(ctx)?,
        stage_scheme: ctx.study.inputs.model.stage_scheme.clone(),
    })
}

fn product(ctx: &Context<'_>) -> ProductSection {
    let m = &ctx.study.inputs.model;
    let p = &m.product;
    let v = m.variant(&ctx.result.variant);
    ProductSection {
        id: p.id.clone(),
        name: p.name.clone(),
        name_zh: p.name_zh.clone(),
        category: p.category.clone(),
        category_zh: p.category_zh.clone(),
        producer: p.producer.clone(),
        description: p.description.clone(),
        description_zh: p.description_zh.clone(),
        variant: VariantInfo {
            id: ctx.result.variant.clone(),
            name: ctx.result.variant_name.clone(),
            name_zh: v.and_then(|v| v.name_zh.clone()).or_else(|| v.is_none().then(|| "基准方案".to_string())),
            description: v.and_then(|v| v.description.clone()),
            description_zh: v.and_then(|v| v.description_zh.clone()),
        },
        other_variants: m.variants.len(),
    }
}

fn functional_unit(ctx: &Context<'_>) -> FunctionalUnitSection {
    let p = &ctx.study.inputs.model.product;
    FunctionalUnitSection {
        functional_unit: p.functional_unit.clone(),
        functional_unit_zh: p.functional_unit_zh.clone(),
        reference_amount: p.reference_amount,
        unit: p.unit.clone(),
        spec_basis: ctx.spec.map(|s| s.spec.basis_words()),
        spec_basis_zh: ctx.spec.map(|s| s.spec.basis_words_zh()),
    }
}

fn boundary(ctx: &Context<'_>) -> BoundarySection {
    let b = &ctx.study.inputs.model.boundary;
    let sys = &ctx.study.system;
    let stages = ctx
        .study
        .inputs
        .model
        .stage_scheme
        .stages()
        .iter()
        .map(|&s| StageBoundary {
            stage: s.id().into(),
            name_en: s.name_en().into(),
            name_zh: s.name_zh().into(),
            exchanges: ctx
                .fg
                .entries
                .iter()
                .filter(|e| e.stage == s)
                .map(|e| {
                    let (provider, name, zh) = match e.target {
                        Target::Column(c) => {
                            let col = &sys.columns[c];
                            (col.id.clone(), col.name.clone(), ctx.process_zh(&col.id))
                        }
                        Target::Flow(f) => {
                            let fl = &sys.flows[f];
                            (fl.id.clone(), fl.name.clone(), ctx.flow_zh(&fl.id))
                        }
                    };
                    BoundaryExchange {
                        id: e.id.clone(),
                        label: e.label.clone().unwrap_or_else(|| name.clone()),
                        kind: e.kind.as_str().into(),
                        provider,
                        provider_name: name,
                        provider_name_zh: zh,
                        amount: e.amount,
                        unit: e.unit.clone(),
                        source: e.source.clone(),
                    }
                })
                .collect(),
        })
        .collect();
    BoundarySection {
        stages,
        included: b.included.clone(),
        excluded: b.excluded.clone(),
        cutoff: b.cutoff.clone(),
        data_quality: b.data_quality.clone(),
        included_zh: b.included_zh.clone(),
        excluded_zh: b.excluded_zh.clone(),
        cutoff_zh: b.cutoff_zh.clone(),
        data_quality_zh: b.data_quality_zh.clone(),
    }
}

fn impacts(ctx: &Context<'_>) -> ImpactSection {
    let r = ctx.result;
    let categories = ctx
        .study
        .characterization
        .categories
        .iter()
        .enumerate()
        .map(|(k, c)| CategoryImpact {
            id: c.id.clone(),
            method: c.method.clone(),
            name: c.name.clone(),
            name_zh: c.name_zh.clone(),
            unit: c.unit.clone(),
            total: r.totals[k],
            stages: r
                .stages
                .iter()
                .map(|(s, v)| StageValue { stage: s.id().into(), value: v[k], share: share(v[k], r.totals[k]) })
                .collect(),
        })
        .collect();
    ImpactSection { stages: ctx.stages().iter().map(|s| s.id().to_string()).collect(), categories }
}
