//! The folder sink: every table of a run as files in an output folder.
//!
//! Two layouts. A plain run writes one file per table: `OUT/articles.parquet`.
//! A sharded or partitioned run writes a Hive-style dataset per table, which
//! polars, DuckDB, pandas (pyarrow) and Spark read as one table:
//! `OUT/articles/language=eng/part-2.parquet`, where `2` is the shard (`--shard
//! 2/N`; 0 when not sharded), so that shards never write the same file.
//! Tables a stream stage writes at the end (`clusters`) are never partitioned
//! (`OUT/clusters/part-2.parquet`); a shard clusters only its own records.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::frames::Batch;
use super::schema::{self, TableSchema};
use super::tables::{RecordTable, RECORD_TABLES};
use super::write::{self, TableFormat, TableWriter};
use super::{Sink, TableCounts};
use crate::error::{Error, Result};
use crate::pipeline::Outcome;

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
const NULL_PARTITION: &str = "__HIVE_DEFAULT_PARTITION__";

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
    fn column(self) -> &'static str {
        match self {
            PartitionBy::Language => "language",
            PartitionBy::PublishedMonth => "published_month",
        }
    }

    /// The partition value of an outcome, safe as a folder name.
    fn value(self, outcome: &Outcome) -> String {
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

/// The file of one record table in one partition (or in the whole output).
struct TableFile {
    table: &'static RecordTable,
    /// The columns in the file: the table's, without the partition column.
    schema: &'static TableSchema,
    writer: Box<dyn TableWriter>,
}

/// The tables of a run, written to files in a folder.
pub struct FolderSink {
    dir: PathBuf,
    format: TableFormat,
    layout: Layout,
    /// The files of each partition, by partition value ("" for a single-file layout).
    partitions: BTreeMap<String, Vec<TableFile>>,
    /// Tables written once the stream has ended, completed after the others.
    end_tables: Vec<(&'static str, Box<dyn TableWriter>)>,
}

/// Memory budget for buffered rows across all open partitions.
const BUFFER_BUDGET: usize = 64 << 20;

impl FolderSink {
    /// Creates the output folder and, for a single-file layout, the files.
    pub fn create(dir: &Path, format: TableFormat, layout: Layout) -> Result<FolderSink> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating folder", dir, e))?;
        write::remove_stale_partials(dir);
        let mut sink = FolderSink {
            dir: dir.to_path_buf(),
            format,
            layout,
            partitions: BTreeMap::new(),
            end_tables: Vec::new(),
        };
        if sink.layout == Layout::Single {
            sink.partition(String::new())?;
        }
        Ok(sink)
    }

    /// The files of the partition `key`, opened on first use.
    fn partition(&mut self, key: String) -> Result<&mut Vec<TableFile>> {
        if !self.partitions.contains_key(&key) {
            let mut files = Vec::with_capacity(RECORD_TABLES.len());
            for table in RECORD_TABLES {
                let (path, schema, buffer) = match &self.layout {
                    Layout::Single => (self.file(table.schema), table.schema, write::DEFAULT_BUFFER_BYTES),
                    Layout::Dataset { partition, part } => {
                        let mut folder = self.dir.join(table.schema.name);
                        let mut schema = table.schema;
                        if let Some(p) = partition {
                            folder = folder.join(format!("{}={}", p.column(), key));
                            schema = schema::without_column(schema, p.column());
                        }
                        write::remove_stale_partials(&folder);
                        // Each open partition gets a share of the budget, at least 4 MiB.
                        let open = self.partitions.len() + 1;
                        let buffer =
                            (BUFFER_BUDGET / (RECORD_TABLES.len() * open)).clamp(4 << 20, write::DEFAULT_BUFFER_BYTES);
                        (folder.join(format!("part-{part}.{}", self.format.extension())), schema, buffer)
                    }
                };
                let writer = write::create_buffered(&path, schema, self.format, buffer)?;
                files.push(TableFile { table, schema, writer });
            }
            self.partitions.insert(key.clone(), files);
        }
        Ok(self.partitions.get_mut(&key).expect("inserted above"))
    }

    /// The file of a whole table: `OUT/NAME.EXT`, or `OUT/NAME/part-K.EXT` in a dataset.
    fn file(&self, table: &TableSchema) -> PathBuf {
        match &self.layout {
            Layout::Single => self.dir.join(format!("{}.{}", table.name, self.format.extension())),
            Layout::Dataset { part, .. } => {
                self.dir.join(table.name).join(format!("part-{part}.{}", self.format.extension()))
            }
        }
    }

    fn write_partition(&mut self, key: String, outcomes: &[&Outcome]) -> Result<()> {
        for file in self.partition(key)? {
            file.writer.write(file.table.rows(outcomes.iter().copied()).project(file.schema))?;
        }
        Ok(())
    }
}

impl Sink for FolderSink {
    fn write_outcomes(&mut self, outcomes: &[Outcome]) -> Result<()> {
        let partition = match self.layout {
            Layout::Dataset { partition: Some(p), .. } => p,
            _ => {
                let key = if self.layout == Layout::Single { String::new() } else { "all".to_string() };
                return self.write_partition(key, &outcomes.iter().collect::<Vec<_>>());
            }
        };
        let mut by_value: BTreeMap<String, Vec<&Outcome>> = BTreeMap::new();
        for o in outcomes {
            by_value.entry(partition.value(o)).or_default().push(o);
        }
        for (value, group) in by_value {
            self.write_partition(value, &group)?;
        }
        Ok(())
    }

    fn write_table(&mut self, rows: Batch) -> Result<()> {
        let name = rows.schema.name;
        let mut writer = write::create_at(&self.file(rows.schema), rows.schema, self.format)?;
        writer.write(rows)?;
        self.end_tables.push((name, writer));
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<TableCounts> {
        let mut counts = TableCounts::new();
        for file in self.partitions.into_values().flatten() {
            *counts.entry(file.table.schema.name).or_default() += file.writer.finish()?;
        }
        for (name, writer) in self.end_tables {
            *counts.entry(name).or_default() += writer.finish()?;
        }
        Ok(counts)
    }
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
