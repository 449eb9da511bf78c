//! Export: documents → tables (articles, sentences, mentions, entities, and
//! clusters with `--clusters`) in Parquet, CSV or JSON Lines, with the schema
//! defined once in [`schema`].

pub mod frames;
pub mod schema;
pub mod write;

use std::path::{Path, PathBuf};

use crate::error::Result;
use crate::pipeline::Outcome;
use frames::Batch;
pub use write::Format;

/// Rows written per table by a finished [`AnalyzeTables`].
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize)]
pub struct TableCounts {
    /// `articles` rows.
    pub articles: u64,
    /// `sentences` rows.
    pub sentences: u64,
    /// `mentions` rows.
    pub mentions: u64,
    /// `entities` rows.
    pub entities: u64,
    /// `clusters` rows (0 when no clusterer ran).
    pub clusters: u64,
}

/// The tables of an `analyze` run, written side by side in one folder.
pub struct AnalyzeTables {
    dir: PathBuf,
    format: Format,
    writers: Vec<Box<dyn write::TableWriter>>,
    clusterer: Option<Box<dyn crate::cluster::StoryClusterer>>,
}

impl AnalyzeTables {
    /// Creates the writers in `dir` (created if needed).
    pub fn create(dir: &Path, format: Format) -> Result<AnalyzeTables> {
        std::fs::create_dir_all(dir).map_err(|e| crate::Error::io("creating folder", dir, e))?;
        write::remove_stale_partials(dir);
        let writers = schema::analyze_tables()
            .into_iter()
            .map(|t| write::create(dir, t, format))
            .collect::<Result<Vec<_>>>()?;
        Ok(AnalyzeTables { dir: dir.to_path_buf(), format, writers, clusterer: None })
    }

    /// Also assigns story clusters: the rows get a `cluster_id`, and
    /// [`AnalyzeTables::finish`] writes the `clusters` table. Rows are written
    /// in input order, so the clusterer sees the stream in order.
    pub fn with_clusters(mut self, clusterer: Box<dyn crate::cluster::StoryClusterer>) -> AnalyzeTables {
        self.clusterer = Some(clusterer);
        self
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes the rows of a run of outcomes, in order.
    pub fn write(&mut self, outcomes: &[Outcome]) -> Result<()> {
        let cluster_ids = match &mut self.clusterer {
            Some(c) => {
                let docs: Vec<&crate::Document> =
                    outcomes.iter().filter_map(|o| if let Outcome::Ok(d) = o { Some(&**d) } else { None }).collect();
                c.assign(&docs)?
            }
            None => Vec::new(),
        };
        for (writer, batch) in self.writers.iter_mut().zip(batches_clustered(outcomes, &cluster_ids)) {
            writer.write(batch)?;
        }
        Ok(())
    }

    /// Completes every table and moves them into place.
    pub fn finish(self) -> Result<TableCounts> {
        let mut rows = Vec::new();
        for w in self.writers {
            rows.push(w.finish()?);
        }
        let clusters = match &self.clusterer {
            Some(c) => {
                let mut w = write::create(&self.dir, &schema::CLUSTERS, self.format)?;
                w.write(frames::cluster_rows(c.clusters()))?;
                w.finish()?
            }
            None => 0,
        };
        Ok(TableCounts { articles: rows[0], sentences: rows[1], mentions: rows[2], entities: rows[3], clusters })
    }
}

/// The rows of `outcomes` for each `analyze` table, in [`schema::analyze_tables`] order.
pub fn batches(outcomes: &[Outcome]) -> [Batch; 4] {
    batches_clustered(outcomes, &[])
}

/// As [`batches`], with the cluster id of each analysed document, in order
/// (none when no clusterer ran).
fn batches_clustered(outcomes: &[Outcome], cluster_ids: &[i64]) -> [Batch; 4] {
    let cluster_column = schema::ARTICLES.index_of("cluster_id").unwrap_or(0);
    let mut cluster_ids = cluster_ids.iter();
    let [a, s, m, e] = schema::analyze_tables();
    let (mut articles, mut sentences, mut mentions, mut entities) =
        (Batch::new(a), Batch::new(s), Batch::new(m), Batch::new(e));
    for o in outcomes {
        match o {
            Outcome::Ok(doc) => {
                let mut row = frames::article_row(doc);
                if let Some(&id) = cluster_ids.next() {
                    row[cluster_column] = frames::Value::Int(id);
                }
                articles.push_row(row);
                frames::push_sentences(doc, &mut sentences);
                frames::push_mentions(doc, &mut mentions);
                frames::push_entities(doc, &mut entities);
            }
            Outcome::Rejected(r) => articles.push_row(frames::rejected_row(r)),
        }
    }
    [articles, sentences, mentions, entities]
}
