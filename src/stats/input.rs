//! Finding and reading the tables of an `analyze` run.
//!
//! A plain run leaves one file per table (`OUT/articles.parquet`); a sharded
//! or partitioned run leaves a Hive-style dataset folder per table
//! (`OUT/articles/language=eng/part-2.parquet`). This module gathers the
//! files itself rather than through polars' globbing and Hive parsing: the
//! partition values are never needed here, hidden `.partial-PID` files of an
//! interrupted run must be skipped, and a folder name with glob characters
//! must not be expanded.
//!
//! The files are read with polars' eager Parquet reader one row group at a
//! time, in sorted file order and then row order (the order in which the
//! aggregations call a row "first"), with only the columns asked for, cast to
//! the types the aggregations expect. Row groups are what the writer bounds
//! (32,768 rows in newsnlp's own tables), so a large table is never loaded
//! whole. A second thread decodes the next row group while the caller
//! aggregates the current one: decoding and hashing are the two halves of
//! the work, and the machine has two cores.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{sync_channel, SyncSender};

use polars::prelude::*;

use crate::error::{Error, Result};

/// The Parquet files of `table` under `dir`: `dir/<table>.parquet`, or every
/// visible `.parquet` file under `dir/<table>/`, in sorted order.
pub(crate) fn table_files(dir: &Path, table: &str) -> Result<Vec<PathBuf>> {
    let single = dir.join(format!("{table}.parquet"));
    let folder = dir.join(table);
    let missing = |message: String| -> crate::Error {
        Error::input(dir.join(table), "an analyze table", message)
    };
    match (single.is_file(), folder.is_dir()) {
        (true, true) => Err(missing(format!(
            "both {} and the dataset folder {} exist; remove the stale one",
            single.display(),
            folder.display()
        ))),
        (true, false) => Ok(vec![single]),
        (false, true) => {
            let mut files = Vec::new();
            collect_parquet(&folder, &mut files)?;
            files.sort();
            if files.is_empty() {
                return Err(missing(format!("no .parquet files under {}", folder.display())));
            }
            Ok(files)
        }
        (false, false) => {
            let other = ["csv", "jsonl"].into_iter().find(|ext| dir.join(format!("{table}.{ext}")).is_file());
            Err(missing(match other {
                Some(ext) => format!(
                    "found {table}.{ext}, but stats reads Parquet tables: run `newsnlp analyze` with \
                     --format parquet (the default)"
                ),
                None => {
                    format!("not found: expected {table}.parquet or the dataset folder {table}/ in {}", dir.display())
                }
            }))
        }
    }
}

fn collect_parquet(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|e| crate::Error::io("listing", dir, e))?;
    for entry in entries {
        let entry = entry.map_err(|e| crate::Error::io("listing", dir, e))?;
        let path = entry.path();
        let hidden = entry.file_name().to_string_lossy().starts_with('.');
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect_parquet(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "parquet") {
            out.push(path);
        }
    }
    Ok(())
}

/// The columns of one row group of a table file, in the order asked for.
pub(crate) struct RowGroup {
    file: PathBuf,
    columns: Vec<Column>,
}

impl RowGroup {
    /// Column `i`, asked for as [`DataType::String`].
    pub(crate) fn str(&self, i: usize) -> Result<&StringChunked> {
        self.columns[i].str().map_err(|e| read_error(&self.file, e))
    }

    /// Column `i`, asked for as [`DataType::Int64`].
    pub(crate) fn i64(&self, i: usize) -> Result<&Int64Chunked> {
        self.columns[i].i64().map_err(|e| read_error(&self.file, e))
    }

    /// Column `i`, asked for as [`DataType::Float64`].
    pub(crate) fn f64(&self, i: usize) -> Result<&Float64Chunked> {
        self.columns[i].f64().map_err(|e| read_error(&self.file, e))
    }
}

fn read_error(file: &Path, e: impl Into<Box<dyn std::error::Error + Send + Sync>>) -> Error {
    Error::input(file, "Parquet", e)
}

/// Row groups decoded ahead of the one being aggregated.
const AHEAD: usize = 1;

