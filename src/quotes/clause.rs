//! Word tests that tell where a clause starts, for bounding reported speech
//! without a parser.
//!
//! Reported speech is cut out of its sentence by where clauses start and end:
//! a participle after a comma (", noting ...") opens the speaker's next act, a
//! conjunction or a subject pronoun opens a clause of its own, and the words
//! after "SPEAKER said" are either a short tail ("on Tuesday", "in a
//! statement") or the start of what was said ("he was ready"). These are
//! tests on one word or a few, with the quotation-mark tests and the trimming
//! of a content's edges, kept apart from `attribute.rs` (which walks the
//! sentence) so that each list is in one place and can be tested as a table.

use std::ops::Range;

use super::phrase::{fold, word};
use crate::document::{Document, TokenKind};

/// A verb in the past tense that opens a second predicate ("and boycotted", "but did not"): a lower-case word
/// in `-ed`, or one of the common irregular past forms.
pub(super) fn is_past_verb(w: &str) -> bool {
    (w.len() >= 5 && w.ends_with("ed") && w.bytes().all(|b| b.is_ascii_lowercase()))
        || matches!(
            w,
            "did" | "made" | "took" | "gave" | "went" | "said" | "told" | "wrote" | "sent" | "came" | "got" | "became"
                | "kept" | "held" | "brought" | "thought" | "met" | "ran" | "saw" | "spoke" | "won" | "lost" | "threw"
        )
}

/// A present participle that opens a clause of its own after a comma ("noting", "adding"), not a preposition
/// or a noun ("including", "according", "something", "morning").
pub(super) fn is_participle(w: &str) -> bool {
    w.len() >= 6
        && w.ends_with("ing")
        && w.bytes().all(|b| b.is_ascii_lowercase())
        && !matches!(
            w,
            "including" | "according" | "during" | "depending" | "something" | "nothing" | "anything" | "everything"
                | "morning" | "evening" | "concerning" | "regarding" | "notwithstanding" | "pending" | "building" | "having"
        )
}

