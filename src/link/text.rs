//! What the words around a place name say about it: "X, Y" containment ("Alexandria, La.", "Atlanta,
//! Georgia") as opposed to a list ("China, Japan and Korea"), a locative preposition before a name the
//! tagger did not call a place ("in Malakal"), and a leading "the" ("the Pacific"), which towns rarely take.
//!
//! Kept apart from the scoring (`places.rs`) because it reads the document's text and mentions, while the
//! scoring reads only candidates.

use super::gazetteer::Gazetteer;
use crate::document::{Document, Field, KbKind};

/// Prepositions that put a place after them: "in", "near", "into"; not "from" or "of" ("a call from
/// Jordan", "the head of Apple").
const LOCATIVES: &[&str] = &["in", "near", "into", "outside", "across", "throughout", "within", "around"];

/// Nouns that say the name next to them is a place: "the village of Kampungu", "the Darfur region",
/// "Nyanza province", "Texas state troopers". Lower case: a capitalised one is part of a name ("Ohio
/// State", "Province Bank"). Each says what kind of place, so that "the island of Java" does not make the
/// hamlet of Java in Georgia likely.
const PLACE_NOUNS: &[(&str, Cue)] = &[
    ("city", Cue::Settlement),
    ("cities", Cue::Settlement),
    ("town", Cue::Settlement),
    ("towns", Cue::Settlement),
    ("village", Cue::Settlement),
    ("villages", Cue::Settlement),
    ("township", Cue::Settlement),
    ("suburb", Cue::Settlement),
    ("suburbs", Cue::Settlement),
    ("municipality", Cue::Settlement),
    ("capital", Cue::Settlement),
    ("state", Cue::Division),
    ("states", Cue::Division),
    ("province", Cue::Division),
    ("provinces", Cue::Division),
    ("county", Cue::Division),
    ("counties", Cue::Division),
    ("parish", Cue::Division),
    ("parishes", Cue::Division),
    ("district", Cue::Division),
    ("districts", Cue::Division),
    ("prefecture", Cue::Division),
    ("governorate", Cue::Division),
    ("oblast", Cue::Division),
    ("department", Cue::Division),
    ("territory", Cue::Division),
    ("region", Cue::Other),
    ("regions", Cue::Other),
    ("island", Cue::Other),
    ("islands", Cue::Other),
    ("area", Cue::Other),
];

/// What the words around a name say it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cue {
    /// A town or city ("the village of X").
    Settlement,
    /// A state, province, county or district ("X province").
    Division,
    /// A place of no kind the gazetteer tells apart ("the X region", "the island of X").
    Other,
}

/// The last words of a name that make it a place whatever the tagger called it ("Fulton County",
/// "Rapides Parish", "Nyanza Province").
const PLACE_SUFFIXES: &[&str] =
    &["County", "Parish", "Province", "Prefecture", "Governorate", "Oblast", "District", "Region", "Island"];

/// What the text writes right after entity `i`'s mentions: ", Y".
#[derive(Debug, Default)]
pub(super) struct After {
    /// The regions (states, divisions, countries) Y may be.
    pub(super) regions: Vec<u32>,
    /// The entities whose mention is Y.
    pub(super) entities: Vec<usize>,
}

/// What follows ", " after the mentions of entity `i`, skipping mentions that are items of a list (after a
/// comma, or before "and"/"or"). Y ends where its capitalised words end, so "San Fernando" in "San Fernando
/// Valley" is not a region; dots do not end it, since name keys ignore them ("La.", "N.Y.").
pub(super) fn written_after(g: &Gazetteer, doc: &Document, i: usize) -> After {
    let mut out = After::default();
    for m in doc.mentions.iter().filter(|m| m.entity == Some(i)) {
        let text = doc.field_text(m.field);
        let before = text.get(..m.span.byte.start).unwrap_or("");
        if before.trim_end().ends_with(',') {
            continue;
        }
        let Some(after) = text.get(m.span.byte.end..).and_then(|t| t.strip_prefix(", ")) else { continue };
        let y_start = m.span.byte.end + 2;
        if let Some(y) = doc.mentions.iter().find(|y| y.field == m.field && y.span.byte.start == y_start) {
            let rest = text.get(y.span.byte.end..).unwrap_or("");
            if !(rest.starts_with(" and ") || rest.starts_with(" or ")) {
                out.entities.extend(y.entity.filter(|&e| e != i));
            }
        }
        let mut end = 0;
        for (k, c) in after.char_indices() {
            if k > 24 || matches!(c, ',' | ';' | '\n' | ')' | '(' | '—' | '–') {
                break;
            }
            end = k + c.len_utf8();
        }
        let words: Vec<&str> = after[..end].split_whitespace().collect();
        // A region is written with a capital ("La.", "Texas"); "Hohhot, the capital of Inner Mongolia" is
        // an apposition, not containment.
        if !words.first().is_some_and(|w| w.chars().next().is_some_and(char::is_uppercase)) {
            continue;
        }
        for n in (1..=words.len().min(3)).rev() {
            match words.get(n) {
                Some(w) if w.chars().next().is_some_and(char::is_uppercase) => continue,
                Some(&"and") | Some(&"or") => break,
                _ => {}
            }
            let found = regions(g, &words[..n].join(" "));
            if !found.is_empty() {
                out.regions.extend(found);
                break;
            }
        }
    }
    out
}

