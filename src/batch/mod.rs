//! Batch runs: a stream of records through the pipeline into tables, in
//! parallel, with bounded memory and output in input order.
//!
//! ```text
//! source ─▶ reader ─▶ chunks ─▶ pipeline on ─▶ input order ─▶ stream stages ─▶ sink
//!           thread    (queue)   the pool         (calling       (clustering)     (tables)
//!                               (chunks overlap)  thread)      └──── writer thread ────┘
//! ```
//!
//! Three threads of work overlap: a reader thread cuts the source into
//! chunks (`read.rs`); the calling thread hands each chunk to a rayon pool of
//! `jobs` threads and takes them back in input order (`order.rs`); a writer
//! thread runs the chunks through the [`LanguageStage`] (always: it settles
//! the languages the text alone left unsure, from the site and the dump, and
//! in a sharded run it also learns from the other shards' records, so that
//! the shards together give what one run gives), then the [`StreamStage`]s,
//! the stages that look across articles and so need the stream in order,
//! then into the [`Sink`] that writes the tables. At most `queue_chunks` chunks wait at each step,
//! so memory stays flat however long the input is.

mod language;
mod order;
mod read;
mod shard;
mod stages;

use std::collections::BTreeMap;
use std::sync::mpsc::{self, SyncSender};
use std::thread::{Scope, ScopedJoinHandle};
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::export::frames::Batch;
use crate::export::schema::ARTICLES;
use crate::export::{Sink, TableCounts};
use crate::ingest::ArticleSource;
use crate::pipeline::{Outcome, Pipeline};
use order::Done;
pub use shard::Shard;
pub use language::LanguageStage;
use language::Sighting;
pub use stages::{ClusterStage, IdentityStage};

/// How to run a batch.
#[derive(Debug, Clone)]
pub struct BatchOptions {
    /// Worker threads for the pipeline (default: the number of cores).
    pub jobs: usize,
    /// Records per chunk.
    pub chunk_records: usize,
    /// Chunks that may wait between reader, workers and writer.
    pub queue_chunks: usize,
    /// Process only this shard's records.
    pub shard: Option<Shard>,
}

impl Default for BatchOptions {
    fn default() -> Self {
        BatchOptions {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            chunk_records: 256,
            queue_chunks: 4,
            shard: None,
        }
    }
}

/// A stage that looks across articles, such as story clustering: it sees
/// every outcome of the stream once, in input order, after the per-article
/// pipeline and before the sink.
pub trait StreamStage: Send {
    /// Annotates the next run of outcomes of the stream.
    fn apply(&mut self, outcomes: &mut [Outcome]) -> Result<()>;

    /// The rows of the tables the stage writes once the stream has ended.
    fn finish(self: Box<Self>) -> Result<Vec<Batch>>;
}

/// Counters for progress reporting.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// Records processed so far.
    pub records: u64,
    /// Of which rejected.
    pub rejected: u64,
    /// Input bytes read so far.
    pub bytes: u64,
    /// Words (whitespace-separated) in the clean bodies so far.
    pub words: u64,
    /// Time since the start.
    pub elapsed: Duration,
}

/// What a finished run did.
#[derive(Debug, Clone, Default, serde::Serialize)]
pub struct Summary {
    /// Records read (of this shard, when sharded).
    pub records: u64,
    /// Records skipped because they belong to other shards.
    pub other_shards: u64,
    /// Records analysed.
    pub ok: u64,
    /// Records rejected.
    pub rejected: u64,
    /// Rejections by reason code.
    pub rejected_by_reason: BTreeMap<String, u64>,
    /// Input bytes read.
    pub bytes: u64,
    /// Words in the clean bodies.
    pub words: u64,
    /// Rows written per table, by table name.
    pub tables: TableCounts,
    /// Wall time in seconds.
    pub seconds: f64,
}

impl Summary {
    /// Rows written to the table named `table` (0 when it was not written).
    pub fn rows(&self, table: &str) -> u64 {
        self.tables.get(table).copied().unwrap_or(0)
    }

    /// Whether every record read is accounted for, ok or rejected, and has
    /// its row in the `articles` table when that table was written.
    pub fn accounts_for_every_record(&self) -> bool {
        let articles = self.tables.get(ARTICLES.name).copied();
        self.ok + self.rejected == self.records && articles.is_none_or(|n| n == self.records)
    }

