//! Plain data: flows, units, processes, exchanges, parameters, methods, stages, product models.

pub(crate) mod database;
pub(crate) mod flow;
pub(crate) mod indicator_group;
pub(crate) mod method;
pub(crate) mod parameter;
pub(crate) mod pedigree;
pub(crate) mod process;
pub(crate) mod product;
pub(crate) mod spec;
pub(crate) mod spec_terms;
pub(crate) mod stage;
pub(crate) mod stage_scheme;
pub(crate) mod uncertainty;
pub(crate) mod unit;

pub use database::{Database, DatabaseMeta, Source};
pub use flow::{Flow, FlowKind};
pub use method::{Category, Factor, Method};
pub use parameter::{Parameter, Scope};
pub use pedigree::{added_variance, total_sigma};
pub use process::{AllocationFactor, AllocationMethod, Direction, Exchange, Process};
pub use product::{
    Boundary, ForegroundExchange, ForegroundKind, ProductInfo, ProductModel, ProductQuantity, PropertyValue, Relink,
    Swap, Variant,
};
pub use stage::{Stage, StageDef};
pub use stage_scheme::StageScheme;
pub use uncertainty::Distribution;
pub use unit::{UnitDef, UnitRegistry};
