//! `newsnlp eval xdoc`: dump-level identity scored on a dump that lists each article's people.

use std::path::PathBuf;

use anyhow::Context;
use newsnlp::eval::xdoc;

use super::pipeline::{ModelArgs, LOADING_MODELS};
use super::Status;

/// Flags of `newsnlp eval xdoc`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  newsnlp eval xdoc reuters21578-modapte-train.jsonl
  newsnlp eval xdoc dump.jsonl --keep out/ --json > xdoc.json

The dump is JSON Lines with `id`, `text` and `people` (lists of codes such as james-baker, as
Reuters-21578 has them). It is analysed with dump-level identity, and for each person listed in at
least --min-articles articles: the share of the articles where the person is found that hold the
person's most common global_id, and the global ids that join two different people.")]
pub struct Args {
    /// The dump (JSON Lines with `id`, `text` and `people`).
    #[arg(value_name = "DUMP")]
    dump: PathBuf,
    #[command(flatten)]
    models: ModelArgs,
    /// People listed in fewer articles are left out.
    #[arg(long, default_value_t = 3, value_name = "N")]
    min_articles: usize,
    /// Keep the tables of the analysis in this folder (JSON Lines) instead of a temporary one.
    #[arg(long, value_name = "DIR")]
    keep: Option<PathBuf>,
    /// Worker threads (default: number of cores).
    #[arg(short, long)]
    jobs: Option<usize>,
    /// Print the figures as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let config = args.models.config()?;
    let temp = std::env::temp_dir().join(format!("newsnlp-xdoc-{}", std::process::id()));
    let tables = args.keep.clone().unwrap_or_else(|| temp.clone());
    let jobs = args.jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get())).max(1);
    let report = xdoc::evaluate(&args.dump, &config, jobs, &tables, args.min_articles);
    if args.keep.is_none() {
        // The temporary tables are of no use once scored, whatever the outcome.
        let _ = std::fs::remove_dir_all(&temp);
    }
    let report = report.context(LOADING_MODELS)?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
        return Ok(Status::Ok);
    }
    println!("person\tarticles\tfound\tconsistent\tname");
    for p in &report.people {
        println!("{}\t{}\t{}\t{}\t{}", p.person, p.articles, p.found, p.consistent, p.name.as_deref().unwrap_or("-"));
    }
    println!(
        "\npeople with >= {} articles: {}\nconsistency (articles where found): {:.4}\nconsistency (all their articles): \
         {:.4}\nmacro consistency: {:.4}\nglobal ids joining two different people: {} of {} ({:.2}%)",
        args.min_articles,
        report.people.len(),
        report.consistency,
        report.strict_consistency,
        report.macro_consistency,
        report.joins.len(),
        report.matched_ids,
        100.0 * report.join_share()
    );
    for (name, people) in &report.joins {
        println!("  {name}: {}", people.join(", "));
    }
    Ok(Status::Ok)
}
