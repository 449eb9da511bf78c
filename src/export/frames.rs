//! Rows of the tables in [`super::schema`], collected into column-oriented
//! [`Batch`]es that every writer can consume. What goes into the rows of each
//! table is in [`super::tables`].

use super::schema::{DataType, TableSchema};

/// One cell value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Null.
    Null,
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f32),
    /// A boolean.
    Bool(bool),
    /// A list of strings.
    List(Vec<String>),
    /// A list of (label, score).
    LabelScores(Vec<(String, f32)>),
}

impl From<Option<String>> for Value {
    fn from(v: Option<String>) -> Value {
        v.map_or(Value::Null, Value::Str)
    }
}

impl From<String> for Value {
    fn from(v: String) -> Value {
        Value::Str(v)
    }
}

impl From<&str> for Value {
    fn from(v: &str) -> Value {
        Value::Str(v.to_string())
    }
}

impl From<usize> for Value {
    fn from(v: usize) -> Value {
        Value::Int(v as i64)
    }
}

/// The values of one column.
#[derive(Debug, Clone, PartialEq)]
pub enum ColumnData {
    /// Strings.
    Utf8(Vec<Option<String>>),
    /// Integers.
    Int64(Vec<Option<i64>>),
    /// Floats.
    Float32(Vec<Option<f32>>),
    /// Booleans.
    Boolean(Vec<Option<bool>>),
    /// String lists.
    ListUtf8(Vec<Vec<String>>),
    /// (label, score) lists.
    ListLabelScore(Vec<Vec<(String, f32)>>),
}

impl ColumnData {
    fn new(dtype: DataType) -> ColumnData {
        match dtype {
            DataType::Utf8 => ColumnData::Utf8(Vec::new()),
            DataType::Int64 => ColumnData::Int64(Vec::new()),
            DataType::Float32 => ColumnData::Float32(Vec::new()),
            DataType::Boolean => ColumnData::Boolean(Vec::new()),
            DataType::ListUtf8 => ColumnData::ListUtf8(Vec::new()),
            DataType::ListLabelScore => ColumnData::ListLabelScore(Vec::new()),
        }
    }

    fn push(&mut self, v: Value) {
        match (self, v) {
            (ColumnData::Utf8(c), Value::Str(s)) => c.push(Some(s)),
            (ColumnData::Utf8(c), Value::Null) => c.push(None),
            (ColumnData::Int64(c), Value::Int(i)) => c.push(Some(i)),
            (ColumnData::Int64(c), Value::Null) => c.push(None),
            (ColumnData::Float32(c), Value::Float(f)) => c.push(Some(f)),
            (ColumnData::Float32(c), Value::Null) => c.push(None),
            (ColumnData::Boolean(c), Value::Bool(b)) => c.push(Some(b)),
            (ColumnData::Boolean(c), Value::Null) => c.push(None),
            (ColumnData::ListUtf8(c), Value::List(l)) => c.push(l),
            (ColumnData::ListUtf8(c), Value::Null) => c.push(Vec::new()),
            (ColumnData::ListLabelScore(c), Value::LabelScores(l)) => c.push(l),
            (ColumnData::ListLabelScore(c), Value::Null) => c.push(Vec::new()),
            (col, v) => unreachable!("value {v:?} does not fit column {col:?}: frames.rs and schema.rs disagree"),
        }
    }

    /// Number of values.
    pub(crate) fn len(&self) -> usize {
        match self {
            ColumnData::Utf8(c) => c.len(),
            ColumnData::Int64(c) => c.len(),
            ColumnData::Float32(c) => c.len(),
            ColumnData::Boolean(c) => c.len(),
            ColumnData::ListUtf8(c) => c.len(),
            ColumnData::ListLabelScore(c) => c.len(),
        }
    }

    /// The value at `row`, as a [`Value`] (for row-oriented writers).
    pub(crate) fn get(&self, row: usize) -> Value {
        match self {
            ColumnData::Utf8(c) => c[row].clone().map_or(Value::Null, Value::Str),
            ColumnData::Int64(c) => c[row].map_or(Value::Null, Value::Int),
            ColumnData::Float32(c) => c[row].map_or(Value::Null, Value::Float),
            ColumnData::Boolean(c) => c[row].map_or(Value::Null, Value::Bool),
            ColumnData::ListUtf8(c) => Value::List(c[row].clone()),
            ColumnData::ListLabelScore(c) => Value::LabelScores(c[row].clone()),
        }
    }

