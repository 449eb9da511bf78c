//! `newsnlp analyze`: a dump of articles → tables.

use std::path::PathBuf;

use anyhow::Context;
use newsnlp::batch::{self, BatchOptions, Shard, StreamStage};
use newsnlp::cluster::ClusterStage;
use newsnlp::export::schema::{ARTICLES, CLUSTERS, ENTITIES, MENTIONS, SENTENCES};
use newsnlp::export::{FolderSink, Format, Layout, PartitionBy, Sink, StdoutSink};
use newsnlp::ingest::{IngestOptions, InvalidUtf8, MultiSource, DEFAULT_MAX_ARTICLE_BYTES};

use super::fields::FieldArgs;
use super::pipeline::ModelArgs;
use super::progress::Reporter;
use super::Status;

/// Flags of `newsnlp analyze`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  newsnlp analyze dump.jsonl -o out/
  newsnlp analyze a.jsonl.gz b.csv pages/ -o out/ --format csv
  newsnlp analyze export.parquet --text-field body --id-field uid -o out/
  cat dump.jsonl | newsnlp analyze - -o out/ --quiet
  newsnlp analyze dump.jsonl -o out/ --rules my-entities.jsonl
  newsnlp analyze dump.jsonl -o out/ --shard 3/8          one of 8 independent shards
  newsnlp analyze dump.jsonl -o out/ --partition-by language   out/articles/language=eng/part-0.parquet
  newsnlp analyze dump.jsonl -o - --table mentions | jq .text   one table as JSON Lines on stdout

Inputs: .jsonl/.ndjson (also .gz), .csv (also .gz), .parquet, .txt and .html files,
folders of .txt/.html files (recursively), and - for JSON Lines on stdin.
Exit code: 0 all records analysed, 1 some rejected (see the articles table's
`status` and `reason`), 2 failure.")]
pub struct Args {
    /// Input files or folders; `-` reads JSON Lines from stdin.
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Output folder for the tables; `-` writes one table (`--table`) to stdout.
    #[arg(short, long, value_name = "OUT_DIR")]
    out: PathBuf,
    /// Output format: parquet (the default for a folder), csv or jsonl (the default for `-o -`).
    #[arg(long, value_parser = parse_format)]
    format: Option<Format>,
    /// With `-o -`, the table to write: articles (the default: one row per input record), sentences,
    /// mentions, entities or clusters.
    #[arg(long, value_name = "NAME")]
    table: Option<String>,
    #[command(flatten)]
    fields: FieldArgs,
    /// Reject records larger than this many bytes (they are never truncated).
    #[arg(long, default_value_t = DEFAULT_MAX_ARTICLE_BYTES, value_name = "BYTES")]
    max_article_bytes: usize,
    /// Invalid UTF-8: `reject` the record, or decode it `lossy` with U+FFFD and flag it.
    #[arg(long, default_value = "reject", value_parser = ["reject", "lossy"])]
    invalid_utf8: String,
    #[command(flatten)]
    models: ModelArgs,
    /// Group articles that tell the same story: adds `cluster_id` to the articles table and writes a
    /// `clusters` table.
    #[arg(long)]
    clusters: bool,
    /// How `--clusters` compares articles: `minhash` (near-duplicate bodies) or `embedding` (also
    /// close MiniLM embeddings; needs a build with the `transformer` feature).
    #[arg(long, default_value = "minhash", value_parser = ["minhash", "embedding"], requires = "clusters")]
    cluster_method: String,
    /// Worker threads (default: number of cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Process only shard K of N: the records whose stable hash of article_id falls in it. Output is a
    /// dataset folder per table with part-K files, so N runs can share one output folder.
    #[arg(long, value_name = "K/N", value_parser = parse_shard)]
    shard: Option<Shard>,
    /// Write Hive-style partition folders (`articles/language=eng/part-0.parquet`).
    #[arg(long, value_name = "COLUMN", value_parser = parse_partition)]
    partition_by: Option<PartitionBy>,
    /// No progress output.
    #[arg(short, long)]
    quiet: bool,
}

/// The story clusterer for `--cluster-method`.
fn clusterer(method: &str, models: &ModelArgs) -> anyhow::Result<Box<dyn newsnlp::cluster::StoryClusterer>> {
    use newsnlp::cluster::{EmbeddingClusterer, MinHashClusterer, DEFAULT_COSINE, DEFAULT_RECENT};
    Ok(match method {
        "embedding" => {
            let embedder = newsnlp::transformer::load_default_embedder(Some(&models.models_dir()))
                .context("--cluster-method embedding")?;
            Box::new(EmbeddingClusterer::new(std::sync::Arc::new(embedder), DEFAULT_COSINE, DEFAULT_RECENT))
        }
        _ => Box::new(MinHashClusterer::default()),
    })
}

