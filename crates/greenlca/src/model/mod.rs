//! Plain data: flows, units, processes, exchanges, parameters, methods, stages, product models.

pub mod database;
pub mod flow;
pub mod indicator_group;
pub mod method;
pub mod parameter;
pub mod pedigree;
pub mod process;
pub mod product;
pub mod spec;
pub mod stage;
pub mod stage_scheme;
pub mod uncertainty;
pub mod unit;

pub use database::{Database, DatabaseMeta, Source};
pub use flow::{Flow, FlowKind};
pub use method::{Category, Factor, Method};
pub use parameter::{Parameter, Scope};
pub use process::{AllocationFactor, AllocationMethod, Direction, Exchange, Process};
pub use product::{Boundary, ForegroundExchange, ForegroundKind, ProductInfo, ProductModel, Swap, Variant};
pub use stage::{Stage, StageDef};
pub use stage_scheme::StageScheme;
pub use uncertainty::Distribution;
pub use unit::{UnitDef, UnitRegistry};
