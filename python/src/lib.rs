//! `newsgraph._newsgraph`: the native half of the Python package (PyO3).
//!
//! Records reach Python as dicts built straight from the Rust record by its `Serialize` impl
//! (`dict.rs`), the same impl that writes `newsgraph analyze`'s JSON, so the dict is that
//! record; no JSON text is written and parsed again on the way. The GIL is released while
//! articles are analyzed; inputs are pulled from the caller's iterable a chunk at a time under
//! the GIL. Store answers (search hits, stats) still come as JSON text that the pure Python half
//! (`newsgraph/__init__.py`) parses: they are few.

use newsgraph::{Article, Engine as RustEngine, Item, Options, Outcome};
use newsgraph_store::{Linked, Query};
use pyo3::create_exception;
use pyo3::exceptions::{PyTypeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyString};

mod dict;
use dict::Keys;
use std::collections::{HashSet, VecDeque};
use std::sync::Mutex;

create_exception!(_newsgraph, NewsgraphError, pyo3::exceptions::PyException);

fn engine_error(e: newsgraph::Error) -> PyErr {
    match e {
        newsgraph::Error::Record(r) => PyValueError::new_err(format!("{}: {}", r.id, r.error)),
        other => NewsgraphError::new_err(other.to_string()),
    }
}

fn store_error(e: newsgraph_store::StoreError) -> PyErr {
    NewsgraphError::new_err(e.to_string())
}

/// A record (or an error record, `{"id", "error"}`) as a Python dict, built under the GIL.
fn to_dict<'py>(
    py: Python<'py>,
    keys: &mut Keys,
    outcome: &Outcome,
) -> PyResult<Bound<'py, PyAny>> {
    match outcome {
        Ok(record) => dict::to_py(py, keys, record),
        Err(e) => dict::to_py(
            py,
            keys,
            &newsgraph_model::record::ErrorRecord {
                id: e.id.clone(),
                error: e.error.clone(),
            },
        ),
    }
}

/// The fields of an input record, as `newsgraph analyze` reads them from a JSON line.
const FIELDS: [&str; 7] = ["id", "text", "html", "url", "title", "published", "source"];

/// One Python input into an item: a `str` is a plain-text article; a dict is an input record;
/// `bytes` are one JSON line of an input record (parsed on the worker threads, as the command
/// line parses its input). A wrong input becomes an error item in its place.
fn item_of(obj: &Bound<'_, PyAny>, position: usize) -> Item {
    let fallback = format!("item {position}");
    if let Ok(line) = obj.cast::<PyBytes>() {
        return Item::Json {
            fallback_id: fallback,
            line: line.as_bytes().to_vec(),
        };
    }
    if let Ok(text) = obj.cast::<PyString>() {
        return match text.to_str() {
            Ok(t) => Article::text(t).into(),
            Err(e) => Item::Error {
                id: fallback,
                error: e.to_string(),
            },
        };
    }
    let Ok(dict) = obj.cast::<PyDict>() else {
        return Item::Error {
            id: fallback,
            error: "an input must be a str (plain text), a dict (an input record) or bytes (a JSON line of one)".into(),
        };
    };
    let mut record = serde_json::Map::new();
    for field in FIELDS {
        let value = match dict.get_item(field) {
            Ok(Some(v)) if !v.is_none() => v,
            _ => continue,
        };
        let json = if let Ok(s) = value.extract::<String>() {
            serde_json::Value::from(s)
        } else if let (true, Ok(n)) = (field == "id", value.extract::<i64>()) {
            serde_json::Value::from(n.to_string())
        } else {
            let id = record
                .get("id")
                .and_then(|v| v.as_str())
                .map(str::to_string)
                .unwrap_or(fallback);
            return Item::Error {
                id,
                error: format!("field `{field}` must be a string"),
            };
        };
        record.insert(field.to_string(), json);
    }
    match newsgraph_io::document_from_value(&serde_json::Value::Object(record)) {
        Ok(doc) => doc.into(),
        Err((id, error)) => Item::Error {
            id: id.unwrap_or(fallback),
            error,
        },
    }
}

