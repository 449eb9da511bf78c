//! The middle of the stream: chunks through the pipeline on the worker pool,
//! several at once, and back out in input order.
//!
//! Within a chunk, articles are an indexed parallel map. Chunks also overlap
//! on the pool: up to `depth` are in flight, so that the threads that finish
//! their part of one chunk start on the next instead of waiting for the
//! chunk's slowest article. Chunks come back in any order; [`InOrder`] holds
//! the early ones until those before them are back, so that everything after
//! this point sees the stream in input order.

use std::collections::BTreeMap;
use std::sync::mpsc::{self, Receiver};

use rayon::prelude::*;

use super::language::Sighting;
use super::read::Chunk;
use crate::document::{Record, RejectReason, Rejected};
use crate::error::{Error, Result};
use crate::pipeline::{Outcome, Pipeline};

/// A chunk back from the pool: its outcomes, the words of their bodies, and the reader's counters at its end.
pub(super) struct Done {
    pub(super) outcomes: Vec<Outcome>,
    /// The languages of the records of other shards, each with the number of `outcomes` before it.
    pub(super) sightings: Vec<(usize, Sighting)>,
    /// Words (whitespace-separated) in the clean bodies.
    pub(super) words: u64,
    pub(super) bytes: u64,
    pub(super) other_shards: u64,
}

/// Runs each chunk of `chunks` through `pipeline` on `pool`, at most `depth` chunks in flight, and hands
/// them to `deliver` in input order. `deliver` returns false when the end of the stream is gone: reading
/// stops then, and the chunks still in flight are delivered and dropped. Returns the reader's error, if it
/// sent one; the chunks read before it are delivered all the same.
pub(super) fn in_input_order(
    pool: &rayon::ThreadPool,
    chunks: &Receiver<Result<Chunk>>,
    pipeline: &Pipeline,
    depth: usize,
    deliver: &mut dyn FnMut(Done) -> bool,
) -> Option<Error> {
    let mut failure = None;
    let (done_tx, done_rx) = mpsc::channel::<(u64, Done)>();
    let mut order = InOrder::default();
    pool.in_place_scope(|scope| {
        let mut alive = true;
        for item in chunks.iter() {
            let chunk = match item {
                Ok(chunk) => chunk,
                Err(e) => {
                    failure = Some(e);
                    break;
                }
            };
            while order.in_flight() >= depth as u64 {
                let Ok((seq, done)) = done_rx.recv() else { break };
                alive &= order.add(seq, done, deliver);
            }
            if !alive {
                break;
            }
            let (seq, done_tx) = (order.spawned, done_tx.clone());
            order.spawned += 1;
            scope.spawn(move |_| {
                // The receiver lives until every spawned chunk is back.
                let _ = done_tx.send((seq, process(pipeline, chunk)));
            });
            while let Ok((seq, done)) = done_rx.try_recv() {
                alive &= order.add(seq, done, deliver);
            }
        }
        while order.in_flight() > 0 {
            let Ok((seq, done)) = done_rx.recv() else { break };
            order.add(seq, done, deliver);
        }
    });
    failure
}

/// One chunk through the pipeline, in parallel on the pool the caller runs on.
fn process(pipeline: &Pipeline, chunk: Chunk) -> Done {
    let outcomes: Vec<Outcome> = chunk.records.into_par_iter().map(|r| process_one(pipeline, r)).collect();
    let sightings = chunk
        .others
        .into_par_iter()
        .filter_map(|(at, r)| match r {
            Record::Article(a) => Some((at, Sighting::of(&pipeline.identify_language(a)?)?)),
            Record::Rejected(_) => None,
        })
        .collect();
    let words = outcomes
        .iter()
        .map(|o| match o {
            Outcome::Ok(doc) => doc.body.split_whitespace().count() as u64,
            Outcome::Rejected(_) => 0,
        })
        .sum();
    Done { outcomes, sightings, words, bytes: chunk.bytes, other_shards: chunk.other_shards }
}

/// Chunks back from the pool, released in input order.

/// One record through the pipeline. A panic there is a bug, but it must not stop the run (the chunk would never
/// come back, and the run would wait for it forever) nor lose the record: it becomes a rejected row that says so.
fn process_one(pipeline: &Pipeline, record: Record) -> Outcome {
    let Record::Article(article) = &record else { return pipeline.process(record) };
    let (seq, id, source) = (article.seq, article.id.clone(), article.source.clone());
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pipeline.process(record))).unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| panic.downcast_ref::<&str>().copied())
            .unwrap_or("a panic");
        let reason = RejectReason::Unreadable(format!("analysis failed: internal error (a bug): {what}"));
        Outcome::Rejected(Rejected { seq, id, source, reason })
    })
}
#[derive(Default)]
struct InOrder {
    waiting: BTreeMap<u64, Done>,
    /// The number of the next chunk to release.
    next: u64,
    /// Chunks handed to the pool so far.
    spawned: u64,
}

impl InOrder {
    /// Chunks on the pool or waiting for an earlier one.
    fn in_flight(&self) -> u64 {
        self.spawned - self.next
    }

    /// Takes chunk `seq` back and delivers every chunk now due; false when `deliver` refused one.
    fn add(&mut self, seq: u64, done: Done, deliver: &mut dyn FnMut(Done) -> bool) -> bool {
        self.waiting.insert(seq, done);
        let mut alive = true;
        while let Some(done) = self.waiting.remove(&self.next) {
            self.next += 1;
            alive &= deliver(done);
        }
        alive
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn done(words: u64) -> Done {
        Done { outcomes: Vec::new(), sightings: Vec::new(), words, bytes: 0, other_shards: 0 }
    }

    #[test]
    fn a_panic_in_the_pipeline_rejects_its_record_and_the_rest_go_on() {
        use crate::document::{Article, Document, Mention};
        use crate::entities::EntityRecognizer;

        struct Panics;
        impl EntityRecognizer for Panics {
            fn name(&self) -> &str {
                "panics"
            }
            fn recognize(&self, doc: &Document) -> Result<Vec<Mention>> {
                assert!(!doc.body.contains("boom"), "the recognizer broke");
                Ok(Vec::new())
            }
        }
        let pipeline = Pipeline::builder().recognizer(Box::new(Panics)).build().unwrap();
        let article = |seq: u64, text: &str| {
            Record::Article(Article { seq, id: Some(format!("a{seq}")), source: "x".into(), text: text.into(), ..Default::default() })
        };
        let chunk = Chunk { records: vec![article(0, "Fine text."), article(1, "It goes boom here."), article(2, "Fine.")], others: Vec::new(), bytes: 0, other_shards: 0 };
        let done = process(&pipeline, chunk);
        let status: Vec<bool> = done.outcomes.iter().map(Outcome::is_rejected).collect();
        assert_eq!(status, [false, true, false]);
        let Outcome::Rejected(r) = &done.outcomes[1] else { unreachable!() };
        assert_eq!(r.id.as_deref(), Some("a1"));
        assert!(r.reason.to_string().contains("the recognizer broke"), "{}", r.reason);
    }

    #[test]
    fn chunks_are_released_in_input_order_whatever_order_they_come_back_in() {
        let mut order = InOrder { spawned: 4, ..InOrder::default() };
        let mut released = Vec::new();
        let mut deliver = |d: Done| {
            released.push(d.words);
            true
        };
        for seq in [2, 0, 3, 1] {
            order.add(seq, done(seq), &mut deliver);
        }
        assert_eq!(released, [0, 1, 2, 3]);
        assert_eq!(order.in_flight(), 0);
    }
}
