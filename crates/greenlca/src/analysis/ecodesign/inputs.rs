//! Finds and reads a specification, its evidence and the energy coefficients for a study, checking
//! every name against the study before anything is computed.

use std::path::{Path, PathBuf};

use super::{EnergyTable, basis_scale, check_spec_against};
use crate::calc::Study;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::inputs::{InputFile, input_file, relative_to, sha256_file};
use crate::io::native::spec_toml::{read_evidence, read_spec};
use crate::model::spec::{Evidence, Specification};
use crate::source::{self, InputSource};

/// A specification with what it needs.
#[derive(Debug, Clone)]
pub struct SpecInputs {
    /// The specification.
    pub spec: Specification,
    /// The evidence (empty when there is none).
    pub evidence: Evidence,
    /// GB/T 2589 coefficients.
    pub energy: EnergyTable,
    /// Basis scale (specification basis / model reference flow).
    pub basis_scale: f64,
    /// Files read.
    pub files: Vec<InputFile>,
}

impl SpecInputs {
    /// Reads `spec` (or the model's `spec`) and `evidence` (or the model's `evidence`).
    pub fn load(study: &Study, spec: Option<&Path>, evidence: Option<&Path>) -> Result<SpecInputs> {
        let model = &study.inputs.model;
        let spec_path: PathBuf = match (spec, &model.spec) {
            (Some(p), _) => p.to_path_buf(),
            (None, Some(p)) => relative_to(&model.path, p),
            (None, None) => {
                return Err(Error::new(
                    ErrorKind::Invalid,
                    Location::file(&model.path),
                    "no specification to check against",
                    "pass --spec FILE, or name one in the model with spec = \"...\" (examples: datasets/specs/)",
                ));
            }
        };
        let spec = read_spec(&spec_path)?;
        let mut files =
            vec![InputFile { role: "spec".into(), sha256: sha256_file(&spec_path)?, path: spec_path.clone() }];
        let evidence_path = match (evidence, &model.evidence) {
            (Some(p), _) => Some(p.to_path_buf()),
            (None, Some(p)) => Some(relative_to(&model.path, p)),
            (None, None) => None,
        };
        let evidence = match &evidence_path {
            Some(p) => {
                files.push(InputFile { role: "evidence".into(), sha256: sha256_file(p)?, path: p.clone() });
                read_evidence(p)?
            }
            None => Evidence::default(),
        };
        // The specification's own table, or GB/T 2589 of the shipped datasets.
        let (energy_source, energy_name): (Box<dyn InputSource>, String) = match &spec.energy_coefficients {
            Some(p) => {
                let (folder, name) = source::split_path(p);
                (Box::new(folder), name)
            }
            None => (source::datasets(), "indicators/gbt2589.csv".into()),
        };
        let energy = EnergyTable::read_in(energy_source.as_ref(), &energy_name)?;
        files.push(input_file(energy_source.as_ref(), "energy coefficients", &energy_name)?);
        let carriers = EnergyTable::carriers_beside(&energy_name);
        if energy_source.contains(&carriers) {
            files.push(input_file(energy_source.as_ref(), "energy carriers", &carriers)?);
        }
        check_spec_against(&spec, study, &energy)?;
        let basis_scale = basis_scale(&spec, study)?;
        Ok(SpecInputs { spec, evidence, energy, basis_scale, files })
    }

    /// The setup for [`super::check`].
    pub fn setup(&self) -> super::CheckSetup<'_> {
        super::CheckSetup {
            spec: &self.spec,
            evidence: &self.evidence,
            energy: &self.energy,
            basis_scale: self.basis_scale,
        }
    }
}
