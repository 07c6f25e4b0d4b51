//! Unit groups and flow properties: the factors that convert an exchange into its flow's reference
//! unit, and the registration of the source's units in greenlca's unit registry.

use std::collections::{HashMap, HashSet};

use super::flows::FlowTable;
use super::schema;
use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::import::report::{NoteKind, Notes};
use crate::model::UnitRegistry;

/// One unit group of the source.
#[derive(Debug)]
pub struct Group {
    /// Name, e.g. `Units of mass`.
    pub name: String,
    /// Symbol of the reference unit, if the group marks one.
    pub reference: Option<String>,
    /// (symbol, reference units per one of it).
    pub units: Vec<(String, f64)>,
    /// Where the group was defined.
    pub at: Location,
}

/// The unit groups and flow properties of the source, by id.
#[derive(Debug, Default)]
pub struct UnitTables {
    groups: Vec<Group>,
    group_by_id: HashMap<String, usize>,
    /// Unit id -> (group, position in the group's units).
    unit_by_id: HashMap<String, (usize, usize)>,
    /// Flow property id -> (name, group).
    properties: HashMap<String, (String, Option<usize>)>,
}

impl UnitTables {
    /// Indexes the unit groups and flow properties.
    pub fn new(
        groups: &[(Location, schema::UnitGroup)],
        properties: &[(Location, schema::FlowProperty)],
    ) -> Result<UnitTables> {
        let mut t = UnitTables::default();
        for (at, g) in groups {
            let gi = t.groups.len();
            let mut units = Vec::new();
            let mut reference = None;
            for u in &g.units {
                let factor = u.conversion_factor.unwrap_or(1.0);
                if !(factor.is_finite() && factor > 0.0) {
                    return Err(Error::new(
                        ErrorKind::Value,
                        at.clone().with_entity(format!("unit `{}`", u.name)),
                        format!("conversion factor {factor}"),
                        "a unit's conversion factor must be a positive number",
                    ));
                }
                if u.reference_unit == Some(true) {
                    reference = Some(u.name.trim().to_string());
                }
                if let Some(id) = &u.id {
                    t.unit_by_id.insert(id.clone(), (gi, units.len()));
                }
                units.push((u.name.trim().to_string(), factor));
            }
            t.group_by_id.insert(g.id.clone(), gi);
            t.groups.push(Group {
                name: g.name.clone().unwrap_or_else(|| g.id.clone()),
                reference,
                units,
                at: at.clone(),
            });
        }
        for (_, p) in properties {
            let group = p.unit_group.as_ref().and_then(|r| r.id.as_ref()).and_then(|id| t.group_by_id.get(id)).copied();
            t.properties.insert(p.id.clone(), (p.name.clone().unwrap_or_else(|| p.id.clone()), group));
        }
        Ok(t)
    }

    /// The name of a flow property.
    pub fn property_name(&self, id: &str) -> Option<&str> {
        self.properties.get(id).map(|(n, _)| n.as_str())
    }

    /// The unit group (its index) of a flow property.
    pub fn group_index(&self, property: &str) -> Option<usize> {
        self.properties.get(property).and_then(|(_, g)| *g)
    }

    /// A unit group by index.
    pub fn group(&self, index: usize) -> &Group {
        &self.groups[index]
    }

    /// A unit by id, else by symbol inside the group of `property`: (symbol, factor, group).
    pub fn unit(&self, id: Option<&str>, name: Option<&str>, property: &str) -> Option<(&str, f64, usize)> {
        if let Some((g, u)) = id.and_then(|i| self.unit_by_id.get(i)) {
            let (sym, f) = &self.groups[*g].units[*u];
            return Some((sym, *f, *g));
        }
        let g = self.group_index(property)?;
        let name = name?.trim();
        self.groups[g].units.iter().find(|(s, _)| s == name).map(|(s, f)| (s.as_str(), *f, g))
    }

    /// True when `group` is the unit group of `property`.
    pub fn belongs(&self, group: usize, property: &str) -> bool {
        self.group_index(property) == Some(group)
    }

    /// Registers the units of every group that a flow's reference unit belongs to. A group whose
    /// reference unit greenlca knows joins that unit's dimension; any other group becomes a
    /// dimension of its own, named after the group.
    pub fn register(&self, flows: &FlowTable, registry: &mut UnitRegistry, notes: &mut Notes) -> Result<()> {
        let used: HashSet<usize> = flows.reference_groups().collect();
        let mut order: Vec<usize> = used.into_iter().collect();
        order.sort_unstable();
        for gi in order {
            let g = &self.groups[gi];
            let Some(reference) = &g.reference else {
                return Err(Error::new(
                    ErrorKind::Unit,
                    g.at.clone().with_entity(format!("unit group `{}`", g.name)),
                    "the unit group marks no reference unit",
                    "mark one unit of the group as its reference unit (conversion factor 1)",
                ));
            };
            let ref_factor = g.units.iter().find(|(s, _)| s == reference).map_or(1.0, |(_, f)| *f);
            let (dimension, scale) = match registry.get(reference) {
                Some(def) => (def.dimension.clone(), def.factor / ref_factor),
                None => (g.name.clone(), 1.0 / ref_factor),
            };
            for (sym, f) in &g.units {
                let factor = f * scale;
                match registry.get(sym) {
                    Some(def) => {
                        let same = def.dimension == dimension
                            && (def.factor - factor).abs() <= 1e-6 * def.factor.abs().max(factor);
                        if !same {
                            notes.push(
                                NoteKind::UnitConflict,
                                g.at.clone().with_entity(format!("unit `{sym}` of `{}`", g.name)),
                                format!(
                                    "the source's `{sym}` is {factor} {} ({dimension}), greenlca's is {} {} ({}); exchanges are converted with the source's factor",
                                    registry.reference_symbol(&dimension).unwrap_or(reference),
                                    def.factor,
                                    registry.reference_symbol(&def.dimension).unwrap_or("?"),
                                    def.dimension
                                ),
                            );
                        }
                    }
                    None => registry.add(sym, &dimension, factor, &g.at)?,
                }
            }
        }
        Ok(())
    }
}
