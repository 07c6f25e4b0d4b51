//! Reads a method folder in the flat factor-table layout of the public LCIA tables (TRACI 2.1,
//! ReCiPe 2016, EF 3.0 from the openLCA pack): one CSV with the columns `method, category,
//! category_unit, flow_uuid, flow_name, compartment, subcompartment, cas, unit, factor`. The data
//! stays in the user's folder (share-alike tables are never compiled in); greenlca reads it as is,
//! with the corrections the folder's README documents applied and named in the method's notes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::fedefl::{add_fedefl_factors, fedefl_dirs_beside};
use crate::error::{Collector, Error, ErrorKind, Location, Result};
use crate::model::{Category, Factor, Method};
use crate::source::{Folder, InputSource};

const REQUIRED: [&str; 4] = ["method", "category", "category_unit", "factor"];

/// The factor table of a method folder: `PATH` itself when it is a `.csv`, else the one CSV in
/// the folder whose header has the factor-table columns.
pub fn factor_table_file(path: &Path) -> Option<PathBuf> {
    if path.is_file() {
        return (path.extension().is_some_and(|e| e == "csv") && has_columns(path)).then(|| path.to_path_buf());
    }
    let mut found: Vec<PathBuf> = std::fs::read_dir(path)
        .ok()?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "csv") && has_columns(p))
        .collect();
    found.sort();
    found.into_iter().next()
}

fn has_columns(path: &Path) -> bool {
    let Ok(mut r) = csv::Reader::from_path(path) else { return false };
    r.headers().is_ok_and(|h| REQUIRED.iter().all(|c| h.iter().any(|x| x == *c)))
}

/// A stable id from a name: lower case, runs of other characters as `_`.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('_') {
            out.push('_');
        }
    }
    out.trim_matches('_').to_string()
}

/// Reads the method in a folder (or a factor-table CSV). Its id is the folder's name. FEDEFL
/// mapping files in the folder's `fedefl/` and a sibling `fedefl-mappings/` add the FEDEFL route
/// (docs/formats.md, "The FEDEFL route").
pub fn read_factor_table(path: &Path) -> Result<Method> {
    read_factor_table_with_files(path).map(|(m, _)| m)
}

/// [`read_factor_table`] and the FEDEFL mapping files it read, for the record of inputs.
pub(crate) fn read_factor_table_with_files(path: &Path) -> Result<(Method, Vec<PathBuf>)> {
    let (mut method, folder) = read_table(path)?;
    let dirs: Vec<Folder> = fedefl_dirs_beside(&folder).into_iter().map(Folder::new).collect();
    let with_dirs: Vec<(&dyn InputSource, &str)> = dirs.iter().map(|d| (d as &dyn InputSource, "")).collect();
    let (files, added) = add_fedefl_factors(&mut method, &with_dirs)?;
    if added > 0 {
        let notes = method.notes.get_or_insert_with(String::new);
        notes.push_str(&format!(
            "; {added} factors derived through the FEDEFL route (flow-list UUID -> FEDEFL flowable and context -> method substance) from {}",
            files.join(", ")
        ));
    }
    Ok((method, files.into_iter().map(PathBuf::from).collect()))
}

