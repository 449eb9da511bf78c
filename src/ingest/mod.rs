//! Ingest: input files become a stream of [`Record`]s.
//!
//! Every reader streams: it holds one record (or one small batch of table
//! rows) at a time, so a dump larger than memory is never loaded whole. A
//! record that cannot be read (bad JSON, no text, invalid UTF-8, too large)
//! is not an error: it comes out as [`Record::Rejected`] with its reason, and
//! the stream goes on. Only failures that stop the whole input (a missing
//! file, an unreadable Parquet footer) are [`Error`]s.
//!
//! Formats are chosen by file name: `.jsonl`/`.ndjson` (JSON Lines), `.csv`,
//! `.parquet`, `.txt`/`.html`/`.htm` (one article per file), a folder (all
//! `.txt` and `.html` files in it, recursively, in sorted order), `-` (JSON
//! Lines on standard input), and `.gz` versions of the line formats. A path
//! that does not exist is reported as such before its name is looked at.

pub(crate) mod encoding;
mod files;
mod given;
mod jsonl;
#[cfg(feature = "tables")]
mod parquet;
mod table;

use std::path::{Path, PathBuf};

use crate::document::{Article, Record, RejectReason, Rejected};
use crate::error::{Error, Result};

pub use encoding::decode_html_bytes;
pub use files::FileSource;
pub use given::{GivenRecord, GivenSource, GivenText};
pub use jsonl::JsonLinesSource;
#[cfg(feature = "tables")]
pub use parquet::ParquetSource;
pub use table::CsvSource;

/// Default for [`IngestOptions::max_article_bytes`]: 16 MiB. No news article
/// comes close; a record this large is a broken dump (a whole site in one field).
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 16 * 1024 * 1024;

/// A stream of input records.
///
/// Implementations yield every record they read exactly once, in input order,
/// numbering them with consecutive `seq` values from the `first_seq` they were
/// built with.
pub trait ArticleSource: Iterator<Item = Result<Record>> + Send {
    /// Bytes of input read so far, for progress reporting.
    fn bytes_read(&self) -> u64;

    /// Files of an input folder that are not read (not `.txt`/`.html`), so
    /// that a run can say what it left out. Known once the source is built.
    fn skipped_files(&self) -> &[PathBuf] {
        &[]
    }
}

/// What to do with records whose bytes are not valid UTF-8.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum InvalidUtf8 {
    /// Reject the record, with the byte offset of the first bad sequence.
    #[default]
    Reject,
    /// Decode it with U+FFFD replacement characters, and flag the article.
    Lossy,
}

/// How to read input records.
#[derive(Debug, Clone)]
pub struct IngestOptions {
    /// Field holding the article text (default `text`).
    pub text_field: String,
    /// Field holding the record id (default `id`).
    pub id_field: String,
    /// Field holding the title (default `title`).
    pub title_field: String,
    /// Field holding the URL (default `url`).
    pub url_field: String,
    /// Field holding the publication time (default `published`).
    pub published_field: String,
    /// Field holding the language the record declares, read into [`Article::language`] (default `language`;
    /// `None` reads none).
    pub language_field: Option<String>,
    /// Field holding labels, read into [`Article::labels`] (training and evaluation only).
    pub label_field: Option<String>,
    /// Records larger than this many bytes are rejected, not truncated.
    pub max_article_bytes: usize,
    /// What to do with invalid UTF-8.
    pub invalid_utf8: InvalidUtf8,
    /// Rows per batch for table formats (Parquet).
    pub table_batch_rows: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            text_field: "text".into(),
            id_field: "id".into(),
            title_field: "title".into(),
            url_field: "url".into(),
            published_field: "published".into(),
            language_field: Some("language".into()),
            label_field: None,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
            invalid_utf8: InvalidUtf8::Reject,
            table_batch_rows: 4096,
        }
    }
}

