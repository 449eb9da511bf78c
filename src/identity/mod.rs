//! Dump-level identity: which entities of different articles are one thing,
//! what it is called, its one label, and a `global_id` that is the same for
//! it across articles, runs, `--jobs` and shards.
//!
//! Per-article resolution (`entities/resolve/`) knows one article: "Baker" in
//! an article that never gives his first name stays "Baker", and "Port
//! Aldren" is whatever the tagger called it there. This module looks at the
//! whole dump: a short form joins the one full entity the dump supports, an
//! acronym its expansion, and each thing gets one label decided from all its
//! articles (see `resolve.rs` for the rules).
//!
//! **The streaming problem, and the design.** Rows are written as chunks
//! stream by, but the evidence for a join or a label may come at the end of
//! the dump. Three designs were possible: decide on what has been seen so far
//! (rows never change, but an early article is decided on less evidence and
//! the result depends on input order, so shards disagree); run the dump
//! twice (exact, but doubles the cost of the slowest stage); or write
//! provisional rows and **rewrite them at the end of the run** from a
//! decision over the whole dump. This module does the last:
//!
//! 1. While the stream runs, the identity stage (`batch::IdentityStage`) adds
//!    each article's entities to their [`evidence`], a set of counts per
//!    article-level `entity_id` (names, roles, co-occurring entities, topics,
//!    label cues such as datelines), and gives each entity a provisional
//!    `global_id` from its own name and label. Memory grows with the distinct
//!    entities, never with the articles (co-occurrence lists are capped).
//! 2. At the end of the stream the evidence is written next to the tables
//!    (`OUT/identity/part-K.jsonl`, K the shard, 0 unsharded).
//! 3. [`merge`] reads the evidence of every shard, adds it up, resolves the
//!    dump ([`resolve`]), writes `dump_entities`, and rewrites the `global_id`
//!    and `label` of the `entities` and `mentions` rows by their `entity_id`,
//!    and the `speaker_global_id` of the `quotes` rows by their
//!    `speaker_entity_id` ([`rewrite`]): file by file, a row group at a time,
//!    atomically.
//!    `analyze` calls it at the end of an unsharded run; a sharded run calls
//!    it once every shard is done (`newsnlp merge OUT`). A run whose tables
//!    stay in memory (the Python package, Spark tasks) does the same without
//!    files ([`DumpEvidence`], [`DumpIdentity::apply`]; `memory.rs`).
//!
//! The cost is one more pass over the tables it sets (`entities`, `mentions`
//! and `quotes`, not the bodies; in Parquet only the columns it sets are
//! encoded again, the others are copied as they are), and the decisions are made per
//! `entity_id` for the whole dump rather than per article: every bare
//! "Baker" of a dump goes the same way. What it buys: the result depends only
//! on the dump's content, so it is the same for any `--jobs`, chunk size,
//! input order or sharding (evidence is counts, and counts add up), and a
//! second merge gives the same tables. Rows sent to stdout (`-o -`) cannot be
//! rewritten and keep their provisional ids.
//!
//! **Ids.** [`global_id`] derives the id from a knowledge-base id when the
//! entity has one (the hook is `evidence::kb_id`), else from the dump-level
//! canonical name and label, so that independent runs agree without
//! coordination.

mod evidence;
mod gather;
mod memory;
mod resolve;
mod rewrite;
#[cfg(test)]
mod tests;

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

pub(crate) use evidence::kb_id;
pub(crate) use gather::Gatherer;
pub use memory::{DumpEvidence, DumpIdentity, EvidenceSlot};
use evidence::Evidence;
use crate::document::Label;
use crate::entities::names::key;
use crate::error::{Error, Result};
use crate::export::frames::Batch;
use crate::export::schema::DUMP_ENTITIES;
use crate::export::write::{self, AtomicFile};

/// The dump-level id: the lower-case hex of xxh3-64 over `kb`, 0x1F and the
/// knowledge-base id when there is one, else over the label, 0x1F and the key
/// of the dump-level canonical name. The same thing gets the same id in every
/// run and shard.
pub fn global_id(kb_id: Option<&str>, label: Label, name: &str) -> String {
    let input = match kb_id {
        Some(kb) => format!("kb\u{1f}{kb}"),
        None => format!("{}\u{1f}{}", label.as_str(), key(name)),
    };
    // A different seed from `entity_id`'s, so that the two ids are never mistaken for each other.
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64_with_seed(input.as_bytes(), 0x1d))
}

/// The evidence file of one run or shard in an output folder: `OUT/identity/part-K.jsonl`.
pub fn evidence_file(out_dir: &Path, part: u32) -> PathBuf {
    out_dir.join("identity").join(format!("part-{part}.jsonl"))
}

/// Writes the evidence of a stream to `path`, atomically, sorted by `entity_id`.
pub(crate) fn write_evidence(path: &Path, gatherer: Gatherer) -> Result<()> {
    let mut out = AtomicFile::create(path)?;
    write_lines(gatherer.into_sorted(), &mut out).map_err(|err| Error::io("writing", path, err))?;
    out.commit()
}

