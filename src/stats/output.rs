//! The computed stats tables and their writing: rows turned into the export
//! module's [`Batch`]es a slice at a time, so that stats tables are written
//! by the same atomic Parquet, CSV and JSON Lines writers as the `analyze`
//! tables and follow the same conventions (lists as JSON in CSV, escaped
//! formulas). Strings that repeat on many rows (ids, names, labels, topics)
//! are shared, and a pair names its entities by their `entity_counts` row,
//! so the tables cost memory per row, not per repeated string.

use std::path::Path;
use std::sync::Arc;

use super::{EntityCount, StatsCounts};
use crate::error::{Error, Result};
use crate::export::frames::{Batch, ColumnData};
use crate::export::schema::{self, TableSchema};
use crate::export::{write, TableFormat};

/// Rows converted and written at a time.
const SLICE_ROWS: usize = 65_536;

/// A date, `YYYY-MM-DD` (ASCII): the first 10 bytes of an article's `published`, when they are one.
pub(crate) type Day = [u8; 10];

/// A row of `entity_counts`.
pub(crate) struct EntityCountRow {
    pub entity_id: Arc<str>,
    pub name: Option<Arc<str>>,
    pub label: Option<Arc<str>>,
    pub articles: i64,
    pub mentions: i64,
    pub mean_salience: f32,
    pub first_seen: Option<Day>,
    pub last_seen: Option<Day>,
    pub top_topics: Vec<Arc<str>>,
}

/// A row of `cooccurrence`; `a` and `b` are rows of `entity_counts`.
pub(crate) struct CooccurrenceRow {
    pub a: u32,
    pub b: u32,
    pub articles: i64,
    pub sentences: i64,
    pub pmi: f32,
    pub npmi: f32,
    pub sentence_pmi: Option<f32>,
}

/// A row of `topic_counts`.
pub(crate) struct TopicCountRow {
    pub period: Option<Arc<str>>,
    pub topic: Option<Arc<str>>,
    pub articles: i64,
    pub share: f32,
}

/// The three stats tables, in their final row order.
/// One row of `places`.
pub(crate) struct PlaceRow {
    pub(crate) global_id: Arc<str>,
    pub(crate) name: Arc<str>,
    pub(crate) country: Option<Arc<str>>,
    pub(crate) lat: f64,
    pub(crate) lon: f64,
    pub(crate) articles: i64,
}

/// A row of `quoted` (`source` is `None`) or of `quoted_by_source`.
pub(crate) struct QuotedRow {
    pub(crate) source: Option<Arc<str>>,
    pub(crate) speaker_id: Arc<str>,
    pub(crate) name: Arc<str>,
    pub(crate) label: Option<Arc<str>>,
    pub(crate) quotes: i64,
    pub(crate) direct: i64,
    pub(crate) articles: i64,
}

pub(crate) struct Tables {
    pub entity_counts: Vec<EntityCountRow>,
    pub cooccurrence: Vec<CooccurrenceRow>,
    pub topic_counts: Vec<TopicCountRow>,
    pub places: Vec<PlaceRow>,
    pub quoted: Vec<QuotedRow>,
    pub quoted_by_source: Vec<QuotedRow>,
}

fn text(s: &Option<Arc<str>>) -> Option<String> {
    s.as_deref().map(str::to_string)
}

fn day(d: &Option<Day>) -> Option<String> {
    d.map(|d| String::from_utf8_lossy(&d).into_owned())
}

