//! The native half of the `newsnlp` Python package: the pipeline, batch runs
//! into in-memory tables, and single documents, over newsnlp's public API.
//!
//! The Python half (`python/newsnlp/`) turns the sources a user has (paths,
//! lists, data frames) into what this module takes, and the Arrow streams
//! it returns into `pyarrow.Table`s. Everything slow runs with the GIL
//! released ([`Python::detach`]); the GIL is taken back only to pull items
//! from a Python iterable (`records.rs`), to report progress and to check for
//! Ctrl-C between chunks. A panic of the library becomes a
//! `newsnlp.InternalError`, never an abort of the interpreter.

mod arrow;
mod records;

use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use newsnlp::batch::{self, BatchOptions, ClusterStage, IdentityStage, Progress, StreamStage};
use newsnlp::config::{ClusterMethod, NerBackend, TopicBackend};
use newsnlp::export::{MemorySink, TableFormat, Tables};
use newsnlp::identity::{DumpEvidence, MergeSummary};
use newsnlp::ingest::{ArticleSource, GivenRecord, GivenSource, InvalidUtf8, MultiSource};
use newsnlp::report::{ReportFormat, TextOptions};
use newsnlp::{Document, Outcome, PipelineConfig};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyList};

use records::{FieldNames, PyErrSlot, PyRecords, Stoppable};

// The CLI's allocator, for the Rust side only (Python's objects keep Python's): a run allocates and frees many
// small strings and vectors per article, and glibc's malloc took about a tenth of the CPU of a run (`perf`).
// Arrow buffers handed to pyarrow are freed by their release callback, which runs here, with this allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The Python exception for a library error: a subclass of `newsnlp.Error` by its kind, with the chain of
/// causes in the message.
fn py_error(e: &newsnlp::Error) -> PyErr {
    use newsnlp::ErrorKind as K;
    let class = match e.kind() {
        K::Config { .. } => "ConfigError",
        K::Io { .. } | K::Input { .. } => "InputError",
        K::Model { .. } | K::FeatureDisabled { .. } => "ModelError",
        _ => "Error",
    };
    let mut message = e.to_string();
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        message.push_str(&format!(": {c}"));
        cause = c.source();
    }
    raise(class, message)
}

/// An instance of the exception class `class` of `newsnlp._errors`.
fn raise(class: &str, message: String) -> PyErr {
    Python::attach(|py| {
        let made = py.import("newsnlp._errors").and_then(|m| m.getattr(class)).and_then(|c| c.call1((message.clone(),)));
        match made {
            Ok(instance) => PyErr::from_value(instance),
            Err(e) => e,
        }
    })
}

/// Runs `f`, turning a panic into `newsnlp.InternalError`.
fn guarded<T>(f: impl FnOnce() -> PyResult<T>) -> PyResult<T> {
    match catch_unwind(AssertUnwindSafe(f)) {
        Ok(r) => r,
        Err(panic) => {
            let what = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_else(|| "unknown panic".into());
            Err(raise("InternalError", format!("newsnlp failed inside (a bug; please report it): {what}")))
        }
    }
}

/// The analysis pipeline, loaded once; share it between threads.
#[pyclass(frozen, module = "newsnlp._newsnlp", name = "Pipeline")]
struct PyPipeline {
    pipeline: Arc<newsnlp::Pipeline>,
    config: PipelineConfig,
    jobs: usize,
}

fn parse<T: std::str::FromStr<Err = newsnlp::Error>>(s: Option<&str>) -> PyResult<Option<T>> {
    s.map(|s| s.parse::<T>().map_err(|e| py_error(&e))).transpose()
}

