//! EcoSpold 1 (stub).
use super::import::ImportOptions;
use super::import_report::Imported;
use crate::error::Result;
use std::path::Path;
/// Stub.
pub fn import_ecospold1(_path: &Path, _o: &ImportOptions) -> Result<Imported> {
    todo!()
}
