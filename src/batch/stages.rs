//! Stream stages: stages that look across articles and so run on the stream
//! in input order, after the per-article pipeline and before the sink. Story
//! clustering (the algorithms live in `cluster/`; this file adapts them to the
//! stream and turns the clusters into the `clusters` table) and dump-level
//! identity (`identity/`: this file feeds it the stream).

use std::path::PathBuf;

use crate::cluster::StoryClusterer;
use crate::document::Document;
use crate::error::Result;
use crate::export::frames::{Batch, Value};
use crate::export::schema::CLUSTERS;
use crate::identity;
use crate::pipeline::Outcome;

use super::StreamStage;

/// Story clustering as a stage of a batch run: it sets each analysed
/// document's [`Document::cluster`], and writes the `clusters` table once the
/// stream has ended.
pub struct ClusterStage {
    clusterer: Box<dyn StoryClusterer>,
}

impl ClusterStage {
    /// The stage that runs `clusterer`.
    pub fn new(clusterer: Box<dyn StoryClusterer>) -> ClusterStage {
        ClusterStage { clusterer }
    }
}

impl StreamStage for ClusterStage {
    fn apply(&mut self, outcomes: &mut [Outcome]) -> Result<()> {
        let docs: Vec<&Document> = outcomes.iter().filter_map(document).collect();
        let ids = self.clusterer.assign(&docs)?;
        let docs = outcomes.iter_mut().filter_map(|o| if let Outcome::Ok(d) = o { Some(d) } else { None });
        for (doc, id) in docs.zip(ids) {
            doc.cluster = Some(id);
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Vec<Batch>> {
        let mut rows = Batch::new(&CLUSTERS);
        for (id, c) in self.clusterer.clusters().iter() {
            rows.push_row(vec![Value::Int(id), Value::Int(c.size as i64), c.representative.as_str().into()]);
        }
        Ok(vec![rows])
    }
}

/// Dump-level identity as a stage of a batch run (see [`crate::identity`]): it
/// gathers the evidence about each entity as the articles go by and gives
/// each entity a provisional `global_id`; at the end of the stream it writes
/// the evidence, which [`crate::identity::merge`] turns into the dump-level
/// ids and labels.
pub struct IdentityStage {
    gatherer: identity::Gatherer,
    evidence: Option<PathBuf>,
    keep: Option<identity::EvidenceSlot>,
}

impl IdentityStage {
    /// The stage; the evidence goes to `evidence` (see [`identity::evidence_file`]), or nowhere (a run to
    /// stdout, whose rows cannot be rewritten).
    pub fn new(evidence: Option<PathBuf>) -> IdentityStage {
        IdentityStage { gatherer: identity::Gatherer::default(), evidence, keep: None }
    }

    /// The stage of a run whose tables stay in memory: the evidence goes to the slot returned with it, for
    /// [`identity::DumpEvidence::resolve`] once the run has finished.
    pub fn in_memory() -> (IdentityStage, identity::EvidenceSlot) {
        let slot = identity::EvidenceSlot::default();
        (IdentityStage { gatherer: identity::Gatherer::default(), evidence: None, keep: Some(slot.clone()) }, slot)
    }
}

impl StreamStage for IdentityStage {
    fn apply(&mut self, outcomes: &mut [Outcome]) -> Result<()> {
        // One article at a time, in input order: the evidence is the same whatever the chunks or threads.
        for outcome in outcomes {
            if let Outcome::Ok(doc) = outcome {
                self.gatherer.add(doc);
                for e in &mut doc.entities {
                    e.global_id = Some(identity::global_id(identity::kb_id(e), e.label, &e.name));
                }
            }
        }
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<Vec<Batch>> {
        if let Some(path) = &self.evidence {
            identity::write_evidence(path, self.gatherer)?;
        } else if let Some(slot) = &self.keep {
            slot.put(self.gatherer);
        }
        Ok(Vec::new())
    }
}

fn document(outcome: &Outcome) -> Option<&Document> {
    if let Outcome::Ok(d) = outcome { Some(d) } else { None }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cluster::MinHashClusterer;

    fn doc(seq: u64, body: &str) -> Document {
        Document { seq, id: format!("a{seq}"), body: body.into(), ..Default::default() }
    }

    #[test]
    fn the_stage_sets_the_cluster_of_analysed_documents_and_writes_the_clusters_table() {
        use crate::document::{RejectReason, Rejected};
        let rejected = Rejected { seq: 1, id: None, source: "x:2".into(), reason: RejectReason::EmptyBody };
        let mut outcomes = [
            Outcome::Ok(Box::new(doc(0, "The striker scored twice as the home side won the cup final."))),
            Outcome::Rejected(rejected),
            Outcome::Ok(Box::new(doc(2, "The striker scored twice as the home side won the cup final."))),
        ];
        let mut stage = Box::new(ClusterStage::new(Box::new(MinHashClusterer::default())));
        stage.apply(&mut outcomes).unwrap();
        let ids: Vec<Option<i64>> = outcomes.iter().map(|o| document(o).and_then(|d| d.cluster)).collect();
        assert_eq!(ids, [Some(0), None, Some(0)], "the copy joins the first article's cluster; rejected records have none");
        let tables = stage.finish().unwrap();
        assert_eq!(tables.len(), 1);
        assert!(std::ptr::eq(tables[0].schema, &CLUSTERS));
        assert_eq!(tables[0].len(), 1, "one cluster of two articles");
    }
}
