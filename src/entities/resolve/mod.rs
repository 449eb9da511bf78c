//! Canonical entities per article: which mentions name the same thing, what
//! it is called, what roles it holds and how central it is.
//!
//! [`NewsResolver`] works on whatever mentions the recognizers produced
//! (tagger, rules, lists, patterns), across the title, caption and body:
//!
//! 1. **People.** Full names (two words or more, titles such as "Prime
//!    Minister" and honorifics such as "Mr." set aside) are grouped when
//!    they agree on the first and last word ("Mark Carney", "Mark J.
//!    Carney") or one ends the other ("de Gaulle"). A one-word mention goes
//!    to the full name whose last word it is ("Carney" → "Mark Carney"), or
//!    else whose first word it is, if only one person has it. When several
//!    people share the surname ("John Smith", "Jane Smith"), a bare "Smith"
//!    goes to the one named in full most recently before it, as news style
//!    does; before any full name (in the headline, say) it goes to the one
//!    named in full most often. Different full names never merge.
//! 2. **Everything else** is grouped by [`names::key`] (case, dots, a
//!    possessive and a leading "the" do not matter: THE CANADIAN PRESS = The
//!    Canadian Press, "U.S." = "US"), across the labels of the tagger
//!    (a place tagged LOCATION here and ORGANIZATION there is one entity),
//!    and through known names: the built-in aliases below ("U.S." = "United
//!    States"), the groups list and the user's rules. An acronym joins the
//!    one entity whose initials it spells ("NATO" with "North Atlantic Treaty
//!    Organization"), when both appear.
//! 3. **Aliases found again.** Each entity's names are then looked for where
//!    no recognizer put a mention (case-sensitive, on word boundaries), and
//!    added with origin `alias`: the headline's "Carney" is found even when
//!    the tagger missed it. A surname is used only when one person holds it.
//!
//! **Canonical name**: a known name's canonical form; else a form printed in
//! the article's metadata (agency, authors), so the caption's credit "THE
//! CANADIAN PRESS" is named "The Canadian Press"; else the fullest form that
//! is not in capitals (most words, then most frequent, then first); a name
//! seen only in capitals is title-cased unless it is a short acronym.
//!
//! **Roles** (people only): a title before a mention ("Prime Minister",
//! "NATO Secretary-General", "Venezuelan ruler") and an appositive after it
//! ("Mark Rutte, secretary-general of NATO,"), skipping photo positions
//! ("Nadia Burger, lower left, deputy ambassador").
//!
//! **`entity_id`** = the lower-case hex of xxh3-64 over `LABEL`, the byte
//! 0x1F and the key of the canonical name: the same name and label give the
//! same id in every article and every run.
//!
//! **Salience** = 0.4 · weighted mentions / (weighted mentions of the
//! article's most-mentioned entity) + 0.2 · (1 − first body offset / body
//! length, or 0 with no body mention) + 0.2 · (1 if named in the headline)
//! + 0.2 · (1 if it is the first name in the lead sentence); in 0..=1,
//! rounded to 4 decimals. Mentions weigh 1 in the headline and body, 0.5 in
//! a caption, and 0 as the dateline ("PARIS —" says where the reporter
//! filed, not what the story is about). The lead term follows the inverted
//! pyramid: a news story names its main actor first. Entities are listed by
//! salience, highest first.
//!
//! **Labels from metadata and facilities.** A mention that names the
//! article's agency (byline, dateline, credits) is an ORGANIZATION, one that
//! names a byline author a PERSON, whatever the tagger said. Facilities named
//! after people ("Charles de Gaulle Airport") are places: a PERSON mention
//! whose last word is a facility noun becomes a LOCATION. Both happen before
//! clustering, and every mention then takes its entity's label.

use std::collections::HashMap;

use memchr::memmem;

use crate::document::{Document, Entity, Field, Label, Mention, Origin};
use crate::entities::names::{self, key, sentence_of};
use crate::entities::Resolver;
use crate::span::SpanMapper;

/// A name known before reading the article: its label, canonical form and aliases.
#[derive(Debug, Clone, PartialEq)]
pub struct KnownName {
    /// The label it usually has.
    pub label: Label,
    /// The canonical name.
    pub name: String,
    /// Other ways of writing it.
    pub aliases: Vec<String>,
}