/// The states, divisions and countries a short text names ("La.", "LA", "Louisiana", "France").
pub(super) fn regions(g: &Gazetteer, text: &str) -> Vec<u32> {
    let text = text.trim_end_matches([',', ';', ':', ')']).trim();
    if text.is_empty() || text.len() > 40 {
        return Vec::new();
    }
    let is_region = |c: u32| matches!(g.place(c).kind, KbKind::Country | KbKind::Admin1 | KbKind::Admin2);
    let all: Vec<u32> = g.lookup(text).collect();
    // A name that is more likely a city than any region of its name ("Long Island" the town, not the
    // Bahamas' district) is not read as containment: it is the next item of a list.
    let largest = |region: bool| {
        all.iter().filter(|&&c| is_region(c) == region).map(|&c| g.place(c).population).max().unwrap_or(0)
    };
    let mut found: Vec<u32> = if all.iter().any(|&c| is_region(c)) && largest(true) < largest(false) {
        Vec::new()
    } else {
        all.into_iter().filter(|&c| is_region(c)).collect()
    };
    if found.is_empty() && text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase()) {
        found.extend(g.us_state(text));
    }
    found
}

/// "Alexandria, La." → ("Alexandria", [Louisiana]); None unless the part after the last comma is a state,
/// division or country.
pub(super) fn split_containment(g: &Gazetteer, text: &str) -> Option<(String, Vec<u32>)> {
    let (head, tail) = text.rsplit_once(',')?;
    let head = head.trim();
    let containers = regions(g, tail.trim());
    (!head.is_empty() && !containers.is_empty()).then(|| (head.to_string(), containers))
}

/// Whether a body mention of entity `i` follows a locative preposition ("in Malakal") and is not a
/// possessive ("in Jordan's words").
pub(super) fn after_locative(doc: &Document, i: usize) -> bool {
    doc.mentions.iter().filter(|m| m.entity == Some(i) && m.field == Field::Body).any(|m| {
        let before = doc.body.get(..m.span.byte.start).unwrap_or("");
        let after = doc.body.get(m.span.byte.end..).unwrap_or("");
        let mut words = before.split_whitespace().rev();
        let word = match words.next() {
            Some(w) if w.eq_ignore_ascii_case("the") => words.next(),
            w => w,
        };
        word.is_some_and(|w| LOCATIVES.iter().any(|l| w.eq_ignore_ascii_case(l)))
            && before.ends_with(char::is_whitespace)
            && !after.starts_with("'s")
            && !after.starts_with("\u{2019}s")
    })
}

/// What the words around a mention of entity `i` say it is, if they name it a place: a place noun before
/// "of" ("the village of Cellardyke", "the state of New South Wales") or right after it ("the Darfur
/// region", "Jordan state media"), a name that ends with one ("Fulton County"), or "X-based".
pub(super) fn place_cue(doc: &Document, i: usize) -> Option<Cue> {
    let noun = |w: &str| {
        let w = w.trim_matches(|c: char| !c.is_alphanumeric());
        PLACE_NOUNS.iter().find(|(n, _)| *n == w).map(|&(_, cue)| cue)
    };
    doc.mentions.iter().filter(|m| m.entity == Some(i)).find_map(|m| {
        let text = doc.field_text(m.field);
        let name = text.get(m.span.byte.clone()).unwrap_or("");
        if name.ends_with("-based") {
            return Some(Cue::Other);
        }
        if name.rsplit(' ').next().is_some_and(|w| PLACE_SUFFIXES.contains(&w)) {
            return Some(Cue::Division);
        }
        let before = text.get(..m.span.byte.start).unwrap_or("");
        let mut back = before.split_whitespace().rev();
        let noun_of = (before.ends_with(char::is_whitespace) && back.next() == Some("of"))
            .then(|| back.next().filter(|w| !w.ends_with(',')).and_then(noun))
            .flatten();
        let after = text.get(m.span.byte.end..).unwrap_or("");
        let noun_after = after.starts_with(' ').then(|| after.split_whitespace().next().and_then(noun)).flatten();
        noun_of.or(noun_after)
    })
}

