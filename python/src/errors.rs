//! greenlca errors as the Python exception `GreenlcaError` (a ValueError) carrying the kind, file,
//! line, entity and hint, with the message text the command line prints after `error: `.

use pyo3::create_exception;
use pyo3::exceptions::PyValueError;
use pyo3::prelude::*;

create_exception!(
    _greenlca,
    GreenlcaError,
    PyValueError,
    "A problem with the input: .kind, .file, .line, .entity, .message and .hint say what and where."
);

/// The Python exception for a library error.
pub fn to_py(e: greenlca::Error) -> PyErr {
    raise(e.to_string(), e)
}

/// A usage error found by the binding itself (the command line's own checks of its options, which
/// it prints without a location).
pub fn usage(message: &str, hint: &str) -> PyErr {
    option_error(greenlca::ErrorKind::Value, message, hint)
}

/// An option that names something the model does not have.
pub fn unknown(message: &str, hint: &str) -> PyErr {
    option_error(greenlca::ErrorKind::UnknownId, message, hint)
}

fn option_error(kind: greenlca::ErrorKind, message: &str, hint: &str) -> PyErr {
    let e = greenlca::Error::new(kind, greenlca::Location::default(), message, hint);
    raise(format!("{message}\n  hint: {hint}"), e)
}

fn raise(text: String, e: greenlca::Error) -> PyErr {
    Python::with_gil(|py| {
        let err = GreenlcaError::new_err(text);
        let value = err.value(py);
        let kind = snake(&format!("{:?}", e.kind));
        let file = e.at.path.as_ref().map(|p| p.display().to_string());
        let set = || -> PyResult<()> {
            value.setattr("kind", kind)?;
            value.setattr("file", file)?;
            value.setattr("line", e.at.line)?;
            value.setattr("entity", e.at.entity.clone())?;
            value.setattr("message", e.message.clone())?;
            value.setattr("hint", e.hint.clone())?;
            value.setattr("count", e.count())?;
            Ok(())
        };
        match set() {
            Ok(()) => err,
            Err(other) => other,
        }
    })
}

/// `UnknownId` -> `unknown_id`: the kind's name as Python code spells such values.
fn snake(name: &str) -> String {
    let mut out = String::new();
    for (i, ch) in name.chars().enumerate() {
        if ch.is_uppercase() && i > 0 {
            out.push('_');
        }
        out.push(ch.to_ascii_lowercase());
    }
    out
}
