//! The models a command runs with: one set of flags and one builder, shared by
//! `analyze` and `report`, so that both see the same analysis of an article.

use std::path::PathBuf;

use anyhow::Context;
use newsnlp::entities::Tagger;
use newsnlp::{Pipeline, PipelineBuilder};

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
            let tagger = Tagger::load_default(Some(&models_dir))
                .context("loading the entity tagger (use --no-ner to run without it)")?;
            builder = builder.recognizer(Box::new(tagger));
        }
        if !self.no_topics {
            let topics = match &self.topic_model {
                Some(dir) => newsnlp::topic::load(dir),
                None => newsnlp::topic::builtin(Some(&models_dir)),
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
