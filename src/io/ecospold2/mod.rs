//! EcoSpold 2 (stub).
use super::import::ImportOptions;
use super::import_report::Imported;
use crate::error::Result;
use std::path::Path;
/// Stub.
pub fn import_ecospold2(_path: &Path, _o: &ImportOptions) -> Result<Imported> {
    todo!()
}
