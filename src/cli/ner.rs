//! `newsnlp train ner` and `newsnlp eval ner`.
//!
//! Examples:
//!   newsnlp train ner --train train.txt --dev valid.txt --out models/ner \
//!       --gazetteers data/gazetteers --unlabelled data/topics/bbc-train.jsonl data/raw_news_text/abc_australia_2006
//!   newsnlp eval ner valid.txt --predictions valid.pred.txt

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;
use newsnlp::entities::conll::{self, ConllDocument, TagSpan};
use newsnlp::entities::eval::Scores;
use newsnlp::entities::tagger::clusters::{self, ClusterConfig, Clusters};
use newsnlp::entities::tagger::features::FeatureSet;
use newsnlp::entities::tagger::{gazetteer::Gazetteer, lists};
use newsnlp::entities::tagger::train::{self as trainer, TrainConfig};
use newsnlp::entities::tagger::{Tagger, MODEL_FILE};
use newsnlp::Label;

use super::Status;

/// Flags of `newsnlp train ner`.
#[derive(clap::Args)]
#[command(after_help = "Example:
  newsnlp train ner --train conll2003/train.txt --dev conll2003/valid.txt --out models/ner \\
      --gazetteers data/gazetteers --unlabelled data/topics/bbc-train.jsonl data/raw_news_text/brown_press

Writes OUT/tagger.bin (weights, gazetteer and clusters in one file) and, with --dev,
OUT/dev-scores.json. The tokens of --train are always part of the unlabelled text.")]
pub struct TrainArgs {
    /// Training file (CoNLL: token first, NER tag last, IOB1/IOB2/IOBES/BILOU).
    #[arg(long)]
    train: PathBuf,
    /// Development file (CoNLL), scored after training.
    #[arg(long)]
    dev: Option<PathBuf>,
    /// Output folder for the model.
    #[arg(long)]
    out: PathBuf,
    /// Seed of shuffles, folds and cluster initialisation.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Passes over the training data (each stage).
    #[arg(long, default_value_t = TrainConfig::default().epochs)]
    epochs: usize,
    /// Folds of the jackknifed second stage.
    #[arg(long, default_value_t = TrainConfig::default().folds)]
    folds: usize,
    /// Features seen fewer times in training are dropped.
    #[arg(long, default_value_t = TrainConfig::default().min_count)]
    min_count: u32,
    /// The shared data's `gazetteers/` folder, compiled into the model.
    #[arg(long)]
    gazetteers: Option<PathBuf>,
    /// Unlabelled text for word clusters: .jsonl (title and text fields),
    /// plain-text files, word/TAG files (Brown), or folders of them.
    #[arg(long, num_args = 1..)]
    unlabelled: Vec<PathBuf>,
    /// Take the gazetteer and clusters from an existing model instead of building them.
    #[arg(long, conflicts_with_all = ["gazetteers", "unlabelled"])]
    resources_from: Option<PathBuf>,
    /// Words seen fewer times in the unlabelled text get no cluster.
    #[arg(long, default_value_t = ClusterConfig::default().min_count)]
    cluster_min_count: u32,
    /// Switch off the gazetteer features.
    #[arg(long)]
    no_gazetteer: bool,
    /// Switch off the cluster features.
    #[arg(long)]
    no_clusters: bool,
    /// Read title-case lines as they are, not as if in capitals.
    #[arg(long)]
    keep_title_case: bool,
    /// Switch off the second stage.
    #[arg(long)]
    no_two_stage: bool,
}

/// Flags of `newsnlp eval ner`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  newsnlp eval ner conll2003/valid.txt
  newsnlp eval ner valid.txt --model out/ner --predictions valid.pred.txt --json scores.json
  newsnlp eval ner valid.txt --model out/ner --baseline models/ner/dev-scores.json --max-drop 0.005")]
