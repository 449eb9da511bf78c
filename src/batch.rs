//! Batch runs: a stream of records through the pipeline into tables, in
//! parallel, with bounded memory and output in input order.
//!
//! Three stages overlap: a reader thread fills chunks of records into a
//! bounded queue; the calling thread hands each chunk to a rayon pool of
//! `jobs` threads (an indexed parallel map within the chunk, and several
//! chunks in flight, put back in input order as they finish); a writer
//! thread turns outcomes into table rows and writes them. At most
//! `queue_chunks` chunks wait at each step, so memory stays flat however
//! long the input is.

use std::collections::BTreeMap;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::document::Record;
use crate::error::{Error, Result};
use crate::export::{AnalyzeTables, TableCounts};
use crate::ingest::ArticleSource;
use crate::pipeline::{Outcome, Pipeline};

/// One shard of a dump: the records whose article id hashes to it.
///
/// The hash is XXH3-64 of the article id's UTF-8 bytes, a fixed algorithm, so
/// that shard membership is the same on every machine and in every version:
/// record `r` is in shard `K` of `N` when `xxh3_64(r.article_id) % N == K - 1`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    /// 1-based shard number.
    pub index: u32,
    /// Number of shards.
    pub count: u32,
}

impl Shard {
    /// Parses `K/N` with 1 <= K <= N.
    pub fn parse(s: &str) -> Result<Shard> {
        let bad = || Error::config("--shard", format!("`{s}`: expected K/N with 1 <= K <= N, such as 2/8"));
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let (index, count): (u32, u32) = (k.trim().parse().map_err(|_| bad())?, n.trim().parse().map_err(|_| bad())?);
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }

    /// Whether the record with this article id belongs to the shard.
    pub fn contains(&self, article_id: &str) -> bool {
        xxhash_rust::xxh3::xxh3_64(article_id.as_bytes()) % u64::from(self.count) == u64::from(self.index - 1)
    }
}

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
    /// Rows written per table.
    pub tables: TableCounts,
    /// Wall time in seconds.
    pub seconds: f64,
}

impl Summary {
    /// Whether every record read is accounted for in the `articles` table.
    pub fn accounts_for_every_record(&self) -> bool {
        self.ok + self.rejected == self.records && self.tables.articles == self.records
    }
}

/// Runs `source` through `pipeline` into `tables`, calling `on_progress`
/// after each chunk.
pub fn run(
    source: Box<dyn ArticleSource>,
    pipeline: &Pipeline,
    tables: AnalyzeTables,
    options: &BatchOptions,
    on_progress: &mut dyn FnMut(&Progress),
) -> Result<Summary> {
    let start = Instant::now();
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(options.jobs.max(1))
        .thread_name(|i| format!("newsnlp-work-{i}"))
        .build()
        .map_err(|e| Error::config("--jobs", e.to_string()))?;
    let chunk_records = options.chunk_records.max(1);
    let depth = options.queue_chunks.max(1);
    let (chunk_tx, chunk_rx) = mpsc::sync_channel::<Result<Chunk>>(depth);
    let shard = options.shard;
    let (out_tx, out_rx) = mpsc::sync_channel::<Vec<Outcome>>(depth);

    std::thread::scope(|scope| {
        let reader = std::thread::Builder::new()
            .name("newsnlp-read".into())
            .spawn_scoped(scope, move || read_chunks(source, chunk_records, shard, chunk_tx))
            .map_err(|e| Error::io("starting", "reader thread", e))?;
        let writer = std::thread::Builder::new().name("newsnlp-write".into()).spawn_scoped(scope, move || -> Result<TableCounts> {
            let mut tables = tables;
            for outcomes in out_rx {
                tables.write(&outcomes)?;
            }
            tables.finish()
        })
        .map_err(|e| Error::io("starting", "writer thread", e))?;

        let mut summary = Summary::default();
        let mut failure: Option<Error> = None;
        // Chunks overlap on the pool: up to `depth` are in flight, so that the threads that finish their part of
        // one chunk start on the next instead of waiting for the chunk's slowest article. Finished chunks are
        // put back in input order before they reach the writer.
        let (done_tx, done_rx) = mpsc::channel::<(u64, Done)>();
        let mut order = InOrder::default();
        let mut spawned = 0u64;
        let mut writer_gone = false;
        // Counts a chunk, passes it to the writer and reports progress; says whether the writer is still there.
        let mut deliver = |done: Done| -> bool {
            for o in &done.outcomes {
                summary.records += 1;
                if let Outcome::Rejected(r) = o {
                    summary.rejected += 1;
                    *summary.rejected_by_reason.entry(r.reason.code().to_string()).or_default() += 1;
                } else {
                    summary.ok += 1;
                }
            }
            summary.words += done.words;
            summary.bytes = done.bytes;
            summary.other_shards = done.other_shards;
            // A writer that failed has its error reported below.
            writer_gone = writer_gone || out_tx.send(done.outcomes).is_err();
            if !writer_gone {
                on_progress(&Progress {
                    records: summary.records,
                    rejected: summary.rejected,
                    bytes: summary.bytes,
                    words: summary.words,
                    elapsed: start.elapsed(),
                });
            }
            !writer_gone
        };
        pool.in_place_scope(|scope| {
            let mut alive = true;
            for item in chunk_rx.iter() {
                let Chunk { records, bytes, other_shards } = match item {
                    Ok(x) => x,
                    Err(e) => {
                        failure = Some(e);
                        break;
                    }
                };
                // At most `depth` chunks on the pool or waiting for an earlier one.
                while spawned - order.next >= depth as u64 {
                    let Ok((seq, done)) = done_rx.recv() else { break };
                    order.add(seq, done);
                    while let Some(done) = order.pop() {
                        alive &= deliver(done);
                    }
                }
                if !alive {
                    break;
                }
                let (seq, done_tx) = (spawned, done_tx.clone());
                spawned += 1;
                scope.spawn(move |_| {
                    let outcomes: Vec<Outcome> = records.into_par_iter().map(|r| pipeline.process(r)).collect();
                    let words = outcomes
                        .iter()
                        .map(|o| match o {
                            Outcome::Ok(doc) => doc.body.split_whitespace().count() as u64,
                            Outcome::Rejected(_) => 0,
                        })
                        .sum();
                    // The receiver lives until every spawned chunk is back.
                    let _ = done_tx.send((seq, Done { outcomes, words, bytes, other_shards }));
                });
                while let Ok((seq, done)) = done_rx.try_recv() {
                    order.add(seq, done);
                }
                while let Some(done) = order.pop() {
                    alive &= deliver(done);
                }
            }
            while order.next < spawned {
                let Ok((seq, done)) = done_rx.recv() else { break };
                order.add(seq, done);
                while let Some(done) = order.pop() {
                    deliver(done);
                }
            }
        });
        drop(out_tx);
        // Stop the reader early on failure: dropping the receiver ends its sends.
        drop(chunk_rx);
        let read_result = reader.join().unwrap_or_else(|_| Err(Error::config("reader", "the reader thread panicked")));
        let written = writer.join().unwrap_or_else(|_| Err(Error::config("writer", "the writer thread panicked")));
        if let Some(e) = failure {
            return Err(e);
        }
        read_result?;
        summary.tables = written?;
        summary.seconds = start.elapsed().as_secs_f64();
        Ok(summary)
    })
}

