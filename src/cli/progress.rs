//! A progress bar on a terminal, nothing otherwise.

use std::io::IsTerminal;

use greenlca::Progress;
use indicatif::{ProgressBar, ProgressStyle};

/// Shows the library's progress as a bar on stderr.
pub struct Bar(ProgressBar);

/// A bar labelled `what` on stderr when it is a terminal; hidden otherwise. Its length comes
/// from the run.
pub fn bar(what: &str) -> Bar {
    if !std::io::stderr().is_terminal() {
        return Bar(ProgressBar::hidden());
    }
    let pb = ProgressBar::new(0);
    let template = if std::env::var_os("NO_COLOR").is_some() {
        "{msg} {wide_bar} {pos}/{len} ({eta})"
    } else {
        "{msg} {wide_bar:.cyan/blue} {pos}/{len} ({eta})"
    };
    pb.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    pb.set_message(what.to_string());
    Bar(pb)
}

impl Progress for Bar {
    fn start(&self, total: u64) {
        self.0.set_length(total);
    }
    fn advance(&self, n: u64) {
        self.0.inc(n);
    }
    fn finish(&self) {
        self.0.finish_and_clear();
    }
}
