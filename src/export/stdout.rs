//! The stdout sink: one table streamed to standard output (`analyze -o -`),
//! for a pipe into `jq`, `duckdb` or a script.
//!
//! Standard output holds one stream, so the sink writes one table and drops
//! the rows of the others without building them. Rows leave in input order
//! as each chunk is done, through a buffer that is flushed at the end.

use super::frames::Batch;
use super::schema::{documented_tables, TableSchema};
use super::tables::RecordTable;
use super::write::{self, TableFormat, TableWriter};
use super::{Sink, TableCounts};
use crate::error::{Error, Result};
use crate::pipeline::Outcome;

/// One table of a run, written to standard output in JSON Lines or CSV.
pub struct StdoutSink {
    schema: &'static TableSchema,
    /// What makes the table's rows, for a table with rows per record; `None` for a table a stream stage
    /// writes at the end.
    rows_of: Option<&'static RecordTable>,
    writer: Box<dyn TableWriter>,
}

impl StdoutSink {
    /// A sink for the table named `table` (any table `analyze` writes), in `format` (not Parquet).
    pub fn new(table: &str, format: TableFormat) -> Result<StdoutSink> {
        let tables = documented_tables();
        let Some(schema) = tables.iter().copied().find(|t| t.name == table) else {
            let names: Vec<&str> = tables.iter().map(|t| t.name).collect();
            return Err(Error::config("--table", format!("`{table}`: expected one of {}", names.join(", "))));
        };
        Ok(StdoutSink { schema, rows_of: RecordTable::named(table), writer: write::to_stdout(schema, format)? })
    }
}

impl Sink for StdoutSink {
    fn write_outcomes(&mut self, outcomes: &[Outcome]) -> Result<()> {
        match self.rows_of {
            Some(table) => self.writer.write(table.rows(outcomes)),
            None => Ok(()),
        }
    }

    fn write_table(&mut self, rows: Batch) -> Result<()> {
        if std::ptr::eq(rows.schema, self.schema) {
            self.writer.write(rows)?;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<TableCounts> {
        Ok(TableCounts::from([(self.schema.name, self.writer.finish()?)]))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_tables_and_parquet_are_refused_with_what_would_do() {
        let e = StdoutSink::new("people", TableFormat::Jsonl).err().expect("no such table").to_string();
        assert!(e.contains("articles, sentences, mentions, entities, quotes, clusters"), "{e}");
        let e = StdoutSink::new("mentions", TableFormat::Parquet).err().expect("Parquet is no stream").to_string();
        assert!(e.contains("--format jsonl"), "{e}");
    }
}
