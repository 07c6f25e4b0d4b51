//! `Study`: a product model with its background, factorized once; every command of the command
//! line that works on a model, returning the same JSON (the Python layer turns it into DataFrames)
//! and the Monte Carlo draws as a NumPy array.

use std::path::PathBuf;
use std::sync::Arc;

use greenlca::analysis::compare;
use greenlca::analysis::ecodesign::{
    DeclarationPolicy, SpecInputs, check, decide, indicative_shares, pass_probabilities,
};
use greenlca::analysis::sensitivity::{SobolPart, SobolRun, coefficients, one_at_a_time, product_inputs};
use greenlca::calc::{Engine, Study};
use greenlca::io::load_model;
use greenlca::matrix::UnlinkedPolicy;
use greenlca::report::Linking;
use greenlca::report::{
    AnalyticCategory, AnalyticReport, CalcReport, CategorySummary, CheckReport, CompareReport, ContribOptions,
    ContribReport, McReport, OatReport, PairedReport, Render, SobolReport,
};
use greenlca::uncertainty::Spread;
use greenlca::uncertainty::{McRun, ProductRun, run_model};
use numpy::{PyArray1, PyArray2};
use pyo3::prelude::*;
use pyo3::types::PyTuple;

use crate::draws::to_array;
use crate::errors::{unknown, usage};
use crate::interrupt::run;

type Sets = Vec<(String, f64)>;

/// A product model on its background database, factorized once for all variants.
#[pyclass(frozen, name = "Study", module = "greenlca._greenlca")]
pub struct PyStudy {
    study: Arc<Study>,
    engine: Engine,
    model: PathBuf,
}

#[pymethods]
impl PyStudy {
    /// Reads the model (and its database and methods) and factorizes the background.
    #[new]
    #[pyo3(signature = (model, db=None, methods=Vec::new(), unlinked=None))]
    fn new(
        py: Python<'_>,
        model: PathBuf,
        db: Option<PathBuf>,
        methods: Vec<String>,
        unlinked: Option<&str>,
    ) -> PyResult<Self> {
        let given = match unlinked {
            None => None,
            Some(u) => Some(
                UnlinkedPolicy::parse(u)
                    .ok_or_else(|| usage(&format!("unlinked=`{u}` is not a policy"), "use error, warn or cutoff"))?,
            ),
        };
        let path = model.clone();
        let (study, engine) = run(py, move |_| {
            let inputs = load_model(&path, db.as_deref(), &methods)?;
            // As on the command line: the policy given, else the one the database records.
            let policy = UnlinkedPolicy::for_database(given, &inputs.database.meta);
            let study = Study::new(inputs, policy)?;
            let engine = study.engine()?;
            Ok((study, engine))
        })?;
        Ok(PyStudy { study: Arc::new(study), engine, model })
    }

    /// The product's name.
    #[getter]
    fn product(&self) -> String {
        self.study.inputs.model.product.name.clone()
    }

    /// `base` and every variant of the model.
    #[getter]
    fn variants(&self) -> Vec<String> {
        self.study.inputs.model.variant_ids()
    }

    /// The categories as (id, method, name, unit).
    #[getter]
    fn categories(&self) -> Vec<(String, String, String, String)> {
        let cats = &self.study.characterization.categories;
        cats.iter().map(|c| (c.id.clone(), c.method.clone(), c.name.clone(), c.unit.clone())).collect()
    }

    /// Warnings of the build (unlinked inputs under the `warn` policy).
    #[getter]
    fn warnings(&self) -> Vec<String> {
        self.study.warnings().iter().map(ToString::to_string).collect()
    }

    /// The JSON of `greenlca calc`.
    fn calc_json(&self, py: Python<'_>, variants: Vec<String>, sets: Sets, top: usize) -> PyResult<String> {
        run(py, |_| {
            let results = self.study.assess_variants(&self.engine, &variants, &sets)?;
            Ok(CalcReport::build(&self.study, &self.engine, &results, top).json())
        })
    }

    /// The JSON of `greenlca contrib`.
    fn contrib_json(
        &self,
        py: Python<'_>,
        variant: String,
        categories: Vec<String>,
        sets: Sets,
        options: (usize, f64, usize),
    ) -> PyResult<String> {
        let (top, cutoff, depth) = options;
        if !(0.0..1.0).contains(&cutoff) {
            return Err(usage(&format!("cutoff {cutoff} is outside [0, 1)"), "give a share of the total, e.g. 0.01"));
        }
        let ch = &self.study.characterization;
        let cats: Vec<usize> = if categories.is_empty() {
            (0..ch.k()).collect()
        } else {
            let ids: Vec<&str> = ch.categories.iter().map(|c| c.id.as_str()).collect();
            categories
                .iter()
                .map(|c| {
                    ch.category(c).ok_or_else(|| {
                        unknown(&format!("unknown category `{c}`"), &format!("choose one of: {}", ids.join(", ")))
                    })
                })
                .collect::<PyResult<_>>()?
        };
        let opts = ContribOptions { top, cutoff, depth };
        run(py, |_| Ok(ContribReport::compute(&self.study, &variant, &sets, &cats, opts)?.json()))
    }

