//! `newsnlp train topic` and `newsnlp eval topic`.

use std::path::PathBuf;

use super::Status;

/// Flags of `newsnlp train topic`.
#[derive(clap::Args)]
pub struct TrainArgs {
    /// Labelled JSON Lines.
    #[arg(long)]
    data: PathBuf,
    /// Output folder for the model.
    #[arg(long)]
    out: PathBuf,
}

/// Flags of `newsnlp eval topic`.
#[derive(clap::Args)]
pub struct EvalArgs {
    /// Labelled JSON Lines to score.
    file: PathBuf,
}

pub fn train(_args: TrainArgs) -> anyhow::Result<Status> {
    anyhow::bail!("`train topic` is not built yet")
}

pub fn eval(_args: EvalArgs) -> anyhow::Result<Status> {
    anyhow::bail!("`eval topic` is not built yet")
}
