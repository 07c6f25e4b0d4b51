//! `MatrixSystem`: A, B, C and a demand, read from a matrix exchange folder or built from SciPy
//! sparse matrices (what Brightway's `LCA` holds), solved and sampled by greenlca.

use std::path::PathBuf;

use greenlca::calc::Lca;
use greenlca::io::matrices::{MatrixSystem, Triplets, read_matrix_folder};
use greenlca::report::{McReport, Render};
use greenlca::uncertainty::{McRun, run_matrix_system};
use numpy::{PyArray1, PyArray2, PyReadonlyArray1};
use pyo3::prelude::*;

use crate::draws::to_array;
use crate::errors::usage;
use crate::interrupt::run;

/// One sparse matrix from Python: (rows, cols, values, (n_rows, n_cols)).
type Coo<'py> = (PyReadonlyArray1<'py, i64>, PyReadonlyArray1<'py, i64>, PyReadonlyArray1<'py, f64>, (usize, usize));

/// A matrix system with its factorized A.
#[pyclass(frozen, name = "MatrixSystem", module = "greenlca._greenlca")]
pub struct PyMatrixSystem {
    ms: MatrixSystem,
    lca: Lca,
    origin: String,
}

#[pymethods]
impl PyMatrixSystem {
    /// Reads a matrix exchange folder (triplet CSV or Matrix Market).
    #[staticmethod]
    fn read(py: Python<'_>, dir: PathBuf) -> PyResult<Self> {
        let origin = dir.display().to_string();
        let (ms, lca) = run(py, move |_| {
            let ms = read_matrix_folder(&dir)?;
            let lca = Lca::new(ms.system.clone(), ms.characterization.clone())?;
            Ok((ms, lca))
        })?;
        Ok(PyMatrixSystem { ms, lca, origin })
    }

    /// Builds a system from A (n x n), B (m x n) and C (k x m) as COO triplets and a demand.
    #[staticmethod]
    #[pyo3(signature = (a, b, c, demand, categories=None))]
    fn from_coo(
        py: Python<'_>,
        a: Coo<'_>,
        b: Coo<'_>,
        c: Coo<'_>,
        demand: PyReadonlyArray1<'_, f64>,
        categories: Option<Vec<(String, String)>>,
    ) -> PyResult<Self> {
        let (a, b, c) = (triplets("A", a)?, triplets("B", b)?, triplets("C", c)?);
        let demand = demand.as_slice()?.to_vec();
        let (ms, lca) = run(py, move |_| {
            let ms = MatrixSystem::from_triplets(&a, &b, &c, demand, categories)?;
            let lca = Lca::new(ms.system.clone(), ms.characterization.clone())?;
            Ok((ms, lca))
        })?;
        Ok(PyMatrixSystem { ms, lca, origin: "arrays".into() })
    }

    /// (processes, flows, categories).
    #[getter]
    fn shape(&self) -> (usize, usize, usize) {
        (self.ms.system.n(), self.ms.system.m(), self.ms.characterization.k())
    }

    /// The categories as (name, unit).
    #[getter]
    fn categories(&self) -> Vec<(String, String)> {
        self.ms.characterization.categories.iter().map(|c| (c.name.clone(), c.unit.clone())).collect()
    }

    /// The system's demand.
    #[getter]
    fn demand<'py>(&self, py: Python<'py>) -> Bound<'py, PyArray1<f64>> {
        PyArray1::from_slice(py, &self.ms.demand)
    }

    /// Solves for `demand` (default: the system's): (scores, supply, inventory).
    #[pyo3(signature = (demand=None))]
    #[allow(clippy::type_complexity)]
    fn solve<'py>(
        &self,
        py: Python<'py>,
        demand: Option<PyReadonlyArray1<'py, f64>>,
    ) -> PyResult<(Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<f64>>, Bound<'py, PyArray1<f64>>)> {
        let demand = match demand {
            Some(d) => d.as_slice()?.to_vec(),
            None => self.ms.demand.clone(),
        };
        if demand.len() != self.ms.system.n() {
            return Err(usage(
                &format!("the demand has {} values, the system {} processes", demand.len(), self.ms.system.n()),
                "give one value per process",
            ));
        }
        let r = run(py, |_| Ok(self.lca.lcia(self.lca.lci(&demand)?)))?;
        Ok((
            PyArray1::from_vec(py, r.scores),
            PyArray1::from_vec(py, r.lci.supply),
            PyArray1::from_vec(py, r.lci.inventory),
        ))
    }

    /// Monte Carlo of the demand's scores (`greenlca mc --matrices`): the summary's JSON, the
    /// labels and the draws (iterations x categories).
    fn mc<'py>(
        &self,
        py: Python<'py>,
        iterations: usize,
        seed: u64,
    ) -> PyResult<(String, Vec<String>, Bound<'py, PyArray2<f64>>)> {
        let mc = McRun { iterations, seed, range: 0..iterations };
        let name = format!("mc --matrices {} -n {iterations}", self.origin);
        let (draws, summary) = run(py, |progress| {
            let (draws, units) = run_matrix_system(&self.ms, &name, &mc, progress)?;
            let summary = McReport::with_units(&draws, &units).json();
            Ok((draws, summary))
        })?;
        let labels = draws.labels.clone();
        Ok((summary, labels, to_array(py, draws)?))
    }
}

fn triplets(name: &str, (rows, cols, values, shape): Coo<'_>) -> PyResult<Triplets> {
    let index = |v: &[i64]| -> PyResult<Vec<usize>> {
        v.iter()
            .map(|&i| {
                usize::try_from(i)
                    .map_err(|_| usage(&format!("{name} has a negative index {i}"), "indices are 0-based"))
            })
            .collect()
    };
    Ok(Triplets {
        shape,
        rows: index(rows.as_slice()?)?,
        cols: index(cols.as_slice()?)?,
        values: values.as_slice()?.to_vec(),
    })
}
