//! Topics: what an article is about, as scores over a taxonomy.
//!
//! A [`TopicClassifier`] scores a cleaned [`Document`] against a fixed list of
//! labels. The built-in model ([`builtin`]) scores the 17 top-level IPTC Media
//! Topics of [`taxonomy`]; a model trained with `newsnlp train topic` scores
//! whatever labels its training file used. Both are a [`LinearModel`]: softmax
//! regression over hashed words and bigrams ([`features`]) and, in the
//! built-in model, the words' clusters ([`clusters`]), which costs
//! microseconds per article and about a megabyte on disk.
//!
//! - [`train`] fits a model to labelled examples and reads labelled JSON Lines;
//! - [`crate::eval::topic`] scores predictions against gold labels;
//! - [`bayes`] gives the naive Bayes weights that the built-in recipe adds to
//!   the regression's, for short texts;
//! - [`calibrate`] fits a temperature per text length on held-out predictions,
//!   so that a score means the same on a headline as on an article;
//! - [`weak`] labels unlabelled news text with seed terms, for the categories
//!   that no labelled set covers;
//! - [`crate::training::topic`] is the built-in model's training recipe over the shared corpora,
//!   and its cross-validation.

pub(crate) mod bayes;
pub mod calibrate;
pub mod clusters;
pub(crate) mod features;
pub mod linear;
pub mod taxonomy;
pub mod train;
pub(crate) mod weak;

use std::path::Path;

use crate::document::{Document, TopicScore};
use crate::error::Result;

pub use linear::{LinearModel, Temperature};

/// The built-in model's folder inside the models folder.
pub const BUILTIN_DIR: &str = "topic";

/// Scores a document against a set of topic labels.
pub trait TopicClassifier: Send + Sync {
    /// The labels this classifier scores, in a fixed order.
    fn labels(&self) -> &[String];

    /// A score for every label, best first.
    fn classify(&self, doc: &Document) -> Result<Vec<TopicScore>>;
}

/// Loads a topic model folder (one written by `newsnlp train topic`, or the built-in one).
pub fn load(dir: &Path) -> Result<Box<dyn TopicClassifier>> {
    Ok(Box::new(LinearModel::load(dir)?))
}

/// Loads the built-in IPTC model from the models folder (see [`crate::models::models_dir`]).
pub fn builtin(models_dir: Option<&Path>) -> Result<Box<dyn TopicClassifier>> {
    load(&crate::models::model_path(models_dir, BUILTIN_DIR)?)
}

