//! Life-cycle inventory and impact assessment results, and their aggregation by stage.

pub mod lca;
pub mod product;
pub mod study;

pub use lca::{Intensities, Lca, LciResult, LciaResult};
pub use product::{ExchangeResult, ProductResult, assess};
pub use study::{Engine, Study};
pub mod process_scores;
