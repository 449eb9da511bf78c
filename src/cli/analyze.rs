//! `newsnlp analyze`: a dump of articles → tables.

use std::path::PathBuf;

use anyhow::Context;
use newsnlp::batch::{self, BatchOptions, ClusterStage, IdentityStage, Shard, StreamStage};
use newsnlp::export::schema::{ARTICLES, CLUSTERS, DUMP_ENTITIES, ENTITIES, MENTIONS, SENTENCES};
use newsnlp::export::{FolderSink, TableFormat, Layout, PartitionBy, Sink, StdoutSink};
use newsnlp::ingest::{ArticleSource, MultiSource};
use newsnlp::{identity, Pipeline};

use super::pipeline::{PipelineArgs, LOADING_MODELS};
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
  newsnlp analyze dump.jsonl -o out/ --shard 3/8          one of 8 independent shards (then `newsnlp merge out/`)
  newsnlp analyze dump.jsonl -o out/ --partition-by language   out/articles/language=eng/part-0.parquet
  newsnlp analyze dump.jsonl -o out/ --config run.toml --no-topics   flags override the file
  newsnlp analyze pages/ -o out/ --verbose                also lists the files not read
  newsnlp analyze dump.jsonl -o - --table mentions | jq .text   one table as JSON Lines on stdout

Inputs: .jsonl/.ndjson (also .gz), .csv (also .gz), .parquet, .txt and .html files,
folders of .txt/.html files (recursively; other files are skipped and counted), and - for
JSON Lines on stdin. `newsnlp config` prints the settings of a run as a --config file.
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
    format: Option<TableFormat>,
    /// With `-o -`, the table to write: articles (the default: one row per input record), sentences,
    /// mentions, entities or clusters.
    #[arg(long, value_name = "NAME")]
    table: Option<String>,
    #[command(flatten)]
    pipeline: PipelineArgs,
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
    /// Also list each input file that is not read (not .txt/.html in a folder).
    #[arg(short, long, conflicts_with = "quiet")]
    verbose: bool,
}

fn parse_format(s: &str) -> Result<TableFormat, String> {
    TableFormat::parse(s).map_err(|e| e.to_string())
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
    let sink = FolderSink::create(&args.out, args.format.unwrap_or(TableFormat::Parquet), layout)
        .with_context(|| format!("preparing output folder {}", args.out.display()))?;
    Ok(Box::new(sink))
}

/// `-o -`: one table on stdout, JSON Lines unless `--format csv`.
fn stdout_sink(args: &Args, clusters: bool) -> anyhow::Result<Box<dyn Sink>> {
    anyhow::ensure!(
        args.shard.is_none() && args.partition_by.is_none(),
        "--shard and --partition-by write dataset folders; with `-o -` there is only one stream: give -o OUT_DIR"
    );
    let table = args.table.as_deref().unwrap_or(ARTICLES.name);
    anyhow::ensure!(table != CLUSTERS.name || clusters, "--table clusters needs --clusters");
    anyhow::ensure!(
        table != DUMP_ENTITIES.name,
        "dump_entities is decided from the whole dump once the tables are written: give -o OUT_DIR"
    );
    Ok(Box::new(StdoutSink::new(table, args.format.unwrap_or(TableFormat::Jsonl))?))
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let config = args.pipeline.config()?;
    let ingest = config.ingest.options();
    let total_bytes: u64 = args
        .inputs
        .iter()
        .filter(|p| p.as_os_str() != "-" && p.is_file())
        .filter_map(|p| std::fs::metadata(p).ok())
        .map(|m| m.len())
        .sum();
    let source = MultiSource::new(args.inputs.clone(), ingest)?;
    // The source is listed up front, so what it will skip is known before the run consumes it.
    let skipped = source.skipped_files().to_vec();
    let pipeline = Pipeline::from_config(&config).context(LOADING_MODELS)?;
    let to_stdout = args.out.as_os_str() == "-";
    let sink = if to_stdout { stdout_sink(&args, config.clusters.enabled)? } else { folder_sink(&args)? };
    let mut stages: Vec<Box<dyn StreamStage>> = Vec::new();
    if let Some(clusterer) = newsnlp::pipeline::story_clusterer(&config).context("loading the story clusterer")? {
        stages.push(Box::new(ClusterStage::new(clusterer)));
    }
    if config.identity.enabled {
        let evidence = (!to_stdout).then(|| identity::evidence_file(&args.out, args.shard.map_or(0, |s| s.index)));
        stages.push(Box::new(IdentityStage::new(evidence)));
    }
    let mut options = BatchOptions { shard: args.shard, ..BatchOptions::default() };
    if let Some(j) = args.jobs {
        options.jobs = j.max(1);
    }
    let mut reporter = Reporter::new(args.quiet, total_bytes);
    let summary = batch::run(Box::new(source), &pipeline, stages, sink, &options, &mut |p| reporter.update(p))?;
    reporter.finish();
    // An unsharded run is the whole dump: resolve it now. Shards wait for `newsnlp merge` once all are done.
    let merged = if config.identity.enabled && !to_stdout && args.shard.is_none() {
        // On as many threads as the run had.
        let pool = batch::worker_pool(options.jobs)?;
        Some(
            pool.install(|| identity::merge(std::slice::from_ref(&args.out), &args.out))
                .context("resolving entities across the dump")?,
        )
    } else {
        None
    };
    let secs = summary.seconds.max(1e-9);
    let reasons: Vec<String> = summary.rejected_by_reason.iter().map(|(k, v)| format!("{k} {v}")).collect();
    if args.verbose {
        for file in &skipped {
            eprintln!("newsnlp: skipped {} (not .txt/.html)", file.display());
        }
    }
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
            "newsnlp: {} records read{}: {} ok + {} rejected{}{written}{}",
            summary.records,
            args.shard.map_or(String::new(), |s| format!(" in shard {}/{} ({} in other shards)", s.index, s.count, summary.other_shards)),
            summary.ok,
            summary.rejected,
            if reasons.is_empty() { String::new() } else { format!(" ({})", reasons.join(", ")) },
            skipped_note(skipped.len()),
        );
        if let Some(m) = &merged {
            eprintln!(
                "newsnlp: {} dump-level entities in {} ({} article-level entities resolved, {} rows relabelled or joined)",
                m.dump_entities,
                m.output.display(),
                m.resolved,
                m.rows_changed
            );
        } else if config.identity.enabled && args.shard.is_some() {
            eprintln!(
                "newsnlp: once every shard is done, `newsnlp merge {}` gives the dump-level ids and dump_entities",
                args.out.display()
            );
        }
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

/// The end of the summary line for files a folder held that were not read.
fn skipped_note(count: usize) -> String {
    match count {
        0 => String::new(),
        1 => "; 1 file skipped (not .txt/.html; --verbose lists it)".to_string(),
        n => format!("; {n} files skipped (not .txt/.html; --verbose lists them)"),
    }
}
