//! Flags → [`PipelineConfig`]: the only thing the flags of `analyze`,
//! `report` and `config` do about the analysis.
//!
//! As in ripgrep's low-level → high-level arguments, the flags are parsed as
//! given (every one optional, none with a default of its own), then laid
//! over the `--config` file, or over the defaults without one, and the
//! result is validated once. Defaults live in [`PipelineConfig`] alone, so a
//! flag overrides a file only when it is given, and `newsnlp config` prints
//! exactly what a run would use.

use std::path::PathBuf;

use anyhow::Context;
use clap::builder::{PossibleValuesParser, TypedValueParser};
use newsnlp::config::{ClusterMethod, ClustersConfig, NerBackend, TopicBackend};
use newsnlp::ingest::InvalidUtf8;
use newsnlp::PipelineConfig;

use super::fields::FieldArgs;

/// The context of an error while loading the pipeline's models, with the flags that skip one.
pub const LOADING_MODELS: &str = "loading the models (--no-ner skips the entity tagger, --no-topics the topic model)";

/// A flag whose values are the names of a config choice (a backend, a method).
fn choice<T>(names: &'static [&'static str]) -> impl TypedValueParser<Value = T>
where
    T: std::str::FromStr<Err = newsnlp::Error> + Clone + Send + Sync + 'static,
{
    PossibleValuesParser::new(names).try_map(|s| s.parse::<T>())
}

/// Flags that choose the models and stages, shared by `analyze`, `report` and `config`.
#[derive(clap::Args, Debug, Clone)]
pub struct ModelArgs {
    /// A pipeline config file (TOML, as `newsnlp config` prints it); the flags below override its values.
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Folder of model files (default: $NEWSNLP_MODELS, ./models, or the source tree's models/).
    #[arg(long, value_name = "DIR", global = true)]
    pub models_dir: Option<PathBuf>,
    /// Entity rules: a JSON Lines file of phrases or token patterns with a label (see docs/entities.md).
    #[arg(long, value_name = "FILE")]
    pub rules: Option<PathBuf>,
    /// Skip the statistical entity tagger (groups, rules, dates and amounts still run).
    #[arg(long)]
    pub no_ner: bool,
    /// Entity tagger: `builtin` (the statistical tagger in models/ner with its re-typer, a third stage that
    /// re-types each entity whole; the same as `accurate` with the shipped models), `accurate` (the same, an
    /// error if the model folder has no re-typer), `fast` (the tagger without its re-typer: 3-9% faster,
    /// less accurate) or `transformer` (a token-classification model from --ner-model; needs a build with
    /// the `transformer` feature) [default: builtin].
    #[arg(long, value_name = "BACKEND", value_parser = choice::<NerBackend>(NerBackend::NAMES))]
    pub ner_backend: Option<NerBackend>,
    /// Folder of a token-classification model (config.json, vocab, weights) for `--ner-backend transformer`.
    #[arg(long, value_name = "DIR")]
    pub ner_model: Option<PathBuf>,
    /// Topic classifier: `linear` (hashed words and bigrams; the built-in IPTC model or --topic-model) or
    /// `transformer` (MiniLM embeddings: a head trained by `train topic --backend transformer` given with
    /// --topic-model, or zero-shot over the IPTC categories without one; needs the `transformer` feature)
    /// [default: linear].
    #[arg(long, value_name = "BACKEND", value_parser = choice::<TopicBackend>(TopicBackend::NAMES))]
    pub topic_backend: Option<TopicBackend>,
    /// Topic model folder (from `newsnlp train topic`); default: the built-in IPTC model.
    #[arg(long, value_name = "DIR", conflicts_with = "no_topics")]
    pub topic_model: Option<PathBuf>,
    /// Do not classify topics (the topic columns stay empty).
    #[arg(long)]
    pub no_topics: bool,
    /// Do not look for quotes (the `quotes` table stays empty).
    #[arg(long)]
    pub no_quotes: bool,
    /// Do not link entities to places, Wikidata ids and tickers (the knowledge-base columns stay empty).
    #[arg(long)]
    pub no_linking: bool,
}

impl ModelArgs {
    /// The `--config` file (or the defaults) with these flags laid over it; not yet validated.
    fn base(&self) -> anyhow::Result<PipelineConfig> {
        let mut config = match &self.config {
            Some(path) => PipelineConfig::from_toml_file(path)?,
            None => PipelineConfig::default(),
        };
        if let Some(dir) = &self.models_dir {
            config.models_dir = Some(dir.clone());
        }
        if let Some(rules) = &self.rules {
            config.entities.rules = Some(rules.clone());
        }
        let tagger = &mut config.entities.tagger;
        if self.no_ner {
            tagger.enabled = false;
        }
        if let Some(backend) = self.ner_backend {
            tagger.backend = backend;
        }
        if let Some(model) = &self.ner_model {
            tagger.model = Some(model.clone());
        }
        let topics = &mut config.topics;
        if self.no_topics {
            topics.enabled = false;
        }
        if let Some(backend) = self.topic_backend {
            topics.backend = backend;
        }
        if let Some(model) = &self.topic_model {
            topics.model = Some(model.clone());
        }
        if self.no_quotes {
            config.quotes.enabled = false;
        }
        if self.no_linking {
            config.link.enabled = false;
        }
        Ok(config)
    }

