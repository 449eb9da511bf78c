//! A Parquet table file with a few columns replaced and the rest copied as
//! they are: the identity pass sets a table's `global_id` and `label` (a
//! quote's `speaker_global_id`) at the end of a run, and nothing else in the
//! file changes.
//!
//! Reading a row group into a frame and writing it again would decode,
//! encode and compress every column (the text of each quote included) to
//! change one. Here the columns that stay are copied as the compressed pages
//! they are, and only the replaced columns are read, given to the caller,
//! and encoded again. The file keeps its schema, its row groups and its
//! key-value metadata (the Arrow schema other readers use); it is written
//! under a temporary name and renamed over the old one when complete.

use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use polars::prelude::*;
use polars_parquet::parquet::error::ParquetError;
use polars_parquet::parquet::page::CompressedPage;
use polars_parquet::parquet::read::{read_metadata, PageReader};
use polars_parquet::parquet::write::{
    Compressor, DynIter, DynStreamingIterator, FileWriter, Version, WriteOptions as FileOptions,
};
use polars_parquet::parquet::FallibleStreamingIterator;
use polars_parquet::write::{
    array_to_columns, get_dtype_encoding, CompressionOptions, StatisticsOptions, WriteOptions, ZstdLevel,
};

use super::write::parquet::ZSTD_LEVEL;
use super::write::AtomicFile;
use crate::error::{Error, Result};

/// Rewrites the Parquet file at `path`: for each row group, the columns `read` (which include `set`) are read
/// into a frame, `fix` changes the columns `set` in it and returns how many rows it changed, and the file is
/// written again with those columns from the frame and every other column copied. Returns the rows changed.
/// The columns of `set` must be flat string columns.
pub(crate) fn patch_columns(
    path: &Path,
    read: &[&str],
    set: &[&str],
    mut fix: impl FnMut(&mut DataFrame) -> PolarsResult<u64>,
) -> Result<u64> {
    let bad = |e: PolarsError| Error::input(path, "Parquet", e);
    let bad_pq = |e: ParquetError| Error::input(path, "Parquet", e);
    let open = || std::fs::File::open(path).map_err(|e| Error::io("opening", path, e));
    let mut file = open()?;
    let metadata = read_metadata(&mut file).map_err(bad_pq)?;
    let schema = metadata.schema_descr.clone();
    // Each top-level field with its number of leaf columns, and whether it is encoded again: a column that is
    // set, or a nested one (lists), whose pages do not say how many rows they hold, which the writer needs.
    let mut fields = Vec::with_capacity(schema.fields().len());
    let mut leaf = 0;
    for field in schema.fields() {
        let name: &str = field.name();
        let leaves = schema.columns()[leaf..].iter().take_while(|c| c.path_in_schema[0].as_str() == name).count();
        let nested = schema.columns()[leaf..leaf + leaves].iter().any(|c| c.descriptor.max_rep_level > 0);
        fields.push((field.clone(), leaves, set.contains(&name) || nested));
        leaf += leaves;
    }
    if let Some(missing) = set.iter().find(|name| !fields.iter().any(|(f, leaves, _)| f.name() == **name && *leaves == 1)) {
        return Err(Error::input(path, "Parquet", format!("no column {missing}: not a table this rewrite sets")));
    }
    let mut columns: Vec<String> = read.iter().map(|c| c.to_string()).collect();
    for (field, _, encoded) in &fields {
        if *encoded && !columns.iter().any(|c| c == field.name()) {
            columns.push(field.name().to_string());
        }
    }
    let compression = CompressionOptions::Zstd(ZstdLevel::try_new(ZSTD_LEVEL).ok());
    let options = WriteOptions { statistics: StatisticsOptions::default(), version: Version::V1, compression, data_page_size: None };
    let file_options = FileOptions { write_statistics: options.has_statistics(), version: options.version };

    let mut out = AtomicFile::create(path)?;
    let mut writer = FileWriter::new(&mut out, schema.clone(), file_options, metadata.created_by.clone());
    let (mut offset, mut changed) = (0, 0u64);
    for group in &metadata.row_groups {
        let rows = group.num_rows();
        let mut df = ParquetReader::new(open()?)
            .with_columns(Some(columns.clone()))
            .with_slice(Some((offset, rows)))
            .finish()
            .map_err(bad)?;
        offset += rows;
        changed += fix(&mut df).map_err(bad)?;

        let mut pages: Vec<DynStreamingIterator<'static, CompressedPage, ParquetError>> = Vec::new();
        let mut chunks = group.parquet_columns().iter();
        for (field, leaves, encoded) in &fields {
            if *encoded {
                let name: &str = field.name();
                let array = df.column(name).map_err(bad)?.as_materialized_series().rechunk().to_arrow(0, CompatLevel::newest());
                // The encodings polars' own writer picks for the type (dictionary where it pays).
                let encodings = get_dtype_encoding(array.dtype());
                for leaf in array_to_columns(array, field.clone(), options, &encodings).map_err(bad)? {
                    let leaf = DynIter::new(leaf.map(|p| p.map_err(|e| ParquetError::OutOfSpec(e.to_string()))));
                    pages.push(DynStreamingIterator::new(Compressor::new(leaf, compression, Vec::new())));
                }
                chunks.by_ref().take(*leaves).for_each(drop);
                continue;
            }
            for chunk in chunks.by_ref().take(*leaves) {
                let range = chunk.byte_range();
                let mut bytes = vec![0u8; (range.end - range.start) as usize];
                file.seek(SeekFrom::Start(range.start))
                    .and_then(|_| file.read_exact(&mut bytes))
                    .map_err(|e| Error::io("reading", path, e))?;
                let reader = PageReader::new(std::io::Cursor::new(bytes.into()), chunk, Vec::new(), usize::MAX);
                pages.push(DynStreamingIterator::new(Pages { pages: reader, current: None }));
            }
        }
        writer.write(rows as u64, DynIter::new(pages.into_iter().map(Ok))).map_err(bad_pq)?;
    }
    writer.end(metadata.key_value_metadata.clone()).map_err(bad_pq)?;
    drop(writer);
    out.commit()?;
    Ok(changed)
}

