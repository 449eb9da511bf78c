//! Evaluation: scoring the entity tagger and topic classifiers against
//! labelled data.
//!
//! It lives in the library, not in the CLI, so that `newsnlp eval`, `newsnlp
//! train --dev` and the tests score with the same code. Data formats of
//! labelled corpora that only training and scoring read (CoNLL) sit here
//! too; the CLI only adds flags, printing and files.

pub mod conll;
pub mod ner;
pub mod topic;