/// Countries and bodies commonly written several ways in news.
const BUILTIN_ALIASES: &[(Label, &str, &[&str])] = &[
    (Label::Location, "United States", &["US", "U.S.", "USA", "U.S.A.", "United States of America"]),
    (Label::Location, "United Kingdom", &["UK", "U.K.", "Britain", "Great Britain"]),
    (Label::Location, "United Arab Emirates", &["UAE", "U.A.E."]),
    (Label::Location, "Russia", &["Russian Federation"]),
    (Label::Location, "Democratic Republic of the Congo", &["DRC", "DR Congo"]),
    (Label::Organization, "Federal Reserve", &["Fed", "U.S. Federal Reserve", "Federal Reserve Board"]),
    (Label::Organization, "United Nations", &["UN", "U.N."]),
    (Label::Organization, "European Union", &["EU", "E.U."]),
];

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

/// Confidence of a mention added as an alias: fixed, not calibrated.
const ALIAS_CONFIDENCE: f32 = 0.7;

/// The built-in resolver (see the module documentation for its rules).
#[derive(Debug, Clone)]
pub struct NewsResolver {
    known: Vec<KnownName>,
    by_key: HashMap<String, usize>,
    find_aliases: bool,
}

impl Default for NewsResolver {
    fn default() -> Self {
        NewsResolver::new()
    }
}

impl NewsResolver {
    /// The resolver with the built-in aliases and the compiled-in groups list.
    pub fn new() -> NewsResolver {
        let builtin = BUILTIN_ALIASES.iter().map(|(label, name, aliases)| KnownName {
            label: *label,
            name: name.to_string(),
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        });
        // The compiled-in list is parsed by a unit test of `groups`; it cannot fail here.
        let groups = crate::entities::recognize::groups::GroupRecognizer::builtin().map(|g| g.known_names()).unwrap_or_default();
        NewsResolver::bare().with_known(builtin).with_known(groups)
    }

    /// A resolver that knows no names in advance.
    pub fn bare() -> NewsResolver {
        NewsResolver { known: Vec::new(), by_key: HashMap::new(), find_aliases: true }
    }

    /// Adds known names (from a groups list or user rules); later ones win where keys collide.
    pub fn with_known(mut self, names: impl IntoIterator<Item = KnownName>) -> NewsResolver {
        for n in names {
            let i = self.known.len();
            for form in std::iter::once(&n.name).chain(&n.aliases) {
                self.by_key.insert(key(form), i);
            }
            self.known.push(n);
        }
        self
    }

    /// Whether to look for each entity's names where no recognizer found them (on by default).
    pub fn find_aliases(mut self, on: bool) -> NewsResolver {
        self.find_aliases = on;
        self
    }
}

/// A name mention, prepared for grouping.
#[derive(Debug, Clone)]
struct Item {
    mention: Mention,
    /// The name as written, without possessive, leading lower-case "the", titles or honorifics.
    form: String,
    key: String,
    /// Name words (people).
    words: Vec<String>,
    roles: Vec<String>,
}

impl Item {
    fn order(&self) -> (Field, usize) {
        (self.mention.field, self.mention.span.byte.start)
    }

    fn is_full_name(&self) -> bool {
        self.words.len() >= 2
    }
}

#[derive(Debug, Default)]
struct Cluster {
    items: Vec<usize>,
    person: bool,
    /// A person's fullest name, in folded words.
    full: Option<Vec<String>>,
}

impl Resolver for NewsResolver {
    fn resolve(&self, doc: &mut Document) {
        let mentions = std::mem::take(&mut doc.mentions);
        let (mut named, values): (Vec<Mention>, Vec<Mention>) = mentions.into_iter().partition(|m| m.label.is_name());
        // What the page's metadata says a name is beats the tagger's guess: the agency of the byline or
        // dateline ("WASHINGTON (Reuters) -") is an organisation, a byline author a person.
        let agency = doc.meta.agency.as_deref().map(key);
        let authors: Vec<String> = doc.meta.authors.iter().map(|a| key(a)).collect();
        for m in &mut named {
            let k = key(&m.text);
            if agency.as_deref() == Some(k.as_str()) {
                m.label = Label::Organization;
            } else if authors.contains(&k) {
                m.label = Label::Person;
            } else if m.label == Label::Person && is_facility_name(&m.text) {
                m.label = Label::Location;
            }
        }
        let mut items: Vec<Item> = named.into_iter().map(|m| prepare(doc, m)).collect();
        items.sort_by_key(Item::order);
        let mut clusters = self.cluster(&items);
        if self.find_aliases {
            self.add_aliases(doc, &values, &mut items, &mut clusters);
        }
        let entities = self.entities(doc, &items, &clusters);
        // Entities by salience; mentions by field and position, each pointing at its entity.
        let mut order: Vec<usize> = (0..entities.len()).collect();
        order.sort_by(|&a, &b| {
            entities[b].0.salience.total_cmp(&entities[a].0.salience).then(entities[a].1.cmp(&entities[b].1))
        });
        let mut rank = vec![0; entities.len()];
        for (r, &e) in order.iter().enumerate() {
            rank[e] = r;
        }
        let mut mentions = values;
        for (ci, c) in clusters.iter().enumerate() {
            for &i in &c.items {
                let mut m = items[i].mention.clone();
                m.entity = Some(rank[ci]);
                m.label = entities[ci].0.label;
                mentions.push(m);
            }
        }
        mentions.sort_by(|a, b| a.field.cmp(&b.field).then(a.span.byte.start.cmp(&b.span.byte.start)));
        let mut entities: Vec<Option<Entity>> = entities.into_iter().map(|(e, _)| Some(e)).collect();
        doc.entities = order.iter().filter_map(|&e| entities[e].take()).collect();
        doc.mentions = mentions;
    }
}