pub struct EvalArgs {
    /// CoNLL file to score.
    file: PathBuf,
    /// Model file or folder (default: ner/tagger.bin in the models folder).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Models folder (default: NEWSNLP_MODELS, then ./models).
    #[arg(long)]
    models_dir: Option<PathBuf>,
    /// Write `token gold predicted` lines (IOB2, the file's own label names).
    #[arg(long)]
    predictions: Option<PathBuf>,
    /// Also write the scores as JSON.
    #[arg(long)]
    json: Option<PathBuf>,
    /// Robustness check: rewrite every all-caps headline (three words or more)
    /// in title case, as news sites print them, and score those headlines only.
    /// Acronyms of up to three letters inside gold entities stay in capitals.
    #[arg(long)]
    headlines_title_case: bool,
    /// Fail (exit 2) when micro F1 is more than --max-drop below the micro F1
    /// recorded in this scores file (as `train ner --dev` writes it).
    #[arg(long)]
    baseline: Option<PathBuf>,
    /// Allowed drop below --baseline, in F1 (0.005 is half a point).
    #[arg(long, default_value_t = 0.005, requires = "baseline")]
    max_drop: f64,
}

pub fn train(args: TrainArgs) -> anyhow::Result<Status> {
    let t0 = Instant::now();
    let log = |msg: String| eprintln!("[{:>6.1}s] {msg}", t0.elapsed().as_secs_f64());
    let docs = conll::read_file(&args.train)?;
    let features = FeatureSet {
        gazetteer: !args.no_gazetteer,
        clusters: !args.no_clusters,
        title_as_capitals: !args.keep_title_case,
        two_stage: !args.no_two_stage,
    };
    let (gaz, clusters) = match &args.resources_from {
        Some(path) => {
            let m = Tagger::load(path)?.model().clone();
            (m.gazetteer, m.clusters)
        }
        None => {
            let gaz = match (&args.gazetteers, features.gazetteer) {
                (Some(dir), true) => lists::compile(&lists::GazetteerSources::in_folder(dir))?,
                _ => Gazetteer::default(),
            };
            if features.gazetteer {
                log(format!("gazetteer: {} phrases and prefixes", gaz.len()));
            }
            let clusters = if features.clusters && !args.unlabelled.is_empty() {
                build_clusters(&args, &docs, &log)?
            } else {
                Clusters::default()
            };
            (gaz, clusters)
        }
    };
    if features.gazetteer && gaz.is_empty() {
        log("warning: gazetteer features are on but no gazetteer was given (--gazetteers)".into());
    }
    if features.clusters && clusters.is_empty() {
        log("warning: cluster features are on but no clusters were built (--unlabelled)".into());
    }
    let cfg = TrainConfig {
        epochs: args.epochs,
        seed: args.seed,
        features,
        folds: args.folds,
        min_count: args.min_count,
    };
    let mut model = trainer::train(&docs, gaz, clusters, &cfg, &mut |m| log(m));
    model.settings.trained.insert("train_file".into(), file_name(&args.train).into());
    std::fs::create_dir_all(&args.out).with_context(|| format!("creating {}", args.out.display()))?;
    let path = args.out.join(MODEL_FILE);
    model.save(&path)?;
    let size = std::fs::metadata(&path).map(|m| m.len()).unwrap_or(0);
    log(format!("wrote {} ({:.1} MB)", path.display(), size as f64 / 1e6));
    if let Some(dev) = &args.dev {
        let tagger = Tagger::new(model);
        let (scores, _, _) = score(&tagger, &conll::read_file(dev)?, None::<std::io::Sink>, None)?;
        print!("{scores}");
        let json = scores_json(&scores, dev);
        let out = args.out.join("dev-scores.json");
        std::fs::write(&out, serde_json::to_string_pretty(&json)? + "\n").with_context(|| format!("writing {}", out.display()))?;
        log(format!("dev micro F1 {:.4}; wrote {}", scores.micro().f1(), out.display()));
    }
    Ok(Status::Ok)
}

fn build_clusters(args: &TrainArgs, docs: &[ConllDocument], log: &dyn Fn(String)) -> anyhow::Result<Clusters> {
    let mut sentences = clusters::read_unlabelled(&args.unlabelled)?;
    let unlabelled = sentences.len();
    sentences.extend(docs.iter().flat_map(|d| d.sentences.iter().map(|s| s.tokens.clone())));
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    log(format!("clusters: {} sentences of unlabelled text plus {} of --train, {tokens} tokens", unlabelled, sentences.len() - unlabelled));
    let cfg = ClusterConfig { seed: args.seed, min_count: args.cluster_min_count, ..ClusterConfig::default() };
    let c = clusters::build(sentences.iter().map(|s| s.iter().map(String::as_str).collect()), &cfg);
    log(format!("clusters: {} words clustered", c.len()));
    Ok(c)
}

