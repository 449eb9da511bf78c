//! Embedding throughput of the transformer backend: articles per second
//! (headline and body, embedded in windows) and sentences per second (each
//! body sentence on its own), with all-MiniLM-L6-v2 on the CPU.
//!
//! Usage: `scripts/bench-embeddings.sh [FILE.jsonl] [ARTICLES]`, or
//! `cargo bench --no-default-features --features transformer --bench embeddings -- FILE.jsonl [ARTICLES]`.
//! FILE is JSON Lines with a `text` field (default: the BBC set under
//! `NEWSNLP_SHARED_DATA`); the first ARTICLES records are used (default 300).
//! Threads: libtorch's intra-op pool, all cores unless `OMP_NUM_THREADS` says
//! otherwise.

use std::io::BufRead;
use std::path::PathBuf;
use std::time::Instant;

use newsnlp::transformer::{load_default_embedder, Embedder};
use newsnlp::{Document, Pipeline};

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with("--")).collect();
    let file = args.first().map(PathBuf::from).unwrap_or_else(|| {
        let data = std::env::var_os("NEWSNLP_SHARED_DATA").expect("give a JSON Lines file or set NEWSNLP_SHARED_DATA");
        PathBuf::from(data).join("topics/bbc-train.jsonl")
    });
    let limit: usize = args.get(1).and_then(|n| n.parse().ok()).unwrap_or(300);
    let docs = read_docs(&file, limit);

    let start = Instant::now();
    let embedder = load_default_embedder(None).expect("the embedding model (run scripts/setup-transformer.sh)");
    let load = start.elapsed().as_secs_f64();
    // Warm-up: libtorch allocates its thread pool and caches on the first batches.
    embedder.embed_texts(&["A short warm-up sentence."; 32]).expect("warm-up");

    let (articles_s, windows, tokens) = bench_articles(&embedder, &docs);
    let (sentences_s, sentences) = bench_sentences(&embedder, &docs);
    println!(
        "embeddings: {} ({} dims, windows of {} tokens), load {load:.2} s, threads {}",
        embedder.name(),
        embedder.dim(),
        embedder.window_tokens(),
        tch::get_num_threads()
    );
    println!(
        "articles:  {} in {articles_s:.2} s = {:.1} articles/s ({windows} windows, {tokens} word pieces: {:.0} tokens/s)",
        docs.len(),
        docs.len() as f64 / articles_s,
        tokens as f64 / articles_s
    );
    println!("sentences: {sentences} in {sentences_s:.2} s = {:.1} sentences/s", sentences as f64 / sentences_s);
    println!("peak RSS: {} MB", peak_rss_kb() / 1024);
}

fn read_docs(file: &PathBuf, limit: usize) -> Vec<Document> {
    let pipeline = Pipeline::builder().build().expect("pipeline");
    let reader = std::io::BufReader::new(std::fs::File::open(file).expect("input file"));
    reader
        .lines()
        .map_while(Result::ok)
        .filter_map(|line| serde_json::from_str::<serde_json::Value>(&line).ok())
        .filter_map(|v| v["text"].as_str().and_then(|t| pipeline.analyze_text(t).ok()))
        .take(limit)
        .collect()
}

/// Seconds to embed every article, in batches of 16 articles; windows and word pieces embedded.
fn bench_articles(embedder: &Embedder, docs: &[Document]) -> (f64, usize, usize) {
    let texts: Vec<String> = docs.iter().map(newsnlp::transformer::article_text).collect();
    let windows: Vec<_> = texts.iter().flat_map(|t| embedder.windows(t)).collect();
    let tokens = windows.iter().map(|w| w.tokens).sum();
    let refs: Vec<&Document> = docs.iter().collect();
    let start = Instant::now();
    for chunk in refs.chunks(16) {
        embedder.embed_documents(chunk).expect("embedding articles");
    }
    (start.elapsed().as_secs_f64(), windows.len(), tokens)
}

/// Seconds to embed every body sentence, 256 sentences per call.
fn bench_sentences(embedder: &Embedder, docs: &[Document]) -> (f64, usize) {
    let sentences: Vec<&str> =
        docs.iter().flat_map(|d| (0..d.sentences.len()).map(move |i| d.sentence_text(i))).collect();
    let start = Instant::now();
    for chunk in sentences.chunks(256) {
        embedder.embed_texts(chunk).expect("embedding sentences");
    }
    (start.elapsed().as_secs_f64(), sentences.len())
}

fn peak_rss_kb() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| s.lines().find(|l| l.starts_with("VmHWM:")).and_then(|l| l.split_whitespace().nth(1)?.parse().ok()))
        .unwrap_or(0)
}
