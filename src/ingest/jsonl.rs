//! JSON Lines: one JSON object per line, optionally gzipped, or on stdin.

use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

use serde_json::Value;

use super::{decode_utf8, default_id, display_path, record_from_fields, ArticleSource, FieldValue, IngestOptions};
use crate::document::{Record, RejectReason, Rejected};
use crate::error::{Error, Result};

/// Reads JSON Lines records one line at a time.
pub struct JsonLinesSource {
    reader: Box<dyn BufRead + Send>,
    path: PathBuf,
    shown: String,
    options: IngestOptions,
    line: u64,
    next_seq: u64,
    counter: Arc<AtomicU64>,
    buf: Vec<u8>,
    done: bool,
}

impl JsonLinesSource {
    /// Opens `path` (`-` for stdin; `.gz` is decompressed).
    pub fn open(path: &Path, options: IngestOptions, first_seq: u64) -> Result<JsonLinesSource> {
        let counter = Arc::new(AtomicU64::new(0));
        let raw: Box<dyn Read + Send> = if path.as_os_str() == "-" {
            Box::new(std::io::stdin())
        } else {
            Box::new(std::fs::File::open(path).map_err(|e| Error::io("opening", path, e))?)
        };
        let reader = open_maybe_gzip(path, raw, counter.clone());
        Ok(Self::build(reader, path, options, first_seq, counter))
    }

    /// Reads JSON Lines from any reader; `name` stands for the file in `source` columns and default ids.
    pub fn from_reader(reader: impl Read + Send + 'static, name: &str, options: IngestOptions, first_seq: u64) -> JsonLinesSource {
        let counter = Arc::new(AtomicU64::new(0));
        let path = Path::new(name);
        let reader = open_maybe_gzip(path, Box::new(reader), counter.clone());
        Self::build(reader, path, options, first_seq, counter)
    }

    fn build(
        reader: Box<dyn BufRead + Send>,
        path: &Path,
        options: IngestOptions,
        first_seq: u64,
        counter: Arc<AtomicU64>,
    ) -> JsonLinesSource {
        JsonLinesSource {
            reader,
            path: path.to_path_buf(),
            shown: display_path(path),
            options,
            line: 0,
            next_seq: first_seq,
            counter,
            buf: Vec::with_capacity(64 * 1024),
            done: false,
        }
    }

    fn parse_line(&self, seq: u64, bytes: Vec<u8>) -> Record {
        let mut record = self.parse_record(seq, bytes);
        // Records without an id of their own get one from the file and line, rejected ones too.
        let id = match &mut record {
            Record::Article(a) => &mut a.id,
            Record::Rejected(r) => &mut r.id,
        };
        if id.is_none() {
            *id = Some(default_id(&self.path, self.line));
        }
        record
    }

    fn parse_record(&self, seq: u64, bytes: Vec<u8>) -> Record {
        let source = format!("{}:{}", self.shown, self.line);
        let reject = |id, reason| Record::Rejected(Rejected { seq, id, source: source.clone(), reason });
        if bytes.len() > self.options.max_article_bytes {
            return reject(
                None,
                RejectReason::TooLarge { bytes: bytes.len(), limit: self.options.max_article_bytes },
            );
        }
        let (text, lossy) = match decode_utf8(bytes, self.options.invalid_utf8) {
            Ok(t) => t,
            Err(reason) => return reject(None, reason),
        };
        let mut object = match serde_json::from_str::<Value>(&text) {
            Ok(Value::Object(map)) => map,
            Ok(other) => {
                return reject(None, RejectReason::InvalidJson(format!("expected an object, found {}", kind(&other))))
            }
            Err(e) => return reject(None, RejectReason::InvalidJson(e.to_string())),
        };
        let get = |name: &str| object.get(name).map(field_value);
        let mut record = record_from_fields(seq, source.clone(), &get, &self.options);
        object.clear();
        if let Record::Article(a) = &mut record {
            a.lossy_utf8 = lossy;
        }
        record
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

pub(crate) fn field_value(v: &Value) -> FieldValue {
    match v {
        Value::Null => FieldValue::Null,
        Value::String(s) => FieldValue::Str(s.clone()),
        Value::Array(items) => FieldValue::List(
            items
                .iter()
                .filter_map(|x| match x {
                    Value::String(s) => Some(s.clone()),
                    Value::Null => None,
                    other => Some(other.to_string()),
                })
                .collect(),
        ),
        other => FieldValue::Other(other.to_string()),
    }
}

impl Iterator for JsonLinesSource {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        while !self.done {
            self.buf.clear();
            match self.reader.read_until(b'\n', &mut self.buf) {
                Ok(0) => self.done = true,
                Ok(_) => {
                    self.line += 1;
                    let content = trim_line(&self.buf);
                    if content.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    let bytes = content.to_vec();
                    let seq = self.next_seq;
                    self.next_seq += 1;
                    return Some(Ok(self.parse_line(seq, bytes)));
                }
                Err(e) => {
                    self.done = true;
                    return Some(Err(Error::io("reading", self.path.clone(), e)));
                }
            }
        }
        None
    }
}

impl ArticleSource for JsonLinesSource {
    fn bytes_read(&self) -> u64 {
        self.counter.load(Ordering::Relaxed)
    }
}

fn trim_line(line: &[u8]) -> &[u8] {
    let mut end = line.len();
    while end > 0 && matches!(line[end - 1], b'\n' | b'\r') {
        end -= 1;
    }
    let start = if line.starts_with(b"\xef\xbb\xbf") { 3 } else { 0 };
    &line[start.min(end)..end]
}

/// Counts the raw bytes that pass through, for progress reporting.
pub(crate) struct CountingReader<R> {
    inner: R,
    counter: Arc<AtomicU64>,
}

impl<R: Read> Read for CountingReader<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.counter.fetch_add(n as u64, Ordering::Relaxed);
        Ok(n)
    }
}