fn parse_format(s: &str) -> Result<Format, String> {
    Format::parse(s).map_err(|e| e.to_string())
}

fn parse_shard(s: &str) -> Result<Shard, String> {
    Shard::parse(s).map_err(|e| e.to_string())
}

fn parse_partition(s: &str) -> Result<PartitionBy, String> {
    PartitionBy::parse(s).map_err(|e| e.to_string())
}

/// `-o DIR`: every table, as files in the folder.
fn folder_sink(args: &Args) -> anyhow::Result<Box<dyn Sink>> {
    anyhow::ensure!(args.table.is_none(), "--table picks the table of `-o -`; a folder gets every table");
    let layout = if args.shard.is_some() || args.partition_by.is_some() {
        Layout::Dataset { partition: args.partition_by, part: args.shard.map_or(0, |s| s.index) }
    } else {
        Layout::Single
    };
    let sink = FolderSink::create(&args.out, args.format.unwrap_or(Format::Parquet), layout)
        .with_context(|| format!("preparing output folder {}", args.out.display()))?;
    Ok(Box::new(sink))
}

/// `-o -`: one table on stdout, JSON Lines unless `--format csv`.
fn stdout_sink(args: &Args) -> anyhow::Result<Box<dyn Sink>> {
    anyhow::ensure!(
        args.shard.is_none() && args.partition_by.is_none(),
        "--shard and --partition-by write dataset folders; with `-o -` there is only one stream: give -o OUT_DIR"
    );
    let table = args.table.as_deref().unwrap_or(ARTICLES.name);
    anyhow::ensure!(table != CLUSTERS.name || args.clusters, "--table clusters needs --clusters");
    Ok(Box::new(StdoutSink::new(table, args.format.unwrap_or(Format::Jsonl))?))
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let ingest = IngestOptions {
        max_article_bytes: args.max_article_bytes,
        invalid_utf8: if args.invalid_utf8 == "lossy" { InvalidUtf8::Lossy } else { InvalidUtf8::Reject },
        ..args.fields.ingest_options()
    };
    let total_bytes: u64 = args
        .inputs
        .iter()
        .filter(|p| p.as_os_str() != "-" && p.is_file())
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let source = MultiSource::new(args.inputs.clone(), ingest)?;
    let pipeline = args.models.build()?;
    let to_stdout = args.out.as_os_str() == "-";
    let sink = if to_stdout { stdout_sink(&args)? } else { folder_sink(&args)? };
    let mut stages: Vec<Box<dyn StreamStage>> = Vec::new();
    if args.clusters {
        stages.push(Box::new(ClusterStage::new(clusterer(&args.cluster_method, &args.models)?)));
    }
    let mut options = BatchOptions { shard: args.shard, ..BatchOptions::default() };
    if let Some(j) = args.jobs {
        options.jobs = j.max(1);
    }
    let mut reporter = Reporter::new(args.quiet, total_bytes);
    let summary = batch::run(Box::new(source), &pipeline, stages, sink, &options, &mut |p| reporter.update(p))?;
    reporter.finish();
    let secs = summary.seconds.max(1e-9);
    let reasons: Vec<String> = summary.rejected_by_reason.iter().map(|(k, v)| format!("{k} {v}")).collect();
    if !args.quiet {
        let written = if to_stdout {
            let table = args.table.as_deref().unwrap_or(ARTICLES.name);
            format!("; {} {table} rows to stdout", summary.rows(table))
        } else {
            format!(
                " = {} articles rows in {} ({} sentences, {} mentions, {} entities)",
                summary.rows(ARTICLES.name),
                args.out.display(),
                summary.rows(SENTENCES.name),
                summary.rows(MENTIONS.name),
                summary.rows(ENTITIES.name),
            )
        };
        eprintln!(
            "newsnlp: {} records read{}: {} ok + {} rejected{}{written}",
            summary.records,
            args.shard.map_or(String::new(), |s| format!(" in shard {}/{} ({} in other shards)", s.index, s.count, summary.other_shards)),
            summary.ok,
            summary.rejected,
            if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join(", ")) },
        );
        eprintln!(
            "newsnlp: {:.2} MB in {:.2} s: {:.2} MB/s, {:.0} articles/s, {:.0} words/s",
            summary.bytes as f64 / 1e6,
            secs,
            summary.bytes as f64 / 1e6 / secs,
            summary.records as f64 / secs,
            summary.words as f64 / secs
        );
    }
    anyhow::ensure!(
        summary.accounts_for_every_record(),
        "internal error: {} records read but {} articles rows written",
        summary.records,
        summary.rows(ARTICLES.name)
    );
    Ok(if summary.rejected > 0 { Status::SomeRejected } else { Status::Ok })
}