pub fn eval(args: EvalArgs) -> anyhow::Result<Status> {
    let t0 = Instant::now();
    let tagger = match &args.model {
        Some(p) => Tagger::load(p)?,
        None => Tagger::load_default(args.models_dir.as_deref())?,
    };
    let loaded = t0.elapsed();
    let mut docs = conll::read_file(&args.file)?;
    let only = args.headlines_title_case.then(|| rewrite_headlines(&mut docs));
    if let Some(only) = &only {
        eprintln!("{} all-caps headlines rewritten in title case; the scores are over them only", only.len());
    }
    let out = match &args.predictions {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => None,
    };
    let t1 = Instant::now();
    let (scores, tokens, calibration) = score(&tagger, &docs, out, only.as_ref())?;
    let took = t1.elapsed().as_secs_f64();
    print!("{scores}");
    eprint!("{calibration}");
    eprintln!(
        "model loaded in {:.0} ms; tagged {tokens} tokens in {:.2}s ({:.0} tokens/s)",
        loaded.as_secs_f64() * 1e3,
        took,
        tokens as f64 / took.max(1e-9)
    );
    if let Some(p) = &args.json {
        std::fs::write(p, serde_json::to_string_pretty(&scores_json(&scores, &args.file))? + "\n")
            .with_context(|| format!("writing {}", p.display()))?;
    }
    if let Some(p) = &args.baseline {
        let text = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        let recorded: serde_json::Value = serde_json::from_str(&text).with_context(|| format!("parsing {}", p.display()))?;
        let base = recorded["micro"]["f1"].as_f64().with_context(|| format!("{} has no micro.f1", p.display()))?;
        let f1 = round4(scores.micro().f1());
        anyhow::ensure!(
            f1 >= base - args.max_drop - 1e-9,
            "micro F1 {f1:.4} is more than {:.4} below the baseline {base:.4} of {}",
            args.max_drop,
            p.display()
        );
        eprintln!("micro F1 {f1:.4} against baseline {base:.4} (allowed drop {:.4}): ok", args.max_drop);
    }
    Ok(Status::Ok)
}

/// Tags every document of a CoNLL file and scores it (with `only`, only
/// those (document, sentence) pairs); optionally writes predictions.
fn score(
    tagger: &Tagger,
    docs: &[ConllDocument],
    mut out: Option<impl Write>,
    only: Option<&HashSet<(usize, usize)>>,
) -> anyhow::Result<(Scores, usize, Calibration)> {
    let names = label_names(docs);
    let mut scores = Scores::default();
    let mut calibration = Calibration::default();
    let mut tokens = 0;
    for (d, doc) in docs.iter().enumerate() {
        let views: Vec<Vec<&str>> = doc.sentences.iter().map(|s| s.tokens.iter().map(String::as_str).collect()).collect();
        let slices: Vec<&[&str]> = views.iter().map(Vec::as_slice).collect();
        let found = tagger.tag_document(&slices);
        for (i, (s, spans)) in doc.sentences.iter().zip(found).enumerate() {
            tokens += s.tokens.len();
            let confidences: Vec<f32> = spans.iter().map(|t| t.confidence).collect();
            let predicted: Vec<TagSpan> =
                spans.into_iter().map(|t| TagSpan { tokens: t.tokens, label: names.name(t.label) }).collect();
            if only.is_none_or(|o| o.contains(&(d, i))) {
                scores.add(&s.spans, &predicted);
                for (p, c) in predicted.iter().zip(confidences) {
                    calibration.add(c, s.spans.contains(p));
                }
            }
            if let Some(w) = out.as_mut() {
                let gold = conll::iob2_tags(s.tokens.len(), &s.spans);
                let pred = conll::iob2_tags(s.tokens.len(), &predicted);
                for ((t, g), p) in s.tokens.iter().zip(gold).zip(pred) {
                    writeln!(w, "{t} {g} {p}")?;
                }
                writeln!(w)?;
            }
        }
    }
    if let Some(mut w) = out {
        w.flush()?;
    }
    Ok((scores, tokens, calibration))
}

