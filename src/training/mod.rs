//! Training runs: what `newsnlp train ner` and `newsnlp train topic` do, as
//! library calls.
//!
//! Each stage's own modules know how to fit a model on examples in memory
//! (`entities/recognize/tagger/train.rs`, `topic/train.rs`). This module owns
//! the runs around them: reading corpora, building resources (gazetteer, word
//! clusters, weak labels), saving the model and scoring it with [`crate::eval`].
//! It sits above the stages and the evaluation, so that no stage depends on
//! file layouts or on scoring.

pub mod ner;
pub mod topic;
pub mod quotes;
mod vectors;

pub use ner::{train_ner, NerTrainOptions, TrainedNer};
pub use ner::{FeatureSet, TrainConfig};
