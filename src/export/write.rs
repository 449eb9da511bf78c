//! Writing tables: Parquet (polars, zstd), CSV and JSON Lines, atomically.
//!
//! Every table is written to a hidden temporary file next to its final name
//! (`.articles.parquet.partial-<pid>`) and renamed into place only when it is
//! complete, so that an interrupted run leaves either no table or the
//! previous complete one, never a half-written file that looks whole.
//! Writers stream: Parquet row groups are written as they fill. CSV and JSON
//! Lines can also go to standard output (`analyze -o -`), through the same
//! writers, so that the bytes are those of the file.

use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

use super::frames::{Batch, ColumnData, Value};
use super::schema::TableSchema;
use crate::error::{Error, Result};

/// The file format of the tables (Parquet, CSV or JSON Lines).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TableFormat {
    /// Apache Parquet, zstd-compressed, one row group per ~64k rows.
    #[default]
    Parquet,
    /// CSV with a header; lists as JSON; formula-like cells escaped.
    Csv,
    /// JSON Lines: one object per row.
    Jsonl,
}

impl TableFormat {
    /// The file extension.
    pub fn extension(self) -> &'static str {
        match self {
            TableFormat::Parquet => "parquet",
            TableFormat::Csv => "csv",
            TableFormat::Jsonl => "jsonl",
        }
    }

    /// Parses `parquet`, `csv` or `jsonl`.
    pub fn parse(s: &str) -> Result<TableFormat> {
        match s.to_ascii_lowercase().as_str() {
            "parquet" | "pq" => Ok(TableFormat::Parquet),
            "csv" => Ok(TableFormat::Csv),
            "jsonl" | "ndjson" | "json" => Ok(TableFormat::Jsonl),
            other => Err(Error::config("format", format!("`{other}`: expected parquet, csv or jsonl"))),
        }
    }
}

/// A streaming writer for one table.
pub trait TableWriter: Send {
    /// Appends rows.
    fn write(&mut self, batch: Batch) -> Result<()>;
    /// Completes the file and moves it into place; returns the number of rows written.
    fn finish(self: Box<Self>) -> Result<u64>;
}

/// Opens a writer for `schema` at `dir/<name>.<ext>` (for `stats`, which needs the feature `tables`, and tests).
#[cfg(any(feature = "tables", test))]
pub(crate) fn create(dir: &Path, schema: &'static TableSchema, format: TableFormat) -> Result<Box<dyn TableWriter>> {
    let path = dir.join(format!("{}.{}", schema.name, format.extension()));
    create_at(&path, schema, format)
}

/// Opens a writer for `schema` at `path`.
pub fn create_at(path: &Path, schema: &'static TableSchema, format: TableFormat) -> Result<Box<dyn TableWriter>> {
    create_buffered(path, schema, format, DEFAULT_BUFFER_BYTES)
}

/// Rows buffered per Parquet writer before a row group is written, by default. 4 MiB rather than 8: each of the
/// tables holds up to this much (about twice as much in memory as rows, and again while it becomes a frame), and
/// over a long run every table reaches it, so it set how much higher a run's peak RSS climbs than a short run's.
pub(crate) const DEFAULT_BUFFER_BYTES: usize = 4 << 20;

/// Opens a writer for `schema` at `path` that buffers at most about
/// `buffer_bytes` of rows before writing a Parquet row group (many partitions
/// open at once each get a smaller buffer, so that memory stays bounded).
pub(crate) fn create_buffered(
    path: &Path,
    schema: &'static TableSchema,
    format: TableFormat,
    buffer_bytes: usize,
) -> Result<Box<dyn TableWriter>> {
    let file = AtomicFile::create(path)?;
    Ok(match format {
        TableFormat::Csv => Box::new(CsvTable::new(file, schema)?),
        TableFormat::Jsonl => Box::new(JsonlTable { out: file, rows: 0 }),
        TableFormat::Parquet => parquet_writer(file, schema, buffer_bytes)?,
    })
}