/// A chunk back from the pool: its outcomes, the words of their bodies, and the reader's counters at its end.
struct Done {
    outcomes: Vec<Outcome>,
    words: u64,
    bytes: u64,
    other_shards: u64,
}

/// Chunks back from the pool, released in input order.
#[derive(Default)]
struct InOrder {
    waiting: BTreeMap<u64, Done>,
    /// The number of the next chunk to release.
    next: u64,
}

impl InOrder {
    fn add(&mut self, seq: u64, done: Done) {
        self.waiting.insert(seq, done);
    }

    /// The next chunk in input order, once it is back.
    fn pop(&mut self) -> Option<Done> {
        let done = self.waiting.remove(&self.next)?;
        self.next += 1;
        Some(done)
    }
}

/// Records read together, with the reader's counters at the end of the chunk.
struct Chunk {
    records: Vec<Record>,
    bytes: u64,
    other_shards: u64,
}

fn read_chunks(
    mut source: Box<dyn ArticleSource>,
    chunk_records: usize,
    shard: Option<Shard>,
    tx: mpsc::SyncSender<Result<Chunk>>,
) -> Result<()> {
    let mut chunk = Vec::with_capacity(chunk_records);
    let mut chunk_bytes = 0usize;
    let mut other_shards = 0u64;
    loop {
        match source.next() {
            Some(Ok(record)) => {
                if shard.is_some_and(|s| !s.contains(&record.article_id())) {
                    other_shards += 1;
                    continue;
                }
                chunk_bytes += match &record {
                    Record::Article(a) => a.text.len(),
                    Record::Rejected(_) => 0,
                };
                chunk.push(record);
                // Chunks also close on size, so that a run of huge records does not pile up in memory.
                if chunk.len() >= chunk_records || chunk_bytes >= 32 << 20 {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(chunk_records));
                    chunk_bytes = 0;
                    let msg = Chunk { records: full, bytes: source.bytes_read(), other_shards };
                    if tx.send(Ok(msg)).is_err() {
                        return Ok(());
                    }
                }
            }
            Some(Err(e)) => {
                let _ = tx.send(Err(e));
                return Ok(());
            }
            None => {
                // Always send the last chunk, even when empty, so that the final counters arrive.
                let _ = tx.send(Ok(Chunk { records: chunk, bytes: source.bytes_read(), other_shards }));
                return Ok(());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_are_parsed_and_validated() {
        assert_eq!(Shard::parse("2/8").unwrap(), Shard { index: 2, count: 8 });
        for bad in ["0/4", "5/4", "4", "a/b", "1/0"] {
            assert!(Shard::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn every_id_falls_in_exactly_one_shard() {
        for id in ["reuters-1", "bbc-sport-001", "", "é🎉"] {
            let n = (1..=5).filter(|k| Shard { index: *k, count: 5 }.contains(id)).count();
            assert_eq!(n, 1, "{id:?}");
        }
    }
}
