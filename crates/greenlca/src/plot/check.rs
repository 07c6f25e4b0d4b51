//! Checks of plot input, with errors that name the plot and say what to pass instead.

use super::PlotOptions;
use crate::error::{Error, ErrorKind, Location, Result};

/// Checks for one plot, named by the first line of its title in errors.
pub(crate) struct Check {
    plot: String,
}

impl Check {
    /// Starts checking input of the plot titled `title`; fails when `opts` are out of range.
    pub(crate) fn new(kind: &str, title: &str, opts: &PlotOptions) -> Result<Check> {
        opts.check()?;
        let first = title.lines().next().unwrap_or("").trim();
        let plot = if first.is_empty() { kind.to_string() } else { format!("{kind} `{first}`") };
        Ok(Check { plot })
    }
    /// An error about this plot.
    pub(crate) fn error(&self, message: impl Into<String>, hint: impl Into<String>) -> Error {
        Error::new(ErrorKind::Value, Location::entity(self.plot.clone()), message, hint)
    }
    /// Fails when `len` is zero.
    pub(crate) fn not_empty(&self, len: usize, what: &str, hint: &str) -> Result<()> {
        if len == 0 { Err(self.error(format!("no {what} to plot"), hint)) } else { Ok(()) }
    }
    /// Fails when `found` differs from `expected`.
    pub(crate) fn same_len(&self, found: usize, expected: usize, what: &str, hint: &str) -> Result<()> {
        if found == expected {
            Ok(())
        } else {
            Err(self.error(format!("{what} has {found} values, expected {expected}"), hint))
        }
    }
    /// Fails when `v` is NaN or infinite; `what` names the value.
    pub(crate) fn finite(&self, v: f64, what: impl FnOnce() -> String) -> Result<()> {
        if v.is_finite() {
            Ok(())
        } else {
            Err(self.error(
                format!("{} is `{v}`", what()),
                "plots need finite numbers; check the calculation that produced this value",
            ))
        }
    }
}
