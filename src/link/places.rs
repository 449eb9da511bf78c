//! Places: which GeoNames place each LOCATION entity of an article is.
//!
//! A name is looked up among the gazetteer's names and aliases; each candidate gets a score, and the best
//! wins when it holds enough of the candidates' weight. The score is what a reader weighs:
//!
//! - **a prior**: the log of the population, more for a country or continent, more for a national capital
//!   (a reader of "Paris" with no other clue thinks of France, of "Washington" of the capital);
//! - **containment written out**: "Alexandria, La.", "Paris, Texas", "Pandi, Bulacan", and the dateline's
//!   "ALEXANDRIA, La. —": a candidate outside the named state or country is out of the question;
//! - **the article's other places**: a candidate in a country or first-level division that another place
//!   of the article was resolved to scores more ("Rapides Parish" or "Baton Rouge" make "Alexandria" the
//!   Louisiana one), and a division scores more when the article names other divisions of its country
//!   (a list of US states makes "Georgia" the state).
//!
//! Two passes: the first resolves every entity from its prior and containment alone; the second adds the
//! other entities' first-pass places as context. A town of fewer than a few thousand people is taken only
//! with support from the context, since a lone small name is more often a misread word than a hamlet.

use std::collections::HashSet;

use super::gazetteer::{Gazetteer, Place};
use crate::document::{Document, KbKind, KbLink, Label};

/// A candidate that holds less of the candidates' weight than this is not linked: the name stays a
/// string rather than becoming a confident wrong point.
const MIN_CONFIDENCE: f32 = 0.3;

/// Below this population a city needs support from the article (containment, its country or division).
const SMALL_TOWN: u32 = 5_000;

/// Words that may start a location's mention without being part of the name ("northern Iraq").
const DIRECTIONS: &[&str] = &[
    "northern", "southern", "eastern", "western", "central", "north", "south", "east", "west", "northeastern",
    "northwestern", "southeastern", "southwestern", "north-east", "north-west", "south-east", "south-west",
    "rural", "downtown", "greater", "upstate", "mainland",
];

/// What one entity could be, and what the text says contains it.
struct Ambiguous {
    entity: usize,
    candidates: Vec<u32>,
    /// Places written right after it ("Alexandria, La."): the candidate must lie inside one of them.
    containers: Vec<u32>,
}

/// Links the LOCATION entities of `doc` to places.
pub(crate) fn link(g: &Gazetteer, doc: &mut Document) {
    let dateline = doc.meta.dateline.as_deref().and_then(|d| split_containment(g, d));
    let mut items: Vec<Ambiguous> = Vec::new();
    for (i, e) in doc.entities.iter().enumerate() {
        if e.label != Label::Location {
            continue;
        }
        let mut candidates: Vec<u32> = Vec::new();
        for name in std::iter::once(&e.name).chain(&e.aliases) {
            for c in lookup(g, name) {
                if !candidates.contains(&c) {
                    candidates.push(c);
                }
            }
        }
        let mut containers = containers_in_text(g, doc, i);
        if let Some((place, tail)) = &dateline {
            if super::gazetteer::key(place) == super::gazetteer::key(&e.name) {
                containers.extend(tail);
            }
        }
        if !candidates.is_empty() {
            items.push(Ambiguous { entity: i, candidates, containers });
        }
    }
    if items.is_empty() {
        return;
    }
    let mut context = Context::default();
    if let Some((_, tail)) = &dateline {
        for &t in tail {
            context.add(g, usize::MAX, g.place(t));
        }
    }
    let first: Vec<Option<(u32, f32)>> = items.iter().map(|a| choose(g, a, &context)).collect();
    for (a, choice) in items.iter().zip(&first) {
        if let Some((c, _)) = choice {
            context.add(g, a.entity, g.place(*c));
        }
    }
    for a in &items {
        if let Some((c, confidence)) = choose(g, a, &context) {
            doc.entities[a.entity].link = Some(place_link(g, g.place(c), confidence));
        }
    }
}

