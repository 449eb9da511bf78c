//! Records handed over by a program rather than read from a file: the lists
//! and data frames of the Python package, or a service's requests.
//!
//! The program gives each record's fields already typed ([`GivenRecord`]);
//! [`GivenSource`] numbers them and applies the same rules as the file
//! readers (no text, text that is not a string, invalid UTF-8, too large:
//! a rejected record with its reason), so that a record given in memory
//! becomes exactly the row it would have become in a JSON Lines file.

use super::{decode_utf8, record_from_fields, ArticleSource, FieldValue, IngestOptions};
use crate::document::{Record, Rejected, TextFormat};
use crate::error::Result;

/// The text of a given record, as the program had it.
#[derive(Debug, Clone, Default, PartialEq)]
pub enum GivenText {
    /// No text (missing or null): the record is rejected (`missing_text`).
    #[default]
    Missing,
    /// A string.
    Str(String),
    /// Raw bytes, decoded as UTF-8 by the `invalid_utf8` option: invalid ones reject the record (`invalid_utf8`,
    /// with the offset of the first bad byte) or are replaced and flagged.
    Bytes(Vec<u8>),
    /// Something that is not text (a number, a list): the record is rejected (`text_not_string`).
    NotText,
}

/// One record given by a program: the fields a dump's record has.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct GivenRecord {
    /// The article text (plain text, or an HTML page, which is recognised as such).
    pub text: GivenText,
    /// The page's HTML, analysed instead of `text` when set (the HTML extractor finds the story, title and
    /// metadata).
    pub html: Option<String>,
    /// The record's id.
    pub id: Option<String>,
    /// The title.
    pub title: Option<String>,
    /// The URL.
    pub url: Option<String>,
    /// The publication time, as given.
    pub published: Option<String>,
}

impl GivenRecord {
    /// A record of `text` alone.
    pub fn text(text: impl Into<String>) -> GivenRecord {
        GivenRecord { text: GivenText::Str(text.into()), ..GivenRecord::default() }
    }

    /// The record at `seq`, from `source`: an article, or a rejected record with its reason.
    fn into_record(self, seq: u64, source: String, options: &IngestOptions) -> Record {
        let from_html = self.html.as_ref().is_some_and(|h| !h.trim().is_empty());
        let (text, lossy) = match (self.html, self.text) {
            (Some(html), _) if !html.trim().is_empty() => (FieldValue::Str(html), false),
            (_, GivenText::Str(s)) => (FieldValue::Str(s), false),
            (_, GivenText::Missing) => (FieldValue::Null, false),
            (_, GivenText::NotText) => (FieldValue::Other(String::new()), false),
            (_, GivenText::Bytes(b)) => match decode_utf8(b, options.invalid_utf8) {
                Ok((s, lossy)) => (FieldValue::Str(s), lossy),
                Err(reason) => return Record::Rejected(Rejected { seq, id: self.id, source, reason }),
            },
        };
        let fields = [
            (&options.text_field, Some(text)),
            (&options.id_field, self.id.map(FieldValue::Str)),
            (&options.title_field, self.title.map(FieldValue::Str)),
            (&options.url_field, self.url.map(FieldValue::Str)),
            (&options.published_field, self.published.map(FieldValue::Str)),
        ];
        let get = |name: &str| fields.iter().find(|(n, _)| n.as_str() == name).and_then(|(_, v)| v.clone());
        let mut record = record_from_fields(seq, source, &get, options);
        if let Record::Article(a) = &mut record {
            a.lossy_utf8 = lossy;
            if from_html {
                a.format = TextFormat::Html;
            }
        }
        record
    }
}

/// A stream of records given by a program, numbered from 0; each record's `source` is `NAME:row N` (N from 1),
/// as the rows of a Parquet input.
///
/// An `Err` from the iterator ends the stream with that error, as an input that cannot be read further.
pub struct GivenSource<I> {
    name: String,
    records: I,
    options: IngestOptions,
    next_seq: u64,
    bytes: u64,
}

