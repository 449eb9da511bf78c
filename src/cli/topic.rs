//! `newsnlp train topic` and `newsnlp eval topic`.

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use newsnlp::ingest::IngestOptions;
use newsnlp::eval::topic::{cross_validate, evaluate, LabelMap};
use newsnlp::training::topic::{self as recipe, Prepared};
use newsnlp::topic::train::{self, fold_of, LabelledText, TrainOptions};
use newsnlp::topic::clusters::WordClusters;
use newsnlp::topic::{LinearModel, BUILTIN_DIR};

use super::fields::FieldArgs;
use super::Status;

/// Flags of `newsnlp train topic`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  newsnlp train topic --data labelled.jsonl --label-field section --out my-topics/ --holdout 0.2
  newsnlp train topic --data train.jsonl --label-field tags --dev dev.jsonl --out my-topics/
  newsnlp train topic --data labelled.jsonl --label-field section --cv 5
  newsnlp analyze dump.jsonl -o out/ --topic-model my-topics/

The label field holds a string or a list of strings (multi-label); any label set works.
The built-in IPTC model is rebuilt from the shared corpora with
  newsnlp train topic --builtin /path/to/shared/data \\
      --word-clusters models/topic/word-clusters.tsv.gz --cv 5 --out models/topic
which cross-validates the recipe (each fold held out of all of it), fits the
score temperatures per text length on the held-out folds, then trains on everything.
Without --out it only reports the cross-validation.")]
pub struct TrainArgs {
    /// Labelled JSON Lines.
    #[arg(long, required_unless_present = "builtin", conflicts_with = "builtin")]
    data: Option<PathBuf>,
    /// Field holding the label (a string) or labels (a list of strings).
    #[arg(long, default_value = "label")]
    label_field: String,
    #[command(flatten)]
    fields: FieldArgs,
    /// Output folder for the model.
    #[arg(long, required_unless_present = "cv")]
    out: Option<PathBuf>,
    /// Labelled JSON Lines to report accuracy and macro-F1 on after training.
    #[arg(long, conflicts_with = "holdout")]
    dev: Option<PathBuf>,
    /// Hold out this fraction of the data (by id hash) for accuracy and macro-F1; the model is trained on the rest.
    #[arg(long, value_name = "FRACTION")]
    holdout: Option<f64>,
    /// Report K-fold cross-validation (then train on everything if --out is given; with --builtin, the
    /// held-out folds also calibrate the scores).
    #[arg(long, value_name = "K")]
    cv: Option<usize>,
    /// Train the built-in IPTC model from the shared data folder (BBC, Reuters, raw news text).
    #[arg(long, value_name = "SHARED_DATA_DIR")]
    builtin: Option<PathBuf>,
    /// With --builtin: word clusters (see scripts/topic-word-clusters.py) whose ids become features too;
    /// the built-in model's are models/topic/word-clusters.tsv.gz.
    #[arg(long, value_name = "FILE", requires = "builtin")]
    word_clusters: Option<PathBuf>,
    /// Passes over the training data.
    #[arg(long, default_value_t = TrainOptions::default().epochs)]
    epochs: usize,
    /// Hash bits of the feature table (2^bits buckets); fewer makes smaller models.
    #[arg(long, default_value_t = TrainOptions::default().bits)]
    bits: u32,
    /// `linear` (hashed words and bigrams) or `transformer` (a classifier head on MiniLM article embeddings,
    /// with the IPTC categories it has no examples for scored zero-shot when --zero-shot-others is given;
    /// needs the `transformer` feature). Use the result with `analyze --topic-backend transformer`.
    #[arg(long, default_value = "linear", value_parser = ["linear", "transformer"])]
    backend: String,
    /// With `--backend transformer`: also score the taxonomy categories without training examples, zero-shot.
    #[arg(long)]
    zero_shot_others: bool,
    /// Folder of model files (for the embedding model of `--backend transformer`).
    #[arg(long, value_name = "DIR")]
    models_dir: Option<PathBuf>,
}

/// Flags of `newsnlp eval topic`.
#[derive(clap::Args)]
#[command(after_help = "\
Examples:
  newsnlp eval topic bbc.jsonl --label-field topic --map bbc-to-iptc.tsv
  newsnlp eval topic test.jsonl --label-field section --model my-topics/ --predictions preds.jsonl

