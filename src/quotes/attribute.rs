//! Who said it: the cue and speaker next to a direct quote, and reported
//! speech found from its cue.
//!
//! A direct quote's cue is looked for right after its closing mark
//! (`”, she said`, `,” said Smith`, `,” according to Smith`) and right
//! before its opening mark (`Smith said: “`, `He told reporters, “`). Only
//! cues that touch the quote count: a cue further away introduces reported
//! speech that holds the quote (a mixed quote), which [`reported`] finds.
//!
//! Reported speech is found per sentence from a trusted cue word, in three
//! shapes: `SPEAKER CUE (that) CONTENT`, `CONTENT, SPEAKER CUE` /
//! `CONTENT, CUE SPEAKER` (or with the attribution in the middle, `CONTENT,
//! SPEAKER CUE, CONTENT`), `according to SPEAKER, CONTENT` /
//! `CONTENT, according to SPEAKER`, and `SUBJECT ..., saying (that) CONTENT`.
//! A passive ("was told") is not a cue (but see `passive.rs` for one with its
//! agent), nor a gerund other than after a comma or in the progressive ("is
//! telling"); a negated cue ("did not say whether") and an infinitive that
//! completes its subject's verb ("went on to say") are. The word tests are in
//! `verb.rs`, the question put to a speaker in `question.rs`, a verb whose
//! object is the content ("criticized Obama") in `object.rs`. A
//! sentence with no verb of saying may still attribute a quoted fragment
//! with a verb the training data shows attributing words ("called it “a
//! disgrace”"): that reported speech counts only if it holds a quote.

use std::ops::Range;

use super::clause::{
    content_bytes, content_of_words, is_clause_word_after, is_group, is_participle, is_predicate_start, is_quote_mark, is_stop,
    marks_start, opens_clause, starts_statement,
};
use super::cues::Cues;
use super::object::object_end;
use super::participle::bare_gerund;
use super::passive::passive_by;
use super::phrase::{self, fold, word};
use super::question::asked;
use super::statement::{Attribution, Next, Reported};
use super::verb::{according_to, content_end, cue_with_object, is_cue, is_gerund_cue, sentence_start};
use crate::document::{Document, TokenKind};

/// The attribution written right after a direct quote, in tokens `from..hi`.
pub(crate) fn after_quote(doc: &Document, cues: &Cues, from: usize, hi: usize) -> Option<Attribution> {
    let mut i = from;
    while i < hi && matches!(word(doc, i), "," | "—" | "–" | "-") {
        i += 1;
    }
    let clause = i;
    // Whether the quote closed its sentence ("“... down.”"), and whether it is a fragment that the sentence runs on
    // from ('Obama "felt ... about" climate change'): no punctuation of its own, a word right after it.
    let mark = marks_start(doc, from).min(from.saturating_sub(1));
    let closed = mark >= 1 && matches!(word(doc, mark - 1), "." | "!" | "?");
    let runs_on = clause == from && mark >= 1 && doc.tokens[mark - 1].kind == TokenKind::Word;
    // Far enough for a speaker with an appositive ("the press secretary, Josh Earnest, said").
    let limit = hi.min(clause + 30);
    // A period inside a parenthesis ("Sen. Chuck Schumer (D-N.Y.) said") ends no sentence.
    while i < limit && (!is_stop(word(doc, i)) || (word(doc, i) == "." && i + 1 < hi && word(doc, i + 1) == ")")) {
        if let Some(cue) = according_to(doc, i) {
            let speaker = phrase::after(doc, cue.end, hi);
            return (i == clause && speaker.is_some()).then_some(Attribution { cue, speaker });
        }
        // A verb that attributes words without being one of saying ("he continued", "the message reads") is a cue
        // here only, touching the quote with its speaker.
        let saying = is_cue(doc, cues, i);
        // A verb of saying that is mostly a noun elsewhere, after the quote's speaker at the end of the sentence
        // (`,” the report states.`).
        let ends = |j: usize| j < hi && matches!(word(doc, j), "." | "!" | "?");
        let untrusted = !saying && i > clause && ends(i + 1) && cues.is_untrusted_speech(word(doc, i));
        let saying = saying || untrusted;
        let characterises = !saying && !word(doc, i).ends_with("ing") && cues.characterises(word(doc, i));
        if saying || characterises {
            let cue = cue_with_object(doc, cues, i, hi);
            let speaker = if i == clause { phrase::after(doc, cue.end, hi) } else { phrase::before(doc, clause, i) };
            // Something other than the speaker (and a title before its appositive) between the quote and the cue
            // makes this another clause. The title is not taken after a fragment the sentence runs on from
            // ('..." climate change, Axelrod said'), nor after a quote that closed its sentence ("“... down.”
            // Washington did not complain, an official said" attributes the new sentence).
            let appositive_ok = !runs_on && !closed;
            let touches = i == clause
                || speaker.as_ref().is_some_and(|s| {
                    s.start == clause
                        || (appositive_ok && s.start <= clause + 8 && s.start > clause && word(doc, s.start - 1) == ",")
                });
            // A cue with a content of its own starts the next statement: "“... together.” He warns that ...", a verb
            // that characterises an object of its own ("“unhinged.” Rubio called the statement “...”"), or, after a
            // quote that closed its sentence, a cue that opens the next quote ("“... girls.” Cruz says, “...”").
            let next = cue.end < hi;
            // ("He said, twice, that ...", "she said on Tuesday that ...": "that" a few words after the cue).
            let that_follows = (cue.end..hi.min(cue.end + 5))
                .take_while(|&j| !is_stop(word(doc, j)) && !is_participle(word(doc, j)) && (j == cue.end || cues.lemma(word(doc, j)).is_none()))
                .any(|j| fold(word(doc, j)) == "that");
            // ... or, after a quote that closed its sentence, a cue after its speaker with words of its own: "“...
            // values.” He said American Jews “know ...”".
            let own_words = next
                && i > clause
                && doc.tokens[cue.end].kind == TokenKind::Word
                && !matches!(&*fold(word(doc, cue.end)), "on" | "in" | "at" | "during" | "after" | "before" | "last" | "this" | "yesterday" | "today" | "later" | "earlier" | "afterward" | "afterwards" | "then" | "repeatedly" | "again");
            let own_content = (next && that_follows)
                || (characterises && i > clause && next && doc.tokens[cue.end].kind == TokenKind::Word)
                || (mark >= 1
                    && word(doc, mark - 1) == "."
                    && cue.end + 1 < doc.tokens.len()
                    && matches!(word(doc, cue.end), "," | ":")
                    && is_quote_mark(word(doc, cue.end + 1)))
                || (closed && own_words);
            return (touches && speaker.is_some() && !own_content).then_some(Attribution { cue, speaker });
        }
        i += 1;
    }
    None
}

