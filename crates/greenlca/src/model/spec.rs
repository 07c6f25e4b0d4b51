//! Eco-design product specifications (GB/T 32161 and the product-specific specifications): basic
//! requirements of the producer, and indicators with limits in groups (GB/T 32161: four).

use std::path::PathBuf;

pub use super::indicator_group::Group;
pub use super::spec_terms::{Basis, Bilingual, Condition, LimitForm, LimitRow, ModellingRule, PropertyUse, RuleKind};
use super::stage::Stage;
use crate::error::Location;

/// How the value is compared with the limit.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Criterion {
    /// value <= limit.
    AtMost(f64),
    /// value < limit.
    Below(f64),
    /// value >= limit.
    AtLeast(f64),
    /// value > limit.
    Above(f64),
    /// lo <= value <= hi.
    Range(f64, f64),
    /// |value - target| <= tolerance.
    Equals {
        /// Target value.
        target: f64,
        /// Accepted deviation.
        tolerance: f64,
    },
    /// Grades from best to worst, each with the largest (or, when `higher_is_better`, smallest)
    /// value that earns it; the product must reach `required` or better.
    Grade {
        /// (grade name, bound), best first.
        grades: Vec<(String, f64)>,
        /// Grade the product must reach.
        required: String,
        /// True when larger values are better (efficiency), false when smaller are (consumption).
        higher_is_better: bool,
    },
    /// A qualitative requirement: the applicant declares yes (1) with its evidence.
    Yes,
}

impl Criterion {
    /// The operator as written in a specification.
    pub fn operator(&self) -> &'static str {
        match self {
            Criterion::AtMost(_) => "<=",
            Criterion::Below(_) => "<",
            Criterion::AtLeast(_) => ">=",
            Criterion::Above(_) => ">",
            Criterion::Range(..) => "range",
            Criterion::Equals { .. } => "equals",
            Criterion::Grade { .. } => "grade",
            Criterion::Yes => "yes",
        }
    }
}

/// Built-in foreground indicators, computed from the product model's own exchanges. Each is its
/// own computation, so they stay an enum; more may come.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ForegroundMeasure {
    /// Comprehensive energy consumption in kgce (GB/T 2589 coefficients per energy carrier).
    EnergyKgce,
    /// Fresh water taken in (exchanges tagged `fresh_water`).
    FreshWater,
    /// Recycled content: recycled mass / mass of inputs tagged `material`.
    RecycledContent,
    /// Mass of inputs tagged `packaging`.
    PackagingMass,
}

impl ForegroundMeasure {
    /// Parses the id used in specifications.
    pub fn parse(s: &str) -> Option<ForegroundMeasure> {
        match s {
            "energy_kgce" | "comprehensive_energy" => Some(ForegroundMeasure::EnergyKgce),
            "fresh_water" => Some(ForegroundMeasure::FreshWater),
            "recycled_content" => Some(ForegroundMeasure::RecycledContent),
            "packaging_mass" => Some(ForegroundMeasure::PackagingMass),
            _ => None,
        }
    }
    pub fn id(self) -> &'static str {
        match self {
            ForegroundMeasure::EnergyKgce => "energy_kgce",
            ForegroundMeasure::FreshWater => "fresh_water",
            ForegroundMeasure::RecycledContent => "recycled_content",
            ForegroundMeasure::PackagingMass => "packaging_mass",
        }
    }
    /// Unit the measure is computed in (converted to the indicator's unit).
    pub fn unit(self) -> &'static str {
        match self {
            ForegroundMeasure::EnergyKgce => "kgce",
            ForegroundMeasure::FreshWater => "m3",
            ForegroundMeasure::RecycledContent => "fraction",
            ForegroundMeasure::PackagingMass => "kg",
        }
    }
}

/// Where an indicator's value comes from.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Measure {
    /// An impact category result (category id).
    Lcia(String),
    /// The inventory total of an elementary flow (flow id).
    Flow(String),
    /// A foreground indicator.
    Foreground(ForegroundMeasure),
    /// A value the applicant declares in the evidence file (key).
    Declared(String),
    /// Computed: the sum of the foreground exchanges with this tag in the stages in scope.
    Tagged(String),
    /// Computed: sum of the exchanges tagged `.0` over the sum of those tagged `.1` (same dimension).
    Ratio(String, String),
    /// A declared product property of the model (`[product.properties]`).
    Property(String),
}

