//! A product model: the product, its functional unit, parameters, the foreground exchanges of each
//! life-cycle stage, and variants. Amounts are per functional unit.

use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use super::parameter::Parameter;
use super::stage::Stage;
use super::stage_scheme::StageScheme;
use super::uncertainty::Distribution;
use crate::error::Location;

/// What a foreground exchange does.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ForegroundKind {
    /// A product bought from a background process (`provider`).
    Input,
    /// Waste sent to a treatment process (`provider`).
    Waste,
    /// A product whose production is avoided (a recycling or energy-recovery credit).
    Avoided,
    /// A direct emission or resource use (`flow`, an elementary flow).
    Elementary,
}

impl ForegroundKind {
    /// Parses `input`, `waste`, `avoided` or `elementary` (also `emission` and `resource`).
    pub fn parse(s: &str) -> Option<ForegroundKind> {
        match s.trim().to_ascii_lowercase().as_str() {
            "input" => Some(ForegroundKind::Input),
            "waste" => Some(ForegroundKind::Waste),
            "avoided" | "credit" => Some(ForegroundKind::Avoided),
            "elementary" | "emission" | "resource" => Some(ForegroundKind::Elementary),
            _ => None,
        }
    }
    /// The name used in files.
    pub fn as_str(self) -> &'static str {
        match self {
            ForegroundKind::Input => "input",
            ForegroundKind::Waste => "waste",
            ForegroundKind::Avoided => "avoided",
            ForegroundKind::Elementary => "elementary",
        }
    }
}

/// One exchange of the product's own life cycle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ForegroundExchange {
    /// Id, unique in the model (variants refer to it).
    pub id: String,
    /// What the exchange is for, in words (`stainless steel body`).
    pub label: Option<String>,
    /// The stage it belongs to.
    pub stage: Stage,
    /// Input, waste, avoided or elementary.
    pub kind: ForegroundKind,
    /// Provider process id (input, waste, avoided) or elementary flow id.
    pub target: String,
    /// Amount per functional unit in `unit` (the value of `formula` when there is one).
    pub amount: f64,
    /// Formula over parameters.
    pub formula: Option<String>,
    /// Unit of the amount.
    pub unit: String,
    /// Uncertainty of the amount (only when there is no formula).
    pub uncertainty: Option<Distribution>,
    /// Share of recycled material in this input (0 to 1), for the recycled-content indicator.
    pub recycled_fraction: Option<f64>,
    /// Free tags used by foreground indicators: `material`, `packaging`, `fresh_water`, `energy`.
    pub tags: Vec<String>,
    /// Where the value comes from.
    pub source: Option<String>,
    /// Free text.
    pub comment: Option<String>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Location,
}

/// Replace the provider of exchanges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Swap {
    /// Exchanges with this provider (or flow) ...
    pub from: String,
    /// ... get this one instead.
    pub to: String,
    /// Only in this stage, if given.
    pub stage: Option<Stage>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Location,
}

/// Relink a provider throughout the supply chain: every exchange linked to `from` (in the
/// background database and in the product's own exchanges) is linked to `to` instead.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Relink {
    /// The provider replaced (a process id).
    pub from: String,
    /// The provider used instead; it must make the same product.
    pub to: String,
    /// Only the exchanges of these background processes, if given (the product's own exchanges
    /// are then left as they are).
    pub within: Vec<String>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Location,
}

impl Relink {
    /// Parses `FROM=TO` or `FROM=TO@P1+P2` (only within processes P1 and P2), the form of
    /// `--relink` and of a scenario file's `relink` column; `at` is where it was written.
    pub fn parse(text: &str, at: Location) -> crate::error::Result<Relink> {
        let bad = |why: &str| {
            crate::error::Error::new(
                crate::error::ErrorKind::Syntax,
                at.clone(),
                format!("`{text}` is not a relink: {why}"),
                "write FROM=TO (process ids), or FROM=TO@P1+P2 to relink only within processes P1 and P2",
            )
        };
        let (from, rest) = text.split_once('=').ok_or_else(|| bad("no `=`"))?;
        let (to, within) = match rest.split_once('@') {
            Some((to, w)) => (to, w.split('+').map(|p| p.trim().to_string()).collect::<Vec<_>>()),
            None => (rest, Vec::new()),
        };
        let (from, to) = (from.trim(), to.trim());
        if from.is_empty() || to.is_empty() || within.iter().any(String::is_empty) {
            return Err(bad("an empty process id"));
        }
        Ok(Relink { from: from.to_string(), to: to.to_string(), within, origin: at })
    }
}