/// The attribution written right before a direct quote, in tokens `lo..open` (the quote's first token).
pub(crate) fn before_quote(doc: &Document, cues: &Cues, lo: usize, open: usize) -> Option<Attribution> {
    // The cue is at most a few tokens before the quote: "said:", "told reporters,", "said that".
    let first = open.saturating_sub(6).max(lo);
    for i in (first..open).rev() {
        let (cue, speaker) = if let Some(cue) = according_to(doc, i) {
            let speaker = phrase::after(doc, cue.end, open);
            (cue, speaker)
        } else if is_cue(doc, cues, i) {
            let cue = cue_with_object(doc, cues, i, open);
            let speaker = phrase::before(doc, lo, i)
                .or_else(|| phrase::after(doc, cue.end, open))
                .or_else(|| coordinated_subject(doc, sentence_start(doc, i).max(lo), i));
            (cue, speaker)
        } else if is_gerund_cue(doc, cues, sentence_start(doc, i).max(lo), i) {
            // "Clinton claimed victory in a tweet, saying: “...”": the sentence's subject speaks; after "..., Spicer
            // said, adding: “...”" the speaker of that attribution does.
            let cue = cue_with_object(doc, cues, i, open);
            let start = sentence_start(doc, i).max(lo);
            let attributed = (i >= start + 3 && word(doc, i - 1) == ",")
                .then(|| cue_last(doc, cues, start, i - 1, i - 2).or_else(|| cue_last(doc, cues, start, i - 1, i - 3)))
                .flatten()
                .and_then(|(r, _)| r.attribution.speaker);
            (cue, attributed.or_else(|| phrase::sentence_subject(doc, start, i)))
        } else {
            continue;
        };
        let between: Vec<&str> = (cue.end..open).map(|j| word(doc, j)).collect();
        let speaker_between = speaker.as_ref().is_some_and(|s| s.start >= cue.end);
        let skip = if speaker_between { speaker.as_ref().map_or(0, |s| s.end - cue.end) } else { 0 };
        let rest: Vec<String> = between[skip..].iter().map(|w| fold(w).into_owned()).collect();
        let tight = match rest.as_slice() {
            [] => true,
            [p] => matches!(p.as_str(), ":" | "," | "that" | "—"),
            [a, b] => matches!((a.as_str(), b.as_str()), ("that", ",") | ("in", ":") | (",", "that")),
            _ => false,
        };
        return tight.then_some(Attribution { cue, speaker });
    }
    // A transcript's "Clinton: “...”": a name alone before a colon, or after a dash or "from" (a roundup's
    // "Iowa polls were early - Mark Blumenthal: “...”", "More from Jones: “...”").
    let mut start = sentence_start(doc, open).max(lo);
    if open >= start + 2 && word(doc, open - 1) == ":" {
        if let Some(k) = (start.max(open.saturating_sub(8))..open - 1).rev().find(|&k| matches!(word(doc, k), "-" | "—" | "–" | "from" | "From")) {
            start = k + 1;
        }
    }
    if open >= start + 2 && word(doc, open - 1) == ":" && open - 1 - start <= 4 {
        let name = start..open - 1;
        let all_capitalised = name.clone().all(|j| word(doc, j).starts_with(char::is_uppercase) && doc.tokens[j].kind == TokenKind::Word);
        if all_capitalised {
            return Some(Attribution { cue: open - 1..open, speaker: Some(name) });
        }
    }
    None
}

