//! Flows: kind, reference unit (of the reference flow property), compartment from the category
//! path, and the conversion factors of the other flow properties.

use std::collections::HashMap;

use super::CategoryPaths;
use super::schema;
use super::units::UnitTables;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::import::compartment;
use crate::model::{Flow, FlowKind};

/// What an exchange needs to know about its flow.
#[derive(Debug)]
pub struct FlowInfo {
    /// The model flow.
    pub flow: Flow,
    /// Unit group of the reference flow property.
    pub ref_group: usize,
    /// Flow property id -> amount of that property per unit of the reference property.
    pub factors: HashMap<String, f64>,
    /// The reference flow property id.
    pub ref_property: String,
}

/// The flows of the source by id.
#[derive(Debug, Default)]
pub struct FlowTable {
    flows: Vec<FlowInfo>,
    by_id: HashMap<String, usize>,
}

impl FlowTable {
    /// A flow by id.
    pub fn get(&self, id: &str) -> Option<&FlowInfo> {
        self.by_id.get(id).map(|&i| &self.flows[i])
    }
    /// The unit groups of the flows' reference units.
    pub fn reference_groups(&self) -> impl Iterator<Item = usize> + '_ {
        self.flows.iter().map(|f| f.ref_group)
    }
    /// The model flows, in source order.
    pub fn into_flows(self) -> Vec<Flow> {
        self.flows.into_iter().map(|f| f.flow).collect()
    }
}

/// Reads every flow.
pub fn read_flows(docs: &[(Location, schema::Flow)], units: &UnitTables, paths: &CategoryPaths) -> Result<FlowTable> {
    let mut table = FlowTable::default();
    for (at, f) in docs {
        let at = at.clone().with_entity(format!("flow `{}` ({})", f.name.trim(), f.id));
        let type_text = f.flow_type.as_deref().unwrap_or("");
        let kind = FlowKind::parse(type_text).ok_or_else(|| {
            Error::new(
                ErrorKind::Value,
                at.clone(),
                format!("flow type `{type_text}` is unknown"),
                "use PRODUCT_FLOW, WASTE_FLOW or ELEMENTARY_FLOW",
            )
        })?;
        let mut factors = HashMap::new();
        let mut reference = None;
        for fp in &f.flow_properties {
            let Some(pid) = fp.flow_property.as_ref().and_then(|r| r.id.clone()) else { continue };
            let factor = fp.conversion_factor.unwrap_or(1.0);
            if !(factor.is_finite() && factor > 0.0) {
                return Err(Error::new(
                    ErrorKind::Value,
                    at.clone(),
                    format!("conversion factor {factor} for flow property `{pid}`"),
                    "give a positive factor: the amount of this property per unit of the reference property",
                ));
            }
            if fp.reference_flow_property == Some(true) || (f.flow_properties.len() == 1 && reference.is_none()) {
                reference = Some(pid.clone());
            }
            factors.insert(pid, factor);
        }
        let Some(ref_property) = reference else {
            return Err(Error::new(
                ErrorKind::Invalid,
                at,
                "the flow has no reference flow property",
                "mark one of its flow properties as the reference",
            ));
        };
        let ref_group = units.group_index(&ref_property).ok_or_else(|| {
            Error::new(
                ErrorKind::UnknownId,
                at.clone(),
                format!("its flow property `{ref_property}` (or that property's unit group) is not in the export"),
                "export the flow properties and unit groups together with the flows",
            )
        })?;
        let group = units.group(ref_group);
        let unit = group.reference.clone().ok_or_else(|| {
            Error::new(
                ErrorKind::Unit,
                at.clone(),
                format!("unit group `{}` has no reference unit", group.name),
                "mark one unit of the group as its reference unit",
            )
        })?;
        let (compartment, subcompartment) = if kind == FlowKind::Elementary {
            let (c, s) = compartment::from_path(&paths.path(&f.category).unwrap_or_default());
            (Some(c), s)
        } else {
            (None, None)
        };
        let flow = Flow {
            id: f.id.clone(),
            name: f.name.trim().to_string(),
            name_zh: None,
            kind,
            unit,
            compartment,
            subcompartment,
            cas: f.cas.as_ref().map(|c| c.trim().to_string()),
            comment: f.description.clone(),
        };
        if table.by_id.insert(f.id.clone(), table.flows.len()).is_some() {
            return Err(Error::new(
                ErrorKind::DuplicateId,
                at,
                "the flow id is used twice",
                "remove one of the two flow files",
            ));
        }
        table.flows.push(FlowInfo { flow, ref_group, factors, ref_property });
    }
    Ok(table)
}
