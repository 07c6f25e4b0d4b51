//! Cradle-to-gate scores of every process of a database at once: the intensities
//! lambda_k = A^-T B^T c_k price one unit of every product with one transposed solve per category,
//! instead of one solve per process.

use super::lca::Lca;
use crate::error::Result;
use crate::matrix::{CategoryRow, Characterization, Column, TechSystem};

/// Per category, the score of one unit of every process's reference flow.
#[derive(Debug, Clone, PartialEq)]
pub struct ProcessScores {
    /// The columns (processes, or co-products of allocated processes), in system order.
    pub columns: Vec<Column>,
    /// The categories, in characterization order.
    pub categories: Vec<CategoryRow>,
    /// `total[k][j]`: cradle-to-gate score of one unit of column j's reference flow (made, or for
    /// a waste treatment, treated) in category k.
    pub total: Vec<Vec<f64>>,
    /// `direct[k][j]`: the part of `total[k][j]` from column j's own elementary flows.
    pub direct: Vec<Vec<f64>>,
}

/// Computes the scores of every column of `system` for every category of `characterization`.
///
/// The total of column j is `lambda_k[j]` times the sign of its diagonal entry, so that a waste
/// treatment (negative diagonal) reports the impact of treating one unit. The direct part is
/// `(C B)[k, j]` divided by the absolute diagonal: the gate-to-gate impact per unit of net output.
pub fn process_scores(system: &TechSystem, characterization: &Characterization) -> Result<ProcessScores> {
    // One factorization and a solve per category dwarf copying the system for the engine.
    let lca = Lca::new(system.clone(), characterization.clone())?;
    let intensities = lca.intensities()?;
    let n = system.n();
    let mut diag = vec![0.0; n];
    for k in 0..system.a.len() {
        if system.a.rows[k] == system.a.cols[k] {
            diag[system.a.rows[k]] += system.a.values[k];
        }
    }
    let total = intensities
        .total
        .iter()
        .map(|lambda| lambda.iter().zip(&diag).map(|(l, d)| l * d.signum()).collect())
        .collect();
    let direct = intensities.direct.iter().map(|cb| cb.iter().zip(&diag).map(|(v, d)| v / d.abs()).collect()).collect();
    Ok(ProcessScores {
        columns: system.columns.clone(),
        categories: characterization.categories.clone(),
        total,
        direct,
    })
}

impl ProcessScores {
    /// The total score of a column (by id) in a category (by position).
    pub fn total_of(&self, column: &str, category: usize) -> Option<f64> {
        let j = self.columns.iter().position(|c| c.id == column)?;
        self.total.get(category).map(|t| t[j])
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::matrix::{Entries, EntrySource, FlowRow, LinkReport};
    use crate::model::UnitRegistry;

    fn col(id: &str) -> Column {
        Column {
            id: id.into(),
            process: Some(id.into()),
            product: Some(id.into()),
            name: id.into(),
            unit: "kg".into(),
            location: None,
        }
    }

    #[test]
    fn every_process_in_one_solve_per_category() {
        // p1 makes 1 kg and emits 2 kg CO2, using 0.5 kg of p2's product; p2 emits 1 kg CO2 per 2 kg.
        let mut a = Entries::default();
        a.push(0, 0, 1.0, None, EntrySource::Data);
        a.push(1, 0, -0.5, None, EntrySource::Data);
        a.push(1, 1, 2.0, None, EntrySource::Data);
        let mut b = Entries::default();
        b.push(0, 0, 2.0, None, EntrySource::Data);
        b.push(0, 1, 1.0, None, EntrySource::Data);
        let flows = vec![FlowRow {
            id: "co2".into(),
            name: "Carbon dioxide".into(),
            compartment: "air".into(),
            unit: "kg".into(),
            cas: None,
        }];
        let system = TechSystem::new(vec![col("p1"), col("p2")], flows, a, b, LinkReport::default());
        let method = crate::model::Method {
            id: "m".into(),
            name: "m".into(),
            name_zh: None,
            version: "1".into(),
            source: "test".into(),
            notes: None,
            categories: vec![crate::model::Category {
                id: "gwp".into(),
                name: "GWP".into(),
                name_zh: None,
                unit: "kg CO2-eq".into(),
                factors: vec![crate::model::Factor {
                    flow_id: Some("co2".into()),
                    flow_name: None,
                    cas: None,
                    compartment: None,
                    subcompartment: None,
                    flow_unit: None,
                    value: 1.0,
                    uncertainty: None,
                    source: None,
                    origin: Default::default(),
                }],
            }],
        };
        let ch = crate::matrix::characterize(&system.flows, &[method], &UnitRegistry::default()).unwrap();
        let s = process_scores(&system, &ch).unwrap();
        assert_eq!(s.total_of("p2", 0), Some(0.5));
        assert_eq!(s.total_of("p1", 0), Some(2.25));
        assert_eq!(s.direct[0], vec![2.0, 0.5]);
    }
}