/// A quote introduced by its sentence's subject and a short verb phrase that is no cue word ("Sanders shot
/// back, “...”", "The letter continues: “...”", "As Amar put it, “...”"), in tokens `lo..open`: the subject
/// speaks, the verb phrase is the cue.
pub(crate) fn lead_in(doc: &Document, lo: usize, open: usize) -> Option<Attribution> {
    if open < lo + 3 || !matches!(word(doc, open - 1), ":" | ",") {
        return None;
    }
    let mut start = sentence_start(doc, open - 1).max(lo);
    if fold(word(doc, start)) == "as" {
        start += 1;
    }
    let speaker = phrase::sentence_subject(doc, start, open - 1)?;
    let cue = speaker.end..open - 1;
    let verb_phrase = cue.clone().all(|j| {
        let w = word(doc, j);
        doc.tokens[j].kind == TokenKind::Word
            && w.starts_with(|c: char| c.is_lowercase())
            && !matches!(w, "is" | "was" | "are" | "were" | "be" | "been" | "and" | "or" | "but" | "that" | "of" | "in" | "for" | "with")
    });
    (!cue.is_empty() && cue.len() <= 4 && verb_phrase).then_some(Attribution { cue, speaker: Some(speaker) })
}

/// The speaker of the direct quote that opens tokens `lo..i` ("“I prefer Kasich,” he said, noting ..."), when
/// the sentence has no other subject.
fn quote_speaker(doc: &Document, cues: &Cues, lo: usize, i: usize) -> Option<Range<usize>> {
    let close = (lo + 1..i).find(|&j| is_quote_mark(word(doc, j)) && word(doc, j - 1) == ",")?;
    let after = if close + 1 < i && is_quote_mark(word(doc, close + 1)) { close + 2 } else { close + 1 };
    after_quote(doc, cues, after, i)?.speaker
}

/// Reported speech in each sentence: one per clause that another attribution's clause ends ("Some said A,
/// while others said B" is two).
pub(crate) fn reported(doc: &Document, cues: &Cues) -> Vec<Reported> {
    let mut out = Vec::new();
    for s in &doc.sentences {
        let toks = s.tokens.clone();
        if toks.len() < 4 {
            continue;
        }
        in_sentence(doc, cues, toks, &mut out);
    }
    out
}

fn in_sentence(doc: &Document, cues: &Cues, toks: Range<usize>, out: &mut Vec<Reported>) {
    let toks = phrase::after_dateline(doc, toks.start, toks.end)..toks.end;
    let (mut lo, hi) = (toks.start, toks.end);
    let before = out.len();
    // Every shape of reported speech needs a cue form or "according": most sentences of a wire story have
    // neither, and one lookup per token rules them out.
    let may_report = toks.clone().any(|i| cues.lemma(word(doc, i)).is_some() || word(doc, i).eq_ignore_ascii_case("according"));
    if may_report {
        let mut subject = None;
        while let Some((r, next)) = speech(doc, cues, lo, hi, subject.clone()) {
            let speaker = r.attribution.speaker.clone();
            out.push(r);
            match next {
                Some(Next::Other(n)) if n > lo => (lo, subject) = (n, None),
                Some(Next::Same(n)) if n > lo && speaker.is_some() => (lo, subject) = (n, speaker),
                _ => break,
            }
        }
    }
    // A verb that characterises a quoted fragment before the first verb of saying ("Brandt called the deal “a
    // floor” and said ...") attributes it too.
    let first_cue = out[before..].iter().map(|r| r.attribution.cue.start).min().unwrap_or(hi);
    if let Some(r) = characterised(doc, cues, toks.start, first_cue.min(hi)) {
        let clear = out[before..].iter().all(|o| o.content.end <= r.content.start || r.content.end <= o.content.start);
        if clear {
            out.push(r);
        }
    }
}

