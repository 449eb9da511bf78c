//! Finding and scanning the tables of an `analyze` run.
//!
//! A plain run leaves one file per table (`OUT/articles.parquet`); a sharded
//! or partitioned run leaves a Hive-style dataset folder per table
//! (`OUT/articles/language=eng/part-2.parquet`). Both are read as one lazy
//! scan over a list of files that this module gathers itself, rather than
//! through polars' globbing and Hive parsing: the partition values are never
//! needed here, hidden `.partial-PID` files of an interrupted run must be
//! skipped, and a folder name with glob characters must not be expanded.

use std::path::{Path, PathBuf};

use polars::prelude::*;

use crate::error::{ErrorKind, Result};

/// The Parquet files of `table` under `dir`: `dir/<table>.parquet`, or every
/// visible `.parquet` file under `dir/<table>/`, in sorted order.
pub(crate) fn table_files(dir: &Path, table: &str) -> Result<Vec<PathBuf>> {
    let single = dir.join(format!("{table}.parquet"));
    let folder = dir.join(table);
    let missing = |message: String| -> crate::Error {
        ErrorKind::Input { path: dir.join(table), format: "an analyze table", message }.into()
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

/// A lazy scan of `table` under `dir`, one or many files.
pub(crate) fn scan(dir: &Path, table: &str) -> Result<LazyFrame> {
    let files = table_files(dir, table)?;
    let read_error = |e: PolarsError| -> crate::Error {
        ErrorKind::Input { path: dir.join(table), format: "Parquet", message: e.to_string() }.into()
    };
    let paths =
        files.iter().map(|p| PlRefPath::try_from_path(p)).collect::<PolarsResult<Vec<_>>>().map_err(read_error)?;
    let args = ScanArgsParquet { hive_options: HiveOptions::new_disabled(), glob: false, ..Default::default() };
    LazyFrame::scan_parquet_files(paths.into_iter().collect(), args).map_err(read_error)
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
                (Err(want), Err(e)) => assert!(e.to_string().contains(want), "{table}: error {e} should say {want:?}"),
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
        assert!(e.to_string().contains("remove the stale one"), "{e}");
    }
}
