//! How central an entity is to its article.
//!
//! **Salience** = 0.4 · weighted mentions / (weighted mentions of the
//! article's most-mentioned entity) + 0.2 · (1 − first body offset / body
//! length, or 0 with no body mention) + 0.2 · (1 if named in the headline)
//! + 0.2 · (1 if it is the first name in the lead sentence); in 0..=1,
//! rounded to 4 decimals. Mentions weigh 1 in the headline and body, 0.5 in
//! a caption, and 0 as the dateline ("PARIS —" says where the reporter
//! filed, not what the story is about). The lead term follows the inverted
//! pyramid: a news story names its main actor first.
//!
//! The article-wide figures (the largest weighted count, the body's length,
//! the lead's first name) are computed once per article in [`Salience::new`],
//! then each cluster is scored against them.

use super::item::{Cluster, Item};
use crate::document::{Document, Field};
use crate::entities::names::key;

/// The salience of the clusters of one article.
pub(super) struct Salience<'a> {
    items: &'a [Item],
    /// The key of the dateline, whose mention where the dateline stands weighs nothing.
    dateline: Option<String>,
    /// Where the dateline stands: the start of the body, or of its second paragraph after a headline line.
    dateline_at: usize,
    max_count: f32,
    body_chars: f32,
    /// The item that is the first name of the lead sentence, after the dateline.
    lead: Option<usize>,
}

impl<'a> Salience<'a> {
    pub(super) fn new(doc: &Document, items: &'a [Item], clusters: &[Cluster]) -> Salience<'a> {
        let mut s = Salience {
            items,
            dateline: doc.meta.dateline.as_deref().map(key),
            dateline_at: doc.dateline_offset().unwrap_or(0),
            max_count: 0.0,
            body_chars: doc.body.chars().count().max(1) as f32,
            lead: None,
        };
        s.max_count = clusters.iter().map(|c| s.weighted(c)).fold(0.0f32, f32::max).max(1.0);
        s.lead = items
            .iter()
            .position(|it| it.mention.field == Field::Body && it.mention.sentence == Some(0) && s.weight(it) > 0.0);
        s
    }

    fn weight(&self, it: &Item) -> f32 {
        match it.mention.field {
            Field::Body
                if it.mention.span.byte.start == self.dateline_at && self.dateline.as_deref() == Some(it.key.as_str()) =>
            {
                0.0
            }
            Field::Caption => 0.5,
            _ => 1.0,
        }
    }

    fn weighted(&self, c: &Cluster) -> f32 {
        c.items.iter().map(|&i| self.weight(&self.items[i])).sum::<f32>()
    }

    /// The char offset of the cluster's first body mention that has weight.
    pub(super) fn first_body(&self, c: &Cluster) -> Option<usize> {
        c.items
            .iter()
            .map(|&i| &self.items[i])
            .find(|it| it.mention.field == Field::Body && self.weight(it) > 0.0)
            .map(|it| it.mention.span.char.start)
    }

    /// The cluster's salience, rounded to 4 decimals; `first_body` is [`Salience::first_body`] of it.
    pub(super) fn of(&self, c: &Cluster, first_body: Option<usize>) -> f32 {
        let in_title = c.items.iter().any(|&i| self.items[i].mention.field == Field::Title);
        let is_lead = self.lead.is_some_and(|l| c.items.contains(&l));
        let position = first_body.map_or(0.0, |c| 1.0 - c as f32 / self.body_chars);
        let salience = 0.4 * self.weighted(c) / self.max_count
            + 0.2 * position
            + if in_title { 0.2 } else { 0.0 }
            + if is_lead { 0.2 } else { 0.0 };
        (salience.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0
    }
}

#[cfg(test)]
mod tests {
    use super::super::fixtures::{doc, resolver};
    use crate::document::Field::{Body as B, Title as T};
    use crate::document::Label::Person as PER;
    use crate::entities::Resolver;

    #[test]
    fn salience_follows_the_formula() {
        let body = "Mark Carney met Mark Rutte. Carney spoke.";
        let mut d = doc(
            "Carney talks",
            body,
            &[(T, "Carney", PER), (B, "Mark Carney", PER), (B, "Mark Rutte", PER), (B, "Carney", PER)],
        );
        resolver().resolve(&mut d);
        let carney = &d.entities[0];
        assert_eq!(carney.name, "Mark Carney", "the most salient entity comes first");
        // 3 of max 3 mentions, first body char 0, in the headline, first name of the lead: 0.4 + 0.2 + 0.2 + 0.2.
        assert_eq!(carney.salience, 1.0);
        let rutte = &d.entities[1];
        let expected = 0.4 / 3.0 + 0.2 * (1.0 - 16.0 / body.chars().count() as f32);
        assert!((rutte.salience - expected).abs() < 1e-3, "Rutte's salience {} should be {expected}", rutte.salience);
        assert_eq!(rutte.first_char, 16);
    }
}
