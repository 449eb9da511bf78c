//! Story clusters from embeddings as well as MinHash: an article that is not
//! a near-duplicate of an earlier one may still join its story when its
//! embedding (headline and body, [`crate::transformer::Embedder`]) is close
//! enough to a recent article's.
//!
//! MinHash is tried first, because a near-duplicate is certain and cheap.
//! Otherwise the article is compared with the embeddings of the `recent`
//! articles before it (a sliding window: 1.5 KB per article for MiniLM's
//! 384 dimensions, so 30 MB for the default 20,000), and joins the cluster of
//! the most similar one at or above the cosine threshold. The window keeps
//! the comparison linear in the stream and matches how news works: reports
//! of one event appear within hours or days of each other. Builds without
//! the `transformer` feature compile this but cannot construct an
//! [`Embedder`](crate::transformer::Embedder), so they never run it.

use std::collections::VecDeque;
use std::sync::Arc;

use super::minhash::{MinHashIndex, Signature, DEFAULT_THRESHOLD};
use super::{Clusters, StoryClusterer, DEFAULT_CAPACITY};
use crate::document::Document;
use crate::error::Result;
use crate::transformer::Embedder;

/// Cosine similarity of article embeddings (all-MiniLM-L6-v2, headline and
/// body) from which two articles are taken to tell the same story. Measured
/// on BBC (`transformer::model_tests::bbc_embedding_neighbours`): 5.7% of
/// distinct stories have another story at 0.90 or more, 0.4% at 0.95.
pub(crate) const DEFAULT_COSINE: f32 = 0.95;

/// Recent articles whose embeddings are kept for comparison.
pub(crate) const DEFAULT_RECENT: usize = 20_000;

/// MinHash near-duplicates, then embedding similarity.
pub(crate) struct EmbeddingClusterer {
    embedder: Arc<Embedder>,
    minhash: MinHashIndex<i64>,
    recent: VecDeque<(Vec<f32>, i64)>,
    capacity: usize,
    cosine: f32,
    clusters: Clusters,
}

impl EmbeddingClusterer {
    /// A clusterer joining articles from cosine `cosine`, comparing with the `recent` articles before each.
    pub(crate) fn new(embedder: Arc<Embedder>, cosine: f32, recent: usize) -> EmbeddingClusterer {
        EmbeddingClusterer {
            embedder,
            minhash: MinHashIndex::new(DEFAULT_CAPACITY, DEFAULT_THRESHOLD),
            recent: VecDeque::new(),
            capacity: recent.max(1),
            cosine,
            clusters: Clusters::default(),
        }
    }

    fn closest(&self, e: &[f32]) -> Option<i64> {
        let mut best: Option<(f32, i64)> = None;
        for (other, id) in &self.recent {
            let c: f32 = other.iter().zip(e).map(|(a, b)| a * b).sum();
            if c >= self.cosine && best.is_none_or(|(bc, _)| c > bc) {
                best = Some((c, *id));
            }
        }
        best.map(|(_, id)| id)
    }
}

impl StoryClusterer for EmbeddingClusterer {
    fn assign(&mut self, docs: &[&Document]) -> Result<Vec<i64>> {
        let embeddings = self.embedder.embed_documents(docs)?;
        let mut ids = Vec::with_capacity(docs.len());
        for (doc, e) in docs.iter().zip(embeddings) {
            let sig = Signature::of(&doc.body);
            let near_duplicate = sig.as_ref().and_then(|s| self.minhash.best_match(s)).map(|(&id, _)| id);
            let id = match near_duplicate.or_else(|| self.closest(&e)) {
                Some(id) => {
                    self.clusters.join(id);
                    id
                }
                None => self.clusters.open(doc),
            };
            if let Some(s) = sig {
                self.minhash.insert(s, id);
            }
            if self.recent.len() == self.capacity {
                self.recent.pop_front();
            }
            self.recent.push_back((e, id));
            ids.push(id);
        }
        Ok(ids)
    }

    fn clusters(&self) -> &Clusters {
        &self.clusters
    }
}
