//! Corpus-level tables from the tables of an `analyze` run: `entity_counts`,
//! `cooccurrence` and `topic_counts` (schemas in [`crate::export::schema`]).
//!
//! Every notebook over newsnlp's output starts by rebuilding the same
//! aggregates: who is named most, who is named with whom, what is written
//! about when. This module builds them once. The Parquet tables (one file
//! per table, or Hive-style dataset folders of sharded and partitioned runs:
//! see [`input`]) are read a row group at a time with polars' eager reader,
//! only the columns used (never the article bodies), and aggregated in hash
//! maps keyed by small numbers for articles, entities, pairs and periods.
//! So the memory grows with the distinct articles, entities and pairs of the
//! run, not with its rows or its text, and polars' query engine (and the
//! cloud and async stack that comes with it) is not needed: a few hundred
//! lines of plain Rust do what the joins and group-bys did. The results are
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
//!   `entity_id`. Its name is the most frequent canonical name (ties: the
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
mod runs;

use std::path::Path;

use crate::error::{Error, Result};
use crate::export::Format;

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
        let tables = output::Tables { entity_counts, cooccurrence, topic_counts: articles.topic_counts() };
        Ok(Stats { articles: articles.ok, sentences: articles.sentences, tables })
    }

    /// The `n` entities of `label` in the most articles, most first.
    pub fn top_entities(&self, label: &str, n: usize) -> Vec<EntityCount> {
        self.tables.top_entities(label, n)
    }

    /// Writes the tables into `dir` (created if needed), each atomically.
    pub fn write(&self, dir: &Path, format: Format) -> Result<StatsCounts> {
        self.tables.write(dir, format)
    }
}
