//! `newsnlp eval language`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use newsnlp::eval::language::{evaluate, read_expected, Evidence};
use newsnlp::ingest::MultiSource;
use newsnlp::language::Whatlang;
use newsnlp::Pipeline;

use super::fields::FieldArgs;
use super::Status;

/// Flags of `newsnlp eval language`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  newsnlp eval language dump.jsonl                          gold language in each record's `language` field
  newsnlp eval language dump.jsonl --gold-field lang --evidence text
  newsnlp eval language reuters.jsonl --expect eng          every record is English
  newsnlp eval language pages/ --expected expected.jsonl --gold-field lang

Gold languages may be ISO 639-1 (`en`) or 639-3 (`eng`) codes, tags (`en-GB`) or English names.
The records go through the cleaner and the language decision as in `analyze`, in input order.
Buckets are by tokens in the clean body. --predictions writes one JSON object per scored record:
id, gold, language (null: und), source (what decided it), tokens.")]
pub struct EvalArgs {
    /// Inputs: JSON Lines, CSV, Parquet, or HTML/text files and folders (with --expected or --expect).
    #[arg(required = true, value_name = "INPUT")]
    inputs: Vec<PathBuf>,
    /// Field holding the gold language (of each record, or of each page in --expected).
    #[arg(long, default_value = "language", value_name = "FIELD")]
    gold_field: String,
    /// A JSON Lines file with one object per page: `file` (the page's file name) and the gold field.
    #[arg(long, value_name = "FILE", conflicts_with = "expect")]
    expected: Option<PathBuf>,
    /// Treat every record as being in this language (for a dump known to be in one language).
    #[arg(long, value_name = "LANG")]
    expect: Option<String>,
    /// The evidence weighed: `text` (the detector on the body alone), `article` (also the headline and a
    /// declared language: --language-field, a page's lang) or `stream` (also the site and the dump, in
    /// input order: what `analyze` does).
    #[arg(long, default_value = "stream", value_parser = ["text", "article", "stream"])]
    evidence: String,
    #[command(flatten)]
    fields: FieldArgs,
    /// Writes one JSON object per scored record here.
    #[arg(long, value_name = "OUT.jsonl")]
    predictions: Option<PathBuf>,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<Status> {
    let mut ingest = args.fields.ingest_options();
    // The gold field is read as the records' labels, and never as evidence: a declared language is
    // evidence only when --language-field names another field.
    if args.fields.language_field.as_deref().is_none_or(|f| f == args.gold_field) {
        ingest.language_field = None;
    }
    if args.expect.is_none() && args.expected.is_none() {
        ingest.label_field = Some(args.gold_field.clone());
    }
    let expected = match &args.expected {
        Some(p) => read_expected(p, &args.gold_field).with_context(|| format!("reading {}", p.display()))?,
        None => Default::default(),
    };
    let expect = args.expect.clone();
    let gold = move |_: &str, source: &str, labels: &[String]| -> Option<String> {
        if let Some(e) = &expect {
            return Some(e.clone());
        }
        if !expected.is_empty() {
            let name = Path::new(source).file_name()?.to_str()?;
            return expected.get(name).cloned();
        }
        labels.first().cloned()
    };
    let evidence = match args.evidence.as_str() {
        "text" => Evidence::Text,
        "article" => Evidence::Article,
        _ => Evidence::Stream,
    };
    let source = MultiSource::new(args.inputs.clone(), ingest)?;
    let pipeline = Pipeline::builder().build()?;
    let run = evaluate(source, &pipeline, &Whatlang, evidence, &gold)?;
    if let Some(p) = &args.predictions {
        let mut w = std::io::BufWriter::new(std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?);
        for call in &run.calls {
            serde_json::to_writer(&mut w, call)?;
            w.write_all(b"\n")?;
        }
        w.flush()?;
    }
    anyhow::ensure!(
        run.evaluation.total() > 0,
        "no record with a gold language ({} without one, {} rejected): name the field with --gold-field, or use --expect or --expected",
        run.without_gold,
        run.rejected
    );
    let mut out = std::io::stdout().lock();
    writeln!(out, "evidence: {}", args.evidence)?;
    write!(out, "{}", run.evaluation.report())?;
    if run.without_gold + run.rejected > 0 {
        eprintln!("newsnlp: not scored: {} records without a gold language, {} rejected", run.without_gold, run.rejected);
    }
    Ok(Status::Ok)
}
