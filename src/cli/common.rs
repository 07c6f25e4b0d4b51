//! Options and helpers shared by several commands.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Result, bail};
use clap::Args;
use greenlca::Location;
use greenlca::Warning;
use greenlca::calc::Study;
use greenlca::io::load_model;
use greenlca::matrix::UnlinkedPolicy;
use greenlca::model::Relink;
use greenlca::report::{Format, Render, write_files_atomic};

/// Options that choose the data of a product model.
#[derive(Debug, Args, Clone)]
pub struct ModelOptions {
    /// Background database: a folder, an openLCA JSON-LD zip or EcoSpold files (default: the one
    /// the model names, else the embedded default).
    #[arg(long, value_name = "DIR")]
    pub db: Option<PathBuf>,
    /// Impact method id or method TOML file (repeatable; default: the model's methods).
    #[arg(long = "method", value_name = "M")]
    pub methods: Vec<String>,
    /// What to do with product inputs that have no provider: error, warn or cutoff (default: the
    /// policy the database records, which `greenlca import` writes, else error).
    #[arg(long, value_name = "POLICY", value_parser = ["error", "warn", "cutoff"])]
    pub unlinked: Option<String>,
    /// Parameter value for this run, `name=value` (repeatable; checked against the parameter's range).
    #[arg(long = "set", value_name = "NAME=VALUE", value_parser = parse_set)]
    pub sets: Vec<(String, f64)>,
    /// Relink a provider throughout the supply chain in every variant, `FROM=TO` or
    /// `FROM=TO@P1+P2` (only within processes P1, P2); repeatable (docs/formats.md, Relinking).
    #[arg(long = "relink", value_name = "FROM=TO")]
    pub relinks: Vec<String>,
}

impl ModelOptions {
    /// The policy given with `--unlinked`, if any.
    pub fn policy(&self) -> Option<UnlinkedPolicy> {
        self.unlinked.as_deref().map(|u| UnlinkedPolicy::parse(u).expect("clap checked it"))
    }

    /// Reads the model and builds its study.
    pub fn study(&self, model: &Path) -> Result<Study> {
        let mut inputs = load_model(model, self.db.as_deref(), &self.methods)?;
        for r in &self.relinks {
            inputs.model.relinks.push(Relink::parse(r, Location::entity("--relink"))?);
        }
        let policy = UnlinkedPolicy::for_database(self.policy(), &inputs.database.meta);
        let study = Study::new(inputs, policy)?;
        warn(&study.warnings());
        Ok(study)
    }
}

/// Prints warnings on stderr.
pub fn warn(warnings: &[Warning]) {
    for w in warnings {
        eprintln!("warning: {w}");
    }
}

/// Parses `name=value`.
pub fn parse_set(s: &str) -> std::result::Result<(String, f64), String> {
    let (name, value) = s
        .split_once('=')
        .ok_or_else(|| format!("`{s}` is not NAME=VALUE\n  hint: write e.g. --set lifetime_years=8"))?;
    let v: f64 = value
        .trim()
        .parse()
        .map_err(|_| format!("`{value}` is not a number\n  hint: write e.g. --set {}=8", name.trim()))?;
    if !v.is_finite() {
        return Err(format!("`{value}` is not a finite number"));
    }
    Ok((name.trim().to_string(), v))
}

/// `--format` and `--out`, shared by the commands that write results.
#[derive(Debug, Args, Clone)]
pub struct OutputOptions {
    /// Output format (xlsx: a workbook, one sheet per table, written to --out).
    #[arg(long, default_value = "table", value_parser = ["table", "json", "csv", "xlsx"], requires_if("xlsx", "out"))]
    pub format: String,
    /// Write to this file instead of standard output.
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,
}

impl OutputOptions {
    /// Checks `--out` before any work starts.
    pub fn check(&self) -> Result<()> {
        check_file(self.out.as_deref(), "--out")
    }

    /// Renders in the chosen format and writes to `--out` (atomically) or standard output.
    pub fn emit(&self, report: &dyn Render) -> Result<()> {
        self.emit_with(report, Extra::default())
    }

    /// Writes the result together with the other files of the command: all of them or none.
    pub fn emit_with(&self, report: &dyn Render, extra: Extra) -> Result<()> {
        emit_report_with(report, &self.format, self.out.as_deref(), extra)
    }
}

/// Checks an optional output file before any work starts.
pub fn check_file(path: Option<&Path>, option: &str) -> Result<()> {
    if let Some(p) = path {
        greenlca::report::check_output_file(p, option)?;
    }
    Ok(())
}

/// Files a command writes besides its main output, written in one go with it, and what to say
/// once they are written.
#[derive(Debug, Default)]
pub struct Extra {
    pub files: Vec<(PathBuf, Vec<u8>)>,
    said: Vec<String>,
}

impl Extra {
    /// Adds a file.
    pub fn add(&mut self, path: &Path, bytes: Vec<u8>) {
        self.files.push((path.to_path_buf(), bytes));
    }

    /// A line for standard error once every file is written.
    pub fn say(&mut self, line: String) {
        self.said.push(line);
    }
}