/// The caller's iterable as a Rust iterator of items. It runs on a thread that released the GIL,
/// so it takes the GIL back for each pull, and pulls a whole chunk at once to do that rarely.
struct PyInputs {
    iter: Py<PyIterator>,
    buffer: VecDeque<Item>,
    pulled: usize,
    done: bool,
    /// A Python exception raised by the iterable, re-raised once the records before it are out.
    error: Option<PyErr>,
    /// Ids not to analyze (already in the store), and how many inputs had one.
    skip: HashSet<String>,
    skipped: u64,
}

impl PyInputs {
    fn new(iter: Py<PyIterator>, skip: HashSet<String>) -> Self {
        PyInputs {
            iter,
            buffer: VecDeque::new(),
            pulled: 0,
            done: false,
            error: None,
            skip,
            skipped: 0,
        }
    }

    fn pull_chunk(&mut self) {
        Python::attach(|py| {
            let iter = self.iter.bind(py);
            for _ in 0..newsgraph::CHUNK {
                match iter.clone().next() {
                    Some(Ok(obj)) => {
                        let item = item_of(&obj, self.pulled);
                        self.pulled += 1;
                        match &item {
                            Item::Doc(doc) if self.skip.contains(&doc.id) => self.skipped += 1,
                            _ => self.buffer.push_back(item),
                        }
                    }
                    Some(Err(e)) => {
                        self.error = Some(e);
                        self.done = true;
                        break;
                    }
                    None => {
                        self.done = true;
                        break;
                    }
                }
            }
        });
    }
}

impl Iterator for PyInputs {
    type Item = Item;
    fn next(&mut self) -> Option<Item> {
        while self.buffer.is_empty() && !self.done {
            self.pull_chunk();
        }
        self.buffer.pop_front()
    }
}

type Stream = newsgraph::Analyses<PyInputs, Outcome>;

/// The analysis engine. Build it once and reuse it: building compiles the embedded knowledge.
#[pyclass(module = "newsgraph._newsgraph", frozen)]
struct Engine {
    inner: RustEngine,
}

#[pymethods]
impl Engine {
    #[new]
    #[pyo3(signature = (*, stages=None, ner_weights=None, threads=None))]
    fn new(
        py: Python<'_>,
        stages: Option<Vec<String>>,
        ner_weights: Option<std::path::PathBuf>,
        threads: Option<usize>,
    ) -> PyResult<Self> {
        let mut options = Options::default();
        if let Some(stages) = stages {
            options = options.stages(stages);
        }
        if let Some(path) = ner_weights {
            options = options.ner_weights(path);
        }
        if let Some(threads) = threads {
            options = options.threads(threads);
        }
        let inner = py
            .detach(|| RustEngine::with_options(options))
            .map_err(engine_error)?;
        Ok(Engine { inner })
    }