/// The link of a chosen place.
fn place_link(g: &Gazetteer, p: &Place, confidence: f32) -> KbLink {
    let cc = std::str::from_utf8(&p.cc).ok().filter(|c| c.trim().len() == 2).map(str::to_string);
    let admin1 = Some(g.admin1(p)).filter(|a| !a.is_empty() && p.kind != KbKind::Country).map(str::to_string);
    let point = (!p.lat.is_nan() && !p.lon.is_nan()).then(|| (round(p.lat), round(p.lon)));
    KbLink {
        kb_id: Some(g.kb_id(p).to_string()),
        kind: p.kind,
        country_code: cc,
        admin1,
        latitude: point.map(|p| p.0),
        longitude: point.map(|p| p.1),
        confidence: (confidence * 1000.0).round() / 1000.0,
    }
}

/// A coordinate as stored (four decimals, about 10 m), without the float's binary noise.
fn round(x: f32) -> f64 {
    (f64::from(x) * 10_000.0).round() / 10_000.0
}

/// The gazetteer's places for a mention's text, after a leading direction word ("northern Iraq") and the
/// "X, Y" containment ("Alexandria, La." as one mention: the places named X inside Y).
fn lookup(g: &Gazetteer, name: &str) -> Vec<u32> {
    if let Some((head, tail)) = split_containment(g, name) {
        return g.lookup(&head).filter(|&c| tail.iter().any(|&t| inside(g, g.place(c), g.place(t)))).collect();
    }
    let found: Vec<u32> = g.lookup(name).collect();
    if !found.is_empty() {
        return found;
    }
    match name.split_once(' ') {
        Some((first, rest)) if DIRECTIONS.contains(&first.to_lowercase().as_str()) => g.lookup(rest).collect(),
        _ => found,
    }
}

/// "Alexandria, La." → ("Alexandria", [Louisiana]); None unless the part after the last comma is a state,
/// division or country.
fn split_containment(g: &Gazetteer, text: &str) -> Option<(String, Vec<u32>)> {
    let (head, tail) = text.rsplit_once(',')?;
    let head = head.trim();
    let containers = regions(g, tail.trim());
    (!head.is_empty() && !containers.is_empty()).then(|| (head.to_string(), containers))
}

/// The states, divisions and countries a short text names ("La.", "LA", "Louisiana", "France").
fn regions(g: &Gazetteer, text: &str) -> Vec<u32> {
    let text = text.trim_end_matches([',', ';', ':', ')']).trim();
    if text.is_empty() || text.len() > 40 {
        return Vec::new();
    }
    let mut found: Vec<u32> = g
        .lookup(text)
        .filter(|&c| matches!(g.place(c).kind, KbKind::Country | KbKind::Admin1 | KbKind::Admin2))
        .collect();
    if found.is_empty() && text.len() == 2 && text.bytes().all(|b| b.is_ascii_uppercase()) {
        found.extend(g.us_state(text));
    }
    found
}

/// Places written right after a body mention of entity `i`: "Alexandria, La.", "Paris, Texas".
fn containers_in_text(g: &Gazetteer, doc: &Document, i: usize) -> Vec<u32> {
    let mut out = Vec::new();
    for m in doc.mentions.iter().filter(|m| m.entity == Some(i)) {
        let text = doc.field_text(m.field);
        let Some(after) = text.get(m.span.byte.end..).and_then(|t| t.strip_prefix(", ")) else { continue };
        // The next few words, up to a punctuation mark that ends the region's name (dots do not end it:
        // name keys ignore them, so "La." and "N.Y." are found, and so is "Texas" before a full stop).
        let mut end = 0;
        for (k, c) in after.char_indices() {
            if k > 24 || c == ',' || c == ';' || c == '\n' || c == ')' || c == '—' || c == '-' {
                break;
            }
            end = k + c.len_utf8();
        }
        let stretch = &after[..end];
        let words: Vec<&str> = stretch.split_whitespace().collect();
        for n in (1..=words.len().min(3)).rev() {
            let found = regions(g, &words[..n].join(" "));
            if !found.is_empty() {
                out.extend(found);
                break;
            }
        }
    }
    out
}