impl Tables {
    pub(crate) fn write(&self, dir: &Path, format: TableFormat) -> Result<StatsCounts> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating folder", dir, e))?;
        write::remove_stale_partials(dir);
        Ok(StatsCounts {
            entity_counts: write_table(dir, &schema::ENTITY_COUNTS, &self.entity_counts, format, |rows| {
                vec![
                    ColumnData::Utf8(rows.iter().map(|r| Some(r.entity_id.to_string())).collect()),
                    ColumnData::Utf8(rows.iter().map(|r| text(&r.name)).collect()),
                    ColumnData::Utf8(rows.iter().map(|r| text(&r.label)).collect()),
                    ColumnData::Int64(rows.iter().map(|r| Some(r.articles)).collect()),
                    ColumnData::Int64(rows.iter().map(|r| Some(r.mentions)).collect()),
                    ColumnData::Float32(rows.iter().map(|r| Some(r.mean_salience)).collect()),
                    ColumnData::Utf8(rows.iter().map(|r| day(&r.first_seen)).collect()),
                    ColumnData::Utf8(rows.iter().map(|r| day(&r.last_seen)).collect()),
                    ColumnData::ListUtf8(
                        rows.iter().map(|r| r.top_topics.iter().map(|t| t.to_string()).collect()).collect(),
                    ),
                ]
            })?,
            cooccurrence: write_table(dir, &schema::COOCCURRENCE, &self.cooccurrence, format, |rows| {
                let entity = |i: u32| &self.entity_counts[i as usize];
                let side = |pick: fn(&CooccurrenceRow) -> u32| {
                    [
                        ColumnData::Utf8(rows.iter().map(|r| Some(entity(pick(r)).entity_id.to_string())).collect()),
                        ColumnData::Utf8(rows.iter().map(|r| text(&entity(pick(r)).name)).collect()),
                        ColumnData::Utf8(rows.iter().map(|r| text(&entity(pick(r)).label)).collect()),
                    ]
                };
                let mut columns: Vec<ColumnData> = side(|r| r.a).into_iter().chain(side(|r| r.b)).collect();
                columns.extend([
                    ColumnData::Int64(rows.iter().map(|r| Some(r.articles)).collect()),
                    ColumnData::Int64(rows.iter().map(|r| Some(r.sentences)).collect()),
                    ColumnData::Float32(rows.iter().map(|r| Some(r.pmi)).collect()),
                    ColumnData::Float32(rows.iter().map(|r| Some(r.npmi)).collect()),
                    ColumnData::Float32(rows.iter().map(|r| r.sentence_pmi).collect()),
                ]);
                columns
            })?,
            topic_counts: write_table(dir, &schema::TOPIC_COUNTS, &self.topic_counts, format, |rows| {
                vec![
                    ColumnData::Utf8(rows.iter().map(|r| text(&r.period)).collect()),
                    ColumnData::Utf8(rows.iter().map(|r| text(&r.topic)).collect()),
                    ColumnData::Int64(rows.iter().map(|r| Some(r.articles)).collect()),
                    ColumnData::Float32(rows.iter().map(|r| Some(r.share)).collect()),
                ]
            })?,
            places: write_table(dir, &schema::PLACES, &self.places, format, |rows| {
                vec![
                    ColumnData::Utf8(rows.iter().map(|r| Some(r.global_id.to_string())).collect()),
                    ColumnData::Utf8(rows.iter().map(|r| Some(r.name.to_string())).collect()),
                    ColumnData::Utf8(rows.iter().map(|r| text(&r.country)).collect()),
                    ColumnData::Float32(rows.iter().map(|r| Some(r.lat as f32)).collect()),
                    ColumnData::Float32(rows.iter().map(|r| Some(r.lon as f32)).collect()),
                    ColumnData::Int64(rows.iter().map(|r| Some(r.articles)).collect()),
                ]
            })?,
            quoted: write_table(dir, &schema::QUOTED, &self.quoted, format, |rows| quoted_columns(rows, false))?,
            quoted_by_source: write_table(dir, &schema::QUOTED_BY_SOURCE, &self.quoted_by_source, format, |rows| {
                quoted_columns(rows, true)
            })?,
        })
    }

    pub(crate) fn top_entities(&self, label: &str, n: usize) -> Vec<EntityCount> {
        // Rows are sorted by articles, then mentions.
        self.entity_counts
            .iter()
            .filter(|r| r.label.as_deref() == Some(label))
            .take(n)
            .map(|r| EntityCount {
                name: r.name.as_deref().unwrap_or_default().to_string(),
                articles: r.articles.max(0) as u64,
                mentions: r.mentions.max(0) as u64,
            })
            .collect()
    }
}

/// The columns of `quoted` (or, with the source first, `quoted_by_source`).
fn quoted_columns(rows: &[QuotedRow], with_source: bool) -> Vec<ColumnData> {
    let mut columns = Vec::new();
    if with_source {
        columns.push(ColumnData::Utf8(rows.iter().map(|r| text(&r.source)).collect()));
    }
    columns.extend([
        ColumnData::Utf8(rows.iter().map(|r| Some(r.speaker_id.to_string())).collect()),
        ColumnData::Utf8(rows.iter().map(|r| Some(r.name.to_string())).collect()),
        ColumnData::Utf8(rows.iter().map(|r| text(&r.label)).collect()),
        ColumnData::Int64(rows.iter().map(|r| Some(r.quotes)).collect()),
        ColumnData::Int64(rows.iter().map(|r| Some(r.direct)).collect()),
        ColumnData::Int64(rows.iter().map(|r| Some(r.articles)).collect()),
    ]);
    columns
}

/// Writes `rows` as `table`, a slice at a time; `columns` gives a slice's columns in the schema's order.
fn write_table<R>(
    dir: &Path,
    table: &'static TableSchema,
    rows: &[R],
    format: TableFormat,
    columns: impl Fn(&[R]) -> Vec<ColumnData>,
) -> Result<u64> {
    let mut writer = write::create(dir, table, format)?;
    for slice in rows.chunks(SLICE_ROWS) {
        let columns = columns(slice);
        debug_assert_eq!(columns.len(), table.columns.len(), "columns of {}", table.name);
        writer.write(Batch { schema: table, columns })?;
    }
    writer.finish()
}
