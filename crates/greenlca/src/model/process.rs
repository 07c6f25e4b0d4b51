//! Processes and their exchanges.

use serde::{Deserialize, Serialize};

use super::uncertainty::Distribution;
use crate::error::Location;

/// Direction of an exchange, seen from the process.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    /// Taken in by the process.
    Input,
    /// Given out by the process.
    Output,
}

impl Direction {
    /// Parses `input`/`in` or `output`/`out`.
    pub fn parse(s: &str) -> Option<Direction> {
        match s.trim().to_ascii_lowercase().as_str() {
            "input" | "in" => Some(Direction::Input),
            "output" | "out" => Some(Direction::Output),
            _ => None,
        }
    }
    /// The sign of the exchange in A or B under the Brightway convention for products (outputs
    /// positive, inputs negative).
    pub fn sign(self) -> f64 {
        match self {
            Direction::Input => -1.0,
            Direction::Output => 1.0,
        }
    }
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Input => "input",
            Direction::Output => "output",
        }
    }
}

/// How a multi-output process is made square.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum AllocationMethod {
    /// Single-output process (or co-products handled by substitution).
    #[default]
    None,
    /// Physical allocation factors (e.g. by mass or energy content).
    Physical,
    /// Economic allocation factors (by revenue).
    Economic,
    /// Causal allocation: a factor per product and exchange.
    Causal,
}

impl AllocationMethod {
    /// Parses `none`, `physical`, `economic` or `causal` (empty is `none`).
    pub fn parse(s: &str) -> Option<AllocationMethod> {
        match s.trim().to_ascii_lowercase().as_str() {
            "" | "none" => Some(AllocationMethod::None),
            "physical" | "physical_allocation" => Some(AllocationMethod::Physical),
            "economic" | "economic_allocation" => Some(AllocationMethod::Economic),
            "causal" | "causal_allocation" => Some(AllocationMethod::Causal),
            _ => None,
        }
    }
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            AllocationMethod::None => "none",
            AllocationMethod::Physical => "physical",
            AllocationMethod::Economic => "economic",
            AllocationMethod::Causal => "causal",
        }
    }
}

/// One allocation factor: the share of the process's burdens that goes to `product`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AllocationFactor {
    /// The co-product (flow id) receiving the share.
    pub product: String,
    /// Physical, economic or causal.
    pub method: AllocationMethod,
    /// The share, between 0 and 1.
    pub factor: f64,
    /// For causal allocation: the exchanged flow the factor applies to.
    pub exchange_flow: Option<String>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Location,
}

/// An amount of a flow going in or out of a process.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Exchange {
    /// Id of the flow.
    pub flow: String,
    /// Input or output.
    pub direction: Direction,
    /// Amount in `unit` (the value of `formula` once evaluated).
    pub amount: f64,
    /// Formula over parameters that gives the amount.
    pub formula: Option<String>,
    /// Unit of `amount`.
    pub unit: String,
    /// For product and waste flows: the process that provides the product or treats the waste.
    pub provider: Option<String>,
    /// True for the process's reference (quantitative reference) flow.
    pub is_reference: bool,
    /// True for an avoided product (substitution): an output credited as displaced production.
    pub avoided: bool,
    /// Uncertainty of the amount, in `unit`.
    pub uncertainty: Option<Distribution>,
    /// Pedigree scores (reliability, completeness, temporal, geographical, technological), 1-5.
    pub pedigree: Option<[u8; 5]>,
    /// Where the value comes from.
    pub source: Option<String>,
    /// True when the value is an approximation rather than a published figure.
    pub indicative: bool,
    /// Free text.
    pub comment: Option<String>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Location,
}

/// A process: a unit process (or an aggregated system process) with its exchanges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Process {
    /// Stable id, unique in its database.
    pub id: String,
    /// Name in English (or the source language).
    pub name: String,
    /// Name in Chinese.
    pub name_zh: Option<String>,
    /// Geography, e.g. `CN`, `CN-East`, `US`.
    pub location: Option<String>,
    /// Category path.
    pub category: Option<String>,
    /// How co-products are handled.
    pub allocation: AllocationMethod,
    /// Allocation factors, when `allocation` is not `None`.
    pub allocation_factors: Vec<AllocationFactor>,
    /// The exchanges.
    pub exchanges: Vec<Exchange>,
    /// Where the data come from.
    pub source: Option<String>,
    /// True when the data are approximations rather than published figures.
    pub indicative: bool,
    /// Free text.
    pub comment: Option<String>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Location,
}

impl Process {
    /// The reference exchange (the one marked, else the only product output, else none).
    pub fn reference(&self) -> Option<&Exchange> {
        self.exchanges.iter().find(|e| e.is_reference)
    }
}