#[pymethods]
impl PyPipeline {
    #[new]
    #[pyo3(signature = (*, config=None, models_dir=None, rules=None, ner=None, ner_backend=None, ner_model=None,
        topics=None, topic_backend=None, topic_model=None, clusters=None, cluster_method=None, text_field=None,
        id_field=None, title_field=None, url_field=None, published_field=None, max_article_bytes=None,
        invalid_utf8=None, jobs=None, identity=None))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        config: Option<PathBuf>,
        models_dir: Option<PathBuf>,
        rules: Option<PathBuf>,
        ner: Option<bool>,
        ner_backend: Option<&str>,
        ner_model: Option<PathBuf>,
        topics: Option<bool>,
        topic_backend: Option<&str>,
        topic_model: Option<PathBuf>,
        clusters: Option<bool>,
        cluster_method: Option<&str>,
        text_field: Option<String>,
        id_field: Option<String>,
        title_field: Option<String>,
        url_field: Option<String>,
        published_field: Option<String>,
        max_article_bytes: Option<usize>,
        invalid_utf8: Option<&str>,
        jobs: Option<usize>,
        identity: Option<bool>,
    ) -> PyResult<PyPipeline> {
        // The same layering as the CLI's flags: the config file (or the defaults), then each option given.
        let mut c = match &config {
            Some(path) => PipelineConfig::from_toml_file(path).map_err(|e| py_error(&e))?,
            None => PipelineConfig::default(),
        };
        if models_dir.is_some() {
            c.models_dir = models_dir;
        }
        if rules.is_some() {
            c.entities.rules = rules;
        }
        if let Some(on) = ner {
            c.entities.tagger.enabled = on;
        }
        if let Some(b) = parse::<NerBackend>(ner_backend)? {
            c.entities.tagger.backend = b;
        }
        if ner_model.is_some() {
            c.entities.tagger.model = ner_model;
        }
        if let Some(on) = topics {
            c.topics.enabled = on;
        }
        if let Some(b) = parse::<TopicBackend>(topic_backend)? {
            c.topics.backend = b;
        }
        if topic_model.is_some() {
            c.topics.model = topic_model;
        }
        if let Some(on) = clusters {
            c.clusters.enabled = on;
        }
        if let Some(m) = parse::<ClusterMethod>(cluster_method)? {
            c.clusters.enabled = true;
            c.clusters.method = m;
        }
        let i = &mut c.ingest;
        for (slot, v) in [
            (&mut i.text_field, text_field),
            (&mut i.id_field, id_field),
            (&mut i.title_field, title_field),
            (&mut i.url_field, url_field),
            (&mut i.published_field, published_field),
        ] {
            if let Some(v) = v {
                *slot = v;
            }
        }
        if let Some(on) = identity {
            c.identity.enabled = on;
        }
        if let Some(b) = max_article_bytes {
            i.max_article_bytes = b;
        }
        match invalid_utf8 {
            None => {}
            Some("reject") => i.invalid_utf8 = InvalidUtf8::Reject,
            Some("lossy") => i.invalid_utf8 = InvalidUtf8::Lossy,
            Some(other) => {
                return Err(raise("ConfigError", format!("invalid_utf8: `{other}`: expected \"reject\" or \"lossy\"")))
            }
        }
        c.validate().map_err(|e| py_error(&e))?;
        let loaded = py.detach(|| guarded(|| newsnlp::Pipeline::from_config(&c).map_err(|e| py_error(&e))))?;
        let jobs = jobs.unwrap_or_else(|| BatchOptions::default().jobs).max(1);
        Ok(PyPipeline { pipeline: Arc::new(loaded), config: c, jobs })
    }

    /// The settings of this pipeline as TOML (what `newsnlp config` prints; `config=` reads it back).
    fn config_toml(&self) -> PyResult<String> {
        self.config.clone().resolved().to_toml_string().map_err(|e| py_error(&e))
    }

    /// Worker threads of a run.
    #[getter]
    fn jobs(&self) -> usize {
        self.jobs
    }

    /// Analyses the files and folders `paths` (any input `newsnlp analyze` reads) into tables.
    #[pyo3(signature = (paths, *, jobs=None, progress=None, rust_bar=false, defer_identity=false))]
    fn analyze_paths(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        jobs: Option<usize>,
        progress: Option<Py<PyAny>>,
        rust_bar: bool,
        defer_identity: bool,
    ) -> PyResult<PyTables> {
        let total: u64 = paths.iter().filter(|p| p.is_file()).filter_map(|p| std::fs::metadata(p).ok()).map(|m| m.len()).sum();
        let source = MultiSource::new(paths, self.config.ingest.options()).map_err(|e| py_error(&e))?;
        let run = Run { jobs, progress, rust_bar, total_bytes: total, source_error: None, defer_identity };
        self.run(py, Box::new(source), run)
    }

    /// Analyses the items of a Python iterable: strings, bytes, None, or dicts with a text field and optional
    /// id, title, url, published and html fields. With `defer_identity`, the dump is not resolved: the ids stay
    /// provisional and `Tables.evidence()` gives the evidence, for `resolve_identity` over several runs.
    #[pyo3(signature = (items, *, name="input", jobs=None, progress=None, rust_bar=false, total_bytes=0, defer_identity=false))]
    #[allow(clippy::too_many_arguments)]
    fn analyze_items(
        &self,
        py: Python<'_>,
        items: &Bound<'_, PyAny>,
        name: &str,
        jobs: Option<usize>,
        progress: Option<Py<PyAny>>,
        rust_bar: bool,
        total_bytes: u64,
        defer_identity: bool,
    ) -> PyResult<PyTables> {
        let iter: Py<PyIterator> = items.try_iter()?.unbind();
        let error = PyErrSlot::default();
        let options = self.config.ingest.options();
        let records = PyRecords::new(iter, FieldNames::of(&options), error.clone());
        let source = GivenSource::new(name, records, options);
        let run = Run { jobs, progress, rust_bar, total_bytes, source_error: Some(error), defer_identity };
        self.run(py, Box::new(source), run)
    }

    /// Analyses one article; `None` when it is rejected, with the reason as the second item.
    #[pyo3(signature = (text, *, id=None, title=None, url=None, published=None))]
    fn analyze_one(
        &self,
        py: Python<'_>,
        text: String,
        id: Option<String>,
        title: Option<String>,
        url: Option<String>,
        published: Option<String>,
    ) -> PyResult<(Option<PyDoc>, Option<String>)> {
        let given = GivenRecord { id, title, url, published, ..GivenRecord::text(text) };
        let options = self.config.ingest.options();
        let mut source = GivenSource::infallible("text", std::iter::once(given), options);
        let pipeline = self.pipeline.clone();
        py.detach(|| {
            guarded(|| {
                let record = source.next().expect("one record").map_err(|e| py_error(&e))?;
                Ok(match pipeline.process(record) {
                    Outcome::Ok(doc) => {
                        let tables = one_article_tables(Outcome::Ok(doc.clone()))?;
                        (Some(PyDoc { doc: *doc, tables }), None)
                    }
                    Outcome::Rejected(r) => (None, Some(format!("{} ({})", r.reason, r.reason.code()))),
                })
            })
        })
    }
}

