//! The NER training run from files: what `newsnlp train ner` does, as one library
//! call.
//!
//! The tagger's own modules know how to train on documents in memory
//! ([`crate::entities::recognize::tagger::train`]); this file owns the run around it:
//! reading the CoNLL files, compiling the gazetteer, building word clusters
//! from unlabelled text and classes of pretrained word vectors (or taking
//! them from an existing model), saving the
//! model, and scoring it on the development file. It sits outside the
//! tagger so that the tagger never depends on file layouts or evaluation.

use std::path::PathBuf;

use crate::entities::recognize::tagger::vector_classes::{self, VectorClasses, VectorConfig};
use crate::entities::recognize::tagger::word_clusters::{self, ClusterConfig, Clusters};
use crate::entities::recognize::tagger::gazetteer::Gazetteer;
use crate::entities::recognize::tagger::lists;
use crate::entities::recognize::tagger::train as trainer;
use crate::entities::recognize::tagger::retype::{Vectors, RETYPER_FILE};
use crate::entities::recognize::tagger::retype_train::{self, RetypeConfig};
use crate::entities::recognize::tagger::{model_hash, Tagger, MODEL_FILE};
use crate::error::{Error, Result};
use crate::entities::conll::{self, ConllDocument};
use crate::eval::ner::{self, file_name, Scores};

/// The trainer's settings and its feature families, which [`NerTrainOptions`] carries.
pub use crate::entities::recognize::tagger::{features::FeatureSet, train::TrainConfig};

/// File name of the development scores that [`train_ner`] writes next to the model.
pub(crate) const DEV_SCORES_FILE: &str = "dev-scores.json";
/// The same for the tagger with its re-typer (the `accurate` backend).
pub(crate) const DEV_SCORES_ACCURATE_FILE: &str = "dev-scores-accurate.json";

/// What to train the entity tagger on, and how.
#[derive(Debug, Clone)]
pub struct NerTrainOptions {
    /// Training file (CoNLL: token first, NER tag last; IOB1, IOB2, IOBES or BILOU).
    pub train: PathBuf,
    /// Development file (CoNLL), scored after training.
    pub dev: Option<PathBuf>,
    /// Output folder for the model.
    pub out: PathBuf,
    /// The trainer's settings (epochs, seed, feature families, folds, feature count cut-off).
    pub config: TrainConfig,
    /// The shared data's `gazetteers/` folder, compiled into the model.
    pub gazetteers: Option<PathBuf>,
    /// Unlabelled text for word clusters: .jsonl, plain-text files, word/TAG files, or folders of them.
    pub unlabelled: Vec<PathBuf>,
    /// An existing model to take the gazetteer and clusters from instead of building them.
    pub resources_from: Option<PathBuf>,
    /// Words seen fewer times in the unlabelled text get no cluster.
    pub cluster_min_count: u32,
    /// A folder of pretrained word vectors (one `.npy` file and its vocabulary, `.parquet` or `.txt`),
    /// classed into the model's vector classes.
    pub vectors: Option<PathBuf>,
    /// At most this many words of the vectors (the first rows) get a class.
    pub vector_words: usize,
    /// Whether to train the re-typer (the third stage, `retyper.bin`) too; it takes its word vectors from
    /// `vectors` (without them it has only its sparse features).
    pub retyper: bool,
    /// At most this many words of the vectors (the first rows) go into the re-typer, as 8-bit vectors.
    pub retyper_words: usize,
}

impl Default for NerTrainOptions {
    fn default() -> Self {
        NerTrainOptions {
            train: PathBuf::new(),
            dev: None,
            out: PathBuf::new(),
            config: TrainConfig::default(),
            gazetteers: None,
            unlabelled: Vec::new(),
            resources_from: None,
            cluster_min_count: ClusterConfig::default().min_count,
            vectors: None,
            vector_words: VectorConfig::default().max_words,
            retyper: true,
            retyper_words: 100_000,
        }
    }
}

/// What a training run wrote.
#[derive(Debug, Clone)]
pub struct TrainedNer {
    /// The model file.
    pub model_file: PathBuf,
    /// Its size in bytes.
    pub bytes: u64,
    /// The re-typer file, if one was trained, and its size in bytes.
    pub retyper: Option<(PathBuf, u64)>,
    /// Scores of the tagger (`fast`) on the development file, and where they were written.
    pub dev: Option<(Scores, PathBuf)>,
    /// Scores of the tagger and its re-typer (`accurate`) on the development file, and where they were written.
    pub dev_accurate: Option<(Scores, PathBuf)>,
}

