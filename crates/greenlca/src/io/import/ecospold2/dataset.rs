//! One EcoSpold 2 activity data set, read from its XML tree into plain values.

use crate::error::{Error, ErrorKind, Location, Result};
use crate::io::import::xml_tree::Element;

/// Intermediate (technosphere) or elementary (biosphere) exchange.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// `<intermediateExchange>`.
    Intermediate,
    /// `<elementaryExchange>`.
    Elementary,
}

/// An exchange as written in the file.
#[derive(Debug, Clone)]
pub struct RawExchange {
    /// Intermediate or elementary.
    pub kind: Kind,
    /// `intermediateExchangeId` or `elementaryExchangeId`.
    pub flow_id: String,
    /// `<name>`.
    pub name: String,
    /// `<unitName>`.
    pub unit: String,
    /// `amount`.
    pub amount: f64,
    /// `<inputGroup>`.
    pub input_group: Option<u8>,
    /// `<outputGroup>`.
    pub output_group: Option<u8>,
    /// `activityLinkId`.
    pub activity_link: Option<String>,
    /// `variableName`.
    pub variable: Option<String>,
    /// `mathematicalRelation`.
    pub relation: Option<String>,
    /// `<compartment><compartment>` (elementary).
    pub compartment: Option<String>,
    /// `<compartment><subcompartment>` (elementary).
    pub subcompartment: Option<String>,
    /// `casNumber`.
    pub cas: Option<String>,
    /// `<comment>`.
    pub comment: Option<String>,
    /// The element, for its uncertainty.
    pub element: Element,
    /// Where it is.
    pub at: Location,
}

/// A `<parameter>` of the data set.
#[derive(Debug, Clone)]
pub struct RawParameter {
    /// `variableName`.
    pub variable: String,
    /// `amount`.
    pub amount: f64,
    /// `mathematicalRelation`.
    pub relation: Option<String>,
    /// `<name>`.
    pub description: Option<String>,
    /// `<unitName>`.
    pub unit: Option<String>,
    /// The element, for its uncertainty.
    pub element: Element,
    /// Where it is.
    pub at: Location,
}

/// An activity data set.
#[derive(Debug, Clone)]
pub struct RawActivity {
    /// `activity/@id`.
    pub activity_id: String,
    /// `activityName`.
    pub name: String,
    /// `geography/shortname`.
    pub location: Option<String>,
    /// The first classification value.
    pub category: Option<String>,
    /// `generalComment` texts.
    pub comment: Option<String>,
    /// Exchanges in file order.
    pub exchanges: Vec<RawExchange>,
    pub parameters: Vec<RawParameter>,
    /// The file.
    pub at: Location,
}

fn missing(at: &Location, line: usize, what: &str) -> Error {
    Error::new(
        ErrorKind::Invalid,
        at.clone().at_line(line),
        format!("{what} is missing"),
        "the file does not follow the EcoSpold 2 schema (ecoinvent data format 2)",
    )
}

fn text(el: &Element) -> Option<String> {
    let t = el.text.trim();
    (!t.is_empty()).then(|| t.to_string())
}

fn group(el: &Element, name: &str, at: &Location) -> Result<Option<u8>> {
    let Some(g) = el.child(name) else { return Ok(None) };
    g.text.trim().parse::<u8>().map(Some).map_err(|_| {
        Error::new(
            ErrorKind::Value,
            at.clone().at_line(g.line),
            format!("<{name}> is `{}`, not a group number", g.text),
            "write the group number, e.g. <outputGroup>0</outputGroup> for the reference product",
        )
    })
}

