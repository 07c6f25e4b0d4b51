//! Eco-design conformity: a specification's basic requirements and indicators checked for one
//! product variant, with the overall verdict (a pass needs every requirement and indicator).

pub(crate) mod basis;
pub(crate) mod declaration;
pub(crate) mod draws;
pub(crate) mod energy;
pub(crate) mod indicative;
pub(crate) mod inputs;
pub(crate) mod limits;
pub(crate) mod measure;
pub(crate) mod probabilities;
pub(crate) mod rules;
pub(crate) mod units;
pub(crate) mod verdict;

use crate::calc::{Engine, ProductResult, Study};
use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::matrix::foreground::{Foreground, Target};
use crate::model::Stage;
use crate::model::spec::{Basis, Criterion, Evidence, Indicator, Measure, Specification};

pub use basis::units_per_fu;
pub use declaration::{DEFAULT_CONFIDENCE, DEFAULT_MAX_INDICATIVE, Decision, DeclarationPolicy, Withheld, decide};
pub use draws::{IndicatorDraws, indicator_draws, variants_draws};
pub use energy::EnergyTable;
pub use indicative::indicative_shares;
pub use inputs::SpecInputs;
pub use measure::{MeasureInputs, MeasuredValue, measure};
pub use probabilities::pass_probabilities;
pub use rules::{RuleOutcome, check_rules};
pub use verdict::{EQUAL_WITHIN, Verdict, judge, judge_compound};

/// Status of a basic requirement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequirementStatus {
    /// Met, with evidence.
    Met,
    /// Stated as not met.
    NotMet,
    /// No statement or no evidence: never a pass.
    EvidenceMissing,
}

/// Status of an indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IndicatorStatus {
    /// The criterion holds.
    Pass,
    /// The criterion fails.
    Fail,
    /// A declared value is missing from the evidence: never a pass.
    EvidenceMissing,
}

/// One requirement's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementOutcome {
    /// Requirement id.
    pub id: String,
    pub status: RequirementStatus,
    /// The evidence named by the applicant.
    pub evidence: Option<String>,
    /// The same in Chinese, when the evidence file gives it.
    pub evidence_zh: Option<String>,
}

/// One indicator's outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct IndicatorOutcome {
    /// Indicator id.
    pub id: String,
    pub status: IndicatorStatus,
    /// The measured value (None when evidence is missing).
    pub value: Option<MeasuredValue>,
    /// The comparison (None when evidence is missing).
    pub verdict: Option<Verdict>,
    /// The criterion that applied to this product (a table row or formula resolved).
    pub criterion: Criterion,
    /// The table row or formula that gave the limit, in words.
    pub limit_note: Option<String>,
}

/// A specification checked for one variant.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckResult {
    /// Variant id.
    pub variant: String,
    pub variant_name: String,
    pub requirements: Vec<RequirementOutcome>,
    pub indicators: Vec<IndicatorOutcome>,
    /// The specification's modelling rules, checked for the variant.
    pub rules: Vec<RuleOutcome>,
    /// True only when every requirement is met, every indicator passes and every modelling rule
    /// is kept (the LCA report is the evidence report itself).
    pub pass: bool,
}

/// Everything a check needs besides the product results.
pub struct CheckSetup<'a> {
    /// The specification.
    pub spec: &'a Specification,
    /// The evidence (empty when none was given).
    pub evidence: &'a Evidence,
    /// GB/T 2589 coefficients.
    pub energy: &'a EnergyTable,
    /// Basis of the specification / reference flow of the model.
    pub basis_scale: f64,
}

/// Multiplier from the model's functional unit to the specification's basis; units must share a
/// dimension.
pub fn basis_scale(spec: &Specification, study: &Study) -> Result<f64> {
    let p = &study.inputs.model.product;
    if spec.basis_unit.is_empty() {
        return Ok(1.0);
    }
    let at = Location::file(&spec.path).with_entity("[standard] basis");
    let amount = study.inputs.database.units.convert(spec.basis_amount, &spec.basis_unit, &p.unit, &at).map_err(|e| {
        Error::new(
            ErrorKind::Unit,
            at.clone(),
            format!("the limits refer to {} {}, but the model's reference flow is {} {} ({})", spec.basis_amount, spec.basis_unit, p.reference_amount, p.unit, e.message),
            "use a specification whose basis has the same dimension as the model's reference flow, or change the model's functional unit",
        )
    })?;
    Ok(amount / p.reference_amount)
}