/// Whether `w`, right after a comma, opens a clause rather than an appositive.
pub(super) fn is_clause_word_after(w: &str) -> bool {
    let f = fold(w);
    opens_clause(&f) || matches!(&*f, "which" | "who" | "where" | "when") || (w.ends_with("ing") && w.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Whether `w` (lower-case) opens a clause of its own: a conjunction or a subject pronoun.
pub(super) fn opens_clause(w: &str) -> bool {
    matches!(
        w,
        "but" | "and" | "so" | "because" | "before" | "after" | "although" | "though" | "while" | "if" | "unless" | "as"
            | "he" | "she" | "they" | "we" | "it" | "i" | "there"
    )
}

/// Whether the words after "..., SPEAKER said" start what was said rather than a tail of the attribution:
/// "Moments earlier, Trump said he was ready" (a subject pronoun), "..., most of them said the plant was
/// their life" (a determiner), against "..., she said on Tuesday" or "..., he told reporters". The comma
/// before then closes an adverbial, not a content.
pub(super) fn starts_statement(tail: &[&str]) -> bool {
    tail.first().is_some_and(|w| {
        matches!(
            &*fold(w),
            "he" | "she" | "they" | "we" | "i" | "it" | "there" | "you" | "the" | "a" | "an" | "his" | "her" | "their"
                | "its" | "our" | "this" | "these" | "those"
        )
    })
}

/// Whether a lower-case phrase after "..., said" names a group of people: "several observers", "some
/// Democrats", "officials", "two aides" (a quantifier, or a plural noun alone), as a title does.
pub(super) fn is_group(doc: &Document, s: &Range<usize>) -> bool {
    let first = fold(word(doc, s.start));
    let last = word(doc, s.end - 1);
    let quantifier = matches!(&*first, "several" | "some" | "many" | "most" | "other" | "two" | "three" | "four" | "both" | "senior" | "top");
    let plural = last.len() > 3 && last.ends_with('s') && !last.ends_with("ss") && last.bytes().all(|b| b.is_ascii_lowercase());
    quantifier || (s.len() <= 2 && plural && word(doc, s.start).bytes().all(|b| b.is_ascii_lowercase()))
}

/// Whether `w` (lower-case), after "SUBJECT, he says,", goes on with the subject's predicate ("This campaign, he
/// says, is different", "The editorial, sources said, nailed the narrative"): a form of "be" or "have", a modal
/// or a verb in the past tense.
pub(super) fn is_predicate_start(w: &str) -> bool {
    (w.len() > 3 && w.ends_with("ed") && w.bytes().all(|b| b.is_ascii_lowercase())) || matches!(
        w,
        "is" | "was" | "are" | "were" | "has" | "had" | "have" | "will" | "would" | "could" | "can" | "should" | "may"
            | "might" | "must" | "remains" | "remained"
    )
}

pub(super) fn is_quote_mark(w: &str) -> bool {
    matches!(w, "“" | "”" | "\"" | "‘" | "’" | "'" | "«" | "»" | "„" | "‹" | "›" | "‚")
}

/// The first of the quotation marks that end just before token `k` (`k` when there are none): a closing
/// mark is one token (`”`) or two (the New York Times's `''`).
pub(super) fn marks_start(doc: &Document, k: usize) -> usize {
    let mut m = k;
    while m > 0 && k - m < 2 && is_quote_mark(word(doc, m - 1)) {
        m -= 1;
    }
    m
}

pub(super) fn is_stop(w: &str) -> bool {
    matches!(w, "." | "!" | "?" | ";" | "…") || is_quote_mark(w)
}

/// Content bytes of tokens `a..b`, without edge punctuation other than quotation marks, when at least three
/// words are left.
pub(super) fn content_bytes(doc: &Document, a: usize, b: usize) -> Option<Range<usize>> {
    content_of_words(doc, a, b, 3)
}

/// Content bytes of tokens `a..b`, without edge punctuation other than quotation marks, when at least `min`
/// words are left.
pub(super) fn content_of_words(doc: &Document, mut a: usize, mut b: usize, min: usize) -> Option<Range<usize>> {
    let edge = |w: &str| matches!(w, "," | "." | ":" | ";" | "—" | "–" | "-" | "(" | ")");
    while a < b && edge(word(doc, a)) {
        a += 1;
    }
    while b > a && (edge(word(doc, b - 1)) || matches!(word(doc, b - 1), "and" | "but" | "or")) {
        b -= 1;
    }
    let words = (a..b).filter(|&j| doc.tokens[j].kind != TokenKind::Punct).count();
    (words >= min.max(1)).then(|| doc.tokens[a].span.byte.start..doc.tokens[b - 1].span.byte.end)
}


#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_words_after_a_cue_are_a_tail_or_a_statement() {
        let cases: &[(&[&str], bool)] = &[
            (&["he", "was", "ready"], true),
            (&["the", "plant", "was", "their", "life"], true),
            (&["There", "is", "no", "plan"], true),
            (&["on", "Tuesday"], false),
            (&["in", "a", "statement"], false),
            (&[",", "adding", "that"], false),
            (&[], false),
        ];
        for (tail, want) in cases {
            assert_eq!(starts_statement(tail), *want, "{tail:?}");
        }
    }

    #[test]
    fn a_predicate_goes_on_after_the_attribution() {
        for (w, want) in [("is", true), ("was", true), ("would", true), ("nailed", true), ("on", false), ("before", false), ("red", false)] {
            assert_eq!(is_predicate_start(w), want, "{w}");
        }
    }

    #[test]
    fn participles_open_clauses_and_nouns_do_not() {
        for (w, want) in [("noting", true), ("adding", true), ("including", false), ("morning", false), ("sing", false)] {
            assert_eq!(is_participle(w), want, "{w}");
        }
    }
}
