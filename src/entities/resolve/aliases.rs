//! Names found again, and the built-in aliases.
//!
//! Each entity's names are looked for where no recognizer put a mention
//! (case-sensitive, on word boundaries), and added with origin `alias`: the
//! headline's "Carney" is found even when the tagger missed it. A surname is
//! used only when one person holds it, and a one-word name only where it
//! stands alone (not "Carney Group").
//!
//! The built-in aliases are the countries and bodies that news writes
//! several ways ("U.S." = "United States"); they are the resolver's only
//! names of its own, the rest come from the lists and rules in use.

use std::collections::HashMap;

use memchr::memmem;

use super::item::{prepare, Cluster, Item};
use super::roles::is_title_word;
use crate::document::{Document, Field, Mention, Origin};
use crate::entities::known::KnownName;
use crate::entities::names::{self, sentence_of};
use crate::span::SpanMapper;

/// Countries and bodies commonly written several ways in news.
const BUILTIN_ALIASES: &[(&str, &[&str])] = &[
    ("United States", &["US", "U.S.", "USA", "U.S.A.", "United States of America"]),
    ("United Kingdom", &["UK", "U.K.", "Britain", "Great Britain"]),
    ("United Arab Emirates", &["UAE", "U.A.E."]),
    ("Russia", &["Russian Federation"]),
    ("Democratic Republic of the Congo", &["DRC", "DR Congo"]),
    ("Federal Reserve", &["Fed", "U.S. Federal Reserve", "Federal Reserve Board"]),
    ("United Nations", &["UN", "U.N."]),
    ("European Union", &["EU", "E.U."]),
];

/// The built-in aliases as known names.
pub(super) fn builtin() -> impl Iterator<Item = KnownName> {
    BUILTIN_ALIASES.iter().map(|(name, aliases)| KnownName {
        name: name.to_string(),
        aliases: aliases.iter().map(|a| a.to_string()).collect(),
    })
}

/// Confidence of a mention added as an alias: fixed, not calibrated.
const ALIAS_CONFIDENCE: f32 = 0.7;

/// Finds each entity's names where no mention is, and adds them as `alias` mentions.
pub(super) fn add(doc: &Document, values: &[Mention], items: &mut Vec<Item>, clusters: &mut [Cluster]) {
    let mut owner: HashMap<String, Option<usize>> = HashMap::new();
    let mut claim = |form: String, ci: usize| {
        let e = owner.entry(form).or_insert(Some(ci));
        if *e != Some(ci) {
            *e = None;
        }
    };
    for (ci, c) in clusters.iter().enumerate() {
        for &i in &c.items {
            let f = &items[i].form;
            if f.chars().any(|ch| ch.is_uppercase() || ch.is_ascii_digit()) || f.contains(' ') {
                claim(f.clone(), ci);
            }
        }
        // A person's surname, as written in their fullest mention.
        if c.full.is_some() {
            let surname = c
                .items
                .iter()
                .filter(|&&i| items[i].is_full_name())
                .find_map(|&i| items[i].form.split_whitespace().last());
            // A surname in capitals only is an acronym the tagger took into a name ("Hillary PAC"), not a name to
            // look for alone.
            let acronym = |s: &str| !s.chars().any(char::is_lowercase);
            if let Some(s) = surname
                .filter(|s| s.chars().next().is_some_and(char::is_uppercase) && s.chars().count() >= 2 && !acronym(s))
            {
                claim(s.to_string(), ci);
            }
        }
    }
    // A surname held by two people, or a form shared by two entities, is no one's alias.
    let forms: Vec<(String, usize)> = owner.into_iter().filter_map(|(f, c)| c.map(|c| (f, c))).collect();
    if forms.is_empty() {
        return;
    }
    let finders: Vec<memmem::Finder> = forms.iter().map(|(f, _)| memmem::Finder::new(f.as_bytes())).collect();
    let mut added = Vec::new();
    for field in names::FIELDS {
        let text = doc.field_text(field);
        let taken: Vec<std::ops::Range<usize>> = items
            .iter()
            .map(|it| &it.mention)
            .chain(values)
            .filter(|m| m.field == field)
            .map(|m| m.span.byte.clone())
            .collect();
        let mut map = SpanMapper::new(text);
        for (r, form) in leftmost_longest(text, &finders) {
            let (form, ci) = &forms[form];
            if taken.iter().any(|t| t.start < r.end && r.start < t.end)
                || !names::on_word_boundaries(text, &r)
                || (!form.contains(' ') && !stands_alone(text, &r))
            {
                continue;
            }
            let label = items[clusters[*ci].items[0]].mention.label;
            let mention = Mention {
                field,
                span: map.span(r.clone()),
                sentence: if field == Field::Body { sentence_of(doc, r.start) } else { None },
                text: text[r].to_string(),
                label,
                confidence: ALIAS_CONFIDENCE,
                origin: Origin::Alias,
                entity: None,
            };
            added.push((prepare(doc, mention), *ci));
        }
    }
    for (item, ci) in added {
        clusters[ci].items.push(items.len());
        items.push(item);
    }
    for c in clusters.iter_mut() {
        c.items.sort_by_key(|&i| items[i].order());
    }
}

