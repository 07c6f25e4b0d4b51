//! LCIA methods inside an openLCA JSON-LD export (`lcia_methods/`, `lcia_categories/`, schema v1
//! and v2) as greenlca methods: factors keyed by the flow's id, which the imported flows keep, with
//! the flow's name and compartment for matching other databases.

use std::collections::HashMap;

use serde_json::Value;

use super::{entries, load};
use crate::error::Result;
use crate::io::archive::Archive;
use crate::io::method::factor_table::slug;
use crate::model::{Category, Factor, Method};

/// The methods of the export, in the order of their names; none when it has no `lcia_methods/`.
pub(crate) fn read_methods(archive: &mut Archive, prefix: &str) -> Result<Vec<Method>> {
    let method_docs = load::<Value>(archive, &entries(archive, prefix, "lcia_methods"), "LCIA method")?;
    if method_docs.is_empty() {
        return Ok(Vec::new());
    }
    let category_docs = load::<Value>(archive, &entries(archive, prefix, "lcia_categories"), "LCIA category")?;
    let categories: HashMap<&str, &Value> =
        category_docs.iter().filter_map(|(_, c)| Some((text(c, "@id")?, c))).collect();
    let mut methods: Vec<Method> = method_docs
        .iter()
        .map(|(_, m)| {
            let name = text(m, "name").unwrap_or("LCIA method").to_string();
            let refs = m.get("impactCategories").and_then(Value::as_array).cloned().unwrap_or_default();
            let cats = refs
                .iter()
                .map(|r| {
                    // The category document when the export has it, else the reference alone.
                    let doc = text(r, "@id").and_then(|id| categories.get(id)).copied().unwrap_or(r);
                    category(doc)
                })
                .collect();
            Method {
                id: slug(&name),
                version: text(m, "version").unwrap_or("").to_string(),
                source: format!("openLCA JSON-LD LCIA method {}", text(m, "@id").unwrap_or("?")),
                notes: text(m, "description").map(String::from),
                name,
                name_zh: None,
                categories: cats,
            }
        })
        .collect();
    methods.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(methods)
}

fn category(doc: &Value) -> Category {
    let name = text(doc, "name").unwrap_or("category").to_string();
    let unit = text(doc, "refUnit").or_else(|| text(doc, "referenceUnitName")).unwrap_or("").to_string();
    let factors = doc
        .get("impactFactors")
        .and_then(Value::as_array)
        .map(|fs| fs.iter().filter_map(factor).collect())
        .unwrap_or_default();
    Category { id: slug(&name), name, name_zh: None, unit, factors }
}

fn factor(f: &Value) -> Option<Factor> {
    let flow = f.get("flow")?;
    let value = f.get("value").and_then(Value::as_f64)?;
    // v2 writes the flow's category as a path, v1 as `categoryPath` segments.
    let path = match flow.get("category") {
        Some(Value::String(p)) => Some(p.clone()),
        _ => flow
            .get("categoryPath")
            .and_then(Value::as_array)
            .map(|s| s.iter().filter_map(Value::as_str).collect::<Vec<_>>().join("/")),
    };
    let path = path.map(|p| p.trim_start_matches("Elementary flows/").to_string());
    let (compartment, subcompartment) = match path.as_deref().map(|p| p.split_once('/').unwrap_or((p, ""))) {
        Some((c, s)) => (Some(c.to_string()).filter(|c| !c.is_empty()), Some(s.to_string()).filter(|s| !s.is_empty())),
        None => (None, None),
    };
    Some(Factor {
        flow_id: text(flow, "@id").map(String::from),
        flow_name: text(flow, "name").map(String::from),
        cas: None,
        compartment,
        subcompartment,
        flow_unit: f.get("unit").and_then(|u| text(u, "name")).map(String::from),
        value,
        uncertainty: None,
        source: None,
        origin: Default::default(),
    })
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).map(str::trim).filter(|s| !s.is_empty())
}