/// Hands `each` the `columns` (name and type) of every row group of `files`, in order.
pub(crate) fn for_each_row_group(
    files: &[PathBuf],
    columns: &[(&str, DataType)],
    mut each: impl FnMut(&RowGroup) -> Result<()>,
) -> Result<()> {
    let (tx, rx) = sync_channel::<Result<RowGroup>>(AHEAD);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            for file in files {
                match read_file(file, columns, &tx) {
                    Ok(true) => {}
                    // The caller stopped (an error of its own): nobody listens any more.
                    Ok(false) => return,
                    Err(e) => {
                        let _ = tx.send(Err(e));
                        return;
                    }
                }
            }
        });
        // Returning early drops the receiver, which stops the reader at its next send.
        for group in rx {
            each(&group?)?;
        }
        Ok(())
    })
}

/// Whether the first of `files` has column `name` (tables of one run share their columns).
pub(crate) fn has_column(files: &[PathBuf], name: &str) -> Result<bool> {
    let Some(file) = files.first() else { return Ok(false) };
    let f = std::fs::File::open(file).map_err(|e| Error::io("opening", file, e))?;
    let schema = ParquetReader::new(f).schema().map_err(|e| read_error(file, e))?;
    Ok(schema.contains(name))
}

/// Sends the row groups of `file`; false when the receiver is gone.
fn read_file(file: &Path, columns: &[(&str, DataType)], tx: &SyncSender<Result<RowGroup>>) -> Result<bool> {
    let open = || std::fs::File::open(file).map_err(|e| Error::io("opening", file, e));
    let metadata = ParquetReader::new(open()?).get_metadata().map_err(|e| read_error(file, e))?.clone();
    let names: Vec<String> = columns.iter().map(|(name, _)| name.to_string()).collect();
    let mut offset = 0;
    for group in &metadata.row_groups {
        let rows = group.num_rows();
        if rows == 0 {
            continue;
        }
        let mut reader = ParquetReader::new(open()?);
        reader.set_metadata(metadata.clone());
        // A slice of exactly one row group: with the row-group strategy, polars decodes that group alone.
        let df = reader
            .with_columns(Some(names.clone()))
            .with_slice(Some((offset, rows)))
            .read_parallel(ParallelStrategy::RowGroups)
            .finish()
            .map_err(|e| read_error(file, e))?;
        offset += rows;
        let columns = columns
            .iter()
            .map(|(name, dtype)| df.column(name).and_then(|c| c.cast(dtype)))
            .collect::<PolarsResult<Vec<Column>>>()
            .map_err(|e| read_error(file, e))?;
        if tx.send(Ok(RowGroup { file: file.to_path_buf(), columns })).is_err() {
            return Ok(false);
        }
    }
    Ok(true)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn touch(path: &Path) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, b"").unwrap();
    }

    #[test]
    fn tables_are_found_in_both_layouts() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        touch(&d.join("articles.parquet"));
        touch(&d.join("mentions/language=eng/part-1.parquet"));
        touch(&d.join("mentions/language=eng/part-0.parquet"));
        touch(&d.join("mentions/language=eng/.part-3.parquet.partial-99"));
        touch(&d.join("mentions/__HIVE_DEFAULT_PARTITION__/part-0.parquet"));
        touch(&d.join("entities.csv"));
        let cases: &[(&str, Result<Vec<&str>, &str>)] = &[
            ("articles", Ok(vec!["articles.parquet"])),
            (
                "mentions",
                Ok(vec![
                    "mentions/__HIVE_DEFAULT_PARTITION__/part-0.parquet",
                    "mentions/language=eng/part-0.parquet",
                    "mentions/language=eng/part-1.parquet",
                ]),
            ),
            ("entities", Err("stats reads Parquet tables")),
            ("sentences", Err("not found")),
        ];
        for (table, want) in cases {
            let got = table_files(d, table);
            match (want, got) {
                (Ok(want), Ok(got)) => {
                    let got: Vec<String> =
                        got.iter().map(|p| p.strip_prefix(d).unwrap().to_string_lossy().into_owned()).collect();
                    assert_eq!(&got, want, "files of {table}: hidden partial files must be skipped, order sorted");
                }
                (Err(want), Err(e)) => {
                    let e = e.with_causes();
                    assert!(e.contains(want), "{table}: error {e} should say {want:?}")
                }
                (want, got) => panic!("{table}: expected {want:?}, got {got:?}"),
            }
        }
    }

    #[test]
    fn a_table_in_both_layouts_is_ambiguous() {
        let dir = tempfile::tempdir().unwrap();
        touch(&dir.path().join("articles.parquet"));
        touch(&dir.path().join("articles/part-0.parquet"));
        let e = table_files(dir.path(), "articles").unwrap_err();
        assert!(e.with_causes().contains("remove the stale one"), "{e}");
    }
}