    /// The JSON of `greenlca compare` (with `--mc N` when `mc` is given).
    fn compare_json(
        &self,
        py: Python<'_>,
        variants: Vec<String>,
        baseline: String,
        sets: Sets,
        mc: Option<(usize, u64)>,
    ) -> PyResult<String> {
        run(py, |progress| {
            let results = self.study.assess_variants(&self.engine, &variants, &sets)?;
            let cmp = compare(&results, &baseline).ok_or_else(|| {
                greenlca::Error::new(
                    greenlca::ErrorKind::UnknownId,
                    greenlca::Location::entity("baseline"),
                    format!("baseline `{baseline}` was not computed"),
                    "name one of the variants compared",
                )
            })?;
            let m = &self.study.inputs.model.product;
            let mut report = CompareReport::new(&m.name, &m.functional_unit, categories(&self.study), &cmp);
            report.linking = Some(Linking::of(&self.study.system.links));
            if let Some(n_seed) = mc {
                report.paired = Some(PairedReport::run(&self.study, &variants, &baseline, n_seed, &sets, progress)?.0);
                // The same spread check as the command line's (the background's share of the variance).
                report.spread = Some(Spread::of_study(&self.study, &variants, &sets, n_seed.1, n_seed.0)?);
            }
            Ok(report.json())
        })
    }

    /// The JSON of `greenlca check` and whether every variant passes.
    #[pyo3(signature = (spec, evidence, variants, sets, mc))]
    fn check_json(
        &self,
        py: Python<'_>,
        spec: Option<PathBuf>,
        evidence: Option<PathBuf>,
        variants: Vec<String>,
        sets: Sets,
        mc: Option<(usize, u64)>,
    ) -> PyResult<(String, bool)> {
        run(py, |progress| {
            let study = &self.study;
            let si = SpecInputs::load(study, spec.as_deref(), evidence.as_deref())?;
            let mut results = Vec::new();
            let mut shares = Vec::new();
            for v in &variants {
                let fg = study.resolve(v, &sets)?;
                let own = study.engine_for(&fg)?;
                let eng = own.as_ref().unwrap_or(&self.engine);
                let r = study.assess(eng, &fg)?;
                results.push(check(&si.setup(), study, eng, &fg, &r)?);
                shares.push(indicative_shares(study, eng, &fg, &si.spec)?);
            }
            let probabilities = match mc {
                Some(n_seed) => {
                    Some((n_seed.0, pass_probabilities(study, &si, &variants, n_seed, &sets, &results, progress)?))
                }
                None => None,
            };
            // The self-declaration decision with the command line's default thresholds.
            let decisions: Vec<_> = results
                .iter()
                .enumerate()
                .map(|(i, c)| {
                    let p = probabilities.as_ref().map(|(n, p)| (p[i].0, *n));
                    decide(&si.spec, c, &shares[i], p, &DeclarationPolicy::default())
                })
                .collect();
            let mut report = CheckReport::new(&si.spec, &study.inputs.model.product.name, &results, probabilities);
            report.set_declarations(&decisions);
            report.linking = Some(Linking::of(&study.system.links));
            if let Some((n, seed)) = mc {
                report.spread = Some(Spread::of_study(study, &variants, &sets, seed, n)?);
            }
            Ok((report.json(), report.all_pass()))
        })
    }

