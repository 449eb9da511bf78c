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

/// `part / whole` as a score, 0 for a score over nothing: the one division of every scorer here (counts are
/// `usize` in some and `u64` in others).
pub(crate) fn ratio<N>(part: N, whole: N) -> f64
where
    u64: TryFrom<N>,
{
    let (part, whole) = (u64::try_from(part).unwrap_or(u64::MAX), u64::try_from(whole).unwrap_or(u64::MAX));
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}
