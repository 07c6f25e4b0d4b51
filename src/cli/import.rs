//! `greenlca import FILE --to DIR`: import a database (openLCA JSON-LD, EcoSpold 2 or 1, or a
//! native folder), build its system to check the linking, and write it as a native folder.

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Result;
use clap::Args;
use greenlca::io::compiled::{self, import_any_cached};
use greenlca::io::{ImportOptions, Imported, NoteKind, Overwrite, write_database_with};
use greenlca::matrix::{TechSystem, UnlinkedPolicy, build_system};
use greenlca::model::{Direction, FlowKind};
use greenlca::report::csv_line;
use greenlca::report::write_atomic;

use super::common::{check_file, emit};

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The source: an openLCA JSON-LD zip, .spold files (or a zip or folder of them), EcoSpold 1
    /// .xml files, or a greenlca database folder.
    #[arg(value_name = "FILE")]
    source: PathBuf,
    /// Folder to write the native database into (must be new or empty, unless --force).
    #[arg(long, value_name = "DIR")]
    to: PathBuf,
    /// Product inputs that have no provider: cutoff (import them, list them in DIR/unlinked.csv;
    /// calculations leave them out and list them in every result), warn (the same, and a warning
    /// for each), or error (refuse the import). The choice is recorded in DIR/database.toml as the
    /// default of later calculations (their --unlinked overrides it).
    #[arg(long, value_name = "POLICY", default_value = "cutoff", value_parser = ["error", "warn", "cutoff"])]
    unlinked: String,
    /// Replace the target folder if it exists and is not empty.
    #[arg(long)]
    force: bool,
    /// Largest file read from the source, in MiB (protects against archive bombs).
    #[arg(long, value_name = "MIB", default_value_t = 256)]
    max_entry_mib: u64,
    /// Write every note of the import and every unlinked input to this CSV file.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
}

/// Counts of the linking, split by what the exchanges are.
struct LinkCounts {
    product_inputs: usize,
    unlinked_product_inputs: usize,
    waste_outputs: usize,
    unlinked_waste_outputs: usize,
    other_unlinked: usize,
}

fn link_counts(imported: &Imported, system: &TechSystem) -> LinkCounts {
    let db = &imported.database;
    let kind = |f: &str| db.flow(f).map(|f| f.kind);
    let mut c = LinkCounts {
        product_inputs: 0,
        unlinked_product_inputs: 0,
        waste_outputs: 0,
        unlinked_waste_outputs: 0,
        other_unlinked: 0,
    };
    for p in &db.processes {
        for e in p.exchanges.iter().filter(|e| !e.is_reference) {
            match (kind(&e.flow), e.direction) {
                (Some(FlowKind::Product), Direction::Input) => c.product_inputs += 1,
                (Some(FlowKind::Waste), Direction::Output) => c.waste_outputs += 1,
                _ => {}
            }
        }
    }
    for u in &system.links.unlinked {
        let p = db.process(&u.process);
        let dirs: Vec<Direction> = p
            .map(|p| p.exchanges.iter().filter(|e| e.flow == u.flow && !e.is_reference).map(|e| e.direction).collect())
            .unwrap_or_default();
        match (kind(&u.flow), dirs.first()) {
            (Some(FlowKind::Product), Some(Direction::Input)) => c.unlinked_product_inputs += 1,
            (Some(FlowKind::Waste), Some(Direction::Output)) => c.unlinked_waste_outputs += 1,
            _ => c.other_unlinked += 1,
        }
    }
    c
}

/// Flows made by more than one column, with those columns.
fn several_producers(system: &TechSystem) -> BTreeMap<String, Vec<String>> {
    let mut by_flow: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in &system.columns {
        if let Some(p) = &c.product {
            by_flow.entry(p.clone()).or_default().push(c.id.clone());
        }
    }
    by_flow.retain(|_, v| v.len() > 1);
    for v in by_flow.values_mut() {
        v.sort();
    }
    by_flow
}

