//! Roles of people: a title before a mention ("Prime Minister", "NATO
//! Secretary-General", "Venezuelan ruler") and an appositive after it ("Mark
//! Rutte, secretary-general of NATO,"), skipping photo positions ("Nadia
//! Burger, lower left, deputy ambassador").
//!
//! Titles are also what the resolver sets aside from a person's name ("Prime
//! Minister Mark Carney" is Mark Carney), and what may precede a bare surname
//! found again as an alias ("Prime Minister Carney"), so the word lists live
//! here once. Everything works on text, not on the resolver's items, so the
//! other steps can call it without this file knowing them.

use crate::document::{Document, Field, Mention};
use crate::entities::names;

/// The leading titles and honorifics of a person's name words ("President", "Mr."): how many words they
/// take (the last word is always left as the name) and the title they make, honorifics left out. A title
/// whose head follows a place or body ("Aldren Mayor Ines Calloway", "NATO Chief Mark Rutte") takes the words
/// before it too, when two capitalised words or more follow it: "Martin Luther King Jr" stays a name.
pub(super) fn leading_title(raw: &[&str]) -> (usize, Option<String>) {
    let mut start = 0;
    while start + 1 < raw.len() && (is_honorific(raw[start]) || is_title_word(raw[start])) {
        start += 1;
    }
    if start == 0 {
        let capitalised = |w: &&str| w.chars().next().is_some_and(char::is_uppercase);
        let head = |w: &str| capitalised(&w) && ROLE_HEADS.contains(&names::fold(w).trim_end_matches('.'));
        if let Some(j) = (1..raw.len().saturating_sub(2)).rev().find(|&j| head(raw[j]) && raw[j + 1..].iter().all(capitalised)) {
            start = j + 1;
        }
    }
    let title: Vec<&str> = raw[..start].iter().copied().filter(|w| !is_honorific(w)).collect();
    (start, (!title.is_empty()).then(|| title.join(" ")))
}

/// The roles written around a person's mention, in its sentence: a title before it, an appositive after it.
pub(super) fn around(doc: &Document, mention: &Mention) -> impl Iterator<Item = String> {
    let field_text = doc.field_text(mention.field);
    let (lo, hi) = sentence_bounds(doc, mention, field_text);
    let before = role_before(&field_text[lo..mention.span.byte.start.max(lo)]);
    let after = role_after(&field_text[mention.span.byte.end.min(hi)..hi]);
    before.into_iter().chain(after)
}

/// The roles of an entity's mentions, each once (ignoring case), in order.
pub(super) fn distinct<'r>(all: impl Iterator<Item = &'r String>) -> Vec<String> {
    let mut roles: Vec<String> = Vec::new();
    for r in all {
        if !roles.iter().any(|x| names::fold(x) == names::fold(r)) {
            roles.push(r.clone());
        }
    }
    roles
}

/// Byte bounds of the sentence around a mention (the body's sentences; the whole title or caption).
fn sentence_bounds(doc: &Document, m: &Mention, text: &str) -> (usize, usize) {
    match m.sentence.and_then(|s| doc.sentences.get(s)).filter(|_| m.field == Field::Body) {
        Some(s) => (s.span.byte.start.min(m.span.byte.start), s.span.byte.end.max(m.span.byte.end).min(text.len())),
        None => (0, text.len()),
    }
}

fn is_honorific(w: &str) -> bool {
    matches!(names::fold(w).trim_end_matches('.'), "mr" | "mrs" | "ms" | "miss" | "mx" | "dr" | "sir" | "dame")
}

