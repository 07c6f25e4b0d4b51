//! `greenlca cache`: where compiled forms are kept (`dir`), what is there (`list`), and removing
//! them (`clear`). See docs/cache.md.

use std::io::Write;
use std::process::ExitCode;

use anyhow::{Result, anyhow};
use clap::{Args, Subcommand};
use greenlca::io::compiled;

#[derive(Debug, Args)]
pub struct CacheArgs {
    #[command(subcommand)]
    command: CacheCommand,
}

#[derive(Debug, Subcommand)]
enum CacheCommand {
    /// Print the cache directory (GREENLCA_CACHE, else the platform's cache directory).
    Dir,
    /// List the compiled forms: file, size, what they were compiled from, and by which version.
    List,
    /// Remove every compiled form; they are rebuilt when next needed.
    Clear,
}

pub fn run(args: CacheArgs) -> Result<ExitCode> {
    let dir = compiled::cache_dir().ok_or_else(|| {
        anyhow!(
            "no cache directory: neither {} nor HOME is set\n  hint: set {} to a writable folder",
            compiled::CACHE_ENV,
            compiled::CACHE_ENV
        )
    })?;
    // Written, not printed: a closed pipe (`greenlca cache list | head`) ends the command quietly.
    let mut out = std::io::stdout().lock();
    match args.command {
        CacheCommand::Dir => writeln!(out, "{}", dir.display())?,
        CacheCommand::List => {
            let entries = compiled::list(&dir)?;
            if entries.is_empty() {
                writeln!(out, "no compiled forms in {}", dir.display())?;
            }
            for e in entries {
                let name = e.path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
                match e.header {
                    Ok(h) => writeln!(
                        out,
                        "{name}  {}  {}  from {}  (greenlca {}, format {})",
                        size(e.bytes),
                        h.kind,
                        h.source,
                        h.greenlca,
                        h.format
                    )?,
                    Err(why) => {
                        writeln!(out, "{name}  {}  unreadable: {why} (rebuilt when next needed)", size(e.bytes))?
                    }
                }
            }
        }
        CacheCommand::Clear => {
            let (files, bytes) = compiled::clear(&dir)?;
            writeln!(out, "removed {files} compiled form(s), {} from {}", size(bytes), dir.display())?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn size(bytes: u64) -> String {
    format!("{:.1} MB", bytes as f64 / 1e6)
}