    // The Parquet writer (feature `tables`) is the only one that buffers rows.
    #[cfg(feature = "tables")]
    fn approx_bytes(&self) -> usize {
        match self {
            ColumnData::Utf8(c) => c.iter().map(|s| s.as_ref().map_or(1, |s| s.len() + 8)).sum(),
            ColumnData::ListUtf8(c) => c.iter().map(|l| l.iter().map(|s| s.len() + 8).sum::<usize>() + 8).sum(),
            ColumnData::ListLabelScore(c) => c.iter().map(|l| l.iter().map(|(s, _)| s.len() + 12).sum::<usize>() + 8).sum(),
            other => other.len() * 8,
        }
    }
}

/// Rows of one table, stored by column.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    /// The table.
    pub schema: &'static TableSchema,
    /// One entry per schema column, in order.
    pub columns: Vec<ColumnData>,
}

impl Batch {
    /// An empty batch for `schema`.
    pub fn new(schema: &'static TableSchema) -> Batch {
        Batch { schema, columns: schema.columns.iter().map(|c| ColumnData::new(c.dtype)).collect() }
    }

    /// Appends a row: one value per column, in schema order.
    pub fn push_row(&mut self, row: Vec<Value>) {
        debug_assert_eq!(row.len(), self.columns.len(), "row width for table {}", self.schema.name);
        for (col, v) in self.columns.iter_mut().zip(row) {
            col.push(v);
        }
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.columns.first().map_or(0, ColumnData::len)
    }

    /// Whether there are no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Rough memory use, to decide when to flush a row group.
    #[cfg(feature = "tables")]
    pub(crate) fn approx_bytes(&self) -> usize {
        self.columns.iter().map(ColumnData::approx_bytes).sum()
    }

    /// The same rows under `schema`, a projection of this batch's schema:
    /// columns are matched by name and those `schema` lacks are dropped.
    pub(crate) fn project(self, schema: &'static TableSchema) -> Batch {
        if std::ptr::eq(schema, self.schema) {
            return self;
        }
        let mut columns: Vec<Option<ColumnData>> = self.columns.into_iter().map(Some).collect();
        let projected = schema
            .columns
            .iter()
            .map(|c| {
                let i = self.schema.index_of(c.name).expect("projection of a table onto a subset of its columns");
                columns[i].take().expect("each column projected once")
            })
            .collect();
        Batch { schema, columns: projected }
    }

    /// Removes every row, keeping the columns' memory for the next rows.
    #[cfg(feature = "tables")]
    pub(crate) fn clear(&mut self) {
        for c in &mut self.columns {
            match c {
                ColumnData::Utf8(c) => c.clear(),
                ColumnData::Int64(c) => c.clear(),
                ColumnData::Float32(c) => c.clear(),
                ColumnData::Boolean(c) => c.clear(),
                ColumnData::ListUtf8(c) => c.clear(),
                ColumnData::ListLabelScore(c) => c.clear(),
            }
        }
    }

    /// Moves all rows of `other` (same table) to the end of `self`.
    #[cfg(feature = "tables")]
    pub(crate) fn append(&mut self, other: Batch) {
        for (a, b) in self.columns.iter_mut().zip(other.columns) {
            match (a, b) {
                (ColumnData::Utf8(a), ColumnData::Utf8(b)) => a.extend(b),
                (ColumnData::Int64(a), ColumnData::Int64(b)) => a.extend(b),
                (ColumnData::Float32(a), ColumnData::Float32(b)) => a.extend(b),
                (ColumnData::Boolean(a), ColumnData::Boolean(b)) => a.extend(b),
                (ColumnData::ListUtf8(a), ColumnData::ListUtf8(b)) => a.extend(b),
                (ColumnData::ListLabelScore(a), ColumnData::ListLabelScore(b)) => a.extend(b),
                _ => unreachable!("batches of different tables"),
            }
        }
    }
}