/// A name the tagger cut before its "of" ("Democratic Republic" of "Democratic Republic of the Congo"):
/// the name with the "of" phrase that follows a body mention of entity `i` (up to three capitalised
/// words, ending at punctuation), longest first.
pub(super) fn with_of_phrase(doc: &Document, i: usize) -> Vec<String> {
    let Some(m) = doc.mentions.iter().find(|m| m.entity == Some(i) && m.field == Field::Body) else {
        return Vec::new();
    };
    let Some(rest) = doc.body.get(m.span.byte.end..).and_then(|r| r.strip_prefix(" of ")) else {
        return Vec::new();
    };
    let (the, rest) = match rest.strip_prefix("the ") {
        Some(r) => ("the ", r),
        None => ("", rest),
    };
    let mut words: Vec<&str> = Vec::new();
    for w in rest.split_whitespace().take(3) {
        let bare = w.trim_end_matches(|c: char| !c.is_alphanumeric());
        if !bare.chars().next().is_some_and(char::is_uppercase) {
            break;
        }
        words.push(bare);
        if bare.len() < w.len() {
            break;
        }
    }
    (1..=words.len()).rev().map(|n| format!("{} of {the}{}", m.text, words[..n].join(" "))).collect()
}

/// Verbs whose subject is a person, never a place or its government: "Jordan scored 30", "Washington was
/// born in Virginia". "Said", "passed", "shot" and "crossed" are not here: a country says, passes a law,
/// shoots down a drone and crosses a red line through its government and army.
const PERSON_VERBS: &[&str] = &[
    "scored",
    "scores",
    "dunked",
    "rebounded",
    "married",
    "smiled",
    "laughed",
    "sang",
    "starred",
    "pitched",
    "homered",
    "tackled",
    "dribbled",
    "was born",
    "grew up",
];

/// Whether every body mention of entity `i` is the subject of a verb only a person does ("Jordan scored
/// 30"): then a LOCATION label is the tagger's mistake, and no place is better than a wrong one.
pub(super) fn person_subject(doc: &Document, i: usize) -> bool {
    let mut body = doc.mentions.iter().filter(|m| m.entity == Some(i) && m.field == Field::Body).peekable();
    body.peek().is_some()
        && body.all(|m| {
            let after = doc.body.get(m.span.byte.end..).unwrap_or("");
            after.strip_prefix(' ').is_some_and(|rest| {
                PERSON_VERBS.iter().any(|v| {
                    rest.strip_prefix(v).is_some_and(|r| r.is_empty() || r.starts_with(|c: char| !c.is_alphanumeric()))
                })
            })
        })
}

/// Whether a body mention of entity `i` is coordinated with a LOCATION mention ("in Pineville and Boyce",
/// "from Lecompte, Glenmora and Ball"): an item of a list of places is likely a place whatever its label.
pub(super) fn coordinated_with_location(doc: &Document, i: usize) -> bool {
    let body: Vec<&crate::document::Mention> = doc.mentions.iter().filter(|m| m.field == Field::Body).collect();
    let joined = |a: &crate::document::Mention, b: &crate::document::Mention| {
        let gap = doc.body.get(a.span.byte.end..b.span.byte.start).unwrap_or("");
        matches!(gap, ", " | " and " | " or " | ", and " | ", or ")
    };
    let place = |m: &crate::document::Mention| m.label == crate::document::Label::Location && m.entity != Some(i);
    body.iter().enumerate().filter(|(_, m)| m.entity == Some(i)).any(|(k, m)| {
        (k > 0 && place(body[k - 1]) && joined(body[k - 1], m))
            || body.get(k + 1).is_some_and(|next| place(next) && joined(m, next))
    })
}

/// Whether every body mention of entity `i` follows "the" ("the Pacific", "the Atlantic flyway"): a
/// town's name seldom does, a sea's, a region's or a large city's ("the Hague") may.
pub(super) fn always_after_the(doc: &Document, i: usize) -> bool {
    let mut body = doc.mentions.iter().filter(|m| m.entity == Some(i) && m.field == Field::Body).peekable();
    body.peek().is_some()
        && body.all(|m| {
            let before = doc.body.get(..m.span.byte.start).unwrap_or("");
            before.ends_with(char::is_whitespace)
                && before.split_whitespace().next_back().is_some_and(|w| w.eq_ignore_ascii_case("the"))
        })
}

/// The article's dateline as (place, the regions written after it): "ALEXANDRIA, La." gives
/// ("ALEXANDRIA", [Louisiana]). The cleaner may keep only the place ("ALEXANDRIA") while the body still
/// opens with the whole dateline, so the body's opening is read too. A dateline with no region after it
/// stands alone ("PARIS"): the regions are empty.
pub(super) fn dateline(g: &Gazetteer, doc: &Document) -> Option<(String, Vec<u32>)> {
    let d = doc.meta.dateline.as_deref()?.trim();
    if let Some(found) = split_containment(g, d) {
        return Some(found);
    }
    // The dateline opens the body, or its second paragraph after a headline line.
    let after = doc.dateline_offset().map(|at| &doc.body[at + d.len()..]);
    let tail = after.and_then(|rest| rest.strip_prefix(", ")).map(|rest| {
        let end = rest.find(['—', '–', '(', '\n', ':']).unwrap_or(rest.len()).min(40);
        regions(g, rest.get(..end).unwrap_or("").trim().trim_end_matches(['-', ' ']))
    });
    Some((d.to_string(), tail.unwrap_or_default()))
}