/// The table rows of one outcome.
fn one_article_tables(outcome: Outcome) -> PyResult<Tables> {
    use newsnlp::export::Sink;
    let (mut sink, slot) = MemorySink::new().map_err(|e| py_error(&e))?;
    sink.write_outcomes(&[outcome]).map_err(|e| py_error(&e))?;
    Box::new(sink).finish().map_err(|e| py_error(&e))?;
    slot.take().ok_or_else(|| raise("InternalError", "the tables of one article were not kept".into()))
}

/// How a batch run goes, besides its source.
struct Run {
    jobs: Option<usize>,
    progress: Option<Py<PyAny>>,
    rust_bar: bool,
    total_bytes: u64,
    source_error: Option<PyErrSlot>,
    /// Keep the identity evidence instead of resolving the dump (a Spark task: the driver resolves them all).
    defer_identity: bool,
}

impl PyPipeline {
    fn run(&self, py: Python<'_>, source: Box<dyn ArticleSource>, run: Run) -> PyResult<PyTables> {
        let Run { jobs, progress, rust_bar, total_bytes, source_error, defer_identity } = run;
        let stop = Arc::new(AtomicBool::new(false));
        let source = Box::new(Stoppable { inner: source, stop: stop.clone() });
        let mut stages: Vec<Box<dyn StreamStage>> = Vec::new();
        if let Some(c) = newsnlp::pipeline::story_clusterer(&self.config).map_err(|e| py_error(&e))? {
            stages.push(Box::new(ClusterStage::new(c)));
        }
        // As `newsnlp analyze` does, after the clusters: the evidence of the run, resolved once it has finished.
        let evidence = self.config.identity.enabled.then(|| {
            let (stage, slot) = IdentityStage::in_memory();
            stages.push(Box::new(stage));
            slot
        });
        let (sink, slot) = MemorySink::new().map_err(|e| py_error(&e))?;
        let options = BatchOptions { jobs: jobs.unwrap_or(self.jobs).max(1), ..BatchOptions::default() };
        let bar = rust_bar.then(|| bar(total_bytes));
        let mut interrupted: Option<PyErr> = None;
        let mut callback_error: Option<PyErr> = None;
        let pipeline = self.pipeline.clone();
        let result = py.detach(|| {
            guarded(|| {
                let mut on_progress = |p: &Progress| {
                    if let Some(bar) = &bar {
                        bar.set_position(p.bytes);
                        bar.set_message(format!("{} records, {} rejected", p.records, p.rejected));
                    }
                    if stop.load(Ordering::Relaxed) {
                        return;
                    }
                    Python::attach(|py| {
                        if let Err(e) = py.check_signals() {
                            interrupted = Some(e);
                            stop.store(true, Ordering::Relaxed);
                        } else if let Some(cb) = &progress {
                            if let Err(e) = cb.call1(py, (p.records, p.rejected, p.bytes)) {
                                callback_error = Some(e);
                                stop.store(true, Ordering::Relaxed);
                            }
                        }
                    });
                };
                Ok(batch::run(source, &pipeline, stages, Box::new(sink), &options, &mut on_progress))
            })
        })?;
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
        if let Some(e) = interrupted.or(callback_error) {
            return Err(e);
        }
        if let Some(e) = source_error.and_then(|s| s.lock().unwrap_or_else(|p| p.into_inner()).take()) {
            return Err(e);
        }
        let summary = result.map_err(|e| py_error(&e))?;
        let mut tables = slot.take().ok_or_else(|| raise("InternalError", "the run kept no tables".into()))?;
        let evidence = evidence.and_then(|slot| slot.take());
        let (mut kept, mut identity) = (None, None);
        if let Some(evidence) = evidence {
            if defer_identity {
                kept = Some(evidence.to_jsonl().map_err(|e| py_error(&e))?);
            } else {
                // On the run's threads, as `newsnlp analyze` resolves its dump.
                let pool = batch::worker_pool(options.jobs).map_err(|e| py_error(&e))?;
                let resolved = py.detach(|| {
                    guarded(|| pool.install(|| evidence.resolve().apply(&mut tables)).map_err(|e| py_error(&e)))
                })?;
                identity = Some(resolved);
            }
        }
        let summary = Python::attach(|py| -> PyResult<Py<PyDict>> {
            let d = PyDict::new(py);
            d.set_item("records", summary.records)?;
            d.set_item("ok", summary.ok)?;
            d.set_item("rejected", summary.rejected)?;
            d.set_item("rejected_by_reason", summary.rejected_by_reason.clone())?;
            d.set_item("bytes", summary.bytes)?;
            d.set_item("words", summary.words)?;
            d.set_item("seconds", summary.seconds)?;
            if let Some(m) = &identity {
                d.set_item("identity", identity_counts(py, m)?)?;
            }
            Ok(d.unbind())
        })?;
        Ok(PyTables { tables: Arc::new(tables), summary, evidence: kept })
    }
}