impl NewsResolver {
    fn known_of(&self, item: &Item) -> Option<usize> {
        self.by_key.get(&item.key).copied()
    }

    /// Groups items into clusters (people, then everything else).
    fn cluster(&self, items: &[Item]) -> Vec<Cluster> {
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut assigned: Vec<Option<usize>> = vec![None; items.len()];
        // People named in full, longest names first so that shorter forms find them.
        let mut full: Vec<usize> =
            (0..items.len()).filter(|&i| items[i].mention.label == Label::Person && items[i].is_full_name()).collect();
        full.sort_by_key(|&i| (std::cmp::Reverse(items[i].words.len()), items[i].order()));
        for i in full {
            let found = clusters.iter().position(|c| c.full.as_ref().is_some_and(|f| same_person(f, &items[i].words)));
            let ci = found.unwrap_or_else(|| {
                clusters.push(Cluster { person: true, full: Some(items[i].words.clone()), ..Default::default() });
                clusters.len() - 1
            });
            clusters[ci].items.push(i);
            assigned[i] = Some(ci);
        }
        // People named by one word, in reading order.
        for i in 0..items.len() {
            if items[i].mention.label != Label::Person || assigned[i].is_some() {
                continue;
            }
            let ci = self.person_for_one_word(items, &clusters, &assigned, i).unwrap_or_else(|| {
                let same =
                    clusters.iter().position(|c| c.person && c.full.is_none() && items[c.items[0]].key == items[i].key);
                same.unwrap_or_else(|| {
                    clusters.push(Cluster { person: true, ..Default::default() });
                    clusters.len() - 1
                })
            });
            clusters[ci].items.push(i);
            assigned[i] = Some(ci);
        }
        // Everything else, by key or known name, across labels.
        let mut by_key: HashMap<String, usize> = HashMap::new();
        for i in 0..items.len() {
            if assigned[i].is_some() {
                continue;
            }
            let k = match self.known_of(&items[i]) {
                Some(n) => format!("\u{1}{n}"),
                None => items[i].key.clone(),
            };
            let ci = *by_key.entry(k).or_insert_with(|| {
                clusters.push(Cluster::default());
                clusters.len() - 1
            });
            clusters[ci].items.push(i);
            assigned[i] = Some(ci);
        }
        merge_acronyms(items, &mut clusters);
        merge_head_words(items, &mut clusters);
        clusters.retain(|c| !c.items.is_empty());
        for c in &mut clusters {
            c.items.sort_by_key(|&i| items[i].order());
        }
        clusters
    }

    /// The person a one-word mention refers to, if any is named in full.
    fn person_for_one_word(
        &self,
        items: &[Item],
        clusters: &[Cluster],
        assigned: &[Option<usize>],
        i: usize,
    ) -> Option<usize> {
        let word = items[i].words.first()?;
        let holders = |pick: fn(&[String]) -> Option<&String>| -> Vec<usize> {
            (0..clusters.len())
                .filter(|&c| clusters[c].full.as_deref().and_then(pick).is_some_and(|w| w == word))
                .collect()
        };
        let by_last = holders(|f| f.last());
        if by_last.len() == 1 {
            return Some(by_last[0]);
        }
        if by_last.is_empty() {
            let by_first = holders(|f| f.first());
            return (by_first.len() == 1).then(|| by_first[0]);
        }
        // Several people share the surname: the one named in full most recently before this mention...
        let here = items[i].order();
        let recent = (0..items.len())
            .filter(|&j| items[j].is_full_name() && items[j].order() < here)
            .filter_map(|j| assigned[j].filter(|c| by_last.contains(c)).map(|c| (items[j].order(), c)))
            .max()
            .map(|(_, c)| c);
        // ...or, before any of them, the one named in full most often (then first).
        recent.or_else(|| {
            by_last.iter().copied().max_by_key(|&c| {
                let full = clusters[c].items.iter().filter(|&&j| items[j].is_full_name()).count();
                (full, std::cmp::Reverse(clusters[c].items.iter().map(|&j| items[j].order()).min()))
            })
        })
    }

