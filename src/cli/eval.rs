//! `newsnlp eval`: score a model on labelled data.

use super::{geo, ner, topic, Status};

/// What to evaluate.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Entity-level precision, recall and F1 on a CoNLL file.
    Ner(ner::EvalArgs),
    /// Accuracy, macro-F1 and a confusion matrix on labelled JSON Lines.
    Topic(topic::EvalArgs),
    /// Place grounding on GeoVirus XML: toponym recall, accuracy@161 km, mean error, AUC, beside the
    /// most-populous baseline.
    Geo(geo::EvalArgs),
}

pub fn run(command: Command) -> anyhow::Result<Status> {
    match command {
        Command::Ner(args) => ner::eval(args),
        Command::Topic(args) => topic::eval(args),
        Command::Geo(args) => geo::eval(args),
    }
}