/// What the end-of-run resolution did, for `Tables.summary["identity"]`.
fn identity_counts<'py>(py: Python<'py>, m: &MergeSummary) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item("resolved", m.resolved)?;
    d.set_item("dump_entities", m.dump_entities)?;
    d.set_item("rows_changed", m.rows_changed)?;
    Ok(d)
}

/// The Rust progress bar on stderr, by bytes when the input size is known.
fn bar(total_bytes: u64) -> ProgressBar {
    let (bar, template) = if total_bytes > 0 {
        (ProgressBar::with_draw_target(Some(total_bytes), ProgressDrawTarget::stderr()),
         "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({bytes_per_sec}, ETA {eta}) {msg}")
    } else {
        (ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr()), "{spinner} [{elapsed_precise}] {bytes} ({bytes_per_sec}) {msg}")
    };
    bar.set_style(ProgressStyle::with_template(template).unwrap_or_else(|_| ProgressStyle::default_bar()));
    bar
}

/// The tables of a run, in memory.
#[pyclass(frozen, module = "newsnlp._newsnlp", name = "Tables")]
struct PyTables {
    tables: Arc<Tables>,
    summary: Py<PyDict>,
    /// The identity evidence of a run with `defer_identity`, as the lines of an evidence file.
    evidence: Option<Vec<u8>>,
}

