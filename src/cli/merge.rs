//! `newsnlp merge`: the output folders of a sharded run → one dump-level set.

use std::path::PathBuf;

use anyhow::Context;
use newsnlp::identity;

use super::Status;

/// Flags of `newsnlp merge`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  for k in 1 2 3 4; do newsnlp analyze dump.jsonl -o out/ --shard $k/4 & done; wait
  newsnlp merge out/                         dump_entities + dump-level global ids in out/
  newsnlp merge day1/ day2/ -o all/          two runs of one dump, resolved together

Reads the identity evidence each run or shard left (OUT_DIR/identity/part-K.jsonl), resolves the
entities across the whole dump, rewrites `global_id` and `label` in each folder's entities and
mentions tables (atomically, file by file), and writes dump_entities. An unsharded `analyze` does
this itself; running it again gives the same tables. Exit code: 0 done, 2 failure.")]
pub struct Args {
    /// Output folders of `analyze` runs or shards of one dump.
    #[arg(required = true, value_name = "OUT_DIR")]
    inputs: Vec<PathBuf>,
    /// Folder for dump_entities [default: the first OUT_DIR].
    #[arg(short, long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// No summary on stderr.
    #[arg(short, long)]
    quiet: bool,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let out = args.out.clone().unwrap_or_else(|| args.inputs[0].clone());
    let summary = identity::merge(&args.inputs, &out).context("merging the identity of the runs")?;
    if !args.quiet {
        eprintln!(
            "newsnlp: {} evidence files, {} article-level entities → {} dump-level entities in {}; {} files \
             rewritten, {} rows changed",
            summary.evidence_files,
            summary.resolved,
            summary.dump_entities,
            summary.output.display(),
            summary.files_rewritten,
            summary.rows_changed
        );
    }
    Ok(Status::Ok)
}
