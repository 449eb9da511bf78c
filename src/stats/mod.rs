//! Corpus-level tables from the tables of an `analyze` run: `entity_counts`,
//! `cooccurrence`, `topic_counts`, `places`, `quoted` and `quoted_by_source` (schemas in [`crate::export::schema`]).
//!
//! Every notebook over newsnlp's output starts by rebuilding the same
//! aggregates: who is named most, who is named with whom, what is written
//! about when. This module builds them once. The Parquet tables (one file
//! per table, or Hive-style dataset folders of sharded and partitioned runs:
//! see [`input`]) are read a row group at a time with polars' eager reader,
//! only the columns used (never the article bodies), and aggregated in hash
//! maps keyed by small numbers for articles, entities, pairs and periods.
//! So the memory grows with the distinct articles, entities and pairs of the
//! run, not with its rows or its text (beyond a row group in flight, and the
//! rows of an article whose rows are not together: see [`runs`]), and
//! polars' query engines (with the cloud and async stack that its streaming
//! engine brings) are not needed: a few hundred lines of plain Rust do what
//! the joins and group-bys did, in half the time and memory. The results are
//! small; they are written through the same atomic writers as the `analyze`
//! tables, in any of their formats.
//!
//! The passes, in order: `articles` ([`articles`]: the `ok` articles, their
//! dates and topics, and `topic_counts`), `entities` ([`entities`]:
//! `entity_counts`), then `entities` again and `mentions` ([`pairs`]:
//! `cooccurrence`). Where a rule needs a "first" row, it is the first in
//! reading order: files in sorted path order, rows in file order.
//!
//! Definitions (also in the schema docs):
//! - Only `ok` articles count, once per article id (a dump may repeat an
//!   id: the first `ok` row of an id is kept). An article's date is the
//!   first 10 characters of `published` when they form `YYYY-MM-DD`, its
//!   month the first 7 when they form `YYYY-MM`.
//! - `entity_counts` groups the `entities` rows of those articles by
//!   `global_id`, the dump-level entity ("Baker" and "James Baker" when the
//!   dump names one Baker), or by `entity_id` in a run without dump-level
//!   identity (`--no-identity`, or tables of older runs); `cooccurrence`
//!   pairs the same entities. Its name is the most frequent canonical name (ties: the
//!   alphabetically first), its label that of its first row.
//! - `cooccurrence` counts, for each pair of entities, the articles whose
//!   `entities` rows include both, and the body sentences whose `mentions`
//!   include both. With N `ok` articles, n(x) the articles naming x and
//!   n(a,b) those naming both, `pmi` = log2(n(a,b)·N / (n(a)·n(b))) and
//!   `npmi` = pmi / −log2(n(a,b)/N), in −1..1 (1 when n(a,b) = N, where
//!   the formula is 0/0). `sentence_pmi` is the same with body sentences for
//!   articles (N = the `ok` articles' `n_sentences`). Pairs seen together in
//!   fewer than `min_count` articles are left out: PMI overrates rare pairs,
//!   and the pairs seen once are most of them. Because n(a,b) ≤ n(a), the
//!   entities in fewer than `min_count` articles are dropped before pairing,
//!   which keeps the pair counts small on large runs.
//! - `topic_counts` counts articles by period and best `topic`; `share` is
//!   their fraction of the period's `ok` articles, so shares add up to 1.

mod articles;
mod entities;
mod input;
mod intern;
mod output;
mod pairs;
mod places;
mod quoted;
mod runs;

use std::path::Path;

use crate::error::{Error, Result};
use crate::export::TableFormat;

/// How `topic_counts` groups dates.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Period {
    /// `YYYY-MM-DD`.
    Day,
    /// `YYYY-MM`.
    #[default]
    Month,
}

impl Period {
    /// Parses `day` or `month`.
    pub fn parse(s: &str) -> Result<Period> {
        match s {
            "day" => Ok(Period::Day),
            "month" => Ok(Period::Month),
            other => Err(Error::config("--period", format!("`{other}`: expected day or month"))),
        }
    }
}

/// Settings of a stats run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatsOptions {
    /// Fewest articles a pair must share to be in `cooccurrence` (at least 1).
    pub min_count: u64,
    /// Periods of `topic_counts`.
    pub period: Period,
    /// Length of `entity_counts.top_topics`.
    pub top_topics: usize,
}

/// The default minimum count of a co-occurring pair.
pub const DEFAULT_MIN_COUNT: u64 = 2;

