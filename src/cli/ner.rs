//! `newsnlp train ner` and `newsnlp eval ner`.

use std::path::PathBuf;

use super::Status;

/// Flags of `newsnlp train ner`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// Training file (CoNLL).
    #[arg(long)]
    train: PathBuf,
    /// Development file (CoNLL).
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Output folder for the model.
    #[arg(long)]
    out: PathBuf,
}

/// Flags of `newsnlp eval ner`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// CoNLL file to score.
    file: PathBuf,
}

pub fn train(_args: TrainArgs) -> anyhow::Result<Status> {
    anyhow::bail!("`train ner` is not built yet")
}

pub fn eval(_args: EvalArgs) -> anyhow::Result<Status> {
    anyhow::bail!("`eval ner` is not built yet")
}