/// The format of one input, as recognised from its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputFormat {
    /// JSON Lines (`.jsonl`, `.ndjson`, `.json`, or `-`), optionally gzipped.
    JsonLines,
    /// CSV with a header row, optionally gzipped.
    Csv,
    /// Parquet.
    Parquet,
    /// One plain-text article per file.
    TextFile,
    /// One HTML page per file.
    HtmlFile,
    /// A folder of `.txt` and `.html` files.
    Folder,
}

impl InputFormat {
    /// Recognises the format of `path` from its name (and whether it is a folder).
    pub fn detect(path: &Path) -> Result<InputFormat> {
        if path.as_os_str() == "-" {
            return Ok(InputFormat::JsonLines);
        }
        if path.is_dir() {
            return Ok(InputFormat::Folder);
        }
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("").to_ascii_lowercase();
        let name = name.strip_suffix(".gz").unwrap_or(&name);
        let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
        Ok(match ext {
            "jsonl" | "ndjson" | "json" => InputFormat::JsonLines,
            "csv" => InputFormat::Csv,
            "parquet" | "pq" => InputFormat::Parquet,
            "txt" | "text" => InputFormat::TextFile,
            "html" | "htm" | "xhtml" => InputFormat::HtmlFile,
            _ => {
                return Err(Error::config(
                    "input",
                    format!(
                        "{}: cannot tell the format from the name; use .jsonl, .ndjson, .csv, .parquet, \
                         .txt, .html (optionally .gz for line formats), a folder, or - for JSON Lines on stdin",
                        path.display()
                    ),
                ))
            }
        })
    }
}

/// The error for an input path that is not there: said before anything is
/// guessed from its name.
fn check_exists(path: &Path) -> Result<()> {
    if path.as_os_str() == "-" || path.exists() {
        return Ok(());
    }
    Err(Error::io("opening", path, std::io::Error::new(std::io::ErrorKind::NotFound, "no such file or folder")))
}

/// Opens one input.
pub fn open(path: &Path, options: &IngestOptions, first_seq: u64) -> Result<Box<dyn ArticleSource>> {
    check_exists(path)?;
    Ok(match InputFormat::detect(path)? {
        InputFormat::JsonLines => Box::new(JsonLinesSource::open(path, options.clone(), first_seq)?),
        InputFormat::Csv => Box::new(CsvSource::open(path, options.clone(), first_seq)?),
        InputFormat::Parquet => open_parquet(path, options, first_seq)?,
        InputFormat::TextFile | InputFormat::HtmlFile | InputFormat::Folder => {
            Box::new(FileSource::open(path, options.clone(), first_seq)?)
        }
    })
}

#[cfg(feature = "tables")]
fn open_parquet(path: &Path, options: &IngestOptions, first_seq: u64) -> Result<Box<dyn ArticleSource>> {
    Ok(Box::new(ParquetSource::open(path, options.clone(), first_seq)?))
}

#[cfg(not(feature = "tables"))]
fn open_parquet(_: &Path, _: &IngestOptions, _: u64) -> Result<Box<dyn ArticleSource>> {
    Err(crate::error::ErrorKind::FeatureDisabled { feature: "tables", hint: " to read Parquet" }.into())
}

/// Several inputs read one after the other as one stream, with `seq` numbers
/// running on across them.
pub struct MultiSource {
    pending: std::vec::IntoIter<Input>,
    options: IngestOptions,
    current: Option<Box<dyn ArticleSource>>,
    next_seq: u64,
    bytes_done: u64,
    skipped: Vec<PathBuf>,
}

/// One input of a [`MultiSource`]: folders are listed when the source is built.
enum Input {
    Path(PathBuf),
    Folder(files::Listing),
}

impl MultiSource {
    /// A stream over `paths`, checked up front so that a typo fails before
    /// any work. Folders are listed here, so [`ArticleSource::skipped_files`]
    /// is complete from the start.
    pub fn new(paths: Vec<PathBuf>, options: IngestOptions) -> Result<MultiSource> {
        let mut inputs = Vec::with_capacity(paths.len());
        let mut skipped = Vec::new();
        for p in paths {
            check_exists(&p)?;
            inputs.push(match InputFormat::detect(&p)? {
                InputFormat::Folder => {
                    let listing = files::Listing::of(&p)?;
                    skipped.extend_from_slice(listing.skipped());
                    Input::Folder(listing)
                }
                _ => Input::Path(p),
            });
        }
        Ok(MultiSource { pending: inputs.into_iter(), options, current: None, next_seq: 0, bytes_done: 0, skipped })
    }
}