    /// The stages this engine runs, in order.
    #[getter]
    fn stages(&self) -> Vec<&'static str> {
        self.inner.stage_names()
    }

    /// One article as a record (a dict).
    #[pyo3(signature = (text=None, *, html=None, id=None, url=None, title=None, published=None, source=None))]
    #[allow(clippy::too_many_arguments)]
    fn analyze<'py>(
        &self,
        py: Python<'py>,
        text: Option<String>,
        html: Option<String>,
        id: Option<String>,
        url: Option<String>,
        title: Option<String>,
        published: Option<String>,
        source: Option<String>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let mut article = match (text, html) {
            (Some(t), None) => Article::text(t),
            (None, Some(h)) => Article::html(h),
            (Some(_), Some(_)) => {
                return Err(PyValueError::new_err(
                    "give the article's text or its html, not both",
                ))
            }
            (None, None) => return Err(PyTypeError::new_err("give the article's text or html")),
        };
        for (value, set) in [
            (id, Article::id as fn(Article, String) -> Article),
            (url, Article::url),
            (title, Article::title),
            (published, Article::published),
            (source, Article::source),
        ] {
            if let Some(v) = value {
                article = set(article, v);
            }
        }
        let record = py
            .detach(|| self.inner.analyze(article))
            .map_err(engine_error)?;
        to_dict(py, &mut Keys::default(), &Ok(record))
    }

    /// Records (dicts) of an iterable of inputs (str, dict or bytes), in input order.
    #[pyo3(signature = (inputs, threads=0))]
    fn analyze_many(&self, inputs: &Bound<'_, PyAny>, threads: usize) -> PyResult<Records> {
        let iter = inputs.try_iter()?.unbind();
        let stream = self
            .inner
            .analyze_records(PyInputs::new(iter, HashSet::new()), threads)
            .map_err(engine_error)?;
        Ok(Records {
            stream: Mutex::new(Some((stream, Keys::default()))),
        })
    }
}

/// The records of `analyze_many`, one dict at a time.
#[pyclass(module = "newsgraph._newsgraph")]
struct Records {
    /// The analyses, and the Python strings of the record's field names (made once per stream).
    stream: Mutex<Option<(Stream, Keys)>>,
}

#[pymethods]
impl Records {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyAny>>> {
        let mut guard = self
            .stream
            .lock()
            .map_err(|_| NewsgraphError::new_err("the record stream broke in another thread"))?;
        let Some((stream, keys)) = guard.as_mut() else {
            return Ok(None);
        };
        // Analysis runs on the engine's threads; this thread waits without holding the GIL.
        let next = py.detach(|| stream.next());
        match next {
            Some(outcome) => to_dict(py, keys, &outcome).map(Some),
            None => {
                let error = stream.inputs_mut().error.take();
                *guard = None;
                match error {
                    Some(e) => Err(e),
                    None => Ok(None),
                }
            }
        }
    }
}

/// A store file: analyze, link and keep articles; search them.
#[pyclass(module = "newsgraph._newsgraph", frozen)]
struct Store {
    inner: Mutex<newsgraph_store::Store>,
    location: String,
}

impl Store {
    fn lock(&self) -> PyResult<std::sync::MutexGuard<'_, newsgraph_store::Store>> {
        self.inner
            .lock()
            .map_err(|_| NewsgraphError::new_err("the store broke in another thread"))
    }
}

#[pymethods]
impl Store {
    #[new]
    fn new(py: Python<'_>, path: std::path::PathBuf) -> PyResult<Self> {
        let location = path.to_string_lossy().into_owned();
        let inner = py
            .detach(|| newsgraph_store::open(&location))
            .map_err(store_error)?;
        Ok(Store {
            inner: Mutex::new(inner),
            location,
        })
    }

    #[getter]
    fn path(&self) -> &str {
        &self.location
    }

