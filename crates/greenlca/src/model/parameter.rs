//! Named parameters: a value or a formula over other parameters, with an optional range and
//! distribution.

use serde::{Deserialize, Serialize};

use super::uncertainty::Distribution;
use crate::error::Location;

/// Where a parameter applies.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Scope {
    /// Visible to every formula of the database (or of the product model).
    Global,
    /// Visible only inside one process (shadows a global of the same name).
    Process(String),
}

/// A parameter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Parameter {
    /// Name used in formulas: letters, digits and `_`, not starting with a digit.
    pub name: String,
    /// Scope of the name.
    pub scope: Scope,
    /// Value, for an input parameter.
    pub value: Option<f64>,
    /// Formula over other parameters, for a dependent parameter.
    pub formula: Option<String>,
    /// Unit, for documentation (formulas are unit-free).
    pub unit: Option<String>,
    /// Smallest allowed value (what-if and one-at-a-time ranges).
    pub min: Option<f64>,
    /// Largest allowed value.
    pub max: Option<f64>,
    /// Uncertainty of an input parameter.
    pub uncertainty: Option<Distribution>,
    /// What the parameter means.
    pub description: Option<String>,
    /// Where the value comes from.
    pub source: Option<String>,
    /// Where it was defined, for error messages.
    #[serde(skip)]
    pub origin: Location,
}

impl Parameter {
    /// An input parameter with a value and nothing else.
    pub fn value(name: &str, value: f64) -> Self {
        Parameter {
            name: name.to_string(),
            scope: Scope::Global,
            value: Some(value),
            formula: None,
            unit: None,
            min: None,
            max: None,
            uncertainty: None,
            description: None,
            source: None,
            origin: Location::default(),
        }
    }
}

/// True for names a formula can use.
pub fn is_valid_name(name: &str) -> bool {
    let mut chars = name.chars();
    match chars.next() {
        Some(c) if c.is_ascii_alphabetic() || c == '_' => chars.all(|c| c.is_ascii_alphanumeric() || c == '_'),
        _ => false,
    }
}
