//! The question put to a speaker: "(When) asked whether CONTENT, SPEAKER
//! said ...", "Asked by a reporter whether ...", "Sanders was asked whether
//! ...". The question is reported speech of its asker (unnamed unless "by"
//! names one), and the answer's clause after the comma is read next by
//! `attribute.rs`, which calls [`asked`] on every token of a sentence with a
//! cue.

use super::statement::{Attribution, Next, Reported};
use super::verb::{cue_with_object, sentence_start};
use super::clause::content_bytes;
use super::cues::Cues;
use super::phrase::{self, fold, word};
use crate::document::Document;

/// "(When) asked whether CONTENT, SPEAKER said ...": the question is reported speech of an unnamed asker, and the
/// answer's clause after the comma comes next.
pub(super) fn asked(doc: &Document, cues: &Cues, lo: usize, hi: usize, i: usize) -> Option<(Reported, Option<Next>)> {
    // Called on every token: the cheap test first.
    if !word(doc, i).eq_ignore_ascii_case("asked") || cues.lemma(word(doc, i)) != Some("ask") {
        return None;
    }
    // ... or the passive: "Sanders was asked whether ...", "Respondents were also asked to pick ...".
    let mut k = i;
    while k > lo && phrase::skippable(word(doc, k - 1)) {
        k -= 1;
    }
    let passive = k > lo && matches!(&*fold(word(doc, k - 1)), "was" | "were" | "is" | "are" | "been" | "be" | "being");
    let opens = i == lo || passive || matches!(&*fold(word(doc, i - 1)), "when" | "whenever" | "after" | "once" | "if" | ",");
    // A request ("was asked to release the transcripts") only in the passive: "X, ..., asked a judge to" has its asker.
    let request = passive || (i > lo && word(doc, i - 1) != ",");
    let is_question = |j: usize| {
        matches!(&*fold(word(doc, j)), "about" | "whether" | "if" | "why" | "what" | "how" | "which" | "who" | "whom" | "when" | "where")
            || (request && fold(word(doc, j)) == "to")
    };
    // The asker or the occasion may come first: "asked by a reporter whether", "Asked on Monday whether", "Asked
    // during a January debate why".
    let question = (i + 1..hi.min(i + 9)).take_while(|&j| word(doc, j) != ",").find(|&j| is_question(j));
    let Some(q) = question.filter(|_| opens) else { return None };
    let comma = (q..hi).find(|&j| matches!(word(doc, j), "," | "."))?;
    let content = content_bytes(doc, q, comma)?;
    let next = (comma + 1 < hi).then_some(Next::Other(comma + 1));
    let asker = (i + 2 < q && fold(word(doc, i + 1)) == "by").then(|| phrase::after(doc, i + 2, q)).flatten();
    // "Le Pen told CNN when asked which ...": the one told is the one who asked.
    let told = || {
        let t = (sentence_start(doc, i)..i).rev().take(20).find(|&t| cues.lemma(word(doc, t)) == Some("tell"))?;
        let object = cue_with_object(doc, cues, t, i);
        (object.end > t + 1).then(|| t + 1..object.end)
    };
    let asker = asker.or_else(|| if i > 0 && matches!(&*fold(word(doc, i - 1)), "when" | "after") { told() } else { None });
    Some((Reported { content, attribution: Attribution { cue: i..i + 1, speaker: asker }, needs_quote: false, gap: None }, next))
}