/// One indicator of a specification.
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    pub id: String,
    pub group: Group,
    /// Chinese name.
    pub name_zh: String,
    /// English name.
    pub name_en: String,
    /// Unit of the value and the limit.
    pub unit: String,
    /// Stages in scope (`None`: the whole life cycle).
    pub stages: Option<Vec<Stage>>,
    /// The criterion (for a table or formula limit: the operator, numbers resolved per product).
    pub criterion: Criterion,
    /// A second condition the value must also meet (a compound limit), if any.
    pub also: Option<Criterion>,
    /// How the limit is given.
    pub limit_form: LimitForm,
    /// What one value refers to.
    pub basis: Basis,
    /// 判定依据: how the indicator is verified.
    pub verification: Option<Bilingual>,
    /// 所属阶段: the stage label of the standard's table.
    pub phase: Option<Bilingual>,
    /// The leaders' value (领跑者), if given.
    pub benchmark: Option<f64>,
    /// Where the value comes from.
    pub measure: Measure,
    /// Where the limit comes from (standard and clause).
    pub citation: Option<String>,
    /// The same in Chinese, for Chinese reports.
    pub citation_zh: Option<String>,
    /// Where it was defined.
    pub origin: Location,
}

/// A basic requirement of the producer.
#[derive(Debug, Clone, PartialEq)]
pub struct Requirement {
    pub id: String,
    /// Chinese text.
    pub text_zh: String,
    /// English text.
    pub text_en: String,
    /// The evidence expected.
    pub evidence: String,
    /// The evidence expected, in Chinese.
    pub evidence_zh: Option<String>,
    /// Where it was defined.
    pub origin: Location,
}

/// A specification.
#[derive(Debug, Clone, PartialEq)]
pub struct Specification {
    /// File it was read from.
    pub path: PathBuf,
    /// Standard id, e.g. `GB/T 35602-2017`.
    pub standard: String,
    pub title: String,
    /// Chinese title.
    pub title_zh: Option<String>,
    /// Version or year.
    pub version: String,
    /// Product category.
    pub category: String,
    /// Product category in Chinese.
    pub category_zh: Option<String>,
    /// Basis of the limits: amount and unit of product they refer to.
    pub basis_amount: f64,
    /// Unit of the basis.
    pub basis_unit: String,
    /// The basis in words.
    pub basis_text: Option<String>,
    /// The basis in Chinese words.
    pub basis_text_zh: Option<String>,
    /// True when the limits are illustrative rather than transcribed from a standard.
    pub illustrative: bool,
    /// Citation of the standard.
    pub citation: Option<String>,
    /// The citation, or the note on where the limits come from, in Chinese.
    pub citation_zh: Option<String>,
    /// Basic requirements.
    pub requirements: Vec<Requirement>,
    pub indicators: Vec<Indicator>,
    /// The indicator groups (GB/T 32161's four unless the specification lists its own).
    pub groups: Vec<Group>,
    /// Mapping of energy carriers to GB/T 2589 coefficients (default: the shipped table).
    pub energy_coefficients: Option<PathBuf>,
    /// Product properties the limits use, with their units.
    pub properties: Vec<PropertyUse>,
    /// Modelling rules the model and variant must follow.
    pub rules: Vec<ModellingRule>,
}

impl Specification {
    /// The basis of the limits in words: the specification's own text, else the amount and unit.
    pub fn basis_words(&self) -> String {
        self.basis_text.clone().unwrap_or_else(|| {
            if self.basis_unit.is_empty() {
                "the basis each indicator states".to_string()
            } else {
                format!("per {} {}", crate::numfmt::short(self.basis_amount, 6), self.basis_unit)
            }
        })
    }

    /// The same in Chinese (the English text stands in when only that is given).
    pub fn basis_words_zh(&self) -> String {
        match (&self.basis_text_zh, &self.basis_text) {
            (Some(zh), _) => zh.clone(),
            (None, Some(en)) => en.clone(),
            (None, None) if self.basis_unit.is_empty() => "各指标按其规定的基准".to_string(),
            (None, None) => format!("每 {} {}", crate::numfmt::short(self.basis_amount, 6), self.basis_unit),
        }
    }
}

/// A declared value with its evidence.
#[derive(Debug, Clone, PartialEq)]
pub struct Declared {
    /// The value (a yes/no answer: 1 for yes, 0 for no).
    pub value: f64,
    pub unit: String,
    /// The evidence: test report, certificate.
    pub evidence: String,
    /// The evidence described in Chinese.
    pub evidence_zh: Option<String>,
    /// Where it was defined.
    pub origin: Location,
}

/// The applicant's statement on a basic requirement.
#[derive(Debug, Clone, PartialEq)]
pub struct RequirementEvidence {
    /// Whether the producer states it is met.
    pub met: bool,
    /// The evidence (document, number, date); without it the requirement is not met.
    pub evidence: Option<String>,
    /// The evidence described in Chinese.
    pub evidence_zh: Option<String>,
}

/// The evidence file beside a model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evidence {
    /// File it was read from.
    pub path: Option<PathBuf>,
    /// Declared values by key.
    pub declared: Vec<(String, Declared)>,
    /// Requirement statements by requirement id.
    pub requirements: Vec<(String, RequirementEvidence)>,
}