#[pymethods]
impl PyTables {
    /// The tables' names, in writing order.
    fn names(&self) -> Vec<&'static str> {
        self.tables.names()
    }

    /// The table `name` as an Arrow stream: in the Parquet files' Arrow types, or with `views`, in polars' own
    /// (string views), which polars takes without a copy.
    #[pyo3(signature = (name, views=false))]
    fn stream(&self, name: &str, views: bool) -> PyResult<arrow::ArrowStream> {
        let t = self.tables.get(name).ok_or_else(|| raise("Error", format!("no table named `{name}`")))?;
        Ok(arrow::ArrowStream::new(t.frame().clone(), views))
    }

    /// The run's counts: records, ok, rejected (and by reason), bytes, words, seconds.
    #[getter]
    fn summary(&self, py: Python<'_>) -> Py<PyDict> {
        self.summary.clone_ref(py)
    }

    /// The identity evidence of a run with `defer_identity` (JSON Lines), else None.
    fn evidence<'py>(&self, py: Python<'py>) -> Option<Bound<'py, PyBytes>> {
        self.evidence.as_ref().map(|e| PyBytes::new(py, e))
    }

    /// Writes every table to `dir` as `newsnlp analyze -o DIR --format FORMAT` does; returns rows per table.
    #[pyo3(signature = (dir, format="parquet"))]
    fn write(&self, py: Python<'_>, dir: PathBuf, format: &str) -> PyResult<Vec<(&'static str, u64)>> {
        let format = TableFormat::parse(format).map_err(|e| py_error(&e))?;
        let tables = self.tables.clone();
        let counts = py.detach(|| guarded(|| tables.write(&dir, format).map_err(|e| py_error(&e))))?;
        Ok(counts.into_iter().collect())
    }
}

/// One analysed article.
#[pyclass(frozen, module = "newsnlp._newsnlp", name = "Doc")]
struct PyDoc {
    doc: Document,
    tables: Tables,
}

#[pymethods]
impl PyDoc {
    /// The article id.
    #[getter]
    fn id(&self) -> &str {
        &self.doc.id
    }

    /// The headline.
    #[getter]
    fn title(&self) -> Option<&str> {
        self.doc.meta.title.as_deref()
    }

    /// The clean body: paragraphs separated by a blank line; every offset indexes it.
    #[getter]
    fn body(&self) -> &str {
        &self.doc.body
    }

