//! Recognizers: the statistical tagger (`tagger/`), and those that need no
//! trained model: the user's rules, the list and patterns of named groups,
//! and the patterns of values (dates, amounts).
//!
//! Each is an [`EntityRecognizer`](crate::entities::EntityRecognizer) that
//! reads a document and returns mentions; none of them knows the resolver.
//! What the lists and rules define as names reaches the resolver as
//! known names (`entities/known.rs`), handed over by
//! [`crate::pipeline::PipelineBuilder::from_config`].

mod groups;
pub(crate) mod tagger;
mod rules;
mod values;

pub use self::groups::GroupRecognizer;
pub use self::rules::RuleSet;
pub use self::values::ValueRecognizer;