fn read_table(path: &Path) -> Result<(Method, PathBuf)> {
    let file = factor_table_file(path).ok_or_else(|| {
        Error::new(
            ErrorKind::Invalid,
            Location::file(path),
            "no factor table here",
            format!("point to a folder with a CSV whose header has the columns {}", REQUIRED.join(", ")),
        )
    })?;
    let folder = if path.is_dir() { path.to_path_buf() } else { path.parent().unwrap_or(Path::new(".")).to_path_buf() };
    let id = folder.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "method".into());
    let mut reader = csv::Reader::from_path(&file).map_err(|e| {
        Error::new(ErrorKind::Io, Location::file(&file), e.to_string(), "check that the file can be read")
    })?;
    let header: Vec<String> = reader.headers().map_err(|e| syntax(&file, 1, &e))?.iter().map(String::from).collect();
    let col = |n: &str| header.iter().position(|h| h == n);
    let [method_c, cat_c, unit_c, factor_c] = REQUIRED.map(|c| col(c).expect("checked by factor_table_file"));
    let opt = |r: &csv::StringRecord, n: &str| {
        col(n).and_then(|i| r.get(i)).map(str::trim).filter(|s| !s.is_empty()).map(String::from)
    };
    let mut problems = Collector::default();
    let mut name = String::new();
    let mut categories: BTreeMap<String, Category> = BTreeMap::new();
    let mut order: Vec<String> = Vec::new();
    let mut fixes = 0usize;
    for (i, rec) in reader.records().enumerate() {
        let line = i + 2;
        let r = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push(syntax(&file, line, &e));
                continue;
            }
        };
        let at = Location::line(&file, line);
        let get = |c: usize| r.get(c).unwrap_or("").trim().to_string();
        if name.is_empty() {
            name = get(method_c);
        }
        let cat_name = get(cat_c);
        let Ok(mut value) = get(factor_c).parse::<f64>() else {
            problems.push(Error::new(
                ErrorKind::Value,
                at,
                format!("factor `{}` is not a number", get(factor_c)),
                "write the factor as a decimal number, e.g. 1.88 or 6.29E-4",
            ));
            continue;
        };
        let flow_name = opt(&r, "flow_name");
        if is_known_sign_error(&name, &cat_name, flow_name.as_deref(), value) {
            value = -value;
            fixes += 1;
        }
        let cid = slug(&cat_name);
        let cat = categories.entry(cid.clone()).or_insert_with(|| {
            order.push(cid.clone());
            Category { id: cid.clone(), name: cat_name.clone(), name_zh: None, unit: get(unit_c), factors: Vec::new() }
        });
        cat.factors.push(Factor {
            flow_id: opt(&r, "flow_uuid"),
            flow_name,
            cas: opt(&r, "cas"),
            compartment: opt(&r, "compartment"),
            subcompartment: opt(&r, "subcompartment"),
            flow_unit: opt(&r, "unit"),
            value,
            uncertainty: None,
            source: None,
            origin: at,
        });
    }
    let mut notes = format!(
        "read from {} ({} factors)",
        file.display(),
        categories.values().map(|c| c.factors.len()).sum::<usize>()
    );
    if fixes > 0 {
        notes.push_str(&format!(
            "; {fixes} known sign error of the openLCA pack corrected (Occupation, dump site in Land use made positive, as RIVM, the JRC and ecoinvent give)"
        ));
    }
    let categories = order.into_iter().filter_map(|c| categories.remove(&c)).collect();
    let method = problems.finish(Method {
        id,
        name,
        name_zh: None,
        version: "factor table".into(),
        source: file.display().to_string(),
        notes: Some(notes),
        categories,
    })?;
    Ok((method, folder))
}

/// The sign errors the tables' READMEs document: the openLCA pack gives `Occupation, dump site` a
/// negative Land use factor in ReCiPe 2016 (-0.73 midpoint, -6.48e-9 endpoint) and EF 3.0
/// (-105.24), where RIVM, the JRC and ecoinvent give the same value positive (an artificial area).
fn is_known_sign_error(method: &str, category: &str, flow: Option<&str>, value: f64) -> bool {
    let pack = method.starts_with("ReCiPe 2016") || method.starts_with("EF 3.0");
    pack && category == "Land use" && flow == Some("Occupation, dump site") && value < 0.0
}

fn syntax(file: &Path, line: usize, e: &csv::Error) -> Error {
    Error::new(ErrorKind::Syntax, Location::line(file, line), e.to_string(), "fix the CSV quoting on this line")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs() {
        assert_eq!(slug("Human health - particulate matter"), "human_health_particulate_matter");
        assert_eq!(slug("Ozone formation, Human health"), "ozone_formation_human_health");
    }
}
