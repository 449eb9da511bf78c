//! The one place where the CLI assembles its analysis pipeline, so that
//! `analyze` (a dump into tables) and `report` (one article for a reader)
//! always run the same stages and find the same entities.

use std::path::Path;

use newsnlp::Pipeline;

/// The pipeline of `analyze` and `report`: the default cleaner, language
/// identifier and segmenter, then the built-in entity recognizers (named
/// groups, dates and amounts), the user's rule file when given, and the
/// resolver into canonical entities. Models found in `models_dir` are
/// loaded here.
pub fn build_pipeline(models_dir: &Path, rules: Option<&Path>) -> anyhow::Result<Pipeline> {
    Ok(newsnlp::entities::with_defaults(Pipeline::builder(), models_dir, rules)?.build()?)
}