/// A variant of the product: parameter overrides, provider swaps, added and removed exchanges.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Variant {
    /// Id used on the command line.
    pub id: String,
    pub name: String,
    /// Name in Chinese.
    pub name_zh: Option<String>,
    /// What differs, in words.
    pub description: Option<String>,
    /// The same in Chinese.
    pub description_zh: Option<String>,
    /// Parameter overrides.
    pub set: Vec<(String, f64)>,
    /// Provider swaps.
    pub swaps: Vec<Swap>,
    /// Providers relinked throughout the supply chain.
    pub relinks: Vec<Relink>,
    /// Exchanges added.
    pub add: Vec<ForegroundExchange>,
    /// Ids of exchanges removed.
    pub remove: Vec<String>,
    /// Where it was defined.
    #[serde(skip)]
    pub origin: Location,
}

/// The product and its functional unit.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct ProductInfo {
    pub id: String,
    pub name: String,
    /// Name in Chinese.
    pub name_zh: Option<String>,
    /// Product category, e.g. `household electric kettle`.
    pub category: Option<String>,
    /// The same in Chinese.
    pub category_zh: Option<String>,
    /// Producer (for the report and the self-declaration).
    pub producer: Option<String>,
    /// The functional unit in words.
    pub functional_unit: String,
    /// The functional unit in Chinese.
    pub functional_unit_zh: Option<String>,
    /// Reference flow: how much product fulfils the functional unit.
    pub reference_amount: f64,
    /// Unit of the reference flow.
    pub unit: String,
    /// Further description.
    pub description: Option<String>,
    /// The same in Chinese.
    pub description_zh: Option<String>,
    /// The product unit (`piece`, `t`, `l`, `m2`): what one unit of product sold is.
    pub product_unit: Option<String>,
    /// Product units per functional unit: a formula of the parameters (`fu_years / lifetime_years`).
    pub units_per_fu: Option<String>,
    /// Mass of one product unit (formula and unit).
    pub mass: Option<ProductQuantity>,
    /// Volume of one product unit.
    pub volume: Option<ProductQuantity>,
    /// Area of one product unit (e.g. the area a litre of paint covers).
    pub area: Option<ProductQuantity>,
    /// Declared properties (capacity, sub-type) that limits of a specification may depend on.
    pub properties: Vec<(String, PropertyValue)>,
}

/// A quantity of one product unit: a formula of the parameters (or a number) and its unit.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ProductQuantity {
    pub formula: String,
    pub unit: String,
}

/// A declared product property.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum PropertyValue {
    /// A number with its unit.
    Number(f64, String),
    /// A text (a sub-type).
    Text(String),
}

/// What the study includes and leaves out (for the report's system boundary section).
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Boundary {
    /// Included processes, in words.
    pub included: Vec<String>,
    /// Excluded processes, in words.
    pub excluded: Vec<String>,
    /// The cut-off rule, in words.
    pub cutoff: Option<String>,
    /// Data quality statement.
    pub data_quality: Option<String>,
    /// `included` in Chinese (for the report in Chinese).
    #[serde(default)]
    pub included_zh: Vec<String>,
    /// `excluded` in Chinese.
    #[serde(default)]
    pub excluded_zh: Vec<String>,
    /// `cutoff` in Chinese.
    pub cutoff_zh: Option<String>,
    /// `data_quality` in Chinese.
    pub data_quality_zh: Option<String>,
}

/// A product model.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ProductModel {
    /// The file it was read from.
    pub path: PathBuf,
    /// Product and functional unit.
    pub product: ProductInfo,
    /// Background database folder (relative to the model file), `None` for the embedded default.
    pub database: Option<String>,
    /// Folders layered on the database in order: each adds processes and flows or overrides
    /// processes by id (relative to the model file).
    pub layers: Vec<String>,
    /// Relinks applied to the base and to every variant (a top-level `[[relink]]`, or `--relink`).
    pub relinks: Vec<Relink>,
    /// Impact method ids or files.
    pub methods: Vec<String>,
    /// Eco-design specification file, if the model names one.
    pub spec: Option<String>,
    /// Evidence file for declared values and basic requirements.
    pub evidence: Option<String>,
    pub parameters: Vec<Parameter>,
    /// The foreground exchanges of all stages.
    pub exchanges: Vec<ForegroundExchange>,
    /// Variants (the base model is variant `base`).
    pub variants: Vec<Variant>,
    /// Name of the base variant.
    pub base_name: String,
    /// System boundary.
    pub boundary: Boundary,
    /// The stages exchanges belong to (GB/T by default).
    pub stage_scheme: StageScheme,
}

impl ProductModel {
    /// The stages that have at least one exchange, in life-cycle order.
    pub fn stages(&self) -> Vec<Stage> {
        self.stage_scheme.stages().iter().copied().filter(|s| self.exchanges.iter().any(|e| e.stage == *s)).collect()
    }
    /// A variant by id.
    pub fn variant(&self, id: &str) -> Option<&Variant> {
        self.variants.iter().find(|v| v.id == id)
    }
    /// Ids of the base and of every variant.
    pub fn variant_ids(&self) -> Vec<String> {
        std::iter::once("base".to_string()).chain(self.variants.iter().map(|v| v.id.clone())).collect()
    }
}
