//! Progress of long runs (Monte Carlo draws, Sobol rows), reported to whoever shows it: the library
//! never draws a bar itself.

/// Receives the progress of a run. Calls may come from several threads at once.
pub trait Progress: Sync {
    /// The run begins and will take `total` steps.
    fn start(&self, _total: u64) {}
    /// `n` more steps are done.
    fn advance(&self, _n: u64) {}
    /// The run is over (also when it stops on an error).
    fn finish(&self) {}
    /// Asked before each step: an error stops the run, which returns it. A language binding
    /// answers with an error once the user pressed Ctrl-C.
    fn check(&self) -> crate::error::Result<()> {
        Ok(())
    }
}

/// Progress that goes nowhere, for callers that show none.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}