/// "SPEAKER called X “Y”", "..., calling X “Y”": a verb that the training data shows attributing words
/// (`Cues::characterises`), with a quoted fragment after it; the content runs from the verb to the end of
/// the sentence.
fn characterised(doc: &Document, cues: &Cues, lo: usize, hi: usize) -> Option<Reported> {
    let has_mark = (lo..hi).any(|j| is_quote_mark(word(doc, j)));
    if !has_mark {
        return None;
    }
    for i in lo + 1..hi {
        if !cues.characterises(word(doc, i)) {
            continue;
        }
        let prev = fold(word(doc, i - 1));
        if matches!(&*prev, "was" | "were" | "been" | "be" | "being" | "is" | "are") {
            continue;
        }
        let speaker = if word(doc, i).ends_with("ing") {
            if prev != "," {
                continue;
            }
            phrase::sentence_subject(doc, lo, i)
        } else {
            phrase::before(doc, lo, i)
        };
        let Some(speaker) = speaker else { continue };
        let mark = (i + 1..hi.min(i + 14)).find(|&j| is_quote_mark(word(doc, j)));
        if mark.is_none() {
            continue;
        }
        let (end, _) = content_end(doc, cues, i + 1, hi);
        // The quoted fragment makes it a quote however short: "calling it “disqualifying”".
        let content = content_of_words(doc, i + 1, end, 2)?;
        return Some(Reported { content, attribution: Attribution { cue: i..i + 1, speaker: Some(speaker) }, needs_quote: true, gap: None });
    }
    None
}

/// The first reported speech in tokens `lo..hi`, and where the clause after it starts when that clause is
/// another attribution.
///
/// `subject` is the speaker of the statement before, when this clause is its next act: the cue at `lo` then
/// has no subject of its own.
fn speech(doc: &Document, cues: &Cues, lo: usize, hi: usize, subject: Option<Range<usize>>) -> Option<(Reported, Option<Next>)> {
    for i in lo..hi {
        if let Some(cue) = according_to(doc, i) {
            if let Some(r) = according(doc, lo, hi, cue) {
                return Some((r, None));
            }
            continue;
        }
        let bare = || bare_gerund(doc, cues, lo, hi, i).and_then(|(speaker, from, end)| cue_first_from(doc, cues, i, from, end, speaker));
        if let Some(r) = gerund(doc, cues, lo, hi, i, &subject).or_else(|| asked(doc, cues, lo, hi, i)).or_else(bare).or_else(|| passive_by(doc, cues, lo, hi, i)) {
            return Some(r);
        }
        if !is_cue(doc, cues, i) {
            continue;
        }
        if let Some(r) = cue_last(doc, cues, lo, hi, i).or_else(|| as_reported_by(doc, cues, lo, hi, i)) {
            return Some(r);
        }
        if let Some(r) = cue_first(doc, cues, lo, hi, i, &subject) {
            return Some(r);
        }
    }
    None
}

/// The reported speech of the cue at token `i` whose content starts at token `from`, bounded as any other.
fn cue_first_from(doc: &Document, cues: &Cues, i: usize, from: usize, hi: usize, speaker: Range<usize>) -> Option<(Reported, Option<Next>)> {
    let (end, next) = content_end(doc, cues, from, hi);
    let content = content_bytes(doc, from, end)?;
    Some((Reported { content, attribution: Attribution { cue: i..i + 1, speaker: Some(speaker) }, needs_quote: false, gap: None }, next))
}

