//! Verbs of saying whose object is what was said: "Trump criticized Obama.",
//! "She often mentions her granddaughter in speeches", "The Republic of Turkey
//! denies the charge". PolNeAR annotates the noun phrase as the content.
//!
//! Other cues report a clause, which runs to the end of its sentence or to
//! the next attribution (`attribute.rs`); these verbs take a noun phrase
//! that ends where an adjunct starts ("in speeches", "on Sunday", ", a
//! reference point for ..."). Without a parser the phrase is read from word
//! tests: it must not hold a subject pronoun, an auxiliary or "to" (then the
//! verb reports a clause: "announced she will run", "urged him to resign",
//! and the clause rules apply), and it ends before a preposition of time,
//! place or manner, a comma, or "and" before a second verb.

use super::clause::is_past_verb;
use super::phrase::{fold, word};
use crate::document::{Document, TokenKind};

/// Lemmas of the verbs of saying whose object is the content ("criticized the plan", "mentioned her
/// granddaughter", "announced his candidacy", "accused Republicans of ...").
fn takes_object(lemma: &str) -> bool {
    matches!(
        lemma,
        "mention" | "criticize" | "criticise" | "blast" | "decry" | "lament" | "deny" | "announce" | "confirm"
            | "acknowledge" | "propose" | "reveal" | "disclose" | "stress" | "emphasize" | "emphasise" | "reiterate"
            | "recommend" | "predict" | "demand"
    )
}

/// Words that end the object: the start of a clause or an adjunct of time, place or reason ("..., which",
/// "even as", "on Sunday").
fn ends_object(w: &str) -> bool {
    matches!(
        w,
        "during" | "after" | "before" | "since" | "while" | "when" | "because" | "despite" | "amid" | "throughout"
            | "until" | "than" | "but" | "which" | "who" | "whom" | "where" | "if" | "although" | "though" | "last"
            | "yesterday" | "today" | "tonight" | "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday"
            | "sunday"
    )
}

/// Prepositions: an object neither starts nor ends with one.
fn is_preposition(w: &str) -> bool {
    matches!(w, "in" | "on" | "at" | "for" | "to" | "with" | "by" | "from" | "about" | "of" | "over" | "into" | "against" | "as")
}

/// Words that make what follows the verb a clause rather than its object ("announced she will run",
/// "denied that ...", "urged him to resign", "confirmed the meeting was off").
fn opens_clause(w: &str) -> bool {
    matches!(
        w,
        "that" | "he" | "she" | "they" | "we" | "i" | "it" | "there" | "you" | "to" | "is" | "was" | "are" | "were"
            | "be" | "been" | "will" | "would" | "could" | "should" | "can" | "may" | "might" | "must" | "has" | "have"
            | "had" | "did" | "does" | "do" | "whether" | "what" | "how" | "why" | "“" | "”" | "\"" | "‘" | "’" | "'"
    )
}

/// Where the object that starts at token `from` ends (exclusive), within `from..end`, when the cue of lemma
/// `lemma` takes one and the words read as a noun phrase; `None` leaves the content to the clause rules.
pub(super) fn object_end(doc: &Document, lemma: Option<&str>, from: usize, end: usize) -> Option<usize> {
    if !lemma.is_some_and(takes_object) || from >= end {
        return None;
    }
    let first = fold(word(doc, from));
    // A preposition, a day or an adverb right after the verb ("announced Monday that ...", "proposed in 1992",
    // "said earlier") is no object.
    let word_like = matches!(doc.tokens[from].kind, TokenKind::Word | TokenKind::Number);
    let adverb = first.ends_with("ly") || matches!(&*first, "earlier" | "later" | "above" | "below" | "again" | "more" | "here");
    if !word_like || adverb || ends_object(&first) || is_preposition(&first) {
        return None;
    }
    let mut j = from;
    while j < end {
        let w = word(doc, j);
        let f = fold(w);
        if opens_clause(&f) {
            return None;
        }
        // A share or a sum is one word ("a 266% tariff", "$275 billion").
        let boundary = doc.tokens[j].kind == TokenKind::Punct && !matches!(w, "%" | "$" | "&");
        if j > from && (boundary || ends_object(&f)) {
            // "..., which he said runs the risk ...", "..., including ...": the clause rules bound what follows.
            let after = fold(word(doc, (j + 1).min(end - 1)));
            // "new, deep tax cuts": a comma after one lower-case word joins adjectives.
            let adjective = j == from + 1 && word(doc, from).bytes().all(|b| b.is_ascii_lowercase());
            if w == "," && (adjective || matches!(&*after, "which" | "who" | "including" | "such" | "especially")) {
                return None;
            }
            break;
        }
        // "criticized Clinton and attacked Sanders": a second verb ends the object; "Rubio and Kasich" does not.
        if j > from && matches!(&*f, "and" | "or") && j + 1 < end && is_past_verb(word(doc, j + 1)) {
            break;
        }
        j += 1;
    }
    // "criticized Obama for again proposing": an object cut before its preposition's complement is no object.
    if j > from && is_preposition(&fold(word(doc, j - 1))) {
        return None;
    }
    // A long run with no boundary is more likely a clause read wrong than a noun phrase; so is a phrase followed
    // by an auxiliary in its clause ("denied Clinton and her appearance on Maddow had anything to do with it").
    let verb_after = (j..end).take_while(|&k| doc.tokens[k].kind != TokenKind::Punct).take(8).any(|k| {
        matches!(&*fold(word(doc, k)), "is" | "was" | "are" | "were" | "has" | "had" | "have" | "will" | "would" | "could" | "can")
    });
    (j - from <= 12 && !verb_after).then_some(j)
}