    /// Finds each entity's names where no mention is, and adds them as `alias` mentions.
    fn add_aliases(&self, doc: &Document, values: &[Mention], items: &mut Vec<Item>, clusters: &mut [Cluster]) {
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
                if let Some(s) =
                    surname.filter(|s| s.chars().next().is_some_and(char::is_uppercase) && s.chars().count() >= 2)
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

    /// Builds the entity of each cluster, with its first reading position (for ordering).
    fn entities(&self, doc: &Document, items: &[Item], clusters: &[Cluster]) -> Vec<(Entity, (Field, usize))> {
        let dateline = doc.meta.dateline.as_deref().map(key);
        let weight = |it: &Item| match it.mention.field {
            Field::Body if it.mention.span.byte.start == 0 && dateline.as_deref() == Some(it.key.as_str()) => 0.0,
            Field::Caption => 0.5,
            _ => 1.0,
        };
        let weighted = |c: &Cluster| c.items.iter().map(|&i| weight(&items[i])).sum::<f32>();
        let max_count = clusters.iter().map(weighted).fold(0.0f32, f32::max).max(1.0);
        let body_chars = doc.body.chars().count().max(1) as f32;
        // The first name of the lead sentence, after the dateline.
        let lead = items
            .iter()
            .position(|it| it.mention.field == Field::Body && it.mention.sentence == Some(0) && weight(it) > 0.0);
        clusters
            .iter()
            .map(|c| {
                let members: Vec<&Item> = c.items.iter().map(|&i| &items[i]).collect();
                let known = members.iter().find_map(|it| self.known_of(it)).map(|k| &self.known[k]);
                let label = cluster_label(&members);
                let name = canonical_name(doc, &members, known);
                let mut aliases: Vec<String> = Vec::new();
                for it in &members {
                    if it.form != name && !aliases.contains(&it.form) {
                        aliases.push(it.form.clone());
                    }
                }
                let mut roles: Vec<String> = Vec::new();
                for r in members.iter().flat_map(|it| &it.roles) {
                    if !roles.iter().any(|x| names::fold(x) == names::fold(r)) {
                        roles.push(r.clone());
                    }
                }
                let first_body = members
                    .iter()
                    .find(|it| it.mention.field == Field::Body && weight(it) > 0.0)
                    .map(|it| it.mention.span.char.start);
                let in_title = members.iter().any(|it| it.mention.field == Field::Title);
                let is_lead = lead.is_some_and(|l| c.items.contains(&l));
                let position = first_body.map_or(0.0, |c| 1.0 - c as f32 / body_chars);
                let salience = 0.4 * weighted(c) / max_count
                    + 0.2 * position
                    + if in_title { 0.2 } else { 0.0 }
                    + if is_lead { 0.2 } else { 0.0 };
                let entity = Entity {
                    id: entity_id(label, &name),
                    name,
                    label,
                    aliases,
                    mention_count: members.len(),
                    first_char: first_body.unwrap_or(0),
                    salience: (salience.clamp(0.0, 1.0) * 10_000.0).round() / 10_000.0,
                    roles,
                };
                (entity, members[0].order())
            })
            .collect()
    }
}

/// The stable id of an entity: lower-case hex of xxh3-64 over the label, 0x1F and the name's key.
pub fn entity_id(label: Label, name: &str) -> String {
    let input = format!("{}\u{1f}{}", label.as_str(), key(name));
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(input.as_bytes()))
}

/// Whether two full names (folded words) are the same person: same first
/// and last word, or one is the end of the other ("de Gaulle", "Charles de Gaulle").
fn same_person(a: &[String], b: &[String]) -> bool {
    if a == b {
        return true;
    }
    let first_last = |x: &[String]| (x.first().cloned(), x.last().cloned());
    if a.len() >= 2 && b.len() >= 2 && first_last(a) == first_last(b) {
        return true;
    }
    let (long, short) = if a.len() >= b.len() { (a, b) } else { (b, a) };
    short.len() >= 2 && long.ends_with(short) && names::is_function_word(&short[0])
}