/// "according to X, CONTENT" and "CONTENT, according to X".
fn according(doc: &Document, lo: usize, hi: usize, cue: Range<usize>) -> Option<Reported> {
    // What follows "according to" is the source, whatever it looks like ("complete but unofficial returns"), up
    // to the next comma.
    let source = || {
        let end = (cue.end..hi.min(cue.end + 12)).find(|&j| matches!(word(doc, j), "," | "." | ";" | "—" | "–")).unwrap_or(hi);
        (end > cue.end && end - cue.end < 12).then_some(cue.end..end)
    };
    // A phrase cut short ("a person close" of "a person close to the secretive process,") gives way to the source.
    let whole = |s: &Range<usize>| s.end >= hi || matches!(word(doc, s.end), "," | "." | ";" | "—" | "–");
    let speaker = phrase::after(doc, cue.end, hi).filter(whole).or_else(source).or_else(|| phrase::after(doc, cue.end, hi))?;
    // "But according to interviews with ..., he wants": a conjunction before the attribution opens no content.
    let opener = |j: usize| doc.tokens[j].kind == TokenKind::Punct || matches!(&*fold(word(doc, j)), "but" | "and" | "yet" | "so" | "still" | "however" | "also");
    let first = (lo..cue.start).all(opener);
    let content = if first {
        let comma = (speaker.end..hi).find(|&j| word(doc, j) == ",")?;
        content_bytes(doc, comma + 1, hi)?
    } else {
        // "..., according to X", "... — according to X", or with no mark at all ("Clinton leads by 271 delegates
        // according to a count by ...").
        if cue.start == lo || !matches!(word(doc, cue.start - 1), "," | "—" | "–") && doc.tokens[cue.start - 1].kind != TokenKind::Word {
            return None;
        }
        // "Now, according to the poll, some states are swinging": the attribution in the middle of its content.
        let rest = (speaker.end < hi && word(doc, speaker.end) == ",").then(|| content_bytes(doc, speaker.end + 1, hi)).flatten();
        let before = if doc.tokens[cue.start - 1].kind == TokenKind::Word { cue.start } else { cue.start - 1 };
        if let (Some(first), Some(rest)) = (content_of_words(doc, lo, before, 1), rest) {
            let gap = Some(first.end..rest.start);
            let attribution = Attribution { cue, speaker: Some(speaker) };
            return Some(Reported { content: first.start..rest.end, attribution, needs_quote: false, gap });
        }
        content_bytes(doc, lo, before)?
    };
    Some(Reported { content, attribution: Attribution { cue, speaker: Some(speaker) }, needs_quote: false, gap: None })
}

/// "As reported by SPEAKER, CONTENT" ("As noted by ...").
fn as_reported_by(doc: &Document, cues: &Cues, lo: usize, hi: usize, i: usize) -> Option<(Reported, Option<Next>)> {
    if i == lo || fold(word(doc, i - 1)) != "as" || i + 2 >= hi || fold(word(doc, i + 1)) != "by" {
        return None;
    }
    let comma = (i + 2..hi.min(i + 14)).find(|&j| word(doc, j) == ",")?;
    let speaker = phrase::after(doc, i + 2, comma)?;
    cue_first_from(doc, cues, i, comma + 1, hi, speaker)
}

