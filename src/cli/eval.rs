//! `newsnlp eval`: score a model on labelled data.

use super::{geo, language, ner, quotes, topic, xdoc, Status};

/// What to evaluate.
#[derive(clap::Subcommand)]
pub enum Command {
    /// Entity-level precision, recall and F1 on a CoNLL file.
    Ner(ner::EvalArgs),
    /// Accuracy, macro-F1 and a confusion matrix on labelled JSON Lines.
    Topic(topic::EvalArgs),
    /// Language accuracy, the share left `und`, and confusion tables by length on records with gold languages.
    Language(language::EvalArgs),
    /// Direct-quote and reported-speech P/R/F1 and speaker accuracy on a PolNeAR split, beside peers.
    Quotes(quotes::EvalArgs),
    /// Cross-document identity on a dump that lists each article's people (Reuters-21578 `people`).
    Xdoc(xdoc::Args),
    /// Place grounding on GeoVirus XML: toponym recall, accuracy@161 km, mean error, AUC, beside the
    /// most-populous baseline.
    Geo(geo::EvalArgs),
}

pub fn run(command: Command) -> anyhow::Result<Status> {
    match command {
        Command::Ner(args) => ner::eval(args),
        Command::Topic(args) => topic::eval(args),
        Command::Language(args) => language::eval(args),
        Command::Quotes(args) => quotes::eval(args),
        Command::Xdoc(args) => xdoc::run(args),
        Command::Geo(args) => geo::eval(args),
    }
}
