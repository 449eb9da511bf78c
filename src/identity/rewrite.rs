//! The dump-level decisions applied to the tables already written: each
//! `entities` and `mentions` row whose `entity_id` was resolved gets the
//! dump-level `global_id` and `label`, and each `quotes` row whose
//! `speaker_entity_id` was resolved its `speaker_global_id` ([`Columns`]);
//! nothing else in the file changes.
//!
//! A file is rewritten as it was written: Parquet row group by row group,
//! CSV and JSON Lines line by line, so that memory holds one row group at
//! most. The new file is written under a temporary name and renamed over the
//! old one only when complete (the writers of [`crate::export::write`]): an
//! interrupted rewrite leaves the table as `analyze` wrote it.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use crate::document::Label;
use crate::error::{Error, Result};
use crate::export::schema::{TableSchema, ENTITIES, MENTIONS, QUOTES};
use crate::export::write::{AtomicFile, TableFormat};

/// What the resolution says of each `entity_id`: its (global id, label), and the other things some of its rows
/// were linked to (see `Resolution::split`); and which columns of the table hold them.
pub(crate) struct Fix<'a> {
    pub(crate) by_entity: &'a HashMap<String, (String, Label)>,
    pub(crate) split: &'a HashMap<String, Vec<(String, Label)>>,
    pub(crate) columns: Columns,
}

/// The columns a rewrite reads and sets: the row's entity id, its dump-level id, and its label when the table
/// has one.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Columns {
    pub(crate) id: &'static str,
    pub(crate) global_id: &'static str,
    pub(crate) label: Option<&'static str>,
}

/// The columns of `entities` and `mentions`.
pub(crate) const ENTITY_COLUMNS: Columns = Columns { id: "entity_id", global_id: "global_id", label: Some("label") };
/// The columns of `quotes`: the speaker's entity and dump-level id (no label).
pub(crate) const SPEAKER_COLUMNS: Columns = Columns { id: "speaker_entity_id", global_id: "speaker_global_id", label: None };

/// The tables whose rows the resolution rewrites, with their columns: in files ([`super::merge`]) and in memory
/// ([`super::DumpIdentity::apply`]) alike.
pub(crate) const REWRITTEN: [(&TableSchema, Columns); 3] =
    [(&ENTITIES, ENTITY_COLUMNS), (&MENTIONS, ENTITY_COLUMNS), (&QUOTES, SPEAKER_COLUMNS)];

impl Fix<'_> {
    /// The (global id, label) of a row of entity `id` whose `global_id` is now `current`: the thing its own link
    /// names when that is one of the entity's other things, else the entity's. The rows of another thing keep
    /// their id, so a second rewrite changes nothing.
    fn get(&self, id: &str, current: Option<&str>) -> Option<(&str, Label)> {
        let (gid, label) = self.by_entity.get(id)?;
        let other = current.and_then(|c| self.split.get(id)?.iter().find(|(g, _)| g == c));
        Some(other.map_or((gid.as_str(), *label), |(g, l)| (g.as_str(), *l)))
    }
}

/// The files of `table` in a run's folder: `dir/<table>.<ext>`, or the visible files of the dataset folder
/// `dir/<table>/`, in sorted order, each with its format.
pub(crate) fn table_files(dir: &Path, table: &str) -> Result<Vec<(PathBuf, TableFormat)>> {
    let mut out = Vec::new();
    for format in [TableFormat::Parquet, TableFormat::Csv, TableFormat::Jsonl] {
        let single = dir.join(format!("{table}.{}", format.extension()));
        if single.is_file() {
            out.push((single, format));
        }
    }
    let folder = dir.join(table);
    if folder.is_dir() {
        collect(&folder, &mut out)?;
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<(PathBuf, TableFormat)>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("listing", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| Error::io("listing", dir, e))?;
        let path = entry.path();
        if entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if path.is_dir() {
            collect(&path, out)?;
        } else if let Some(format) = path.extension().and_then(|e| e.to_str()).and_then(|e| TableFormat::parse(e).ok()) {
            out.push((path, format));
        }
    }
    Ok(())
}

/// Rewrites one table file; returns the rows whose values changed.
pub(crate) fn rewrite(path: &Path, format: TableFormat, fix: &Fix<'_>) -> Result<u64> {
    match format {
        TableFormat::Jsonl => rewrite_jsonl(path, fix),
        TableFormat::Csv => rewrite_csv(path, fix),
        TableFormat::Parquet => rewrite_parquet(path, fix),
    }
}

fn rewrite_jsonl(path: &Path, fix: &Fix<'_>) -> Result<u64> {
    let input = std::fs::File::open(path).map_err(|e| Error::io("opening", path, e))?;
    let mut out = AtomicFile::create(path)?;
    let mut changed = 0;
    let mut line_out = Vec::with_capacity(4096);
    for (n, line) in BufReader::new(input).lines().enumerate() {
        let line = line.map_err(|e| Error::io("reading", path, e))?;
        let mut row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&line)
            .map_err(|e| Error::data_caused_by(path, n as u64 + 1, "not a row of a newsnlp table", e))?;
        let c = fix.columns;
        let current = row.get(c.global_id).and_then(|v| v.as_str());
        let hit = row.get(c.id).and_then(|v| v.as_str()).and_then(|id| fix.get(id, current));
        if let Some((gid, label)) = hit.map(|(g, l)| (g.to_string(), l)) {
            let label_changed = c.label.is_some_and(|name| set(&mut row, name, label.as_str().to_string()));
            changed += u64::from(set(&mut row, c.global_id, gid) | label_changed);
        }
        line_out.clear();
        serde_json::to_writer(&mut line_out, &row)?;
        line_out.push(b'\n');
        out.write_all(&line_out).map_err(|e| Error::io("writing", path, e))?;
    }
    out.commit()?;
    Ok(changed)
}

