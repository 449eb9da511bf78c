//! The word-level tests the attribution rules share: whether a token is a
//! cue of its own (`is_cue`: a trusted cue form, not passive, or a
//! progressive, infinitive or negated one), "according to", the object of
//! "told", a gerund cue after a comma, and where a content ends
//! (`content_end`: before a participial clause, another speaker's clause,
//! the question put to the speaker, a source of its own).
//!
//! Below `attribute.rs` and the files of single shapes (`question.rs`,
//! `passive.rs`), which all read a sentence with them.

use std::ops::Range;

use super::clause::{is_participle, is_past_verb, is_quote_mark, marks_start};
use super::cues::Cues;
use super::phrase::{self, fold, word};
use super::statement::Next;
use crate::document::{Document, TokenKind};

/// The first token that starts at or after byte `at`.
pub(crate) fn token_at(doc: &Document, at: usize) -> usize {
    doc.tokens.partition_point(|t| t.span.byte.start < at)
}

/// Whether token `i` is a cue of its own: a trusted cue form that is neither passive nor a gerund.
pub(super) fn is_cue(doc: &Document, cues: &Cues, i: usize) -> bool {
    let w = word(doc, i);
    if cues.lemma(w).is_none() {
        return false;
    }
    // The progressive is a cue ("Trump is telling a town hall that ...", "Ryan also is stressing that ..."); a gerund
    // elsewhere is another shape (`gerund`, `participle.rs`).
    if w.ends_with("ing") {
        return phrase::progressive(doc, i).is_some();
    }
    let prev = i.checked_sub(1).map(|j| fold(word(doc, j)));
    // After a determiner a form is a noun or an adjective ("his claims", "the proposed tax", "The following
    // proposed offerings"). After a possessive mark it is a noun too, but one that attributes ("North Korea's
    // claims about the potency of its test").
    let owner = matches!(
        prev.as_deref(),
        Some("the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "my" | "your" | "these" | "those" | "following")
    );
    // A form in -s after a quantity, or before a maturity, is a security ("10-5/8 pct notes", "notes due 1992").
    let security = w.ends_with('s')
        && (matches!(prev.as_deref(), Some("pct" | "percent")) || i.checked_sub(1).is_some_and(|j| doc.tokens[j].kind == TokenKind::Number)
            || word(doc, i + 1) == "due");
    // After a possessive mark a form in -ed is an adjective ("Mr Bush's proposed spending").
    let described = matches!(prev.as_deref(), Some("’s" | "'s")) && w.ends_with("ed");
    if owner || security || described {
        return false;
    }
    // "Stephen Jones added four conversions": a quantity added, not words.
    if cues.lemma(w) == Some("add") && phrase::is_number_word(doc, i + 1) {
        return false;
    }
    // A negated cue still attributes ("Carson did not mention any of his opponents by name", "would not say whether").
    let negated = prev.as_deref() == Some("not")
        && i >= 2
        && matches!(&*fold(word(doc, i - 2)), "did" | "does" | "do" | "would" | "will" | "could" | "has" | "have" | "had");
    !matches!(prev.as_deref(), Some("was" | "were" | "been" | "be" | "being" | "is" | "are" | "to" | "not")) || negated || phrase::infinitive(doc, i).is_some()
}

/// "according to" at token `i`: the tokens of the cue.
pub(super) fn according_to(doc: &Document, i: usize) -> Option<Range<usize>> {
    // Called on every token: compared without allocating.
    (word(doc, i).eq_ignore_ascii_case("according") && word(doc, i + 1).eq_ignore_ascii_case("to")).then_some(i..i + 2)
}

/// The cue at token `i` with its object when it is "tell" ("told reporters", "told the newspaper"), up to `hi`.
pub(super) fn cue_with_object(doc: &Document, cues: &Cues, i: usize, hi: usize) -> Range<usize> {
    if cues.lemma(word(doc, i)) != Some("tell") {
        return i..i + 1;
    }
    let mut end = i + 1;
    let starts_object = end < hi && doc.tokens[end].kind == TokenKind::Word;
    if !starts_object || matches!(&*fold(word(doc, end)), "that" | "of" | "about") {
        return i..i + 1;
    }
    let capital = word(doc, end).starts_with(char::is_uppercase);
    while end < hi && end - i <= 4 && doc.tokens[end].kind == TokenKind::Word {
        let f = fold(word(doc, end));
        if f == "that" || (end > i + 1 && capital != word(doc, end).starts_with(char::is_uppercase)) {
            break;
        }
        let det = matches!(&*f, "the" | "a" | "an" | "his" | "her" | "their" | "its");
        end += 1;
        if !det {
            break;
        }
    }
    i..end
}

/// Whether token `i` is a gerund of a trusted cue that opens a clause of its own: after a comma (", saying")
/// or a dash ("flipped his choice – saying"), or after "and" that joins it to another such clause (", pointing
/// to his record and saying").
pub(super) fn is_gerund_cue(doc: &Document, cues: &Cues, lo: usize, i: usize) -> bool {
    let w = word(doc, i);
    if !w.ends_with("ing") || cues.lemma(w).is_none() || i == 0 {
        return false;
    }
    // The comma may sit inside a quote just closed ("the “Golden Week,” saying").
    let prev = word(doc, i - 1);
    let after_comma = matches!(prev, "," | "—" | "–") || (i > 1 && is_quote_mark(prev) && marks_start(doc, i) > 0 && word(doc, marks_start(doc, i) - 1) == ",");
    let joined = prev == "and"
        && (lo + 1..i.saturating_sub(1)).rev().take(20).any(|j| word(doc, j - 1) == "," && is_participle(word(doc, j)));
    after_comma || joined
}

/// The first token of the sentence holding token `i`.
pub(super) fn sentence_start(doc: &Document, i: usize) -> usize {
    let s = doc.sentences.partition_point(|s| s.tokens.start <= i);
    s.checked_sub(1).map_or(0, |s| doc.sentences[s].tokens.start)
}

/// Where content that starts at token `from` ends (exclusive), up to `hi`: before a participial clause of
/// its own (", noting ...", ", saying ..."), or before the clause of another attribution (", while others
/// said ...", "but he warned ..."), whose first token is then returned too.
pub(super) fn content_end(doc: &Document, cues: &Cues, from: usize, hi: usize) -> (usize, Option<Next>) {
    let mut quoted = false;
    for j in from + 1..hi {
        quoted |= is_quote_mark(word(doc, j - 1));
        // After a quoted fragment, the speaker's own next act: "called her “third-rate” and boycotted ...",
        // "would offer “a prayer” for the nominee but did not suggest ...".
        if quoted && j + 1 < hi && matches!(&*fold(word(doc, j)), "and" | "but") && is_past_verb(word(doc, j + 1)) {
            let end = if word(doc, j - 1) == "," { j - 1 } else { j };
            // ... which may be a statement of its own: "declaring it “another super Tuesday” and said it was ...".
            return (end, is_cue(doc, cues, j + 1).then_some(Next::Same(j + 1)));
        }
        // The word tests below run on every token of a content: the word is read once, and compared as written.
        let w = word(doc, j);
        let asked_at = |k: usize| k < hi && word(doc, k).eq_ignore_ascii_case("asked");
        if w == "," {
            // ... which may introduce a quote: "urged women to vote for her, saying, “...”".
            let opens_quote = |k: usize| k + 1 < hi && matches!(word(doc, k), "," | ":") && is_quote_mark(word(doc, k + 1));
            if j + 2 < hi && is_participle(word(doc, j + 1)) && (doc.tokens[j + 2].kind == TokenKind::Word || opens_quote(j + 2)) {
                return (j, Some(Next::Same(j + 1)));
            }
            // The narrator's next sentence joined by a comma and a conjunction: "Rubio said A, and he railed against ...".
            if j + 3 < hi && matches!(word(doc, j + 1), "and" | "but") && matches!(word(doc, j + 2), "he" | "she" | "they") && is_past_verb(word(doc, j + 3)) {
                return (j, Some(Next::Other(j + 2)));
            }
            // A source of its own after the content: "... it was not that simple, according to an account she gave".
            if according_to(doc, j + 1).is_some() {
                return (j, None);
            }
            // An infinitive content ends where the sentence's own verb follows an appositive: "a group of 30
            // countries pledged to support Ukraine, is gathering in Paris".
            if word(doc, from).eq_ignore_ascii_case("to") && j + 1 < hi && matches!(word(doc, j + 1), "is" | "are" | "was" | "were" | "has" | "have" | "had" | "will") {
                return (j, None);
            }
        }
        // ... or joined by a conjunction, when it is a cue: "noting that A, and suggesting that B", "A but warning that B".
        if matches!(w, "and" | "but") && j + 2 < hi && is_participle(word(doc, j + 1)) && cues.lemma(word(doc, j + 1)).is_some() {
            let end = if word(doc, j - 1) == "," { j - 1 } else { j };
            return (end, Some(Next::Same(j + 1)));
        }
        // The question put to the speaker ends the answer: "..., Le Pen told CNN when asked which candidate she would
        // back", "..., McCain said, asked about the vagueness".
        if matches!(w, "when" | "after" | "once" | ",") && (asked_at(j + 1) || (word(doc, j + 1) == "being" && asked_at(j + 2))) {
            return (j, Some(Next::Other(j + usize::from(w == ","))));
        }
        if !is_cue(doc, cues, j) {
            continue;
        }
        // Another speaker's clause: "A, while others said B", "A, but he warned B".
        if let Some(s) = phrase::before(doc, from, j).filter(|s| s.start > from + 1) {
            // A poll's comparison with another group's answer: "A, compared with 64 percent who say the same of B".
            let compared = |c: usize| word(doc, c) == "," && matches!(&*fold(word(doc, c + 1)), "compared" | "versus");
            if let Some(c) = (fold(word(doc, s.start)) == "who").then(|| (s.start.saturating_sub(10).max(from + 1)..s.start).rev().find(|&c| compared(c))).flatten() {
                return (c, Some(Next::Other(c + 1)));
            }
            let b = s.start - 1;
            if matches!(word(doc, b), "," | ";" | "—" | "–") {
                return (b, Some(Next::Other(s.start)));
            }
            if matches!(&*fold(word(doc, b)), "while" | "though" | "although" | "but" | "whereas" | "and") {
                let end = if word(doc, b - 1) == "," { b - 1 } else { b };
                return (end, Some(Next::Other(b)));
            }
        }
        // The same subject's next statement ("A and said B", "A, but added B"), or the sentence's own verb after
        // an appositive clause ("Podesta, who said A, said B").
        let mut k = j;
        while k > from + 1 && phrase::skippable(word(doc, k - 1)) {
            k -= 1;
        }
        // A verb under a modal is not a statement made ("... and should have asked Halvern to pay"): the content
        // ends there all the same, with nothing after it.
        let modal = (k..j).any(|m| matches!(&*fold(word(doc, m)), "would" | "could" | "should" | "might" | "may" | "must" | "can" | "will" | "shall"));
        let next = (!modal).then_some(Next::Same(j));
        if k > from + 1 && word(doc, k - 1) == "," {
            return (k - 1, next);
        }
        if k > from + 1 && matches!(&*fold(word(doc, k - 1)), "and" | "but") {
            let end = if word(doc, k - 2) == "," { k - 2 } else { k - 1 };
            return (end, next);
        }
    }
    (hi, None)
}
