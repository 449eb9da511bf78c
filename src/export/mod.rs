//! Export: documents → tables (articles, sentences, mentions, entities) in
//! Parquet, CSV or JSON Lines, with the schema defined once in [`schema`].

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
}

/// The tables of an `analyze` run, written side by side in one folder.
pub struct AnalyzeTables {
    dir: PathBuf,
    writers: Vec<Box<dyn write::TableWriter>>,
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
        Ok(AnalyzeTables { dir: dir.to_path_buf(), writers })
    }

    /// The output folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes the rows of a run of outcomes, in order.
    pub fn write(&mut self, outcomes: &[Outcome]) -> Result<()> {
        for (writer, batch) in self.writers.iter_mut().zip(batches(outcomes)) {
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
        Ok(TableCounts { articles: rows[0], sentences: rows[1], mentions: rows[2], entities: rows[3] })
    }
}

/// The rows of `outcomes` for each `analyze` table, in [`schema::analyze_tables`] order.
pub fn batches(outcomes: &[Outcome]) -> [Batch; 4] {
    let [a, s, m, e] = schema::analyze_tables();
    let (mut articles, mut sentences, mut mentions, mut entities) =
        (Batch::new(a), Batch::new(s), Batch::new(m), Batch::new(e));
    for o in outcomes {
        match o {
            Outcome::Ok(doc) => {
                articles.push_row(frames::article_row(doc));
                frames::push_sentences(doc, &mut sentences);
                frames::push_mentions(doc, &mut mentions);
                frames::push_entities(doc, &mut entities);
            }
            Outcome::Rejected(r) => articles.push_row(frames::rejected_row(r)),
        }
    }
    [articles, sentences, mentions, entities]
}
