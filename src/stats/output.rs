//! The collected stats tables and their writing: polars frames turned into
//! the export module's [`Batch`]es, so that stats tables are written by the
//! same atomic Parquet, CSV and JSON Lines writers as the `analyze` tables
//! and follow the same conventions (lists as JSON in CSV, escaped formulas).

use std::path::Path;

use polars::prelude::*;

use super::{EntityCount, StatsCounts};
use crate::error::{Error, Result};
use crate::export::frames::{Batch, ColumnData};
use crate::export::schema::{self, DataType as Dt, TableSchema};
use crate::export::{write, Format};

/// Rows converted and written at a time.
const SLICE_ROWS: usize = 65_536;

/// The three stats tables, collected.
pub(crate) struct Tables {
    pub entity_counts: DataFrame,
    pub cooccurrence: DataFrame,
    pub topic_counts: DataFrame,
}

impl Tables {
    pub(crate) fn write(&self, dir: &Path, format: Format) -> Result<StatsCounts> {
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating folder", dir, e))?;
        write::remove_stale_partials(dir);
        Ok(StatsCounts {
            entity_counts: write_table(dir, &schema::ENTITY_COUNTS, &self.entity_counts, format)?,
            cooccurrence: write_table(dir, &schema::COOCCURRENCE, &self.cooccurrence, format)?,
            topic_counts: write_table(dir, &schema::TOPIC_COUNTS, &self.topic_counts, format)?,
        })
    }

    pub(crate) fn top_entities(&self, label: &str, n: usize) -> Vec<EntityCount> {
        let df = &self.entity_counts;
        let (Ok(labels), Ok(names), Ok(articles), Ok(mentions)) =
            (df.column("label"), df.column("name"), df.column("articles"), df.column("mentions"))
        else {
            return Vec::new();
        };
        let (Ok(labels), Ok(names), Ok(articles), Ok(mentions)) =
            (labels.str(), names.str(), articles.i64(), mentions.i64())
        else {
            return Vec::new();
        };
        // Rows are sorted by articles, then mentions.
        labels
            .iter()
            .zip(names.iter())
            .zip(articles.iter().zip(mentions.iter()))
            .filter(|((l, _), _)| *l == Some(label))
            .take(n)
            .map(|((_, name), (a, m))| EntityCount {
                name: name.unwrap_or_default().to_string(),
                articles: a.unwrap_or(0).max(0) as u64,
                mentions: m.unwrap_or(0).max(0) as u64,
            })
            .collect()
    }
}

fn write_table(dir: &Path, table: &'static TableSchema, df: &DataFrame, format: Format) -> Result<u64> {
    let mut writer = write::create(dir, table, format)?;
    let mut offset = 0;
    while offset < df.height() {
        let slice = df.slice(offset as i64, SLICE_ROWS);
        offset += slice.height();
        writer.write(to_batch(table, &slice).map_err(|e| Error::table(table.name, e))?)?;
    }
    writer.finish()
}

/// The rows of `df` as a batch of `table`: columns taken by name, cast to the schema's types.
pub(crate) fn to_batch(table: &'static TableSchema, df: &DataFrame) -> PolarsResult<Batch> {
    let mut columns = Vec::with_capacity(table.columns.len());
    for c in table.columns {
        let column = df.column(c.name)?;
        columns.push(match c.dtype {
            Dt::Utf8 => ColumnData::Utf8(column.str()?.iter().map(|v| v.map(str::to_string)).collect()),
            Dt::Int64 => ColumnData::Int64(column.cast(&DataType::Int64)?.i64()?.iter().collect()),
            Dt::Float32 => ColumnData::Float32(column.cast(&DataType::Float32)?.f32()?.iter().collect()),
            Dt::Boolean => ColumnData::Boolean(column.bool()?.iter().collect()),
            Dt::ListUtf8 => {
                let list = column.list()?;
                let mut rows = Vec::with_capacity(list.len());
                for v in list.amortized_iter() {
                    rows.push(match v {
                        Some(s) => s.as_ref().str()?.iter().flatten().map(str::to_string).collect(),
                        None => Vec::new(),
                    });
                }
                ColumnData::ListUtf8(rows)
            }
            Dt::ListLabelScore => {
                polars_bail!(ComputeError: "stats tables have no label-score lists (column {})", c.name)
            }
        });
    }
    Ok(Batch { schema: table, columns })
}