impl Iterator for MultiSource {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        loop {
            if let Some(src) = self.current.as_mut() {
                match src.next() {
                    Some(item) => {
                        if let Ok(r) = &item {
                            self.next_seq = r.seq() + 1;
                        }
                        return Some(item);
                    }
                    None => {
                        self.bytes_done += src.bytes_read();
                        self.current = None;
                    }
                }
            }
            let opened: Result<Box<dyn ArticleSource>> = match self.pending.next()? {
                Input::Path(path) => open(&path, &self.options, self.next_seq),
                Input::Folder(listing) => {
                    Ok(Box::new(FileSource::from_listing(listing, self.options.clone(), self.next_seq)))
                }
            };
            match opened {
                Ok(src) => self.current = Some(src),
                Err(e) => return Some(Err(e)),
            }
        }
    }
}

impl ArticleSource for MultiSource {
    fn bytes_read(&self) -> u64 {
        self.bytes_done + self.current.as_ref().map_or(0, |s| s.bytes_read())
    }

    fn skipped_files(&self) -> &[PathBuf] {
        &self.skipped
    }
}

/// Turns raw record bytes into a string, or the reason it cannot be one.
pub(crate) fn decode_utf8(bytes: Vec<u8>, mode: InvalidUtf8) -> std::result::Result<(String, bool), RejectReason> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok((s, false)),
        Err(e) => match mode {
            InvalidUtf8::Reject => Err(RejectReason::InvalidUtf8 { offset: e.utf8_error().valid_up_to() }),
            InvalidUtf8::Lossy => Ok((String::from_utf8_lossy(e.as_bytes()).into_owned(), true)),
        },
    }
}

/// Builds the record for one JSON object (JSON Lines, or a row turned into fields).
pub(crate) fn record_from_fields(
    seq: u64,
    source: String,
    get: &dyn Fn(&str) -> Option<FieldValue>,
    options: &IngestOptions,
) -> Record {
    let id = get(&options.id_field).and_then(FieldValue::into_string);
    let reject = |reason| Record::Rejected(Rejected { seq, id: id.clone(), source: source.clone(), reason });
    let text = match get(&options.text_field) {
        Some(FieldValue::Str(s)) if !s.trim().is_empty() => s,
        Some(FieldValue::Str(_)) | Some(FieldValue::Null) | None => {
            return reject(RejectReason::MissingText { field: options.text_field.clone() })
        }
        Some(_) => return reject(RejectReason::TextNotString { field: options.text_field.clone() }),
    };
    if text.len() > options.max_article_bytes {
        return reject(RejectReason::TooLarge { bytes: text.len(), limit: options.max_article_bytes });
    }
    let labels = match options.label_field.as_deref().and_then(get) {
        Some(FieldValue::List(v)) => v,
        Some(FieldValue::Str(s)) => vec![s],
        Some(FieldValue::Other(s)) => vec![s],
        _ => Vec::new(),
    };
    let format = if looks_like_html(&text) { crate::document::TextFormat::Html } else { Default::default() };
    Record::Article(Article {
        seq,
        id: id.clone(),
        source,
        text,
        format,
        title: get(&options.title_field).and_then(FieldValue::into_string),
        url: get(&options.url_field).and_then(FieldValue::into_string),
        published: get(&options.published_field).and_then(FieldValue::into_string),
        labels,
        lossy_utf8: false,
        language: options.language_field.as_deref().and_then(get).and_then(FieldValue::into_string),
    })
}

/// A field value of an input record, reduced to what ingest needs.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum FieldValue {
    Null,
    Str(String),
    List(Vec<String>),
    /// A number or boolean, as text.
    Other(String),
}

