//! Entities: mentions of people, places, organisations, groups and other
//! names, found by swappable recognizers, then resolved into canonical
//! entities per article.
//!
//! An [`EntityRecognizer`] reads a [`Document`] (its title, caption, body,
//! sentences and tokens) and returns mentions. Several can run on one
//! document: the built-in statistical tagger, user rules, the list of named
//! groups, the patterns for dates and amounts. Their mentions are merged
//! (a rule beats the model where they overlap) and then resolved.
//!
//! The two sides live apart and do not import each other: `recognize/` (the
//! rules, the groups list and patterns, the values, and the statistical
//! `tagger/`) find mentions; `resolve/` turns them into entities. What both read sits
//! beside them: `names.rs` (name keys and folding) and `known.rs` (the names
//! a list or rule defines, which the resolver uses to join an entity's
//! forms). The pipeline's builder (`pipeline/build.rs`) assembles the
//! stage. This file holds the two traits and the merging of recognizers'
//! mentions, which the pipeline calls.

pub mod conll;
pub(crate) mod known;
pub(crate) mod names;
pub mod recognize;
pub mod resolve;

pub use recognize::tagger::Tagger;

use crate::document::{Document, Mention};
use crate::error::Result;

/// Finds entity or value mentions in a document.
pub trait EntityRecognizer: Send + Sync {
    /// A short name for logs and the `origin` of mentions ("tagger", "rules").
    fn name(&self) -> &str;

    /// The mentions found in `doc`'s title, caption and body.
    fn recognize(&self, doc: &Document) -> Result<Vec<Mention>>;
}

/// Groups a document's mentions into canonical entities (filling
/// `doc.entities` and each mention's `entity`).
pub trait Resolver: Send + Sync {
    /// Resolves `doc.mentions` into `doc.entities`.
    fn resolve(&self, doc: &mut Document);
}

/// Whether the rest of a name after a listed name is more of the name: words in title case, none a month or a
/// weekday.
fn continues_a_name(rest: &str) -> bool {
    use crate::lexicon::{MONTHS, WEEKDAYS};
    // A role after an organisation's name is a person's title ("Opec President Rilwanu Lukman").
    const ROLES: &[&str] = &[
        "President", "Chairman", "Chairwoman", "Director", "Secretary", "Minister", "Chief", "Spokesman",
        "Spokeswoman", "Leader", "Head", "Managing", "Executive", "Officer", "Founder", "Ambassador", "Envoy",
    ];
    let title_case = |w: &str| w.starts_with(char::is_uppercase) && w.chars().skip(1).any(char::is_lowercase);
    rest.starts_with(' ')
        && rest
            .split_whitespace()
            .all(|w| title_case(w) && !MONTHS.contains(&w) && !WEEKDAYS.contains(&w) && !ROLES.contains(&w))
}

