//! Gerund cues that no comma sets off: a gerund that modifies its speaker
//! ("with 62 percent of voters saying race relations are worse", "staff
//! members suggesting someone should ask"), and one after a preposition whose
//! speaker is the sentence's subject ("Trump rallied thousands by promising
//! to impose tariffs", "..., while also suggesting that the rule should go").
//!
//! `attribute.rs` finds a gerund cue only after a comma, a dash or "and";
//! these two shapes are the rest of what the training data shows. They are
//! kept narrow: the gerund must be a trusted cue form, the words before it a
//! phrase that can speak (or a preposition of manner or time), and the words
//! after it a content, not a complement ("complaining about", "talking with").
//! This module finds the speaker and where the content starts; the caller
//! bounds the content as for any other cue.

use std::ops::Range;

use super::cues::Cues;
use super::phrase::{self, fold, word};
use crate::document::{Document, TokenKind};

/// Lemmas whose gerund takes a content with "to" ("promising to cut taxes", "vowing to fight"): a promise.
fn promises(lemma: &str) -> bool {
    matches!(lemma, "vow" | "promise" | "pledge" | "threaten")
}

/// Whether a phrase before a gerund names someone: a name, a phrase with a determiner ("a columnist"), or a
/// plural ("staff members", "voters"), not a verb phrase ("feel comfortable essentially conceding").
fn names_someone(doc: &Document, s: &Range<usize>) -> bool {
    let first = fold(word(doc, s.start));
    let last = word(doc, s.end - 1);
    s.clone().any(|j| word(doc, j).starts_with(char::is_uppercase))
        || matches!(&*first, "a" | "an" | "the" | "some" | "many" | "most" | "several" | "other" | "two" | "three" | "both")
        || (last.ends_with('s') && !last.ends_with("ss"))
        || doc.tokens[s.start].kind == TokenKind::Number
}

/// Nouns of something written or said whose author speaks through it ("a statement saying", "a letter
/// urging").
fn is_document(noun: &str) -> bool {
    matches!(
        noun,
        "statement" | "statements" | "release" | "letter" | "letters" | "response" | "tweet" | "tweets" | "message"
            | "messages" | "post" | "memo" | "email" | "e-mail" | "note" | "video" | "ad" | "ads" | "advertisement"
            | "op-ed" | "column" | "speech" | "filing" | "complaint" | "lawsuit" | "motion" | "petition" | "resolution"
    )
}

/// The speaker, the content's first token and the token the content may run to, of a gerund cue at token `i`
/// (in tokens `lo..hi`) that follows its speaker or a preposition with no comma between them.
pub(super) fn bare_gerund(doc: &Document, cues: &Cues, lo: usize, hi: usize, i: usize) -> Option<(Range<usize>, usize, usize)> {
    let w = word(doc, i);
    // Called on every token: the cheap tests first.
    if i == lo || !w.ends_with("ing") || !w.bytes().all(|b| b.is_ascii_lowercase()) {
        return None;
    }
    let lemma = cues.lemma(w)?;
    let mut k = i;
    while k > lo && phrase::skippable(word(doc, k - 1)) {
        k -= 1;
    }
    if k == lo || doc.tokens[k - 1].kind != TokenKind::Word {
        return None;
    }
    let prev = fold(word(doc, k - 1));
    // A clause that opens the sentence ("After saying he was nervous, the man ...") ends at its comma.
    let mut limit = hi;
    let speaker = match &*prev {
        // "by promising", "while suggesting", "before explaining": the subject of the sentence speaks.
        "by" | "while" | "before" | "after" | "without" => {
            if k - 1 > lo {
                phrase::sentence_subject(doc, lo, k - 1)?
            } else {
                limit = (i..hi).find(|&j| word(doc, j) == ",")?;
                phrase::sentence_subject(doc, lo, hi)?
            }
        }
        // The progressive ("is saying") and the passive are other shapes; a conjunction joins a clause that
        // `attribute.rs` reads; a gerund after a preposition other than those is a noun ("in saying so").
        "is" | "was" | "are" | "were" | "be" | "been" | "being" | "am" | "’s" | "'s" | "and" | "or" | "but" | "of" | "in"
        | "for" | "to" | "on" | "at" | "from" | "with" | "about" | "as" | "that" | "which" | "who" | "not" | "start"
        | "started" | "keep" | "kept" | "stop" | "stopped" | "began" | "begin" => return None,
        _ => {
            let mut s = phrase::before(doc, lo, i)?;
            // "with 62 percent of voters saying": the preposition opens the phrase but does not speak; nor does the
            // clause before a number ("The poll found 62 percent of voters saying").
            if s.len() > 1 && matches!(&*fold(word(doc, s.start)), "with" | "without") {
                s.start += 1;
            }
            if let Some(m) = (s.start + 1..s.end).find(|&m| doc.tokens[m].kind == TokenKind::Number) {
                if word(doc, m - 1).bytes().all(|b| b.is_ascii_lowercase()) && !matches!(word(doc, m - 1), "about" | "nearly" | "almost" | "only" | "some" | "than" | "just" | "over") {
                    s.start = m;
                }
            }
            // The phrase ends right before the gerund ("voters saying", not "voters, saying": `attribute.rs`), is
            // no pronoun or possessive ("the party's declaring"), and is no object ("a pitch to voters saying": the
            // pitch's maker speaks).
            let object = s.start > lo && matches!(&*fold(word(doc, s.start - 1)), "to" | "at" | "for" | "on" | "of" | "about");
            let pronoun = matches!(&*fold(word(doc, s.start)), "he" | "she" | "it" | "they" | "we" | "who" | "that" | "i" | "i’m" | "i'm");
            if s.end != k || object || pronoun || matches!(word(doc, s.end - 1), "’s" | "'s") || !names_someone(doc, &s) {
                return None;
            }
            // "issued a statement saying": the statement's author speaks, the subject of the sentence.
            if is_document(&fold(word(doc, s.end - 1))) {
                if s.start == lo {
                    return None;
                }
                phrase::sentence_subject(doc, lo, s.start)?
            } else {
                s
            }
        }
    };
    let mut from = i + 1;
    if from < hi && fold(word(doc, from)) == "that" {
        from += 1;
    }
    if from >= hi || matches!(word(doc, from), "," | "." | ":" | ";" | "?" | "!") {
        return None;
    }
    let next = fold(word(doc, from));
    let complement = matches!(&*next, "against" | "with" | "from" | "by" | "into" | "for" | "over" | "about" | "on" | "of" | "in" | "at");
    if complement || (&*next == "to" && !promises(lemma)) {
        return None;
    }
    // "adding 151,000 jobs", "pledging allegiance": these report only a clause.
    let clause_only = matches!(lemma, "add" | "pledge" | "vow");
    if clause_only && from == i + 1 && &*next != "to" {
        return None;
    }
    Some((speaker, from, limit))
}