/// The evidence as JSON Lines, one entity a line.
fn write_lines<E: std::borrow::Borrow<Evidence>>(evidence: impl IntoIterator<Item = E>, out: &mut impl Write) -> std::io::Result<()> {
    for e in evidence {
        let mut line = serde_json::to_vec(e.borrow())?;
        line.push(b'\n');
        out.write_all(&line)?;
    }
    Ok(())
}

fn read_evidence(path: &Path, into: &mut Vec<Evidence>) -> Result<()> {
    let file = std::fs::File::open(path).map_err(|e| Error::io("opening", path, e))?;
    parse_evidence(BufReader::new(file), path, into)
}

/// The evidence in the lines of `reader` (what [`write_evidence`] wrote), named `path` in errors.
fn parse_evidence(reader: impl BufRead, path: &Path, into: &mut Vec<Evidence>) -> Result<()> {
    for (n, line) in reader.lines().enumerate() {
        let line = line.map_err(|e| Error::io("reading", path, e))?;
        if line.trim().is_empty() {
            continue;
        }
        let e: Evidence = serde_json::from_str(&line)
            .map_err(|e| Error::data_caused_by(path, n as u64 + 1, "not a line of newsnlp's identity evidence", e))?;
        into.push(e);
    }
    Ok(())
}

/// What [`merge`] did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct MergeSummary {
    /// Evidence files read (one per run or shard).
    pub evidence_files: usize,
    /// Article-level entities (`entity_id`s) resolved.
    pub resolved: u64,
    /// Rows of `dump_entities` written.
    pub dump_entities: u64,
    /// `entities`, `mentions` and `quotes` files rewritten.
    pub files_rewritten: usize,
    /// Rows whose `global_id` or `label` (a quote's `speaker_global_id`) changed.
    pub rows_changed: u64,
    /// Where `dump_entities` went.
    pub output: PathBuf,
}

/// Combines the output folders of one dump's runs or shards into one
/// dump-level set: reads the identity evidence of every folder, resolves the
/// dump, rewrites each folder's `entities` and `mentions` with the dump-level
/// `global_id` and `label` (and `quotes` with its `speaker_global_id`), and writes `dump_entities` into `out` in the
/// format of the tables. Running it again gives the same tables.
pub fn merge(dirs: &[PathBuf], out: &Path) -> Result<MergeSummary> {
    let mut evidence = Vec::new();
    let mut summary = MergeSummary { output: out.to_path_buf(), ..MergeSummary::default() };
    for dir in dirs {
        let folder = dir.join("identity");
        let Ok(entries) = std::fs::read_dir(&folder) else { continue };
        let mut files: Vec<PathBuf> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "jsonl") && !hidden(p))
            .collect();
        files.sort();
        for f in files {
            read_evidence(&f, &mut evidence)?;
            summary.evidence_files += 1;
        }
    }
    if summary.evidence_files == 0 {
        let dirs: Vec<String> = dirs.iter().map(|d| d.display().to_string()).collect();
        return Err(Error::input(
            dirs.join(", "),
            "an analyze output folder",
            "no identity evidence (identity/part-K.jsonl): run `newsnlp analyze -o DIR` without --no-identity first",
        ));
    }
    let resolution = resolve::resolve(evidence);
    summary.resolved = resolution.by_entity.len() as u64;
    let mut files = Vec::new();
    for dir in dirs {
        for (schema, columns) in rewrite::REWRITTEN {
            files.extend(rewrite::table_files(dir, schema.name)?.into_iter().map(|(path, f)| (path, f, columns)));
        }
    }
    // Each file is rewritten on its own, so the files go to the threads of the caller's rayon pool.
    let changed: Vec<u64> = files
        .par_iter()
        .map(|(path, f, columns)| {
            let fix = rewrite::Fix { by_entity: &resolution.by_entity, split: &resolution.split, columns: *columns };
            rewrite::rewrite(path, *f, &fix)
        })
        .collect::<Result<_>>()?;
    summary.rows_changed += changed.iter().sum::<u64>();
    summary.files_rewritten += files.len();
    let format = files.first().map(|(_, f, _)| *f).unwrap_or_default();
    let rows = dump_entities_rows(&resolution.entities);
    let path = out.join(format!("{}.{}", DUMP_ENTITIES.name, format.extension()));
    summary.output = path.clone();
    let mut writer = write::create_at(&path, &DUMP_ENTITIES, format)?;
    writer.write(rows)?;
    summary.dump_entities = writer.finish()?;
    Ok(summary)
}

/// The rows of `dump_entities` for the resolved `entities`.
fn dump_entities_rows(entities: &[resolve::DumpEntity]) -> Batch {
    let mut rows = Batch::new(&DUMP_ENTITIES);
    for e in entities {
        rows.push_row(e.row());
    }
    rows
}

fn hidden(p: &Path) -> bool {
    p.file_name().is_some_and(|n| n.to_string_lossy().starts_with('.'))
}
