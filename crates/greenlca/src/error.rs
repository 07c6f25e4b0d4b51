//! Typed library errors. Every message names where the problem is (file, line, id) and ends with a
//! hint that says how to fix it; the binary prints them and exits with code 2.

use std::fmt;
use std::path::{Path, PathBuf};

/// Where a problem sits: a file, optionally a line in it, optionally the entity (id) concerned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Location {
    /// File the problem was found in, if any.
    pub path: Option<PathBuf>,
    /// 1-based line number inside `path`, if known.
    pub line: Option<usize>,
    /// The entity concerned, e.g. `process \`steel_cn\``.
    pub entity: Option<String>,
}

impl Location {
    /// A location in a file.
    pub fn file(path: impl AsRef<Path>) -> Self {
        Location { path: Some(path.as_ref().to_path_buf()), line: None, entity: None }
    }
    /// A location at a line of a file.
    pub fn line(path: impl AsRef<Path>, line: usize) -> Self {
        Location { path: Some(path.as_ref().to_path_buf()), line: Some(line), entity: None }
    }
    /// A location that names only an entity.
    pub fn entity(entity: impl Into<String>) -> Self {
        Location { path: None, line: None, entity: Some(entity.into()) }
    }
    /// The same location, naming an entity as well.
    pub fn with_entity(mut self, entity: impl Into<String>) -> Self {
        self.entity = Some(entity.into());
        self
    }
    /// The same location at another line.
    pub fn at_line(mut self, line: usize) -> Self {
        self.line = Some(line);
        self
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut wrote = false;
        if let Some(p) = &self.path {
            write!(f, "{}", p.display())?;
            if let Some(l) = self.line {
                write!(f, ":{l}")?;
            }
            wrote = true;
        }
        if let Some(e) = &self.entity {
            if wrote {
                write!(f, " ")?;
            }
            write!(f, "{e}")?;
            wrote = true;
        }
        if !wrote {
            write!(f, "input")?;
        }
        Ok(())
    }
}

/// The kinds of problem greenlca reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// A file could not be read or written.
    Io,
    /// Text that does not parse (CSV, TOML, JSON, XML, Matrix Market).
    Syntax,
    /// A reference to an id that does not exist.
    UnknownId,
    /// An id defined twice.
    DuplicateId,
    /// A unit that is unknown or of the wrong dimension.
    Unit,
    /// A formula that does not parse, names an unknown parameter, or is circular.
    Formula,
    /// A value that is missing, not finite or out of its range.
    Value,
    /// A product input with no provider in the database.
    Unlinked,
    /// A system that cannot be solved (singular, no reference output, no diagonal).
    Singular,
    /// An uncertainty distribution whose parameters contradict each other.
    Distribution,
    /// Anything else about the structure of the data.
    Invalid,
}

/// A greenlca error: what went wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq)]
pub struct Error {
    /// The kind of problem.
    pub kind: ErrorKind,
    /// Where it was found.
    pub at: Location,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub hint: String,
    /// Further problems found in the same pass (validation reports them all at once).
    pub also: Vec<Error>,
}

impl Error {
    /// A new error of `kind` at `at`.
    pub fn new(kind: ErrorKind, at: Location, message: impl Into<String>, hint: impl Into<String>) -> Self {
        Error { kind, at, message: message.into(), hint: hint.into(), also: Vec::new() }
    }
    /// One error carrying all of `errors` (the first leads); `None` when the list is empty.
    pub fn many(errors: Vec<Error>) -> Option<Error> {
        // The same problem found on several paths (e.g. once per variant) is reported once.
        let mut seen = std::collections::HashSet::new();
        let mut flat = Vec::new();
        for mut e in errors {
            let nested = std::mem::take(&mut e.also);
            for e in std::iter::once(e).chain(nested) {
                if seen.insert((e.at.to_string(), e.message.clone(), e.hint.clone())) {
                    flat.push(e);
                }
            }
        }
        if flat.is_empty() {
            return None;
        }
        let mut first = flat.remove(0);
        first.also = flat;
        Some(first)
    }
    /// Every problem: this one and those in `also`.
    pub fn all(&self) -> Vec<&Error> {
        std::iter::once(self).chain(self.also.iter()).collect()
    }
    /// Number of problems carried.
    pub fn count(&self) -> usize {
        1 + self.also.len()
    }
    /// An input/output error on `path`.
    pub fn io(path: impl AsRef<Path>, err: &std::io::Error) -> Self {
        let hint = match err.kind() {
            std::io::ErrorKind::NotFound => {
                "check the path; relative paths are taken from the current directory or the model file"
            }
            std::io::ErrorKind::PermissionDenied => "check the file permissions",
            _ => "check that the path exists and is readable (or writable, for outputs)",
        };
        Error::new(ErrorKind::Io, Location::file(path), err.to_string(), hint)
    }
    /// The same error with the file it occurred in, when the error did not know it yet.
    pub fn in_file(mut self, path: impl AsRef<Path>) -> Self {
        if self.at.path.is_none() {
            self.at.path = Some(path.as_ref().to_path_buf());
        }
        self
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.at, self.message)?;
        if !self.hint.is_empty() {
            write!(f, "\n  hint: {}", self.hint)?;
        }
        for e in &self.also {
            write!(f, "\n{e}")?;
        }
        if !self.also.is_empty() {
            write!(f, "\n{} problems", self.count())?;
        }
        Ok(())
    }
}

impl std::error::Error for Error {}

/// Result alias for the library.
pub type Result<T, E = Error> = std::result::Result<T, E>;

/// Collects problems so that a reader can report all of them at once.
#[derive(Debug, Default)]
pub struct Collector {
    errors: Vec<Error>,
    /// Problems beyond [`Collector::LIMIT`]: counted, the first one kept for its kind and place.
    more: usize,
    first_more: Option<Error>,
}

impl Collector {
    /// Problems kept in full; a mass of them (a corrupt file of millions of lines) is summarised
    /// in one line, so that memory and the message stay bounded.
    pub const LIMIT: usize = 100;

    /// Records a problem.
    pub fn push(&mut self, e: Error) {
        let n = e.count();
        if self.errors.len() < Self::LIMIT {
            self.errors.push(e);
        } else {
            self.more += n;
            self.first_more.get_or_insert(e);
        }
    }
    /// Records the error of `r`, if any, and returns its value.
    pub fn take<T>(&mut self, r: Result<T>) -> Option<T> {
        match r {
            Ok(v) => Some(v),
            Err(e) => {
                self.push(e);
                None
            }
        }
    }
    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.errors.is_empty()
    }
    /// `Ok(value)` when nothing was recorded, else all problems as one error.
    pub fn finish<T>(mut self, value: T) -> Result<T> {
        if let Some(first) = self.first_more.take() {
            self.errors.push(Error::new(
                first.kind,
                first.at.clone(),
                format!("... and {} more problems, the first of them: {}", self.more, first.message),
                "fix the problems above and run again to see the rest",
            ));
        }
        match Error::many(self.errors) {
            None => Ok(value),
            Some(e) => Err(e),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn display_names_file_line_entity_and_hint() {
        let e = Error::new(
            ErrorKind::UnknownId,
            Location::line("db/exchanges.csv", 7).with_entity("process `steel`"),
            "unknown flow `co2`",
            "add it to flows.csv",
        );
        assert_eq!(
            e.to_string(),
            "db/exchanges.csv:7 process `steel`: unknown flow `co2`\n  hint: add it to flows.csv"
        );
    }
}