impl Default for StatsOptions {
    fn default() -> StatsOptions {
        StatsOptions { min_count: DEFAULT_MIN_COUNT, period: Period::Month, top_topics: 3 }
    }
}

/// One entity of `entity_counts`, for summaries.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityCount {
    /// Its name.
    pub name: String,
    /// Articles that mention it.
    pub articles: u64,
    /// Its mentions.
    pub mentions: u64,
}

/// The corpus-level tables of one run, computed and ready to write.
pub struct Stats {
    /// `ok` articles of the run.
    pub articles: u64,
    /// Body sentences of those articles.
    pub sentences: u64,
    tables: output::Tables,
}

/// Rows written per stats table.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize)]
pub struct StatsCounts {
    /// `entity_counts` rows.
    pub entity_counts: u64,
    /// `cooccurrence` rows.
    pub cooccurrence: u64,
    /// `topic_counts` rows.
    pub topic_counts: u64,
    /// `places` rows.
    pub places: u64,
    /// `quoted` rows.
    pub quoted: u64,
    /// `quoted_by_source` rows.
    pub quoted_by_source: u64,
}

impl Stats {
    /// Reads the tables of the `analyze` run in `dir` and computes the stats.
    pub fn compute(dir: &Path, options: &StatsOptions) -> Result<Stats> {
        if options.min_count == 0 {
            return Err(Error::config("--min-count", "must be at least 1"));
        }
        let articles_files = input::table_files(dir, "articles")?;
        let entity_files = input::table_files(dir, "entities")?;
        let mention_files = input::table_files(dir, "mentions")?;
        let articles = articles::Articles::read(&articles_files, options.period)?;
        let entities = entities::Entities::read(&entity_files, &articles)?;
        let (entity_counts, row_of) = entities.counts(&articles, options.top_topics);
        let inputs = pairs::Inputs {
            articles: &articles,
            entities: &entities,
            entity_files: &entity_files,
            mention_files: &mention_files,
            row_of: &row_of,
        };
        let cooccurrence = pairs::cooccurrence(&inputs, options.min_count)?;
        let places = places::read(&entity_files, &articles)?;
        let (quoted, quoted_by_source) = quoted::read(dir, &articles)?;
        let tables = output::Tables {
            entity_counts,
            cooccurrence,
            topic_counts: articles.topic_counts(),
            places,
            quoted,
            quoted_by_source,
        };
        Ok(Stats { articles: articles.ok, sentences: articles.sentences, tables })
    }

    /// The `n` entities of `label` in the most articles, most first.
    pub fn top_entities(&self, label: &str, n: usize) -> Vec<EntityCount> {
        self.tables.top_entities(label, n)
    }

    /// The `n` most-quoted speakers of `label` (quotes, articles), most first.
    pub fn top_quoted(&self, label: &str, n: usize) -> Vec<(String, u64, u64)> {
        let rows = self.tables.quoted.iter().filter(|r| r.label.as_deref() == Some(label)).take(n);
        rows.map(|r| (r.name.to_string(), r.quotes.max(0) as u64, r.articles.max(0) as u64)).collect()
    }

