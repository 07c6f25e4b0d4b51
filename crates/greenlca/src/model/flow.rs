//! Flows: products and wastes (exchanged between processes) and elementary flows (exchanged with
//! the environment).

use serde::{Deserialize, Serialize};

/// What kind of flow this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlowKind {
    /// A good or service made by a process.
    Product,
    /// A waste that a treatment process takes in.
    Waste,
    /// An emission to, or a resource taken from, the environment.
    Elementary,
}

impl FlowKind {
    /// Parses `product`, `waste` or `elementary` (also openLCA's `PRODUCT_FLOW` style names).
    pub fn parse(s: &str) -> Option<FlowKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "product" | "product_flow" | "technosphere" => Some(FlowKind::Product),
            "waste" | "waste_flow" => Some(FlowKind::Waste),
            "elementary" | "elementary_flow" | "biosphere" | "emission" | "resource" => Some(FlowKind::Elementary),
            _ => None,
        }
    }
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            FlowKind::Product => "product",
            FlowKind::Waste => "waste",
            FlowKind::Elementary => "elementary",
        }
    }
}

/// A flow with its reference unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flow {
    /// Stable id, unique in its database.
    pub id: String,
    /// Name in English (or the source language).
    pub name: String,
    /// Name in Chinese, if given.
    pub name_zh: Option<String>,
    /// Product, waste or elementary.
    pub kind: FlowKind,
    /// Reference unit: amounts of this flow are stored in it.
    pub unit: String,
    /// Environmental compartment of an elementary flow (`air`, `water`, `soil`, `natural resource`).
    pub compartment: Option<String>,
    /// Sub-compartment (`urban air close to ground`, `fresh water`, ...).
    pub subcompartment: Option<String>,
    /// CAS registry number of a substance.
    pub cas: Option<String>,
    /// Free text.
    pub comment: Option<String>,
}

impl Flow {
    /// `air/urban air close to ground` style label of the compartment, empty when none.
    pub fn compartment_label(&self) -> String {
        match (&self.compartment, &self.subcompartment) {
            (Some(c), Some(s)) if !s.is_empty() => format!("{c}/{s}"),
            (Some(c), _) => c.clone(),
            _ => String::new(),
        }
    }
}