A map file is a JSON object {\"business\": \"economy\"} or lines `business<TAB>economy`.
Predictions: one JSON object per readable input line: id, gold (list of mapped labels; empty when
the line has none, and then it is not scored), predicted, scores (label → score).")]
pub struct EvalArgs {
    /// Labelled JSON Lines to score.
    file: PathBuf,
    /// Field holding the gold label(s).
    #[arg(long, default_value = "label")]
    label_field: String,
    #[command(flatten)]
    fields: FieldArgs,
    /// Model folder (default: the built-in IPTC model).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Models folder for the built-in model (default: NEWSNLP_MODELS, ./models, or the source tree's).
    #[arg(long)]
    models_dir: Option<PathBuf>,
    /// Maps dataset labels to model labels.
    #[arg(long)]
    map: Option<PathBuf>,
    /// Writes one JSON object per scored record here.
    #[arg(long, value_name = "OUT.jsonl")]
    predictions: Option<PathBuf>,
}

pub fn train(args: TrainArgs) -> anyhow::Result<Status> {
    let options = TrainOptions { epochs: args.epochs, bits: args.bits, ..TrainOptions::default() };
    if let Some(shared) = &args.builtin {
        return train_builtin(shared, args.word_clusters.as_deref(), args.cv, args.out.as_deref());
    }
    let data = args.data.as_deref().context("--data is required")?;
    let ingest = args.fields.ingest_options();
    let file = read(data, &args.label_field, &ingest)?;
    let texts: Vec<LabelledText> = file.into_iter().filter(|t| !t.labels.is_empty()).collect();
    anyhow::ensure!(!texts.is_empty(), "{}: no record has a label in field `{}`", data.display(), args.label_field);
    eprintln!("newsnlp: {} labelled records, labels: {}", texts.len(), train::label_set(&texts).join(", "));
    if args.backend == "transformer" {
        return train_transformer(&args, &texts);
    }
    if let Some(k) = args.cv {
        let eval = cross_validate(&texts, k, &options)?;
        eprintln!("newsnlp: {k}-fold cross-validation\n{}", eval.report());
    }
    let Some(out) = args.out.as_deref() else { return Ok(Status::Ok) };
    let (train_set, check): (Vec<LabelledText>, Option<Vec<LabelledText>>) = match (&args.dev, args.holdout) {
        (Some(dev), _) => (texts, Some(read(dev, &args.label_field, &ingest)?)),
        (None, Some(f)) => {
            anyhow::ensure!(f > 0.0 && f < 1.0, "--holdout must be between 0 and 1, got {f}");
            let (held, kept): (Vec<_>, Vec<_>) =
                texts.into_iter().partition(|t| fold_of(&t.id, 1000) < (f * 1000.0) as usize);
            (kept, Some(held))
        }
        (None, None) => (texts, None),
    };
    let mut model = train::train_on_texts(&train_set, &options)?;
    model.set_notes(serde_json::json!({
        "trained_on": data.display().to_string(),
        "label_field": args.label_field,
        "records": train_set.len(),
        "epochs": options.epochs,
    }));
    model.save(out).with_context(|| format!("writing the model to {}", out.display()))?;
    eprintln!("newsnlp: model written to {} ({} labels)", out.display(), model.label_names().len());
    if let Some(check) = check {
        let eval = evaluate(&model, &check, &LabelMap::default(), None)?;
        eprintln!("newsnlp: held-out evaluation\n{}", eval.report());
    }
    Ok(Status::Ok)
}

pub fn eval(args: EvalArgs) -> anyhow::Result<Status> {
    let model = match &args.model {
        Some(dir) => LinearModel::load(dir)?,
        None => LinearModel::load(&newsnlp::models::model_path(args.models_dir.as_deref(), BUILTIN_DIR)?)?,
    };
    let map = match &args.map {
        Some(p) => LabelMap::read(p)?,
        None => LabelMap::default(),
    };
    let ingest = args.fields.ingest_options();
    let texts = read(&args.file, &args.label_field, &ingest)?;
    let mut out = match &args.predictions {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => None,
    };
    let eval = evaluate(&model, &texts, &map, out.as_mut().map(|w| w as &mut dyn Write))?;
    if let Some(mut w) = out {
        w.flush()?;
    }
    let unknown: Vec<&String> = eval.per_label().keys().filter(|l| !model.label_names().contains(l)).collect();
    writeln!(std::io::stdout().lock(), "{}", eval.report())?;
    if !unknown.is_empty() {
        eprintln!(
            "newsnlp: note: gold labels the model does not know (map them with --map): {}",
            unknown.iter().map(|s| s.as_str()).collect::<Vec<_>>().join(", ")
        );
    }
    Ok(Status::Ok)
}

/// `train topic --backend transformer`: embeds every text, reports cross-validation when asked, and
/// trains the head on all of it.
fn train_transformer(args: &TrainArgs, texts: &[LabelledText]) -> anyhow::Result<Status> {
    use newsnlp::transformer::{self, HeadOptions};
    let models_dir = newsnlp::models::models_dir(args.models_dir.as_deref());
    let embedder = transformer::load_default_embedder(Some(&models_dir)).context("loading the embedding model")?;
    let joined: Vec<String> = texts
        .iter()
        .map(|t| if t.title.is_empty() || t.body.starts_with(&t.title) { t.body.clone() } else { format!("{}\n\n{}", t.title, t.body) })
        .collect();
    eprintln!("newsnlp: embedding {} texts", joined.len());
    let vectors = embedder.embed_texts(&joined)?;
    // A multi-label record trains the head once per label.
    let examples: Vec<(Vec<f32>, String)> = vectors
        .into_iter()
        .zip(texts)
        .flat_map(|(v, t)| t.labels.iter().map(move |l| (v.clone(), l.clone())))
        .collect();
    let options = HeadOptions::default();
    if let Some(k) = args.cv {
        let accuracy = transformer::head::cross_validate(&examples, k, &options)?;
        eprintln!("newsnlp: {k}-fold cross-validation accuracy {accuracy:.4}");
    }
    let Some(out) = args.out.as_deref() else { return Ok(Status::Ok) };
    let model = transformer::train_topic_model(&embedder, &examples, &options, args.zero_shot_others)?;
    let file = out.join(newsnlp::pipeline::TRANSFORMER_TOPIC_FILE);
    model.save(&file).with_context(|| format!("writing the model to {}", file.display()))?;
    eprintln!("newsnlp: transformer topic model written to {} ({} labels)", file.display(), model.labels().len());
    Ok(Status::Ok)
}

fn read(path: &Path, label_field: &str, ingest: &IngestOptions) -> anyhow::Result<Vec<LabelledText>> {
    let file =
        train::read_labelled(path, label_field, ingest).with_context(|| format!("reading {}", path.display()))?;
    if !file.rejected.is_empty() {
        eprintln!(
            "newsnlp: {} records of {} skipped, first: {}",
            file.rejected.len(),
            path.display(),
            file.rejected[0]
        );
    }
    Ok(file.texts)
}

fn train_builtin(shared: &Path, clusters: Option<&Path>, cv: Option<usize>, out: Option<&Path>) -> anyhow::Result<Status> {
    let start = std::time::Instant::now();
    let clusters = clusters.map(WordClusters::read).transpose()?;
    let prepared = Prepared::load(shared, clusters).with_context(|| format!("reading the corpora under {}", shared.display()))?;
    eprintln!("newsnlp: corpora read and featurised in {:.1} s", start.elapsed().as_secs_f64());
    let mut stdout = std::io::stdout().lock();
    let mut temperatures = Vec::new();
    if let Some(k) = cv {
        let report = recipe::cross_validate(&prepared, k)?;
        temperatures = report.temperatures();
        writeln!(stdout, "BBC News, {k}-fold cross-validation of the whole recipe (labels mapped to the taxonomy)")?;
        writeln!(stdout, "{}", report.bbc.report())?;
        writeln!(
            stdout,
            "Reuters-21578, same folds: {} of {} articles labelled {} have `economy` on top: {:.4}",
            report.reuters_economy,
            report.reuters_total,
            recipe::REUTERS_ECONOMY_TOPICS.join("/"),
            report.reuters_economy_share()
        )?;
        writeln!(
            stdout,
            "Reuters-21578, all topics (mapped to economy, and labour for jobs)\n{}",
            report.reuters.report()
        )?;
        writeln!(stdout, "BBC News teasers, same folds: the headline alone\n{}", report.bbc_titles.report())?;
        writeln!(stdout, "BBC News teasers, same folds: the first sentence alone\n{}", report.bbc_leads.report())?;
        writeln!(stdout, "BBC News teasers, same folds: headline and first sentence\n{}", report.bbc_teasers.report())?;
        writeln!(stdout, "Calibration on the held-out predictions above (features = non-zero hashed features)")?;
        let [features, items, accuracy, temperature, was, is] =
            ["features", "items", "accuracy", "temperature", "top score was", "top score is"];
        writeln!(stdout, "{features:>12} {items:>7} {accuracy:>9} {temperature:>12} {was:>13} {is:>12}")?;
        for b in &report.calibration {
            let range = b.max_features.map_or("more".to_string(), |m| format!("<= {m}"));
            writeln!(
                stdout,
                "{range:>12} {:>7} {:>9.4} {:>12.3} {:>13.4} {:>12.4}",
                b.count, b.accuracy, b.temperature, b.confidence_before, b.confidence_after
            )?;
        }
        eprintln!("newsnlp: cross-validation took {:.1} s", start.elapsed().as_secs_f64());
    }
    if let Some(out) = out {
        let (mut model, counts) = prepared.build_all()?;
        if temperatures.is_empty() {
            eprintln!("newsnlp: note: scores are not calibrated; add --cv 5 to fit temperatures on held-out folds");
        }
        model.set_calibration(temperatures);
        model.save(out).with_context(|| format!("writing the model to {}", out.display()))?;
        writeln!(stdout, "training signal per category:\n{}", serde_json::to_string_pretty(&counts)?)?;
        eprintln!("newsnlp: built-in model written to {} in {:.1} s", out.display(), start.elapsed().as_secs_f64());
    }
    Ok(Status::Ok)
}