/// Predicted entities and how many were right, by tenth of confidence.
#[derive(Default)]
struct Calibration([(u64, u64); 10]);

impl Calibration {
    fn add(&mut self, confidence: f32, right: bool) {
        let b = &mut self.0[((confidence * 10.0) as usize).min(9)];
        b.0 += 1;
        b.1 += u64::from(right);
    }
}

impl std::fmt::Display for Calibration {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{:<10} {:>8} {:>9}", "confidence", "entities", "precision")?;
        for (i, (n, right)) in self.0.iter().enumerate().filter(|(_, (n, _))| *n > 0) {
            writeln!(f, "{:.1}-{:.1}    {:>8} {:>9.4}", i as f64 / 10.0, (i + 1) as f64 / 10.0, n, *right as f64 / *n as f64)?;
        }
        Ok(())
    }
}

/// Rewrites the all-caps headlines of the documents in title case
/// ("LEICESTERSHIRE TAKE OVER AT TOP" → "Leicestershire Take Over At Top");
/// returns which (document, sentence) pairs. Short all-caps words inside gold
/// entities ("UAE") stay as they are, as a headline writer would keep them.
fn rewrite_headlines(docs: &mut [ConllDocument]) -> HashSet<(usize, usize)> {
    use newsnlp::entities::tagger::forms::{line_case, LineCase};
    let mut rewritten = HashSet::new();
    for (d, doc) in docs.iter_mut().enumerate() {
        for (i, s) in doc.sentences.iter_mut().enumerate() {
            let views: Vec<&str> = s.tokens.iter().map(String::as_str).collect();
            let words = views.iter().filter(|t| t.chars().any(char::is_alphabetic)).count();
            if words < 3 || line_case(&views) != LineCase::Upper {
                continue;
            }
            let in_entity: Vec<bool> = (0..s.tokens.len()).map(|k| s.spans.iter().any(|sp| sp.tokens.contains(&k))).collect();
            for (k, t) in s.tokens.iter_mut().enumerate() {
                let letters = t.chars().filter(|c| c.is_alphabetic()).count();
                if letters == 0 || (letters <= 3 && in_entity[k]) {
                    continue;
                }
                let mut chars = t.chars();
                if let Some(first) = chars.next() {
                    *t = first.to_string() + &chars.as_str().to_lowercase();
                }
            }
            rewritten.insert((d, i));
        }
    }
    rewritten
}

/// The file's own spelling of each label (PER or PERSON), so that predictions score against gold.
struct LabelNames(Vec<(Label, String)>);

impl LabelNames {
    fn name(&self, label: Label) -> String {
        self.0.iter().find(|(l, _)| *l == label).map_or_else(
            || match label {
                Label::Person => "PER".into(),
                Label::Location => "LOC".into(),
                Label::Organization => "ORG".into(),
                other => other.as_str().into(),
            },
            |(_, n)| n.clone(),
        )
    }
}

fn label_names(docs: &[ConllDocument]) -> LabelNames {
    let mut names: Vec<(Label, String)> = Vec::new();
    for span in docs.iter().flat_map(|d| &d.sentences).flat_map(|s| &s.spans) {
        if let Some(l) = Label::parse(&span.label) {
            if !names.iter().any(|(k, _)| *k == l) {
                names.push((l, span.label.clone()));
            }
        }
    }
    LabelNames(names)
}

fn scores_json(scores: &Scores, file: &Path) -> serde_json::Value {
    let row = |c: &newsnlp::entities::eval::Counts| {
        serde_json::json!({
            "precision": round4(c.precision()), "recall": round4(c.recall()), "f1": round4(c.f1()),
            "tp": c.tp, "fp": c.fp, "fn": c.fn_,
        })
    };
    let by_type: serde_json::Map<String, serde_json::Value> = scores.by_type().iter().map(|(k, c)| (k.clone(), row(c))).collect();
    serde_json::json!({ "file": file_name(file), "micro": row(&scores.micro()), "by_type": by_type })
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn file_name(p: &Path) -> String {
    p.file_name().map_or_else(|| p.display().to_string(), |n| n.to_string_lossy().into_owned())
}
