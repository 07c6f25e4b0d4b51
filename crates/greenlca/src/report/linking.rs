//! How a result treated the background's product inputs that have no provider: recorded in every
//! result computed on a database, so that a reader sees what was cut off.

use serde::Serialize;

use crate::matrix::LinkReport;

/// The linking policy applied and how many inputs it left out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Linking {
    /// `error`, `warn` or `cutoff` (from `--unlinked`, else the database's `unlinked`).
    pub unlinked_policy: String,
    /// Exchanges of the background left out for want of a provider.
    pub unlinked_inputs: usize,
}

impl Linking {
    /// The linking of a built system.
    pub fn of(links: &LinkReport) -> Linking {
        Linking { unlinked_policy: links.policy.as_str().to_string(), unlinked_inputs: links.unlinked.len() }
    }
}