    /// The body's language, ISO 639-3, or None.
    #[getter]
    fn language(&self) -> Option<&'static str> {
        self.doc.language.map(|l| l.code)
    }

    /// Topic scores, best first, as dicts with `label` and `score`.
    #[getter]
    fn topics<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyList>> {
        let list = PyList::empty(py);
        for t in &self.doc.topics {
            let d = PyDict::new(py);
            d.set_item("label", &t.label)?;
            d.set_item("score", t.score)?;
            list.append(d)?;
        }
        Ok(list)
    }

    /// The names of the tables with rows for this article.
    fn table_names(&self) -> Vec<&'static str> {
        self.tables.names()
    }

    /// The article's rows of table `name`, as dicts with the table's columns.
    fn rows<'py>(&self, py: Python<'py>, name: &str) -> PyResult<Bound<'py, PyList>> {
        let t = self.tables.get(name).ok_or_else(|| raise("Error", format!("no table named `{name}`")))?;
        let out = PyList::empty(py);
        for batch in t.batches().map_err(|e| py_error(&e))? {
            for row in arrow::rows(py, &batch)?.iter() {
                out.append(row)?;
            }
        }
        Ok(out)
    }

    /// The report of the article: `text`, `markdown`, `json` or `html` (a self-contained page).
    #[pyo3(signature = (format="text"))]
    fn report(&self, format: &str) -> PyResult<String> {
        let format = ReportFormat::parse(format).map_err(|e| py_error(&e))?;
        guarded(|| Ok(newsnlp::report::render(&self.doc, format, &TextOptions::default())))
    }
}

/// Computes the corpus-level tables of `newsnlp stats` from the Parquet tables in `tables_dir` and writes them
/// to `out_dir` as Parquet; returns the names of the tables written.
#[pyfunction]
#[pyo3(signature = (tables_dir, out_dir, *, min_count=2, period="month", top_topics=3))]
fn stats(
    py: Python<'_>,
    tables_dir: PathBuf,
    out_dir: PathBuf,
    min_count: u64,
    period: &str,
    top_topics: usize,
) -> PyResult<Vec<&'static str>> {
    use newsnlp::stats::{Period, Stats, StatsOptions};
    let options = StatsOptions { min_count, period: Period::parse(period).map_err(|e| py_error(&e))?, top_topics };
    py.detach(|| {
        guarded(|| {
            let stats = Stats::compute(&tables_dir, &options).map_err(|e| py_error(&e))?;
            stats.write(&out_dir, TableFormat::Parquet).map_err(|e| py_error(&e))?;
            Ok(newsnlp::export::schema::stats_tables().iter().map(|t| t.name).collect())
        })
    })
}

/// `(entity_id, global_id, label)` rows.
type Assigned = Vec<(String, String, String)>;

/// Resolves the identity evidence of several runs of one dump (the `evidence()` of each): returns
/// `(entity_id, global_id, label)` for every article-level entity, the exceptions (rows of an entity whose
/// `global_id` is already the listed one keep it and take its label), and the `dump_entities` table.
#[pyfunction]
fn resolve_identity(py: Python<'_>, evidence: Vec<Vec<u8>>) -> PyResult<(Assigned, Assigned, arrow::ArrowStream)> {
    py.detach(|| {
        guarded(|| {
            let mut all = DumpEvidence::default();
            for part in &evidence {
                all.extend(DumpEvidence::from_jsonl(part).map_err(|e| py_error(&e))?);
            }
            let identity = all.resolve();
            let owned = |rows: Vec<(&str, &str, &str)>| rows.into_iter().map(|(e, g, l)| (e.to_string(), g.to_string(), l.to_string())).collect();
            let (assigned, split) = (owned(identity.assignments()), owned(identity.split_assignments()));
            // An empty set of tables gains just `dump_entities`.
            let mut tables = Tables::default();
            identity.apply(&mut tables).map_err(|e| py_error(&e))?;
            let dump = tables.get(newsnlp::export::schema::DUMP_ENTITIES.name).expect("apply adds dump_entities");
            Ok((assigned, split, arrow::ArrowStream::new(dump.frame().clone(), false)))
        })
    })
}

#[pymodule]
fn _newsnlp(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_function(wrap_pyfunction!(stats, m)?)?;
    m.add_function(wrap_pyfunction!(resolve_identity, m)?)?;
    m.add_class::<PyPipeline>()?;
    m.add_class::<PyTables>()?;
    m.add_class::<PyDoc>()?;
    m.add_class::<arrow::ArrowStream>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
