//! Export: documents → tables (articles, sentences, mentions, entities, and
//! clusters with `--clusters`) in Parquet, CSV or JSON Lines, with the schema
//! defined once in [`schema`].
//!
//! Two layouts. A plain run writes one file per table: `OUT/articles.parquet`.
//! A sharded or partitioned run writes a Hive-style dataset per table, which
//! polars, DuckDB, pandas (pyarrow) and Spark read as one table:
//! `OUT/articles/language=eng/part-2.parquet`, where `2` is the shard (`--shard
//! 2/N`; 0 when not sharded), so that shards never write the same file.
//! The `clusters` table is never partitioned (`OUT/clusters/part-2.parquet`);
//! a shard clusters only its own records.

pub mod frames;
pub mod schema;
pub mod write;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};
use crate::pipeline::Outcome;
use frames::Batch;
use schema::TableSchema;
pub use write::Format;

/// Rows written per table by a finished [`AnalyzeTables`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct TableCounts {
    /// `articles` rows.
    pub articles: u64,
    /// `sentences` rows.
    pub sentences: u64,
    /// `mentions` rows.
    pub mentions: u64,
    /// `entities` rows.
    pub entities: u64,
    /// `clusters` rows (0 when no clusterer ran).
    pub clusters: u64,
}

/// How a dataset is split into folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PartitionBy {
    /// By the article's language code (`language=eng/`).
    Language,
    /// By the month of the published time (`published_month=2026-01/`).
    PublishedMonth,
}

/// The folder value for rows whose partition value is null (Hive's convention,
/// read back as null by Spark, DuckDB and polars).
pub const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

impl PartitionBy {
    /// Parses `language` or `published_month`.
    pub fn parse(s: &str) -> Result<PartitionBy> {
        match s {
            "language" => Ok(PartitionBy::Language),
            "published_month" => Ok(PartitionBy::PublishedMonth),
            other => Err(Error::config("--partition-by", format!("`{other}`: expected language or published_month"))),
        }
    }

    /// The partition column's name.
    pub fn column(self) -> &'static str {
        match self {
            PartitionBy::Language => "language",
            PartitionBy::PublishedMonth => "published_month",
        }
    }

    /// The partition value of an outcome, safe as a folder name.
    pub fn value(self, outcome: &Outcome) -> String {
        let doc = match outcome {
            Outcome::Ok(doc) => doc,
            Outcome::Rejected(_) => return NULL_PARTITION.to_string(),
        };
        let v = match self {
            PartitionBy::Language => doc.language.map(|l| l.code.to_string()),
            PartitionBy::PublishedMonth => doc.meta.published.as_deref().and_then(month_of),
        };
        v.filter(|v| v.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
            .unwrap_or_else(|| NULL_PARTITION.to_string())
    }
}

/// `YYYY-MM` of an ISO 8601 date-time.
fn month_of(iso: &str) -> Option<String> {
    let b = iso.as_bytes();
    let ok = b.len() >= 7 && b[..4].iter().all(u8::is_ascii_digit) && b[4] == b'-' && b[5..7].iter().all(u8::is_ascii_digit);
    ok.then(|| iso[..7].to_string())
}

/// Where the tables go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Layout {
    /// One file per table in the output folder.
    Single,
    /// A Hive-style dataset folder per table, with part files named by `part`.
    Dataset {
        /// Partition column, if any.
        partition: Option<PartitionBy>,
        /// The part number in file names (the shard index).
        part: u32,
    },
}

/// The writers of one partition (or of the whole output): one per table.
struct TableGroup {
    writers: Vec<Box<dyn write::TableWriter>>,
    schemas: Vec<&'static TableSchema>,
}

/// The tables of an `analyze` run.
pub struct AnalyzeTables {
    dir: PathBuf,
    format: Format,
    layout: Layout,
    groups: BTreeMap<String, TableGroup>,
    clusterer: Option<Box<dyn crate::cluster::StoryClusterer>>,
}

/// Memory budget for buffered rows across all open partitions.
const BUFFER_BUDGET: usize = 64 << 20;