impl<I> GivenSource<I> {
    /// The records of `records`, read with `options` (the field names of `options` do not matter here: the
    /// fields are given by role).
    pub fn new(name: impl Into<String>, records: I, options: IngestOptions) -> GivenSource<I> {
        GivenSource { name: name.into(), records, options, next_seq: 0, bytes: 0 }
    }
}

impl<I: Iterator<Item = GivenRecord>> GivenSource<std::iter::Map<I, fn(GivenRecord) -> Result<GivenRecord>>> {
    /// The records of an iterator that cannot fail.
    pub fn infallible(name: impl Into<String>, records: I, options: IngestOptions) -> Self {
        GivenSource::new(name, records.map(Ok as fn(GivenRecord) -> Result<GivenRecord>), options)
    }
}

impl<I: Iterator<Item = Result<GivenRecord>>> Iterator for GivenSource<I> {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Result<Record>> {
        let given = match self.records.next()? {
            Ok(g) => g,
            Err(e) => return Some(Err(e)),
        };
        let seq = self.next_seq;
        self.next_seq += 1;
        self.bytes += match (&given.html, &given.text) {
            (Some(h), _) => h.len(),
            (_, GivenText::Str(s)) => s.len(),
            (_, GivenText::Bytes(b)) => b.len(),
            _ => 0,
        } as u64;
        Some(Ok(given.into_record(seq, format!("{}:row {}", self.name, seq + 1), &self.options)))
    }
}

impl<I: Iterator<Item = Result<GivenRecord>> + Send> ArticleSource for GivenSource<I> {
    fn bytes_read(&self) -> u64 {
        self.bytes
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::RejectReason;

    fn records(given: Vec<GivenRecord>) -> Vec<Record> {
        GivenSource::infallible("list", given.into_iter(), IngestOptions::default()).map(|r| r.unwrap()).collect()
    }

    #[test]
    fn given_records_become_what_a_dump_line_would() {
        let cases: Vec<(&str, GivenRecord, Result<(), &str>)> = vec![
            ("text", GivenRecord::text("Markets fell."), Ok(())),
            ("missing", GivenRecord::default(), Err("missing_text")),
            ("blank", GivenRecord::text("  \n "), Err("missing_text")),
            ("not text", GivenRecord { text: GivenText::NotText, ..Default::default() }, Err("text_not_string")),
            ("bad bytes", GivenRecord { text: GivenText::Bytes(b"ab\xffc".to_vec()), ..Default::default() }, Err("invalid_utf8")),
            ("good bytes", GivenRecord { text: GivenText::Bytes(b"abc".to_vec()), ..Default::default() }, Ok(())),
            ("html", GivenRecord { html: Some("<html><p>Hi</p></html>".into()), ..Default::default() }, Ok(())),
        ];
        for (name, given, want) in cases {
            let got = records(vec![given]).pop().unwrap();
            match (got, want) {
                (Record::Article(a), Ok(())) => assert_eq!(a.source, "list:row 1", "{name}"),
                (Record::Rejected(r), Err(code)) => assert_eq!(r.reason.code(), code, "{name}"),
                (got, want) => panic!("{name}: got {got:?}, want {want:?}"),
            }
        }
    }

    #[test]
    fn ids_metadata_and_order_are_kept() {
        let given = vec![
            GivenRecord { id: Some("a".into()), title: Some("T".into()), ..GivenRecord::text("One.") },
            GivenRecord { id: Some("b".into()), ..GivenRecord::default() },
            GivenRecord { html: Some("<html><body><p>Two.</p></body></html>".into()), ..GivenRecord::default() },
        ];
        let out = records(given);
        assert_eq!(out.iter().map(Record::seq).collect::<Vec<_>>(), [0, 1, 2]);
        let Record::Article(a) = &out[0] else { panic!("{:?}", out[0]) };
        assert_eq!((a.id.as_deref(), a.title.as_deref()), (Some("a"), Some("T")));
        let Record::Rejected(r) = &out[1] else { panic!("{:?}", out[1]) };
        assert_eq!((r.id.as_deref(), &r.reason), (Some("b"), &RejectReason::MissingText { field: "text".into() }));
        let Record::Article(a) = &out[2] else { panic!("{:?}", out[2]) };
        assert_eq!(a.format, TextFormat::Html);
    }
}
