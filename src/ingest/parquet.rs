//! Parquet, read with polars a slice of rows at a time, so that a large file
//! is never loaded whole: only the columns ingest needs, `table_batch_rows`
//! rows per read.

use std::collections::VecDeque;
use std::path::{Path, PathBuf};

use polars::prelude::*;

use super::{default_id, display_path, record_from_fields, ArticleSource, FieldValue, IngestOptions};
use crate::document::Record;
use crate::error::{Error, Result};

/// Reads a Parquet file in row slices.
pub struct ParquetSource {
    path: PathBuf,
    shown: String,
    options: IngestOptions,
    columns: Vec<String>,
    total_rows: usize,
    next_row: usize,
    next_seq: u64,
    pending: VecDeque<Record>,
    file_bytes: u64,
    failed: bool,
}

fn input_error(path: &Path, e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
    Error::input(path, "Parquet", e)
}

impl ParquetSource {
    /// Opens `path` and reads its schema and row count.
    pub fn open(path: &Path, options: IngestOptions, first_seq: u64) -> Result<ParquetSource> {
        let file = std::fs::File::open(path).map_err(|e| Error::io("opening", path, e))?;
        let file_bytes = file.metadata().map(|m| m.len()).unwrap_or(0);
        let mut reader = ParquetReader::new(file);
        let schema = reader.schema().map_err(|e| input_error(path, e))?;
        let total_rows = reader.num_rows().map_err(|e| input_error(path, e))?;
        let wanted = [
            Some(&options.text_field),
            Some(&options.id_field),
            Some(&options.title_field),
            Some(&options.url_field),
            Some(&options.published_field),
            options.label_field.as_ref(),
        ];
        let mut columns: Vec<String> = Vec::new();
        for name in wanted.into_iter().flatten() {
            if schema.contains(name.as_str()) && !columns.contains(name) {
                columns.push(name.clone());
            }
        }
        if !columns.contains(&options.text_field) {
            let names: Vec<String> = schema.iter_names().map(|n| n.to_string()).collect();
            return Err(Error::config(
                "--text-field",
                format!(
                    "{}: no column `{}` ({}); name the text column with --text-field",
                    path.display(),
                    options.text_field,
                    names.join(", ")
                ),
            ));
        }
        Ok(ParquetSource {
            path: path.to_path_buf(),
            shown: display_path(path),
            options,
            columns,
            total_rows,
            next_row: 0,
            next_seq: first_seq,
            pending: VecDeque::new(),
            file_bytes,
            failed: false,
        })
    }

    fn read_slice(&mut self) -> Result<()> {
        let len = self.options.table_batch_rows.max(1).min(self.total_rows - self.next_row);
        let file = std::fs::File::open(&self.path).map_err(|e| Error::io("opening", self.path.clone(), e))?;
        let df = ParquetReader::new(file)
            .with_columns(Some(self.columns.clone()))
            .with_slice(Some((self.next_row, len)))
            .finish()
            .map_err(|e| input_error(&self.path, e))?;
        let mut cols: Vec<(String, Series)> = Vec::new();
        for name in &self.columns {
            let s = df.column(name).map_err(|e| input_error(&self.path, e))?.as_materialized_series().clone();
            cols.push((name.clone(), s));
        }
        for i in 0..df.height() {
            let row_no = self.next_row + i + 1;
            let get = |name: &str| -> Option<FieldValue> {
                let (_, s) = cols.iter().find(|(n, _)| n == name)?;
                Some(any_to_field(s.get(i).ok()?))
            };
            let seq = self.next_seq;
            self.next_seq += 1;
            let mut record =
                record_from_fields(seq, format!("{}:row {}", self.shown, row_no), &get, &self.options);
            if let Record::Article(a) = &mut record {
                if a.id.is_none() {
                    a.id = Some(default_id(&self.path, row_no as u64));
                }
            }
            self.pending.push_back(record);
        }
        self.next_row += len;
        Ok(())
    }
}

fn any_to_field(v: AnyValue<'_>) -> FieldValue {
    match v {
        AnyValue::Null => FieldValue::Null,
        AnyValue::String(s) => FieldValue::Str(s.to_string()),
        AnyValue::StringOwned(s) => FieldValue::Str(s.to_string()),
        AnyValue::List(s) => FieldValue::List(
            (0..s.len())
                .filter_map(|i| match s.get(i).ok()? {
                    AnyValue::Null => None,
                    AnyValue::String(x) => Some(x.to_string()),
                    other => Some(other.to_string()),
                })
                .collect(),
        ),
        other => FieldValue::Other(other.to_string()),
    }
}

impl Iterator for ParquetSource {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        loop {
            if let Some(r) = self.pending.pop_front() {
                return Some(Ok(r));
            }
            if self.failed || self.next_row >= self.total_rows {
                return None;
            }
            if let Err(e) = self.read_slice() {
                self.failed = true;
                return Some(Err(e));
            }
        }
    }
}

impl ArticleSource for ParquetSource {
    fn bytes_read(&self) -> u64 {
        if self.total_rows == 0 {
            return self.file_bytes;
        }
        let done = self.next_row.saturating_sub(self.pending.len()) as u64;
        self.file_bytes * done / self.total_rows as u64
    }
}