impl AnalyzeTables {
    /// Creates the output folder and, for a single-file layout, the writers.
    pub fn create(dir: &Path, format: Format, layout: Layout) -> Result<AnalyzeTables> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating folder", dir, e))?;
        write::remove_stale_partials(dir);
        let mut tables =
            AnalyzeTables { dir: dir.to_path_buf(), format, layout, groups: BTreeMap::new(), clusterer: None };
        if tables.layout == Layout::Single {
            tables.group(String::new())?;
        }
        Ok(tables)
    }

    /// Also assigns story clusters: the rows get a `cluster_id`, and
    /// [`AnalyzeTables::finish`] writes the `clusters` table. Rows are written
    /// in input order, so the clusterer sees the stream in order.
    pub fn with_clusters(mut self, clusterer: Box<dyn crate::cluster::StoryClusterer>) -> AnalyzeTables {
        self.clusterer = Some(clusterer);
        self
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn group(&mut self, key: String) -> Result<&mut TableGroup> {
        if !self.groups.contains_key(&key) {
            let mut writers = Vec::new();
            let mut schemas = Vec::new();
            for table in schema::analyze_tables() {
                let (path, table, buffer) = match &self.layout {
                    Layout::Single => (
                        self.dir.join(format!("{}.{}", table.name, self.format.extension())),
                        table,
                        write::DEFAULT_BUFFER_BYTES,
                    ),
                    Layout::Dataset { partition, part } => {
                        let mut folder = self.dir.join(table.name);
                        let mut table = table;
                        if let Some(p) = partition {
                            folder = folder.join(format!("{}={}", p.column(), key));
                            table = schema::without_column(table, p.column());
                        }
                        write::remove_stale_partials(&folder);
                        // Each open partition gets a share of the budget, at least 4 MiB.
                        let open = self.groups.len() + 1;
                        let buffer = (BUFFER_BUDGET / (4 * open)).clamp(4 << 20, write::DEFAULT_BUFFER_BYTES);
                        (folder.join(format!("part-{part}.{}", self.format.extension())), table, buffer)
                    }
                };
                writers.push(write::create_buffered(&path, table, self.format, buffer)?);
                schemas.push(table);
            }
            self.groups.insert(key.clone(), TableGroup { writers, schemas });
        }
        Ok(self.groups.get_mut(&key).expect("inserted above"))
    }

    /// Writes the rows of a run of outcomes, in order.
    pub fn write(&mut self, outcomes: &[Outcome]) -> Result<()> {
        let mut clusters = self.cluster_ids(outcomes)?.into_iter();
        let rows: Vec<(&Outcome, Option<i64>)> = outcomes
            .iter()
            .map(|o| (o, if matches!(o, Outcome::Ok(_)) { clusters.next().flatten() } else { None }))
            .collect();
        let partition = match self.layout {
            Layout::Dataset { partition: Some(p), .. } => p,
            _ => {
                let key = if self.layout == Layout::Single { String::new() } else { "all".to_string() };
                return self.write_group(key, rows);
            }
        };
        let mut by_value: BTreeMap<String, Vec<(&Outcome, Option<i64>)>> = BTreeMap::new();
        for row in rows {
            by_value.entry(partition.value(row.0)).or_default().push(row);
        }
        for (value, group) in by_value {
            self.write_group(value, group)?;
        }
        Ok(())
    }

    /// The cluster of each analysed document of `outcomes`, in order (all `None` without a clusterer).
    fn cluster_ids(&mut self, outcomes: &[Outcome]) -> Result<Vec<Option<i64>>> {
        let docs: Vec<&crate::Document> =
            outcomes.iter().filter_map(|o| if let Outcome::Ok(d) = o { Some(&**d) } else { None }).collect();
        Ok(match &mut self.clusterer {
            Some(c) => c.assign(&docs)?.into_iter().map(Some).collect(),
            None => vec![None; docs.len()],
        })
    }

    fn write_group(&mut self, key: String, rows: Vec<(&Outcome, Option<i64>)>) -> Result<()> {
        let group = self.group(key)?;
        for ((writer, table), batch) in group.writers.iter_mut().zip(&group.schemas).zip(batches(rows)) {
            writer.write(batch.project(table))?;
        }
        Ok(())
    }

    /// Completes every table and moves them into place.
    pub fn finish(self) -> Result<TableCounts> {
        let mut counts = TableCounts::default();
        for group in self.groups.into_values() {
            let mut rows = Vec::with_capacity(4);
            for w in group.writers {
                rows.push(w.finish()?);
            }
            counts.articles += rows[0];
            counts.sentences += rows[1];
            counts.mentions += rows[2];
            counts.entities += rows[3];
        }
        if let Some(c) = &self.clusterer {
            let path = match &self.layout {
                Layout::Single => self.dir.join(format!("{}.{}", schema::CLUSTERS.name, self.format.extension())),
                Layout::Dataset { part, .. } => {
                    self.dir.join(schema::CLUSTERS.name).join(format!("part-{part}.{}", self.format.extension()))
                }
            };
            let mut w = write::create_at(&path, &schema::CLUSTERS, self.format)?;
            w.write(frames::cluster_rows(c.clusters()))?;
            counts.clusters = w.finish()?;
        }
        Ok(counts)
    }
}

/// The rows of `outcomes` (each with its cluster id, if clustered) for each
/// `analyze` table, in [`schema::analyze_tables`] order.
pub fn batches<'a>(outcomes: impl IntoIterator<Item = (&'a Outcome, Option<i64>)>) -> [Batch; 4] {
    let cluster_column = schema::ARTICLES.index_of("cluster_id").expect("articles has cluster_id");
    let [a, s, m, e] = schema::analyze_tables();
    let (mut articles, mut sentences, mut mentions, mut entities) =
        (Batch::new(a), Batch::new(s), Batch::new(m), Batch::new(e));
    for (o, cluster) in outcomes {
        match o {
            Outcome::Ok(doc) => {
                let mut row = frames::article_row(doc);
                if let Some(id) = cluster {
                    row[cluster_column] = frames::Value::Int(id);
                }
                articles.push_row(row);
                frames::push_sentences(doc, &mut sentences);
                frames::push_mentions(doc, &mut mentions);
                frames::push_entities(doc, &mut entities);
            }
            Outcome::Rejected(r) => articles.push_row(frames::rejected_row(r)),
        }
    }
    [articles, sentences, mentions, entities]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_come_from_iso_times() {
        assert_eq!(month_of("2026-01-06T04:00:00").as_deref(), Some("2026-01"));
        assert_eq!(month_of("1987-02-26").as_deref(), Some("1987-02"));
        assert_eq!(month_of("26-FEB-1987"), None);
    }

    #[test]
    fn partitioned_files_leave_the_partition_column_to_the_folder_name() {
        let t = schema::without_column(&schema::ARTICLES, "language");
        assert!(t.index_of("language").is_none());
        assert_eq!(t.columns.len() + 1, schema::ARTICLES.columns.len());
        assert!(std::ptr::eq(schema::without_column(&schema::SENTENCES, "language"), &schema::SENTENCES));
    }
}
