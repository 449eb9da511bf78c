//! Python objects in, records out: the iterable of strings, bytes or dicts
//! (or rows of a data frame, which the Python side turns into dicts) that
//! `Pipeline.analyze` takes, read on the batch runner's reader thread.
//!
//! The reader thread takes the GIL once per chunk of items, converts them to
//! [`GivenRecord`]s and lets it go, so Python runs between chunks and the
//! pipeline itself runs without it. A value that is not text makes a
//! rejected record, as in a JSON Lines dump; an exception raised by the
//! iterable ends the run and is raised again by `analyze`.

use std::collections::VecDeque;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use newsnlp::ingest::{ArticleSource, GivenRecord, GivenText, IngestOptions};
use newsnlp::{Error, Record, Result};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict, PyIterator, PyString};

/// Items taken from the Python iterable per hold of the GIL.
const ITEMS_PER_GIL: usize = 256;

/// A Python exception that stopped a run, kept to be raised again once the run has returned.
pub(crate) type PyErrSlot = Arc<Mutex<Option<PyErr>>>;

/// The field names of dict items (the `*_field` options).
pub(crate) struct FieldNames {
    text: String,
    id: String,
    title: String,
    url: String,
    published: String,
}

impl FieldNames {
    pub(crate) fn of(options: &IngestOptions) -> FieldNames {
        FieldNames {
            text: options.text_field.clone(),
            id: options.id_field.clone(),
            title: options.title_field.clone(),
            url: options.url_field.clone(),
            published: options.published_field.clone(),
        }
    }
}

/// The items of a Python iterable, as given records.
pub(crate) struct PyRecords {
    iter: Py<PyIterator>,
    fields: FieldNames,
    buffer: VecDeque<GivenRecord>,
    done: bool,
    error: PyErrSlot,
}

impl PyRecords {
    pub(crate) fn new(iter: Py<PyIterator>, fields: FieldNames, error: PyErrSlot) -> PyRecords {
        PyRecords { iter, fields, buffer: VecDeque::new(), done: false, error }
    }

    fn refill(&mut self) -> Result<()> {
        Python::attach(|py| {
            let mut iter = self.iter.bind(py).clone();
            for _ in 0..ITEMS_PER_GIL {
                match iter.next() {
                    None => {
                        self.done = true;
                        break;
                    }
                    Some(Ok(item)) => match given(&item, &self.fields) {
                        Ok(g) => self.buffer.push_back(g),
                        Err(e) => return Err(self.fail(py, e)),
                    },
                    Some(Err(e)) => return Err(self.fail(py, e)),
                }
            }
            Ok(())
        })
    }

    fn fail(&mut self, py: Python<'_>, e: PyErr) -> Error {
        self.done = true;
        let message = e.value(py).to_string();
        *self.error.lock().unwrap_or_else(|p| p.into_inner()) = Some(e);
        Error::input("<python iterable>", "Python objects", message)
    }
}

impl Iterator for PyRecords {
    type Item = Result<GivenRecord>;

    fn next(&mut self) -> Option<Result<GivenRecord>> {
        if self.buffer.is_empty() && !self.done {
            if let Err(e) = self.refill() {
                return Some(Err(e));
            }
        }
        self.buffer.pop_front().map(Ok)
    }
}

/// One item: a string, bytes, None, or a dict of fields.
fn given(item: &Bound<'_, PyAny>, fields: &FieldNames) -> PyResult<GivenRecord> {
    if let Ok(d) = item.cast::<PyDict>() {
        let get = |name: &str| -> PyResult<Option<Bound<'_, PyAny>>> { Ok(d.get_item(name)?.filter(|v| !v.is_none())) };
        return Ok(GivenRecord {
            text: match get(&fields.text)? {
                Some(v) => text(&v)?,
                None => GivenText::Missing,
            },
            html: get("html")?.map(|v| string(&v)).transpose()?,
            id: get(&fields.id)?.map(|v| string(&v)).transpose()?,
            title: get(&fields.title)?.map(|v| string(&v)).transpose()?,
            url: get(&fields.url)?.map(|v| string(&v)).transpose()?,
            published: get(&fields.published)?.map(|v| time(&v)).transpose()?,
        });
    }
    Ok(GivenRecord { text: text(item)?, ..GivenRecord::default() })
}

/// The text of an item: a str (one with lone surrogates, which is no valid UTF-8, goes on as bytes, to be
/// rejected as invalid UTF-8), bytes, None, or something else.
fn text(v: &Bound<'_, PyAny>) -> PyResult<GivenText> {
    if v.is_none() {
        return Ok(GivenText::Missing);
    }
    if let Ok(s) = v.cast::<PyString>() {
        return Ok(match s.to_cow() {
            Ok(s) => GivenText::Str(s.into_owned()),
            Err(_) => {
                let bytes = s.call_method1("encode", ("utf-8", "surrogatepass"))?;
                GivenText::Bytes(bytes.cast::<PyBytes>()?.as_bytes().to_vec())
            }
        });
    }
    if let Ok(b) = v.cast::<PyBytes>() {
        return Ok(GivenText::Bytes(b.as_bytes().to_vec()));
    }
    Ok(GivenText::NotText)
}

/// A metadata field as a string: a str as it is, anything else by `str()`.
fn string(v: &Bound<'_, PyAny>) -> PyResult<String> {
    match v.cast::<PyString>() {
        Ok(s) => Ok(s.to_string_lossy().into_owned()),
        Err(_) => Ok(v.str()?.to_string_lossy().into_owned()),
    }
}

/// A time as ISO 8601: a `datetime`, `date` or pandas `Timestamp` by `isoformat()`, a string as it is.
fn time(v: &Bound<'_, PyAny>) -> PyResult<String> {
    if !v.is_instance_of::<PyString>() && v.hasattr("isoformat")? {
        return Ok(v.call_method0("isoformat")?.str()?.to_string_lossy().into_owned());
    }
    string(v)
}

/// A source that ends with an error once `stop` is set (Ctrl-C): the run stops at the next record read.
pub(crate) struct Stoppable {
    pub(crate) inner: Box<dyn ArticleSource>,
    pub(crate) stop: Arc<AtomicBool>,
}

impl Iterator for Stoppable {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        if self.stop.load(Ordering::Relaxed) {
            return Some(Err(Error::input("<run>", "input", "interrupted")));
        }
        self.inner.next()
    }
}

impl ArticleSource for Stoppable {
    fn bytes_read(&self) -> u64 {
        self.inner.bytes_read()
    }
}
