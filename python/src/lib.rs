//! The Python extension `greenlca._greenlca`: classes over the library's public API. The package
//! `greenlca` (python/greenlca) wraps them into DataFrames and NumPy arrays.

mod draws;
mod errors;
mod interrupt;
mod study;
mod system;

use pyo3::prelude::*;

#[pymodule]
fn _greenlca(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add("GreenlcaError", m.py().get_type::<errors::GreenlcaError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add_class::<study::PyStudy>()?;
    m.add_class::<system::PyMatrixSystem>()?;
    m.add_function(wrap_pyfunction!(scores_json, m)?)?;
    Ok(())
}

/// The JSON of `greenlca scores`: the score of one unit of every process of a database (a folder,
/// an openLCA JSON-LD zip or EcoSpold files) for the methods given.
#[pyfunction]
#[pyo3(signature = (db, methods, unlinked=None))]
fn scores_json(
    py: Python<'_>,
    db: std::path::PathBuf,
    methods: Vec<String>,
    unlinked: Option<&str>,
) -> PyResult<String> {
    use greenlca::report::Render;
    // As on the command line: without a policy, the one the database records (else `error`).
    let policy =
        match unlinked {
            None => None,
            Some(u) => Some(greenlca::matrix::UnlinkedPolicy::parse(u).ok_or_else(|| {
                errors::usage(&format!("unlinked=`{u}` is not a policy"), "use error, warn or cutoff")
            })?),
        };
    interrupt::run(py, move |_| Ok(greenlca::report::ScoresReport::compute(&db, &methods, policy)?.json()))
}