/// The compressed pages of a flat column's chunk as they are read, for the file writer.
struct Pages {
    pages: PageReader,
    current: Option<CompressedPage>,
}

impl FallibleStreamingIterator for Pages {
    type Item = CompressedPage;
    type Error = ParquetError;

    fn advance(&mut self) -> std::result::Result<(), ParquetError> {
        self.current = self.pages.next().transpose()?;
        // A page of a flat column holds one value per row (nulls included); the writer needs that count.
        if let Some(CompressedPage::Data(page)) = &mut self.current {
            page.num_rows = Some(page.num_values());
        }
        Ok(())
    }

    fn get(&self) -> Option<&CompressedPage> {
        self.current.as_ref()
    }
}

#[cfg(test)]
mod tests {
    use polars::prelude::*;

    use crate::export::frames::{Batch, Value};
    use crate::export::schema::{DataType as Dt, ENTITIES};
    use crate::export::write::{create_buffered, TableFormat};

    /// An `entities` row group of `rows` rows, every column filled (lists and nulls included).
    fn group(first: usize, rows: usize) -> Batch {
        let mut b = Batch::new(&ENTITIES);
        for r in first..first + rows {
            b.push_row(
                ENTITIES
                    .columns
                    .iter()
                    .map(|c| match c.dtype {
                        Dt::Utf8 if c.name == "global_id" && r % 3 == 0 => Value::Null,
                        Dt::Utf8 => Value::Str(format!("{}-{r}", c.name)),
                        Dt::Int64 => Value::Int(r as i64),
                        Dt::Float32 => Value::Float(r as f32 / 7.0),
                        Dt::Boolean => Value::Bool(r % 2 == 0),
                        Dt::ListUtf8 => Value::List((0..r % 4).map(|k| format!("{}-{r}-{k}", c.name)).collect()),
                        Dt::ListLabelScore => Value::LabelScores(vec![("economy".into(), 0.5)]),
                    })
                    .collect(),
            );
        }
        b
    }

    #[test]
    fn set_columns_change_and_every_other_column_and_row_group_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entities.parquet");
        // A one-byte buffer writes each batch as its own row group.
        let mut w = create_buffered(&path, &ENTITIES, TableFormat::Parquet, 1).unwrap();
        for (first, rows) in [(0, 5), (5, 1), (6, 7)] {
            w.write(group(first, rows)).unwrap();
        }
        w.finish().unwrap();
        let read = |p: &std::path::Path| ParquetReader::new(std::fs::File::open(p).unwrap()).finish().unwrap();
        let before = read(&path);

        let changed = super::patch_columns(&path, &["entity_id", "global_id"], &["global_id"], |df| {
            let ids = df.column("entity_id")?.str()?.clone();
            let gids: Vec<Option<String>> = ids.iter().map(|id| id.map(|id| format!("g:{id}"))).collect();
            df.with_column(Column::new("global_id".into(), gids))?;
            Ok(df.height() as u64)
        })
        .unwrap();
        assert_eq!(changed, 13);
        let after = read(&path);
        assert_eq!(after.schema(), before.schema());
        for name in before.get_column_names() {
            let (a, b) = (after.column(name).unwrap(), before.column(name).unwrap());
            if name == "global_id" {
                let got: Vec<Option<&str>> = a.str().unwrap().iter().collect();
                assert_eq!(got[6], Some("g:entity_id-6"));
                assert!(got.iter().all(Option::is_some), "{got:?}");
            } else {
                assert!(a.as_materialized_series().equals_missing(b.as_materialized_series()), "column {name} changed");
            }
        }
        let groups = ParquetReader::new(std::fs::File::open(&path).unwrap()).get_metadata().unwrap().row_groups.len();
        assert_eq!(groups, 3, "row groups kept");
        assert!(!std::fs::read_dir(dir.path()).unwrap().any(|e| e.unwrap().file_name() != "entities.parquet"), "no temporary file left");
    }

    #[test]
    fn a_column_the_file_lacks_is_an_error_and_the_file_stays() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("entities.parquet");
        let mut w = create_buffered(&path, &ENTITIES, TableFormat::Parquet, 1).unwrap();
        w.write(group(0, 2)).unwrap();
        w.finish().unwrap();
        let bytes = std::fs::read(&path).unwrap();
        let err = super::patch_columns(&path, &["entity_id"], &["speaker_global_id"], |_| Ok(0)).unwrap_err();
        let cause = std::error::Error::source(&err).map(|e| e.to_string()).unwrap_or_default();
        assert!(cause.contains("no column speaker_global_id"), "{err}: {cause}");
        assert_eq!(std::fs::read(&path).unwrap(), bytes);
    }
}
