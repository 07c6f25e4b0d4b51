//! Problems that do not stop a run but that the user should hear about. The library returns them
//! as data; the program decides how to show them.

use std::fmt;

use crate::matrix::{LinkReport, UnlinkedPolicy};

/// A problem that did not stop the run.
#[derive(Debug, Clone, PartialEq)]
#[non_exhaustive]
pub enum Warning {
    /// A product input with no provider, left out under `--unlinked warn`.
    Unlinked {
        /// The consuming process.
        process: String,
        /// The flow id of the input.
        flow: String,
        /// The flow's name.
        flow_name: String,
    },
    /// The iterative solver did not converge (or its preconditioner broke down) and the direct
    /// LU solved instead: the result is checked and exact, only slower.
    SolverFallback {
        /// What happened.
        note: String,
    },
}

impl Warning {
    /// The unlinked inputs of a built system, when its policy asks to warn about them.
    pub fn unlinked(links: &LinkReport) -> Vec<Warning> {
        if links.policy != UnlinkedPolicy::Warn {
            return Vec::new();
        }
        links
            .unlinked
            .iter()
            .map(|u| Warning::Unlinked {
                process: u.process.clone(),
                flow: u.flow.clone(),
                flow_name: u.flow_name.clone(),
            })
            .collect()
    }
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Warning::Unlinked { process, flow, flow_name } => {
                write!(f, "process `{process}`: input of `{flow}` ({flow_name}) has no provider and is left out")
            }
            Warning::SolverFallback { note } => write!(f, "solver: {note}"),
        }
    }
}
