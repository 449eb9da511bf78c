//! Dump-level identity for runs whose tables stay in memory (a program's
//! [`Tables`], the Python package) or travel between processes (Spark
//! tasks): the counterpart of [`super::merge`] without files.
//!
//! The steps are the same as a folder run's and use the same code: the
//! identity stage gathers the evidence ([`crate::batch::IdentityStage::in_memory`]
//! leaves it in an [`EvidenceSlot`] rather than in `identity/part-K.jsonl`),
//! [`DumpEvidence::resolve`] decides the dump, and [`DumpIdentity::apply`]
//! sets `global_id` and `label` of the `entities` and `mentions` rows by
//! `entity_id`, and `speaker_global_id` of the `quotes` rows (the rewrite
//! of a Parquet row group, applied to each chunk of the table) and adds
//! `dump_entities`. So an in-memory run gives the tables
//! a folder run writes. Evidence of several runs adds up
//! ([`DumpEvidence::extend`]), and crosses process boundaries as the lines of
//! an evidence file ([`DumpEvidence::to_jsonl`]), so that a driver can
//! resolve the evidence of all its tasks at once.

use std::path::Path;
use std::sync::{Arc, Mutex};

use super::evidence::Evidence;
use super::gather::Gatherer;
use super::{dump_entities_rows, parse_evidence, resolve, write_lines};
#[cfg(feature = "tables")]
use super::MergeSummary;
use crate::error::{Error, Result};
use crate::export::frames::Batch;
#[cfg(feature = "tables")]
use crate::export::Tables;

/// The identity evidence of one or more runs: counts per article-level entity, which add up across runs.
#[derive(Debug, Clone, Default)]
pub struct DumpEvidence {
    items: Vec<Evidence>,
}

impl DumpEvidence {
    /// Evidence in the format of an evidence file (`identity/part-K.jsonl`, or [`DumpEvidence::to_jsonl`]).
    pub fn from_jsonl(bytes: &[u8]) -> Result<DumpEvidence> {
        let mut items = Vec::new();
        parse_evidence(bytes, Path::new("<identity evidence>"), &mut items)?;
        Ok(DumpEvidence { items })
    }

    /// The evidence as the lines of an evidence file.
    pub fn to_jsonl(&self) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        write_lines(&self.items, &mut out).map_err(|e| Error::io("writing", "<identity evidence>", e))?;
        Ok(out)
    }

    /// Adds the evidence of another run of the same dump (another Spark task, another shard).
    pub fn extend(&mut self, other: DumpEvidence) {
        self.items.extend(other.items);
    }

    /// Article-level entities the evidence is about (an entity seen by two runs counts twice until resolved).
    pub fn len(&self) -> usize {
        self.items.len()
    }

    /// Whether there is no evidence (no entity in any article).
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// Decides the dump: which article-level entities are one thing, its `global_id` and its one label.
    pub fn resolve(self) -> DumpIdentity {
        DumpIdentity { resolution: resolve::resolve(self.items) }
    }
}

/// Where the identity stage of a run without an output folder leaves its evidence; take it once the run has
/// finished.
#[derive(Debug, Clone, Default)]
pub struct EvidenceSlot(Arc<Mutex<Option<DumpEvidence>>>);

impl EvidenceSlot {
    /// The evidence of the finished run (`None` before the run finished, or once taken).
    pub fn take(&self) -> Option<DumpEvidence> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).take()
    }

    pub(crate) fn put(&self, gatherer: Gatherer) {
        let evidence = DumpEvidence { items: gatherer.into_sorted().collect() };
        *self.0.lock().unwrap_or_else(|e| e.into_inner()) = Some(evidence);
    }
}

/// The decisions over a whole dump: what [`super::merge`] applies to the files of a folder, for tables in
/// memory.
#[derive(Debug)]
pub struct DumpIdentity {
    resolution: resolve::Resolution,
}

impl DumpIdentity {
    /// The rows of `dump_entities`.
    pub fn dump_entities(&self) -> Batch {
        dump_entities_rows(&self.resolution.entities)
    }

    /// `(entity_id, global_id, label)` for every resolved article-level entity, sorted by `entity_id`: what a
    /// program that holds the rows elsewhere (Spark) joins them with.
    pub fn assignments(&self) -> Vec<(&str, &str, &'static str)> {
        let mut out: Vec<_> =
            self.resolution.by_entity.iter().map(|(id, (gid, label))| (id.as_str(), gid.as_str(), label.as_str())).collect();
        out.sort_unstable();
        out
    }

    /// The exceptions to [`assignments`](Self::assignments): `(entity_id, global_id, label)` for the rows of
    /// `entity_id` that the linker grounded in another thing than their group's (a "Washington" linked to the
    /// state where most are the city). A row whose `global_id` already is `global_id` keeps it and takes `label`,
    /// as the file rewrite does.
    pub fn split_assignments(&self) -> Vec<(&str, &str, &'static str)> {
        let mut out: Vec<_> = self
            .resolution
            .split
            .iter()
            .flat_map(|(id, things)| things.iter().map(move |(gid, label)| (id.as_str(), gid.as_str(), label.as_str())))
            .collect();
        out.sort_unstable();
        out
    }

