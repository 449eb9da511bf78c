//! What the stream tells about each article-level entity, gathered as the
//! articles go by: the [`Evidence`] of each `entity_id`.
//!
//! The unit is the article-level `entity_id` (label and canonical name), the
//! key that every `entities` and `mentions` row carries and that nothing
//! rewrites, so that a later resolution can be applied to the written rows by
//! that key alone, and applied again (a second `merge`) with the same result.
//! Everything kept is a count, so the evidence of two shards adds up to that
//! of one run over both (see [`Evidence::absorb`]).
//!
//! The label cues are what a reader uses to tell a place from a company: the
//! dateline names a place; "in X", "near X", "the town of X", "X's mayor"
//! speak of a place; "X's chief executive", "X shares" and a corporate word
//! at the end of the name ("Halvern Energy", "Orrin Bank", "Fox News") of an
//! organisation; a title or honorific, or "X administration", of a person; a
//! law's, a treaty's or a prize's last word ("Affordable Care Act", "Nobel
//! Prize") of MISC. Each cue counts once per article.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::document::{Document, Entity, Field, KbLink, Label};
use crate::entities::names::{is_work_noun, key};

/// Co-occurring entities kept per article: the most salient ones.
pub(super) const WITH_PER_ARTICLE: usize = 8;
/// Entries kept per count map before the single-count ones are dropped: enough for the roles, companions and
/// topics that tell two things apart, and small, since there is one set of maps per distinct entity.
pub(super) const MAP_CAP: usize = 24;

/// The evidence about one article-level entity (`entity_id`) over the articles seen.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct Evidence {
    /// The article-level `entity_id`.
    pub(crate) id: String,
    /// Its canonical name in the articles.
    pub(crate) name: String,
    /// Its article-level label.
    pub(crate) label: String,
    /// Articles naming it.
    pub(crate) articles: u64,
    /// Mentions in those articles.
    pub(crate) mentions: u64,
    /// Other names in those articles (short forms, acronyms), by articles.
    #[serde(default)]
    pub(crate) aliases: BTreeMap<String, u64>,
    /// Roles, by articles.
    #[serde(default)]
    pub(crate) roles: BTreeMap<String, u64>,
    /// The most salient other entities of its articles (their `entity_id`), by articles.
    #[serde(default)]
    pub(crate) with: BTreeMap<String, u64>,
    /// Best topics of its articles, by articles.
    #[serde(default)]
    pub(crate) topics: BTreeMap<String, u64>,
    /// Label cues (see the module documentation): weight by label.
    #[serde(default)]
    pub(crate) cues: BTreeMap<String, u64>,
    /// Knowledge-base ids the linking stage gave it ([`kb_id`]), by articles.
    #[serde(default)]
    pub(crate) kb: BTreeMap<String, u64>,
    /// What the knowledge base says of each link the linking stage gave it, by [`link_key`].
    #[serde(default)]
    pub(crate) links: BTreeMap<String, LinkEvidence>,
}

/// What the knowledge base says of one link of an entity, and how sure the linker was, over the articles that
/// linked it there: the `dump_entities` knowledge-base columns come from it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub(crate) struct LinkEvidence {
    /// What the link names (`KbKind::as_str`).
    pub(crate) kind: String,
    /// ISO 3166-1 alpha-2 code.
    pub(crate) country_code: Option<String>,
    /// First-level division code.
    pub(crate) admin1: Option<String>,
    /// Latitude in degrees.
    pub(crate) latitude: Option<f64>,
    /// Longitude in degrees.
    pub(crate) longitude: Option<f64>,
    /// Articles that linked the entity there.
    pub(crate) articles: u64,
    /// The entity's mentions in those articles.
    #[serde(default)]
    pub(crate) mentions: u64,
    /// The linker's confidence summed over those articles, in millionths: an integer, so that the sum is the
    /// same whatever the order of the articles or the shards (floats are not associative).
    pub(crate) confidence_micros: u64,
}

impl LinkEvidence {
    /// The mean confidence of the articles that linked the entity there.
    pub(crate) fn confidence(&self) -> f32 {
        (self.confidence_micros as f64 / 1e6 / self.articles.max(1) as f64) as f32
    }