    /// The validated config these flags ask for.
    pub fn config(&self) -> anyhow::Result<PipelineConfig> {
        validated(self.base()?, self.config.as_ref())
    }
}

/// Every flag that shapes an analysis: the models and stages, the ingest
/// options and story clusters (`analyze` and `config`).
#[derive(clap::Args, Debug, Clone)]
pub struct PipelineArgs {
    #[command(flatten)]
    pub fields: FieldArgs,
    /// Reject records larger than this many bytes (they are never truncated) [default: 16777216].
    #[arg(long, value_name = "BYTES")]
    pub max_article_bytes: Option<usize>,
    /// Invalid UTF-8: `reject` the record, or decode it `lossy` with U+FFFD and flag it [default: reject].
    #[arg(long, value_parser = PossibleValuesParser::new(["reject", "lossy"])
        .map(|s| if s == "lossy" { InvalidUtf8::Lossy } else { InvalidUtf8::Reject }))]
    pub invalid_utf8: Option<InvalidUtf8>,
    #[command(flatten)]
    pub models: ModelArgs,
    /// Group articles that tell the same story: adds `cluster_id` to the articles table and writes a
    /// `clusters` table.
    #[arg(long)]
    pub clusters: bool,
    /// How story clusters compare articles: `minhash` (near-duplicate bodies) or `embedding` (also
    /// close MiniLM embeddings; needs a build with the `transformer` feature); implies --clusters
    /// [default: minhash].
    #[arg(long, value_name = "METHOD", value_parser = choice::<ClusterMethod>(ClusterMethod::NAMES))]
    pub cluster_method: Option<ClusterMethod>,
    /// Do not resolve entities across the dump: no `dump_entities`, `global_id` stays null, labels stay
    /// those of each article.
    #[arg(long)]
    pub no_identity: bool,
}

impl PipelineArgs {
    /// The validated config these flags ask for.
    pub fn config(&self) -> anyhow::Result<PipelineConfig> {
        let mut config = self.models.base()?;
        self.fields.apply(&mut config.ingest);
        if let Some(bytes) = self.max_article_bytes {
            config.ingest.max_article_bytes = bytes;
        }
        if let Some(mode) = self.invalid_utf8 {
            config.ingest.invalid_utf8 = mode;
        }
        if self.clusters {
            config.clusters.enabled = true;
        }
        if let Some(method) = self.cluster_method {
            config.clusters = ClustersConfig { enabled: true, method };
        }
        if self.no_identity {
            config.identity.enabled = false;
        }
        validated(config, self.models.config.as_ref())
    }
}

/// Checks the settings that depend on each other, naming where they came from.
fn validated(config: PipelineConfig, file: Option<&PathBuf>) -> anyhow::Result<PipelineConfig> {
    config.validate().with_context(|| match file {
        Some(file) => format!("checking {} with the flags over it", file.display()),
        None => "checking the flags".to_string(),
    })?;
    Ok(config)
}