/// Merges an entity written as an acronym into the one entity whose initials spell it.
fn merge_acronyms(items: &[Item], clusters: &mut [Cluster]) {
    for a in 0..clusters.len() {
        if clusters[a].person || clusters[a].items.is_empty() {
            continue;
        }
        let Some(acronym) =
            clusters[a].items.iter().map(|&i| &items[i].form).find(|f| names::is_acronym(f)).map(|f| key(f))
        else {
            continue;
        };
        let spelled: Vec<usize> = (0..clusters.len())
            .filter(|&b| b != a && !clusters[b].person && !clusters[b].items.is_empty())
            .filter(|&b| {
                clusters[b].items.iter().any(|&i| names::initials(&items[i].form).is_some_and(|x| x == acronym))
            })
            .collect();
        if let [b] = spelled[..] {
            let moved = std::mem::take(&mut clusters[a].items);
            clusters[b].items.extend(moved);
        }
    }
}

/// Merges an organisation named by one word ("the Bank", "Treasury") into the one organisation of the
/// article whose longer name holds that word ("Bank of England", "U.S. Treasury"). With two candidates
/// ("World Bank" and "Bank of England") the word stays its own entity.
fn merge_head_words(items: &[Item], clusters: &mut [Cluster]) {
    let is_org = |c: &Cluster| !c.person && c.items.iter().all(|&i| items[i].mention.label == Label::Organization);
    for a in 0..clusters.len() {
        if clusters[a].items.is_empty() || !is_org(&clusters[a]) {
            continue;
        }
        let word = &items[clusters[a].items[0]].key;
        let one_word = clusters[a].items.iter().all(|&i| items[i].key == *word);
        if !one_word || word.contains(' ') || names::is_acronym(&items[clusters[a].items[0]].form) {
            continue;
        }
        let holders: Vec<usize> = (0..clusters.len())
            .filter(|&b| b != a && !clusters[b].items.is_empty() && is_org(&clusters[b]))
            .filter(|&b| {
                clusters[b].items.iter().any(|&i| {
                    let k = &items[i].key;
                    k.contains(' ') && k.split(' ').any(|w| names::strip_possessive(w) == word)
                })
            })
            .collect();
        if let [b] = holders[..] {
            let moved = std::mem::take(&mut clusters[a].items);
            clusters[b].items.extend(moved);
        }
    }
}

/// Whether a name ends with a facility noun ("Charles de Gaulle Airport").
fn is_facility_name(name: &str) -> bool {
    let last = name.split_whitespace().last().unwrap_or("").to_lowercase();
    matches!(
        last.as_str(),
        "airport" | "station" | "hospital" | "bridge" | "square" | "street" | "avenue" | "road" | "park" | "stadium"
            | "arena" | "centre" | "center" | "hall" | "palace" | "tower" | "terminal" | "harbour" | "harbor"
            | "port" | "tunnel" | "highway" | "boulevard" | "cathedral" | "church" | "mosque" | "museum"
    )
}

/// A rule's label wins, then a list's, then the most frequent (then the first).
fn cluster_label(members: &[&Item]) -> Label {
    for origin in [Origin::Rule, Origin::Gazetteer] {
        if let Some(it) = members.iter().find(|it| it.mention.origin == origin) {
            return it.mention.label;
        }
    }
    let mut counts: Vec<(Label, usize)> = Vec::new();
    for it in members {
        match counts.iter_mut().find(|(l, _)| *l == it.mention.label) {
            Some((_, n)) => *n += 1,
            None => counts.push((it.mention.label, 1)),
        }
    }
    // max_by_key keeps the last maximum; reverse so that the first-seen label wins ties.
    counts.iter().rev().max_by_key(|(_, n)| *n).map_or(members[0].mention.label, |(l, _)| *l)
}

/// The canonical name (see the module documentation).
fn canonical_name(doc: &Document, members: &[&Item], known: Option<&KnownName>) -> String {
    if let Some(k) = known {
        return k.name.clone();
    }
    let keys: Vec<&str> = members.iter().map(|it| it.key.as_str()).collect();
    let meta = doc.meta.agency.iter().chain(&doc.meta.authors).chain(&doc.meta.site);
    if let Some(m) = meta.into_iter().find(|m| keys.contains(&key(m).as_str())) {
        return m.trim().to_string();
    }
    let any_mixed = members.iter().any(|it| !names::is_all_caps(&it.form));
    let word_count = |f: &str| f.split_whitespace().filter(|w| *w != "The").count();
    let best = members
        .iter()
        .enumerate()
        .filter(|(_, it)| !any_mixed || !names::is_all_caps(&it.form))
        .max_by_key(|(i, it)| {
            let freq = members.iter().filter(|o| o.form == it.form).count();
            (word_count(&it.form), freq, std::cmp::Reverse(*i))
        })
        .map(|(_, it)| it.form.clone())
        .unwrap_or_default();
    if names::is_all_caps(&best)
        && !(names::is_acronym(&best) && best.chars().filter(|c| c.is_alphabetic()).count() <= 4)
    {
        title_case(&best)
    } else {
        best
    }
}

