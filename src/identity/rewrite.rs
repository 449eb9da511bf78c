//! The dump-level decisions applied to the tables already written: each
//! `entities` and `mentions` row whose `entity_id` was resolved gets the
//! dump-level `global_id` and `label`, and each `quotes` row whose
//! `speaker_entity_id` was resolved its `speaker_global_id` ([`Columns`]);
//! nothing else in the file changes.
//!
//! A file is rewritten as it was written, without holding more than a row
//! group: Parquet row group by row group, where the columns that stay are
//! copied as their compressed pages and only the columns set are encoded
//! again ([`crate::export::patch`]); CSV and JSON Lines line by line, where a
//! row whose values stay is copied as it was read, after reading only the
//! columns the rewrite looks at. The new file is written under a temporary
//! name and renamed over the old one only when complete (the writers of
//! [`crate::export::write`]): an interrupted rewrite leaves the table as
//! `analyze` wrote it.

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
    let c = fix.columns;
    for (n, line) in BufReader::new(input).lines().enumerate() {
        let line = line.map_err(|e| Error::io("reading", path, e))?;
        let bad = |e| Error::data_caused_by(path, n as u64 + 1, "not a row of a newsnlp table", e);
        // Most rows keep their values: read only the columns the fix looks at, and copy such a row as it is.
        let keys = Keys::read(&line, c).map_err(bad)?;
        let hit = keys.id.as_deref().and_then(|id| fix.get(id, keys.global_id.as_deref()));
        let new = hit.filter(|(gid, label)| {
            keys.global_id.as_deref() != Some(*gid) || c.label.is_some() && keys.label.as_deref() != Some(label.as_str())
        });
        let Some((gid, label)) = new else {
            out.write_all(line.as_bytes()).and_then(|()| out.write_all(b"\n")).map_err(|e| Error::io("writing", path, e))?;
            continue;
        };
        let mut row: serde_json::Map<String, serde_json::Value> = serde_json::from_str(&line).map_err(bad)?;
        row.insert(c.global_id.to_string(), serde_json::Value::String(gid.to_string()));
        if let Some(name) = c.label {
            row.insert(name.to_string(), serde_json::Value::String(label.as_str().to_string()));
        }
        changed += 1;
        line_out.clear();
        serde_json::to_writer(&mut line_out, &row)?;
        line_out.push(b'\n');
        out.write_all(&line_out).map_err(|e| Error::io("writing", path, e))?;
    }
    out.commit()?;
    Ok(changed)
}

/// The values of a JSON Lines row that a rewrite reads (the row's entity id, global id and label), read without
/// building the row: every other value is skipped as it is parsed.
#[derive(Default)]
struct Keys {
    id: Option<String>,
    global_id: Option<String>,
    label: Option<String>,
}

impl Keys {
    fn read(line: &str, columns: Columns) -> serde_json::Result<Keys> {
        use serde::de::DeserializeSeed;
        let mut de = serde_json::Deserializer::from_str(line);
        let keys = RowOf(columns).deserialize(&mut de)?;
        de.end()?;
        Ok(keys)
    }
}

/// Reads the columns of a row that a rewrite looks at.
struct RowOf(Columns);

impl<'de> serde::de::DeserializeSeed<'de> for RowOf {
    type Value = Keys;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Keys, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> serde::de::Visitor<'de> for RowOf {
    type Value = Keys;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a JSON object")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> std::result::Result<Keys, A::Error> {
        let mut keys = Keys::default();
        while let Some(key) = map.next_key_seed(KeyOf(self.0))? {
            let slot = match key {
                Key::Id => &mut keys.id,
                Key::GlobalId => &mut keys.global_id,
                Key::Label => &mut keys.label,
                Key::Other => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                    continue;
                }
            };
            // A value that is not a string (null, or a table from elsewhere) is no id, as when the row is built.
            *slot = match map.next_value::<serde_json::Value>()? {
                serde_json::Value::String(s) => Some(s),
                _ => None,
            };
        }
        Ok(keys)
    }
}

/// Which of the columns a rewrite reads a key of a row names.
enum Key {
    Id,
    GlobalId,
    Label,
    Other,
}

/// Reads a key and compares it with the columns, without keeping it.
struct KeyOf(Columns);

impl<'de> serde::de::DeserializeSeed<'de> for KeyOf {
    type Value = Key;

    fn deserialize<D: serde::Deserializer<'de>>(self, deserializer: D) -> std::result::Result<Key, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl serde::de::Visitor<'_> for KeyOf {
    type Value = Key;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("a column name")
    }

    fn visit_str<E: serde::de::Error>(self, key: &str) -> std::result::Result<Key, E> {
        let c = self.0;
        Ok(if key == c.id {
            Key::Id
        } else if key == c.global_id {
            Key::GlobalId
        } else if Some(key) == c.label {
            Key::Label
        } else {
            Key::Other
        })
    }
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
    let mut record = csv::StringRecord::new();
    while reader.read_record(&mut record).map_err(|e| Error::table(table.clone(), e))? {
        let cell = |i: usize| record.get(i).unwrap_or("");
        let hit = fix.get(cell(id), Some(cell(gid)).filter(|c| !c.is_empty()));
        let new = hit.filter(|(g, l)| cell(gid) != *g || label.is_some_and(|label| cell(label) != l.as_str()));
        let written = match new {
            // Most rows keep their values, and are written as they were read.
            None => out.write_record(&record),
            Some((g, l)) => {
                changed += 1;
                let mut cells: Vec<&str> = record.iter().collect();
                cells[gid] = g;
                if let Some(label) = label {
                    cells[label] = l.as_str();
                }
                out.write_record(&cells)
            }
        };
        written.map_err(|e| Error::table(table.clone(), e))?;
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
    let mut gids: Vec<Option<&str>> = Vec::with_capacity(rows);
    let mut labels: Vec<Option<&str>> = Vec::with_capacity(rows);
    for (i, (id, g)) in ids.iter().zip(old_gid.iter()).enumerate() {
        let l = old_label.as_ref().and_then(|labels| labels.get(i));
        match id.and_then(|id| fix.get(id, g)) {
            Some((ng, nl)) => {
                changed += u64::from(g != Some(ng) || (c.label.is_some() && l != Some(nl.as_str())));
                gids.push(Some(ng));
                labels.push(Some(nl.as_str()));
            }
            None => {
                gids.push(g);
                labels.push(l);
            }
        }
    }
    // A row group whose rows all keep their values is written as it was read.
    if changed > 0 {
        df.with_column(Column::new(c.global_id.into(), gids))?;
        if let Some(name) = c.label {
            df.with_column(Column::new(name.into(), labels))?;
        }
    }
    Ok(changed)
}

#[cfg(feature = "tables")]
fn rewrite_parquet(path: &Path, fix: &Fix<'_>) -> Result<u64> {
    let c = fix.columns;
    let set: Vec<&str> = std::iter::once(c.global_id).chain(c.label).collect();
    let read: Vec<&str> = std::iter::once(c.id).chain(set.iter().copied()).collect();
    crate::export::patch::patch_columns(path, &read, &set, |df| fix_frame(df, fix))
}

#[cfg(not(feature = "tables"))]
fn rewrite_parquet(_: &Path, _: &Fix<'_>) -> Result<u64> {
    Err(crate::error::ErrorKind::FeatureDisabled { feature: "tables", hint: " to rewrite Parquet tables" }.into())
}
