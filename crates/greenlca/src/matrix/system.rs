//! The technosphere and intervention matrices of a background system, with names for every row and
//! column and, for every entry, where its value comes from.

use sprs::CsMat;

use super::index::IdIndex;
use super::pattern::Pattern;
use crate::model::Distribution;

/// What a column of A stands for: a process (or one co-product of an allocated process).
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    /// Column id: the process id, or `process|product` for an allocated co-product.
    pub id: String,
    /// Process id, when the system comes from a database.
    pub process: Option<String>,
    /// Reference flow id (the product made, or the waste treated).
    pub product: Option<String>,
    /// Display name.
    pub name: String,
    /// Unit of the reference flow.
    pub unit: String,
    /// Geography.
    pub location: Option<String>,
}

/// What a row of B stands for.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowRow {
    /// Flow id.
    pub id: String,
    pub name: String,
    /// `compartment/subcompartment`.
    pub compartment: String,
    /// Reference unit.
    pub unit: String,
    /// CAS number.
    pub cas: Option<String>,
}

/// Where the value of a matrix entry comes from.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum EntrySource {
    /// Given directly (matrix files).
    Data,
    /// `factor` times the amount of exchange `exchange` of process `process` (positions in the
    /// database), so that a new amount (a formula re-evaluated) gives the new entry value.
    Exchange {
        /// Position of the process in the database.
        process: usize,
        /// Position of the exchange in the process.
        exchange: usize,
        /// Sign, unit conversion and allocation share.
        factor: f64,
    },
}

/// Entries of a sparse matrix in the order they were added, with their uncertainty and origin.
#[derive(Debug, Clone, Default)]
pub struct Entries {
    /// Row of each entry.
    pub rows: Vec<usize>,
    /// Column of each entry.
    pub cols: Vec<usize>,
    /// Deterministic value of each entry.
    pub values: Vec<f64>,
    /// Distribution of each entry's value, in matrix units and with the entry's sign.
    pub dists: Vec<Option<Distribution>>,
    /// Where each value comes from.
    pub sources: Vec<EntrySource>,
}

impl Entries {
    /// Adds an entry.
    pub fn push(&mut self, row: usize, col: usize, value: f64, dist: Option<Distribution>, source: EntrySource) {
        self.rows.push(row);
        self.cols.push(col);
        self.values.push(value);
        self.dists.push(dist);
        self.sources.push(source);
    }
    /// Number of entries.
    pub fn len(&self) -> usize {
        self.values.len()
    }
    /// True when there are no entries.
    pub fn is_empty(&self) -> bool {
        self.values.is_empty()
    }
    /// Positions of the entries that carry a distribution.
    pub fn uncertain(&self) -> Vec<usize> {
        self.dists.iter().enumerate().filter_map(|(k, d)| d.map(|_| k)).collect()
    }
}

/// Product inputs that found no provider, and products made by more than one process.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct LinkReport {
    /// What was done with unlinked inputs.
    pub policy: UnlinkedPolicy,
    /// Number of product and waste exchanges linked to a provider.
    pub linked: usize,
    /// Inputs (and waste outputs) with no provider.
    pub unlinked: Vec<Unlinked>,
    /// Flows with several producers where the provider was chosen by the rule.
    pub ambiguous: Vec<Ambiguous>,
}

/// An exchange with no provider in the database.
#[derive(Debug, Clone, PartialEq)]
pub struct Unlinked {
    /// Process id.
    pub process: String,
    /// Flow id.
    pub flow: String,
    pub flow_name: String,
    /// Amount in the exchange's unit.
    pub amount: f64,
    pub unit: String,
}

/// A link resolved by the rule for flows with several producers.
#[derive(Debug, Clone, PartialEq)]
pub struct Ambiguous {
    /// Consuming process id.
    pub process: String,
    /// Flow id.
    pub flow: String,
    /// Columns that make the flow.
    pub candidates: Vec<String>,
    /// The one chosen.
    pub chosen: String,
}