/// "CONTENT, SPEAKER CUE." or "CONTENT, CUE SPEAKER.": the cue's clause ends the sentence.
fn cue_last(doc: &Document, cues: &Cues, lo: usize, hi: usize, i: usize) -> Option<(Reported, Option<Next>)> {
    // A semicolon after the cue ends its clause: "..., analysts say; in 2012, ...".
    let hi = (i..hi).find(|&j| word(doc, j) == ";").unwrap_or(hi);
    let cue = cue_with_object(doc, cues, i, hi);
    // "CONTENT, said Dan Gerstein": a speaker after a cue that follows a comma, when what precedes the comma is
    // no subject of the sentence ("As the race moves to New York, the race will be tight, said ...").
    // The speaker must then be a name or a short title that ends the sentence or takes an appositive, not a
    // pronoun opening a clause ("..., said she was leaning" is a content).
    let ends_or_apposes = |s: &Range<usize>| {
        let first = word(doc, s.start);
        let name = first.starts_with(char::is_uppercase) && !matches!(&*fold(first), "he" | "she" | "they" | "it" | "we" | "i" | "his" | "her" | "their" | "its" | "our");
        // "said the company's chief executive", "said former Pennsylvania governor Ed Rendell": a longer title, when
        // no word of it reads as a verb.
        let verbless = s.clone().all(|j| {
            let w = word(doc, j);
            !matches!(&*fold(w), "would" | "will" | "could" | "should" | "can" | "may" | "might" | "must" | "is" | "was" | "are" | "were" | "has" | "have" | "had" | "did" | "does")
                && !(w.ends_with("ed") && w.bytes().all(|b| b.is_ascii_lowercase()))
        });
        let titled = s.clone().any(|j| word(doc, j).starts_with(char::is_uppercase)) || matches!(first, "the" | "a" | "an");
        let title = ((matches!(first, "the" | "a" | "an") || is_group(doc, s)) && s.len() <= 4) || (titled && verbless && s.len() <= 7);
        (s.end >= hi || matches!(word(doc, s.end), "," | "." | ";" | "!" | "?")) && ((name && s.len() <= 5) || title)
    };
    let after_comma =
        || (i > lo && word(doc, i - 1) == ",").then(|| phrase::after(doc, cue.end, hi)).flatten().filter(ends_or_apposes);
    let (speaker, comma) = match phrase::before(doc, lo, i) {
        Some(s) if s.start > lo && word(doc, s.start - 1) == "," => (s.clone(), s.start - 1),
        // The comma inside a quote that ends the content: "Mrs. Clinton, with her service, “is seen as ...,” he said".
        Some(s) if marks_start(doc, s.start) > lo + 1 && marks_start(doc, s.start) < s.start && word(doc, marks_start(doc, s.start) - 1) == "," => {
            (s.clone(), marks_start(doc, s.start) - 1)
        }
        Some(s) if s.start == lo => return None,
        Some(_) | None => (after_comma()?, i - 1),
    };
    // After the cue and its speaker, only a short tail may follow ("on Tuesday", "in a statement").
    let tail_start = cue.end.max(speaker.end);
    let tail: Vec<&str> = (tail_start..hi).map(|j| word(doc, j)).collect();
    // The speaker's next act after a comma: "..., Spicer said, adding, “...”", "..., an official said, adding that ...".
    if tail.len() > 2 && tail[0] == "," && is_gerund_cue(doc, cues, lo, tail_start + 1) {
        let first = content_bytes(doc, lo, comma)?;
        let attribution = Attribution { cue, speaker: Some(speaker.clone()) };
        let r = Reported { content: first, attribution, needs_quote: false, gap: None };
        return Some((r, Some(Next::Same(tail_start + 1))));
    }
    // An appositive of the speaker: "..., said Dan Gerstein, director of Gotham Ghostwriters, a consulting firm."
    // The appositive may end in a relative clause about the speaker ("said Howard Rubel, a senior analyst at
    // Jefferies, who notes that ...").
    let own = (2..tail.len()).find(|&k| tail[k - 1] == "," && matches!(&*fold(tail[k]), "who" | "whose")).map_or(tail.len(), |k| k - 1);
    let appositive = own <= 25
        && tail.first() == Some(&",")
        && speaker.start > i
        && tail.get(1).is_some_and(|w| !is_clause_word_after(w) && !is_quote_mark(w))
        && !tail[..own].iter().enumerate().any(|(k, w)| is_quote_mark(w) || fold(w) == "that" || is_cue(doc, cues, tail_start + k));
    // "..., said Ed Rendell, who serves as chairman of ...": a relative clause about the speaker after the cue.
    let relative = tail.first() == Some(&",") && speaker.start > i && tail.get(1).is_some_and(|w| matches!(&*fold(w), "who" | "whose"));
    // "..., President Obama told his closest advisers as he labored over ...": a clause of time or reason after the
    // attribution is about its moment, not a statement.
    let plain = !tail.iter().any(|w| matches!(&*fold(w), "that" | "“" | "\""));
    let adjunct = tail.iter().take(4).any(|w| matches!(&*fold(w), "as" | "while" | "when" | "after" | "before" | "because" | "during"));
    let ends_here = appositive
        || relative
        || (plain && !starts_statement(&tail) && (tail.len() <= 8 || adjunct));
    // The first piece of a content split by its attribution may be a single word ("Mrs. Clinton, analysts said,
    // has other reasons ..."); a content that ends here needs three.
    // A short phrase of time or place before the comma is an adverbial, not what was said ("In May 2001, ...").
    let adverbial = comma <= lo + 6 && matches!(&*fold(word(doc, lo)), "in" | "on" | "at" | "during" | "after" | "before" | "since" | "for" | "by" | "from" | "under" | "over" | "like" | "with");
    let first = content_of_words(doc, lo, comma, 1)?;
    // "CONTENT, X said, CONTENT.": the attribution set in the middle of its content. A short tail goes on the
    // content only when it is a clause of its own (", before they fall", ", but ..."), not "on Tuesday".
    let next = (tail_start + 1 < hi).then(|| fold(word(doc, tail_start + 1))).unwrap_or_default();
    let clause_opener = opens_clause(&next);
    let goes_on = tail.first() == Some(&",")
        && !tail.get(1).is_some_and(|w| is_quote_mark(w))
        && !matches!(&*next, "that" | "who" | "which" | "adding" | "saying")
        && (!ends_here || clause_opener || (speaker.end <= i && is_predicate_start(&next)));
    // "And yet, Mrs. Clinton's aides say, Syria remains a priority": words that only open the sentence are no piece
    // of the content, which is what follows the attribution.
    let opener_only = (lo..comma).all(|j| matches!(&*fold(word(doc, j)), "and" | "but" | "yet" | "so" | "still" | "now" | "however" | "indeed" | "instead" | "meanwhile" | "also"));
    if tail.first() == Some(&",") && opener_only && !matches!(&*next, "that" | "who" | "which") {
        let content = content_bytes(doc, tail_start + 1, hi)?;
        return Some((Reported { content, attribution: Attribution { cue, speaker: Some(speaker) }, needs_quote: false, gap: None }, None));
    }
    if goes_on {
        // The two pieces hold three words between them ("This campaign, he says, is different").
        let words = |a: usize, b: usize| (a..b).filter(|&j| doc.tokens[j].kind != TokenKind::Punct).count();
        let rest = content_of_words(doc, tail_start + 1, hi, 1).filter(|_| words(lo, comma) + words(tail_start + 1, hi) >= 3);
        if let Some(rest) = rest {
            let gap = first.end..rest.start;
            let attribution = Attribution { cue, speaker: Some(speaker) };
            return Some((Reported { content: first.start..rest.end, attribution, needs_quote: false, gap: Some(gap) }, None));
        }
    }
    let first = content_bytes(doc, lo, comma)?;
    // "..., Jane Smith told the station when asked whether ...": the question put to the speaker comes next.
    let asked = (tail_start..hi.saturating_sub(1)).find(|&j| word(doc, j + 1).eq_ignore_ascii_case("asked") && matches!(&*fold(word(doc, j)), "when" | "after" | "once" | ","));
    let next = asked.map(|j| Next::Other(j + usize::from(word(doc, j) == ",")));
    (ends_here && !adverbial).then_some((Reported { content: first, attribution: Attribution { cue, speaker: Some(speaker) }, needs_quote: false, gap: None }, next))
}