    /// Writes the tables into `dir` (created if needed), each atomically.
    pub fn write(&self, dir: &Path, format: TableFormat) -> Result<StatsCounts> {
        self.tables.write(dir, format)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::frames::{Batch, Value};
    use crate::export::schema::{TableSchema, ARTICLES, ENTITIES, MENTIONS, QUOTES};
    use crate::export::write;

    fn write_table(dir: &Path, table: &'static TableSchema, rows: &[&[(&str, Value)]]) {
        let mut batch = Batch::new(table);
        for values in rows {
            batch.push_row(
                table
                    .columns
                    .iter()
                    .map(|c| match values.iter().find(|(n, _)| *n == c.name) {
                        Some((_, v)) => v.clone(),
                        None if c.dtype == crate::export::schema::DataType::Boolean => Value::Bool(false),
                        None => Value::Null,
                    })
                    .collect(),
            );
        }
        let mut w = write::create_at(&dir.join(format!("{}.parquet", table.name)), table, TableFormat::Parquet).unwrap();
        w.write(batch).unwrap();
        w.finish().unwrap();
    }

    /// With dump-level identity, "Baker" and "James Baker" (two `entity_id`s, one `global_id`) are one entity.
    #[test]
    fn entities_are_counted_by_global_id_when_the_run_has_them() {
        let dir = tempfile::tempdir().unwrap();
        let s = |v: &str| Value::Str(v.to_string());
        let article = |id: &str| [("article_id", s(id)), ("status", s("ok")), ("n_sentences", Value::Int(1))];
        write_table(dir.path(), &ARTICLES, &[&article("a1"), &article("a2"), &article("a3")]);
        let entity = |a: &str, e: &str, name: &str, g: Option<&str>| {
            [
                ("article_id", s(a)),
                ("entity_id", s(e)),
                ("name", s(name)),
                ("label", s("PERSON")),
                ("mention_count", Value::Int(1)),
                ("global_id", g.map_or(Value::Null, s)),
            ]
        };
        let rows = [
            entity("a1", "e-james", "James Baker", Some("g-baker")),
            entity("a2", "e-baker", "Baker", Some("g-baker")),
            entity("a3", "e-james", "James Baker", Some("g-baker")),
            entity("a3", "e-other", "Susan Baker", None),
        ];
        write_table(dir.path(), &ENTITIES, &rows.iter().map(|r| &r[..]).collect::<Vec<_>>());
        write_table(dir.path(), &MENTIONS, &[]);
        let stats = Stats::compute(dir.path(), &StatsOptions { min_count: 1, ..StatsOptions::default() }).unwrap();
        let counts: Vec<_> =
            stats.tables.entity_counts.iter().map(|r| (&*r.entity_id, r.name.as_deref(), r.articles)).collect();
        assert_eq!(counts, [("g-baker", Some("James Baker"), 3), ("e-other", Some("Susan Baker"), 1)]);
    }

    /// Quotes count by the speaker's dump-level entity, and by the source of their article; quotes with no
    /// resolved speaker and quotes of rejected articles are not counted.
    #[test]
    fn quoted_counts_speakers_overall_and_by_source() {
        let dir = tempfile::tempdir().unwrap();
        let s = |v: &str| Value::Str(v.to_string());
        let article = |id: &str, status: &str, site: Option<&str>, url: &str| {
            [
                ("article_id", s(id)),
                ("status", s(status)),
                ("n_sentences", Value::Int(1)),
                ("site", site.map_or(Value::Null, s)),
                ("url", s(url)),
            ]
        };
        let articles = [
            article("a1", "ok", Some("Harbour Wire"), "https://x.example/1"),
            article("a2", "ok", None, "https://www.bbc.co.uk/news/2"),
            article("a3", "ok", Some("Harbour Wire"), ""),
            article("a4", "rejected", Some("Harbour Wire"), ""),
        ];
        write_table(dir.path(), &ARTICLES, &articles.iter().map(|r| &r[..]).collect::<Vec<_>>());
        let entity = |a: &str, e: &str, label: &str, g: &str| {
            [("article_id", s(a)), ("entity_id", s(e)), ("name", s(e)), ("label", s(label)), ("mention_count", Value::Int(1)), ("global_id", s(g))]
        };
        let entities = [
            entity("a1", "e-brandt", "PERSON", "g-brandt"),
            entity("a2", "e-samuel", "PERSON", "g-brandt"),
            entity("a3", "e-brandt", "PERSON", "g-brandt"),
            entity("a3", "e-corvina", "ORGANIZATION", "g-corvina"),
        ];
        write_table(dir.path(), &ENTITIES, &entities.iter().map(|r| &r[..]).collect::<Vec<_>>());
        write_table(dir.path(), &MENTIONS, &[]);
        let quote = |a: &str, kind: &str, e: Option<&str>, name: &str| {
            [
                ("article_id", s(a)),
                ("kind", s(kind)),
                ("speaker_entity_id", e.map_or(Value::Null, s)),
                ("speaker_name", s(name)),
            ]
        };
        let quotes = [
            quote("a1", "direct", Some("e-brandt"), "Samuel Brandt"),
            quote("a1", "indirect", Some("e-brandt"), "Samuel Brandt"),
            quote("a2", "mixed", Some("e-samuel"), "Samuel"),
            quote("a3", "indirect", Some("e-corvina"), "Corvina"),
            quote("a3", "direct", None, ""),
            quote("a4", "direct", Some("e-brandt"), "Samuel Brandt"),
        ];
        write_table(dir.path(), &QUOTES, &quotes.iter().map(|r| &r[..]).collect::<Vec<_>>());
        let stats = Stats::compute(dir.path(), &StatsOptions::default()).unwrap();
        let quoted: Vec<_> = stats
            .tables
            .quoted
            .iter()
            .map(|r| (&*r.speaker_id, &*r.name, r.label.as_deref(), r.quotes, r.direct, r.articles))
            .collect();
        assert_eq!(
            quoted,
            [("g-brandt", "Samuel Brandt", Some("PERSON"), 3, 2, 2), ("g-corvina", "Corvina", Some("ORGANIZATION"), 1, 0, 1)]
        );
        let by_source: Vec<_> =
            stats.tables.quoted_by_source.iter().map(|r| (r.source.as_deref(), &*r.speaker_id, r.quotes)).collect();
        assert_eq!(
            by_source,
            [(Some("Harbour Wire"), "g-brandt", 2), (Some("Harbour Wire"), "g-corvina", 1), (Some("bbc.co.uk"), "g-brandt", 1)]
        );
        assert_eq!(stats.top_quoted("PERSON", 5), [("Samuel Brandt".to_string(), 3, 2)]);
    }

    /// A dump that repeats the id `a1`: the rows of its two copies are apart in every table, those of `a2`
    /// are apart in `mentions` only, so every pass meets articles counted in pieces.
    #[test]
    fn a_repeated_article_id_is_one_article_whose_rows_are_counted_once() {
        let dir = tempfile::tempdir().unwrap();
        let s = |v: &str| Value::Str(v.to_string());
        let article = |id: &str, published: &str, topic: &str, n: i64| {
            [
                ("article_id", s(id)),
                ("status", s("ok")),
                ("published", s(published)),
                ("topic", s(topic)),
                ("n_sentences", Value::Int(n)),
            ]
        };
        let (a1, a2, copy) = (
            article("a1", "2026-01-05", "t1", 2),
            article("a2", "2026-01-06", "t1", 1),
            article("a1", "2026-03-01", "t2", 5),
        );
        write_table(dir.path(), &ARTICLES, &[&a1, &a2, &copy]);
        let entity = |a: &str, e: &str| {
            [
                ("article_id", s(a)),
                ("entity_id", s(e)),
                ("name", s(e)),
                ("label", s("MISC")),
                ("mention_count", Value::Int(1)),
            ]
        };
        let entities = [("a1", "x"), ("a1", "y"), ("a2", "x"), ("a2", "y"), ("a1", "x"), ("a1", "y"), ("a1", "z")];
        let entities: Vec<_> = entities.iter().map(|&(a, e)| entity(a, e)).collect();
        write_table(dir.path(), &ENTITIES, &entities.iter().map(|r| &r[..]).collect::<Vec<_>>());
        let mention = |a: &str, sentence: i64, e: &str| {
            [("article_id", s(a)), ("field", s("body")), ("sentence_index", Value::Int(sentence)), ("entity_id", s(e))]
        };
        let mentions = [
            ("a2", 0, "x"),
            ("a1", 0, "x"),
            ("a1", 0, "y"),
            ("a2", 0, "y"),
            ("a1", 0, "z"),
            ("a1", 1, "x"),
            ("a1", 1, "z"),
        ];
        let mentions: Vec<_> = mentions.iter().map(|&(a, i, e)| mention(a, i, e)).collect();
        write_table(dir.path(), &MENTIONS, &mentions.iter().map(|r| &r[..]).collect::<Vec<_>>());

        let stats = Stats::compute(dir.path(), &StatsOptions { min_count: 1, ..StatsOptions::default() }).unwrap();
        assert_eq!((stats.articles, stats.sentences), (2, 3), "the first ok row of a1 counts, the copy does not");
        let topics: Vec<_> =
            stats.tables.topic_counts.iter().map(|r| (r.period.as_deref(), r.topic.as_deref(), r.articles)).collect();
        assert_eq!(topics, [(Some("2026-01"), Some("t1"), 2)], "the copy's date and topic are not counted");
        let counts: Vec<_> = stats.tables.entity_counts.iter().map(|r| (&*r.entity_id, r.articles)).collect();
        assert_eq!(counts, [("x", 3), ("y", 3), ("z", 1)], "entity_counts count rows, as before");
        let pairs: Vec<_> = stats
            .tables
            .cooccurrence
            .iter()
            .map(|r| {
                let id = |row: u32| &*stats.tables.entity_counts[row as usize].entity_id;
                (id(r.a), id(r.b), r.articles, r.sentences)
            })
            .collect();
        assert_eq!(
            pairs,
            [("x", "y", 2, 2), ("x", "z", 1, 2), ("y", "z", 1, 1)],
            "pairs count distinct articles and sentences, however their rows are spread"
        );
    }
}
