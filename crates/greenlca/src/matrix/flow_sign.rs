//! The sign an elementary exchange takes in B: positive in its flow's own direction (emissions
//! out, resources in), negative against it (an uptake of an emitted gas, a resource given back),
//! as openLCA nets the two directions of one flow.

use std::collections::HashSet;

use crate::model::{Database, Direction, Flow, FlowKind};

/// The direction of each elementary flow, decided once per database (docs/formats.md, "Sign
/// convention").
pub(crate) struct FlowDirections<'a> {
    /// Elementary flows that some exchange of the database lists as an output.
    emitted: HashSet<&'a str>,
}

impl<'a> FlowDirections<'a> {
    pub(crate) fn new(db: &'a Database) -> FlowDirections<'a> {
        let emitted = db
            .processes
            .iter()
            .flat_map(|p| &p.exchanges)
            .filter(|e| e.direction == Direction::Output)
            .map(|e| e.flow.as_str())
            .collect();
        FlowDirections { emitted }
    }

    /// The direction in which `flow` counts positive.
    pub(crate) fn own(&self, flow: &Flow) -> Direction {
        debug_assert_eq!(flow.kind, FlowKind::Elementary);
        let compartment = flow.compartment.as_deref().map(|c| c.trim().to_ascii_lowercase());
        match compartment.as_deref() {
            Some("natural resource" | "resource") => Direction::Input,
            // Air and soil take emissions: an input from them is an uptake.
            Some("air" | "soil") => Direction::Output,
            // Water (a source and a sink: USLCI files withdrawals under `water/...`), `other` and
            // no compartment: the flow's use in the database decides.
            _ if self.emitted.contains(flow.id.as_str()) => Direction::Output,
            _ => Direction::Input,
        }
    }

    /// +1 for an exchange in the flow's own direction, -1 against it.
    pub(crate) fn sign(&self, flow: &Flow, direction: Direction) -> f64 {
        if direction == self.own(flow) { 1.0 } else { -1.0 }
    }
}