/// Opens a writer for `schema` on standard output, in CSV or JSON Lines.
/// Parquet is refused: a Parquet file ends with its index, so a reader needs
/// the whole file, not a stream.
pub(crate) fn to_stdout(schema: &'static TableSchema, format: TableFormat) -> Result<Box<dyn TableWriter>> {
    let out = BufWriter::with_capacity(1 << 16, std::io::stdout());
    Ok(match format {
        TableFormat::Csv => Box::new(CsvTable::new(out, schema)?),
        TableFormat::Jsonl => Box::new(JsonlTable { out, rows: 0 }),
        TableFormat::Parquet => {
            return Err(Error::config(
                "--format",
                "Parquet cannot be written to stdout (a Parquet file ends with its index, so readers need the whole \
                 file): use --format jsonl (the default with `-o -`) or csv, or write to a folder with -o OUT_DIR",
            ))
        }
    })
}

/// Where a table's bytes go: a file renamed into place when complete, or standard output.
trait Output: Write + Send {
    /// Makes everything written final: renames the file into place, or flushes stdout.
    fn commit(self) -> Result<()>;
    /// The name in error messages: the final path, or `-`.
    fn name(&self) -> &Path;
}

/// Standard output, buffered in large blocks rather than by its own line buffer.
impl Output for BufWriter<std::io::Stdout> {
    fn commit(mut self) -> Result<()> {
        self.flush().map_err(|e| Error::io("writing", "-", e))
    }
    fn name(&self) -> &Path {
        Path::new("-")
    }
}

#[cfg(feature = "tables")]
fn parquet_writer(file: AtomicFile, schema: &'static TableSchema, buffer_bytes: usize) -> Result<Box<dyn TableWriter>> {
    Ok(Box::new(parquet::ParquetTable::new(file, schema, buffer_bytes)?))
}

#[cfg(not(feature = "tables"))]
fn parquet_writer(_: AtomicFile, _: &'static TableSchema, _: usize) -> Result<Box<dyn TableWriter>> {
    Err(crate::error::ErrorKind::FeatureDisabled { feature: "tables", hint: " to write Parquet" }.into())
}

/// A file written under a temporary name and renamed into place on [`AtomicFile::commit`].
/// Dropped without committing, it removes its temporary file.
pub(crate) struct AtomicFile {
    tmp: PathBuf,
    path: PathBuf,
    out: Option<BufWriter<File>>,
}

impl AtomicFile {
    /// Creates the temporary file for `path` (creating parent folders).
    pub(crate) fn create(path: &Path) -> Result<AtomicFile> {
        let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|e| Error::io("creating folder", dir, e))?;
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("table");
        let tmp = dir.join(format!(".{name}.partial-{}", std::process::id()));
        let file = File::create(&tmp).map_err(|e| Error::io("creating", &tmp, e))?;
        Ok(AtomicFile { tmp, path: path.to_path_buf(), out: Some(BufWriter::with_capacity(1 << 20, file)) })
    }

    /// The final path.
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }

    fn writer(&mut self) -> &mut BufWriter<File> {
        self.out.as_mut().expect("AtomicFile used after commit")
    }

    /// Flushes, syncs and renames the file into place.
    pub(crate) fn commit(mut self) -> Result<()> {
        let out = self.out.take().expect("AtomicFile committed twice");
        let file = out.into_inner().map_err(|e| Error::io("writing", self.tmp.clone(), e.into_error()))?;
        file.sync_all().map_err(|e| Error::io("syncing", self.tmp.clone(), e))?;
        drop(file);
        std::fs::rename(&self.tmp, &self.path).map_err(|e| Error::io("renaming into place", self.path.clone(), e))
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer().write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer().flush()
    }
}

impl Output for AtomicFile {
    fn commit(self) -> Result<()> {
        AtomicFile::commit(self)
    }
    fn name(&self) -> &Path {
        self.path()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if self.out.is_some() {
            let _ = std::fs::remove_file(&self.tmp);
        }
    }
}