impl FieldValue {
    fn into_string(self) -> Option<String> {
        match self {
            FieldValue::Str(s) | FieldValue::Other(s) => Some(s).filter(|s| !s.is_empty()),
            _ => None,
        }
    }
}

/// Whether a text field holds an HTML page rather than plain text.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start_matches('\u{feff}').trim_start();
    let head = &head[..crate::span::floor_char_boundary(head, 512)];
    let lower = head.to_ascii_lowercase();
    lower.starts_with("<!doctype html") || lower.starts_with("<html") || lower.contains("<body")
}

/// A default article id for records that have none: the input's file stem and the record's position.
pub(crate) fn default_id(path: &Path, position: u64) -> String {
    let stem = path.file_name().and_then(|n| n.to_str()).unwrap_or("stdin");
    let stem = stem.split('.').next().unwrap_or(stem);
    let stem = if stem.is_empty() || stem == "-" { "stdin" } else { stem };
    format!("{stem}-{position}")
}

/// A short name for `path` in `source` columns: as given on the command line.
pub(crate) fn display_path(path: &Path) -> String {
    if path.as_os_str() == "-" {
        "stdin".to_string()
    } else {
        path.display().to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_recognised_from_names() {
        let cases = [
            ("dump.jsonl", InputFormat::JsonLines),
            ("dump.ndjson.gz", InputFormat::JsonLines),
            ("-", InputFormat::JsonLines),
            ("rows.CSV", InputFormat::Csv),
            ("rows.csv.gz", InputFormat::Csv),
            ("t.parquet", InputFormat::Parquet),
            ("page.txt", InputFormat::TextFile),
            ("page.html", InputFormat::HtmlFile),
        ];
        for (name, want) in cases {
            assert_eq!(InputFormat::detect(Path::new(name)).unwrap(), want, "{name}");
        }
        assert!(InputFormat::detect(Path::new("notes.docx")).is_err(), "unknown extensions must be refused");
    }

    #[test]
    fn a_missing_path_is_said_to_be_missing_whatever_its_name() {
        for name in ["missing.jsonl", "missing.docx", "missing-folder"] {
            let e = MultiSource::new(vec![PathBuf::from(name)], IngestOptions::default()).err().expect(name);
            let source = std::error::Error::source(&e).map(ToString::to_string).unwrap_or_default();
            assert_eq!((e.to_string(), source.as_str()), (format!("opening {name}"), "no such file or folder"), "{name}");
        }
    }

    #[test]
    fn files_of_input_folders_that_are_not_read_are_known_before_the_run() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("a.txt"), "A story.").unwrap();
        std::fs::write(dir.path().join("b.bin"), [0u8]).unwrap();
        std::fs::write(dir.path().join("sub/c.pdf"), "%PDF").unwrap();
        let mut source = MultiSource::new(vec![dir.path().to_path_buf()], IngestOptions::default()).unwrap();
        let want = [dir.path().join("b.bin"), dir.path().join("sub/c.pdf")];
        assert_eq!(source.skipped_files(), want, "listed when the source is built");
        assert_eq!(source.by_ref().count(), 1, "only a.txt is read");
        assert_eq!(source.skipped_files(), want, "still there after the run");
    }

    #[test]
    fn invalid_utf8_is_rejected_or_decoded_lossily() {
        let bytes = b"caf\xe9".to_vec();
        assert_eq!(decode_utf8(bytes.clone(), InvalidUtf8::Reject), Err(RejectReason::InvalidUtf8 { offset: 3 }));
        assert_eq!(decode_utf8(bytes, InvalidUtf8::Lossy), Ok(("caf\u{fffd}".to_string(), true)));
    }

    #[test]
    fn html_is_recognised_in_text_fields() {
        assert!(looks_like_html("<!DOCTYPE html><html>"));
        assert!(looks_like_html("  <html lang=en>"));
        assert!(!looks_like_html("Prices rose <5% in May."));
    }
}
