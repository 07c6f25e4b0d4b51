//! `greenlca report`: the LCA evidence report as self-contained HTML, Markdown and JSON in one
//! folder. Exit code 0 when the variant passes its specification (or none is checked), 1 when it
//! does not (the report is still written), 2 on an error (nothing is written).

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Result, bail};
use clap::Args;
use greenlca::analysis::ecodesign::SpecInputs;
use greenlca::report::evidence::{Date, EvidenceOptions, EvidenceReport, Lang};
use greenlca::report::write_all_atomic;

use super::common::ModelOptions;

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// Product model (TOML).
    #[arg(value_name = "MODEL")]
    model: PathBuf,
    /// Specification (default: the one the model names; none: no conformity table).
    #[arg(long, value_name = "SPEC")]
    spec: Option<PathBuf>,
    /// Evidence file with declared values and basic-requirement statements (default: the model's).
    #[arg(long, value_name = "FILE")]
    evidence: Option<PathBuf>,
    /// Variant reported (default: the base model).
    #[arg(long, default_value = "base", value_name = "V")]
    variant: String,
    /// Language of the report: Chinese, English, or both (Chinese first).
    #[arg(long, default_value = "both", value_parser = ["zh", "en", "both"])]
    lang: String,
    /// Folder to write report.html, report.md, report.json and charts/ into.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Date of the report (default: SOURCE_DATE_EPOCH if set, else today, UTC).
    #[arg(long, value_name = "YYYY-MM-DD")]
    date: Option<String>,
    /// Items per contribution listing.
    #[arg(long, default_value_t = greenlca::report::evidence::DEFAULT_TOP, value_name = "N")]
    top: usize,
    #[command(flatten)]
    verdict: super::declaration::VerdictArgs,
    #[command(flatten)]
    opts: ModelOptions,
}

/// The command line as run (program name `greenlca`), with `--date` added when it was not given
/// so that running it again gives the same report.
fn command_line(date: &Date, date_given: bool) -> String {
    let quote = |a: String| {
        if !a.is_empty() && a.chars().all(|c| c.is_ascii_alphanumeric() || "-_./=:,+@%".contains(c)) {
            a
        } else {
            format!("'{}'", a.replace('\'', "'\\''"))
        }
    };
    let mut parts = vec!["greenlca".to_string()];
    parts.extend(std::env::args_os().skip(1).map(|a| quote(a.to_string_lossy().into_owned())));
    if !date_given {
        parts.push(format!("--date {date}"));
    }
    parts.join(" ")
}

pub fn run(args: ReportArgs) -> Result<ExitCode> {
    greenlca::report::check_output_dir(&args.out, "--out")?;
    let lang = Lang::parse(&args.lang)?;
    let date = Date::resolve(args.date.as_deref(), std::env::var("SOURCE_DATE_EPOCH").ok().as_deref())?;
    if args.top == 0 {
        bail!("--top 0 lists nothing\n  hint: give at least 1 (default {})", greenlca::report::evidence::DEFAULT_TOP);
    }
    let policy = args.verdict.policy()?;
    if let Some(n) = args.verdict.mc
        && n < 2
    {
        bail!("--mc {n} is too few draws\n  hint: use a few hundred or more");
    }
    let study = args.opts.study(&args.model)?;
    let has_spec = args.spec.is_some() || study.inputs.model.spec.is_some();
    if args.evidence.is_some() && !has_spec {
        bail!(
            "--evidence needs a specification\n  hint: pass --spec FILE too, or name one in the model with spec = \"...\""
        );
    }
    let spec =
        if has_spec { Some(SpecInputs::load(&study, args.spec.as_deref(), args.evidence.as_deref())?) } else { None };
    let options = EvidenceOptions {
        variant: args.variant.clone(),
        sets: args.opts.sets.clone(),
        date,
        command: command_line(&date, args.date.is_some()),
        top: args.top,
        base_dir: std::env::current_dir().ok(),
        mc: args.verdict.mc.map(|n| (n, args.verdict.seed)),
        policy,
    };
    let report = EvidenceReport::compute(&study, spec.as_ref(), &options)?;
    let files = report.files(lang)?;
    write_all_atomic(&args.out, &files)?;
    let charts = files.iter().filter(|(n, _)| n.starts_with("charts/")).count();
    let verdict = match &report.conformity {
        None => "no specification checked".to_string(),
        Some(c) if c.pass => {
            format!("PASS against {}{}", c.standard, if c.illustrative { " (illustrative)" } else { "" })
        }
        Some(c) => format!(
            "NOT MET against {}{} ({} indicator(s) fail, {} requirement(s) not met, {} item(s) lack evidence)",
            c.standard,
            if c.illustrative { " (illustrative)" } else { "" },
            c.counts.indicators_fail,
            c.counts.requirements_not_met,
            c.counts.requirements_evidence_missing + c.counts.indicators_evidence_missing
        ),
    };
    let verdict = match &report.conformity {
        Some(c) => {
            let d = &c.verdict.declaration;
            let decl = if d.may_issue {
                "self-declaration may be issued".to_string()
            } else {
                format!("self-declaration withheld: {}", d.reasons_en.join("; "))
            };
            format!("{verdict}; {}; {decl}", c.verdict.verdict_basis)
        }
        None => verdict,
    };
    let out = args.out.display();
    eprintln!(
        "report: wrote {out}/report.html, {out}/report.md, {out}/report.json and {charts} charts; variant {}: {verdict}",
        report.product.variant.id
    );
    Ok(match report.verdict() {
        Some(false) => ExitCode::from(1),
        _ => ExitCode::SUCCESS,
    })
}
