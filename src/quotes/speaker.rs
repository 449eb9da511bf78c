//! The speaker resolved to one of the article's entities.
//!
//! In this order: a name the entity stage found inside the speaker phrase
//! (a person before an organisation); a pronoun, to the first person named
//! in the sentence that last named one whose gender does not contradict it
//! (`he`, `she`: the pronoun goes on with that sentence's subject), or to the
//! first organisation or group of the sentence that last named one, within the
//! last two sentences (`it`, `they`, `we`; a lone `it` farther away goes on
//! with the organisation that spoke last), or the name just before a relative
//! `who`; a title ("the prime minister", "the NATO chief"), to the person the
//! article gave that role (the resolver reads roles from titles and
//! appositives); a description ("the company", "the agency"), to the
//! organisation whose name holds its head word, or else to the story's
//! subject (`description`); a capitalised word that is the last word of one
//! person's name (a surname the recognizer missed). Anything else stays
//! unresolved: a null entity is better than a wrong one.

use std::ops::Range;

use super::phrase::fold;
use crate::document::{Document, Label};
use crate::entities::resolve::is_role_head;

/// The entity of the speaker phrase at body bytes `span`, if the article allows one; `spoke` is the
/// organisation that spoke last before it, if any.
pub(crate) fn resolve(doc: &Document, span: Range<usize>, text: &str, spoke: Option<usize>) -> Option<usize> {
    // "It said ..." far from any organisation goes on with the organisation that spoke last ("Henley Group Inc
    // said ... It said ...", "DrKW said ... “...,” it added").
    let it = || (fold(text.trim()) == "it").then_some(spoke).flatten();
    named_inside(doc, &span)
        .or_else(|| pronoun(doc, &span, text))
        .or_else(it)
        .or_else(|| title(doc, &span, text))
        .or_else(|| description(doc, &span, text))
        .or_else(|| surname(doc, text))
}

/// Head nouns of a definite description that stands for an organisation the article named ("the company said",
/// "the Dutch bank said").
const ORGANISATION_HEADS: &[&str] = &[
    "company", "firm", "group", "corporation", "concern", "conglomerate", "bank", "lender", "insurer", "agency",
    "exchange", "airline", "carrier", "utility", "retailer", "maker", "manufacturer", "producer", "publisher",
    "newspaper", "broadcaster", "network", "union", "ministry", "department", "commission", "institute", "fund",
];

/// "the company", "the oil company", "the agency": the organisation the description stands for. An
/// organisation named before the phrase whose name holds the head word ("the agency" after the New China News
/// Agency), the latest; else, for a word any business can be called ("company", "firm"; not "group", often
/// investors led by someone), the story's subject: the first organisation named before the phrase that opens a
/// sentence ("Hughes Tool Co said ..."), else the one named most often.
fn description(doc: &Document, span: &Range<usize>, text: &str) -> Option<usize> {
    let words: Vec<String> = text.split_whitespace().map(|w| fold(w).into_owned()).collect();
    let (first, head) = (words.first()?, words.last()?);
    if !matches!(first.as_str(), "the" | "this") || words.len() > 4 || !ORGANISATION_HEADS.contains(&head.as_str()) {
        return None;
    }
    // The modifiers are lower-case words ("the oil company") or a nationality ("the Dutch bank"); another
    // capitalised word names another body ("the Labour Party group").
    if text.split_whitespace().skip(1).any(|w| w.starts_with(char::is_uppercase) && !is_nationality(w)) {
        return None;
    }
    let dateline = dateline_end(doc);
    let named = organisations(doc, span, dateline).rfind(|m| m.entity.is_some_and(|e| fold(&doc.entities[e].name).contains(head.as_str())));
    if let Some(m) = named {
        return m.entity;
    }
    if !matches!(head.as_str(), "company" | "firm" | "corporation" | "concern" | "conglomerate") {
        return None;
    }
    story_subject(doc, span, dateline)
}

/// The organisations named in the body before the phrase at `span`, after the dateline (which ends at body
/// byte `dateline`): the agency of a dateline ("MONTREAL (Harbour Wire) -") is not the story's subject.
fn organisations<'a>(
    doc: &'a Document,
    span: &'a Range<usize>,
    dateline: usize,
) -> impl DoubleEndedIterator<Item = &'a crate::document::Mention> + 'a {
    doc.mentions.iter().filter(move |m| {
        m.field == crate::document::Field::Body
            && m.span.byte.start >= dateline
            && m.span.byte.end <= span.start
            && m.label == Label::Organization
            && m.entity.is_some()
    })
}