/// How a result treated the background's product inputs that have no provider: recorded in every
/// result computed on a database, so that a reader sees what was cut off.
/// The linking policy applied and how many inputs it left out.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Linking {
    /// `error`, `warn` or `cutoff` (from `--unlinked`, else the database's `unlinked`).
    pub unlinked_policy: String,
    /// Exchanges of the background left out for want of a provider.
    pub unlinked_inputs: usize,
}

impl Linking {
    /// The linking of a built system.
    pub fn of(links: &LinkReport) -> Linking {
        Linking { unlinked_policy: links.policy.as_str().to_string(), unlinked_inputs: links.unlinked.len() }
    }
}

/// What to do with a product input that has no provider.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum UnlinkedPolicy {
    /// Refuse the database (the default: nothing is dropped silently).
    #[default]
    Error,
    /// Leave the input out of the system and report it as a warning.
    Warn,
    /// Leave the input out of the system (a cut-off), reported in the results.
    Cutoff,
}

impl UnlinkedPolicy {
    /// Parses `error`, `warn` or `cutoff`.
    pub fn parse(s: &str) -> Option<UnlinkedPolicy> {
        match s {
            "error" => Some(UnlinkedPolicy::Error),
            "warn" => Some(UnlinkedPolicy::Warn),
            "cutoff" => Some(UnlinkedPolicy::Cutoff),
            _ => None,
        }
    }
    /// The policy a calculation applies: the one `given` (on the command line), else the one the
    /// database records (`unlinked` in database.toml, written by `greenlca import`), else `error`.
    pub fn for_database(given: Option<UnlinkedPolicy>, meta: &crate::model::DatabaseMeta) -> UnlinkedPolicy {
        given.or_else(|| meta.unlinked.as_deref().and_then(UnlinkedPolicy::parse)).unwrap_or_default()
    }

    /// The name used on the command line and in results.
    pub fn as_str(self) -> &'static str {
        match self {
            UnlinkedPolicy::Error => "error",
            UnlinkedPolicy::Warn => "warn",
            UnlinkedPolicy::Cutoff => "cutoff",
        }
    }
}

/// A background system: A (n x n) and B (m x n) with their index maps.
#[derive(Debug, Clone)]
pub struct TechSystem {
    /// Columns (and, A being square, rows) of A.
    pub columns: Vec<Column>,
    /// Column id -> position.
    pub column_index: IdIndex,
    /// Rows of B.
    pub flows: Vec<FlowRow>,
    /// Flow id -> row of B.
    pub flow_index: IdIndex,
    /// Entries of A.
    pub a: Entries,
    /// Pattern of A.
    pub a_pattern: Pattern,
    /// Entries of B.
    pub b: Entries,
    /// Pattern of B.
    pub b_pattern: Pattern,
    /// Linking report.
    pub links: LinkReport,
}

impl TechSystem {
    /// Builds the patterns from the entries.
    pub fn new(columns: Vec<Column>, flows: Vec<FlowRow>, a: Entries, b: Entries, links: LinkReport) -> TechSystem {
        let n = columns.len();
        let m = flows.len();
        let mut column_index = IdIndex::default();
        for c in &columns {
            column_index.insert(&c.id);
        }
        let mut flow_index = IdIndex::default();
        for f in &flows {
            flow_index.insert(&f.id);
        }
        let a_pattern = Pattern::new(n, n, &a.rows, &a.cols);
        let b_pattern = Pattern::new(m, n, &b.rows, &b.cols);
        TechSystem { columns, column_index, flows, flow_index, a, a_pattern, b, b_pattern, links }
    }

    /// Number of processes (columns).
    pub fn n(&self) -> usize {
        self.columns.len()
    }

    /// Number of elementary flows (rows of B).
    pub fn m(&self) -> usize {
        self.flows.len()
    }

    /// A with its deterministic values.
    pub fn a_matrix(&self) -> CsMat<f64> {
        self.a_pattern.matrix(&self.a.values)
    }

    /// B with its deterministic values.
    pub fn b_matrix(&self) -> CsMat<f64> {
        self.b_pattern.matrix(&self.b.values)
    }
}
