//! GB/T 2589-2020 coefficients: kg of standard coal equivalent (kgce) per unit of each energy
//! carrier, and which flows of a database are which carrier.

use std::collections::HashMap;
use std::path::Path;

use crate::error::{Error, ErrorKind, Result};
use crate::io::native::csv_table::CsvTable;
use crate::source::{self, InputSource};

/// A coefficient: kgce per `unit` of the carrier.
#[derive(Debug, Clone, PartialEq)]
pub struct Coefficient {
    /// Carrier id (`electricity`, `natural_gas`, ...).
    pub carrier: String,
    /// Chinese name.
    pub carrier_zh: Option<String>,
    /// Unit the coefficient is per.
    pub unit: String,
    pub kgce_per_unit: f64,
    /// Source (standard, table).
    pub source: String,
}

/// Coefficients and the flow -> carrier mapping.
#[derive(Debug, Clone, Default)]
pub struct EnergyTable {
    /// By carrier id.
    pub coefficients: HashMap<String, Coefficient>,
    /// Flow id -> carrier id.
    pub carriers: HashMap<String, String>,
}

impl EnergyTable {
    /// Reads `gbt2589.csv` and the mapping `energy_carriers.csv` beside it.
    pub fn read(coefficients: &Path) -> Result<EnergyTable> {
        let (folder, name) = source::split_path(coefficients);
        EnergyTable::read_in(&folder, &name)
    }

    /// Reads the coefficient table `name` of a source and the mapping `energy_carriers.csv` beside it.
    pub fn read_in(src: &dyn InputSource, name: &str) -> Result<EnergyTable> {
        let t = CsvTable::read_in(src, name)?;
        t.require_columns(&["carrier", "unit", "kgce_per_unit"])?;
        let mut out = EnergyTable::default();
        for row in t.rows() {
            let k = row.number("kgce_per_unit")?.ok_or_else(|| {
                Error::new(ErrorKind::Value, row.at(), "`kgce_per_unit` is empty", "fill in the coefficient")
            })?;
            let c = Coefficient {
                carrier: row.required("carrier")?.to_string(),
                carrier_zh: row.text("carrier_zh"),
                unit: row.required("unit")?.to_string(),
                kgce_per_unit: k,
                source: row.text("source").unwrap_or_default(),
            };
            out.coefficients.insert(c.carrier.clone(), c);
        }
        let map_name = EnergyTable::carriers_beside(name);
        if src.contains(&map_name) {
            let m = CsvTable::read_in(src, &map_name)?;
            m.require_columns(&["flow", "carrier"])?;
            for row in m.rows() {
                let carrier = row.required("carrier")?;
                if !out.coefficients.contains_key(carrier) {
                    return Err(Error::new(
                        ErrorKind::UnknownId,
                        row.at(),
                        format!("carrier `{carrier}` has no coefficient in {}", src.display_path(name).display()),
                        "use a carrier of the coefficient table",
                    ));
                }
                out.carriers.insert(row.required("flow")?.to_string(), carrier.to_string());
            }
        }
        Ok(out)
    }

    /// The name of the flow -> carrier mapping beside the coefficient table `name` of a source.
    pub fn carriers_beside(name: &str) -> String {
        source::join(source::parent(name), "energy_carriers.csv")
    }

    /// The coefficient for a flow, if the flow is a known energy carrier.
    pub fn for_flow(&self, flow: &str) -> Option<&Coefficient> {
        self.carriers.get(flow).and_then(|c| self.coefficients.get(c))
    }
}
