//! The parts of a specification that hold a real standard: the basis of each indicator, limits by
//! product sub-type or capacity, formula limits, the texts of the standards' table (判定依据,
//! 所属阶段) and the modelling rules a specification fixes.

use serde::{Deserialize, Serialize};

use super::spec::Criterion;
use crate::error::Location;

/// What one value of an indicator refers to.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum Basis {
    /// Per functional unit of the model (scaled to the specification's `[standard] basis`).
    FunctionalUnit,
    /// Per product unit (one kettle, one litre of paint as sold): the functional unit's value
    /// divided by the product units it holds.
    ProductUnit,
    /// Per amount of product by mass, volume or area (the dimension); the unit is the indicator
    /// unit's denominator (`kgce/t`: per t of product).
    Quantity(String),
    /// A property of the product (declared values, ratios): no scaling.
    Property,
}

impl Basis {
    /// Parses the word used in specifications.
    pub fn parse(s: &str) -> Option<Basis> {
        match s.trim() {
            "functional_unit" | "fu" => Some(Basis::FunctionalUnit),
            "product_unit" | "product" | "piece" => Some(Basis::ProductUnit),
            "mass" | "volume" | "area" => Some(Basis::Quantity(s.trim().to_string())),
            "property" => Some(Basis::Property),
            _ => None,
        }
    }
    /// The word used in specifications.
    pub fn id(&self) -> &str {
        match self {
            Basis::FunctionalUnit => "functional_unit",
            Basis::ProductUnit => "product_unit",
            Basis::Quantity(d) => d,
            Basis::Property => "property",
        }
    }
}

/// A text in Chinese and English.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Bilingual {
    pub zh: String,
    pub en: String,
}

/// A condition on a declared product property (a row of a limit table).
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Condition {
    /// The property (a text) equals this sub-type.
    Is(String),
    /// over < property <= upto (either side open when `None`), in the unit the specification
    /// declares for the property.
    Within { over: Option<f64>, upto: Option<f64> },
}

impl Condition {
    /// The condition in words, e.g. `capacity ≤ 1.5` or `body = plastic`.
    pub fn text(&self, property: &str) -> String {
        match self {
            Condition::Is(s) => format!("{property} = {s}"),
            Condition::Within { over, upto } => match (over, upto) {
                (Some(a), Some(b)) => format!("{a} < {property} ≤ {b}"),
                (Some(a), None) => format!("{property} > {a}"),
                (None, Some(b)) => format!("{property} ≤ {b}"),
                (None, None) => format!("any {property}"),
            },
        }
    }
}

/// One row of a limit table: the limit for the products that meet every condition.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitRow {
    /// (property, condition); all must hold.
    pub when: Vec<(String, Condition)>,
    /// The criterion of the row.
    pub criterion: Criterion,
    /// Source clause of the row's limit.
    pub citation: Option<String>,
}

/// How an indicator's limit is given.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum LimitForm {
    /// The criterion as written.
    Fixed,
    /// A table by product sub-type or capacity range: the first row whose conditions hold.
    Table(Vec<LimitRow>),
    /// A formula of product properties (e.g. `0.2 * capacity + 0.1`) that gives the limit.
    Formula(String),
}

/// A property the specification uses, with the unit it is used in (`None`: a text, a sub-type).
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyUse {
    pub name: String,
    pub unit: Option<String>,
}

/// A modelling rule the specification fixes, like a product category rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ModellingRule {
    pub id: String,
    /// The rule in words.
    pub text: Bilingual,
    pub kind: RuleKind,
    /// Where the rule comes from (standard and clause).
    pub citation: Option<String>,
    /// The same in Chinese.
    pub citation_zh: Option<String>,
    /// Where it was defined.
    pub origin: Location,
}

/// What a modelling rule pins.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum RuleKind {
    /// A model parameter within [min, max] (min = max pins it to a value).
    Parameter { name: String, min: f64, max: f64 },
    /// A foreground exchange linked to one of these providers (e.g. the use-phase grid).
    Provider { exchange: String, providers: Vec<String> },
}

impl RuleKind {
    /// What the rule requires, in words.
    pub fn requirement(&self) -> String {
        match self {
            RuleKind::Parameter { name, min, max } if min == max => format!("{name} = {min}"),
            RuleKind::Parameter { name, min, max } => format!("{min} ≤ {name} ≤ {max}"),
            RuleKind::Provider { exchange, providers } => {
                format!("{exchange} from {}", providers.join(" or "))
            }
        }
    }

    /// What the rule requires, in Chinese words (a parameter's range is written in symbols).
    pub fn requirement_zh(&self) -> String {
        match self {
            RuleKind::Provider { exchange, providers } => format!("{exchange} 采用 {}", providers.join(" 或 ")),
            other => other.requirement(),
        }
    }
}
