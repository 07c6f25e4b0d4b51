//! A progress bar on a terminal, nothing otherwise.

use std::io::IsTerminal;

use indicatif::{ProgressBar, ProgressStyle};

/// A bar of `len` steps on stderr when it is a terminal; hidden otherwise.
pub fn bar(len: usize, what: &str) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let pb = ProgressBar::new(len as u64);
    let template = if std::env::var_os("NO_COLOR").is_some() {
        "{msg} {wide_bar} {pos}/{len} ({eta})"
    } else {
        "{msg} {wide_bar:.cyan/blue} {pos}/{len} ({eta})"
    };
    pb.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    pb.set_message(what.to_string());
    pb
}