/// The organisation a wire story is about, as named before the phrase at `span`: the first that opens a
/// sentence ("Hughes Tool Co said ..."), else the one named most often (the first named among equals).
fn story_subject(doc: &Document, span: &Range<usize>, dateline: usize) -> Option<usize> {
    let body = doc.field_text(crate::document::Field::Body);
    let opens_sentence = |at: usize| {
        let s = doc.sentences.partition_point(|s| s.span.byte.start <= at).checked_sub(1);
        let start = s.and_then(|s| doc.sentences.get(s)).map_or(0, |s| s.span.byte.start).max(dateline);
        matches!(body.get(start..at).map(str::trim), Some("" | "The"))
    };
    if let Some(m) = organisations(doc, span, dateline).find(|m| opens_sentence(m.span.byte.start)) {
        return m.entity;
    }
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for e in organisations(doc, span, dateline).filter_map(|m| m.entity) {
        match counts.iter_mut().find(|(x, _)| *x == e) {
            Some((_, n)) => *n += 1,
            None => counts.push((e, 1)),
        }
    }
    counts.iter().rev().max_by_key(|&&(_, n)| n).map(|&(e, _)| e)
}

/// The body byte where the story starts after its dateline ("PARIS (Reuters) -"), or 0.
fn dateline_end(doc: &Document) -> usize {
    // The clean stage keeps the dateline it found; without one there is nothing to look for.
    if doc.meta.dateline.is_none() {
        return 0;
    }
    crate::clean::dateline::find_dateline(&doc.body).map_or(0, |d| d.len)
}

/// A capitalised adjective of nationality ("Dutch", "Japanese", "French"), by its endings.
fn is_nationality(w: &str) -> bool {
    ["ese", "ish", "ch", "an"].iter().any(|e| w.ends_with(e)) && w.len() > 3
}

/// An entity mention inside the phrase: a person first, then an organisation or group.
fn named_inside(doc: &Document, span: &Range<usize>) -> Option<usize> {
    let inside = |labels: &[Label]| {
        doc.mentions.iter().find(|m| {
            m.field == crate::document::Field::Body
                && m.span.byte.start >= span.start
                && m.span.byte.end <= span.end
                && labels.contains(&m.label)
                && m.entity.is_some()
        })
    };
    // A place speaks only as a government ("Paris said"): when it is the whole phrase, not a modifier in it.
    // ("the United States said" too).
    let whole = |m: &crate::document::Mention| {
        m.span.byte.end == span.end
            && (m.span.byte.start == span.start
                || doc.body.get(span.start..m.span.byte.start).is_some_and(|d| d.trim().eq_ignore_ascii_case("the")))
    };
    let whole_place =
        doc.mentions.iter().find(|m| m.field == crate::document::Field::Body && whole(m) && m.label == Label::Location);
    // A nationality is a modifier ("the 27-year-old Austrian"), not who speaks.
    let misc = inside(&[Label::Misc]).filter(|m| !(m.text.split_whitespace().count() == 1 && is_nationality(&m.text)));
    inside(&[Label::Person])
        .or_else(|| inside(&[Label::Organization, Label::Group]))
        .or(misc)
        .or(whole_place)
        .and_then(|m| m.entity)
}

/// What a person's names and roles say of their gender, when they say anything.
fn gender(doc: &Document, entity: usize) -> Option<char> {
    let e = doc.entities.get(entity)?;
    let words = e.roles.iter().chain(&e.aliases).chain(std::iter::once(&e.name)).flat_map(|s| s.split_whitespace());
    for w in words {
        match fold(w).trim_end_matches('.') {
            "mr" | "king" | "prince" | "spokesman" | "chairman" | "congressman" | "sir" | "lord" | "father" => {
                return Some('m')
            }
            "mrs" | "ms" | "miss" | "queen" | "princess" | "spokeswoman" | "chairwoman" | "congresswoman" | "dame"
            | "lady" | "mother" => return Some('f'),
            _ => {}
        }
    }
    // The mentions' own text: "Mr. Smith" as written in the body.
    doc.mentions.iter().filter(|m| m.entity == Some(entity)).find_map(|m| {
        let before = &doc.field_text(m.field)[..m.span.byte.start];
        let prev = before.split_whitespace().next_back().map(|w| fold(w.trim_end_matches('.')));
        match prev.as_deref() {
            Some("mr") => Some('m'),
            Some("mrs" | "ms") => Some('f'),
            _ => None,
        }
    })
}

