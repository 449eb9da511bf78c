//! Throughput of the entity tagger on a JSON Lines corpus (`{"id", "text"}` per line):
//! segmentation (paragraphs, sentences, tokens) plus tagging, one thread, as `analyze` runs them.
//!
//! Usage: cargo run --release --example bench_ner -- CORPUS.jsonl [--model PATH] [--repeat N]
//!
//! Words are the whitespace-separated words of the input (as in the spaCy peer's
//! `bench_spacy.py`), so words/s compares across toolkits; tokens are newsnlp's tokens.
//! Model loading is timed separately and excluded from throughput. Next to wall-clock
//! figures it reports CPU-time figures (this thread's time on a CPU, from
//! /proc/thread-self/schedstat), which a machine shared with other jobs inflates less.

use std::path::PathBuf;
use std::time::Instant;

use newsnlp::entities::{EntityRecognizer, Tagger};
use newsnlp::segment::{NewsSegmenter, Segmenter};
use newsnlp::Document;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let corpus = PathBuf::from(args.next().ok_or("usage: bench_ner CORPUS.jsonl [--model PATH] [--repeat N]")?);
    let (mut model, mut repeat) = (None, 3usize);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--model" => model = args.next().map(PathBuf::from),
            "--repeat" => repeat = args.next().ok_or("--repeat N")?.parse()?,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    let texts: Vec<String> = std::fs::read_to_string(&corpus)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| serde_json::from_str::<serde_json::Value>(l).map(|v| v["text"].as_str().unwrap_or("").to_string()))
        .collect::<Result<_, _>>()?;
    let words: usize = texts.iter().map(|t| t.split_whitespace().count()).sum();

    let t = Instant::now();
    let tagger = match &model {
        Some(p) => Tagger::load(p)?,
        None => Tagger::load_default(None)?,
    };
    let load_ms = t.elapsed().as_secs_f64() * 1e3;

    let (mut best, mut best_cpu) = (f64::INFINITY, f64::INFINITY);
    let (mut tokens, mut mentions) = (0, 0);
    for _ in 0..repeat.max(1) {
        let t = Instant::now();
        let cpu = thread_cpu_seconds();
        tokens = 0;
        mentions = 0;
        for text in &texts {
            let mut doc = Document { body: text.clone(), ..Document::default() };
            NewsSegmenter.segment(&mut doc);
            tokens += doc.tokens.len();
            mentions += tagger.recognize(&doc)?.len();
        }
        best = best.min(t.elapsed().as_secs_f64());
        if let (Some(a), Some(b)) = (cpu, thread_cpu_seconds()) {
            best_cpu = best_cpu.min(b - a);
        }
    }
    println!(
        "{{\"tool\": \"newsnlp\", \"docs\": {}, \"words\": {words}, \"tokens\": {tokens}, \"mentions\": {mentions}, \
         \"seconds\": {best:.3}, \"words_per_s\": {:.0}, \"tokens_per_s\": {:.0}, \"cpu_seconds\": {best_cpu:.3}, \
         \"words_per_cpu_s\": {:.0}, \"tokens_per_cpu_s\": {:.0}, \"load_ms\": {load_ms:.1}}}",
        texts.len(),
        words as f64 / best,
        tokens as f64 / best,
        words as f64 / best_cpu,
        tokens as f64 / best_cpu,
    );
    Ok(())
}

/// This thread's CPU time in seconds (Linux; `None` elsewhere).
fn thread_cpu_seconds() -> Option<f64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    let ns: f64 = s.split_whitespace().next()?.parse().ok()?;
    Some(ns / 1e9)
}
