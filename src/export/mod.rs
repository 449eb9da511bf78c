//! Export: the end of a batch run's stream, where documents become tables
//! (articles, sentences, mentions, entities, and clusters with `--clusters`)
//! in Parquet, CSV or JSON Lines, with the schema defined once in [`schema`].
//!
//! The stream ends in a [`Sink`]. A sink takes the outcomes in input order
//! and writes the rows of each table, keyed by the table's schema: what goes
//! into the rows of each table is in `tables` (one module per table, one list
//! that registers them), how the bytes are written is in [`write`], and where
//! they go is the sink's business: files in a folder ([`FolderSink`]), or one
//! table on standard output ([`StdoutSink`]).

pub mod frames;
pub mod schema;
pub mod write;

mod folder;
mod stdout;
mod tables;
#[cfg(feature = "tables")]
mod convert;
#[cfg(feature = "tables")]
mod memory;
#[cfg(feature = "tables")]
pub(crate) mod patch;

use std::collections::BTreeMap;

use crate::error::Result;
use crate::pipeline::Outcome;
use frames::Batch;
pub use folder::{FolderSink, Layout, PartitionBy};
pub use stdout::StdoutSink;
pub use write::TableFormat;
#[cfg(feature = "tables")]
pub use memory::{MemorySink, Table, Tables, TablesSlot};

/// Rows written per table, by table name.
pub type TableCounts = BTreeMap<&'static str, u64>;

/// Where the tables of a batch run go: the in-order end of the stream.
pub trait Sink: Send {
    /// Writes the rows of the next run of outcomes of the stream, in order.
    fn write_outcomes(&mut self, outcomes: &[Outcome]) -> Result<()>;

    /// Writes a table that a stream stage produced once the stream had ended (such as `clusters`).
    fn write_table(&mut self, rows: Batch) -> Result<()>;

    /// Completes every table (files are moved into place); returns the rows written per table.
    fn finish(self: Box<Self>) -> Result<TableCounts>;
}
