//! The repository's `datasets/` compiled into the library, so that an installed binary or a
//! wheel on another machine has the default database, methods and indicator tables without any
//! path of the machine it was built on.

use std::borrow::Cow;
use std::path::PathBuf;

use super::InputSource;
use crate::error::{Error, ErrorKind, Location, Result};

/// Display paths of embedded files start with this, as they do when run from the repository.
const PREFIX: &str = "datasets";

// A hand-written list (a test checks it against the folder): adding a file to datasets/ means
// adding its name here.
macro_rules! embed {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/../../datasets/", $name)) as &[u8])),*]
    };
}

static FILES: &[(&str, &[u8])] = embed![
    "README.md",
    "db/basic_uncertainty.csv",
    "db/database.toml",
    "db/exchanges.csv",
    "db/flows.csv",
    "db/parameters.csv",
    "db/pedigree.csv",
    "db/processes.csv",
    "db/units.csv",
    "indicators/README.md",
    "indicators/energy_carriers.csv",
    "indicators/gbt2589.csv",
    "methods/cml_ia.csv",
    "methods/cml_ia.toml",
    "methods/ipcc2021.csv",
    "methods/ipcc2021.toml",
    "methods/traci-LICENSE_MPL-2.0.txt",
    "methods/traci-README.md",
    "methods/traci-fedefl/LICENSE_MIT.txt",
    "methods/traci-fedefl/TRACIv2ContextMappings.csv",
    "methods/traci-fedefl/TRACIv2FlowableMappings.csv",
    "methods/traci-fedefl/USLCIv2019Q4.csv",
    "methods/traci.csv",
    "methods/traci.toml",
    "products/expected_results.csv",
    "products/kettle-evidence.toml",
    "products/kettle-regions.csv",
    "products/kettle.toml",
    "products/paint-evidence.toml",
    "products/paint.toml",
    "specs/kettle.toml",
    "specs/paint.toml",
    "stage-schemes/en15804.toml",
];

/// The datasets shipped inside the library; files show as `datasets/<name>`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Embedded;

impl Embedded {
    /// Every embedded file's name, sorted.
    pub fn names() -> Vec<&'static str> {
        let mut names: Vec<&str> = FILES.iter().map(|(n, _)| *n).collect();
        names.sort_unstable();
        names
    }

    fn bytes(name: &str) -> Option<&'static [u8]> {
        FILES.iter().find(|(n, _)| *n == name).map(|(_, b)| *b)
    }
}

impl InputSource for Embedded {
    fn list(&self, dir: &str) -> Result<Vec<String>> {
        let prefix = if dir.is_empty() { String::new() } else { format!("{}/", dir.trim_end_matches('/')) };
        let names: Vec<String> = Embedded::names()
            .into_iter()
            .filter(|n| n.strip_prefix(&prefix).is_some_and(|rest| !rest.contains('/')))
            .map(str::to_string)
            .collect();
        if names.is_empty() {
            return Err(missing(self.display_path(dir), "no such folder in the embedded datasets"));
        }
        Ok(names)
    }

    fn contains(&self, name: &str) -> bool {
        Embedded::bytes(name).is_some()
    }

    fn read(&self, name: &str) -> Result<Cow<'_, [u8]>> {
        Embedded::bytes(name)
            .map(Cow::Borrowed)
            .ok_or_else(|| missing(self.display_path(name), "no such file in the embedded datasets"))
    }

    fn display_path(&self, name: &str) -> PathBuf {
        if name.is_empty() { PathBuf::from(PREFIX) } else { PathBuf::from(format!("{PREFIX}/{name}")) }
    }
}

fn missing(path: PathBuf, message: &str) -> Error {
    Error::new(
        ErrorKind::Io,
        Location::file(path),
        message,
        format!("set {} to a folder that has it, or give the path of the file", super::DATASETS_ENV),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_a_folder_and_reads_its_files() {
        let e = Embedded;
        assert_eq!(
            e.list("methods").unwrap(),
            [
                "methods/cml_ia.csv",
                "methods/cml_ia.toml",
                "methods/ipcc2021.csv",
                "methods/ipcc2021.toml",
                "methods/traci-LICENSE_MPL-2.0.txt",
                "methods/traci-README.md",
                "methods/traci.csv",
                "methods/traci.toml"
            ]
        );
        assert!(e.list("").unwrap().contains(&"README.md".to_string()));
        assert!(e.read_text("db/database.toml").unwrap().contains("name"));
        assert_eq!(e.display_path("db/flows.csv"), PathBuf::from("datasets/db/flows.csv"));
        assert!(e.read("db/none.csv").is_err());
        assert!(e.list("nowhere").is_err());
    }
}