/// Head words of titles and roles.
const ROLE_HEADS: &[&str] = &[
    "minister",
    "president",
    "premier",
    "chancellor",
    "secretary-general",
    "secretary",
    "ambassador",
    "leader",
    "ruler",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "emperor",
    "general",
    "gen",
    "commander",
    "chief",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "senator",
    "sen",
    "representative",
    "rep",
    "congressman",
    "congresswoman",
    "governor",
    "gov",
    "mayor",
    "councillor",
    "councilor",
    "mp",
    "mep",
    "judge",
    "justice",
    "commissioner",
    "director",
    "director-general",
    "ceo",
    "chairman",
    "chairwoman",
    "chair",
    "chairperson",
    "envoy",
    "adviser",
    "advisor",
    "diplomat",
    "official",
    "coach",
    "captain",
    "manager",
    "lawyer",
    "attorney",
    "prosecutor",
    "economist",
    "analyst",
    "founder",
    "co-founder",
    "executive",
    "officer",
    "head",
    "dictator",
    "monarch",
    "sheikh",
    "archbishop",
    "bishop",
    "cardinal",
    "rabbi",
    "imam",
    "professor",
    "prof",
    "colonel",
    "col",
    "lieutenant",
    "lt",
    "sergeant",
    "sgt",
    "admiral",
    "adm",
    "president-elect",
    "vice-president",
    "deputy",
    "speaker",
    "meteorologist",
    "correspondent",
    "reporter",
    "journalist",
    "editor",
    "author",
    "consul",
    "negotiator",
    "mediator",
    "candidate",
    "nominee",
    "activist",
    "researcher",
    "scientist",
    "chancellor-elect",
    "prime-minister",
    "superintendent",
    "inspector",
    "constable",
    "detective",
    "marshal",
    "governor-general",
    "lieutenant-governor",
    "treasurer",
];

/// Words that may precede a role's head inside the role ("Prime", "deputy", "former").
const ROLE_MODIFIERS: &[&str] = &[
    "prime",
    "deputy",
    "foreign",
    "defence",
    "defense",
    "finance",
    "vice",
    "former",
    "acting",
    "interim",
    "chief",
    "senior",
    "top",
    "then",
    "late",
    "incoming",
    "outgoing",
    "opposition",
    "federal",
    "provincial",
    "state",
    "national",
    "executive",
    "assistant",
    "associate",
    "general",
    "trade",
    "health",
    "interior",
    "economy",
    "energy",
    "environment",
    "security",
    "military",
    "government",
    "party",
    "house",
    "senate",
    "majority",
    "minority",
    "supreme",
    "crown",
    "grand",
    "lord",
    "managing",
    "press",
    "communications",
    "policy",
    "foreign-affairs",
];

/// Whether a word (any case) is the head of a title or role ("minister", "spokesperson", "official"): the
/// quote stage uses it to tie "the minister said" to the person holding the role.
pub(crate) fn is_role_head(w: &str) -> bool {
    let f = names::fold(w);
    ROLE_HEADS.contains(&f.trim_end_matches('.'))
}

/// Whether a capitalised word is a title or part of one ("President", "Prime", "Gen.").
pub(super) fn is_title_word(w: &str) -> bool {
    let f = names::fold(w);
    let f = f.trim_end_matches('.');
    w.chars().next().is_some_and(char::is_uppercase) && (ROLE_HEADS.contains(&f) || ROLE_MODIFIERS.contains(&f))
}

/// A title right before a name: "Prime Minister", "NATO Secretary-General", "Venezuelan ruler".
fn role_before(before: &str) -> Option<String> {
    let words: Vec<&str> = before.split_whitespace().collect();
    let last = *words.last()?;
    if !before.ends_with(|c: char| c.is_whitespace()) || !ROLE_HEADS.contains(&names::fold(last).trim_end_matches('.'))
    {
        return None;
    }
    let mut start = words.len() - 1;
    while start > 0 && words.len() - start < 5 {
        let w = words[start - 1];
        let f = names::fold(w);
        let f = f.trim_end_matches('.');
        let capitalised = w.chars().next().is_some_and(char::is_uppercase)
            && w.chars().all(|c| c.is_alphanumeric() || c == '-' || c == '.')
            && !matches!(f, "the" | "a" | "an" | "by" | "said" | "says" | "with" | "and");
        if ROLE_HEADS.contains(&f) || ROLE_MODIFIERS.contains(&f) || capitalised {
            start -= 1;
        } else {
            break;
        }
    }
    Some(words[start..].join(" "))
}

