//! `newsnlp stats`: the corpus-level tables of an `analyze` run.

use std::path::PathBuf;

use anyhow::Context;
use newsnlp::export::TableFormat;
use newsnlp::stats::{Period, Stats, StatsOptions, DEFAULT_MIN_COUNT};

use super::Status;

/// Flags of `newsnlp stats`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  newsnlp analyze dump.jsonl -o out/ && newsnlp stats out/          writes out/stats/*.parquet
  newsnlp stats out/ -o out-stats/ --format csv --min-count 5
  newsnlp stats sharded-out/ --period day                           reads dataset folders too

Reads the Parquet tables of one analyze run (OUT_DIR/articles.parquet ..., or the dataset
folders OUT_DIR/articles/... of sharded and partitioned runs) and writes entity_counts,
cooccurrence, topic_counts, places, quoted (the most-quoted speakers) and quoted_by_source (who each source quotes) (see `newsnlp schema --markdown`). Exit code: 0 done, 2 failure.")]
pub struct Args {
    /// Output folder of an `analyze` run (Parquet tables).
    #[arg(value_name = "OUT_DIR")]
    input: PathBuf,
    /// Folder for the stats tables [default: OUT_DIR/stats].
    #[arg(short, long, value_name = "STATS_DIR")]
    out: Option<PathBuf>,
    /// Output format: parquet, csv or jsonl.
    #[arg(long, default_value = "parquet", value_parser = parse_format)]
    format: TableFormat,
    /// Keep entity pairs named together in at least this many articles.
    #[arg(long, default_value_t = DEFAULT_MIN_COUNT, value_name = "N")]
    min_count: u64,
    /// Periods of topic_counts: month (YYYY-MM) or day (YYYY-MM-DD).
    #[arg(long, default_value = "month", value_parser = parse_period)]
    period: Period,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

fn parse_format(s: &str) -> Result<TableFormat, String> {
    TableFormat::parse(s).map_err(|e| e.to_string())
}

fn parse_period(s: &str) -> Result<Period, String> {
    Period::parse(s).map_err(|e| e.to_string())
}

/// Labels summarised on stderr, and how many names each.
const SUMMARY: &[&str] = &["PERSON", "ORGANIZATION", "LOCATION", "GROUP", "MISC"];
const SUMMARY_TOP: usize = 5;

pub fn run(args: Args) -> anyhow::Result<Status> {
    let options = StatsOptions { min_count: args.min_count, period: args.period, ..StatsOptions::default() };
    let out = args.out.unwrap_or_else(|| args.input.join("stats"));
    let stats = Stats::compute(&args.input, &options)
        .with_context(|| format!("computing stats of {}", args.input.display()))?;
    let counts = stats.write(&out, args.format).with_context(|| format!("writing stats to {}", out.display()))?;
    if !args.quiet {
        eprintln!(
            "newsnlp: stats of {} ok articles ({} sentences) in {}: {} entity_counts, {} cooccurrence (min count {}), \
             {} topic_counts, {} places, {} quoted, {} quoted_by_source rows",
            stats.articles,
            stats.sentences,
            out.display(),
            counts.entity_counts,
            counts.cooccurrence,
            options.min_count,
            counts.topic_counts,
            counts.places,
            counts.quoted,
            counts.quoted_by_source,
        );
        for label in SUMMARY {
            let top = stats.top_entities(label, SUMMARY_TOP);
            if !top.is_empty() {
                let list: Vec<String> = top.iter().map(|e| format!("{} ({})", e.name, e.articles)).collect();
                eprintln!("newsnlp: most-named {label} (articles): {}", list.join(", "));
            }
        }
        for label in ["PERSON", "ORGANIZATION"] {
            let top = stats.top_quoted(label, SUMMARY_TOP);
            if !top.is_empty() {
                let list: Vec<String> = top.iter().map(|(name, quotes, _)| format!("{name} ({quotes})")).collect();
                eprintln!("newsnlp: most-quoted {label} (quotes): {}", list.join(", "));
            }
        }
    }
    Ok(Status::Ok)
}
