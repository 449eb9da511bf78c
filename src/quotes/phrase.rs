//! The speaker as written: the noun phrase next to a cue, read from the
//! tokens without a parser.
//!
//! Before a cue the phrase is read backwards ("a spokesperson for the
//! ministry said", "Smith, a spokesman for X, said" → "Smith"), after it
//! forwards ("said the official", "according to Jane Doe"). Adverbs and
//! auxiliaries between the phrase and the cue ("he later said", "has told")
//! are skipped. A phrase is only a speaker if it ends in something that can
//! speak: a name (a capitalised word), a pronoun or a noun; a function word,
//! a number or a verb form that makes it a clause ("the plan was") is not.

use std::borrow::Cow;
use std::ops::Range;

use crate::document::{Document, TokenKind};

/// The text of token `i`.
pub(crate) fn word(doc: &Document, i: usize) -> &str {
    doc.token_text(i)
}

/// Whether token `i` is punctuation `p`.
fn is_punct(doc: &Document, i: usize, p: &str) -> bool {
    doc.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Punct) && word(doc, i) == p
}

/// Lower-cased words that end a phrase read backwards: they start a clause, not a name.
fn is_clause_word(w: &str) -> bool {
    matches!(
        w,
        "that" | "which" | "who" | "whom" | "whose" | "when" | "where" | "while" | "because" | "as" | "if" | "but"
            | "so" | "than" | "although" | "though" | "since" | "after" | "before" | "until" | "unless" | "whether"
            | "what" | "how" | "why" | "whereas" | "is" | "was" | "are" | "were" | "be" | "been" | "being" | "not" | "also"
            | "and" | "or" | "nor" | "then" | "said" | "says" | "told" | "in" | "on" | "by" | "to" | "into"
            | "about" | "over" | "under" | "with" | "without" | "during" | "against" | "through" | "there"
            | "here" | "now" | "yet" | "still" | "even" | "just" | "only" | "it's" | "we're" | "they're"
    )
}

/// Words that may stand between a speaker and the cue without being part of either.
/// `w` as written: an adverb in "-ly" is one only in lower case ("Kelly said" names a speaker).
fn is_skippable(w: &str) -> bool {
    matches!(
        &*fold(w),
        "also" | "later" | "then" | "again" | "previously" | "earlier" | "once" | "has" | "had" | "have" | "would"
            | "will" | "could" | "might" | "may" | "did" | "does" | "do" | "reportedly" | "simply" | "just" | "often"
            | "recently" | "repeatedly" | "last" | "already" | "never" | "ever" | "first" | "further" | "further,"
            | "shall" | "should" | "can" | "must" | "himself" | "herself" | "themselves" | "itself" | "always" | "still"
            | "now" | "since" | "long" | "even" | "only" | "sometimes" | "here"
    ) || (w.len() > 4 && w.ends_with("ly") && w.bytes().all(|b| b.is_ascii_lowercase()))
}

/// Determiners and possessives: a phrase read backwards ends with one.
fn is_determiner(w: &str) -> bool {
    matches!(
        w,
        "the" | "a" | "an" | "his" | "her" | "its" | "their" | "our" | "my" | "your" | "this" | "these" | "those"
            | "another" | "one" | "some" | "many" | "several" | "two" | "three" | "both" | "each" | "every" | "no"
    )
}

/// Prepositions that may join a head noun to its complement inside a speaker ("a spokesperson for the ministry").
fn is_inner_preposition(w: &str) -> bool {
    matches!(w, "for" | "of" | "at" | "from")
}

/// Personal pronouns that can be a speaker's whole phrase.
pub(crate) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "we", "i", "you"];

/// Whether `w` is a dash that sets a phrase off ("Democrats — and some Republicans — say").
fn is_dash(w: &str) -> bool {
    matches!(w, "—" | "–" | "--")
}