fn set(row: &mut serde_json::Map<String, serde_json::Value>, column: &str, value: String) -> bool {
    let value = serde_json::Value::String(value);
    if row.get(column) == Some(&value) {
        return false;
    }
    row.insert(column.to_string(), value);
    true
}

fn rewrite_csv(path: &Path, fix: &Fix<'_>) -> Result<u64> {
    let table = path.display().to_string();
    let mut reader = csv::Reader::from_path(path).map_err(|e| Error::table(table.clone(), e))?;
    let headers = reader.headers().map_err(|e| Error::table(table.clone(), e))?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name);
    let c = fix.columns;
    let label = c.label.and_then(column);
    let (Some(id), Some(gid)) = (column(c.id), column(c.global_id)) else {
        return Err(Error::table(table, format!("no {} and {} columns: not a table the identity pass rewrites", c.id, c.global_id)));
    };
    let mut out = csv::Writer::from_writer(AtomicFile::create(path)?);
    out.write_record(&headers).map_err(|e| Error::table(table.clone(), e))?;
    let mut changed = 0;
    for record in reader.records() {
        let record = record.map_err(|e| Error::table(table.clone(), e))?;
        let mut cells: Vec<String> = record.iter().map(str::to_string).collect();
        if let Some((g, l)) = fix.get(&cells[id], Some(cells[gid].as_str()).filter(|c| !c.is_empty())) {
            if cells[gid] != g || label.is_some_and(|label| cells[label] != l.as_str()) {
                changed += 1;
                cells[gid] = g.to_string();
                if let Some(label) = label {
                    cells[label] = l.as_str().to_string();
                }
            }
        }
        out.write_record(&cells).map_err(|e| Error::table(table.clone(), e))?;
    }
    let file = out.into_inner().map_err(|e| Error::io("writing", path, e.into_error()))?;
    file.commit()?;
    Ok(changed)
}

/// Sets the `global_id` and `label` of the rows of `df` (part of an `entities` or `mentions` table; the
/// `speaker_global_id` of a `quotes` table) whose entity id `fix` resolves; returns the rows whose values changed. The one rewrite of a frame, for a row
/// group of a file and for a table in memory alike.
#[cfg(feature = "tables")]
pub(crate) fn fix_frame(df: &mut polars::prelude::DataFrame, fix: &Fix<'_>) -> polars::prelude::PolarsResult<u64> {
    use polars::prelude::*;
    let rows = df.height();
    let c = fix.columns;
    let ids = df.column(c.id)?.str()?.clone();
    let old_gid = df.column(c.global_id)?.str()?.clone();
    let old_label = match c.label {
        Some(name) => Some(df.column(name)?.str()?.clone()),
        None => None,
    };
    let mut changed = 0;
    let mut gids: Vec<Option<String>> = Vec::with_capacity(rows);
    let mut labels: Vec<Option<String>> = Vec::with_capacity(rows);
    for (i, (id, g)) in ids.iter().zip(old_gid.iter()).enumerate() {
        let l = old_label.as_ref().and_then(|labels| labels.get(i));
        match id.and_then(|id| fix.get(id, g)) {
            Some((ng, nl)) => {
                changed += u64::from(g != Some(ng) || (c.label.is_some() && l != Some(nl.as_str())));
                gids.push(Some(ng.to_string()));
                labels.push(Some(nl.as_str().to_string()));
            }
            None => {
                gids.push(g.map(str::to_string));
                labels.push(l.map(str::to_string));
            }
        }
    }
    df.with_column(Column::new(c.global_id.into(), gids))?;
    if let Some(name) = c.label {
        df.with_column(Column::new(name.into(), labels))?;
    }
    Ok(changed)
}

#[cfg(feature = "tables")]
fn rewrite_parquet(path: &Path, fix: &Fix<'_>) -> Result<u64> {
    use polars::prelude::*;

    use crate::export::write::parquet::FrameWriter;
    let bad = |e: PolarsError| Error::input(path, "Parquet", e);
    let open = || std::fs::File::open(path).map_err(|e| Error::io("opening", path, e));
    let metadata = ParquetReader::new(open()?).get_metadata().map_err(bad)?.clone();
    let mut out: Option<FrameWriter> = None;
    let (mut offset, mut changed) = (0, 0u64);
    for group in &metadata.row_groups {
        let rows = group.num_rows();
        let mut reader = ParquetReader::new(open()?);
        reader.set_metadata(metadata.clone());
        let mut df = reader.with_slice(Some((offset, rows))).read_parallel(ParallelStrategy::RowGroups).finish().map_err(bad)?;
        offset += rows;
        changed += fix_frame(&mut df, fix).map_err(bad)?;
        if out.is_none() {
            out = Some(FrameWriter::create(path, df.schema())?);
        }
        out.as_mut().expect("created above").write(&df)?;
    }
    // A file without row groups has no rows to change.
    if let Some(out) = out {
        out.finish()?;
    }
    Ok(changed)
}

#[cfg(not(feature = "tables"))]
fn rewrite_parquet(_: &Path, _: &Fix<'_>) -> Result<u64> {
    Err(crate::error::ErrorKind::FeatureDisabled { feature: "tables", hint: " to rewrite Parquet tables" }.into())
}