    fn count(&mut self, done: &Done) {
        for o in &done.outcomes {
            self.records += 1;
            if let Outcome::Rejected(r) = o {
                self.rejected += 1;
                *self.rejected_by_reason.entry(r.reason.code().to_string()).or_default() += 1;
            } else {
                self.ok += 1;
            }
        }
        self.words += done.words;
        self.bytes = done.bytes;
        self.other_shards = done.other_shards;
    }

    fn progress(&self, start: Instant) -> Progress {
        Progress {
            records: self.records,
            rejected: self.rejected,
            bytes: self.bytes,
            words: self.words,
            elapsed: start.elapsed(),
        }
    }
}

/// Runs `source` through `pipeline`, then `stages`, into `sink`, calling
/// `on_progress` after each chunk.
pub fn run(
    source: Box<dyn ArticleSource>,
    pipeline: &Pipeline,
    stages: Vec<Box<dyn StreamStage>>,
    sink: Box<dyn Sink>,
    options: &BatchOptions,
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    let start = Instant::now();
    let pool = worker_pool(options.jobs)?;
    let depth = options.queue_chunks.max(1);
    std::thread::scope(|scope| {
        let (chunks, reader) = read::spawn(scope, source, options.chunk_records.max(1), options.shard, depth)?;
        let (to_writer, writer) = spawn_writer(scope, stages, sink, depth)?;
        let mut summary = Summary::default();
        let failure = order::in_input_order(&pool, &chunks, pipeline, depth, &mut |done| {
            summary.count(&done);
            // A writer that failed has its error reported below.
            let alive = to_writer.send((done.outcomes, done.sightings)).is_ok();
            if alive {
                on_progress(&summary.progress(start));
            }
            alive
        });
        drop(to_writer);
        // Stop the reader early on failure: dropping the receiver ends its sends.
        drop(chunks);
        let read = reader.join().unwrap_or_else(|_| Err(Error::config("reader", "the reader thread panicked")));
        let written = writer.join().unwrap_or_else(|_| Err(Error::config("writer", "the writer thread panicked")));
        if let Some(e) = failure {
            return Err(e);
        }
        read?;
        summary.tables = written?;
        summary.seconds = start.elapsed().as_secs_f64();
        Ok(summary)
    })
}

/// A pool of `jobs` worker threads (at least one): the one a run analyses on, and the one a caller installs
/// (`pool.install`) for the work after the run that should use as many threads, such as resolving the dump's
/// identity.
pub fn worker_pool(jobs: usize) -> Result<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .num_threads(jobs.max(1))
        .thread_name(|i| format!("newsnlp-work-{i}"))
        .build()
        .map_err(|e| Error::config_caused_by("--jobs", "cannot start the worker threads", e))
}

/// The outcomes in input order (with the languages seen in other shards), and the writer thread that runs
/// them through the language stage and the stream stages into the sink.
type Writer<'scope> = (SyncSender<(Vec<Outcome>, Vec<(usize, Sighting)>)>, ScopedJoinHandle<'scope, Result<TableCounts>>);

/// Starts the writer thread, the in-order end of the stream: at most `depth` chunks wait for it.
fn spawn_writer<'scope>(
    scope: &'scope Scope<'scope, '_>,
    mut stages: Vec<Box<dyn StreamStage>>,
    mut sink: Box<dyn Sink>,
    depth: usize,
) -> Result<Writer<'scope>> {
    let (tx, rx) = mpsc::sync_channel::<(Vec<Outcome>, Vec<(usize, Sighting)>)>(depth);
    let writer = std::thread::Builder::new()
        .name("newsnlp-write".into())
        .spawn_scoped(scope, move || {
            let mut language = LanguageStage::new();
            for (mut outcomes, sightings) in rx {
                language.apply_with(&mut outcomes, &sightings);
                for stage in &mut stages {
                    stage.apply(&mut outcomes)?;
                }
                sink.write_outcomes(&outcomes)?;
            }
            for stage in stages {
                for rows in stage.finish()? {
                    sink.write_table(rows)?;
                }
            }
            sink.finish()
        })
        .map_err(|e| Error::io("starting", "writer thread", e))?;
    Ok((tx, writer))
}
