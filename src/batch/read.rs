//! The head of the stream: a thread that reads records from the source and
//! cuts them into chunks.
//!
//! Reading is sequential (a file, a pipe, a gzip stream), so it gets a thread
//! of its own that runs ahead of the workers; the queue it fills is bounded,
//! so it never runs more than a few chunks ahead however long the input is.
//! Records of other shards go along with the chunk (as `others`) only so that
//! the language step learns from every record of the dump, as an unsharded
//! run does; they cost a cleaning and a language call, nothing else.

use std::sync::mpsc::{self, Receiver, SyncSender};
use std::thread::{Scope, ScopedJoinHandle};

use super::shard::Shard;
use crate::document::Record;
use crate::error::{Error, Result};
use crate::ingest::ArticleSource;

/// A chunk also closes at this many bytes of article text, so that a run of huge records does not pile up in
/// memory.
const CHUNK_BYTES: usize = 32 << 20;

/// Records read together, with the reader's counters at the end of the chunk.
pub(super) struct Chunk {
    pub(super) records: Vec<Record>,
    /// Records of other shards, each with the number of `records` before it.
    pub(super) others: Vec<(usize, Record)>,
    /// Input bytes read so far.
    pub(super) bytes: u64,
    /// Records of other shards skipped so far.
    pub(super) other_shards: u64,
}

/// The chunks, as they are read, and the reader thread, which returns once the source is exhausted or
/// the receiver is dropped.
pub(super) type Reader<'scope> = (Receiver<Result<Chunk>>, ScopedJoinHandle<'scope, Result<()>>);

/// Starts the reader thread: chunks of `chunk_records` records of `shard`, at most `depth` of them waiting.
/// A source error is sent as the last item.
pub(super) fn spawn<'scope>(
    scope: &'scope Scope<'scope, '_>,
    source: Box<dyn ArticleSource>,
    chunk_records: usize,
    shard: Option<Shard>,
    depth: usize,
) -> Result<Reader<'scope>> {
    let (tx, rx) = mpsc::sync_channel::<Result<Chunk>>(depth);
    let reader = std::thread::Builder::new()
        .name("newsnlp-read".into())
        .spawn_scoped(scope, move || read_chunks(source, chunk_records, shard, tx))
        .map_err(|e| Error::io("starting", "reader thread", e))?;
    Ok((rx, reader))
}

fn read_chunks(
    mut source: Box<dyn ArticleSource>,
    chunk_records: usize,
    shard: Option<Shard>,
    tx: SyncSender<Result<Chunk>>,
) -> Result<()> {
    let mut chunk = Vec::with_capacity(chunk_records);
    let mut others = Vec::new();
    let mut chunk_bytes = 0usize;
    let mut other_shards = 0u64;
    loop {
        match source.next() {
            Some(Ok(record)) => {
                if shard.is_some_and(|s| !s.contains(&record.article_id())) {
                    other_shards += 1;
                    if let Record::Article(a) = &record {
                        chunk_bytes += a.text.len();
                    }
                    others.push((chunk.len(), record));
                    continue;
                }
                chunk_bytes += match &record {
                    Record::Article(a) => a.text.len(),
                    Record::Rejected(_) => 0,
                };
                chunk.push(record);
                if chunk.len() >= chunk_records || chunk_bytes >= CHUNK_BYTES {
                    let full = std::mem::replace(&mut chunk, Vec::with_capacity(chunk_records));
                    chunk_bytes = 0;
                    let msg = Chunk { records: full, others: std::mem::take(&mut others), bytes: source.bytes_read(), other_shards };
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
                let _ = tx.send(Ok(Chunk { records: chunk, others, bytes: source.bytes_read(), other_shards }));
                return Ok(());
            }
        }
    }
}
