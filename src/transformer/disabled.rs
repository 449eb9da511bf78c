//! The transformer backend in a build without the `transformer` feature: the
//! same API as `enabled.rs`, whose loaders return
//! [`ErrorKind::FeatureDisabled`](crate::ErrorKind::FeatureDisabled).
//!
//! The types hold an uninhabited value, so that no instance can exist and
//! every method is statically unreachable; callers compile unchanged in both
//! builds and find out at load time, with advice, that the feature is off.

use std::convert::Infallible;
use std::path::Path;

use super::disabled_error;
use crate::document::{Document, Mention};
use crate::entities::EntityRecognizer;
use crate::error::Result;

/// A sentence-embedding model (needs the `transformer` feature).
pub struct Embedder {
    never: Infallible,
}

impl Embedder {
    /// Fails: this build has no transformer backend.
    pub fn load(_dir: &Path) -> Result<Embedder> {
        Err(disabled_error())
    }

    /// The model's name.
    pub fn name(&self) -> &str {
        match self.never {}
    }

    /// The embedding dimension.
    pub fn dim(&self) -> usize {
        match self.never {}
    }

    /// The most tokens one window holds.
    pub fn window_tokens(&self) -> usize {
        match self.never {}
    }

    /// The windows `text` is embedded in.
    pub fn windows(&self, _text: &str) -> Vec<super::windows::Window> {
        match self.never {}
    }

    /// One embedding per text.
    pub fn embed_texts<S: AsRef<str>>(&self, _texts: &[S]) -> Result<Vec<Vec<f32>>> {
        match self.never {}
    }

    /// One embedding per document.
    pub fn embed_documents(&self, _docs: &[&Document]) -> Result<Vec<Vec<f32>>> {
        match self.never {}
    }
}

/// A transformer NER model (needs the `transformer` feature).
pub struct TransformerNer {
    never: Infallible,
}

impl TransformerNer {
    /// Fails: this build has no transformer backend.
    pub fn load(_dir: &Path) -> Result<TransformerNer> {
        Err(disabled_error())
    }
}

impl EntityRecognizer for TransformerNer {
    fn name(&self) -> &str {
        match self.never {}
    }

    fn recognize(&self, _doc: &Document) -> Result<Vec<Mention>> {
        match self.never {}
    }
}
