//! The command-line interface: one file per subcommand. This module owns
//! flag parsing, progress display and exit codes; the work is the library's.
//!
//! Exit codes: 0 success; 1 some input records were rejected (the run still
//! completed, and every record is in the output); 2 failure.

mod analyze;
mod config;
mod eval;
mod extract;
mod merge;
mod fields;
mod language;
mod geo;
mod ner;
mod pipeline;
mod progress;
mod quotes;
mod report;
mod schema;
mod stats;
mod topic;
mod train;
mod xdoc;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// newsnlp: news article dumps → clean, analysable tables. Offline and fast.
#[derive(Parser)]
#[command(name = "newsnlp", version, about, long_about = None, after_help = EXAMPLES)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

const EXAMPLES: &str = "\
Examples:
  newsnlp analyze dump.jsonl -o out/               articles + sentences tables as Parquet
  newsnlp analyze pages/ -o out/ --format csv      a folder of .txt/.html pages, CSV output
  newsnlp report page.html --format html -o r.html one article: entities, topic, metadata
  zcat dump.jsonl.gz | newsnlp analyze - -o out/   JSON Lines on stdin
  newsnlp extract pages/ -o texts/                 the article text of each HTML page
  newsnlp stats out/                               entity counts, co-occurrences, topics over time
  newsnlp merge out/                               after sharded runs: dump-level ids, dump_entities
  newsnlp config --no-topics > pipeline.toml       the settings of a run, for --config
  newsnlp schema --markdown                        the documented table schemas";

#[derive(Subcommand)]
enum Command {
    /// Analyse a dump of articles into tables (articles, sentences, mentions, entities).
    Analyze(analyze::Args),
    /// Report on one article: highlighted entities, entity table, topic, metadata (text, Markdown, JSON, HTML).
    Report(report::Args),
    /// Train a model (entity tagger, topic classifier) from labelled data.
    #[command(subcommand)]
    Train(train::Command),
    /// Extract the article text (and with --json the metadata) of HTML pages.
    Extract(extract::Args),
    /// Score a model on labelled data.
    #[command(subcommand)]
    Eval(eval::Command),
    /// Print the pipeline config (models, stages, ingest settings) a run would use, as TOML for --config.
    Config(config::Args),
    /// Print the schemas of the tables newsnlp writes.
    Schema(schema::Args),
    /// Corpus-level tables of an analyze run: entity counts, co-occurrences, topics over time.
    Stats(stats::Args),
    /// Combine the output folders of a sharded run: dump-level global ids and dump_entities.
    Merge(merge::Args),
}

/// Outcome of a command, mapped to the exit code.
pub enum Status {
    /// Everything went through.
    Ok,
    /// The run completed but some records were rejected.
    SomeRejected,
}

/// Runs the CLI and maps the result to an exit code.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Analyze(args) => analyze::run(args),
        Command::Report(args) => report::run(args),
        Command::Train(cmd) => train::run(cmd),
        Command::Eval(cmd) => eval::run(cmd),
        Command::Extract(args) => extract::run(args),
        Command::Config(args) => config::run(args),
        Command::Schema(args) => schema::run(args),
        Command::Stats(args) => stats::run(args),
        Command::Merge(args) => merge::run(args),
    };
    match result {
        Ok(Status::Ok) => ExitCode::SUCCESS,
        Ok(Status::SomeRejected) => ExitCode::from(1),
        Err(e) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            eprintln!("newsnlp: error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("  caused by: {cause}");
            }
            ExitCode::from(2)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            || c.downcast_ref::<newsnlp::Error>().is_some_and(newsnlp::Error::is_broken_pipe)
    })
}