/// An appositive right after a name: ", secretary-general of NATO," (photo positions skipped).
fn role_after(after: &str) -> Option<String> {
    let rest = after.strip_prefix(',')?;
    let end = rest.find(['.', ';', ':', '(', ')', '—', '–', '\n']).unwrap_or(rest.len());
    let segments: Vec<&str> = rest[..end].split(',').map(str::trim).collect();
    // The last piece before a full stop may run on into the sentence ("... as he disembarks").
    for (n, seg) in segments.iter().enumerate().take(3) {
        if is_photo_position(seg) {
            continue;
        }
        let closed = n + 1 < segments.len() || end < rest.len();
        return appositive_role(seg).filter(|_| closed);
    }
    None
}

fn is_photo_position(seg: &str) -> bool {
    let f = names::fold(seg);
    let words: Vec<&str> = f.split_whitespace().collect();
    !words.is_empty()
        && words.len() <= 4
        && words.iter().all(|w| {
            matches!(
                *w,
                "left"
                    | "right"
                    | "centre"
                    | "center"
                    | "top"
                    | "bottom"
                    | "front"
                    | "back"
                    | "rear"
                    | "lower"
                    | "upper"
                    | "far"
                    | "second"
                    | "third"
                    | "from"
                    | "row"
                    | "middle"
                    | "foreground"
                    | "background"
            )
        })
}

fn appositive_role(seg: &str) -> Option<String> {
    let mut words: Vec<&str> = seg.split_whitespace().collect();
    if matches!(words.first().map(|w| names::fold(w)).as_deref(), Some("a" | "an" | "the")) {
        words.remove(0);
    }
    if words.is_empty() || words.len() > 8 {
        return None;
    }
    let folded: Vec<String> = words.iter().map(|w| names::fold(w).trim_end_matches('.').to_string()).collect();
    let verbs =
        ["said", "says", "told", "who", "which", "is", "was", "are", "were", "has", "have", "will", "would", "and"];
    if folded.iter().any(|w| verbs.contains(&w.as_str())) {
        return None;
    }
    let has_head = folded.iter().take(4).any(|w| ROLE_HEADS.contains(&w.as_str()));
    let starts_well = words[0].chars().next().is_some_and(char::is_lowercase)
        || is_title_word(words[0])
        || folded[0].ends_with("’s")
        || folded[0].ends_with("'s");
    (has_head && starts_well).then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{doc, resolver};
    use crate::document::Field::Body as B;
    use crate::document::Label::Person as PER;
    use crate::entities::Resolver;

    #[test]
    fn roles_come_from_titles_and_appositives() {
        let cases: &[(&str, &str, &str, &[&str])] = &[
            ("title before", "PARIS — Prime Minister Mark Carney is in Paris.", "Mark Carney", &["Prime Minister"]),
            (
                "appositive after",
                "leaders, including Mark Rutte, secretary-general of NATO, and others.",
                "Mark Rutte",
                &["secretary-general of NATO"],
            ),
            (
                "photo position skipped",
                "greeted by Nadia Burger, lower left, deputy ambassador, Canadian Embassy as he arrives.",
                "Nadia Burger",
                &["deputy ambassador"],
            ),
            (
                "lower-case role with a nationality",
                "the capture of Venezuelan ruler Nicolas Maduro, the official said.",
                "Nicolas Maduro",
                &["Venezuelan ruler"],
            ),
            ("no role in a list of names", "Carney, Rutte and Macron met.", "Carney", &[]),
            ("no role from a verb", "said Mark Carney, who spoke.", "Mark Carney", &[]),
            (
                "a spokesperson",
                "Jane Doe, a spokesperson for the ministry, said.",
                "Jane Doe",
                &["spokesperson for the ministry"],
            ),
            ("a title inside the tagged name", "Aldren Mayor Ines Calloway opened it.", "Aldren Mayor Ines Calloway", &["Aldren Mayor"]),
            ("a title word that ends a name", "Martin Luther King Jr spoke.", "Martin Luther King Jr", &[]),
        ];
        for (name, body, person, want) in cases {
            let mut d = doc("", body, &[(B, person, PER)]);
            resolver().resolve(&mut d);
            assert_eq!(d.entities[0].roles, *want, "case {name:?} in {body:?}");
        }
    }
}