/// Reads the data set under the root `<ecoSpold>` element.
pub fn read_activity(root: &Element, at: &Location) -> Result<RawActivity> {
    if root.name != "ecoSpold" {
        return Err(Error::new(
            ErrorKind::Invalid,
            at.clone().at_line(root.line),
            format!("the root element is <{}>, not <ecoSpold>", root.name),
            "give an EcoSpold 2 (.spold) file",
        ));
    }
    let ds = root
        .child("activityDataset")
        .or_else(|| root.child("childActivityDataset"))
        .ok_or_else(|| missing(at, root.line, "<activityDataset>"))?;
    let desc = ds.child("activityDescription").ok_or_else(|| missing(at, ds.line, "<activityDescription>"))?;
    let activity = desc.child("activity").ok_or_else(|| missing(at, desc.line, "<activity>"))?;
    let activity_id =
        activity.attr("id").map(str::to_string).ok_or_else(|| missing(at, activity.line, "the activity's `id`"))?;
    let name = activity.child_text("activityName").ok_or_else(|| missing(at, activity.line, "<activityName>"))?;
    let comment = activity.child("generalComment").map(|c| {
        c.children_named("text").map(|t| t.text.clone()).filter(|t| !t.is_empty()).collect::<Vec<_>>().join("\n")
    });
    let location = desc.child("geography").and_then(|g| g.child_text("shortname")).map(str::to_string);
    let category =
        desc.children_named("classification").find_map(|c| c.child_text("classificationValue")).map(str::to_string);
    let at_ds = at.clone().with_entity(format!("activity `{name}` ({activity_id})"));
    let flow_data = ds.child("flowData").ok_or_else(|| missing(at, ds.line, "<flowData>"))?;
    let mut exchanges = Vec::new();
    let mut parameters = Vec::new();
    for el in &flow_data.children {
        match el.name.as_str() {
            "intermediateExchange" | "elementaryExchange" => exchanges.push(read_exchange(el, name, at)?),
            "parameter" => {
                let Some(variable) = el.attr("variableName").map(str::to_string) else { continue };
                let pat = at.clone().at_line(el.line).with_entity(format!("activity `{name}`, parameter `{variable}`"));
                parameters.push(RawParameter {
                    amount: el.number("amount", at)?.unwrap_or(0.0),
                    relation: el.attr("mathematicalRelation").map(str::to_string).filter(|r| !r.trim().is_empty()),
                    description: el.child_text("name").map(str::to_string),
                    unit: el.child_text("unitName").map(str::to_string),
                    element: el.clone(),
                    variable,
                    at: pat,
                });
            }
            _ => {}
        }
    }
    Ok(RawActivity {
        activity_id,
        name: name.to_string(),
        location,
        category,
        comment: comment.filter(|c| !c.is_empty()),
        exchanges,
        parameters,
        at: at_ds,
    })
}

fn read_exchange(el: &Element, activity: &str, at: &Location) -> Result<RawExchange> {
    let (kind, id_attr) = if el.name == "intermediateExchange" {
        (Kind::Intermediate, "intermediateExchangeId")
    } else {
        (Kind::Elementary, "elementaryExchangeId")
    };
    let name = el.child_text("name").unwrap_or("").to_string();
    let ex_at = at.clone().at_line(el.line).with_entity(format!("activity `{activity}`, exchange `{name}`"));
    let flow_id =
        el.attr(id_attr).map(str::to_string).ok_or_else(|| missing(&ex_at, el.line, &format!("`{id_attr}`")))?;
    let unit = el.child_text("unitName").map(str::to_string).ok_or_else(|| missing(&ex_at, el.line, "<unitName>"))?;
    let amount = el.number("amount", &ex_at)?.ok_or_else(|| missing(&ex_at, el.line, "`amount`"))?;
    let comp = el.child("compartment");
    Ok(RawExchange {
        kind,
        flow_id,
        name,
        unit,
        amount,
        input_group: group(el, "inputGroup", &ex_at)?,
        output_group: group(el, "outputGroup", &ex_at)?,
        activity_link: el.attr("activityLinkId").map(str::to_string).filter(|s| !s.is_empty()),
        variable: el.attr("variableName").map(str::to_string).filter(|s| !s.trim().is_empty()),
        relation: el.attr("mathematicalRelation").map(str::to_string).filter(|s| !s.trim().is_empty()),
        compartment: comp.and_then(|c| c.child("compartment")).and_then(text),
        subcompartment: comp.and_then(|c| c.child("subcompartment")).and_then(text),
        cas: el.attr("casNumber").map(str::to_string).filter(|s| !s.trim().is_empty()),
        comment: el.child_text("comment").map(str::to_string),
        element: el.clone(),
        at: ex_at,
    })
}
