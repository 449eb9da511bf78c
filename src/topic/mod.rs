//! Topics: what an article is about, as scores over a taxonomy.

use crate::document::{Document, TopicScore};
use crate::error::Result;

/// Topics scoring at least this much are listed in the `topics` column.
pub const LIST_THRESHOLD: f32 = 0.2;

/// Scores a document against a set of topic labels.
pub trait TopicClassifier: Send + Sync {
    /// The labels this classifier scores, in a fixed order.
    fn labels(&self) -> &[String];

    /// A score for every label, best first.
    fn classify(&self, doc: &Document) -> Result<Vec<TopicScore>>;
}