/// `w` in lower case, for comparing with the word lists; most words already are, and are not copied.
pub(crate) fn fold(w: &str) -> Cow<'_, str> {
    if w.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
        Cow::Owned(w.to_lowercase())
    } else {
        Cow::Borrowed(w)
    }
}

/// The first token after a dateline that opens tokens `lo..hi` ("WASHINGTON —", "PARIS (Reuters) -", as the clean
/// stage reads them), or `lo` when there is none.
pub(crate) fn after_dateline(doc: &Document, lo: usize, hi: usize) -> usize {
    let Some(start) = doc.tokens.get(lo).map(|t| t.span.byte.start) else { return lo };
    match crate::clean::dateline::find_dateline(&doc.body[start..]) {
        Some(d) => doc.tokens[lo..hi].partition_point(|t| t.span.byte.start < start + d.len) + lo,
        None => lo,
    }
}

fn capitalised(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

/// The speaker phrase that ends just before token `cue`, within tokens `lo..`, as a token range; `None`
/// when what precedes the cue is not a phrase that can speak.
pub(crate) fn before(doc: &Document, lo: usize, cue: usize) -> Option<Range<usize>> {
    // "Having said that, ...": an idiom, with nobody speaking.
    if cue > lo && fold(word(doc, cue - 1)) == "having" && cue + 2 < doc.tokens.len() && word(doc, cue + 1) == "that" && word(doc, cue + 2) == "," {
        return None;
    }
    let mut end = progressive(doc, cue).or_else(|| infinitive(doc, cue)).unwrap_or(cue).max(lo);
    // "did not mention": the negation, then the auxiliary, stand between the speaker and the cue.
    if end > lo + 1 && fold(word(doc, end - 1)) == "not" && matches!(&*fold(word(doc, end - 2)), "did" | "does" | "do" | "would" | "will" | "could" | "has" | "have" | "had") {
        end -= 1;
    }
    while end > lo && is_skippable(word(doc, end - 1)) {
        end -= 1;
    }
    // "..., then says": a second verb of the clause's subject, not an appositive before the cue.
    if end > lo && end < cue && word(doc, end - 1) == "," && fold(word(doc, end)) == "then" {
        return None;
    }
    // "Beck on Wednesday called", "Gowdy earlier Thursday said": a day between the speaker and the cue.
    let day = |i: usize| matches!(&*fold(word(doc, i)), "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday");
    // ... and a part of the day after it, or a week, a month, the past ("Spicer on Thursday evening said", "Reid
    // last week said", "allies have in the past said").
    let part = |i: usize| matches!(&*fold(word(doc, i)), "morning" | "evening" | "afternoon" | "night");
    if end > lo + 2 && part(end - 1) && day(end - 2) {
        end -= 1;
    }
    let span = |i: usize| matches!(&*fold(word(doc, i)), "week" | "month" | "year" | "weekend" | "past");
    let span_opener = |i: usize| matches!(&*fold(word(doc, i)), "last" | "this" | "the");
    if (end > lo + 1 && day(end - 1)) || (end > lo + 2 && span(end - 1) && span_opener(end - 2)) {
        end -= 1;
        while end > lo && matches!(&*fold(word(doc, end - 1)), "on" | "earlier" | "late" | "last" | "early" | "this" | "the" | "in") {
            end -= 1;
        }
        while end > lo && is_skippable(word(doc, end - 1)) {
            end -= 1;
        }
    }
    // A relative pronoun speaks for the phrase before it. "who" stays the speaker as written ("Manafort, who
    // said ..."): it resolves to the name just before it (`speaker.rs`). "that" resolves to nothing,
    // so the phrase before it is the speaker ("a slide show that predicted ..."), or the pronoun when none
    // can speak.
    if end > lo && fold(word(doc, end - 1)) == "who" {
        return Some(end - 1..end);
    }
    if end > lo && fold(word(doc, end - 1)) == "that" {
        let mut k = end - 1;
        if k > lo && is_punct(doc, k - 1, ",") {
            k -= 1;
        }
        let antecedent = noun_phrase_back(doc, lo, k).filter(|r| can_speak(doc, r.clone()));
        return Some(antecedent.map_or(end - 1..end, |np| with_modifiers(doc, lo, np)));
    }
    // An appositive between the name and the cue: "Smith, a spokesman for the ministry, said".
    // It may take several commas ("Ms. Samour, 56, who was raised in El Salvador, said").
    if end > lo && is_punct(doc, end - 1, ",") {
        let mut comma = end - 1;
        for _ in 0..3 {
            let mut open = comma;
            while open > lo && comma - open < 25 && !is_punct(doc, open - 1, ",") {
                open -= 1;
            }
            // The subject opens the clause and the appositive follows it ("Sen. Jack Reed (D-R.I.), said", "The
            // official, who spoke on condition of anonymity, said").
            let subject = |r: &Range<usize>| r.start == lo && can_speak(doc, r.clone());
            if open == lo && open < comma && comma - open <= 8 {
                return noun_phrase_back(doc, lo, comma).filter(subject);
            }
            if open == lo || open == comma || !is_punct(doc, open - 1, ",") {
                return None;
            }
            let np = noun_phrase_back(doc, lo, open - 1);
            if let Some(name) = np.clone().filter(|r| is_name(doc, r.clone())) {
                return Some(name);
            }
            // "the press secretary, Josh Earnest, said": the name is the appositive.
            if is_name(doc, open..comma) && comma - open <= 4 && (open..comma).all(|j| doc.tokens[j].kind == TokenKind::Word) {
                return Some(open..comma);
            }
            if let Some(np) = np.filter(subject) {
                return Some(np);
            }
            comma = open - 1;
        }
        return None;
    }
    // "a source close to him", "people familiar with the talks": the phrase before the adjective speaks.
    let familiar = (end.saturating_sub(6).max(lo + 1)..end.saturating_sub(1)).rev().find(|&k| {
        matches!(word(doc, k + 1), "to" | "with") && matches!(word(doc, k), "close" | "closest" | "familiar")
    });
    if let Some(np) = familiar.and_then(|k| noun_phrase_back(doc, lo, k)).filter(|r| can_speak(doc, r.clone())) {
        return Some(np.start..end);
    }
    let np = noun_phrase_back(doc, lo, end).filter(|r| can_speak(doc, r.clone()))?;
    // "..., teachers and union officials told POLITICO", "Clinton and Sanders said": two phrases joined by "and" speak
    // together when the first opens the clause.
    if np.start > lo + 1 && fold(word(doc, np.start - 1)) == "and" {
        let first = noun_phrase_back(doc, lo, np.start - 1).filter(|r| {
            let opens = r.start == lo || matches!(word(doc, r.start - 1), "," | ";" | ":");
            let pronoun = r.clone().any(|j| PRONOUNS.contains(&&*fold(word(doc, j))));
            opens && !pronoun && r.len() <= 4 && can_speak(doc, r.clone())
        });
        if let Some(first) = first {
            return Some(first.start..np.end);
        }
    }
    // "the prime minister's claims": the possessor of a noun cue is the whole speaker.
    if matches!(word(doc, np.end - 1), "’s" | "'s") {
        return Some(np);
    }
    Some(with_modifiers(doc, lo, np))
}

/// The first token of the form of "be" (and the adverbs after it) before the present participle at token `i`
/// ("is telling", "also is stressing", "’s not saying"), when `i` is one.
pub(crate) fn progressive(doc: &Document, i: usize) -> Option<usize> {
    if !word(doc, i).ends_with("ing") {
        return None;
    }
    let mut k = i;
    while k > 0 && i - k < 3 && matches!(&*fold(word(doc, k - 1)), "also" | "now" | "still" | "again" | "not" | "repeatedly" | "already" | "increasingly") {
        k -= 1;
    }
    let be = k > 0
        && matches!(
            &*fold(word(doc, k - 1)),
            "is" | "are" | "was" | "were" | "am" | "’re" | "'re" | "he’s" | "she’s" | "it’s" | "he's" | "she's" | "it's" | "they’re"
                | "they're" | "we’re" | "we're"
        )
        || (k > 1 && matches!(word(doc, k - 1), "’s" | "'s") && matches!(&*fold(word(doc, k - 2)), "he" | "she" | "it" | "who" | "that"));
    // "He’s not saying": the contraction holds the subject, which stays the speaker.
    be.then(|| if word(doc, k - 1).contains(['’', '\'']) { k } else { k - 1 })
}

/// The first token of the verb group that an infinitive cue at token `i` completes ("went on to say", "continues
/// to insist", "took to Twitter to say", "are more likely to say", "seemed to confirm"), when `i` is one: its
/// subject speaks. Verbs that only govern the infinitive ("declined to say", "has to admit") are not in it.
pub(crate) fn infinitive(doc: &Document, i: usize) -> Option<usize> {
    if i < 3 || fold(word(doc, i - 1)) != "to" {
        return None;
    }
    let j = i - 2;
    let f = fold(word(doc, j));
    match &*f {
        "on" if matches!(&*fold(word(doc, j - 1)), "went" | "goes" | "go" | "going") => Some(j - 1),
        "continue" | "continues" | "continued" | "continuing" | "seemed" | "seems" | "appeared" | "appears" | "moved" => Some(j),
        "likely" => {
            let mut k = j;
            while k > 0 && matches!(&*fold(word(doc, k - 1)), "more" | "less" | "most" | "least" | "slightly" | "much" | "far" | "also" | "generally" | "somewhat") {
                k -= 1;
            }
            (k > 0 && matches!(&*fold(word(doc, k - 1)), "is" | "are" | "was" | "were")).then(|| k - 1)
        }
        // "took to Twitter to say", "rushing to TV to say".
        _ if j >= 2 && fold(word(doc, j - 1)) == "to" && matches!(&*fold(word(doc, j - 2)), "took" | "take" | "takes" | "taken" | "taking" | "rushed" | "rushing" | "went" | "turned") => {
            Some(j - 2)
        }
        _ => None,
    }
}

/// A phrase after a preposition is the end of a longer subject ("A senior official briefing reporters on the
/// plane to Paris said"): the whole subject, back to the clause's start, when it is near.
fn with_modifiers(doc: &Document, lo: usize, np: Range<usize>) -> Range<usize> {
    let preposition = |i: usize| matches!(&*fold(word(doc, i)), "to" | "in" | "on" | "at" | "from" | "with" | "by" | "into");
    if np.start == lo || !preposition(np.start - 1) {
        return np;
    }
    let mut start = np.start - 1;
    while start > lo && np.end - start < 15 {
        let w = word(doc, start - 1);
        if doc.tokens[start - 1].kind == TokenKind::Punct || (is_clause_word(&fold(w)) && !preposition(start - 1)) {
            break;
        }
        start -= 1;
    }
    let at_boundary = start == lo || doc.tokens[start - 1].kind == TokenKind::Punct;
    if at_boundary && np.end - start < 15 {
        start..np.end
    } else {
        np
    }
}

/// The phrase that ends at token `end` (exclusive), read backwards; a name's parenthesis ("Rep. Gregory Meeks
/// (D-N.Y.)") is part of it.
fn noun_phrase_back(doc: &Document, lo: usize, end: usize) -> Option<Range<usize>> {
    if end > lo + 1 && word(doc, end - 1) == ")" {
        let open = (end.saturating_sub(8).max(lo)..end - 1).rev().find(|&k| word(doc, k) == "(")?;
        let np = noun_phrase_back(doc, lo, open)?;
        return Some(np.start..end);
    }
    // A phrase set off by dashes belongs to the subject before it ("Democrats — and some Republicans — say").
    if end > lo + 2 && is_dash(word(doc, end - 1)) {
        let open = (end.saturating_sub(20).max(lo + 1)..end - 1).rev().find(|&k| is_dash(word(doc, k)))?;
        let np = noun_phrase_back(doc, lo, open)?;
        return Some(np.start..end);
    }
    // A personal pronoun is a phrase of its own, whatever stands before it ("at 7 p.m. He says").
    if end > lo && matches!(&*fold(word(doc, end - 1)), "he" | "she" | "they" | "we") {
        return Some(end - 1..end);
    }
    if let Some(share) = share_back(doc, lo, end) {
        return Some(share);
    }
    let mut start = end;
    let mut after_det = false;
    while start > lo && end - start < 9 {
        let i = start - 1;
        let w = word(doc, i);
        let f = fold(w);
        let tok = &doc.tokens[i];
        if after_det {
            // Only a preposition joining this phrase to a head noun before it goes on ("the head of the agency").
            if is_inner_preposition(&f) && i > lo && doc.tokens[i - 1].kind == TokenKind::Word {
                after_det = false;
                start -= 1;
                continue;
            }
            break;
        }
        let part_of_name = tok.kind == TokenKind::Word
            || matches!(w, "’s" | "'s" | "-" | "&")
            || (tok.kind == TokenKind::Number && start < end);
        // A day is no part of a name ("issued on Wednesday Lord Woolf said").
        let day = matches!(&*f, "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday");
        if !part_of_name || (!capitalised(w) && is_clause_word(&f)) || (start < end && (day || (is_skippable(w) && !capitalised(w)))) {
            break;
        }
        // A sentence that opens on an adverbial ("Although Johnson's agency", "At the moment Sanders") does not
        // open on its subject.
        let opens_sentence = i == 0 || doc.tokens[i - 1].kind == TokenKind::Punct;
        if opens_sentence && capitalised(w) && start < end && is_opener(&f) {
            break;
        }
        if is_clause_word(&f) && i + 1 == end {
            break;
        }
        start -= 1;
        if is_determiner(&f) {
            after_det = true;
        }
    }
    // A phrase cannot start on a preposition, a possessive mark, or a word of time before a name ("Late last
    // night Citibank said").
    let time_before_name = |k: usize| k + 1 < end && is_time_word(word(doc, k)) && capitalised(word(doc, k + 1));
    while start < end && (is_inner_preposition(&fold(word(doc, start))) || matches!(word(doc, start), "’s" | "'s") || time_before_name(start)) {
        start += 1;
    }
    (start < end).then_some(start..end)
}

/// Whether `w` (lower-case) is a number, in digits or in words, as a poll writes a share ("4 in 10", "one in
/// four").
pub(crate) fn is_number_word(doc: &Document, i: usize) -> bool {
    i < doc.tokens.len()
        && (doc.tokens[i].kind == TokenKind::Number
        || matches!(
            &*fold(word(doc, i)),
            "one" | "two" | "three" | "four" | "five" | "six" | "seven" | "eight" | "nine" | "ten" | "twenty" | "hundred"
        ))
}

/// A share of a poll's respondents that ends at token `end` (exclusive), read backwards: "Six in 10", "one in
/// four", "three out of five", "Three-in-five", "Nearly half", "a majority", "two-thirds", "26 percent", "42%",
/// with the qualifiers before it ("About", "More than", "Just over"). Polls report what shares of people
/// said; no other phrase ending in a number or in "half" speaks.
fn share_back(doc: &Document, lo: usize, end: usize) -> Option<Range<usize>> {
    if end == lo {
        return None;
    }
    let last = fold(word(doc, end - 1));
    let mut start = if end >= lo + 3 && is_number_word(doc, end - 1) && is_number_word(doc, end - 3) && fold(word(doc, end - 2)) == "in" {
        end - 3
    } else if end >= lo + 4 && is_number_word(doc, end - 1) && is_number_word(doc, end - 4) && fold(word(doc, end - 3)) == "out" && fold(word(doc, end - 2)) == "of" {
        end - 4
    } else if last.contains("-in-") || matches!(&*last, "half" | "majority" | "plurality" | "third" | "thirds" | "two-thirds" | "quarter") {
        end - 1
    } else if matches!(&*last, "percent" | "%") && end >= lo + 2 && doc.tokens[end - 2].kind == TokenKind::Number {
        end - 2
    } else {
        return None;
    };
    // A fraction's number and the qualifiers before it: "a third", "two-thirds", "More than half", "at least 4 in 10".
    while start > lo {
        let f = fold(word(doc, start - 1));
        let qualifier = matches!(
            &*f,
            "a" | "about" | "nearly" | "almost" | "roughly" | "around" | "approximately" | "only" | "just" | "over" | "under"
                | "more" | "less" | "fewer" | "than" | "some" | "at" | "least" | "most" | "barely" | "fully" | "another"
                | "two" | "three" | "slightly" | "well" | "the"
        );
        if !qualifier {
            break;
        }
        start -= 1;
    }
    Some(start..end)
}

/// Words that open an adverbial, not a subject, at the start of a sentence.
fn is_opener(f: &str) -> bool {
    is_clause_word(f)
        || is_inner_preposition(f)
        || (f.len() > 5 && (f.ends_with("ing") || f.ends_with("ly")))
        || matches!(
            f,
            "despite" | "amid" | "following" | "like" | "unlike" | "for" | "at" | "so" | "back" | "having" | "among" | "once"
                | "therefore" | "however" | "meanwhile" | "absent" | "hours" | "minutes" | "days" | "weeks" | "months"
                | "years" | "later" | "earlier" | "instead" | "editor’s" | "editor's" | "beyond" | "besides" | "throughout" | "across"
                | "toward" | "towards" | "around" | "behind" | "outside" | "inside" | "near"
        )
}

/// Words that end a phrase of time or manner, not one that can speak ("So far", "A month later", "in the past").
fn is_time_word(f: &str) -> bool {
    matches!(
        f,
        "far" | "back" | "later" | "ago" | "past" | "moment" | "time" | "times" | "day" | "days" | "week" | "weeks" | "month"
            | "months" | "year" | "years" | "decade" | "decades" | "night" | "morning" | "evening" | "afternoon" | "weekend"
            | "firmest" | "latest"
    )
}

/// The subject that opens a sentence, for a cue in a clause of its own (", saying ..."): a run of
/// capitalised words ("Clinton campaign manager Robby Mook" needs more than this, "Mr. Bush" does not), or a
/// personal pronoun.
pub(crate) fn sentence_subject(doc: &Document, lo: usize, hi: usize) -> Option<Range<usize>> {
    // A dateline opens the story's first sentence ("WASHINGTON — Sen. Bernie Sanders defended ..."): the
    // subject follows it.
    let after = after_dateline(doc, lo, hi);
    if after > lo && after < hi {
        return sentence_subject(doc, after, hi);
    }
    let f = fold(word(doc, lo));
    if matches!(&*f, "he" | "she" | "they" | "it" | "we") {
        return Some(lo..lo + 1);
    }
    // A sentence that opens on an adverbial ("Despite ...", "In London, ...") names its subject later.
    if is_opener(&f) {
        // "In May, a judge ...", "On Sunday, Mr. Trump ...": the subject after a short adverbial, which may hold
        // commas of its own ("In a wide-ranging, in-prison interview last year, Lazar said").
        return (lo + 1..hi.min(lo + 25))
            .filter(|&j| is_punct(doc, j, ",") && j + 1 < hi && !is_opener(&fold(word(doc, j + 1))))
            .take(3)
            .find_map(|comma| sentence_subject(doc, comma + 1, hi));
    }
    let mut end = lo;
    let capital_run = |end: usize| {
        capitalised(word(doc, end)) && doc.tokens[end].kind == TokenKind::Word || (end > lo && matches!(word(doc, end), "’s" | "'s"))
    };
    // "The Arizona Republican", "the spokesman": a determiner, names, and at most one lower-case noun, followed
    // by what must then be the verb (a lower-case word).
    if is_determiner(&f) && f != "no" {
        end = lo + 1;
        while end < hi && end - lo < 6 && capital_run(end) {
            end += 1;
        }
        let noun = |j: usize| j < hi && doc.tokens[j].kind == TokenKind::Word && !capitalised(word(doc, j)) && !is_clause_word(&fold(word(doc, j)));
        if end == lo + 1 && noun(end) {
            end += 1;
        }
        let verb_next = end < hi && doc.tokens[end].kind == TokenKind::Word && !capitalised(word(doc, end));
        return (end > lo + 1 && verb_next).then_some(lo..end).filter(|r| can_speak(doc, r.clone()));
    }
    while end < hi && end - lo < 6 && capital_run(end) {
        end += 1;
    }
    // "Union leader Samuel Brandt", "Clinton campaign manager Robby Mook": a title's lower-case words between
    // capitalised ones.
    if end > lo {
        let lower = (end..hi.min(end + 3)).take_while(|&j| doc.tokens[j].kind == TokenKind::Word && !capitalised(word(doc, j)) && !is_clause_word(&fold(word(doc, j)))).count();
        if lower > 0 && end + lower < hi && capital_run(end + lower) {
            end += lower;
            while end < hi && end - lo < 10 && capital_run(end) {
                end += 1;
            }
        }
    }
    (end > lo && !is_determiner(&f)).then_some(lo..end).filter(|r| can_speak(doc, r.clone()))
}

/// Whether `w` (as written) may stand between a speaker and its cue without being part of either ("has",
/// "also", "later").
pub(crate) fn skippable(w: &str) -> bool {
    is_skippable(w)
}

/// The speaker phrase that starts at token `from` (after a cue: "said the official"), up to `hi`.
pub(crate) fn after(doc: &Document, from: usize, hi: usize) -> Option<Range<usize>> {
    // "said, calling X ...", "said Smith, referring to ...": a participle opens a clause, not a speaker.
    let first = fold(word(doc, from.min(hi.saturating_sub(1))));
    if from < hi && (is_clause_word(&first) || (first.ends_with("ing") && !capitalised(word(doc, from)) && first.len() > 5)) {
        return None;
    }
    // "said he." speaks; "said he doesn't believe ..." starts a content, not a speaker.
    if PRONOUNS.contains(&&*first) && from + 1 < hi && doc.tokens[from + 1].kind == TokenKind::Word {
        return None;
    }
    let mut end = from;
    while end < hi && end - from < 10 {
        let w = word(doc, end);
        let tok = &doc.tokens[end];
        let f = fold(w);
        // "said the 46-year-old": a number inside the phrase.
        let inner = tok.kind == TokenKind::Word || matches!(w, "’s" | "'s" | "-" | "&") || (tok.kind == TokenKind::Number && end > from);
        // "said Economic and Fiscal Policy Minister Heizo Takenaka": "and" inside a capitalised title goes on.
        let in_title = f == "and" && end > from && capitalised(word(doc, end - 1)) && end + 1 < hi && capitalised(word(doc, end + 1));
        if !inner || (end > from && !capitalised(w) && !in_title && matches!(&*f, "that" | "who" | "which" | "on" | "in" | "during" | "after" | "before" | "when" | "while" | "as" | "and" | "but" | "to" | "last" | "this"))
        {
            break;
        }
        end += 1;
    }
    // A phrase cut at its length limit does not end on the "and" of a title.
    if end > from + 1 && fold(word(doc, end - 1)) == "and" {
        end -= 1;
    }
    (end > from).then_some(from..end).filter(|r| can_speak(doc, r.clone()))
}

/// Whether the phrase holds a name: a capitalised word that does not only open the sentence.
fn is_name(doc: &Document, r: Range<usize>) -> bool {
    r.clone().any(|i| {
        let w = word(doc, i);
        capitalised(w) && !is_determiner(&fold(w)) && doc.tokens[i].kind == TokenKind::Word
    })
}

/// Nouns for a body of people that speaks as one, or a role, written alone without a determiner.
fn is_collective(f: &str) -> bool {
    matches!(
        f,
        "police" | "staff" | "management" | "official" | "government" | "prosecution" | "defense" | "leadership" | "authorities"
            | "congress" | "parliament" | "military" | "clergy" | "security" | "intelligence" | "counsel" | "aide" | "source"
            | "team" | "campaign" | "committee" | "administration" | "board" | "panel" | "court" | "agency" | "department"
            | "ministry" | "company" | "firm" | "group" | "analyst" | "expert" | "candidate" | "diplomat" | "president"
            | "witness" | "resident" | "attorney" | "prosecutor" | "minister" | "senator" | "nominee"
    )
}

/// Whether a phrase can be a speaker: its last word is a name, a pronoun or a noun-like word.
pub(crate) fn can_speak(doc: &Document, r: Range<usize>) -> bool {
    if r.is_empty() || r.len() > 12 {
        return false;
    }
    // "Six in 10", "Nearly half": a poll's share speaks, whatever word ends it.
    if share_back(doc, r.start, r.end) == Some(r.clone()) {
        return true;
    }
    // "Democrats — and some Republicans —": what comes before the dashes speaks.
    if r.len() > 2 && is_dash(word(doc, r.end - 1)) {
        return (r.start + 1..r.end - 1).find(|&k| is_dash(word(doc, k))).is_some_and(|k| can_speak(doc, r.start..k));
    }
    // "Rep. Gregory Meeks (D-N.Y.)": what comes before the parenthesis speaks.
    if word(doc, r.end - 1) == ")" {
        return (r.start..r.end - 1).rev().find(|&k| word(doc, k) == "(").is_some_and(|k| can_speak(doc, r.start..k));
    }
    let last = word(doc, r.end - 1);
    let f = fold(last);
    if r.len() == 1 && PRONOUNS.contains(&&*f) {
        return f != "you";
    }
    // "Yet another said", "Others say": a pronoun-like determiner alone.
    if r.len() == 1 && matches!(&*f, "another" | "others" | "many" | "some" | "most" | "one") {
        return true;
    }
    // A phrase that ends on a preposition is cut from a longer one ("an offering of notes").
    if PRONOUNS.contains(&&*f) || is_determiner(&f) || is_clause_word(&f) || is_inner_preposition(&f) || is_skippable(last) || (is_time_word(&f) && !capitalised(last)) {
        return false;
    }
    // "the 46-year-old": a number with letters ends a phrase as a noun does.
    let worded_number = doc.tokens[r.end - 1].kind == TokenKind::Number && r.len() > 1 && last.contains(char::is_alphabetic);
    if doc.tokens[r.end - 1].kind != TokenKind::Word && !worded_number {
        return false;
    }
    // A body that speaks as one or a role ("police said", "official says", "spokeswoman said").
    if r.len() == 1 && (is_collective(&f) || f.ends_with("man") || f.ends_with("woman") || f.ends_with("person")) {
        return true;
    }
    // A lower-case phrase must have a determiner or a plural/agent-like noun: "officials", "the newspaper".
    capitalised(last) || r.len() > 1 || f.ends_with('s') || f.ends_with("er") || f.ends_with("or") || f.ends_with("ist")
}
