//! The one place where a [`PipelineConfig`] becomes stages: which entity
//! recognizers run and in what order, what the resolver knows, which topic
//! classifier and which story clusterer.
//!
//! Everything that reads a config (the CLI's `analyze` and `report`, a
//! library user, the tests) goes through here, so that two commands never
//! assemble an article's analysis differently. The low-level
//! [`PipelineBuilder`] stays for callers who plug in their own trait
//! objects: [`PipelineBuilder::from_config`] returns one already filled.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Pipeline, PipelineBuilder};
use crate::cluster::{EmbeddingClusterer, MinHashClusterer, StoryClusterer, DEFAULT_COSINE, DEFAULT_RECENT};
use crate::config::{ClusterMethod, NerBackend, PipelineConfig, TaggerConfig, TopicBackend, TopicsConfig};
use crate::entities::recognize::{GroupRecognizer, RuleSet, ValueRecognizer};
use crate::entities::resolve::NewsResolver;
use crate::entities::{EntityRecognizer, Tagger};
use crate::error::{Error, Result};
use crate::quotes::RuleQuoteFinder;
use crate::link::GazetteerLinker;
use crate::topic::TopicClassifier;
use crate::transformer::{self, TransformerNer, TransformerTopics};

/// File name of a transformer topic model inside the folder `train topic --backend transformer` writes.
pub const TRANSFORMER_TOPIC_FILE: &str = "transformer-topic.json";

impl Pipeline {
    /// The pipeline `config` describes, with every model loaded.
    pub fn from_config(config: &PipelineConfig) -> Result<Pipeline> {
        PipelineBuilder::from_config(config)?.build()
    }
}

impl PipelineBuilder {
    /// A builder with every stage `config` asks for; recognizers added
    /// afterwards run after the configured ones.
    ///
    /// The recognizers run in this order, which decides ties when their
    /// mentions are merged: the statistical tagger, the named groups, the
    /// value patterns, the user's rules. The resolver learns the canonical
    /// names of the groups list and of the rules.
    pub fn from_config(config: &PipelineConfig) -> Result<PipelineBuilder> {
        config.validate()?;
        let models_dir = config.models_dir();
        let mut builder = Pipeline::builder();
        if config.entities.tagger.enabled {
            builder = builder.recognizer(tagger(&config.entities.tagger, &models_dir)?);
        }
        if config.topics.enabled {
            builder = builder.topics(topics(&config.topics, &models_dir)?);
        }
        let groups = GroupRecognizer::from_models_dir(&models_dir)?;
        let mut resolver = NewsResolver::new().with_known(groups.known_names());
        builder = builder.recognizer(Box::new(groups)).recognizer(Box::new(ValueRecognizer::new()?));
        if let Some(path) = &config.entities.rules {
            let rules = RuleSet::from_path(path)?;
            resolver = resolver.with_known(rules.known_names());
            builder = builder.recognizer(Box::new(rules));
        }
        if config.quotes.enabled {
            builder = builder.quotes(Box::new(RuleQuoteFinder::from_models_dir(&models_dir)?));
        }
        if config.link.enabled {
            let linker = match &config.link.model {
                Some(dir) => GazetteerLinker::load(dir)?,
                None => GazetteerLinker::load_default(Some(&models_dir))?,
            };
            builder = builder.linker(Box::new(linker));
        }
        Ok(builder.resolver(Box::new(resolver)))
    }
}

/// The statistical entity recognizer.
fn tagger(config: &TaggerConfig, models_dir: &Path) -> Result<Box<dyn EntityRecognizer>> {
    Ok(match (config.backend, &config.model) {
        (NerBackend::Transformer, Some(dir)) => Box::new(TransformerNer::load(dir)?),
        (NerBackend::Transformer, None) => {
            return Err(Error::config("entities.tagger", "the transformer backend needs `model`"))
        }
        (backend, model) => Box::new(builtin_tagger(backend, model.as_deref(), Some(models_dir))?),
    })
}

/// Loads the built-in tagger as a backend asks: `builtin` with its re-typer when the folder has one (the
/// shipped folder does), `fast` without it, `accurate` with it (an error when the folder has none). `model`
/// is a model file or folder; without it, the default model of the models folder.
pub fn builtin_tagger(backend: NerBackend, model: Option<&Path>, models_dir: Option<&Path>) -> Result<Tagger> {
    let tagger = match model {
        Some(m) => Tagger::load(m)?,
        None => Tagger::load_default(models_dir)?,
    };
    match backend {
        NerBackend::Builtin => Ok(tagger),
        NerBackend::Fast => Ok(tagger.without_retyper()),
        NerBackend::Accurate if tagger.has_retyper() => Ok(tagger),
        NerBackend::Accurate => Err(Error::config(
            "entities.tagger",
            "the accurate backend needs retyper.bin beside tagger.bin (`newsnlp train ner` writes both)",
        )),
        NerBackend::Transformer => Err(Error::config("entities.tagger", "the transformer backend is not the built-in tagger")),
    }
}

/// The topic classifier.
fn topics(config: &TopicsConfig, models_dir: &Path) -> Result<Box<dyn TopicClassifier>> {
    Ok(match (config.backend, &config.model) {
        (TopicBackend::Transformer, Some(dir)) => {
            Box::new(TransformerTopics::load(&transformer_topic_file(dir)?, Some(models_dir))?)
        }
        (TopicBackend::Transformer, None) => {
            let embedder = transformer::load_default_embedder(Some(models_dir))?;
            Box::new(TransformerTopics::zero_shot(Arc::new(embedder))?)
        }
        (TopicBackend::Linear, Some(dir)) => crate::topic::load(dir)?,
        (TopicBackend::Linear, None) => crate::topic::builtin(Some(models_dir))?,
    })
}

/// The transformer topic model in `dir` (or `dir` itself when it is the file).
fn transformer_topic_file(dir: &Path) -> Result<PathBuf> {
    let file = if dir.is_file() { dir.to_path_buf() } else { dir.join(TRANSFORMER_TOPIC_FILE) };
    if file.is_file() {
        Ok(file)
    } else {
        Err(Error::model(file, "no transformer topic model here; train one with `newsnlp train topic --backend transformer`"))
    }
}

/// The story clusterer `config` asks for, if any.
pub fn story_clusterer(config: &PipelineConfig) -> Result<Option<Box<dyn StoryClusterer>>> {
    if !config.clusters.enabled {
        return Ok(None);
    }
    Ok(Some(match config.clusters.method {
        ClusterMethod::MinHash => Box::new(MinHashClusterer::default()),
        ClusterMethod::Embedding => {
            let embedder = transformer::load_default_embedder(Some(&config.models_dir()))?;
            Box::new(EmbeddingClusterer::new(Arc::new(embedder), DEFAULT_COSINE, DEFAULT_RECENT))
        }
    }))
}
