//! `newsnlp extract`: the clean stage on its own, for HTML pages (and text
//! files): the article body of each page, and with `--json` its metadata.
//!
//! This is the command that the extraction benchmark scores
//! (`scripts/bench-extraction.sh`): pages are read and cleaned one after
//! another on one thread, and the time spent reading, decoding and cleaning
//! is reported, so that pages/s compare directly with other extractors.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use anyhow::Context;
use newsnlp::clean::html::Heuristics;
use newsnlp::clean::NewsCleaner;
use newsnlp::ingest::{FileSource, IngestOptions};
use newsnlp::{Document, Record};

use super::Status;

/// Flags of `newsnlp extract`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  newsnlp extract page.html                     the article text on stdout
  newsnlp extract page.html --json              one JSON object: metadata and body
  newsnlp extract pages/ -o texts/              texts/<id>.txt for each page
  newsnlp extract pages/ -o texts/ --json       also texts/<id>.json with the metadata

Pages are .html/.htm/.xhtml files (raw bytes; the charset comes from the BOM, the
<meta> tags or detection) and .txt files; folders are read recursively, in path
order. <id> is the file's path below the folder, without extension.
Exit code: 0 every page gave a body, 1 some gave none (an empty <id>.txt is
written for them), 2 failure.")]
pub struct Args {
    /// A page, or a folder of pages.
    #[arg(value_name = "PAGE|DIR")]
    input: PathBuf,
    /// Output folder; without it, results go to stdout.
    #[arg(short, long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// Also write the metadata (JSON: <id>.json with -o, JSON Lines on stdout).
    #[arg(long)]
    json: bool,
    /// No summary line on stderr.
    #[arg(short, long)]
    quiet: bool,
    /// Switch an extraction heuristic off, to measure what it brings
    /// (repeatable; see docs/extraction.md).
    #[arg(long, value_name = "HEURISTIC", value_parser = clap::builder::PossibleValuesParser::new(Heuristics::NAMES))]
    without: Vec<String>,
}

#[derive(serde::Serialize)]
struct JsonPage<'a> {
    id: &'a str,
    source: &'a str,
    url: Option<&'a str>,
    #[serde(flatten)]
    meta: &'a newsnlp::Metadata,
    body: &'a str,
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    anyhow::ensure!(args.input.exists(), "no such file or folder: {}", args.input.display());
    let mut heuristics = Heuristics::default();
    for name in &args.without {
        anyhow::ensure!(heuristics.disable(name), "unknown heuristic: {name}");
    }
    let mut source = FileSource::open(&args.input, IngestOptions::default(), 0)
        .with_context(|| format!("listing {}", args.input.display()))?;
    if let Some(dir) = &args.out {
        std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    }
    // One-time set-up (compiling the cleaner's patterns) is paid before the
    // clock starts, as the peer's benchmark script pays its lazy imports.
    let _ = NewsCleaner.clean_with(warm_up_page(), &heuristics);
    let stdout = std::io::stdout();
    let mut stdout = stdout.lock();
    let (mut pages, mut empty) = (0usize, 0usize);
    let mut busy = Duration::ZERO;
    let started = Instant::now();
    loop {
        let t = Instant::now();
        let Some(record) = source.next() else { break };
        let outcome = match record? {
            Record::Article(a) => {
                let id = a.id.clone().unwrap_or_default();
                (id, NewsCleaner.clean_with(a, &heuristics))
            }
            Record::Rejected(r) => (r.id.clone().unwrap_or_default(), Err(r)),
        };
        busy += t.elapsed();
        pages += 1;
        let (id, result) = outcome;
        let doc = match result {
            Ok(doc) => Some(doc),
            Err(r) => {
                empty += 1;
                if !args.quiet {
                    eprintln!("newsnlp: {}: {}", r.source, r.reason);
                }
                None
            }
        };
        match &args.out {
            Some(dir) => write_files(dir, &id, doc.as_ref(), args.json)?,
            None => print(&mut stdout, &id, doc.as_ref(), args.json)?,
        }
    }
    if !args.quiet {
        let secs = busy.as_secs_f64().max(1e-9);
        eprintln!(
            "newsnlp: {pages} pages ({empty} without a body) in {:.2} s of extraction ({:.2} s wall): {:.1} pages/s, {:.1} MB/s",
            secs,
            started.elapsed().as_secs_f64(),
            pages as f64 / secs,
            source_bytes(&source) as f64 / 1e6 / secs,
        );
    }
    Ok(if empty > 0 { Status::SomeRejected } else { Status::Ok })
}

/// A small page that goes through every step of cleaning.
fn warm_up_page() -> newsnlp::Article {
    let html = "<html><head><title>Warm-up</title></head><body><nav><a href=/>Home</a></nav><article>\
        <h1>A headline for the warm-up page</h1><p>By Jane Doe, The Canadian Press</p><p>Posted January 6, 2026 4:00 am.</p>\
        <p>A caption of a photo. THE CANADIAN PRESS/Jo Doe</p><p>PARIS — The first paragraph of the story, long enough to count.</p>\
        <p>Share</p><p>This report by The Canadian Press was first published Jan. 6, 2026.</p></article></body></html>";
    newsnlp::Article { text: html.into(), format: newsnlp::document::TextFormat::Html, ..Default::default() }
}

fn source_bytes(source: &FileSource) -> u64 {
    newsnlp::ingest::ArticleSource::bytes_read(source)
}

fn json_line(id: &str, doc: Option<&Document>) -> anyhow::Result<String> {
    let empty = newsnlp::Metadata::default();
    let page = JsonPage {
        id,
        source: doc.map_or("", |d| d.source.as_str()),
        url: doc.and_then(|d| d.url.as_deref()),
        meta: doc.map_or(&empty, |d| &d.meta),
        body: doc.map_or("", |d| d.body.as_str()),
    };
    Ok(serde_json::to_string(&page)?)
}

fn write_files(dir: &Path, id: &str, doc: Option<&Document>, json: bool) -> anyhow::Result<()> {
    let txt = dir.join(format!("{id}.txt"));
    if let Some(parent) = txt.parent() {
        std::fs::create_dir_all(parent).with_context(|| format!("creating {}", parent.display()))?;
    }
    let body = doc.map_or("", |d| d.body.as_str());
    std::fs::write(&txt, body).with_context(|| format!("writing {}", txt.display()))?;
    if json {
        let path = dir.join(format!("{id}.json"));
        std::fs::write(&path, json_line(id, doc)? + "\n").with_context(|| format!("writing {}", path.display()))?;
    }
    Ok(())
}

fn print(out: &mut impl Write, id: &str, doc: Option<&Document>, json: bool) -> anyhow::Result<()> {
    if json {
        writeln!(out, "{}", json_line(id, doc)?)?;
    } else if let Some(d) = doc {
        writeln!(out, "{}\n", d.body)?;
    }
    Ok(())
}
