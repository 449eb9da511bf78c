//! Evaluation: scoring the entity tagger, topic classifiers, language
//! identification and quote attribution against labelled data, and dump-level
//! identity against a dump that lists its people.
//!
//! It lives in the library, not in the CLI, so that `newsnlp eval`, `newsnlp
//! train --dev` and the tests score with the same code; the CLI only adds
//! flags, printing and files. The CoNLL reader is the entity stage's
//! (`entities/conll.rs`), since the tagger's trainer reads it too.

pub mod language;
pub mod geo;
pub mod ner;
pub mod topic;
pub mod polnear;
pub mod quotes;
pub mod xdoc;
