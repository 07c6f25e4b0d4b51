//! Life-cycle inventory and impact assessment results, and their aggregation by stage.

pub(crate) mod lca;
pub(crate) mod product;
pub(crate) mod productive;
pub(crate) mod study;

pub use lca::{Intensities, Lca, LciResult, LciaResult};
pub use product::{ExchangeResult, ProductResult, RelinkCount, assess};
pub use study::{Engine, Study};
pub(crate) mod process_scores;
pub use process_scores::{ProcessScores, process_scores};
