//! `newsnlp config`: prints the pipeline config that `analyze` would run
//! with, given the same flags, as TOML that `--config` reads back.

use std::io::Write;

use super::pipeline::PipelineArgs;
use super::Status;

/// Flags of `newsnlp config`: those of `analyze` that shape the analysis.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  newsnlp config                                   the defaults, with the models folder resolved
  newsnlp config --no-topics --rules my-entities.jsonl > pipeline.toml
  newsnlp analyze dump.jsonl -o out/ --config pipeline.toml
  newsnlp config --config pipeline.toml --clusters  a file with flags laid over it

Flags override the values of --config; every key of the file is optional.
Output folder, format, --jobs, --shard and --partition-by are not part of a
config: they say how one run executes, and the shards of a dump share a config.")]
pub struct Args {
    #[command(flatten)]
    pipeline: PipelineArgs,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let config = args.pipeline.config()?.resolved();
    let mut stdout = std::io::stdout().lock();
    stdout.write_all(config.to_toml_string()?.as_bytes())?;
    stdout.flush()?;
    Ok(Status::Ok)
}