    fn absorb(&mut self, other: LinkEvidence) {
        self.articles += other.articles;
        self.mentions += other.mentions;
        self.confidence_micros += other.confidence_micros;
    }
}

/// The key of an entity's link: its knowledge-base id, or for a link without one (a demonym, which names a
/// country's people) its kind and country, `demonym:CA`.
pub(crate) fn link_key(link: &KbLink) -> String {
    match &link.kb_id {
        Some(id) => id.clone(),
        None => format!("{}:{}", link.kind.as_str(), link.country_code.as_deref().unwrap_or("")),
    }
}

/// The confidence of a link in millionths (see [`LinkEvidence::confidence_micros`]).
pub(crate) fn micros(confidence: f32) -> u64 {
    (f64::from(confidence.clamp(0.0, 1.0)) * 1e6).round() as u64
}

/// The knowledge-base id of an article-level entity, when grounding gave it one.
///
/// The hook for grounding (GeoNames, Wikidata): return the entity's KB id here and the dump-level entity takes its
/// `global_id` from it ([`super::global_id`]), so that shards and runs agree by construction.
pub(crate) fn kb_id(entity: &Entity) -> Option<&str> {
    entity.link.as_ref().and_then(|l| l.kb_id.as_deref())
}

impl Evidence {
    /// Adds the counts of `other` (the same entity seen by another shard).
    pub(crate) fn absorb(&mut self, other: Evidence) {
        self.articles += other.articles;
        self.mentions += other.mentions;
        for (mine, theirs) in [
            (&mut self.aliases, other.aliases),
            (&mut self.roles, other.roles),
            (&mut self.with, other.with),
            (&mut self.topics, other.topics),
            (&mut self.cues, other.cues),
            (&mut self.kb, other.kb),
        ] {
            // Most absorbs are into an empty map (a name group's first member): take the map whole.
            if mine.is_empty() {
                *mine = theirs;
                continue;
            }
            for (k, n) in theirs {
                *mine.entry(k).or_default() += n;
            }
        }
        if self.links.is_empty() {
            self.links = other.links;
            return;
        }
        for (k, l) in other.links {
            match self.links.get_mut(&k) {
                Some(mine) => mine.absorb(l),
                None => {
                    self.links.insert(k, l);
                }
            }
        }
    }

    /// The tagger's votes and the cues: the weight of each label.
    pub(crate) fn label_weights(&self) -> BTreeMap<String, u64> {
        let mut w = self.cues.clone();
        *w.entry(self.label.clone()).or_default() += self.articles;
        w
    }
}

/// Words after a name that speak of a place ("Port Aldren's mayor").
const PLACE_AFTER: &[&str] = &[
    "mayor", "council", "residents", "harbour", "harbor", "port", "streets", "town", "city", "hospital", "airport",
    "waterfront", "quay", "district", "region", "province", "state", "county", "village", "suburbs", "people",
];
/// Words before a name that speak of a place.
const PLACE_BEFORE: &[&str] = &["in", "near", "outside", "across", "around"];
/// Two words before a name that speak of a place ("the town of X").
const PLACE_OF: &[&str] = &["town", "city", "village", "port", "mayor", "residents", "capital", "region", "province"];
/// Words after a name that speak of an organisation ("Halvern's chief executive", "Halvern shares").
const ORG_AFTER: &[&str] = &[
    "chief", "shares", "board", "spokesman", "spokeswoman", "spokesperson", "chairman", "ceo", "executive",
    "executives", "shareholders", "stock", "profit", "revenue", "subsidiary", "management",
];
/// Last words of an organisation's name.
const ORG_LAST: &[&str] = &[
    "inc", "corp", "corporation", "co", "company", "ltd", "plc", "ag", "sa", "group", "holdings", "bank", "energy",
    "logistics", "foods", "air", "airlines", "airways", "trust", "university", "union", "robotics", "partners",
    "industries", "motors", "systems", "fund", "council", "committee", "ministry", "department", "agency",
    "association", "institute", "board", "party", "league", "federation", "reserve", "exchange", "authority",
    // News organisations ("Fox News", "Breitbart News", "Sunday Times"; not "Press" or "Post", which are surnames).
    "news", "times", "journal", "tribune", "network", "broadcasting",
];
/// Words after a name that make it a person's: "the Obama administration", "the Reagan presidency" (a name the
/// tagger reads as a thing there, having never seen it before "administration").
const PERSON_AFTER: &[&str] = &["administration", "presidency"];
/// Last words of the name of a law, a treaty, a plan, a war or a prize: MISC in CoNLL's scheme ("Affordable Care
/// Act", "North American Free Trade Agreement", "Marshall Plan", "Nobel Prize").
const MISC_LAST: &[&str] = &[
    "act", "agreement", "treaty", "accord", "accords", "amendment", "doctrine", "plan", "war", "prize", "award", "awards",
];
/// Honorifics before a person's name.
const HONORIFICS: &[&str] = &["mr", "mrs", "ms", "dr", "sir", "dame", "lord", "lady"];

