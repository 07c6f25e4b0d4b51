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
    /// Monte Carlo: the coefficient of variation of every total is below `threshold` (nothing or
    /// almost nothing varies).
    LittleVariation {
        /// Totals checked.
        outputs: usize,
        /// Largest coefficient of variation found.
        max_cv: f64,
        /// The threshold.
        threshold: f64,
    },
    /// Monte Carlo: no background entry has a distribution, so only the foreground varies.
    FixedBackground,
    /// The iterative solver did not converge (or its preconditioner broke down) and the direct
    /// LU solved instead: the result is checked and exact, only slower.
    SolverFallback {
        /// What happened.
        note: String,
    },
}

impl serde::Serialize for Warning {
    fn serialize<S: serde::Serializer>(&self, s: S) -> std::result::Result<S::Ok, S::Error> {
        s.serialize_str(&self.to_string())
    }
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
            Warning::LittleVariation { outputs, max_cv, threshold: _ } if *max_cv == 0.0 => write!(
                f,
                "nothing varies: all {outputs} totals have zero spread (no distribution reaches them; add uncertainty to the model, or use a database with distributions, see docs/uncertainty.md)"
            ),
            Warning::LittleVariation { outputs, max_cv, threshold } => write!(
                f,
                "almost nothing varies: the largest coefficient of variation of the {outputs} totals is {:.3} %, below {:.1} % (see docs/uncertainty.md)",
                max_cv * 100.0,
                threshold * 100.0
            ),
            Warning::FixedBackground => write!(
                f,
                "the background has no distributions: only the foreground varies, so the spread understates the uncertainty (see docs/uncertainty.md)"
            ),
            Warning::SolverFallback { note } => write!(f, "solver: {note}"),
        }
    }
}
