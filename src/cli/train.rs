//! `newsnlp train`: train a model from labelled data.

use super::{ner, quotes, topic, Status};

/// What to train.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Train the entity tagger on CoNLL files.
    Ner(ner::TrainArgs),
    /// Train a topic classifier on labelled JSON Lines.
    Topic(topic::TrainArgs),
    /// Learn the quote finder's cue counts from PolNeAR's train split.
    Quotes(quotes::TrainArgs),
}

pub fn run(command: Command) -> anyhow::Result<Status> {
    match command {
        Command::Ner(args) => ner::train(args),
        Command::Topic(args) => topic::train(args),
        Command::Quotes(args) => quotes::train(args),
    }
}