/// "SUBJECT did something, saying (that) CONTENT": the cue is a gerund after a comma, and the speaker the
/// subject that opens the sentence.
fn gerund(doc: &Document, cues: &Cues, lo: usize, hi: usize, i: usize, subject: &Option<Range<usize>>) -> Option<(Reported, Option<Next>)> {
    // The same speaker's next act, joined by a conjunction ("..., and suggesting that B") starts the clause.
    let continued = i == lo && subject.is_some() && word(doc, i).ends_with("ing") && cues.lemma(word(doc, i)).is_some();
    if !continued && !is_gerund_cue(doc, cues, lo, i) {
        return None;
    }
    let speaker = match subject {
        Some(s) if i == lo => s.clone(),
        _ if i == lo => return None,
        _ => phrase::sentence_subject(doc, lo, i).or_else(|| quote_speaker(doc, cues, lo, i))?,
    };
    let mut from = i + 1;
    if from < hi && fold(word(doc, from)) == "that" {
        from += 1;
    }
    if from < hi && matches!(&*fold(word(doc, from)), "to" | "," | ".") {
        return None;
    }
    let (end, next) = content_end(doc, cues, from, hi);
    let content = content_bytes(doc, from, end)?;
    Some((Reported { content, attribution: Attribution { cue: i..i + 1, speaker: Some(speaker) }, needs_quote: false, gap: None }, next))
}

/// The speaker of a cue coordinated with an earlier verb ("Graham called both men “crazy” and said ..."):
/// the subject that opens the clause of the first verb.
fn coordinated_subject(doc: &Document, lo: usize, i: usize) -> Option<Range<usize>> {
    let mut k = i;
    while k > lo && phrase::skippable(word(doc, k - 1)) {
        k -= 1;
    }
    // "..., then says he'll welcome advice": a comma and "then" join the verbs as "and" does.
    let then = k > lo && k < i && word(doc, k - 1) == "," && fold(word(doc, k)) == "then";
    if k == lo || !(matches!(&*fold(word(doc, k - 1)), "and" | "but") || then) {
        return None;
    }
    let opener = |j: usize| {
        matches!(&*fold(word(doc, j)), "when" | "as" | "after" | "while" | "because" | "before" | "since" | "if" | "until" | "once")
    };
    let start = (lo..k - 1).rev().find(|&j| opener(j)).map_or(lo, |j| j + 1);
    phrase::sentence_subject(doc, start, k - 1)
}

