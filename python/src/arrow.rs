//! Tables to Python: each table as an Arrow stream (the Arrow PyCapsule
//! interface, `__arrow_c_stream__`), and rows as lists of dicts.
//!
//! The stream is polars-arrow's export of the C stream interface, the Arrow
//! implementation polars already builds, so the extension adds no Arrow
//! library of its own. pyarrow (or polars, DuckDB) imports the buffers as
//! they are: no copy on the way out. The arrays are of the oldest Arrow
//! flavour (large strings, large lists), the schema the Parquet files carry,
//! so a table read from memory and one read from its file are equal.

use std::ffi::CString;

use newsnlp::export::frames::{Batch, ColumnData};
use polars::prelude::{CompatLevel, DataFrame};
use polars_arrow::array::{Array, StructArray};
use polars_arrow::datatypes::{ArrowDataType, Field};
use polars_arrow::ffi;
use pyo3::prelude::*;
use pyo3::types::{PyCapsule, PyDict, PyList};

/// One table as an Arrow stream: `pyarrow.table(stream)`, `pyarrow.RecordBatchReader.from_stream(stream)` or
/// `polars.DataFrame(stream)` read it without a copy.
#[pyclass(frozen, module = "newsnlp._newsnlp", name = "ArrowStream")]
pub(crate) struct ArrowStream {
    frame: DataFrame,
    /// polars' own Arrow flavour (string views), which polars imports as it is; otherwise the Parquet files'
    /// (large strings, large lists), which pyarrow and pandas read everywhere.
    views: bool,
}

impl ArrowStream {
    pub(crate) fn new(frame: DataFrame, views: bool) -> ArrowStream {
        ArrowStream { frame, views }
    }
}

/// The C stream struct as a capsule's contents: it holds raw pointers, but its producer (polars-arrow's
/// exporter) owns everything they point to and frees it in `release`, from any thread.
#[repr(transparent)]
struct SendStream(ffi::ArrowArrayStream);

// SAFETY: the stream's private data is owned by the struct alone (an iterator over owned record batches).
unsafe impl Send for SendStream {}

#[pymethods]
impl ArrowStream {
    /// The Arrow PyCapsule stream interface. `requested_schema` is not supported (the table has one schema).
    #[pyo3(signature = (requested_schema = None))]
    fn __arrow_c_stream__<'py>(&self, py: Python<'py>, requested_schema: Option<Py<PyAny>>) -> PyResult<Bound<'py, PyCapsule>> {
        let _ = requested_schema;
        let mut frame = self.frame.clone();
        frame.align_chunks_par();
        let compat = if self.views { CompatLevel::newest() } else { CompatLevel::oldest() };
        let batches: Vec<_> = frame.iter_chunks(compat, false).collect();
        let fields: Vec<Field> = match batches.first() {
            Some(b) => b.schema().iter_values().cloned().collect(),
            None => Vec::new(),
        };
        let dtype = ArrowDataType::Struct(fields);
        let arrays: Vec<Box<dyn Array>> = batches
            .into_iter()
            .map(|b| {
                let len = b.height();
                Box::new(StructArray::new(dtype.clone(), len, b.into_arrays(), None)) as Box<dyn Array>
            })
            .collect();
        let stream = ffi::export_iterator(Box::new(arrays.into_iter().map(Ok)), Field::new("".into(), dtype, false));
        let name = CString::new("arrow_array_stream").expect("no NUL in the name");
        PyCapsule::new(py, SendStream(stream), Some(name))
    }

    /// Rows in the table.
    fn __len__(&self) -> usize {
        self.frame.height()
    }
}

/// The rows of `batch` as a list of dicts, one key per column.
pub(crate) fn rows<'py>(py: Python<'py>, batch: &Batch) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for row in 0..batch.len() {
        let dict = PyDict::new(py);
        for (column, data) in batch.schema.columns.iter().zip(&batch.columns) {
            dict.set_item(column.name, value(py, data, row)?)?;
        }
        list.append(dict)?;
    }
    Ok(list)
}

fn value<'py>(py: Python<'py>, data: &ColumnData, row: usize) -> PyResult<Bound<'py, PyAny>> {
    Ok(match data {
        ColumnData::Utf8(c) => c[row].as_deref().into_pyobject(py)?.into_any(),
        ColumnData::Int64(c) => c[row].into_pyobject(py)?.into_any(),
        ColumnData::Float32(c) => c[row].into_pyobject(py)?.into_any(),
        ColumnData::Boolean(c) => c[row].into_pyobject(py)?.to_owned().into_any(),
        ColumnData::ListUtf8(c) => c[row].clone().into_pyobject(py)?.into_any(),
        ColumnData::ListLabelScore(c) => {
            let list = PyList::empty(py);
            for (label, score) in &c[row] {
                let d = PyDict::new(py);
                d.set_item("label", label)?;
                d.set_item("score", score)?;
                list.append(d)?;
            }
            list.into_any()
        }
    })
}