/// "THE CANADIAN PRESS" → "The Canadian Press"; function words stay lower case inside.
fn title_case(s: &str) -> String {
    s.split_whitespace()
        .enumerate()
        .map(|(i, w)| {
            let lower = w.to_lowercase();
            if i > 0 && names::is_function_word(&lower) {
                return lower;
            }
            let mut chars = lower.chars();
            chars.next().map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// Prepares a mention: its name form, key, words and (for people) roles.
fn prepare(doc: &Document, mention: Mention) -> Item {
    let text = names::strip_possessive(mention.text.trim()).trim_end_matches(['\u{2019}', '\'']);
    let text = text.strip_prefix("the ").unwrap_or(text);
    let mut roles = Vec::new();
    let mut form = text.to_string();
    let mut words: Vec<String> = Vec::new();
    if mention.label == Label::Person {
        let raw: Vec<&str> = text.split_whitespace().collect();
        let mut start = 0;
        while start + 1 < raw.len() && (is_honorific(raw[start]) || is_title_word(raw[start])) {
            start += 1;
        }
        let title: Vec<&str> = raw[..start].iter().copied().filter(|w| !is_honorific(w)).collect();
        if !title.is_empty() {
            roles.push(title.join(" "));
        }
        form = raw[start..].join(" ");
        words = raw[start..].iter().filter(|w| !is_initial(w)).map(|w| names::fold(w)).collect();
        let field_text = doc.field_text(mention.field);
        let (lo, hi) = sentence_bounds(doc, &mention, field_text);
        roles.extend(role_before(&field_text[lo..mention.span.byte.start.max(lo)]));
        roles.extend(role_after(&field_text[mention.span.byte.end.min(hi)..hi]));
    }
    Item { key: key(&form), form, words, roles, mention }
}

/// Byte bounds of the sentence around a mention (the body's sentences; the whole title or caption).
fn sentence_bounds(doc: &Document, m: &Mention, text: &str) -> (usize, usize) {
    match m.sentence.and_then(|s| doc.sentences.get(s)).filter(|_| m.field == Field::Body) {
        Some(s) => (s.span.byte.start.min(m.span.byte.start), s.span.byte.end.max(m.span.byte.end).min(text.len())),
        None => (0, text.len()),
    }
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

fn is_initial(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
    w.ends_with('.') && letters.len() == 1 && letters[0].is_uppercase()
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

fn is_title_word(w: &str) -> bool {
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
    use super::*;
    use crate::segment::{NewsSegmenter, Segmenter};

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

    /// A document with mentions at given texts: (field, text, label, which occurrence).
    fn doc(title: &str, body: &str, mentions: &[(Field, &str, Label)]) -> Document {
        let mut d = Document { body: body.into(), ..Default::default() };
        d.meta.title = (!title.is_empty()).then(|| title.to_string());
        NewsSegmenter.segment(&mut d);
        let mut found: Vec<Mention> = Vec::new();
        for &(field, text, label) in mentions {
            let hay = d.field_text(field).to_string();
            // The first whole-word occurrence that no earlier spec took.
            let start = hay
                .match_indices(text)
                .map(|(at, _)| at)
                .find(|&at| {
                    let r = at..at + text.len();
                    names::on_word_boundaries(&hay, &r)
                        && !found
                            .iter()
                            .any(|m| m.field == field && m.span.byte.start < r.end && r.start < m.span.byte.end)
                })
                .unwrap_or_else(|| panic!("{text:?} not free in {field:?}"));
            let f = names::Found { range: start..start + text.len(), label, confidence: 0.9, origin: Origin::Model };
            found.extend(names::build_mentions(&d, field, vec![f]));
        }
        found.sort_by(|a, b| a.field.cmp(&b.field).then(a.span.byte.start.cmp(&b.span.byte.start)));
        d.mentions = found;
        d
    }

    fn entity_of<'d>(d: &'d Document, field: Field, text: &str) -> &'d Entity {
        let m = d
            .mentions
            .iter()
            .find(|m| m.field == field && m.text == text)
            .unwrap_or_else(|| panic!("no mention {text:?}"));
        &d.entities[m.entity.unwrap_or_else(|| panic!("{text:?} has no entity"))]
    }

    /// A mention to place: field, text, label.
    type Spec = (Field, &'static str, Label);
    /// Two mentions (field, text) that must be one entity, and its canonical name.
    type Same = ((Field, &'static str), (Field, &'static str), &'static str);

    use Field::{Body as B, Title as T};
    use Label::{Location as LOC, Organization as ORG, Person as PER};

    #[test]
    fn aliases_resolve_to_one_entity() {
        struct Case {
            name: &'static str,
            title: &'static str,
            body: &'static str,
            mentions: &'static [Spec],
            same: &'static [Same],
        }
        let cases = [
            Case {
                name: "surname to full name, headline first",
                title: "Carney in Paris",
                body: "Prime Minister Mark Carney met allies. Carney spoke.",
                mentions: &[(T, "Carney", PER), (B, "Mark Carney", PER), (B, "Carney", PER)],
                same: &[
                    ((T, "Carney"), (B, "Mark Carney"), "Mark Carney"),
                    ((B, "Carney"), (B, "Mark Carney"), "Mark Carney"),
                ],
            },
            Case {
                name: "case variants",
                title: "",
                body: "THE CANADIAN PRESS reported. The Canadian Press said.",
                mentions: &[(B, "THE CANADIAN PRESS", ORG), (B, "The Canadian Press", ORG)],
                same: &[((B, "THE CANADIAN PRESS"), (B, "The Canadian Press"), "The Canadian Press")],
            },
            Case {
                name: "an organisation's head word",
                title: "",
                body: "The Bank of England cut rates. The Bank said so.",
                mentions: &[(B, "Bank of England", ORG), (B, "The Bank", ORG)],
                same: &[((B, "The Bank"), (B, "Bank of England"), "Bank of England")],
            },
            Case {
                name: "acronym and expansion",
                title: "",
                body: "The North Atlantic Treaty Organization met. NATO agreed.",
                mentions: &[(B, "North Atlantic Treaty Organization", ORG), (B, "NATO", ORG)],
                same: &[((B, "NATO"), (B, "North Atlantic Treaty Organization"), "NATO")],
            },
            Case {
                name: "unknown acronym takes the expansion's name",
                title: "",
                body: "The Greater Toronto Area froze. The GTA thawed.",
                mentions: &[(B, "Greater Toronto Area", LOC), (B, "GTA", LOC)],
                same: &[((B, "GTA"), (B, "Greater Toronto Area"), "Greater Toronto Area")],
            },
            Case {
                name: "U.S., US and United States",
                title: "US acts",
                body: "The U.S. acted. The United States’ capture followed.",
                mentions: &[(T, "US", LOC), (B, "U.S.", LOC), (B, "United States", LOC)],
                same: &[
                    ((T, "US"), (B, "U.S."), "United States"),
                    ((B, "U.S."), (B, "United States"), "United States"),
                ],
            },
            Case {
                name: "possessive and label disagreement",
                title: "",
                body: "Ottawa’s push. Ottawa agreed.",
                mentions: &[(B, "Ottawa’s", LOC), (B, "Ottawa", ORG)],
                same: &[((B, "Ottawa’s"), (B, "Ottawa"), "Ottawa")],
            },
            Case {
                name: "title inside the mention",
                title: "",
                body: "President Emmanuel Macron spoke. Macron left.",
                mentions: &[(B, "President Emmanuel Macron", PER), (B, "Macron", PER)],
                same: &[((B, "Macron"), (B, "President Emmanuel Macron"), "Emmanuel Macron")],
            },
            Case {
                name: "middle initial",
                title: "",
                body: "Mark J. Carney spoke. Mark Carney left.",
                mentions: &[(B, "Mark J. Carney", PER), (B, "Mark Carney", PER)],
                same: &[((B, "Mark Carney"), (B, "Mark J. Carney"), "Mark J. Carney")],
            },
        ];
        for c in cases {
            let mut d = doc(c.title, c.body, c.mentions);
            NewsResolver::new().resolve(&mut d);
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

    #[test]
    fn different_things_stay_apart() {
        let cases: &[(&str, &str, &[Spec], (&str, &str))] = &[
            (
                "two people, one surname",
                "John Smith met Jane Smith.",
                &[(B, "John Smith", PER), (B, "Jane Smith", PER)],
                ("John Smith", "Jane Smith"),
            ),
            (
                "two people, one first name",
                "Mark Carney met Mark Rutte.",
                &[(B, "Mark Carney", PER), (B, "Mark Rutte", PER)],
                ("Mark Carney", "Mark Rutte"),
            ),
            (
                "a person and a place of the same word",
                "Jordan visited Jordan.",
                &[(B, "Jordan", PER), (B, "Jordan", LOC)],
                ("Jordan", "Jordan"),
            ),
            (
                "an acronym that two expansions spell",
                "Progressive Conservatives and Privy Council. The PC said.",
                &[(B, "Progressive Conservatives", ORG), (B, "Privy Council", ORG), (B, "PC", ORG)],
                ("PC", "Privy Council"),
            ),
            (
                "a head word two organisations hold",
                "The World Bank and the Bank of England met. The Bank said.",
                &[(B, "World Bank", ORG), (B, "Bank of England", ORG), (B, "Bank", ORG)],
                ("Bank", "World Bank"),
            ),
            (
                "airport named after a person",
                "Charles de Gaulle said. Charles de Gaulle Airport closed.",
                &[(B, "Charles de Gaulle", PER), (B, "Charles de Gaulle Airport", LOC)],
                ("Charles de Gaulle", "Charles de Gaulle Airport"),
            ),
        ];
        for (name, body, mentions, (a, b)) in cases {
            let mut d = doc("", body, mentions);
            NewsResolver::new().resolve(&mut d);
            let ids: Vec<&str> =
                d.mentions.iter().filter_map(|m| m.entity).map(|e| d.entities[e].id.as_str()).collect();
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

    #[test]
    fn a_bare_surname_goes_to_the_latest_full_name() {
        let body = "John Smith spoke first. Smith left. Then Jane Smith arrived. Smith sat down.";
        let mut d = doc(
            "Smith wins",
            body,
            &[(T, "Smith", PER), (B, "John Smith", PER), (B, "Smith", PER), (B, "Jane Smith", PER), (B, "Smith", PER)],
        );
        NewsResolver::new().find_aliases(false).resolve(&mut d);
        let smiths: Vec<&str> = d
            .mentions
            .iter()
            .filter(|m| m.text == "Smith")
            .map(|m| d.entities[m.entity.unwrap()].name.as_str())
            .collect();
        // The headline precedes every full name: it goes to the one named in full most often (a tie: the first).
        assert_eq!(smiths, ["John Smith", "John Smith", "Jane Smith"], "headline, then after John, then after Jane");
    }

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
        ];
        for (name, body, person, want) in cases {
            let mut d = doc("", body, &[(B, person, PER)]);
            NewsResolver::new().resolve(&mut d);
            assert_eq!(d.entities[0].roles, *want, "case {name:?} in {body:?}");
        }
    }

    #[test]
    fn missed_mentions_are_found_again_as_aliases() {
        let mut d = doc(
            "Carney in Paris",
            "Mark Carney met allies in Paris. Later Carney spoke.",
            &[(B, "Mark Carney", PER), (B, "Paris", LOC)],
        );
        NewsResolver::new().resolve(&mut d);
        let carney = d.entities.iter().find(|e| e.name == "Mark Carney").expect("Mark Carney");
        assert_eq!(carney.mention_count, 3, "the headline's and the body's bare Carney are added: {:#?}", d.mentions);
        let added: Vec<(&str, Field)> =
            d.mentions.iter().filter(|m| m.origin == Origin::Alias).map(|m| (m.text.as_str(), m.field)).collect();
        assert_eq!(added, [("Carney", T), ("Paris", T), ("Carney", B)]);
        for m in &d.mentions {
            assert!(m.span.is_valid_for(d.field_text(m.field)), "{m:?}");
        }
    }

    #[test]
    fn ids_are_stable_and_salience_follows_the_formula() {
        assert_eq!(entity_id(PER, "Mark Carney"), entity_id(PER, "MARK CARNEY"));
        assert_ne!(entity_id(PER, "Jordan"), entity_id(LOC, "Jordan"));
        assert_eq!(entity_id(PER, "Mark Carney").len(), 16);
        let body = "Mark Carney met Mark Rutte. Carney spoke.";
        let mut d = doc(
            "Carney talks",
            body,
            &[(T, "Carney", PER), (B, "Mark Carney", PER), (B, "Mark Rutte", PER), (B, "Carney", PER)],
        );
        NewsResolver::new().resolve(&mut d);
        let carney = &d.entities[0];
        assert_eq!(carney.name, "Mark Carney", "the most salient entity comes first");
        // 3 of max 3 mentions, first body char 0, in the headline, first name of the lead: 0.4 + 0.2 + 0.2 + 0.2.
        assert_eq!(carney.salience, 1.0);
        let rutte = &d.entities[1];
        let expected = 0.4 / 3.0 + 0.2 * (1.0 - 16.0 / body.chars().count() as f32);
        assert!((rutte.salience - expected).abs() < 1e-3, "Rutte's salience {} should be {expected}", rutte.salience);
        assert_eq!(rutte.first_char, 16);
    }

    #[test]
    fn titles_of_capitalised_names() {
        for (caps, want) in
            [("THE CANADIAN PRESS", "The Canadian Press"), ("BANK OF CANADA", "Bank of Canada"), ("PARIS", "Paris")]
        {
            assert_eq!(title_case(caps), want);
        }
    }
}
