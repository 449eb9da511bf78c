//! # newsnlp
//!
//! newsnlp turns dumps of news articles into clean, analysable tables, fully
//! offline and fast on a laptop CPU.
//!
//! ```text
//! ingest ──▶ clean ──▶ language ──▶ segment ──▶ entities ──▶ topic ──▶ export / report
//! Record     Document   whatlang     paragraphs,  mentions,    scores     Parquet, CSV,
//! (raw)      (body +                 sentences,   canonical               JSON Lines
//!            metadata)               tokens       entities
//! ```
//!
//! Each stage is a module with a trait (`Cleaner`, `LanguageIdentifier`,
//! `Segmenter`, `EntityRecognizer`, `TopicClassifier`), so that backends can
//! be swapped. A [`Pipeline`] holds one of each; a [`PipelineConfig`] names
//! them (and loads from TOML), [`Pipeline::from_config`] assembles them, and
//! [`batch::run`] streams a whole dump through the pipeline into tables.
//! [`eval`] scores the models on labelled data, [`training`] trains them.
//!
//! Every annotation is a [`Span`] over the clean body, with byte offsets (for
//! Rust) and char offsets (for Python): `&doc.body[span.byte.clone()]`.
//!
//! ```
//! use newsnlp::Pipeline;
//!
//! let pipeline = Pipeline::builder().build()?;
//! let page = "In Paris, Carney talks ceasefire\n\n\
//!             By Craig Lord, The Canadian Press\n\n\
//!             PARIS — Prime Minister Mark Carney is in Paris today. He met allies on Jan. 6, 2026.";
//! let doc = pipeline.analyze_text(page).expect("a readable page");
//! assert_eq!(doc.meta.title.as_deref(), Some("In Paris, Carney talks ceasefire"));
//! assert_eq!(doc.meta.dateline.as_deref(), Some("PARIS"));
//! assert_eq!(doc.sentences.len(), 2);
//! let first = &doc.sentences[0];
//! assert_eq!(&doc.body[first.span.byte.clone()], "PARIS — Prime Minister Mark Carney is in Paris today.");
//! # Ok::<(), newsnlp::Error>(())
//! ```
//!
//! # Modules
//!
//! The public modules, in the order of the stages; everything else is internal.
//!
//! - [`pipeline`]: the [`Pipeline`] (one article at a time) and its one builder from a config.
//! - [`config`]: [`PipelineConfig`], every stage and backend as data, loaded from TOML.
//! - [`document`]: the data every stage reads and writes: [`Article`], [`Record`], [`Document`] and its parts.
//! - [`ingest`]: the readers of dumps (JSON Lines, CSV, Parquet, files and folders) into records.
//! - [`clean`]: the cleaner: page chrome out, title, byline, dateline and times kept.
//! - [`language`]: language identification.
//! - [`segment`]: paragraphs, sentences and tokens.
//! - [`entities`]: the entity recognizers (tagger, groups, values, rules) and the resolver.
//! - [`quotes`]: who said what, direct and reported, tied to the speaking entity.
//! - [`topic`]: the topic classifiers, the IPTC taxonomy and the linear model's training.
//! - [`cluster`]: story clustering (MinHash, embeddings).
//! - [`transformer`]: the rust-bert adapters, behind the `transformer` feature.
//! - [`batch`]: the stream of a whole dump through the pipeline into a sink.
//! - [`export`]: the table schemas, the sinks and the table writers.
//! - [`report`]: one document rendered as text, Markdown, JSON or HTML.
//! - `stats` (feature `tables`): corpus-level tables from the tables of a run.
//! - [`eval`]: scoring models against labelled data.
//! - [`training`]: training runs (the NER tagger, the topic recipe).
//! - [`models`]: where model files live.
//!
//! # Crate features
//!
//! - `tables` (default): polars, for reading and writing Parquet (the `analyze` tables, Parquet
//!   input, the tables `stats` reads). Without it, CSV and JSON Lines still work.
//! - `cli` (default): the `newsnlp` command-line tool (clap, anyhow,
//!   indicatif). The library itself never depends on these.
//! - `transformer` (off by default): rust-bert on a CPU libtorch, for
//!   sentence and article embeddings, the transformer topic backend,
//!   embedding-based story clusters and transformer NER ([`transformer`]).
//!   It needs libtorch 2.4.0: `scripts/setup-transformer.sh` installs it and
//!   prints the environment to build with. Without the feature, the
//!   [`transformer`] API is still there and its loaders return
//!   [`ErrorKind::FeatureDisabled`].

#![deny(missing_docs)]
// A `pub` item that no user of the library can name is an internal one: say so with `pub(crate)`, so that
// the public API stays the one listed above.
#![warn(unreachable_pub)]

pub mod batch;
pub mod clean;
pub mod cluster;
pub mod config;
pub mod document;
pub mod entities;
mod error;
pub mod eval;
pub mod export;
pub mod identity;
pub mod ingest;
pub mod language;
mod lexicon;
pub mod link;
pub mod models;
pub mod pipeline;
pub mod quotes;
pub mod report;
pub mod segment;
mod span;
#[cfg(feature = "tables")]
pub mod stats;
pub mod topic;
pub mod training;
pub mod transformer;
mod util;

pub use config::PipelineConfig;
pub use document::{
    Article, Document, Entity, Field, Label, Language, Mention, Metadata, Origin, Paragraph, Record, RejectReason,
    Rejected, Sentence, TextFormat, Token, TokenKind, TopicScore,
};
pub use document::{Quote, QuoteKind, Speaker,
};
pub use error::{Error, ErrorKind, Result};
pub use export::schema::TableSchema;
pub use export::TableFormat;
pub use pipeline::{Outcome, Pipeline, PipelineBuilder};
pub use span::Span;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