/// "SPEAKER CUE (that) CONTENT".
fn cue_first(doc: &Document, cues: &Cues, lo: usize, hi: usize, i: usize, subject: &Option<Range<usize>>) -> Option<(Reported, Option<Next>)> {
    let speaker = match subject {
        Some(s) if i == lo => s.clone(),
        _ => phrase::before(doc, lo, i).or_else(|| coordinated_subject(doc, lo, i))?,
    };
    let cue = cue_with_object(doc, cues, i, hi);
    let mut from = cue.end;
    let mut after_that = false;
    // A time or place between the cue and its content ("said on Tuesday that").
    // ... or an adverb ("said, however, that").
    if let Some(that) = (from..hi.min(from + 6)).find(|&j| fold(word(doc, j)) == "that") {
        // Not a "that" inside the content ("said he understands how hard that can be").
        let clause = (from..that).any(|j| matches!(&*fold(word(doc, j)), "he" | "she" | "they" | "we" | "i" | "you" | "it" | "there" | "who"))
            || (from < that && matches!(&*fold(word(doc, from)), "the" | "a" | "an" | "his" | "her" | "their" | "its" | "this" | "these" | "those"));
        if (from..that).all(|j| !is_stop(word(doc, j)) && !is_participle(word(doc, j))) && !clause {
            from = that + 1;
            after_that = true;
            // "say that, even if they thought it was appropriate, a recount could not be done".
            if from + 1 < hi && word(doc, from) == "," && doc.tokens[from + 1].kind == TokenKind::Word {
                from += 1;
            }
        }
    }
    // "As The Washington Post reported, CONTENT": the clause after the comma is what was reported.
    let as_source = from + 1 < hi && word(doc, from) == "," && speaker.start > lo && fold(word(doc, speaker.start - 1)) == "as";
    if as_source {
        from += 1;
    } else if from < hi && matches!(word(doc, from), "," | "." | ":" | ";" | "?" | "!") && word(doc, from) != ":" {
        return None;
    }
    // "Editor’s note:": a noun after a possessive, before a colon, is a label, not a cue.
    let possessive = word(doc, speaker.end - 1).ends_with("’s") || word(doc, speaker.end - 1).ends_with("'s");
    if from < hi && word(doc, from) == ":" && possessive && cues.lemma(word(doc, i)) == Some(&*fold(word(doc, i))) {
        return None;
    }
    // "has said for weeks he's ...": a span of time before the content.
    if from + 1 < hi && fold(word(doc, from)) == "for" && matches!(&*fold(word(doc, from + 1)), "weeks" | "months" | "years" | "days" | "decades") {
        from += 2;
    }
    // "cautioned against drawing lessons", "spoke with reporters": the cue's complement, not what was said ("say that
    // by imposing rules, ..." is a content).
    if !after_that && from < hi && matches!(&*fold(word(doc, from)), "against" | "with" | "from" | "by" | "into" | "for" | "over") {
        return None;
    }
    // "vowed to fight", "promised to cut taxes": a promise is reported speech; "wrote to", "spoke to" are not.
    // "spoke about the need for ...", "spoke out against": what these verbs say comes after "about", "of", "out";
    // "who spoke on the same panel", "spoke at a rally" name where, not what.
    if matches!(cues.lemma(word(doc, i)), Some("speak" | "talk")) {
        let what = from < hi && (matches!(&*fold(word(doc, from)), "that" | "about" | "of" | "out") || word(doc, from).ends_with("ly"));
        if !what {
            return None;
        }
    }
    let promise = matches!(cues.lemma(word(doc, i)), Some("vow" | "promise" | "pledge" | "threaten"));
    if from < hi && fold(word(doc, from)) == "to" && !promise {
        return None;
    }
    let (mut end, mut next) = content_end(doc, cues, from, hi);
    // "While only 7 percent said they are undecided, 27 percent ...": an attribution in a subordinate clause reports
    // up to the comma that closes the clause; the main clause comes next.
    let k = speaker.start;
    let subordinate = k > lo
        && matches!(&*fold(word(doc, k - 1)), "while" | "although" | "though" | "whereas" | "because" | "since" | "as" | "if" | "when" | "after" | "before" | "once" | "unless")
        && (k - 1 == lo || matches!(&*fold(word(doc, k - 2)), "," | ";" | "—" | "–" | "and" | "but"));
    if let Some(c) = subordinate.then(|| (from + 3..end).find(|&c| word(doc, c) == ",")).flatten() {
        (end, next) = (c, Some(Next::Other(c + 1)));
    }
    // "criticized Obama.", "mentioned her granddaughter in speeches": the object is the content, however short.
    let object = (from == cue.end).then(|| object_end(doc, cues.lemma(word(doc, i)), from, end)).flatten();
    let end = object.unwrap_or(end);
    // "Sanders claimed momentum and argued he is ...": a content too short to keep still leads to the next statement.
    // "said yes", "said so", "He said he would": an answer or a clause of two words is content too.
    let short = match &*fold(word(doc, from)) {
        _ if object.is_some() => 1,
        "yes" | "no" | "so" => 1,
        "he" | "she" | "they" | "it" | "we" | "i" => 2,
        _ => 3,
    };
    let Some(content) = content_of_words(doc, from, end, short) else {
        return match next {
            Some(Next::Same(n)) if n > i && n < hi => gerund(doc, cues, n, hi, n, &Some(speaker.clone()))
                .or_else(|| is_cue(doc, cues, n).then(|| cue_first(doc, cues, n, hi, n, &Some(speaker))).flatten()),
            _ => None,
        };
    };
    Some((Reported { content, attribution: Attribution { cue, speaker: Some(speaker) }, needs_quote: false, gap: None }, next))
}
