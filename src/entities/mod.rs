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

/// Merges the mentions of several recognizers: where mentions of the same
/// field overlap, the one with the higher-priority origin wins (a user rule
/// over a list over a pattern over the model), then the longer one. The
/// result is sorted by field and position. A value found by a pattern
/// inside a longer name ("Sunday" in "Sunday Times") gives way to the name.
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
    let drop: Vec<bool> = all.iter().map(|m| inside_a_name(m, &all)).collect();
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
