//! Monte Carlo draws as a NumPy array: the library's rows are flattened once into one buffer that
//! NumPy then owns (no further copy).

use greenlca::uncertainty::Draws;
use numpy::{PyArray1, PyArray2, PyArrayMethods};
use pyo3::prelude::*;

/// Draws as an (iterations x outputs) float64 array.
pub fn to_array(py: Python<'_>, draws: Draws) -> PyResult<Bound<'_, PyArray2<f64>>> {
    let rows = draws.values.len();
    let cols = draws.labels.len();
    let mut flat = Vec::with_capacity(rows * cols);
    for row in draws.values {
        flat.extend(row);
    }
    PyArray1::from_vec(py, flat).reshape([rows, cols])
}