/// Whether place `p` lies in region `r` (the same country, and the same division when `r` is a division
/// the gazetteer codes as its places do).
fn inside(g: &Gazetteer, p: &Place, r: &Place) -> bool {
    if p.cc != r.cc {
        return false;
    }
    match r.kind {
        KbKind::Admin1 | KbKind::Admin2 if g.kb_id(r).starts_with("iso3166-2:") => true,
        KbKind::Admin1 | KbKind::Admin2 => g.admin1(p) == g.admin1(r),
        _ => true,
    }
}

/// The places the article's other entities were resolved to.
#[derive(Default)]
struct Context {
    /// (entity, country code).
    countries: Vec<(usize, [u8; 2])>,
    /// (entity, country code, division code) of resolved divisions, counties and cities.
    divisions: Vec<(usize, [u8; 2], String)>,
    /// (entity, country code) of resolved first-level divisions.
    division_siblings: Vec<(usize, [u8; 2])>,
}

impl Context {
    fn add(&mut self, g: &Gazetteer, entity: usize, p: &Place) {
        if p.kind == KbKind::Continent {
            return;
        }
        self.countries.push((entity, p.cc));
        if p.kind != KbKind::Country && !g.admin1(p).is_empty() {
            self.divisions.push((entity, p.cc, g.admin1(p).to_string()));
        }
        if p.kind == KbKind::Admin1 {
            self.division_siblings.push((entity, p.cc));
        }
    }

    /// The context's score of candidate `p` for entity `entity` (its own first-pass choice does not count).
    fn support(&self, g: &Gazetteer, entity: usize, p: &Place) -> f32 {
        let others = |e: usize| e != entity;
        let mut s = 0.0;
        if self.countries.iter().any(|&(e, cc)| others(e) && cc == p.cc) {
            s += 1.5;
        }
        let a1 = g.admin1(p);
        if p.kind != KbKind::Country
            && !a1.is_empty()
            && self.divisions.iter().any(|(e, cc, d)| others(*e) && *cc == p.cc && d == a1)
        {
            s += 2.5;
        }
        if p.kind == KbKind::Admin1 {
            let siblings: HashSet<usize> =
                self.division_siblings.iter().filter(|&&(e, cc)| others(e) && cc == p.cc).map(|&(e, _)| e).collect();
            s += 1.0 * siblings.len().min(2) as f32;
        }
        s
    }
}

/// The prior of a place: log population, plus what its kind and status add.
fn prior(p: &Place) -> f32 {
    let population = match (p.kind, p.population) {
        // A division with no population in the gazetteer (outside the US) counts as a mid-sized one.
        (KbKind::Admin1, 0) => 300_000.0,
        (_, n) => n as f32,
    };
    let kind = match p.kind {
        KbKind::Continent => 3.0,
        KbKind::Country => 2.5,
        KbKind::Admin2 => 1.0,
        _ => 0.0,
    };
    (population + 100.0).log10() + kind + if p.capital { 1.5 } else { 0.0 }
}

/// The best candidate of `a` and its share of the weight, if it holds enough.
fn choose(g: &Gazetteer, a: &Ambiguous, context: &Context) -> Option<(u32, f32)> {
    let mut scored: Vec<(u32, f32)> = Vec::with_capacity(a.candidates.len());
    for &c in &a.candidates {
        let p = g.place(c);
        let contained = a.containers.iter().any(|&r| r != c && inside(g, p, g.place(r)));
        if !a.containers.is_empty() && !contained && !a.containers.contains(&c) {
            continue;
        }
        let support = context.support(g, a.entity, p) + if contained { 8.0 } else { 0.0 };
        if p.kind == KbKind::City && p.population < SMALL_TOWN && support < 2.0 {
            continue;
        }
        scored.push((c, prior(p) + support));
    }
    let best = scored.iter().copied().max_by(|x, y| x.1.total_cmp(&y.1).then(y.0.cmp(&x.0)))?;
    let total: f32 = scored.iter().map(|&(_, s)| (s - best.1).exp()).sum();
    let share = 1.0 / total;
    (share >= MIN_CONFIDENCE).then_some((best.0, share))
}