fn pronoun(doc: &Document, span: &Range<usize>, text: &str) -> Option<usize> {
    let f = fold(text.trim());
    let (labels, want): (&[Label], Option<char>) = match &*f {
        "he" => (&[Label::Person], Some('m')),
        "she" => (&[Label::Person], Some('f')),
        "it" | "they" | "we" => (&[Label::Organization, Label::Group], None),
        "who" => (&[Label::Person, Label::Organization, Label::Group], None),
        _ => return None,
    };
    // "who" refers to the name just before it; "it" far from any organisation is too vague to resolve.
    let window = match (&*f, want) {
        ("who", _) => span.start.saturating_sub(60),
        (_, None) => recent_start(doc, span.start),
        _ => 0,
    };
    let window = window.max(dateline_end(doc));
    let candidates = || {
        doc.mentions
            .iter()
            .filter(|m| m.field == crate::document::Field::Body && m.span.byte.end <= span.start && m.span.byte.start >= window)
            .filter(|m| labels.contains(&m.label))
            .filter(|m| m.entity.is_some_and(|e| want.is_none() || gender(doc, e).is_none_or(|g| Some(g) == want)))
    };
    let last = candidates().next_back()?;
    // "Professor Lukas Henning of Greyfield University, who said": "who" is the person the phrase names, not
    // the organisation after "of".
    if f == "who" {
        return candidates().filter(|m| m.label == Label::Person).next_back().unwrap_or(last).entity;
    }
    // "he", "she", "it" and "they" continue the subject: of the sentence that named the last candidate, its
    // first one ("Hollande dismissed Trump's remarks. He said ..." is Hollande; "Mitchell Hutchins said it
    // filed with the Securities and Exchange Commission ... It said ..." is Mitchell Hutchins).
    let sentence = doc.sentences.partition_point(|s| s.span.byte.start <= last.span.byte.start).checked_sub(1);
    let start = sentence.and_then(|s| doc.sentences.get(s)).map_or(0, |s| s.span.byte.start);
    candidates().find(|m| m.span.byte.start >= start).and_then(|m| m.entity)
}

/// The start of the sentence before the one holding byte `at`.
fn recent_start(doc: &Document, at: usize) -> usize {
    let s = doc.sentences.partition_point(|s| s.span.byte.start <= at);
    doc.sentences.get(s.saturating_sub(2)).map_or(0, |s| s.span.byte.start)
}

/// A title: the person the article gave a role with the same head word and modifiers.
fn title(doc: &Document, span: &Range<usize>, text: &str) -> Option<usize> {
    let words: Vec<String> =
        text.split_whitespace().map(|w| fold(w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')).into_owned()).collect();
    let head = words.iter().rposition(|w| is_role_head(w))?;
    let wanted: Vec<&String> = words[..=head].iter().filter(|w| !matches!(w.as_str(), "the" | "a" | "an" | "its" | "his" | "her" | "their")).collect();
    let holds = |e: usize| {
        doc.entities[e].label == Label::Person
            && doc.entities[e].roles.iter().any(|r| {
                let role: Vec<String> = r.split_whitespace().map(|w| fold(w).into_owned()).collect();
                wanted.iter().all(|w| role.iter().any(|x| x.trim_matches(|c: char| !c.is_alphanumeric() && c != '-') == w.as_str()))
            })
    };
    // The holder named most recently before the phrase, or else the first holder.
    let before = doc
        .mentions
        .iter()
        .filter(|m| m.field == crate::document::Field::Body && m.span.byte.end <= span.start)
        .filter_map(|m| m.entity)
        .filter(|&e| holds(e))
        .next_back();
    before.or_else(|| (0..doc.entities.len()).find(|&e| holds(e)))
}

/// A capitalised word that is the last word of exactly one person's name.
fn surname(doc: &Document, text: &str) -> Option<usize> {
    let last = text.split_whitespace().next_back()?;
    if !last.starts_with(char::is_uppercase) {
        return None;
    }
    let last = fold(last);
    let mut found = doc.entities.iter().enumerate().filter(|(_, e)| {
        e.label == Label::Person && e.name.split_whitespace().next_back().is_some_and(|w| fold(w) == last)
    });
    match (found.next(), found.next()) {
        (Some((i, _)), None) => Some(i),
        _ => None,
    }
}
