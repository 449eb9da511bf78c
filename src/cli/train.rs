//! `newsnlp train`: train a model from labelled data.

use super::{ner, topic, Status};

/// What to train.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Train the entity tagger on CoNLL files.
    Ner(ner::TrainArgs),
    /// Train a topic classifier on labelled JSON Lines.
    Topic(topic::TrainArgs),
}

pub fn run(command: Command) -> anyhow::Result<Status> {
    match command {
        Command::Ner(args) => ner::train(args),
        Command::Topic(args) => topic::train(args),
    }
}
