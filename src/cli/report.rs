//! `newsnlp report`: one article → a report for a reader (terminal,
//! Markdown, HTML) or a script (JSON).
//!
//! This file turns flags into settings (where the page comes from, colour,
//! width) and writes the result; the layout is the library's `report`
//! module. The page is read as `analyze` reads a `.txt` or `.html` file, so
//! the two commands see the same article.

use std::io::{IsTerminal, Read, Write};
use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use newsnlp::ingest::{self, FileSource, IngestOptions, InputFormat};
use newsnlp::report::{self, ReportFormat, TextOptions};
use newsnlp::{Article, Pipeline, Record};

use super::pipeline::{ModelArgs, LOADING_MODELS};
use super::Status;

/// Wrapping width when nothing says how wide the output is.
const DEFAULT_WIDTH: usize = 80;
/// A width found from the terminal or COLUMNS is capped here: longer lines are hard to read.
const MAX_AUTO_WIDTH: usize = 100;

/// Flags of `newsnlp report`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  newsnlp report page.txt                         headline, metadata, coloured text, entity table
  newsnlp report page.html --format html -o report.html
  newsnlp report page.txt --format markdown > report.md
  newsnlp report page.txt --format json | jq '.entities[] | {name, label, salience}'
  cat saved-page.html | newsnlp report -          a page on stdin (plain text or HTML)
  newsnlp report page.txt --color always | less -R
  newsnlp report page.txt --config pipeline.toml  the models and stages of a config file

The JSON format is described by docs/report.schema.json.")]
pub struct Args {
    /// The article: a page saved as plain text or HTML; `-` reads it from stdin.
    #[arg(value_name = "INPUT")]
    input: PathBuf,
    /// Report format: text (for a terminal), markdown, json or html.
    #[arg(long, default_value = "text", value_parser = parse_format)]
    format: ReportFormat,
    /// Write the report to FILE instead of standard output.
    #[arg(short, long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Colour mentions in the text format: auto (only on a terminal, unless NO_COLOR is set), always or never.
    #[arg(long, default_value = "auto", value_parser = ["auto", "always", "never"])]
    color: String,
    /// Wrap the text format to this many columns [default: COLUMNS, else the terminal's width (at most 100), else 80].
    #[arg(long, value_name = "COLUMNS")]
    width: Option<usize>,
    #[command(flatten)]
    models: ModelArgs,
}

fn parse_format(s: &str) -> Result<ReportFormat, String> {
    ReportFormat::parse(s).map_err(|e| e.to_string())
}

pub fn run(args: Args) -> anyhow::Result<Status> {
    let article = read_article(&args.input)?;
    let pipeline = Pipeline::from_config(&args.models.config()?).context(LOADING_MODELS)?;
    let source = article.source.clone();
    let doc = match pipeline.analyze(article) {
        Ok(doc) => doc,
        Err(rejected) => bail!("nothing to report on in {source}: {}", rejected.reason),
    };
    // One article per run: the process's exit frees the models faster than their destructors
    // (a few ms of a run's CPU time with the tagger loaded, by `perf record`).
    std::mem::forget(pipeline);
    let to_terminal = args.out.is_none() && std::io::stdout().is_terminal();
    let text = TextOptions { color: wants_color(&args.color, to_terminal), width: width(args.width, to_terminal) };
    let rendered = report::render(&doc, args.format, &text);
    match &args.out {
        Some(path) => std::fs::write(path, rendered).with_context(|| format!("writing {}", path.display()))?,
        None => {
            let mut stdout = std::io::stdout().lock();
            stdout.write_all(rendered.as_bytes())?;
            stdout.flush()?;
        }
    }
    Ok(Status::Ok)
}

/// Reads the page: a file as `analyze` reads a `.txt`/`.html` file (any
/// other name is read as a page too), or standard input.
fn read_article(input: &Path) -> anyhow::Result<Article> {
    if input.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin().lock().read_to_end(&mut bytes).context("reading the page from stdin")?;
        return article_from_stdin(bytes);
    }
    if !input.exists() {
        bail!("{} does not exist (no such file or folder)", input.display());
    }
    if input.is_dir() {
        bail!("{} is a folder; `report` takes one page (use `newsnlp analyze` for many)", input.display());
    }
    if let Ok(InputFormat::JsonLines | InputFormat::Csv | InputFormat::Parquet) = InputFormat::detect(input) {
        bail!(
            "{} looks like a dump of records; `report` takes one page as plain text or HTML \
             (use `newsnlp analyze` for dumps)",
            input.display()
        );
    }
    let mut source = FileSource::open(input, IngestOptions::default(), 0)?;
    match source.next().transpose()? {
        Some(Record::Article(article)) => Ok(article),
        Some(Record::Rejected(r)) => bail!("cannot read {}: {}", input.display(), r.reason),
        None => bail!("cannot read {}", input.display()),
    }
}

/// A page from stdin: HTML is decoded by its declared charset (as for `.html`
/// files); plain text must be UTF-8 (as for `.txt` files).
fn article_from_stdin(bytes: Vec<u8>) -> anyhow::Result<Article> {
    let bytes = bytes.strip_prefix(b"\xef\xbb\xbf").map(<[u8]>::to_vec).unwrap_or(bytes);
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(1024)]);
    let html = ingest::looks_like_html(&head);
    let text = if html {
        ingest::decode_html_bytes(&bytes)
    } else {
        String::from_utf8(bytes).map_err(|e| {
            anyhow::anyhow!("stdin: invalid UTF-8 at byte {} (plain text must be UTF-8)", e.utf8_error().valid_up_to())
        })?
    };
    if text.trim().is_empty() {
        bail!("stdin: no page to report on (the input is empty)");
    }
    let format = if html { newsnlp::document::TextFormat::Html } else { newsnlp::document::TextFormat::Text };
    Ok(Article { id: Some("stdin".into()), source: "stdin".into(), text, format, ..Default::default() })
}

/// Whether to colour the text format: `always`, `never`, or on a terminal
/// unless NO_COLOR is set (https://no-color.org) or TERM is `dumb`.
fn wants_color(choice: &str, to_terminal: bool) -> bool {
    match choice {
        "always" => true,
        "never" => false,
        _ => {
            to_terminal
                && std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty())
                && std::env::var_os("TERM").is_none_or(|t| t != "dumb")
        }
    }
}

/// The wrapping width: `--width`, else COLUMNS, else the terminal's width,
/// else 80; widths found by looking are capped at [`MAX_AUTO_WIDTH`].
fn width(explicit: Option<usize>, to_terminal: bool) -> usize {
    if let Some(w) = explicit {
        return w;
    }
    let from_env = std::env::var("COLUMNS").ok().and_then(|c| c.trim().parse::<usize>().ok()).filter(|&c| c > 0);
    let from_terminal = || {
        to_terminal
            .then(|| terminal_size::terminal_size_of(std::io::stdout()))
            .flatten()
            .map(|(terminal_size::Width(w), _)| usize::from(w))
    };
    from_env.or_else(from_terminal).map_or(DEFAULT_WIDTH, |w| w.min(MAX_AUTO_WIDTH))
}
