//! Impact assessment methods: categories with characterization factors.

use serde::{Deserialize, Serialize};

use super::uncertainty::Distribution;
use crate::error::Location;

/// One characterization factor. The flow is named by id, or by name and compartment (and CAS).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Factor {
    /// Flow id in the database, when the method was written for it.
    pub flow_id: Option<String>,
    /// Flow name, for matching by name.
    pub flow_name: Option<String>,
    /// CAS number, for matching by substance.
    pub cas: Option<String>,
    /// Compartment (`air`, `water`, `soil`, `natural resource`); empty matches any.
    pub compartment: Option<String>,
    /// Sub-compartment; empty matches any.
    pub subcompartment: Option<String>,
    /// Unit of the flow the factor is per.
    pub flow_unit: Option<String>,
    /// Category units per flow unit.
    pub value: f64,
    /// Uncertainty of the factor.
    pub uncertainty: Option<Distribution>,
    /// Where the value comes from.
    pub source: Option<String>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Location,
}

/// An impact category.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Category {
    /// Stable id, e.g. `gwp100`.
    pub id: String,
    /// Name, e.g. `Climate change, GWP100`.
    pub name: String,
    /// Name in Chinese.
    pub name_zh: Option<String>,
    /// Unit of the result, e.g. `kg CO2-eq`.
    pub unit: String,
    pub factors: Vec<Factor>,
}

/// An impact assessment method.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Method {
    /// Stable id, e.g. `ipcc2021`.
    pub id: String,
    pub name: String,
    /// Name in Chinese, for Chinese reports.
    pub name_zh: Option<String>,
    pub version: String,
    /// Citation(s).
    pub source: String,
    /// Notes, e.g. which methane value the method follows.
    pub notes: Option<String>,
    pub categories: Vec<Category>,
}
