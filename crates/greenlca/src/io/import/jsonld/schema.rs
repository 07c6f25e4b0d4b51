//! The parts of the openLCA JSON-LD schema greenlca reads, for schema v1 (openLCA 1.x) and v2
//! (openLCA 2). Where v2 renamed a key (`input` -> `isInput`, `referenceUnit` -> `isRefUnit`, ...)
//! both spellings are accepted; unknown keys are ignored.

use serde::Deserialize;

/// A reference to another data set.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Ref {
    /// Its id.
    #[serde(rename = "@id")]
    pub id: Option<String>,
    /// Its name, as copied into the reference.
    pub name: Option<String>,
}

/// A category: a reference (v1) or a `/`-separated path (v2).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum CategoryField {
    /// v2: the full path.
    Path(String),
    /// v1: a reference to a category data set.
    Ref(Ref),
}

/// A category data set (v1), with its parent.
#[derive(Debug, Clone, Deserialize)]
pub struct Category {
    #[serde(rename = "@id")]
    pub id: String,
    pub name: String,
    /// Parent category.
    pub category: Option<Ref>,
}

/// A unit of a unit group.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Unit {
    #[serde(rename = "@id")]
    pub id: Option<String>,
    /// Symbol.
    pub name: String,
    /// Reference units per one of this unit.
    pub conversion_factor: Option<f64>,
    /// True for the group's reference unit.
    #[serde(alias = "isRefUnit")]
    pub reference_unit: Option<bool>,
}

/// A unit group.
#[derive(Debug, Clone, Deserialize)]
pub struct UnitGroup {
    #[serde(rename = "@id")]
    pub id: String,
    /// Name, e.g. `Units of mass`.
    pub name: Option<String>,
    #[serde(default)]
    pub units: Vec<Unit>,
}

/// A flow property (quantity), e.g. mass.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowProperty {
    #[serde(rename = "@id")]
    pub id: String,
    pub name: Option<String>,
    /// Its unit group.
    pub unit_group: Option<Ref>,
}

/// A location.
#[derive(Debug, Clone, Deserialize)]
pub struct Location {
    #[serde(rename = "@id")]
    pub id: String,
    pub name: Option<String>,
    /// Code, e.g. `US`.
    pub code: Option<String>,
}

/// A flow property of a flow with its conversion factor.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct FlowPropertyFactor {
    /// The property.
    pub flow_property: Option<Ref>,
    /// Amount of this property per unit of the flow's reference property.
    pub conversion_factor: Option<f64>,
    /// True for the flow's reference property.
    #[serde(alias = "isRefFlowProperty")]
    pub reference_flow_property: Option<bool>,
}

/// A flow.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Flow {
    #[serde(rename = "@id")]
    pub id: String,
    pub name: String,
    /// `PRODUCT_FLOW`, `WASTE_FLOW` or `ELEMENTARY_FLOW`.
    pub flow_type: Option<String>,
    pub category: Option<CategoryField>,
    /// CAS number.
    pub cas: Option<String>,
    /// Free text.
    pub description: Option<String>,
    /// Properties with conversion factors.
    #[serde(default)]
    pub flow_properties: Vec<FlowPropertyFactor>,
}

/// An uncertainty distribution.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Uncertainty {
    /// `LOG_NORMAL_DISTRIBUTION`, `NORMAL_DISTRIBUTION`, `UNIFORM_DISTRIBUTION`, `TRIANGLE_DISTRIBUTION`.
    pub distribution_type: Option<String>,
    /// Geometric mean (lognormal).
    pub geom_mean: Option<f64>,
    /// Geometric standard deviation (lognormal).
    pub geom_sd: Option<f64>,
    /// Mean (normal).
    pub mean: Option<f64>,
    /// Standard deviation (normal).
    pub sd: Option<f64>,
    /// Minimum (uniform, triangle).
    pub minimum: Option<f64>,
    /// Mode (triangle).
    pub mode: Option<f64>,
    /// Maximum (uniform, triangle).
    pub maximum: Option<f64>,
}

/// A global or process parameter.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Parameter {
    /// Name used in formulas.
    pub name: String,
    /// `GLOBAL_SCOPE`, `PROCESS_SCOPE`, `IMPACT_SCOPE`.
    pub parameter_scope: Option<String>,
    /// True for an input parameter (a value), false for a dependent one (a formula).
    #[serde(alias = "isInputParameter")]
    pub input_parameter: Option<bool>,
    pub value: Option<f64>,
    /// Formula of a dependent parameter.
    pub formula: Option<String>,
    /// Distribution of an input parameter.
    pub uncertainty: Option<Uncertainty>,
    /// Free text.
    pub description: Option<String>,
}

/// A reference to an exchange of the same process (causal allocation).
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ExchangeRef {
    /// v1: the exchange's id.
    #[serde(rename = "@id")]
    pub id: Option<String>,
    /// v2: the exchange's internal id.
    pub internal_id: Option<i64>,
    /// v1: the exchange's flow.
    pub flow: Option<Ref>,
}

/// An allocation factor.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AllocationFactor {
    /// `PHYSICAL_ALLOCATION`, `ECONOMIC_ALLOCATION`, `CAUSAL_ALLOCATION`.
    pub allocation_type: Option<String>,
    /// The co-product.
    pub product: Option<Ref>,
    /// The share.
    pub value: Option<f64>,
    /// Causal allocation: the exchange it applies to.
    pub exchange: Option<ExchangeRef>,
}

/// An exchange of a process.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Exchange {
    /// v1: the exchange's id.
    #[serde(rename = "@id")]
    pub id: Option<String>,
    /// v2: internal id.
    pub internal_id: Option<i64>,
    /// v1 direction.
    pub input: Option<bool>,
    /// v2 direction.
    pub is_input: Option<bool>,
    /// Amount in `unit`.
    pub amount: Option<f64>,
    /// Formula of the amount.
    pub amount_formula: Option<String>,
    /// The flow.
    pub flow: Option<Ref>,
    /// Unit of the amount.
    pub unit: Option<Ref>,
    /// Property the unit belongs to.
    pub flow_property: Option<Ref>,
    /// True for the process's reference flow.
    #[serde(alias = "isQuantitativeReference")]
    pub quantitative_reference: Option<bool>,
    /// True for an avoided product (or waste).
    #[serde(alias = "isAvoidedProduct")]
    pub avoided_product: Option<bool>,
    /// Process to link the input to.
    #[serde(alias = "provider")]
    pub default_provider: Option<Ref>,
    /// Distribution of the amount.
    pub uncertainty: Option<Uncertainty>,
    /// Free text.
    pub description: Option<String>,
}

/// A process.
#[derive(Debug, Clone, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Process {
    #[serde(rename = "@id")]
    pub id: String,
    pub name: String,
    pub category: Option<CategoryField>,
    pub location: Option<Ref>,
    /// Free text.
    pub description: Option<String>,
    /// `PHYSICAL_ALLOCATION`, `ECONOMIC_ALLOCATION`, `CAUSAL_ALLOCATION`, `NO_ALLOCATION`.
    pub default_allocation_method: Option<String>,
    #[serde(default)]
    pub allocation_factors: Vec<AllocationFactor>,
    /// Process parameters.
    #[serde(default)]
    pub parameters: Vec<Parameter>,
    #[serde(default)]
    pub exchanges: Vec<Exchange>,
}