/// Trains the entity tagger as `options` say, writes `out/tagger.bin` (and,
/// with a development file, `out/dev-scores.json`). `log` receives progress
/// lines.
pub fn train_ner(options: &NerTrainOptions, log: &mut dyn FnMut(String)) -> Result<TrainedNer> {
    let docs = conll::read_file(&options.train)?;
    let features = options.config.features;
    let (gaz, clusters, vectors) = match &options.resources_from {
        Some(path) => {
            let m = Tagger::load(path)?.model().clone();
            (m.gazetteer, m.clusters, m.vectors)
        }
        None => {
            let gaz = match (&options.gazetteers, features.gazetteer) {
                (Some(dir), true) => lists::compile(&lists::GazetteerSources::in_folder(dir))?,
                _ => Gazetteer::default(),
            };
            if features.gazetteer {
                log(format!("gazetteer: {} phrases and prefixes", gaz.len()));
            }
            let clusters = if features.clusters && !options.unlabelled.is_empty() {
                build_clusters(options, &docs, log)?
            } else {
                Clusters::default()
            };
            let vectors = match (&options.vectors, features.vectors) {
                (Some(dir), true) => build_vector_classes(dir, options, log)?,
                _ => VectorClasses::default(),
            };
            (gaz, clusters, vectors)
        }
    };
    if features.gazetteer && gaz.is_empty() {
        log("warning: gazetteer features are on but no gazetteer was given (--gazetteers)".into());
    }
    if features.clusters && clusters.is_empty() {
        log("warning: cluster features are on but no clusters were built (--unlabelled)".into());
    }
    if features.vectors && vectors.is_empty() {
        log("warning: vector features are on but no vectors were given (--vectors)".into());
    }
    let mut model = trainer::train(&docs, (gaz, clusters, vectors), &options.config, log);
    model.settings.trained.insert("train_file".into(), file_name(&options.train).into());
    std::fs::create_dir_all(&options.out).map_err(|e| Error::io("creating", &options.out, e))?;
    let model_file = options.out.join(MODEL_FILE);
    let written = model.to_bytes()?;
    crate::models::write_atomic(&model_file, &written)?;
    let bytes = written.len() as u64;
    log(format!("wrote {} ({:.1} MB)", model_file.display(), bytes as f64 / 1e6));
    let mut tagger = Tagger::new(model);
    let retyper_file = options.out.join(RETYPER_FILE);
    let retyper = if options.retyper {
        let vectors = match &options.vectors {
            Some(dir) => {
                let v = super::vectors::read_folder(dir, options.retyper_words)?;
                Vectors::new(&v.words, &v.vectors, v.dims)
            }
            None => Vectors::default(),
        };
        let m = tagger.model();
        let resources = (m.gazetteer.clone(), m.clusters.clone(), m.vectors.clone());
        let mut r = retype_train::train(&docs, &resources, vectors, &options.config, &RetypeConfig::default(), log);
        r.tagger = model_hash(&written);
        r.save(&retyper_file)?;
        let rbytes = std::fs::metadata(&retyper_file).map(|m| m.len()).unwrap_or(0);
        log(format!("wrote {} ({:.1} MB)", retyper_file.display(), rbytes as f64 / 1e6));
        tagger = tagger.with_retyper(r);
        Some((retyper_file, rbytes))
    } else {
        // A re-typer left from an earlier run would not match the new model.
        if retyper_file.exists() {
            std::fs::remove_file(&retyper_file).map_err(|e| Error::io("removing", &retyper_file, e))?;
        }
        None
    };
    let (mut dev, mut dev_accurate) = (None, None);
    if let Some(file) = &options.dev {
        let docs = conll::read_file(file)?;
        let score = |tagger: &Tagger, name: &str| -> Result<(Scores, PathBuf)> {
            let scores = ner::score(tagger, &docs, None, None)?.scores;
            let out = options.out.join(name);
            let json = serde_json::to_string_pretty(&scores.to_json(file))? + "\n";
            std::fs::write(&out, json).map_err(|e| Error::io("writing", &out, e))?;
            Ok((scores, out))
        };
        if tagger.has_retyper() {
            dev_accurate = Some(score(&tagger, DEV_SCORES_ACCURATE_FILE)?);
        }
        dev = Some(score(&tagger.without_retyper(), DEV_SCORES_FILE)?);
    }
    Ok(TrainedNer { model_file, bytes, retyper, dev, dev_accurate })
}

/// Word clusters from the unlabelled text plus the training sentences.
fn build_clusters(options: &NerTrainOptions, docs: &[ConllDocument], log: &mut dyn FnMut(String)) -> Result<Clusters> {
    let mut sentences = word_clusters::read_unlabelled(&options.unlabelled)?;
    let unlabelled = sentences.len();
    sentences.extend(docs.iter().flat_map(|d| d.sentences.iter().map(|s| s.tokens.clone())));
    let tokens: usize = sentences.iter().map(Vec::len).sum();
    log(format!(
        "clusters: {} sentences of unlabelled text plus {} of --train, {tokens} tokens",
        unlabelled,
        sentences.len() - unlabelled
    ));
    let cfg = ClusterConfig { seed: options.config.seed, min_count: options.cluster_min_count, ..ClusterConfig::default() };
    let c = word_clusters::build(sentences.iter().map(|s| s.iter().map(String::as_str).collect()), &cfg);
    log(format!("clusters: {} words clustered", c.len()));
    Ok(c)
}

/// Classes of the pretrained vectors in `dir`.
fn build_vector_classes(dir: &std::path::Path, options: &NerTrainOptions, log: &mut dyn FnMut(String)) -> Result<VectorClasses> {
    let t0 = std::time::Instant::now();
    let v = super::vectors::read_folder(dir, options.vector_words)?;
    log(format!("vectors: {} words of {} dimensions read from {}", v.words.len(), v.dims, dir.display()));
    let cfg = VectorConfig { seed: options.config.seed, max_words: options.vector_words, ..VectorConfig::default() };
    let c = vector_classes::build(&v.words, &v.vectors, v.dims, &cfg);
    log(format!("vectors: {} word forms classed ({:.1}s)", c.len(), t0.elapsed().as_secs_f64()));
    Ok(c)
}