/// The places of `finders`' needles in `text` that an Aho-Corasick search with leftmost-longest matching
/// would report: among all occurrences, overlapping ones included, the earliest, the longest of those, then
/// the next one that starts after it ends. With the few forms of one article, a `memmem` search per form costs
/// far less than building an automaton for each article. Returns byte ranges and needle numbers.
fn leftmost_longest(text: &str, finders: &[memmem::Finder]) -> Vec<(std::ops::Range<usize>, usize)> {
    let bytes = text.as_bytes();
    let mut hits = Vec::new();
    for (i, finder) in finders.iter().enumerate() {
        let len = finder.needle().len();
        if len == 0 {
            continue;
        }
        let mut at = 0;
        while let Some(p) = finder.find(&bytes[at..]) {
            hits.push((at + p..at + p + len, i));
            at += p + 1;
        }
    }
    hits.sort_unstable_by(|a, b| a.0.start.cmp(&b.0.start).then(b.0.end.cmp(&a.0.end)).then(a.1.cmp(&b.1)));
    let mut end = 0;
    hits.retain(|(r, _)| {
        let keep = r.start >= end;
        if keep {
            end = r.end;
        }
        keep
    });
    hits
}

/// Whether a one-word name at `r` stands on its own: not glued to another
/// capitalised word ("Carney Group", "Jane Carney"), except a title
/// ("Prime Minister Carney") or a word that opens the sentence ("Later Carney").
fn stands_alone(text: &str, r: &std::ops::Range<usize>) -> bool {
    let before = &text[..r.start];
    if before.ends_with([' ', '\t']) {
        let trimmed = before.trim_end_matches([' ', '\t']);
        let prev = trimmed.rsplit(char::is_whitespace).next().unwrap_or("");
        if prev.chars().next().is_some_and(char::is_uppercase) && !is_title_word(prev) {
            let rest = trimmed[..trimmed.len() - prev.len()].trim_end();
            if !(rest.is_empty() || rest.ends_with(['.', '!', '?', '"', '“', '”', '—'])) {
                return false;
            }
        }
    }
    let after = &text[r.end..];
    !(after.starts_with([' ', '\t'])
        && after.trim_start_matches([' ', '\t']).chars().next().is_some_and(char::is_uppercase))
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{assert_same, doc, resolver, SameCase};
    use super::*;
    use crate::document::Field::{Body as B, Title as T};
    use crate::document::Label::{Location as LOC, Person as PER};
    use crate::entities::Resolver;

    proptest::proptest! {
        /// The memmem search gives what Aho-Corasick's leftmost-longest search gave, overlapping and nested
        /// forms included.
        #[test]
        fn alias_search_is_leftmost_longest(
            text in "[ab ]{0,40}",
            forms in proptest::collection::btree_set("[ab ]{1,4}", 1..6),
        ) {
            let forms: Vec<String> = forms.into_iter().collect();
            let finders: Vec<memmem::Finder> = forms.iter().map(|f| memmem::Finder::new(f.as_bytes())).collect();
            let ac = aho_corasick::AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostLongest)
                .build(&forms)
                .unwrap();
            let want: Vec<_> = ac.find_iter(&text).map(|m| (m.start()..m.end(), m.pattern().as_usize())).collect();
            proptest::prop_assert_eq!(leftmost_longest(&text, &finders), want);
        }
    }

    #[test]
    fn builtin_aliases_resolve_to_one_entity() {
        assert_same(&[SameCase {
            name: "U.S., US and United States",
            title: "US acts",
            body: "The U.S. acted. The United States’ capture followed.",
            mentions: &[(T, "US", LOC), (B, "U.S.", LOC), (B, "United States", LOC)],
            same: &[((T, "US"), (B, "U.S."), "United States"), ((B, "U.S."), (B, "United States"), "United States")],
        }]);
    }

    #[test]
    fn missed_mentions_are_found_again_as_aliases() {
        let mut d = doc(
            "Carney in Paris",
            "Mark Carney met allies in Paris. Later Carney spoke.",
            &[(B, "Mark Carney", PER), (B, "Paris", LOC)],
        );
        resolver().resolve(&mut d);
        let carney = d.entities.iter().find(|e| e.name == "Mark Carney").expect("Mark Carney");
        assert_eq!(carney.mention_count, 3, "the headline's and the body's bare Carney are added: {:#?}", d.mentions);
        let added: Vec<(&str, Field)> =
            d.mentions.iter().filter(|m| m.origin == Origin::Alias).map(|m| (m.text.as_str(), m.field)).collect();
        assert_eq!(added, [("Carney", T), ("Paris", T), ("Carney", B)]);
        for m in &d.mentions {
            assert!(m.span.is_valid_for(d.field_text(m.field)), "{m:?}");
        }
    }
}