    /// Sets `global_id` and `label` of the `entities` and `mentions` rows of `tables` by `entity_id` (and the
    /// `speaker_global_id` of the `quotes` rows by `speaker_entity_id`), as the end
    /// of an unsharded `analyze` rewrites the files, and adds the `dump_entities` table (replacing one already
    /// there, so that applying twice gives the same tables).
    #[cfg(feature = "tables")]
    pub fn apply(&self, tables: &mut Tables) -> Result<MergeSummary> {
        let mut summary = MergeSummary { evidence_files: 1, resolved: self.resolution.by_entity.len() as u64, ..MergeSummary::default() };
        for (schema, columns) in super::rewrite::REWRITTEN {
            let fix = super::rewrite::Fix { by_entity: &self.resolution.by_entity, split: &self.resolution.split, columns };
            tables.rewrite_chunks(schema.name, |chunk| {
                summary.rows_changed +=
                    super::rewrite::fix_frame(chunk, &fix).map_err(|e| Error::table(schema.name, e))?;
                Ok(())
            })?;
        }
        let rows = self.dump_entities();
        summary.dump_entities = rows.len() as u64;
        tables.replace(rows)?;
        Ok(summary)
    }
}

#[cfg(feature = "tables")]
#[cfg(test)]
mod tests {
    use polars::prelude::*;

    use super::*;
    use crate::batch::{self, BatchOptions, IdentityStage};
    use crate::export::schema::{DUMP_ENTITIES, ENTITIES, MENTIONS};
    use crate::export::{FolderSink, Layout, MemorySink, TableFormat};
    use crate::ingest::{IngestOptions, MultiSource};

    const SAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/notebooks-data/sample-dump.jsonl");

    fn source() -> Box<MultiSource> {
        Box::new(MultiSource::new(vec![SAMPLE.into()], IngestOptions::default()).unwrap())
    }

    fn read(dir: &Path, table: &str) -> DataFrame {
        let file = std::fs::File::open(dir.join(format!("{table}.parquet"))).unwrap();
        ParquetReader::new(file).finish().unwrap()
    }

    #[test]
    fn tables_in_memory_get_the_ids_and_labels_a_folder_run_writes() {
        let pipeline = crate::Pipeline::from_config(&crate::PipelineConfig::default()).unwrap();
        let options = BatchOptions { jobs: 2, ..BatchOptions::default() };
        let folder = tempfile::tempdir().unwrap();
        let sink = FolderSink::create(folder.path(), TableFormat::Parquet, Layout::Single).unwrap();
        let stage = IdentityStage::new(Some(super::super::evidence_file(folder.path(), 0)));
        batch::run(source(), &pipeline, vec![Box::new(stage)], Box::new(sink), &options, &mut |_| {}).unwrap();
        super::super::merge(&[folder.path().to_path_buf()], folder.path()).unwrap();

        let (sink, slot) = MemorySink::new().unwrap();
        let (stage, evidence) = IdentityStage::in_memory();
        batch::run(source(), &pipeline, vec![Box::new(stage)], Box::new(sink), &options, &mut |_| {}).unwrap();
        let mut tables = slot.take().unwrap();
        // Through the lines a Spark task would send, which must not change the decisions.
        let evidence = DumpEvidence::from_jsonl(&evidence.take().unwrap().to_jsonl().unwrap()).unwrap();
        let identity = evidence.resolve();
        let summary = identity.apply(&mut tables).unwrap();
        assert!(summary.rows_changed > 0, "some provisional ids or labels change at the end of the run");
        assert_eq!(identity.apply(&mut tables).unwrap().rows_changed, 0, "applying again changes nothing");
        let memory = tempfile::tempdir().unwrap();
        tables.write(memory.path(), TableFormat::Parquet).unwrap();
        for table in [ENTITIES.name, MENTIONS.name, DUMP_ENTITIES.name] {
            let (a, b) = (read(folder.path(), table), read(memory.path(), table));
            assert!(a.height() > 0, "{table} has rows");
            assert!(a.equals_missing(&b), "{table}: the memory run differs from the folder run");
        }
        let assigned = identity.assignments();
        assert_eq!(assigned.len() as u64, summary.resolved);
        let entities = read(memory.path(), ENTITIES.name);
        let names = entities.column("name").unwrap().str().unwrap().clone();
        let labels = entities.column("label").unwrap().str().unwrap().clone();
        let port: std::collections::BTreeSet<_> =
            names.iter().zip(labels.iter()).filter(|(n, _)| *n == Some("Port Aldren")).map(|(_, l)| l).collect();
        assert_eq!(port.len(), 1, "Port Aldren has one label: {port:?}");
    }
}
