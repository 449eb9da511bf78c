//! CSV with a header row, optionally gzipped. Rows are read one at a time.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use super::jsonl::open_maybe_gzip;
use super::{default_id, display_path, record_from_fields, ArticleSource, FieldValue, IngestOptions, InvalidUtf8};
use crate::document::{Record, RejectReason, Rejected};
use crate::error::{Error, Result};

/// Reads CSV rows as records; the header names the fields.
pub struct CsvSource {
    reader: csv::Reader<Box<dyn std::io::BufRead + Send>>,
    headers: Vec<String>,
    path: PathBuf,
    shown: String,
    options: IngestOptions,
    next_seq: u64,
    counter: Arc<AtomicU64>,
    row: csv::ByteRecord,
    done: bool,
}

impl CsvSource {
    /// Opens `path` and reads its header row.
    pub fn open(path: &Path, options: IngestOptions, first_seq: u64) -> Result<CsvSource> {
        let file = std::fs::File::open(path).map_err(|e| Error::io("opening", path, e))?;
        Self::from_reader(file, path, options, first_seq)
    }

    /// Reads CSV from any reader; `path` names it in `source` columns and default ids.
    pub fn from_reader(
        reader: impl std::io::Read + Send + 'static,
        path: &Path,
        options: IngestOptions,
        first_seq: u64,
    ) -> Result<CsvSource> {
        let counter = Arc::new(AtomicU64::new(0));
        let buffered = open_maybe_gzip(path, Box::new(reader), counter.clone());
        let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(buffered);
        let headers = reader
            .byte_headers()
            .map_err(|e| csv_input_error(path, e))?
            .iter()
            .map(|h| String::from_utf8_lossy(h).trim_start_matches('\u{feff}').trim().to_string())
            .collect::<Vec<_>>();
        if !headers.iter().any(|h| *h == options.text_field) {
            return Err(Error::config(
                "--text-field",
                format!(
                    "{}: no column `{}` in the header ({}); name the text column with --text-field",
                    path.display(),
                    options.text_field,
                    headers.join(", ")
                ),
            ));
        }
        Ok(CsvSource {
            reader,
            headers,
            path: path.to_path_buf(),
            shown: display_path(path),
            options,
            next_seq: first_seq,
            counter,
            row: csv::ByteRecord::new(),
            done: false,
        })
    }

    fn build(&self, seq: u64, line: u64) -> Record {
        let source = format!("{}:{}", self.shown, line);
        let mut values: Vec<Option<String>> = Vec::with_capacity(self.headers.len());
        let mut lossy = false;
        let mut offset = 0usize;
        for field in self.row.iter() {
            match std::str::from_utf8(field) {
                Ok(s) => values.push(Some(s.to_string())),
                Err(e) => match self.options.invalid_utf8 {
                    InvalidUtf8::Reject => {
                        return Record::Rejected(Rejected {
                            seq,
                            id: Some(default_id(&self.path, line)),
                            source,
                            reason: RejectReason::InvalidUtf8 { offset: offset + e.valid_up_to() },
                        })
                    }
                    InvalidUtf8::Lossy => {
                        lossy = true;
                        values.push(Some(String::from_utf8_lossy(field).into_owned()));
                    }
                },
            }
            offset += field.len() + 1;
        }
        let get = |name: &str| {
            let i = self.headers.iter().position(|h| h == name)?;
            let v = values.get(i)?.clone()?;
            Some(if v.starts_with('[') {
                match serde_json::from_str::<serde_json::Value>(&v) {
                    Ok(json @ serde_json::Value::Array(_)) => super::jsonl::field_value(&json),
                    _ => FieldValue::Str(v),
                }
            } else {
                FieldValue::Str(v)
            })
        };
        let mut record = record_from_fields(seq, source, &get, &self.options);
        if let Record::Article(a) = &mut record {
            a.lossy_utf8 = lossy;
            if a.id.is_none() {
                a.id = Some(default_id(&self.path, line));
            }
        }
        record
    }
}

fn csv_input_error(path: &Path, e: csv::Error) -> Error {
    Error::input(path, "CSV", e)
}

impl Iterator for CsvSource {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        if self.done {
            return None;
        }
        let seq = self.next_seq;
        match self.reader.read_byte_record(&mut self.row) {
            Ok(false) => {
                self.done = true;
                None
            }
            Ok(true) => {
                self.next_seq += 1;
                let line = self.row.position().map_or(0, |p| p.line());
                Some(Ok(self.build(seq, line)))
            }
            Err(e) => {
                if let csv::ErrorKind::Io(_) = e.kind() {
                    self.done = true;
                    return Some(Err(Error::io("reading", self.path.clone(), e.into_kind().into_io())));
                }
                self.next_seq += 1;
                let line = e.position().map_or(0, |p| p.line());
                Some(Ok(Record::Rejected(Rejected {
                    seq,
                    id: Some(default_id(&self.path, line)),
                    source: format!("{}:{}", self.shown, line),
                    reason: RejectReason::BadRow(e.to_string()),
                })))
            }
        }
    }
}

trait IntoIo {
    fn into_io(self) -> std::io::Error;
}

impl IntoIo for csv::ErrorKind {
    fn into_io(self) -> std::io::Error {
        match self {
            csv::ErrorKind::Io(e) => e,
            other => std::io::Error::other(format!("{other:?}")),
        }
    }
}

impl ArticleSource for CsvSource {
    fn bytes_read(&self) -> u64 {
        self.counter.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rows_become_records_with_line_sources() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        std::fs::write(&path, b"id,title,text\n1,First,\"Body one,\nwith a newline.\"\n2,Second,\n3,Third,caf\xe9\n").unwrap();
        let recs: Vec<_> = CsvSource::open(&path, IngestOptions::default(), 0).unwrap().map(|r| r.unwrap()).collect();
        assert_eq!(recs.len(), 3);
        assert!(matches!(&recs[0], Record::Article(a) if a.title.as_deref() == Some("First") && a.text.contains("newline")));
        assert!(matches!(&recs[1], Record::Rejected(r) if r.reason.code() == "missing_text" && r.id.as_deref() == Some("2")));
        assert!(matches!(&recs[2], Record::Rejected(r) if r.reason.code() == "invalid_utf8" && r.source.ends_with(":5")));
    }

    #[test]
    fn a_missing_text_column_is_a_clear_error() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("b.csv");
        std::fs::write(&path, "id,body\n1,x\n").unwrap();
        let err = CsvSource::open(&path, IngestOptions::default(), 0).err().unwrap();
        assert!(err.to_string().contains("--text-field"), "{err}");
    }
}
