//! Stream stages: stages that look across articles and so run on the stream
//! in input order, after the per-article pipeline and before the sink. Story
//! clustering is the one today: the algorithms live in `cluster/`, this file
//! adapts them to the stream and turns the clusters into the `clusters` table.

use crate::cluster::StoryClusterer;
use crate::document::Document;
use crate::error::Result;
use crate::export::frames::{Batch, Value};
use crate::export::schema::CLUSTERS;
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
