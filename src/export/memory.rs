//! The memory sink: every table of a run kept in memory, as polars
//! DataFrames, for a program that wants the tables rather than files (a
//! notebook through the Python package, a test, a service).
//!
//! The sink runs on the batch runner's writer thread, so the rows of each
//! chunk are turned into DataFrame chunks there, overlapping the pipeline;
//! a table is one DataFrame of several chunks, which Arrow consumers read as
//! a stream of record batches without a copy. The tables are the registered
//! ones ([`super::tables`]) and whatever a stream stage writes at the end, so
//! a table added to the registry appears here with no change.
//! [`Tables::write`] writes them as a folder run would, through the same
//! writers.

use std::path::Path;

use polars::prelude::DataFrame;

use super::frames::Batch;
use super::schema::TableSchema;
use super::tables::RECORD_TABLES;
use super::write::{self, TableFormat};
use super::{Sink, TableCounts};
use crate::error::{Error, Result};
use crate::pipeline::Outcome;

/// Rows gathered before they become one DataFrame chunk: large enough that
/// chunks are few, small enough that the rows of a long run never wait whole
/// in their row form.
const CHUNK_ROWS: usize = 16_384;

/// One table of a run in memory: its schema and its rows.
#[derive(Debug, Clone)]
pub struct Table {
    schema: &'static TableSchema,
    frame: DataFrame,
    /// Whether `frame` holds only the empty frame it started as (the first chunk replaces it).
    started: bool,
    pending: Batch,
}

impl Table {
    fn new(schema: &'static TableSchema) -> Result<Table> {
        Ok(Table { schema, frame: frame_of(Batch::new(schema))?, started: false, pending: Batch::new(schema) })
    }

    fn push(&mut self, rows: Batch) -> Result<()> {
        self.pending.append(rows.project(self.schema));
        if self.pending.len() >= CHUNK_ROWS {
            self.flush()?;
        }
        Ok(())
    }

    fn flush(&mut self) -> Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rows = std::mem::replace(&mut self.pending, Batch::new(self.schema));
        let chunk = frame_of(rows)?;
        if !self.started {
            self.frame = chunk;
            self.started = true;
            return Ok(());
        }
        // A new chunk, not a copy of the rows so far: `vstack` appends the chunk's buffers.
        self.frame.vstack_mut(&chunk).map_err(|e| Error::table(self.schema.name, e))?;
        Ok(())
    }

    /// The table's schema (name, columns, documentation).
    pub fn schema(&self) -> &'static TableSchema {
        self.schema
    }

    /// The table's rows as a DataFrame with the columns and types of its Parquet file (in polars' own types,
    /// such as its view strings; the file stores the same values).
    pub fn frame(&self) -> &DataFrame {
        &self.frame
    }

    /// Number of rows.
    pub fn len(&self) -> usize {
        self.frame.height()
    }

    /// Whether the table has no rows.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The table's rows in [`Batch`]es, for row-oriented readers (one batch per DataFrame chunk).
    pub fn batches(&self) -> Result<Vec<Batch>> {
        let mut out = Vec::new();
        let mut frame = self.frame.clone();
        for chunk in frame.split_chunks() {
            out.push(super::convert::batch_of(self.schema, &chunk).map_err(|e| Error::table(self.schema.name, e))?);
        }
        Ok(out)
    }
}

/// The table of `schema` in `tables`, added at the end when missing.
fn table_of<'a>(tables: &'a mut Vec<Table>, schema: &'static TableSchema) -> Result<&'a mut Table> {
    let index = match tables.iter().position(|t| std::ptr::eq(t.schema, schema)) {
        Some(i) => i,
        None => {
            tables.push(Table::new(schema)?);
            tables.len() - 1
        }
    };
    Ok(&mut tables[index])
}

fn frame_of(rows: Batch) -> Result<DataFrame> {
    let name = rows.schema.name;
    write::parquet::to_dataframe(&rows).map_err(|e| Error::table(name, e))
}

/// The tables of a run, in memory, in the order a folder run writes them.
#[derive(Debug, Clone, Default)]
pub struct Tables {
    tables: Vec<Table>,
}

impl Tables {
    /// The tables, in writing order: the registered tables with rows per record, then those stream stages wrote.
    pub fn iter(&self) -> impl Iterator<Item = &Table> {
        self.tables.iter()
    }

    /// The table named `name`.
    pub fn get(&self, name: &str) -> Option<&Table> {
        self.tables.iter().find(|t| t.schema.name == name)
    }

