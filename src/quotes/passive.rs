//! The passive with its agent: "The meeting was first reported by
//! Politico.", "Her death was confirmed by the Eagle Forum." The subject is
//! what was reported, the agent after "by" its source.
//!
//! Only verbs whose subject in the passive is the news itself are read so
//! (report, confirm, reveal, announce, disclose, claim): "Trump has been
//! criticized by his rivals for ..." puts the content after the agent, and
//! "was told by" names the listener's source, not what was said.

use std::ops::Range;

use super::statement::{Attribution, Next, Reported};
use super::clause::content_of_words;
use super::cues::Cues;
use super::phrase::{self, fold, word};
use crate::document::Document;

/// "SUBJECT was (first) reported by SOURCE" with the cue at token `i`, in tokens `lo..hi`.
pub(super) fn passive_by(doc: &Document, cues: &Cues, lo: usize, hi: usize, i: usize) -> Option<(Reported, Option<Next>)> {
    // Called on every token: the cheap test first.
    if i + 2 >= hi || i < lo + 2 || word(doc, i + 1) != "by" || !word(doc, i).ends_with("ed") {
        return None;
    }
    if !matches!(cues.lemma(word(doc, i)), Some("report" | "confirm" | "reveal" | "announce" | "disclose" | "claim")) {
        return None;
    }
    let mut be = i - 1;
    while be > lo && (matches!(&*fold(word(doc, be)), "first" | "also" | "previously" | "later") || word(doc, be).ends_with("ly")) {
        be -= 1;
    }
    if !matches!(&*fold(word(doc, be)), "was" | "were" | "is" | "are" | "been") {
        return None;
    }
    // "has been reported by": the auxiliary before "been" is not part of the subject.
    let subject_end = if fold(word(doc, be)) == "been" && be > lo && matches!(&*fold(word(doc, be - 1)), "has" | "have" | "had") { be - 1 } else { be };
    let content = content_of_words(doc, lo, subject_end, 2)?;
    let end = (i + 2..hi).find(|&j| matches!(word(doc, j), "," | "." | ";" | "—" | "–")).unwrap_or(hi);
    let speaker: Range<usize> = phrase::after(doc, i + 2, end).or_else(|| (end > i + 2 && end - i < 14).then_some(i + 2..end))?;
    Some((Reported { content, attribution: Attribution { cue: i..i + 1, speaker: Some(speaker) }, needs_quote: false, gap: None }, None))
}