    /// Analyze, link and store every input (str or dict) not stored yet; returns the counts of
    /// articles added, skipped (already stored) and failed, as a JSON object.
    #[pyo3(signature = (engine, inputs, threads=0, batch=500))]
    fn ingest_json(
        &self,
        py: Python<'_>,
        engine: &Engine,
        inputs: &Bound<'_, PyAny>,
        threads: usize,
        batch: usize,
    ) -> PyResult<String> {
        let iter = inputs.try_iter()?.unbind();
        let mut guard = self.lock()?;
        let store: &mut newsgraph_store::Store = &mut guard;
        let engine = &engine.inner;
        let outcome = py.detach(move || -> Result<_, newsgraph_store::StoreError> {
            let already = store.ids()?;
            let mut linker = store.linker()?;
            let mut stream = match engine.analyze_records(PyInputs::new(iter, already), threads) {
                Ok(stream) => stream,
                Err(e) => return Ok(Err(engine_error(e))),
            };
            let mut seen: HashSet<String> = HashSet::new();
            let (mut added, mut repeated, mut failed) = (0u64, 0u64, 0u64);
            let mut linked: Vec<Linked> = Vec::new();
            let mut failures: Vec<(String, String)> = Vec::new();
            for outcome in stream.by_ref() {
                match outcome {
                    // The same id twice in one call: keep the first, as `newsgraph ingest` does.
                    Ok(record) if !seen.insert(record.id.clone()) => repeated += 1,
                    Ok(record) => {
                        let (links, features) = linker.link(&record);
                        added += 1;
                        linked.push(Linked {
                            record,
                            links,
                            features,
                        });
                    }
                    Err(e) => {
                        failed += 1;
                        failures.push((e.id, e.error));
                    }
                }
                if linked.len() + failures.len() >= batch.max(1) {
                    store.write_batch(&linked, &failures)?;
                    linked.clear();
                    failures.clear();
                }
            }
            store.write_batch(&linked, &failures)?;
            let inputs = stream.inputs_mut();
            if let Some(e) = inputs.error.take() {
                return Ok(Err(e));
            }
            let skipped = inputs.skipped + repeated;
            Ok(Ok(
                serde_json::json!({"added": added, "skipped": skipped, "failed": failed}),
            ))
        });
        let report = outcome.map_err(store_error)??;
        Ok(report.to_string())
    }

    /// Full-text search with filters; hits as a JSON array.
    #[pyo3(signature = (text=None, *, actor=None, entity=None, country=None, theme=None, root=None, since=None, until=None, limit=20))]
    #[allow(clippy::too_many_arguments)]
    fn search_json(
        &self,
        py: Python<'_>,
        text: Option<String>,
        actor: Option<String>,
        entity: Option<String>,
        country: Option<String>,
        theme: Option<String>,
        root: Option<String>,
        since: Option<String>,
        until: Option<String>,
        limit: usize,
    ) -> PyResult<String> {
        let query = Query {
            text: text.filter(|t| !t.trim().is_empty()),
            actor,
            entity,
            country,
            theme,
            root,
            since,
            until,
            limit,
        };
        let mut guard = self.lock()?;
        let store: &mut newsgraph_store::Store = &mut guard;
        let hits = py
            .detach(move || store.search(&query))
            .map_err(store_error)?;
        serde_json::to_string(&hits).map_err(|e| NewsgraphError::new_err(e.to_string()))
    }

    /// One stored record as JSON, or None.
    fn get_json(&self, py: Python<'_>, id: &str) -> PyResult<Option<String>> {
        let mut guard = self.lock()?;
        let store: &mut newsgraph_store::Store = &mut guard;
        let record = py.detach(move || store.record(id)).map_err(store_error)?;
        record
            .map(|r| serde_json::to_string(&r))
            .transpose()
            .map_err(|e| NewsgraphError::new_err(e.to_string()))
    }

    /// Counts of what the store holds, as JSON.
    fn stats_json(&self, py: Python<'_>) -> PyResult<String> {
        let mut guard = self.lock()?;
        let store: &mut newsgraph_store::Store = &mut guard;
        let stats = py.detach(move || store.stats()).map_err(store_error)?;
        serde_json::to_string(&stats).map_err(|e| NewsgraphError::new_err(e.to_string()))
    }
}

/// Every embedded data file's source and licence, as JSON.
#[pyfunction]
fn licenses_json() -> String {
    newsgraph::licenses_json()
}

#[pymodule]
fn _newsgraph(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Engine>()?;
    m.add_class::<Records>()?;
    m.add_class::<Store>()?;
    m.add_function(wrap_pyfunction!(licenses_json, m)?)?;
    m.add("NewsgraphError", m.py().get_type::<NewsgraphError>())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("NOTICE", newsgraph::NOTICE)?;
    Ok(())
}
