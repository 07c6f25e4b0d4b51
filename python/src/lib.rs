use pyo3::prelude::*;
#[pymodule]
fn _greenlca(_m: &Bound<PyModule>) -> PyResult<()> {
    Ok(())
}
