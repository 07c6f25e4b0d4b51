//! The greenlca command line. Exit codes: 0 success (or a specification met), 1 a specification not
//! met, 2 an error.

mod cli;

// Large matrices are built and dropped in quick succession; mimalloc reuses their pages where the
// system allocator hands each one back to the kernel and faults it in again (docs/performance.md).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

use std::process::ExitCode;

fn main() -> ExitCode {
    match cli::run() {
        Ok(code) => code,
        Err(e) => {
            // A closed pipe (`greenlca calc ... | head`) is not an error.
            if e.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) {
                return ExitCode::SUCCESS;
            }
            eprintln!("error: {e:#}");
            ExitCode::from(2)
        }
    }
}
