//! Story clusters: groups of articles that tell the same story, such as the
//! same wire copy republished by several outlets, or (with embeddings)
//! different outlets' reports of one event.
//!
//! Clustering is the one stage that looks across articles, so it runs as a
//! stage of the stream (`batch::ClusterStage`), in input order, after the
//! per-article pipeline and before the sink: a [`StoryClusterer`] sees each
//! analysed document once, compares it with the
//! articles it has indexed, and puts it in the cluster of its best earlier
//! match, or opens a new cluster. An article's cluster
//! ([`Document::cluster`]) is therefore known before its rows are written;
//! only the cluster sizes wait for the end of the run (the `clusters` table,
//! whose rows the stage produces).
//!
//! A cluster's id is the input position (`seq`, 0-based) of its first
//! article, which is also its representative: the earliest version of the
//! story in the input. The default clusterer is [`MinHashClusterer`]
//! (near-duplicate bodies, see [`minhash`]); with the `transformer` feature,
//! [`EmbeddingClusterer`] also joins articles whose embeddings are close.

mod embedding;
pub(crate) mod minhash;

use std::collections::BTreeMap;

pub(crate) use embedding::{EmbeddingClusterer, DEFAULT_COSINE, DEFAULT_RECENT};
use minhash::{MinHashIndex, Signature};

use crate::document::Document;
use crate::error::Result;

/// Articles a clusterer keeps indexed by default: about 1.2 KB each for
/// MinHash, so 600 MB at most, however long the stream.
pub(crate) const DEFAULT_CAPACITY: usize = 500_000;

/// Assigns documents to story clusters, in input order.
pub trait StoryClusterer: Send {
    /// The cluster of each document, in order; every document is assigned
    /// (a new story opens a cluster of its own).
    fn assign(&mut self, docs: &[&Document]) -> Result<Vec<i64>>;

    /// The clusters so far.
    fn clusters(&self) -> &Clusters;
}

/// What is known about each cluster: its size and its representative.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Clusters {
    by_id: BTreeMap<i64, ClusterInfo>,
}

/// One cluster.
#[derive(Debug, Clone, PartialEq)]
pub struct ClusterInfo {
    /// Articles in the cluster.
    pub size: u64,
    /// The id of its first article.
    pub representative: String,
}

impl Clusters {
    /// Opens a cluster with `doc` as its representative; returns its id.
    pub fn open(&mut self, doc: &Document) -> i64 {
        let id = doc.seq as i64;
        self.by_id.insert(id, ClusterInfo { size: 1, representative: doc.id.clone() });
        id
    }

    /// Adds an article to cluster `id`.
    pub fn join(&mut self, id: i64) {
        if let Some(c) = self.by_id.get_mut(&id) {
            c.size += 1;
        }
    }

    /// Clusters by id.
    pub fn iter(&self) -> impl Iterator<Item = (i64, &ClusterInfo)> {
        self.by_id.iter().map(|(id, c)| (*id, c))
    }

    /// Number of clusters.
    pub fn len(&self) -> usize {
        self.by_id.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.by_id.is_empty()
    }
}

/// Near-duplicate clustering by MinHash over the clean body (see
/// [`minhash`] for the shingles, bands and threshold).
#[derive(Debug)]
pub(crate) struct MinHashClusterer {
    index: MinHashIndex<i64>,
    clusters: Clusters,
}

impl MinHashClusterer {
    /// A clusterer matching from estimated Jaccard `threshold`, indexing at
    /// most `capacity` recent articles.
    pub(crate) fn new(threshold: f32, capacity: usize) -> MinHashClusterer {
        MinHashClusterer { index: MinHashIndex::new(capacity, threshold), clusters: Clusters::default() }
    }

    /// Assigns one document, given its signature.
    fn assign_one(&mut self, doc: &Document, sig: Option<Signature>) -> i64 {
        let Some(sig) = sig else {
            return self.clusters.open(doc);
        };
        let id = match self.index.best_match(&sig) {
            Some((&id, _)) => {
                self.clusters.join(id);
                id
            }
            None => self.clusters.open(doc),
        };
        self.index.insert(sig, id);
        id
    }
}

impl Default for MinHashClusterer {
    fn default() -> Self {
        MinHashClusterer::new(minhash::DEFAULT_THRESHOLD, DEFAULT_CAPACITY)
    }
}

impl StoryClusterer for MinHashClusterer {
    fn assign(&mut self, docs: &[&Document]) -> Result<Vec<i64>> {
        use rayon::prelude::*;
        let sigs: Vec<Option<Signature>> = docs.par_iter().map(|d| Signature::of(&d.body)).collect();
        Ok(docs.iter().zip(sigs).map(|(d, s)| self.assign_one(d, s)).collect())
    }

    fn clusters(&self) -> &Clusters {
        &self.clusters
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(seq: u64, body: &str) -> Document {
        Document { seq, id: format!("a{seq}"), body: body.into(), ..Default::default() }
    }

    #[test]
    fn copies_join_their_original_and_other_stories_stay_apart() {
        let story = "Storms battered the coast overnight, cutting power to thousands of homes and closing roads. \
                     Forecasters said the wind would ease by the afternoon, but more rain was on the way. \
                     Emergency crews cleared fallen trees from the main routes into the town before dawn, \
                     and the council opened two halls as shelters for families whose homes were flooded.";
        let docs = [
            doc(0, story),
            doc(1, "The striker scored twice as the home side won the cup final in front of a record crowd."),
            doc(2, &format!("By Jane Doe\n\n{}", story.replace("overnight", "on Sunday night"))),
            doc(3, ""),
            doc(4, &story.replace(". ", ".\n")),
        ];
        let refs: Vec<&Document> = docs.iter().collect();
        let mut c = MinHashClusterer::default();
        let ids = c.assign(&refs).unwrap();
        assert_eq!(ids, [0, 1, 0, 3, 0], "copies should join cluster 0; the others open their own");
        let rows: Vec<(i64, u64, &str)> = c.clusters().iter().map(|(id, i)| (id, i.size, i.representative.as_str())).collect();
        assert_eq!(rows, [(0, 3, "a0"), (1, 1, "a1"), (3, 1, "a3")]);
    }
}
