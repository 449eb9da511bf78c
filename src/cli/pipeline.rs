//! The models a command runs with: one set of flags and one builder, shared by
//! `analyze` and `report`, so that both see the same analysis of an article.
//!
//! This is main's `ModelArgs` without the statistical tagger, which this
//! branch does not have; on merge, main's version (with the tagger and
//! `--no-ner`) replaces this file unchanged, and `report` picks it up.

use std::path::PathBuf;

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
}

impl ModelArgs {
    /// The models folder these flags resolve to.
    pub fn models_dir(&self) -> PathBuf {
        newsnlp::models::models_dir(self.models_dir.as_deref())
    }

    /// The pipeline builder with every stage these flags ask for.
    pub fn builder(&self) -> anyhow::Result<PipelineBuilder> {
        let models_dir = self.models_dir();
        Ok(newsnlp::entities::with_defaults(Pipeline::builder(), &models_dir, self.rules.as_deref())?)
    }

    /// The pipeline these flags ask for.
    pub fn build(&self) -> anyhow::Result<Pipeline> {
        Ok(self.builder()?.build()?)
    }
}
