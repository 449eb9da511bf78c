//! `newsnlp eval quotes` and `newsnlp train quotes`: the quote finder
//! against PolNeAR, and its cue counts learned from PolNeAR's train split.

use std::path::PathBuf;

use anyhow::Context;
use newsnlp::eval::polnear::read_split;
use newsnlp::eval::quotes::{predict, read_predictions, score, PredictedQuote, QuoteScores};
use newsnlp::training::quotes::{cue_counts, cue_counts_tsv};
use newsnlp::{Pipeline, PipelineConfig};

use super::Status;

#[derive(clap::Args)]
#[command(after_help = "Examples:
  newsnlp eval quotes ../shared/data/quotes/polnear/data/dev
  newsnlp eval quotes DEV_DIR --score-file textacy.csv --peer-name textacy     both, side by side
  newsnlp eval quotes DEV_DIR --predictions newsnlp-dev.csv                    also write newsnlp's quotes

Scores (issue 16): direct quotes are the gold attributions whose content holds a quotation mark, matched
by newsnlp's direct and mixed quotes; reported speech the other gold attributions whose cue is a verb of
saying, matched by its indirect quotes. A match: the words of the two contents reach F1 >= 0.5. Speaker
accuracy, over matched quotes: the speaker (or its entity) shares a word with the gold source.
A peer's CSV has a header with article_id (the .txt file stem), kind, text and speaker_text.")]
pub struct EvalArgs {
    /// A PolNeAR split folder (holding text/ and attributions/).
    split: PathBuf,
    /// Another tool's quotes on the same split (CSV), scored the same way and printed beside newsnlp's.
    #[arg(long, value_name = "PEER.csv")]
    score_file: Vec<PathBuf>,
    /// Names for the --score-file tools, in order (default: each file's stem).
    #[arg(long, value_name = "NAME")]
    peer_name: Vec<String>,
    /// Writes newsnlp's quotes as a CSV in the peer format (plus speaker_name).
    #[arg(long, value_name = "OUT.csv")]
    predictions: Option<PathBuf>,
    /// Models folder (default: NEWSNLP_MODELS, ./models, or the source tree's).
    #[arg(long)]
    models_dir: Option<PathBuf>,
}

#[derive(clap::Args)]
#[command(after_help = "Example:
  newsnlp train quotes ../shared/data/quotes/polnear/data/train -o models/quotes/cues.tsv")]
pub struct TrainArgs {
    /// The PolNeAR train split folder (holding text/ and attributions/). Never the dev or test split.
    split: PathBuf,
    /// Where to write the cue counts (`-` for stdout).
    #[arg(short, long, default_value = "-")]
    out: PathBuf,
}

pub fn eval(args: EvalArgs) -> anyhow::Result<Status> {
    let articles = read_split(&args.split)?;
    let config = PipelineConfig { models_dir: args.models_dir.clone(), ..PipelineConfig::default() };
    let mut config = config;
    config.topics.enabled = false;
    let pipeline = Pipeline::from_config(&config)?;
    let started = std::time::Instant::now();
    let ours = predict(&pipeline, &articles);
    let secs = started.elapsed().as_secs_f64();
    if let Some(path) = &args.predictions {
        write_predictions(path, &ours)?;
    }
    let mut rows = vec![("newsnlp".to_string(), score(&articles, &ours))];
    for (i, file) in args.score_file.iter().enumerate() {
        let name = args.peer_name.get(i).cloned().unwrap_or_else(|| {
            file.file_stem().map_or("peer".into(), |s| s.to_string_lossy().into_owned())
        });
        let theirs = read_predictions(file)?;
        rows.push((name, score(&articles, &theirs)));
    }
    println!("{} ({} articles; newsnlp analysed them in {secs:.1} s)", args.split.display(), articles.len());
    println!("{:<12} {:>30}   {:>30}   {:>16}", "", "direct quotes", "reported speech", "speaker");
    println!(
        "{:<12} {:>6} {:>6} {:>6} {:>9}   {:>6} {:>6} {:>6} {:>9}   {:>16}",
        "tool", "P", "R", "F1", "pred/gold", "P", "R", "F1", "pred/gold", "accuracy (n)"
    );
    for (name, s) in &rows {
        print_row(name, s);
    }
    Ok(Status::Ok)
}

fn print_row(name: &str, s: &QuoteScores) {
    let d = &s.direct;
    let r = &s.reported;
    println!(
        "{:<12} {:>6.3} {:>6.3} {:>6.3} {:>9}   {:>6.3} {:>6.3} {:>6.3} {:>9}   {:>8.3} ({:>5})",
        name,
        d.precision(),
        d.recall(),
        d.f1(),
        format!("{}/{}", d.predicted, d.gold),
        r.precision(),
        r.recall(),
        r.f1(),
        format!("{}/{}", r.predicted, r.gold),
        s.speaker_accuracy(),
        s.speaker_total,
    );
}

fn write_predictions(path: &std::path::Path, quotes: &[PredictedQuote]) -> anyhow::Result<()> {
    let mut w = csv::Writer::from_path(path).with_context(|| format!("writing {}", path.display()))?;
    w.write_record(["article_id", "kind", "text", "speaker_text", "speaker_name"])?;
    for q in quotes {
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        w.write_record([&q.article_id, &q.kind, &q.text, &opt(&q.speaker_text), &opt(&q.speaker_name)])?;
    }
    w.flush()?;
    Ok(())
}

pub fn train(args: TrainArgs) -> anyhow::Result<Status> {
    let articles = read_split(&args.split)?;
    let tsv = cue_counts_tsv(&cue_counts(&articles), articles.len());
    if args.out.as_os_str() == "-" {
        print!("{tsv}");
    } else {
        std::fs::write(&args.out, tsv).with_context(|| format!("writing {}", args.out.display()))?;
        eprintln!("newsnlp: cue counts of {} articles written to {}", articles.len(), args.out.display());
    }
    Ok(Status::Ok)
}