/// Wraps `raw` in a buffered reader, decompressing when the name ends in `.gz`.
pub(crate) fn open_maybe_gzip(
    path: &Path,
    raw: Box<dyn Read + Send>,
    counter: Arc<AtomicU64>,
) -> Box<dyn BufRead + Send> {
    let counted = CountingReader { inner: raw, counter };
    let gz = path.extension().is_some_and(|e| e.eq_ignore_ascii_case("gz"));
    if gz {
        Box::new(BufReader::with_capacity(256 * 1024, flate2::read::MultiGzDecoder::new(counted)))
    } else {
        Box::new(BufReader::with_capacity(256 * 1024, counted))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn read_all(content: &[u8], name: &str) -> Vec<Record> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(name);
        std::fs::write(&path, content).unwrap();
        JsonLinesSource::open(&path, IngestOptions::default(), 0).unwrap().map(|r| r.unwrap()).collect()
    }

    #[test]
    fn good_and_bad_lines_each_become_one_record() {
        let input = b"{\"id\":\"a\",\"text\":\"Hello world.\"}\n\
            \n\
            {\"id\":\"b\",\"text\":\"unterminated\n\
            {\"id\":\"c\",\"title\":\"no text\"}\n\
            {\"id\":\"d\",\"text\":\"caf\xe9\"}\n\
            [1,2]\n\
            {\"id\":\"e\",\"text\":42}\r\n";
        let recs = read_all(input, "x.jsonl");
        let summary: Vec<(u64, Option<&str>, Option<&str>)> = recs
            .iter()
            .map(|r| match r {
                Record::Article(a) => (a.seq, a.id.as_deref(), None),
                Record::Rejected(r) => (r.seq, r.id.as_deref(), Some(r.reason.code())),
            })
            .collect();
        assert_eq!(
            summary,
            vec![
                (0, Some("a"), None),
                (1, Some("x-3"), Some("invalid_json")),
                (2, Some("c"), Some("missing_text")),
                (3, Some("x-5"), Some("invalid_utf8")),
                (4, Some("x-6"), Some("invalid_json")),
                (5, Some("e"), Some("text_not_string")),
            ]
        );
        match &recs[1] {
            Record::Rejected(r) => assert!(r.source.ends_with("x.jsonl:3"), "source names file and line: {}", r.source),
            _ => unreachable!(),
        }
    }

    #[test]
    fn gzip_is_read_transparently() {
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        gz.write_all(b"{\"text\":\"One.\"}\n{\"text\":\"Two.\"}\n").unwrap();
        let recs = read_all(&gz.finish().unwrap(), "d.jsonl.gz");
        assert_eq!(recs.len(), 2);
        assert!(matches!(&recs[1], Record::Article(a) if a.text == "Two."));
    }

    #[test]
    fn field_names_can_be_mapped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.jsonl");
        std::fs::write(&path, "{\"doc\":\"7\",\"content\":\"Body here.\"}\n").unwrap();
        let opts = IngestOptions { text_field: "content".into(), id_field: "doc".into(), ..Default::default() };
        let recs: Vec<_> = JsonLinesSource::open(&path, opts, 10).unwrap().map(|r| r.unwrap()).collect();
        assert!(matches!(&recs[0], Record::Article(a) if a.id.as_deref() == Some("7") && a.seq == 10));
    }

    #[test]
    fn oversized_records_are_rejected_not_truncated() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.jsonl");
        std::fs::write(&path, format!("{{\"text\":\"{}\"}}\n", "a".repeat(500))).unwrap();
        let opts = IngestOptions { max_article_bytes: 100, ..Default::default() };
        let recs: Vec<_> = JsonLinesSource::open(&path, opts, 0).unwrap().map(|r| r.unwrap()).collect();
        assert!(matches!(&recs[0], Record::Rejected(r) if r.reason.code() == "too_large"));
    }
}