/// Merges the mentions of several recognizers: where mentions of the same
/// field overlap, the one with the higher-priority origin wins (a user rule
/// over a list over a pattern over the model), then the longer one. The
/// result is sorted by field and position. A value found by a pattern
/// inside a longer name ("Sunday" in "Sunday Times") gives way to the name,
/// and so does a listed name that opens a longer one ("Google" in "Google
/// News").
pub(crate) fn merge_mentions(found: Vec<Vec<Mention>>) -> Vec<Mention> {
    use crate::document::Origin;
    let rank = |o: Origin| match o {
        Origin::Rule => 0,
        Origin::Gazetteer => 1,
        Origin::Pattern => 2,
        Origin::Model => 3,
        Origin::Alias => 4,
    };
    let mut all: Vec<Mention> = found.into_iter().flatten().collect();
    let inside_a_name = |m: &Mention, all: &[Mention]| {
        !m.label.is_name()
            && m.origin == Origin::Pattern
            && all.iter().any(|n| {
                n.label.is_name()
                    && n.field == m.field
                    && n.span.byte.start <= m.span.byte.start
                    && m.span.byte.end <= n.span.byte.end
                    && n.span.len_bytes() > m.span.len_bytes()
            })
    };
    // A listed one-word name in mixed case (a platform's: "Google", "Facebook") that opens a longer name the
    // tagger found in the body, with only title-case words after it, is part of that name: "Google News",
    // "Facebook Live", "Google Safe Browsing". Not in a headline, where the tagger's spans run on ("ISIS Declares
    // Death"), and not an acronym's ("IMF Managing", "OPEC WANTS"), nor before a month or a weekday ("Twitter
    // Monday").
    let opens_a_longer_name = |g: &Mention, all: &[Mention]| {
        g.origin == Origin::Gazetteer
            && g.field != crate::document::Field::Title
            && !g.text.contains(' ')
            && g.text.chars().skip(1).any(char::is_lowercase)
            && all.iter().any(|m| {
                m.origin == Origin::Model
                    && m.field == g.field
                    && m.span.byte.start == g.span.byte.start
                    && m.span.byte.end > g.span.byte.end
                    && m.text.strip_prefix(g.text.as_str()).is_some_and(continues_a_name)
            })
    };
    let drop: Vec<bool> = all.iter().map(|m| inside_a_name(m, &all) || opens_a_longer_name(m, &all)).collect();
    let mut keep = drop.iter().map(|d| !d);
    all.retain(|_| keep.next().unwrap_or(true));
    all.sort_by(|a, b| {
        rank(a.origin)
            .cmp(&rank(b.origin))
            .then(b.span.len_bytes().cmp(&a.span.len_bytes()))
            .then(a.span.byte.start.cmp(&b.span.byte.start))
    });
    let mut kept: Vec<Mention> = Vec::with_capacity(all.len());
    for m in all {
        let overlaps = kept.iter().any(|k| {
            k.field == m.field && k.span.byte.start < m.span.byte.end && m.span.byte.start < k.span.byte.end
        });
        if !overlaps {
            kept.push(m);
        }
    }
    kept.sort_by(|a, b| a.field.cmp(&b.field).then(a.span.byte.start.cmp(&b.span.byte.start)));
    kept
}

#[cfg(test)]
mod tests {
    use super::merge_mentions;
    use crate::document::{Field, Label, Mention, Origin};
    use crate::span::Span;

    fn mention(field: Field, text: &str, at: usize, label: Label, origin: Origin) -> Mention {
        let byte = at..at + text.len();
        Mention {
            field,
            span: Span { char: byte.clone(), byte },
            sentence: Some(0),
            text: text.into(),
            label,
            confidence: 0.9,
            origin,
            entity: None,
        }
    }

    #[test]
    fn a_listed_platform_name_gives_way_to_the_longer_product_name_it_opens() {
        use Field::{Body, Title};
        use Label::{Misc as MISC, Organization as ORG};
        // (case, the tagger's longer mention, the list's mention, the text that wins)
        let cases = [
            ("a product name", (Body, "Google News", ORG), (Body, "Google", ORG), "Google News"),
            ("a feature name in MISC", (Body, "Facebook Live", MISC), (Body, "Facebook", ORG), "Facebook Live"),
            ("a role after the name", (Body, "Opec President", ORG), (Body, "Opec", ORG), "Opec"),
            ("a weekday after the name", (Body, "Twitter Monday", MISC), (Body, "Twitter", ORG), "Twitter"),
            ("words in capitals", (Body, "OPEC WANTS", ORG), (Body, "OPEC", ORG), "OPEC"),
            ("an acronym", (Body, "IMF Interim", ORG), (Body, "IMF", ORG), "IMF"),
            ("in a headline", (Title, "Twitter Bans", ORG), (Title, "Twitter", ORG), "Twitter"),
            ("a conjunction", (Body, "Google and Facebook", ORG), (Body, "Google", ORG), "Google"),
        ];
        for (case, (field, longer, label), (list_field, listed, list_label), want) in cases {
            let found = vec![
                vec![mention(field, longer, 0, label, Origin::Model)],
                vec![mention(list_field, listed, 0, list_label, Origin::Gazetteer)],
            ];
            let merged = merge_mentions(found);
            assert_eq!(merged.iter().map(|m| m.text.as_str()).collect::<Vec<_>>(), [want], "case {case:?}");
        }
    }
}