/// The cues of entity `i` of `doc`: (label, weight), each counted once for the article.
pub(super) fn cues(doc: &Document, i: usize, dateline: Option<&str>) -> Vec<(Label, u64)> {
    let e = &doc.entities[i];
    let mut out: Vec<(Label, u64)> = Vec::new();
    let mut once = |label: Label, w: u64| {
        if !out.iter().any(|(l, _)| *l == label) {
            out.push((label, w));
        }
    };
    let own_key = key(&e.name);
    if dateline.is_some_and(|d| d == own_key) {
        // The dateline is the strongest cue there is: the article says where it was written.
        once(Label::Location, 3);
    }
    let last_word = e.name.split_whitespace().last().filter(|_| e.name.split_whitespace().count() > 1).map(key);
    if last_word.as_deref().is_some_and(|w| ORG_LAST.contains(&w)) {
        once(Label::Organization, 2);
    }
    if last_word.as_deref().is_some_and(|w| MISC_LAST.contains(&w)) {
        once(Label::Misc, 2);
    }
    if !e.roles.is_empty() {
        once(Label::Person, 1);
    }
    for m in doc.mentions.iter().filter(|m| m.entity == Some(i) && m.field == Field::Body) {
        let raw_before: Vec<&str> = doc.body[..m.span.byte.start].split_whitespace().rev().take(2).collect();
        let before: Vec<String> = raw_before.iter().map(|w| key(w)).collect();
        let after_text = &doc.body[m.span.byte.end..];
        let possessive = after_text.starts_with("'s") || after_text.starts_with("\u{2019}s");
        let after: Option<String> = after_text
            .trim_start_matches(['\'', '\u{2019}', 's'].as_slice())
            .split_whitespace()
            .next()
            .map(|w| key(w.trim_end_matches(|c: char| !c.is_alphanumeric())));
        let b0 = before.first().map(String::as_str);
        let b1 = before.get(1).map(String::as_str);
        let after = after.as_deref();
        if b0.is_some_and(|w| PLACE_BEFORE.contains(&w)) && !m.text.starts_with("the ") {
            once(Label::Location, 1);
        }
        if b0 == Some("of") && b1.is_some_and(|w| PLACE_OF.contains(&w)) {
            once(Label::Location, 1);
        }
        if possessive && after.is_some_and(|w| PLACE_AFTER.contains(&w)) {
            once(Label::Location, 1);
        }
        if after.is_some_and(|w| ORG_AFTER.contains(&w)) {
            once(Label::Organization, 1);
        }
        if b0.is_some_and(|w| HONORIFICS.contains(&w)) || after.is_some_and(|w| PERSON_AFTER.contains(&w)) {
            once(Label::Person, 1);
        }
        // "the film Hotel Rwanda": a title (the tagger's article rule made it MISC there; elsewhere it may not be).
        // The word as written, so that "... in the movie. Chris Weitz" is no cue.
        let acronym = !m.text.contains(' ') && !m.text.chars().any(char::is_lowercase);
        if raw_before.first().is_some_and(|w| is_work_noun(w)) && !acronym {
            once(Label::Misc, 2);
        }
    }
    out
}