    /// The tables' names, in writing order.
    pub fn names(&self) -> Vec<&'static str> {
        self.tables.iter().map(|t| t.schema.name).collect()
    }

    /// Rewrites the rows of table `name` a chunk at a time, in place, keeping its chunks (so that the table
    /// still leaves as a stream of record batches without a copy). A table the run did not keep is left alone.
    pub(crate) fn rewrite_chunks(&mut self, name: &str, mut f: impl FnMut(&mut DataFrame) -> Result<()>) -> Result<()> {
        let Some(table) = self.tables.iter_mut().find(|t| t.schema.name == name) else { return Ok(()) };
        if table.frame.height() == 0 {
            return Ok(());
        }
        let mut out: Option<DataFrame> = None;
        for mut chunk in table.frame.split_chunks() {
            f(&mut chunk)?;
            match &mut out {
                None => out = Some(chunk),
                Some(frame) => frame.vstack_mut(&chunk).map(drop).map_err(|e| Error::table(name, e))?,
            }
        }
        table.frame = out.expect("a table with rows has a chunk");
        Ok(())
    }

    /// Sets the rows of the table of `rows`' schema to `rows` (a table decided once the run was over, such as
    /// `dump_entities`); a table the run did not have goes at the end.
    pub(crate) fn replace(&mut self, rows: Batch) -> Result<()> {
        let table = table_of(&mut self.tables, rows.schema)?;
        *table = Table::new(rows.schema)?;
        table.push(rows)?;
        table.flush()
    }

    /// Writes every table to `dir` in `format`, as `analyze -o DIR` does: one file per table, each written
    /// under a temporary name and renamed into place when complete. Returns the rows written per table.
    pub fn write(&self, dir: &Path, format: TableFormat) -> Result<TableCounts> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating folder", dir, e))?;
        let mut counts = TableCounts::new();
        for table in &self.tables {
            let path = dir.join(format!("{}.{}", table.schema.name, format.extension()));
            let mut writer = write::create_at(&path, table.schema, format)?;
            for rows in table.batches()? {
                writer.write(rows)?;
            }
            counts.insert(table.schema.name, writer.finish()?);
        }
        Ok(counts)
    }
}

/// The tables of a run, kept in memory: the sink of a run whose tables a program reads back.
///
/// ```
/// use newsnlp::batch::{self, BatchOptions};
/// use newsnlp::export::MemorySink;
/// use newsnlp::ingest::{GivenRecord, GivenSource, IngestOptions};
///
/// let pipeline = newsnlp::Pipeline::builder().build()?;
/// let texts = ["Markets fell on Tuesday. The bank held rates.", "   "];
/// let source = GivenSource::infallible("list", texts.into_iter().map(GivenRecord::text), IngestOptions::default());
/// let (sink, tables) = MemorySink::new()?;
/// let summary = batch::run(Box::new(source), &pipeline, Vec::new(), Box::new(sink), &BatchOptions::default(), &mut |_| {})?;
/// let tables = tables.take().expect("the run has finished");
/// assert_eq!((summary.ok, summary.rejected), (1, 1));
/// assert_eq!(tables.get("articles").map(|t| t.len()), Some(2));
/// assert_eq!(tables.get("sentences").map(|t| t.len()), Some(2));
/// # Ok::<(), newsnlp::Error>(())
/// ```
pub struct MemorySink {
    tables: Vec<Table>,
    out: TablesSlot,
}

/// Where a [`MemorySink`] leaves its tables when the run finishes: [`TablesSlot::take`] them after
/// [`crate::batch::run`] has returned.
#[derive(Debug, Clone, Default)]
pub struct TablesSlot(std::sync::Arc<std::sync::Mutex<Option<Tables>>>);

impl TablesSlot {
    /// The tables of the finished run (`None` before the run finished, or when it failed, or once taken).
    pub fn take(&self) -> Option<Tables> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }
}

impl MemorySink {
    /// A sink with every registered table, and the slot where its tables will be once the run has finished
    /// (the sink itself moves into the run).
    pub fn new() -> Result<(MemorySink, TablesSlot)> {
        let tables = RECORD_TABLES.iter().map(|t| Table::new(t.schema)).collect::<Result<_>>()?;
        let out = TablesSlot::default();
        Ok((MemorySink { tables, out: out.clone() }, out))
    }

    /// The schemas of the tables every run has (those with rows per record), in writing order.
    pub fn record_tables() -> impl Iterator<Item = &'static TableSchema> {
        RECORD_TABLES.iter().map(|t| t.schema)
    }
}

impl Sink for MemorySink {
    fn write_outcomes(&mut self, outcomes: &[Outcome]) -> Result<()> {
        for (table, registered) in self.tables.iter_mut().zip(RECORD_TABLES) {
            table.push(registered.rows(outcomes))?;
        }
        Ok(())
    }

    fn write_table(&mut self, rows: Batch) -> Result<()> {
        table_of(&mut self.tables, rows.schema)?.push(rows)
    }

    fn finish(mut self: Box<Self>) -> Result<TableCounts> {
        let mut counts = TableCounts::new();
        for table in &mut self.tables {
            table.flush()?;
            counts.insert(table.schema.name, table.len() as u64);
        }
        *self.out.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(Tables { tables: std::mem::take(&mut self.tables) });
        Ok(counts)
    }
}