/// Checks that every name the specification uses exists in the study (categories, flows, stages,
/// units), listing every problem.
pub fn check_spec_against(spec: &Specification, study: &Study, energy: &EnergyTable) -> Result<()> {
    let mut problems = Collector::default();
    problems.take(basis_scale(spec, study));
    let model_stages = study.inputs.model.stages();
    let units = &study.inputs.database.units;
    let product = &study.inputs.model.product;
    for ind in &spec.indicators {
        let at = &ind.origin;
        problems.take(basis::check_basis(ind, product, units));
        if ind.basis != Basis::Property
            && matches!(ind.measure, Measure::Declared(_) | Measure::Ratio(..) | Measure::Property(_))
        {
            problems.push(Error::new(
                ErrorKind::Invalid,
                at.clone(),
                format!("a declared value, ratio or property is not scaled, but the indicator asks for basis `{}`", ind.basis.id()),
                "write basis = \"property\" (or leave it out): declared values, ratios and properties are taken as they are",
            ));
        }
        problems.take(limits::resolve(ind, product, &spec.properties, units).map(|_| ()));
        if let Some(stages) = &ind.stages {
            for s in stages {
                if !model_stages.contains(s) {
                    problems.push(Error::new(
                        ErrorKind::UnknownId,
                        at.clone(),
                        format!("stage `{s}` has no exchanges in the model"),
                        format!(
                            "the model's stages are: {}",
                            model_stages.iter().map(|s| s.id()).collect::<Vec<_>>().join(", ")
                        ),
                    ));
                }
            }
        }
        let r = match &ind.measure {
            Measure::Lcia(cat) => match study.characterization.category(cat) {
                None => Err(Error::new(
                    ErrorKind::UnknownId,
                    at.clone(),
                    format!("category `{cat}` is not in the model's methods"),
                    format!(
                        "use one of: {}",
                        study.characterization.categories.iter().map(|c| c.id.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                )),
                Some(k) => units::convert_quantity(
                    units,
                    1.0,
                    &study.characterization.categories[k].unit,
                    &basis::value_unit(ind, units),
                    at,
                )
                .map(|_| ()),
            },
            Measure::Flow(id) => match study.system.flow_index.get(id) {
                None => Err(Error::new(
                    ErrorKind::UnknownId,
                    at.clone(),
                    format!("flow `{id}` is not an elementary flow of the database"),
                    "name an elementary flow id of the database (flows.csv)",
                )),
                Some(row) => {
                    units.factor(&study.system.flows[row].unit, &basis::value_unit(ind, units), at).map(|_| ())
                }
            },
            Measure::Foreground(m) => units.factor(m.unit(), &basis::value_unit(ind, units), at).map(|_| ()),
            Measure::Ratio(..) => units.factor("fraction", &ind.unit, at).map(|_| ()),
            Measure::Tagged(_) | Measure::Property(_) => {
                units.resolve(&basis::value_unit(ind, units)).map(|_| ()).ok_or_else(|| {
                    Error::new(
                        ErrorKind::Unit,
                        at.clone(),
                        format!("unknown unit `{}`", ind.unit),
                        "use a unit from docs/formats.md",
                    )
                })
            }
            Measure::Declared(_) if ind.criterion == Criterion::Yes => Ok(()),
            Measure::Declared(_) => units.resolve(&ind.unit).map(|_| ()).ok_or_else(|| {
                Error::new(
                    ErrorKind::Unit,
                    at.clone(),
                    format!("unknown unit `{}`", ind.unit),
                    "use a unit from docs/formats.md",
                )
            }),
        };
        problems.take(r);
    }
    let _ = energy;
    problems.finish(())
}

/// Inventory of the stages in scope (`None`: all), including the product's direct flows.
pub fn stage_inventory(engine: &Engine, fg: &Foreground, stages: Option<&[Stage]>) -> Result<Vec<f64>> {
    let system = engine.lca.system();
    let mut d = vec![0.0; system.n()];
    let mut g_direct = vec![0.0; system.m()];
    for e in fg.entries.iter().filter(|e| stages.is_none_or(|s| s.contains(&e.stage))) {
        match e.target {
            Target::Column(c) => d[c] -= e.value,
            Target::Flow(f) => g_direct[f] += e.value,
        }
    }
    let lci = engine.lca.lci(&d)?;
    Ok(lci.inventory.iter().zip(&g_direct).map(|(a, b)| a + b).collect())
}

/// Checks one variant.
pub fn check(
    setup: &CheckSetup<'_>,
    study: &Study,
    engine: &Engine,
    fg: &Foreground,
    result: &ProductResult,
) -> Result<CheckResult> {
    // Evidence for a requirement the specification does not have is a typo that would leave the
    // real requirement without evidence.
    if let Some((id, _)) =
        setup.evidence.requirements.iter().find(|(id, _)| !setup.spec.requirements.iter().any(|r| &r.id == id))
    {
        let known: Vec<String> = setup.spec.requirements.iter().map(|r| format!("`{}`", r.id)).collect();
        let at = setup.evidence.path.as_deref().map(Location::file).unwrap_or_default();
        return Err(Error::new(
            ErrorKind::UnknownId,
            at.with_entity(format!("requirement `{id}`")),
            format!("evidence for requirement `{id}`, which the specification does not have"),
            format!("use one of the specification's requirement ids: {}", known.join(", ")),
        ));
    }
    let categories: Vec<(String, String)> =
        study.characterization.categories.iter().map(|c| (c.id.clone(), c.unit.clone())).collect();
    let inventory = |stages: Option<&[Stage]>| stage_inventory(engine, fg, stages);
    let inputs = MeasureInputs {
        units: &study.inputs.database.units,
        foreground: fg,
        stages: &result.stages,
        categories: &categories,
        inventory: &inventory,
        system: &study.system,
        energy: setup.energy,
        evidence: setup.evidence,
        basis_scale: setup.basis_scale,
        product: &study.inputs.model.product,
    };
    let indicators = setup
        .spec
        .indicators
        .iter()
        .map(|ind| {
            let (criterion, note) = limits::resolve(ind, inputs.product, &setup.spec.properties, inputs.units)?;
            outcome(ind, &criterion, note, &inputs)
        })
        .collect::<Result<Vec<_>>>()?;
    let rules = check_rules(&setup.spec.rules, fg, &study.system);
    let requirements: Vec<RequirementOutcome> = setup
        .spec
        .requirements
        .iter()
        .map(|r| match setup.evidence.requirements.iter().find(|(id, _)| *id == r.id) {
            None => RequirementOutcome {
                id: r.id.clone(),
                status: RequirementStatus::EvidenceMissing,
                evidence: None,
                evidence_zh: None,
            },
            Some((_, e)) => RequirementOutcome {
                id: r.id.clone(),
                status: match (e.met, &e.evidence) {
                    (false, _) => RequirementStatus::NotMet,
                    (true, None) => RequirementStatus::EvidenceMissing,
                    (true, Some(_)) => RequirementStatus::Met,
                },
                evidence: e.evidence.clone(),
                evidence_zh: e.evidence_zh.clone(),
            },
        })
        .collect();
    let pass = requirements.iter().all(|r| r.status == RequirementStatus::Met)
        && indicators.iter().all(|i| i.status == IndicatorStatus::Pass)
        && rules.iter().all(|r| r.kept);
    Ok(CheckResult {
        rules,
        variant: result.variant.clone(),
        variant_name: result.variant_name.clone(),
        requirements,
        indicators,
        pass,
    })
}

/// Measures `ind` and judges it against `criterion` (the limit for this product) and the
/// indicator's compound condition, if any.
pub fn outcome(
    ind: &Indicator,
    criterion: &Criterion,
    limit_note: Option<String>,
    inputs: &MeasureInputs<'_>,
) -> Result<IndicatorOutcome> {
    Ok(match measure(ind, inputs)? {
        None => IndicatorOutcome {
            id: ind.id.clone(),
            status: IndicatorStatus::EvidenceMissing,
            value: None,
            verdict: None,
            criterion: criterion.clone(),
            limit_note,
        },
        Some(v) => {
            let verdict = judge_compound(criterion, ind.also.as_ref(), v.value, ind.benchmark);
            IndicatorOutcome {
                id: ind.id.clone(),
                status: if verdict.pass { IndicatorStatus::Pass } else { IndicatorStatus::Fail },
                value: Some(v),
                verdict: Some(verdict),
                criterion: criterion.clone(),
                limit_note,
            }
        }
    })
}