pub fn run(args: ImportArgs) -> Result<ExitCode> {
    let policy = UnlinkedPolicy::parse(&args.unlinked).expect("clap checked it");
    check_target(&args)?;
    check_file(args.report.as_deref(), "--report")?;
    let options = ImportOptions { max_entry_bytes: args.max_entry_mib.saturating_mul(1024 * 1024) };
    let (mut imported, compiled) = import_any_cached(&args.source, &options, compiled::default_mode())?;
    if let Some(note) = compiled.note() {
        eprintln!("{note}");
    }
    let system = build_system(&imported.database, policy)?;
    let counts = link_counts(&imported, &system);
    let db = &mut imported.database;
    let record = format!(
        "Linking checked on import with --unlinked {}: {} product inputs and {} waste outputs have no provider in the database (listed in unlinked.csv).",
        policy.as_str(),
        counts.unlinked_product_inputs,
        counts.unlinked_waste_outputs
    );
    db.meta.unlinked = Some(policy.as_str().to_string());
    db.meta.description = Some(match db.meta.description.take() {
        Some(d) => format!("{d} {record}"),
        None => record,
    });
    let overwrite = if args.force { Overwrite::Replace } else { Overwrite::Refuse };
    let unlinked = vec![(UNLINKED_FILE.to_string(), unlinked_csv(&imported, &system).into_bytes())];
    write_database_with(&imported.database, &args.to, overwrite, &unlinked)?;
    // LCIA methods of the export, in the native format beside the database.
    if !imported.methods.is_empty() {
        let files: Vec<(String, Vec<u8>)> = imported
            .methods
            .iter()
            .flat_map(greenlca::io::method_files)
            .map(|(name, text)| (name, text.into_bytes()))
            .collect();
        if let Err(e) = greenlca::report::write_all_atomic(&args.to.join("methods"), &files) {
            let _ = std::fs::remove_dir_all(&args.to);
            return Err(e.into());
        }
    }
    if let Some(path) = &args.report
        && let Err(e) = write_atomic(path, report_csv(&imported, &system).as_bytes())
    {
        // Nothing left behind: the database written a moment ago goes too.
        let _ = std::fs::remove_dir_all(&args.to);
        return Err(e.into());
    }
    emit(&summary(&args, &imported, &system, &counts), None)?;
    if policy == UnlinkedPolicy::Warn {
        for u in &system.links.unlinked {
            eprintln!(
                "warning: process `{}`: input of `{}` ({}) has no provider; calculations leave it out",
                u.process, u.flow, u.flow_name
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// The file of the imported folder that lists the unlinked inputs.
const UNLINKED_FILE: &str = "unlinked.csv";

/// Refuses, before any work, a target that is a file or a non-empty folder (without --force).
fn check_target(args: &ImportArgs) -> Result<()> {
    greenlca::report::check_output_dir(&args.to, "--to")?;
    let non_empty = args.to.is_dir() && std::fs::read_dir(&args.to)?.next().is_some();
    if non_empty && !args.force {
        anyhow::bail!(
            "{}: the target folder exists and is not empty\n  hint: choose a new folder, or pass --force to replace it",
            args.to.display()
        );
    }
    Ok(())
}

/// Every unlinked input: process, flow, amount and unit.
fn unlinked_csv(imported: &Imported, system: &TechSystem) -> String {
    let db = &imported.database;
    let mut s = csv_line(&["process", "process_name", "flow", "flow_name", "amount", "unit"].map(String::from));
    for u in &system.links.unlinked {
        let pname = db.process(&u.process).map_or("", |p| p.name.as_str());
        s.push_str(&csv_line(&[
            u.process.clone(),
            pname.to_string(),
            u.flow.clone(),
            u.flow_name.clone(),
            greenlca::report::exact(u.amount),
            u.unit.clone(),
        ]));
    }
    s
}

fn summary(args: &ImportArgs, imported: &Imported, system: &TechSystem, counts: &LinkCounts) -> String {
    use std::fmt::Write;
    let db = &imported.database;
    let mut s = String::new();
    let kinds = |k: FlowKind| db.flows.iter().filter(|f| f.kind == k).count();
    let exchanges: usize = db.processes.iter().map(|p| p.exchanges.len()).sum();
    let _ = writeln!(s, "imported {} ({}) into {}", args.source.display(), imported.format.label(), args.to.display());
    let _ = writeln!(s, "  processes: {}", db.processes.len());
    for m in &imported.methods {
        let factors: usize = m.categories.iter().map(|c| c.factors.len()).sum();
        let _ = writeln!(
            s,
            "  LCIA method: {} ({} categories, {factors} factors) -> {}",
            m.name,
            m.categories.len(),
            args.to.join("methods").join(format!("{}.toml", m.id)).display()
        );
    }
    let _ = writeln!(
        s,
        "  flows: {} ({} elementary, {} product, {} waste)",
        db.flows.len(),
        kinds(FlowKind::Elementary),
        kinds(FlowKind::Product),
        kinds(FlowKind::Waste)
    );
    let left_out = imported.count(NoteKind::CoproductLeftOut);
    let _ = writeln!(
        s,
        "  exchanges: {} read, {exchanges} imported ({left_out} co-products without allocation left out)",
        imported.exchanges_read
    );
    let _ = writeln!(
        s,
        "  product inputs: {}, linked {}, unlinked {}",
        counts.product_inputs,
        counts.product_inputs - counts.unlinked_product_inputs,
        counts.unlinked_product_inputs
    );
    if counts.waste_outputs > 0 {
        let _ = writeln!(
            s,
            "  waste outputs: {}, linked {}, unlinked {}",
            counts.waste_outputs,
            counts.waste_outputs - counts.unlinked_waste_outputs,
            counts.unlinked_waste_outputs
        );
    }
    if counts.other_unlinked > 0 {
        let _ = writeln!(s, "  other unlinked exchanges (avoided products, co-products): {}", counts.other_unlinked);
    }
    let several = several_producers(system);
    let _ = writeln!(
        s,
        "  products with several producers: {} (rule: the exchange's provider, else a producer in the consumer's location, else the first producer by id)",
        several.len()
    );
    let mut chosen: HashMap<&str, BTreeMap<&str, usize>> = HashMap::new();
    for a in &system.links.ambiguous {
        *chosen.entry(a.flow.as_str()).or_default().entry(a.chosen.as_str()).or_default() += 1;
    }
    for (flow, producers) in &several {
        let name = db.flow(flow).map_or("", |f| f.name.as_str());
        let _ = writeln!(s, "    `{flow}` ({name}): made by {}", producers.join(", "));
        for (col, n) in chosen.get(flow.as_str()).into_iter().flatten() {
            let _ = writeln!(s, "      {n} consumer(s) linked to {col}");
        }
    }
    let mut notes: BTreeMap<NoteKind, usize> = BTreeMap::new();
    for n in &imported.notes {
        *notes.entry(n.kind).or_default() += 1;
    }
    if !notes.is_empty() {
        let _ = writeln!(
            s,
            "  notes{}:",
            if args.report.is_some() { " (all listed in the report)" } else { " (list them with --report FILE)" }
        );
        for (k, n) in notes {
            let _ = writeln!(s, "    {n} {}", k.as_str());
        }
    }
    let _ = writeln!(
        s,
        "  unlinked exchanges: {}, listed in {}",
        system.links.unlinked.len(),
        args.to.join(UNLINKED_FILE).display()
    );
    let _ = writeln!(
        s,
        "  linking policy of later calculations: --unlinked {} (recorded in {}; their own --unlinked overrides it)",
        system.links.policy.as_str(),
        args.to.join("database.toml").display()
    );
    s
}

fn report_csv(imported: &Imported, system: &TechSystem) -> String {
    let mut s = csv_line(&["kind".into(), "where".into(), "message".into()]);
    for u in &system.links.unlinked {
        s.push_str(&csv_line(&[
            "unlinked".into(),
            format!("process `{}`", u.process),
            format!("flow `{}` ({}), {} {}: no provider in the database", u.flow, u.flow_name, u.amount, u.unit),
        ]));
    }
    for n in &imported.notes {
        s.push_str(&csv_line(&[n.kind.as_str().into(), n.at.to_string(), n.message.clone()]));
    }
    s
}
