//! The default entity stage: the recognizers that need no trained model and
//! the resolver, told the known names of the lists and rules in use.
//!
//! Assembly lives apart from the traits in `entities/mod.rs`, which the
//! pipeline imports: this file imports the pipeline's builder, and keeping
//! the two apart keeps the imports one-way.

use std::path::Path;

use crate::entities::recognize::{GroupRecognizer, RuleSet, ValueRecognizer};
use crate::entities::resolve::NewsResolver;
use crate::entities::EntityRecognizer;
use crate::error::Result;
use crate::pipeline::PipelineBuilder;

/// The built-in recognizers that need no trained model: named groups (the
/// list in `models_dir/groups/groups.jsonl`, or the compiled-in copy, plus
/// the patterns) and values (dates, times, money, percentages, quantities).
pub fn default_recognizers(models_dir: &Path) -> Result<Vec<Box<dyn EntityRecognizer>>> {
    Ok(vec![Box::new(GroupRecognizer::from_models_dir(models_dir)?), Box::new(ValueRecognizer::new()?)])
}

/// Adds to `builder` the built-in recognizers, the user's rule file (when
/// given) and the [`NewsResolver`], which learns the canonical names of the
/// groups list in use and of the rules. A statistical tagger is added
/// separately with [`PipelineBuilder::recognizer`].
pub fn with_defaults(builder: PipelineBuilder, models_dir: &Path, rules: Option<&Path>) -> Result<PipelineBuilder> {
    let groups = GroupRecognizer::from_models_dir(models_dir)?;
    let mut resolver = NewsResolver::new().with_known(groups.known_names());
    let mut builder = builder.recognizer(Box::new(groups)).recognizer(Box::new(ValueRecognizer::new()?));
    if let Some(path) = rules {
        let rules = RuleSet::from_path(path)?;
        resolver = resolver.with_known(rules.known_names());
        builder = builder.recognizer(Box::new(rules));
    }
    Ok(builder.resolver(Box::new(resolver)))
}