    /// `greenlca mc`: the summary's JSON, the labels of the outputs and the draws (iterations x
    /// outputs).
    fn mc<'py>(
        &self,
        py: Python<'py>,
        variants: Vec<String>,
        sets: Sets,
        iterations: usize,
        seed: u64,
        stages: bool,
    ) -> PyResult<(String, Vec<String>, Bound<'py, PyArray2<f64>>)> {
        let mc = McRun { iterations, seed, range: 0..iterations };
        let (draws, summary) = run(py, |progress| {
            let product = ProductRun { model: &self.model, variants: &variants, sets: &sets, stages };
            let (draws, units) = run_model(&self.study, &product, &mc, progress)?;
            let summary = McReport::with_units(&draws, &units).json();
            Ok((draws, summary))
        })?;
        let labels = draws.labels.clone();
        Ok((summary, labels, to_array(py, draws)?))
    }

    /// The JSON of `greenlca sensitivity --oat`.
    fn oat_json(&self, py: Python<'_>, variant: String, sets: Sets) -> PyResult<String> {
        run(py, |_| {
            let oat = one_at_a_time(&self.study, &self.engine, &variant, &sets)?;
            let mut report = OatReport::new(&variant, &categories(&self.study), &oat);
            report.linking = Some(Linking::of(&self.study.system.links));
            Ok(report.json())
        })
    }

    /// The JSON of `greenlca sensitivity --analytic`.
    fn analytic_json(&self, py: Python<'_>, variant: String, sets: Sets, top: usize) -> PyResult<String> {
        run(py, |_| {
            let study = &self.study;
            let fg = study.resolve(&variant, &sets)?;
            let own = study.engine_for(&fg)?;
            let engine = own.as_ref().unwrap_or(&self.engine);
            let result = study.assess(engine, &fg)?;
            let cats = categories(study)
                .iter()
                .enumerate()
                .map(|(k, c)| AnalyticCategory::new(c, result.totals[k], coefficients(engine, &fg, &result, k), top))
                .collect();
            Ok(AnalyticReport {
                schema: "greenlca.sensitivity-analytic",
                variant: variant.clone(),
                categories: cats,
                linking: Some(Linking::of(&study.system.links)),
            }
            .json())
        })
    }

    /// The JSON of `greenlca sensitivity --sobol N`.
    fn sobol_json(
        &self,
        py: Python<'_>,
        variant: String,
        sets: Sets,
        n: usize,
        seed: u64,
        bootstrap: usize,
    ) -> PyResult<String> {
        if n < 10 {
            return Err(usage(&format!("sobol n={n} is too small"), "use at least a few hundred rows"));
        }
        run(py, |progress| {
            let inp = product_inputs(&self.study, &variant, &sets)?;
            if inp.is_empty() {
                return Err(greenlca::Error::new(
                    greenlca::ErrorKind::Invalid,
                    greenlca::Location::file(&self.model),
                    "the model has no uncertain parameters or exchanges",
                    "give parameters an `uncertainty` (docs/uncertainty.md) to compute Sobol indices",
                ));
            }
            let run = SobolRun { model: &self.model, variant: &variant, sets: &sets, seed, n, bootstrap };
            let part = SobolPart::evaluate(&self.study, &self.engine, &run, &inp, 0..n, progress)?;
            Ok(SobolReport::from_part(&part).json())
        })
    }

    /// The product system of `variant` as matrices (what `export` writes): A, B and C as COO
    /// triplets, the demand (1 of the product, the last process) and the process and flow ids.
    fn matrices<'py>(&self, py: Python<'py>, variant: String, sets: Sets) -> PyResult<Bound<'py, PyTuple>> {
        let study = &self.study;
        let system = run(py, |_| {
            let fg = study.resolve(&variant, &sets)?;
            if !fg.db_overrides.is_empty() {
                return Err(db_override_error(&variant));
            }
            Ok(greenlca::matrix::with_product(&study.system, &fg, &study.inputs.model.product.name))
        })?;
        let (n, m, k) = (system.n(), system.m(), study.characterization.k());
        let coo = |e: &greenlca::matrix::Entries, shape: (usize, usize)| -> PyResult<Bound<'py, PyTuple>> {
            let idx = |v: &[usize]| PyArray1::from_vec(py, v.iter().map(|&i| i as i64).collect::<Vec<i64>>());
            (idx(&e.rows), idx(&e.cols), PyArray1::from_slice(py, &e.values), shape).into_pyobject(py)
        };
        let mut demand = vec![0.0; n];
        demand[n - 1] = 1.0;
        let processes: Vec<String> = system.columns.iter().map(|c| c.id.clone()).collect();
        let flows: Vec<String> = system.flows.iter().map(|f| f.id.clone()).collect();
        (
            coo(&system.a, (n, n))?,
            coo(&system.b, (m, n))?,
            coo(&study.characterization.c, (k, m))?,
            PyArray1::from_vec(py, demand),
            processes,
            flows,
        )
            .into_pyobject(py)
    }

    /// `greenlca export --matrices DIR`: the product system as a matrix exchange folder.
    fn export(&self, py: Python<'_>, dir: PathBuf, variant: String, sets: Sets, force: bool) -> PyResult<()> {
        if dir.is_dir() && std::fs::read_dir(&dir).map(|mut d| d.next().is_some()).unwrap_or(false) && !force {
            return Err(usage(
                &format!("{} is not empty", dir.display()),
                "choose an empty folder, or pass force=True to overwrite the files there",
            ));
        }
        run(py, |_| {
            let study = &self.study;
            let fg = study.resolve(&variant, &sets)?;
            if !fg.db_overrides.is_empty() {
                return Err(db_override_error(&variant));
            }
            let system = greenlca::matrix::with_product(&study.system, &fg, &study.inputs.model.product.name);
            let product = system.n() - 1;
            let mut files =
                greenlca::io::matrices::exchange_folder_files(&system, &study.characterization, &[(product, 1.0)]);
            files.extend(greenlca::io::matrices::mtx_files(&system, &study.characterization)?);
            greenlca::report::write_all_atomic(&dir, &files)
        })
    }
}

/// A variant that changes database parameters has a background of its own, not the study's.
fn db_override_error(variant: &str) -> greenlca::Error {
    greenlca::Error::new(
        greenlca::ErrorKind::Invalid,
        greenlca::Location::entity(format!("variant `{variant}`")),
        format!("variant `{variant}` changes database parameters"),
        "export the database with those values first",
    )
}

/// The categories of a study, for reports (as the command line lists them).
fn categories(study: &Study) -> Vec<CategorySummary> {
    CategorySummary::of_study(study)
}