/// Removes temporary files that killed runs left in `dir` (`.NAME.partial-PID`
/// of processes that no longer exist).
pub(crate) fn remove_stale_partials(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let Some((_, pid)) = name.rsplit_once(".partial-") else { continue };
        if !name.starts_with('.') {
            continue;
        }
        let alive = pid.parse::<u32>().is_ok_and(|p| p == std::process::id() || Path::new(&format!("/proc/{p}")).exists());
        if !alive {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Escapes a CSV cell that a spreadsheet would run as a formula (OWASP's
/// advice: a leading `=`, `+`, `-`, `@`, tab or carriage return gets a `'`).
fn escape_formula(s: &str) -> std::borrow::Cow<'_, str> {
    if s.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        std::borrow::Cow::Owned(format!("'{s}"))
    } else {
        std::borrow::Cow::Borrowed(s)
    }
}

fn value_json(v: &Value) -> serde_json::Value {
    match v {
        Value::Null => serde_json::Value::Null,
        Value::Str(s) => serde_json::Value::String(s.clone()),
        Value::Int(i) => serde_json::Value::from(*i),
        Value::Float(f) => json_float(*f),
        Value::Bool(b) => serde_json::Value::Bool(*b),
        Value::List(l) => serde_json::Value::from(l.clone()),
        Value::LabelScores(l) => serde_json::Value::Array(
            l.iter().map(|(label, score)| serde_json::json!({"label": label, "score": json_float(*score)})).collect(),
        ),
    }
}

/// A float as JSON, rounded to 6 significant decimals so that f32 noise does not show.
fn json_float(f: f32) -> serde_json::Value {
    if f.is_finite() {
        let rounded = (f as f64 * 1e6).round() / 1e6;
        serde_json::Value::from(rounded)
    } else {
        serde_json::Value::Null
    }
}

struct CsvTable<O: Output> {
    out: csv::Writer<O>,
    rows: u64,
}

impl<O: Output> CsvTable<O> {
    fn new(out: O, schema: &'static TableSchema) -> Result<CsvTable<O>> {
        let name = out.name().to_path_buf();
        let mut out = csv::Writer::from_writer(out);
        out.write_record(schema.columns.iter().map(|c| c.name)).map_err(|e| csv_error(schema.name, &name, e))?;
        Ok(CsvTable { out, rows: 0 })
    }
}

/// A CSV error, keeping an I/O error as such (so that a closed pipe is seen as one).
fn csv_error(table: &str, path: &Path, e: csv::Error) -> Error {
    if e.is_io_error() {
        Error::io("writing", path, std::io::Error::from(e))
    } else {
        Error::table(table, e)
    }
}

impl<O: Output> TableWriter for CsvTable<O> {
    fn write(&mut self, batch: Batch) -> Result<()> {
        let name = batch.schema.name;
        let mut cells: Vec<std::borrow::Cow<'_, str>> = Vec::with_capacity(batch.columns.len());
        for row in 0..batch.len() {
            cells.clear();
            for col in &batch.columns {
                cells.push(match col {
                    // Text, the bulk of a table, is written as it is unless it needs escaping.
                    ColumnData::Utf8(c) => c[row].as_deref().map_or("".into(), escape_formula),
                    col => match col.get(row) {
                        Value::Null => "".into(),
                        Value::Str(s) => escape_formula(&s).into_owned().into(),
                        Value::Int(i) => i.to_string().into(),
                        Value::Float(f) => json_float(f).to_string().into(),
                        Value::Bool(b) => b.to_string().into(),
                        v @ (Value::List(_) | Value::LabelScores(_)) => value_json(&v).to_string().into(),
                    },
                });
            }
            if let Err(e) = self.out.write_record(cells.iter().map(|c| c.as_bytes())) {
                return Err(csv_error(name, self.out.get_ref().name(), e));
            }
            self.rows += 1;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<u64> {
        let rows = self.rows;
        let name = self.out.get_ref().name().to_path_buf();
        let out = self.out.into_inner().map_err(|e| Error::io("writing", name, e.into_error()))?;
        out.commit()?;
        Ok(rows)
    }
}

/// Row `row` of `batch` as one JSON object, its keys in the order `order` gives, written from the columns as
/// they are (no row of [`Value`]s is built): the same bytes as serde_json's object of [`value_json`] values.
fn json_row(line: &mut Vec<u8>, batch: &Batch, order: &[usize], row: usize) -> serde_json::Result<()> {
    line.push(b'{');
    for (n, &i) in order.iter().enumerate() {
        if n > 0 {
            line.push(b',');
        }
        serde_json::to_writer(&mut *line, batch.schema.columns[i].name)?;
        line.push(b':');
        match &batch.columns[i] {
            ColumnData::Utf8(c) => serde_json::to_writer(&mut *line, &c[row])?,
            ColumnData::Int64(c) => serde_json::to_writer(&mut *line, &c[row])?,
            ColumnData::Float32(c) => serde_json::to_writer(&mut *line, &c[row].map(json_float))?,
            ColumnData::Boolean(c) => serde_json::to_writer(&mut *line, &c[row])?,
            ColumnData::ListUtf8(c) => serde_json::to_writer(&mut *line, &c[row])?,
            ColumnData::ListLabelScore(c) => {
                line.push(b'[');
                for (k, (label, score)) in c[row].iter().enumerate() {
                    if k > 0 {
                        line.push(b',');
                    }
                    line.extend_from_slice(b"{\"label\":");
                    serde_json::to_writer(&mut *line, label)?;
                    line.extend_from_slice(b",\"score\":");
                    serde_json::to_writer(&mut *line, &json_float(*score))?;
                    line.push(b'}');
                }
                line.push(b']');
            }
        }
    }
    line.push(b'}');
    Ok(())
}

struct JsonlTable<O: Output> {
    out: O,
    rows: u64,
}

impl<O: Output> TableWriter for JsonlTable<O> {
    fn write(&mut self, batch: Batch) -> Result<()> {
        let mut line = Vec::with_capacity(4096);
        // Keys in byte order, as a JSON object of the row would have them (serde_json's map is sorted).
        let mut order: Vec<usize> = (0..batch.columns.len()).collect();
        order.sort_by_key(|&i| batch.schema.columns[i].name.as_bytes());
        for row in 0..batch.len() {
            line.clear();
            json_row(&mut line, &batch, &order, row)?;
            line.push(b'\n');
            self.out.write_all(&line).map_err(|e| Error::io("writing", self.out.name().to_path_buf(), e))?;
            self.rows += 1;
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<u64> {
        let rows = self.rows;
        self.out.commit()?;
        Ok(rows)
    }
}

#[cfg(feature = "tables")]
pub(crate) mod parquet {
    //! Parquet through polars' batched writer: one row group per flush.

    use polars::prelude::*;

    use super::{AtomicFile, Batch, TableWriter};
    use crate::export::frames::ColumnData;
    use crate::error::{Error, Result};
    use crate::export::schema::{DataType as Dt, TableSchema};

    /// Rows buffered before a row group is written.
    const ROW_GROUP_ROWS: usize = 32_768;

    pub(crate) fn polars_dtype(d: Dt) -> DataType {
        match d {
            Dt::Utf8 => DataType::String,
            Dt::Int64 => DataType::Int64,
            Dt::Float32 => DataType::Float32,
            Dt::Boolean => DataType::Boolean,
            Dt::ListUtf8 => DataType::List(Box::new(DataType::String)),
            Dt::ListLabelScore => DataType::List(Box::new(DataType::Struct(vec![
                Field::new("label".into(), DataType::String),
                Field::new("score".into(), DataType::Float32),
            ]))),
        }
    }

    /// The polars schema of a table.
    pub(crate) fn polars_schema(schema: &TableSchema) -> Schema {
        schema.columns.iter().map(|c| Field::new(c.name.into(), polars_dtype(c.dtype))).collect()
    }

    fn series(name: &str, col: &ColumnData) -> PolarsResult<Series> {
        let name: PlSmallStr = name.into();
        Ok(match col {
            ColumnData::Utf8(v) => Series::new(name, v.as_slice()),
            ColumnData::Int64(v) => Series::new(name, v.as_slice()),
            ColumnData::Float32(v) => Series::new(name, v.as_slice()),
            ColumnData::Boolean(v) => Series::new(name, v.as_slice()),
            ColumnData::ListUtf8(v) => {
                let values: usize = v.iter().map(Vec::len).sum();
                let mut b = ListStringChunkedBuilder::new(name, v.len(), values);
                for row in v {
                    b.append_values_iter(row.iter().map(String::as_str));
                }
                b.finish().into_series()
            }
            ColumnData::ListLabelScore(v) => {
                let inner = polars_dtype(Dt::ListLabelScore);
                let DataType::List(inner) = inner else { unreachable!() };
                let values: usize = v.iter().map(Vec::len).sum();
                let mut b = polars::chunked_array::builder::get_list_builder(&inner, values, v.len(), name);
                for row in v {
                    let labels = Series::new("label".into(), row.iter().map(|(l, _)| l.as_str()).collect::<Vec<_>>());
                    let scores = Series::new("score".into(), row.iter().map(|(_, s)| *s).collect::<Vec<f32>>());
                    let st = StructChunked::from_series("".into(), row.len(), [labels, scores].iter())?;
                    b.append_series(&st.into_series())?;
                }
                b.finish().into_series()
            }
        })
    }

    /// A batch as a polars DataFrame.
    pub(crate) fn to_dataframe(batch: &Batch) -> PolarsResult<DataFrame> {
        let height = batch.len();
        let schema = batch.schema;
        let mut columns = Vec::with_capacity(batch.columns.len());
        for (c, data) in schema.columns.iter().zip(&batch.columns) {
            columns.push(series(c.name, data)?.into_column());
        }
        DataFrame::new(height, columns)
    }

    type Batched = polars::io::parquet::write::BatchedWriter<std::fs::File>;

    /// The zstd level of every Parquet file written (`export::patch` rewrites columns with it too).
    pub(crate) const ZSTD_LEVEL: i32 = 1;

    /// The batched Parquet writer of every table file, into `file`.
    fn batched(file: &mut AtomicFile, schema: &Schema, name: &str) -> Result<Batched> {
        let handle = file.writer().get_ref().try_clone().map_err(|e| Error::io("opening", file.path().to_path_buf(), e))?;
        // polars embeds an Arrow schema of the newest flavour (string_view, large_list), which
        // pandas cannot convert for list columns. Embedding the oldest flavour instead keeps the
        // same Parquet data readable by pandas, pyarrow, polars, DuckDB and Spark alike.
        let arrow_schema = schema.to_arrow(CompatLevel::oldest());
        let key = polars_parquet::write::schema_to_metadata_key(&arrow_schema);
        ParquetWriter::new(handle)
            // Level 1 rather than the default 3: about twice as fast for files a few percent larger, and
            // the writer thread shares the cores with the pipeline.
            .with_compression(ParquetCompression::Zstd(polars_parquet::write::ZstdLevel::try_new(ZSTD_LEVEL).ok()))
            .with_statistics(StatisticsOptions::default())
            .with_key_value_metadata(Some(polars::io::parquet::write::KeyValueMetadata::Static(vec![key])))
            .batched(schema)
            .map_err(|e| Error::table(name, e))
    }

    pub(crate) struct ParquetTable {
        file: Option<AtomicFile>,
        writer: Option<polars::io::parquet::write::BatchedWriter<std::fs::File>>,
        pending: Batch,
        pending_bytes: usize,
        buffer_bytes: usize,
        rows: u64,
    }

    impl ParquetTable {
        pub(crate) fn new(file: AtomicFile, schema: &'static TableSchema, buffer_bytes: usize) -> Result<ParquetTable> {
            let mut file = file;
            let writer = batched(&mut file, &polars_schema(schema), schema.name)?;
            Ok(ParquetTable {
                file: Some(file),
                writer: Some(writer),
                pending: Batch::new(schema),
                pending_bytes: 0,
                buffer_bytes,
                rows: 0,
            })
        }

        fn flush(&mut self) -> Result<()> {
            if self.pending.is_empty() {
                return Ok(());
            }
            let schema = self.pending.schema;
            self.pending_bytes = 0;
            self.rows += self.pending.len() as u64;
            let df = to_dataframe(&self.pending).map_err(|e| Error::table(schema.name, e))?;
            // Emptied, not replaced: the next row group reuses the columns' memory.
            self.pending.clear();
            let w = self.writer.as_mut().expect("writer present until finish");
            w.write_batch(&df).map_err(|e| Error::table(schema.name, e))
        }
    }

    impl TableWriter for ParquetTable {
        fn write(&mut self, batch: Batch) -> Result<()> {
            self.pending_bytes += batch.approx_bytes();
            self.pending.append(batch);
            if self.pending.len() >= ROW_GROUP_ROWS || self.pending_bytes >= self.buffer_bytes {
                self.flush()?;
            }
            Ok(())
        }

        fn finish(mut self: Box<Self>) -> Result<u64> {
            self.flush()?;
            let name = self.pending.schema.name;
            let w = self.writer.take().expect("writer present until finish");
            w.finish().map_err(|e| Error::table(name, e))?;
            drop(w);
            self.file.take().expect("file present until finish").commit()?;
            Ok(self.rows)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::schema::SENTENCES;

    fn batch() -> Batch {
        let mut b = Batch::new(&SENTENCES);
        b.push_row(vec![
            "a1".into(),
            0usize.into(),
            0usize.into(),
            0usize.into(),
            5usize.into(),
            0usize.into(),
            5usize.into(),
            "=SUM(A1)".into(),
        ]);
        b
    }

    #[test]
    fn formula_cells_are_escaped_in_csv() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = create(dir.path(), &SENTENCES, TableFormat::Csv).unwrap();
        w.write(batch()).unwrap();
        assert_eq!(w.finish().unwrap(), 1);
        let text = std::fs::read_to_string(dir.path().join("sentences.csv")).unwrap();
        assert!(text.starts_with("article_id,sentence_index,"), "{text}");
        assert!(text.contains("'=SUM(A1)"), "{text}");
    }

    #[test]
    fn a_json_lines_row_is_the_json_object_of_its_values() {
        use crate::export::schema::{DataType as Dt, ARTICLES};
        let mut b = Batch::new(&ARTICLES);
        let awkward = "\"Quoted\", a tab\t, a control \u{1} char, \u{e9}t\u{e9} and \u{1F600}";
        for k in 0..3 {
            let row = ARTICLES.columns.iter().map(|c| match (k, c.dtype) {
                (0, _) => Value::Null,
                (_, Dt::Utf8) => awkward.into(),
                (_, Dt::Int64) => Value::Int(if k == 1 { -42 } else { i64::MAX }),
                (_, Dt::Float32) => Value::Float(if k == 1 { 0.123_456_78 } else { f32::NAN }),
                (_, Dt::Boolean) => Value::Bool(k == 1),
                (_, Dt::ListUtf8) => Value::List(vec![awkward.to_string(), String::new()]),
                (_, Dt::ListLabelScore) => Value::LabelScores(vec![("economy".into(), 0.9), (awkward.into(), 1e-9)]),
            });
            b.push_row(row.collect());
        }
        let mut order: Vec<usize> = (0..b.columns.len()).collect();
        order.sort_by_key(|&i| ARTICLES.columns[i].name.as_bytes());
        for row in 0..b.len() {
            let object: serde_json::Map<String, serde_json::Value> =
                ARTICLES.columns.iter().zip(&b.columns).map(|(c, col)| (c.name.to_string(), value_json(&col.get(row)))).collect();
            let mut line = Vec::new();
            json_row(&mut line, &b, &order, row).unwrap();
            assert_eq!(String::from_utf8(line).unwrap(), serde_json::to_string(&object).unwrap(), "row {row}");
        }
    }

    #[test]
    fn nothing_appears_under_the_final_name_until_finish() {
        let dir = tempfile::tempdir().unwrap();
        let mut w = create(dir.path(), &SENTENCES, TableFormat::Jsonl).unwrap();
        w.write(batch()).unwrap();
        assert!(!dir.path().join("sentences.jsonl").exists());
        drop(w);
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "a dropped writer leaves nothing behind");
    }

    #[cfg(feature = "tables")]
    #[test]
    fn parquet_round_trips_through_polars() {
        use polars::prelude::*;
        let dir = tempfile::tempdir().unwrap();
        let mut w = create(dir.path(), &SENTENCES, TableFormat::Parquet).unwrap();
        w.write(batch()).unwrap();
        w.write(batch()).unwrap();
        assert_eq!(w.finish().unwrap(), 2);
        let f = std::fs::File::open(dir.path().join("sentences.parquet")).unwrap();
        let df = ParquetReader::new(f).finish().unwrap();
        assert_eq!(df.height(), 2);
        assert_eq!(df.column("char_end").unwrap().dtype(), &DataType::Int64);
    }
}
