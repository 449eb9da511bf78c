//! The evidence of a stream as it goes by: the [`Gatherer`], which keeps the
//! counts of [`Evidence`] for every distinct entity of the run in a compact
//! form until the end of the stream.
//!
//! It is the one part of a batch run that grows as the run goes on (with the
//! distinct entities, not the articles), so it is shaped for memory. The
//! plain [`Evidence`] keeps a `BTreeMap<String, u64>` per kind of count: a
//! map with one entry already allocates a whole B-tree node (about 370
//! bytes), and every key is its own heap string, so an entity seen once cost
//! about 2 KB and the gatherer of the Reuters dump about 45 MB; its small
//! strings, freed and made again as the capped maps forget their long tails,
//! also kept the allocator from handing back the pages of the writer's row
//! buffers, so that the run's peak memory crept up with the articles. Here
//! every string (ids, names, roles, topics, label names, knowledge-base ids)
//! is stored once, in an [`Interner`], and each count map is a short vector
//! of (string number, count) pairs, capped exactly as [`Evidence`]'s maps
//! were (the evidence written is the same). What the knowledge base says of a
//! link (kind, country, point) is the same in every article, so it is kept
//! once per link, and each entity keeps only its articles and summed
//! confidence there.

use std::collections::BTreeMap;

use rustc_hash::FxHashMap;

use super::evidence::{cues, kb_id, link_key, micros, Evidence, LinkEvidence, MAP_CAP, WITH_PER_ARTICLE};
use crate::document::{Document, KbLink, Label};
use crate::entities::names::key;

/// Every distinct string once, numbered in order of first sight.
#[derive(Debug, Default)]
struct Interner {
    numbers: FxHashMap<Box<str>, u32>,
    strings: Vec<Box<str>>,
}

impl Interner {
    fn number(&mut self, s: &str) -> u32 {
        if let Some(&n) = self.numbers.get(s) {
            return n;
        }
        let n = u32::try_from(self.strings.len()).expect("fewer than 2^32 distinct strings in a run");
        self.strings.push(s.into());
        self.numbers.insert(s.into(), n);
        n
    }

    fn get(&self, n: u32) -> &str {
        &self.strings[n as usize]
    }
}

/// A count map: (string number, count) pairs, in no order.
type Counts = Vec<(u32, u32)>;

/// Adds one to `k`; a map full at [`MAP_CAP`] first forgets its single counts, and a new key that still finds it
/// full is not kept: long tails are forgotten in input order, the same way whatever the threads or chunks.
fn bump(map: &mut Counts, k: u32) {
    if let Some((_, n)) = map.iter_mut().find(|(key, _)| *key == k) {
        *n = n.saturating_add(1);
        return;
    }
    if map.len() >= MAP_CAP {
        map.retain(|(_, n)| *n > 1);
        if map.len() >= MAP_CAP {
            return;
        }
    }
    map.push((k, 1));
}

/// One link of an entity: its key's number, articles, summed confidence in millionths.
#[derive(Debug, Clone, Copy)]
struct LinkCount {
    key: u32,
    articles: u32,
    mentions: u32,
    micros: u64,
}

/// The evidence of one entity, compact (see the module documentation).
#[derive(Debug)]
struct Compact {
    id: u32,
    name: u32,
    label: Label,
    articles: u64,
    mentions: u64,
    aliases: Counts,
    roles: Counts,
    with: Counts,
    topics: Counts,
    kb: Counts,
    /// Label cues: (number of the label's name, weight).
    cues: Counts,
    links: Vec<LinkCount>,
}

/// What the knowledge base says of a link, the same in every article that gives it.
#[derive(Debug, Clone)]
struct LinkFacts {
    kind: &'static str,
    country_code: Option<u32>,
    admin1: Option<u32>,
    latitude: Option<f64>,
    longitude: Option<f64>,
}

/// The evidence of a stream, by `entity_id`.
#[derive(Debug, Default)]
pub(crate) struct Gatherer {
    strings: Interner,
    /// By the number of the `entity_id`.
    by_id: FxHashMap<u32, Compact>,
    /// By the number of the link key.
    facts: FxHashMap<u32, LinkFacts>,
}

