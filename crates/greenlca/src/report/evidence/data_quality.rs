//! Section 4: the database and its licence, the sources the data used cite, how much of the data
//! used is indicative, and the methods.

use std::collections::BTreeMap;

use super::context::Context;
use super::types::*;
use crate::matrix::foreground::Target;

/// The key that marks an assumption in `source` fields.
const ASSUMPTION: &str = "ASSUMPTION";

/// Source keys of the database named in a `source` text (whole words).
fn keys_in<'a>(text: &'a str, known: &BTreeMap<&str, usize>) -> Vec<&'a str> {
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))
        .filter(|w| known.contains_key(w))
        .collect()
}

/// Text wrapped over several lines (TOML multi-line strings) as one line per paragraph: single
/// line breaks become spaces, blank lines stay.
fn unwrap_lines(text: &str) -> String {
    text.trim().split("\n\n").map(|p| p.split_whitespace().collect::<Vec<_>>().join(" ")).collect::<Vec<_>>().join("\n")
}

pub(super) fn section(ctx: &Context<'_>) -> DataQualitySection {
    let study = ctx.study;
    let db = &study.inputs.database;
    let meta = &db.meta;
    let known: BTreeMap<&str, usize> = meta.sources.iter().enumerate().map(|(i, s)| (s.key.as_str(), i)).collect();
    let mut cited = vec![0usize; meta.sources.len()];
    let mut cite = |text: Option<&str>| {
        let Some(t) = text else { return };
        let mut keys = keys_in(t, &known);
        keys.dedup();
        for k in keys {
            cited[known[k]] += 1;
        }
    };

    let mut used: Vec<&str> = ctx
        .result
        .supply
        .iter()
        .enumerate()
        .filter(|(_, s)| **s != 0.0)
        .filter_map(|(j, _)| study.system.columns[j].process.as_deref())
        .collect();
    used.sort_unstable();
    used.dedup();
    let mut indicative = IndicativeSummary {
        processes_used: 0,
        processes_indicative: 0,
        exchanges_used: 0,
        exchanges_indicative: 0,
        foreground_exchanges: ctx.fg.entries.len(),
        foreground_indicative: 0,
        assumed_exchanges: Vec::new(),
        assumed_parameters: Vec::new(),
        indicative_processes: Vec::new(),
    };
    for p in db.processes.iter().filter(|p| used.binary_search(&p.id.as_str()).is_ok()) {
        indicative.processes_used += 1;
        cite(p.source.as_deref());
        if p.indicative {
            indicative.processes_indicative += 1;
            indicative.indicative_processes.push(NamedItem {
                id: p.id.clone(),
                name: p.name.clone(),
                name_zh: p.name_zh.clone(),
            });
        }
        for e in &p.exchanges {
            indicative.exchanges_used += 1;
            indicative.exchanges_indicative += usize::from(e.indicative || p.indicative);
            cite(e.source.as_deref());
        }
    }
    for e in &ctx.fg.entries {
        cite(e.source.as_deref());
        if let Target::Column(c) = e.target {
            indicative.foreground_indicative += usize::from(ctx.process_indicative(&study.system.columns[c].id));
        }
        if e.source.as_deref().is_some_and(|s| s.split_whitespace().any(|w| w == ASSUMPTION)) {
            indicative.assumed_exchanges.push(e.id.clone());
        }
    }
    for p in &study.inputs.model.parameters {
        cite(p.source.as_deref());
        if p.source.as_deref().is_some_and(|s| s.split_whitespace().any(|w| w == ASSUMPTION)) {
            indicative.assumed_parameters.push(p.name.clone());
        }
    }
    let sources = meta
        .sources
        .iter()
        .zip(&cited)
        .filter(|(_, n)| **n > 0)
        .map(|(s, n)| CitedSource {
            key: s.key.clone(),
            citation: s.citation.clone(),
            url: s.url.clone(),
            cited_by: *n,
        })
        .collect();
    DataQualitySection {
        database: DatabaseInfo {
            name: meta.name.clone(),
            version: meta.version.clone(),
            name_zh: meta.name_zh.clone(),
            description: meta.description.as_deref().map(unwrap_lines),
            description_zh: meta.description_zh.as_deref().map(unwrap_lines),
            license: meta.license.clone(),
            license_zh: meta.license_zh.clone(),
            intended_use: meta.intended_use.as_deref().map(unwrap_lines),
            intended_use_zh: meta.intended_use_zh.as_deref().map(unwrap_lines),
            format: meta.origin_format.clone(),
        },
        sources,
        indicative,
        methods: study
            .inputs
            .methods
            .iter()
            .map(|m| MethodInfo {
                id: m.id.clone(),
                name: m.name.clone(),
                name_zh: m.name_zh.clone(),
                version: m.version.clone(),
                source: m.source.clone(),
                notes: m.notes.as_ref().map(|n| n.trim().to_string()),
                categories: m.categories.iter().map(|c| c.id.clone()).collect(),
            })
            .collect(),
        unmatched_flows: study.characterization.unmatched_flows.clone(),
        unlinked_inputs: study.system.links.unlinked.len(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_keys_are_whole_words() {
        let known: BTreeMap<&str, usize> = [("USLCI", 0), ("ASHBY2013", 1), ("MEE", 2)].into_iter().collect();
        assert_eq!(keys_in("ASSUMPTION distance; mass ASHBY2013 table 7.5", &known), vec!["ASHBY2013"]);
        assert_eq!(keys_in("USLCI injection molding", &known), vec!["USLCI"]);
        assert!(keys_in("MEE_EF2022 national", &known).is_empty());
    }
}
