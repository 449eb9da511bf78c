//! Test fixtures shared by the resolver's unit tests: a segmented document
//! with mentions placed by text, the resolver as the default pipeline builds
//! it, and the checks that the case tables of several steps run.

use super::NewsResolver;
use crate::document::{Document, Entity, Field, Label, Mention, Origin};
use crate::entities::names;
use crate::entities::recognize::GroupRecognizer;
use crate::entities::Resolver;
use crate::segment::{NewsSegmenter, Segmenter};

/// A mention to place: field, text, label.
pub(super) type Spec = (Field, &'static str, Label);
/// Two mentions (field, text) that must be one entity, and its canonical name.
pub(super) type Same = ((Field, &'static str), (Field, &'static str), &'static str);

/// The resolver of the default pipeline: the built-in aliases and the compiled-in groups list.
pub(super) fn resolver() -> NewsResolver {
    NewsResolver::new().with_known(GroupRecognizer::builtin().expect("the built-in list parses").known_names())
}

/// A document with mentions at given texts: (field, text, label), each at the first whole-word occurrence
/// that no earlier spec took.
pub(super) fn doc(title: &str, body: &str, mentions: &[Spec]) -> Document {
    let mut d = Document { body: body.into(), ..Default::default() };
    d.meta.title = (!title.is_empty()).then(|| title.to_string());
    NewsSegmenter.segment(&mut d);
    let mut found: Vec<Mention> = Vec::new();
    for &(field, text, label) in mentions {
        let hay = d.field_text(field).to_string();
        let start = hay
            .match_indices(text)
            .map(|(at, _)| at)
            .find(|&at| {
                let r = at..at + text.len();
                names::on_word_boundaries(&hay, &r)
                    && !found.iter().any(|m| m.field == field && m.span.byte.start < r.end && r.start < m.span.byte.end)
            })
            .unwrap_or_else(|| panic!("{text:?} not free in {field:?}"));
        let f = names::Found { range: start..start + text.len(), label, confidence: 0.9, origin: Origin::Model };
        found.extend(names::build_mentions(&d, field, vec![f]));
    }
    found.sort_by(|a, b| a.field.cmp(&b.field).then(a.span.byte.start.cmp(&b.span.byte.start)));
    d.mentions = found;
    d
}

pub(super) fn entity_of<'d>(d: &'d Document, field: Field, text: &str) -> &'d Entity {
    let m =
        d.mentions.iter().find(|m| m.field == field && m.text == text).unwrap_or_else(|| panic!("no mention {text:?}"));
    &d.entities[m.entity.unwrap_or_else(|| panic!("{text:?} has no entity"))]
}

/// A case of mentions that must resolve to one entity each pair.
pub(super) struct SameCase {
    pub(super) name: &'static str,
    pub(super) title: &'static str,
    pub(super) body: &'static str,
    pub(super) mentions: &'static [Spec],
    pub(super) same: &'static [Same],
}

/// Checks that each pair of a case's `same` is one entity with the given canonical name.
pub(super) fn assert_same(cases: &[SameCase]) {
    for c in cases {
        let mut d = doc(c.title, c.body, c.mentions);
        resolver().resolve(&mut d);
        for &((fa, a), (fb, b), name) in c.same {
            let (ea, eb) = (entity_of(&d, fa, a), entity_of(&d, fb, b));
            assert_eq!(
                ea.id, eb.id,
                "case {:?}: {a:?} and {b:?} should be one entity; entities {:#?}",
                c.name, d.entities
            );
            assert_eq!(ea.name, name, "case {:?}: canonical name", c.name);
        }
    }
}

/// Checks that in each case (name, body, mentions, (a, b)) the first mention `a` and the last mention `b`
/// are two entities.
pub(super) fn assert_apart(cases: &[(&str, &str, &[Spec], (&str, &str))]) {
    for (name, body, mentions, (a, b)) in cases {
        let mut d = doc("", body, mentions);
        resolver().resolve(&mut d);
        let ids: Vec<&str> = d.mentions.iter().filter_map(|m| m.entity).map(|e| d.entities[e].id.as_str()).collect();
        let (ia, ib) = (
            d.mentions.iter().position(|m| m.text == *a).and_then(|i| d.mentions[i].entity),
            d.mentions.iter().rposition(|m| m.text == *b).and_then(|i| d.mentions[i].entity),
        );
        assert_ne!(
            ia, ib,
            "case {name:?}: {a:?} and {b:?} must be two entities; ids {ids:?}, entities {:#?}",
            d.entities
        );
    }
}