impl Gatherer {
    /// Adds what `doc` tells about each of its entities.
    pub(crate) fn add(&mut self, doc: &Document) {
        let dateline = doc.meta.dateline.as_deref().map(|d| key(d.split([',', '(', '-', '—']).next().unwrap_or(d)));
        let topic = doc.top_topic().map(|t| self.strings.number(&t.label));
        let salient: Vec<u32> = doc.entities.iter().take(WITH_PER_ARTICLE).map(|e| self.strings.number(&e.id)).collect();
        for (i, e) in doc.entities.iter().enumerate() {
            let id = self.strings.number(&e.id);
            if !self.by_id.contains_key(&id) {
                let name = self.strings.number(&e.name);
                let c = Compact {
                    id,
                    name,
                    label: e.label,
                    articles: 0,
                    mentions: 0,
                    aliases: Vec::new(),
                    roles: Vec::new(),
                    with: Vec::new(),
                    topics: Vec::new(),
                    kb: Vec::new(),
                    cues: Vec::new(),
                    links: Vec::new(),
                };
                self.by_id.insert(id, c);
            }
            let aliases: Vec<u32> = e.aliases.iter().map(|a| self.strings.number(a)).collect();
            let roles: Vec<u32> = e.roles.iter().map(|r| self.strings.number(r)).collect();
            let kb = kb_id(e).map(|k| self.strings.number(k));
            let cues: Vec<(u32, u64)> = cues(doc, i, dateline.as_deref())
                .into_iter()
                .map(|(label, w)| (self.strings.number(label.as_str()), w))
                .collect();
            let link = e.link.as_ref().map(|l| self.link(l));
            let c = self.by_id.get_mut(&id).expect("inserted above");
            c.articles += 1;
            c.mentions += e.mention_count as u64;
            for a in aliases {
                bump(&mut c.aliases, a);
            }
            for r in roles {
                bump(&mut c.roles, r);
            }
            for &other in salient.iter().filter(|o| **o != id) {
                bump(&mut c.with, other);
            }
            if let Some(t) = topic {
                bump(&mut c.topics, t);
            }
            if let Some(k) = kb {
                bump(&mut c.kb, k);
            }
            for (label, w) in cues {
                // Cues are never capped: there are five labels.
                match c.cues.iter_mut().find(|(l, _)| *l == label) {
                    Some((_, n)) => *n = n.saturating_add(u32::try_from(w).unwrap_or(u32::MAX)),
                    None => c.cues.push((label, u32::try_from(w).unwrap_or(u32::MAX))),
                }
            }
            if let Some((key, confidence)) = link {
                add_link(&mut c.links, key, confidence, e.mention_count);
            }
        }
    }

    /// The number of `l`'s key, with its facts kept once; and the link's confidence in millionths.
    fn link(&mut self, l: &KbLink) -> (u32, u64) {
        let key = self.strings.number(&link_key(l));
        if !self.facts.contains_key(&key) {
            let facts = LinkFacts {
                kind: l.kind.as_str(),
                country_code: l.country_code.as_deref().map(|c| self.strings.number(c)),
                admin1: l.admin1.as_deref().map(|c| self.strings.number(c)),
                latitude: l.latitude,
                longitude: l.longitude,
            };
            self.facts.insert(key, facts);
        }
        (key, micros(l.confidence))
    }

    /// The evidence, sorted by id (so that the file is the same whatever the run's threads), made one entity at a
    /// time as it is taken, so that the compact and the plain form of the whole dump are never in memory at once.
    pub(crate) fn into_sorted(self) -> impl Iterator<Item = Evidence> {
        let Gatherer { strings, by_id, facts } = self;
        let mut all: Vec<Compact> = by_id.into_values().collect();
        all.sort_unstable_by(|a, b| strings.get(a.id).cmp(strings.get(b.id)));
        all.into_iter().map(move |c| expand(c, &strings, &facts))
    }
}

/// Links are capped like the count maps: a full list forgets the links of a single article first.
fn add_link(links: &mut Vec<LinkCount>, key: u32, confidence: u64, mentions: usize) {
    let mentions = u32::try_from(mentions).unwrap_or(u32::MAX);
    if let Some(l) = links.iter_mut().find(|l| l.key == key) {
        l.articles = l.articles.saturating_add(1);
        l.mentions = l.mentions.saturating_add(mentions);
        l.micros += confidence;
        return;
    }
    if links.len() >= MAP_CAP {
        links.retain(|l| l.articles > 1);
        if links.len() >= MAP_CAP {
            return;
        }
    }
    links.push(LinkCount { key, articles: 1, mentions, micros: confidence });
}

/// The plain evidence of one compact entity.
fn expand(c: Compact, strings: &Interner, facts: &FxHashMap<u32, LinkFacts>) -> Evidence {
    let map = |counts: Counts| -> BTreeMap<String, u64> {
        counts.into_iter().map(|(k, n)| (strings.get(k).to_string(), u64::from(n))).collect()
    };
    let links = c
        .links
        .iter()
        .map(|l| {
            let f = &facts[&l.key];
            let link = LinkEvidence {
                kind: f.kind.to_string(),
                country_code: f.country_code.map(|n| strings.get(n).to_string()),
                admin1: f.admin1.map(|n| strings.get(n).to_string()),
                latitude: f.latitude,
                longitude: f.longitude,
                articles: u64::from(l.articles),
                mentions: u64::from(l.mentions),
                confidence_micros: l.micros,
            };
            (strings.get(l.key).to_string(), link)
        })
        .collect();
    Evidence {
        id: strings.get(c.id).to_string(),
        name: strings.get(c.name).to_string(),
        label: c.label.as_str().to_string(),
        articles: c.articles,
        mentions: c.mentions,
        aliases: map(c.aliases),
        roles: map(c.roles),
        with: map(c.with),
        topics: map(c.topics),
        cues: map(c.cues),
        kb: map(c.kb),
        links,
    }
}
