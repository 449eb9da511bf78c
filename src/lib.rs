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

pub mod batch;
pub mod clean;
pub mod cluster;
pub mod config;
pub mod document;
pub mod entities;
mod error;
pub mod eval;
pub mod export;
pub mod ingest;
pub mod language;
mod lexicon;
pub mod models;
pub mod pipeline;
pub mod report;
pub mod segment;
pub mod span;
#[cfg(feature = "tables")]
pub mod stats;
pub mod topic;
pub mod training;
pub mod transformer;
mod util;

pub use document::{
    Article, Document, Entity, Field, Label, Language, Mention, Metadata, Origin, Record, RejectReason, Rejected,
    Sentence, Token, TopicScore,
};
pub use error::{Error, ErrorKind, Result};
pub use config::PipelineConfig;
pub use pipeline::{Outcome, Pipeline, PipelineBuilder};
pub use span::Span;

/// The README's Rust examples, compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