/// The one way results are written: `report` in `format` (as given to `--format`), to `out`
/// (atomically) or standard output.
pub fn emit_report(report: &dyn Render, format: &str, out: Option<&Path>) -> Result<()> {
    emit_report_with(report, format, out, Extra::default())
}

/// As [`emit_report`], with the command's other files written in the same step.
fn emit_report_with(report: &dyn Render, format: &str, out: Option<&Path>, extra: Extra) -> Result<()> {
    let format = Format::parse(format).expect("clap checked it");
    if format.is_binary() && out.is_none() {
        bail!("--format xlsx writes a workbook, not text\n  hint: add --out FILE.xlsx");
    }
    write_output(&report.render(format)?, out, extra)
}

/// Writes text to `out` (atomically) or to stdout.
pub fn emit(text: &str, out: Option<&Path>) -> Result<()> {
    write_output(text.as_bytes(), out, Extra::default())
}

/// Writes the files of `extra` and `bytes` to `out` all at once (or nothing), or the files and
/// then `bytes` to standard output.
fn write_output(bytes: &[u8], out: Option<&Path>, extra: Extra) -> Result<()> {
    let mut files = extra.files;
    if let Some(p) = out {
        files.push((p.to_path_buf(), bytes.to_vec()));
    }
    if !files.is_empty() {
        write_files_atomic(&files)?;
    }
    for line in &extra.said {
        eprintln!("{line}");
    }
    if out.is_none() {
        // A full disk behind a redirection is named; a closed pipe stays an io::Error for main.
        let mut stdout = std::io::stdout().lock();
        stdout.write_all(bytes).and_then(|()| stdout.flush()).map_err(|e| {
            if e.kind() == std::io::ErrorKind::BrokenPipe {
                anyhow::Error::new(e)
            } else {
                anyhow::Error::new(e).context("standard output (the file it is redirected to)")
            }
        })?;
    }
    Ok(())
}

/// `--variant` (repeatable) and `--all-variants`, for the commands that run several variants.
#[derive(Debug, Args, Clone)]
pub struct VariantArgs {
    /// Variant (repeatable; default: the base model).
    #[arg(long = "variant", value_name = "V", conflicts_with = "all_variants")]
    pub variants: Vec<String>,
    /// The base model and every variant.
    #[arg(long)]
    pub all_variants: bool,
}

impl VariantArgs {
    /// The variants asked for (see [`variants`]).
    pub fn chosen(&self, study: &Study) -> Result<Vec<String>> {
        variants(study, &self.variants, self.all_variants)
    }

    /// True when neither option was given.
    pub fn is_empty(&self) -> bool {
        self.variants.is_empty() && !self.all_variants
    }
}

/// The variants to run: `--all-variants`, the `--variant` list, or the base model.
pub fn variants(study: &Study, chosen: &[String], all: bool) -> Result<Vec<String>> {
    if all {
        return Ok(study.inputs.model.variant_ids());
    }
    if chosen.is_empty() {
        return Ok(vec!["base".into()]);
    }
    let known = study.inputs.model.variant_ids();
    for v in chosen {
        if !known.contains(v) {
            let near = greenlca::did_you_mean(v, known.iter().map(String::as_str))
                .map(|n| format!("did you mean `{n}`? "))
                .unwrap_or_default();
            bail!("--variant: unknown variant `{v}`\n  hint: {near}choose one of: {}", known.join(", "));
        }
    }
    Ok(chosen.to_vec())
}

/// The categories of a study, for reports.
pub fn categories(study: &Study) -> Vec<greenlca::report::CategorySummary> {
    greenlca::report::CategorySummary::of_study(study)
}

/// `--plot DIR` and `--plot-format`.
#[derive(Debug, Args, Clone)]
pub struct PlotArgs {
    /// Write charts into this folder.
    #[arg(long, value_name = "DIR")]
    pub plot: Option<PathBuf>,
    /// Chart format: svg (default) or png (drawn with the bundled fonts, Chinese included).
    #[arg(long, default_value = "svg", value_parser = ["svg", "png"])]
    pub plot_format: String,
}

impl PlotArgs {
    /// Plot options for the chosen format.
    pub fn options(&self) -> greenlca::plot::PlotOptions {
        let format = greenlca::plot::ImageFormat::parse(&self.plot_format).expect("clap checked it");
        greenlca::plot::PlotOptions { format, ..Default::default() }
    }

    /// Checks `--plot` before any work starts.
    pub fn check(&self) -> Result<()> {
        if let Some(dir) = &self.plot {
            greenlca::report::check_output_dir(dir, "--plot")?;
        }
        Ok(())
    }

    /// Draws the charts (when --plot is given) and adds them to the files the command writes.
    pub fn add(
        &self,
        extra: &mut Extra,
        charts: impl FnOnce(&greenlca::plot::PlotOptions) -> greenlca::Result<Vec<greenlca::report::Chart>>,
    ) -> Result<()> {
        let Some(dir) = &self.plot else { return Ok(()) };
        let opts = self.options();
        let charts = charts(&opts)?;
        let ext = opts.format.extension();
        for c in &charts {
            extra.add(&dir.join(format!("{}.{ext}", c.name)), c.bytes.clone());
        }
        extra.say(format!("wrote {} charts to {}", charts.len(), dir.display()));
        Ok(())
    }
}
