//! Writes a method in the native format: a TOML with the categories and a CSV of factors beside it
//! (the layout `--method FILE.toml` reads back).

use crate::io::text::csv_line;
use crate::model::Method;

/// The files of `method`: `(ID.toml, text)` and `(ID.csv, text)`.
pub fn method_files(method: &Method) -> [(String, String); 2] {
    let q = |s: &str| toml::Value::String(s.to_string()).to_string();
    let csv_name = format!("{}.csv", method.id);
    let mut toml = format!(
        "id = {}\nname = {}\nversion = {}\nsource = {}\n",
        q(&method.id),
        q(&method.name),
        q(&method.version),
        q(&method.source)
    );
    if let Some(n) = &method.notes {
        toml.push_str(&format!("notes = {}\n", q(n)));
    }
    toml.push_str(&format!("factors = {}\n", q(&csv_name)));
    let header = ["category", "flow_id", "flow_name", "cas", "compartment", "subcompartment", "unit", "factor"];
    let mut csv = csv_line(&header.map(String::from));
    for c in &method.categories {
        toml.push_str(&format!("\n[[categories]]\nid = {}\nname = {}\nunit = {}\n", q(&c.id), q(&c.name), q(&c.unit)));
        for f in &c.factors {
            let o = |s: &Option<String>| s.clone().unwrap_or_default();
            csv.push_str(&csv_line(&[
                c.id.clone(),
                o(&f.flow_id),
                o(&f.flow_name),
                o(&f.cas),
                o(&f.compartment),
                o(&f.subcompartment),
                o(&f.flow_unit),
                crate::io::text::exact(f.value),
            ]));
        }
    }
    [(format!("{}.toml", method.id), toml), (csv_name, csv)]
}
