//! The models a command runs with: one set of flags and one builder, shared by
//! `analyze` and `report`, so that both see the same analysis of an article.

use std::path::PathBuf;

use std::path::Path;
use std::sync::Arc;

use anyhow::Context;
use newsnlp::entities::Tagger;
use newsnlp::transformer::TransformerTopics;
use newsnlp::{Pipeline, PipelineBuilder};

/// File name of a transformer topic model inside the folder `train topic --backend transformer` writes.
pub const TRANSFORMER_TOPIC_FILE: &str = "transformer-topic.json";

/// The transformer topic model in `dir` (or `dir` itself when it is the file).
fn transformer_topic_file(dir: &Path) -> newsnlp::Result<PathBuf> {
    let file = if dir.is_file() { dir.to_path_buf() } else { dir.join(TRANSFORMER_TOPIC_FILE) };
    if file.is_file() {
        Ok(file)
    } else {
        Err(newsnlp::Error::model(file, "no transformer topic model here; train one with `newsnlp train topic --backend transformer`"))
    }
}

/// Flags that choose the models.
#[derive(clap::Args, Debug, Clone)]
pub struct ModelArgs {
    /// Folder of model files (default: $NEWSNLP_MODELS, ./models, or the source tree's models/).
    #[arg(long, value_name = "DIR", global = true)]
    pub models_dir: Option<PathBuf>,
    /// Entity rules: a JSON Lines file of phrases or token patterns with a label (see docs/entities.md).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Skip the statistical entity tagger (groups, rules, dates and amounts still run).
    #[arg(long)]
    pub no_ner: bool,
    /// Entity tagger: `builtin` (the statistical tagger in models/ner) or `transformer` (a token-classification
    /// model from --ner-model; needs a build with the `transformer` feature).
    #[arg(long, default_value = "builtin", value_parser = ["builtin", "transformer"])]
    pub ner_backend: String,
    /// Folder of a token-classification model (config.json, vocab, weights) for `--ner-backend transformer`.
    #[arg(long, value_name = "DIR", required_if_eq("ner_backend", "transformer"))]
    pub ner_model: Option<PathBuf>,
    /// Topic classifier: `linear` (hashed words and bigrams; the built-in IPTC model or --topic-model) or
    /// `transformer` (MiniLM embeddings: a head trained by `train topic --backend transformer` given with
    /// --topic-model, or zero-shot over the IPTC categories without one; needs the `transformer` feature).
    #[arg(long, default_value = "linear", value_parser = ["linear", "transformer"])]
    pub topic_backend: String,
    /// Topic model folder (from `newsnlp train topic`); default: the built-in IPTC model.
    #[arg(long, value_name = "DIR", conflicts_with = "no_topics")]
    pub topic_model: Option<PathBuf>,
    /// Do not classify topics (the topic columns stay empty).
    #[arg(long)]
    pub no_topics: bool,
}

impl ModelArgs {
    /// The models folder these flags resolve to.
    pub fn models_dir(&self) -> PathBuf {
        newsnlp::models::models_dir(self.models_dir.as_deref())
    }

    /// The pipeline builder with every stage these flags ask for.
    pub fn builder(&self) -> anyhow::Result<PipelineBuilder> {
        let models_dir = self.models_dir();
        let mut builder = Pipeline::builder();
        if !self.no_ner {
            let recognizer: Box<dyn newsnlp::entities::EntityRecognizer> = match (self.ner_backend.as_str(), &self.ner_model) {
                ("transformer", Some(dir)) => Box::new(
                    newsnlp::transformer::TransformerNer::load(dir).context("loading the transformer NER model")?,
                ),
                _ => Box::new(
                    Tagger::load_default(Some(&models_dir))
                        .context("loading the entity tagger (use --no-ner to run without it)")?,
                ),
            };
            builder = builder.recognizer(recognizer);
        }
        if !self.no_topics {
            let topics: newsnlp::Result<Box<dyn newsnlp::topic::TopicClassifier>> =
                match (self.topic_backend.as_str(), &self.topic_model) {
                    ("transformer", Some(dir)) => {
                        transformer_topic_file(dir).and_then(|f| TransformerTopics::load(&f, Some(&models_dir)))
                            .map(|t| Box::new(t) as Box<dyn newsnlp::topic::TopicClassifier>)
                    }
                    ("transformer", None) => newsnlp::transformer::load_default_embedder(Some(&models_dir))
                        .and_then(|e| TransformerTopics::zero_shot(Arc::new(e)))
                        .map(|t| Box::new(t) as Box<dyn newsnlp::topic::TopicClassifier>),
                    (_, Some(dir)) => newsnlp::topic::load(dir),
                    (_, None) => newsnlp::topic::builtin(Some(&models_dir)),
                };
            builder = builder.topics(topics.context("loading the topic model (--no-topics skips topics)")?);
        }
        Ok(newsnlp::entities::with_defaults(builder, &models_dir, self.rules.as_deref())?)
    }

    /// The pipeline these flags ask for.
    pub fn build(&self) -> anyhow::Result<Pipeline> {
        Ok(self.builder()?.build()?)
    }
}
