//! What an importer hands back besides the database: the source format and every change it made
//! to the data on the way (nothing is altered or left out without a note).

use crate::error::Location;
use crate::model::Database;

/// The format a database was imported from.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum SourceFormat {
    /// A native greenlca database folder.
    Native,
    /// openLCA JSON-LD, with the schema version (1 or 2).
    JsonLd {
        /// 1 for openLCA 1.x exports (`input`, `quantitativeReference`), 2 for openLCA 2 (`isInput`).
        schema: u8,
    },
    /// EcoSpold 2 (`.spold`, ecoinvent 3).
    EcoSpold2,
    /// EcoSpold 1 (`.xml`, ecoinvent 2 and older USLCI releases).
    EcoSpold1,
}

impl SourceFormat {
    /// A name for people and for `DatabaseMeta::origin_format`.
    pub fn label(&self) -> String {
        match self {
            SourceFormat::Native => "greenlca csv".into(),
            SourceFormat::JsonLd { schema } => format!("openLCA JSON-LD (schema v{schema})"),
            SourceFormat::EcoSpold2 => "EcoSpold 2".into(),
            SourceFormat::EcoSpold1 => "EcoSpold 1".into(),
        }
    }
}

/// The kinds of change an importer reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[non_exhaustive]
pub enum NoteKind {
    /// A co-product output of a process without allocation was left out: the reference product
    /// carries all of the process's burdens (what openLCA does without allocation).
    CoproductLeftOut,
    /// An uncertainty distribution whose parameters contradict each other was left out.
    UncertaintyDropped,
    /// An uncertainty distribution was repaired (e.g. minimum and maximum swapped).
    UncertaintyRepaired,
    /// An allocation factor that cannot be represented (no product, value outside [0, 1]).
    AllocationFactorSkipped,
    /// A process without a default allocation method uses its physical factors.
    AllocationMethodChosen,
    /// A parameter was renamed because its name cannot be used in greenlca formulas.
    ParameterRenamed,
    /// The amount written in the source differs from the value of the exchange's formula.
    FormulaAmountDiffers,
    /// A named provider is not in the imported set (or does not make the flow): the exchange is
    /// linked by its flow instead.
    ProviderNotFound,
    /// An exchange with a zero amount that carries no information was left out.
    ZeroExchangeLeftOut,
    /// A unit of the source has the symbol of a greenlca unit but another size: the source's
    /// factor converts its exchanges, greenlca's own unit keeps the symbol.
    UnitConflict,
    /// Pedigree scores that cannot widen a lognormal distribution were left out.
    PedigreeDropped,
}

impl NoteKind {
    /// Short name used in reports.
    pub fn as_str(self) -> &'static str {
        match self {
            NoteKind::CoproductLeftOut => "co-product without allocation left out",
            NoteKind::UncertaintyDropped => "inconsistent uncertainty left out",
            NoteKind::UncertaintyRepaired => "uncertainty repaired",
            NoteKind::AllocationFactorSkipped => "allocation factor skipped",
            NoteKind::AllocationMethodChosen => "allocation method chosen",
            NoteKind::ParameterRenamed => "parameter renamed",
            NoteKind::FormulaAmountDiffers => "formula value differs from the amount written",
            NoteKind::ProviderNotFound => "provider not found, linked by flow",
            NoteKind::ZeroExchangeLeftOut => "zero exchange left out",
            NoteKind::UnitConflict => "unit symbol conflicts with greenlca's",
            NoteKind::PedigreeDropped => "pedigree left out",
        }
    }
}

/// One change made while importing.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportNote {
    /// What kind of change.
    pub kind: NoteKind,
    /// Where: the file (inside the archive) and the entity.
    pub at: Location,
    /// What was changed, with the values concerned.
    pub message: String,
}

/// An imported database with the notes of the import.
#[derive(Debug, Clone)]
pub struct Imported {
    /// The database, ready for [`crate::matrix::build_system`] and [`crate::io::write_database`].
    pub database: Database,
    /// The format it came from.
    pub format: SourceFormat,
    /// Every change made on the way, in the order found.
    pub notes: Vec<ImportNote>,
    /// Exchanges read from the source (before any was left out).
    pub exchanges_read: usize,
    /// LCIA methods the source contains (openLCA JSON-LD `lcia_methods/`).
    pub methods: Vec<crate::model::Method>,
}

impl Imported {
    /// Number of notes of one kind.
    pub fn count(&self, kind: NoteKind) -> usize {
        self.notes.iter().filter(|n| n.kind == kind).count()
    }
}

/// Collects notes while importing.
#[derive(Debug, Default)]
pub struct Notes {
    notes: Vec<ImportNote>,
}

impl Notes {
    /// Records a note.
    pub fn push(&mut self, kind: NoteKind, at: Location, message: impl Into<String>) {
        self.notes.push(ImportNote { kind, at, message: message.into() });
    }
    /// The notes.
    pub fn into_vec(self) -> Vec<ImportNote> {
        self.notes
    }
}
