//! Long runs without the GIL, stoppable with Ctrl-C: the work runs on its own thread while the
//! calling thread (the one Python delivers signals to) waits without the GIL and checks for signals
//! every 50 ms. A signal sets a flag that the run's `Progress::check` turns into an error.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, channel};
use std::time::Duration;

use greenlca::{Error, ErrorKind, Location, Progress};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;

use crate::errors::to_py;

/// The progress of a run from Python: no display, a stop flag.
#[derive(Default)]
pub struct Interrupt {
    stop: AtomicBool,
}

impl Progress for Interrupt {
    fn check(&self) -> greenlca::Result<()> {
        if self.stop.load(Ordering::Relaxed) {
            return Err(Error::new(ErrorKind::Invalid, Location::entity("run"), "interrupted", "run it again"));
        }
        Ok(())
    }
}

/// Runs `f` without the GIL; Ctrl-C stops it (at its next step when it reports progress) and
/// raises KeyboardInterrupt.
pub fn run<T, F>(py: Python<'_>, f: F) -> PyResult<T>
where
    T: Send,
    F: FnOnce(&dyn Progress) -> greenlca::Result<T> + Send,
{
    let flag = Interrupt::default();
    let (tx, rx) = channel();
    std::thread::scope(|s| {
        let flag = &flag;
        s.spawn(move || {
            let r = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| f(flag)));
            // The receiver waits until the run is over, so the send finds it.
            let _ = tx.send(r);
        });
        let mut rx = rx;
        loop {
            // The receiver moves in and out: it may be sent to another thread but not shared.
            let (got, back) = py.allow_threads(move || (rx.recv_timeout(Duration::from_millis(50)), rx));
            rx = back;
            match got {
                Ok(Ok(r)) => return r.map_err(to_py),
                Ok(Err(_)) => return Err(PyRuntimeError::new_err("greenlca stopped on an internal error (a panic)")),
                Err(RecvTimeoutError::Disconnected) => return Err(PyRuntimeError::new_err("greenlca run lost")),
                Err(RecvTimeoutError::Timeout) => {
                    if let Err(e) = py.check_signals() {
                        flag.stop.store(true, Ordering::Relaxed);
                        let _ = py.allow_threads(move || rx.recv());
                        return Err(e);
                    }
                }
            }
        }
    })
}
