//! From the evidence of a whole dump to its dump-level entities: which
//! article-level entities are one thing, what that thing is called, and its
//! one label.
//!
//! 1. **One name, one or two things.** Evidence is grouped by the key of its
//!    name. A name the dump gives both as a person and as something else is
//!    two things when each side holds at least two articles and a quarter of
//!    the weight ("Jordan" the country and Jordan the player), or when the
//!    person side, though the smaller, keeps the company of someone the dump names
//!    in full with that surname (a "Jordan" who scored beside the Bulls, as
//!    "Michael Jordan" did); otherwise the minority is a tagging slip and
//!    joins the majority (the one article that tagged "Quayline Robotics" a
//!    person). A thing side whose own articles speak of a person in a quarter
//!    of them or more ("the Obama administration", "Mr") is no thing of its
//!    own: it is the person, read as a thing by a tagger that never saw the name.
//!    A person's name with middle initials and without ("Paul D. Ryan",
//!    "Paul Ryan") is one name, unless the dump gives it two sets of
//!    initials ("George W. Bush" and "George P. Bush").
//! 2. **Short forms join their full form.** A one-word person ("Baker") joins
//!    the full names that end with it; an acronym ("IMF") the names whose
//!    initials spell it; a one-word organisation ("Halvern", "Treasury") the
//!    multi-word organisation it begins or ends (a place or a demonym never:
//!    "Lisbon" is not "Lisbon Stock Exchange", nor "European" the "European
//!    Union"); any short form the names that carried
//!    it as an alias in an article ("Corvina" beside "Corvina Logistics").
//!    A thing's alias joins only a thing of its label, and a place only as an
//!    abbreviation ("N.Y."), unless the short form is too rare to trust its
//!    label (two articles at most) or is a place the linker grounded nowhere.
//!    A thing's full form must not be four times rarer than its short form,
//!    and a thing joined by the shape of its name alone
//!    (initials, a word of a longer name) must share a role or a co-occurring
//!    entity with it ("AAA" the rating is not the "Arabian Auto Agency").
//!    With one candidate it joins, unless both are well attested and share
//!    nothing (no co-occurring entity, role or topic). With several, it joins
//!    the one whose roles, co-occurring entities and topics it shares clearly
//!    more (at least twice the next), and otherwise stays apart: a wrong merge
//!    is worse than a missed one.
//! 3. **One label.** A person stays a person; anything else takes the label
//!    with the most weight over all its articles: the tagger's vote in each,
//!    plus the context cues of [`super::evidence`] (datelines weigh three).
//! 4. **One link, one thing.** Groups linked (mostly) to one knowledge-base
//!    entry are one thing, named as its most widely named group ("United
//!    States", not "America"); and the rows of a name that the linker grounded
//!    elsewhere than its majority (11 of the 34 Reuters "Washington"s are the
//!    state) keep the thing their own link names, with its own row; a person
//!    joins a thing by a link only when it is the smaller ("Obama" the person,
//!    linked once to the town in Japan, stays a person). A link that does not
//!    fit the thing's label names nothing: a person's, or an organisation's
//!    GeoNames place ("Federal Reserve" read as the Distrito Federal in one
//!    article).
//!
//! The decisions are made per article-level `entity_id`, over the whole
//! dump: a bare "Baker" is resolved once for the dump, not article by
//! article (the price of applying the result by key to rows already written).
//! For the same reason two different people with the same full name and
//! label ("James Baker" the secretary and "James Baker" a footballer) share
//! one `entity_id` and so one dump-level entity: telling them apart would need
//! a key finer than the `entity_id` in the rows.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;

use super::evidence::{Evidence, LinkEvidence};
use super::global_id;
use crate::document::{KbKind, Label};
use crate::entities::names::{dotted_initials_of_a_firm, initials, is_acronym, key};
use crate::export::frames::Value;

/// One dump-level entity: a row of `dump_entities`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct DumpEntity {
    pub(crate) global_id: String,
    pub(crate) name: String,
    pub(crate) label: Label,
    pub(crate) aliases: Vec<String>,
    pub(crate) article_count: u64,
    pub(crate) mention_count: u64,
    pub(crate) roles: Vec<String>,
    /// The knowledge-base id most of its articles were linked to, if any.
    pub(crate) kb_id: Option<String>,
    /// What the knowledge base says of it: the link of `kb_id`, or else (a demonym) its most common link.
    pub(crate) link: Option<LinkEvidence>,
}

impl DumpEntity {
    /// Its row of `dump_entities`.
    pub(crate) fn row(&self) -> Vec<Value> {
        let l = self.link.as_ref();
        let float = |v: Option<f64>| v.map_or(Value::Null, |v| Value::Float(v as f32));
        vec![
            self.global_id.as_str().into(),
            self.name.as_str().into(),
            self.label.as_str().into(),
            Value::List(self.aliases.clone()),
            Value::Int(self.article_count as i64),
            Value::Int(self.mention_count as i64),
            Value::List(self.roles.clone()),
            self.kb_id.clone().into(),
            l.map(|l| l.kind.clone()).into(),
            l.and_then(|l| l.country_code.clone()).into(),
            l.and_then(|l| l.admin1.clone()).into(),
            float(l.and_then(|l| l.latitude)),
            float(l.and_then(|l| l.longitude)),
            l.map_or(Value::Null, |l| Value::Float(l.confidence())),
        ]
    }
}

/// The dump-level entities, and where each article-level entity went.
#[derive(Debug, Default)]
pub(crate) struct Resolution {
    /// `entity_id` → (global id, label).
    pub(crate) by_entity: HashMap<String, (String, Label)>,
    /// `entity_id` → the other things some of its rows were linked to: a row whose `global_id` (derived from
    /// its own `kb_id` as the stream wrote it) is one of these keeps it, with that thing's label.
    pub(crate) split: HashMap<String, Vec<(String, Label)>>,
    /// Most widely named first.
    pub(crate) entities: Vec<DumpEntity>,
}

/// A name group: article-level entities with one name key and one class.
struct Node {
    ids: Vec<String>,
    /// The knowledge-base ids each of `ids` was linked to.
    kb_of: Vec<(String, Vec<String>)>,
    name: String,
    person: bool,
    ev: Evidence,
    weights: BTreeMap<String, u64>,
    names: BTreeMap<String, u64>,
}

impl Node {
    fn new(members: Vec<Evidence>, person: bool) -> Node {
        let mut node = Node {
            ids: Vec::new(),
            kb_of: Vec::new(),
            name: String::new(),
            person,
            ev: Evidence::default(),
            weights: BTreeMap::new(),
            names: BTreeMap::new(),
        };
        for e in members {
            node.ids.push(e.id.clone());
            if !e.kb.is_empty() {
                node.kb_of.push((e.id.clone(), e.kb.keys().cloned().collect()));
            }
            for (l, w) in e.label_weights() {
                *node.weights.entry(l).or_default() += w;
            }
            *node.names.entry(e.name.clone()).or_default() += e.articles;
            node.ev.absorb(e);
        }
        node.name = node
            .names
            .iter()
            .max_by_key(|(n, c)| (!is_caps(n), **c, std::cmp::Reverse(n.to_string())))
            .map(|(n, _)| n.clone())
            .unwrap_or_default();
        node
    }

    /// Name words, without initials ("James A. Baker" → James, Baker).
    fn words(&self) -> Vec<String> {
        self.name.split_whitespace().filter(|w| !is_initial(w)).map(key).filter(|w| !w.is_empty()).collect()
    }

    /// The label with the most weight, among a person's or a thing's labels.
    fn label(&self, weights: &BTreeMap<String, u64>) -> Label {
        if self.person {
            return Label::Person;
        }
        const THINGS: [Label; 4] = [Label::Location, Label::Organization, Label::Group, Label::Misc];
        THINGS
            .into_iter()
            .enumerate()
            .max_by_key(|(i, l)| (weights.get(l.as_str()).copied().unwrap_or(0), std::cmp::Reverse(*i)))
            .map_or(Label::Misc, |(_, l)| l)
    }
}

fn is_caps(s: &str) -> bool {
    s.chars().any(char::is_alphabetic) && !s.chars().any(char::is_lowercase)
}

fn is_initial(w: &str) -> bool {
    w.ends_with('.') && w.chars().filter(|c| *c != '.').count() == 1
}

/// The key of a name of two words or more written with initials inside or before it ("James B. Comey", "A.
/// William Reynolds", "George W.H. Bush"), without them; `None` for a name with no such initials.
fn without_middle_initials(name: &str) -> Option<String> {
    let initials = |w: &&str| {
        w.contains('.') && w.chars().all(|c| c == '.' || c.is_uppercase()) && w.chars().filter(|c| c.is_uppercase()).count() <= 3
    };
    let words: Vec<&str> = name.split_whitespace().collect();
    let last = words.len().checked_sub(1)?;
    let kept: Vec<&str> = words.iter().enumerate().filter(|(i, w)| *i == last || !initials(w)).map(|(_, w)| *w).collect();
    (kept.len() >= 2 && kept.len() < words.len()).then(|| key(&kept.join(" ")))
}

/// Resolves the evidence of a dump (several shards' evidence of one entity is added up first).
pub(crate) fn resolve(evidence: impl IntoIterator<Item = Evidence>) -> Resolution {
    let mut by_id: BTreeMap<String, Evidence> = BTreeMap::new();
    for e in evidence {
        match by_id.get_mut(&e.id) {
            Some(mine) => mine.absorb(e),
            None => {
                by_id.insert(e.id.clone(), e);
            }
        }
    }
    // A person named with and without middle initials ("Paul D. Ryan", "Paul Ryan") is one name, unless the
    // dump writes the name with two sets of initials ("George W. Bush", "George P. Bush").
    let bare: HashMap<String, String> = by_id
        .values()
        .filter(|e| e.label == Label::Person.as_str())
        .filter_map(|e| Some((e.id.clone(), without_middle_initials(&e.name)?)))
        .collect();
    let mut initialled: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for (id, b) in &bare {
        initialled.entry(b.as_str()).or_default().insert(key(&by_id[id].name));
    }
    let name_key = |e: &Evidence| match bare.get(&e.id) {
        Some(b) if initialled[b.as_str()].len() == 1 => b.clone(),
        _ => key(&e.name),
    };
    let mut by_key: BTreeMap<String, Vec<Evidence>> = BTreeMap::new();
    let mut surnames: HashMap<String, Company> = HashMap::new();
    for e in by_id.into_values() {
        let words = || e.name.split_whitespace().filter(|w| !is_initial(w));
        if e.label == Label::Person.as_str() && words().nth(1).is_some() {
            let company = surnames.entry(key(words().last().expect("two words"))).or_default();
            company.extend(e.with.keys().cloned());
            company.extend(e.roles.keys().map(|r| r.to_lowercase()));
        }
        by_key.entry(name_key(&e)).or_default().push(e);
    }
    // The name groups are independent until short forms join them: they are made on the threads of the rayon
    // pool the caller runs in (the batch's `jobs`), in key order all the same.
    let by_key: Vec<(String, Vec<Evidence>)> = by_key.into_iter().collect();
    let nodes: Vec<Node> =
        by_key.into_par_iter().flat_map_iter(|(k, members)| split(members, surnames.get(&k))).collect();
    let targets = join_short_forms(&nodes);
    assemble(nodes, &targets)
}

/// The co-occurring entities and roles (lower-cased) of the people the dump names in full with one surname.
type Company = BTreeSet<String>;

/// One name key's evidence as one node, or two (a person and a thing) when the dump shows both: each side well
/// attested, or the person side keeping the company (a co-occurring entity, a role) of someone the dump names in
/// full with this surname ("Jordan scored 30" beside the Bulls, as "Michael Jordan" is): then the person is that
/// one, not a slip of the tagger on the country's name.
fn split(members: Vec<Evidence>, full_names: Option<&Company>) -> Vec<Node> {
    let person_label = Label::Person.as_str();
    let weight = |person: bool| -> u64 {
        members
            .iter()
            .flat_map(|e| e.label_weights())
            .filter(|(l, _)| (l == person_label) == person)
            .map(|(_, w)| w)
            .sum()
    };
    let articles = |person: bool| -> u64 {
        members.iter().filter(|e| (e.label == person_label) == person).map(|e| e.articles).sum()
    };
    let (wp, wt) = (weight(true), weight(false));
    let backed = full_names.is_some_and(|company| {
        members.iter().filter(|e| e.label == person_label).any(|e| {
            e.with.keys().any(|w| company.contains(w)) || e.roles.keys().any(|r| company.contains(&r.to_lowercase()))
        })
    });
    // A thing side whose own articles speak of a person (a role, "Mr", "the Obama administration") in a quarter
    // of them or more is the person read as a thing by a tagger that never saw the name, not a thing of its own.
    let thing_person_cues: u64 =
        members.iter().filter(|e| e.label != person_label).filter_map(|e| e.cues.get(person_label)).sum();
    let both = articles(true) >= 1 && articles(false) >= 1 && thing_person_cues * 4 < articles(false);
    // Backing matters only where the person side would otherwise be taken for a slip of the thing's: where it is
    // the larger side, the thing side ("Baker" tagged an organisation in two of Baker's articles) joins it.
    let two = both && ((backed && wp <= wt) || (articles(true) >= 2 && articles(false) >= 2 && wp.min(wt) * 4 >= wp + wt));
    if two {
        let (p, t): (Vec<Evidence>, Vec<Evidence>) = members.into_iter().partition(|e| e.label == person_label);
        vec![Node::new(p, true), Node::new(t, false)]
    } else {
        vec![Node::new(members, wp > wt)]
    }
}

/// For each node, the node it joins (a short form's full form), if any.
fn join_short_forms(nodes: &[Node]) -> Vec<Option<usize>> {
    let mut surname: HashMap<String, Vec<usize>> = HashMap::new();
    let mut spelled: HashMap<String, Vec<usize>> = HashMap::new();
    let mut first_or_last: HashMap<String, Vec<usize>> = HashMap::new();
    let mut alias: HashMap<String, Vec<usize>> = HashMap::new();
    let all_words: Vec<Vec<String>> = nodes.iter().map(Node::words).collect();
    for (i, (n, words)) in nodes.iter().zip(&all_words).enumerate() {
        if words.len() < 2 {
            continue;
        }
        if n.person {
            surname.entry(words[words.len() - 1].clone()).or_default().push(i);
        } else {
            if let Some(s) = initials(&n.name) {
                spelled.entry(s).or_default().push(i);
            }
            let (first, last) = (words[0].clone(), words[words.len() - 1].clone());
            first_or_last.entry(first.clone()).or_default().push(i);
            if last != first {
                first_or_last.entry(last).or_default().push(i);
            }
        }
        for a in n.ev.aliases.keys() {
            let k = key(a);
            if k.split_whitespace().count() == 1 {
                let list = alias.entry(k).or_default();
                if !list.contains(&i) {
                    list.push(i);
                }
            }
        }
    }
    // Whether the linking stage ran: without it no place is grounded, and that says nothing.
    let linking = nodes.iter().any(|n| !n.ev.kb.is_empty());
    nodes
        .par_iter()
        .enumerate()
        .map(|(i, n)| {
            let words = &all_words[i];
            if words.len() != 1 {
                return None;
            }
            let k = &words[0];
            let aliased = alias.get(k).into_iter().flatten().copied();
            let label = n.label(&n.weights);
            // A thing's alias joins a thing of its own label, and a place only as an abbreviation ("N.Y." is New
            // York, but "America" is not "Latin America" nor "Houston" the "Houston Oil Trust").
            // The label of a name seen once or twice is too weakly attested to count, and so is that of a place
            // the linker grounded nowhere, when it ran ("Shares in Corvina rose": no place is called Corvina).
            let abbreviation = n.name.contains('.') || is_acronym(&n.name);
            let weak = n.ev.articles <= 2 || (linking && label == Label::Location && n.ev.kb.is_empty());
            let thing_alias = |c: &usize| {
                let same = nodes[*c].label(&nodes[*c].weights) == label && (label != Label::Location || abbreviation);
                !nodes[*c].person && (weak || same)
            };
            let by_alias: Vec<usize> = if n.person { aliased.clone().collect() } else { aliased.clone().filter(thing_alias).collect() };
            let mut found: Vec<usize> = if n.person {
                let people: Vec<usize> =
                    surname.get(k).into_iter().flatten().copied().chain(aliased.clone().filter(|&c| nodes[c].person)).collect();
                if people.is_empty() { aliased.collect() } else { people }
            } else {
                let mut things: Vec<usize> = by_alias.clone();
                if is_acronym(&n.name) {
                    // "R.I." is no firm's initials ("Ramada Inc" had named Rhode Island).
                    let firm = |c: &usize| dotted_initials_of_a_firm(&n.name, &nodes[*c].name);
                    things.extend(spelled.get(k).into_iter().flatten().copied().filter(|c| !firm(c)));
                } else if label == Label::Organization {
                    // Only an organisation is shortened to a word of its name: a one-word place is not the start
                    // of a longer name ("Lisbon" is not "Lisbon Stock Exchange"), nor "European" of "European Union".
                    let same_kind = |c: &usize| nodes[*c].label(&nodes[*c].weights) == Label::Organization;
                    things.extend(first_or_last.get(k).into_iter().flatten().copied().filter(same_kind));
                }
                things
            };
            found.sort_unstable();
            found.dedup();
            found.retain(|&c| c != i);
            let chosen = choose(n, &found, nodes)?;
            let target = &nodes[chosen];
            // The full name of an organisation much rarer than its short form is more likely a misreading
            // ("Bundesbank Blah") than the thing itself (people, though, are mostly named by surname: "Reagan");
            // and a thing joined by the shape of its name alone (initials, a word of a longer name) must keep
            // some of the same company: "AAA" the rating is not the "Arabian Auto Agency".
            let rare = !n.person && target.ev.articles * 4 < n.ev.articles;
            let by_shape = !n.person && !by_alias.contains(&chosen);
            (!rare && !(by_shape && companions(n, target) == 0)).then_some(chosen)
        })
        .collect()
}

/// The roles and co-occurring entities two nodes share.
fn companions(a: &Node, b: &Node) -> u64 {
    affinity(a, b) - overlap(&a.ev.topics, &b.ev.topics)
}

fn overlap(x: &BTreeMap<String, u64>, y: &BTreeMap<String, u64>) -> u64 {
    x.iter().filter_map(|(k, n)| y.get(k).map(|m| (*n).min(*m))).sum()
}

/// The candidate a short form joins (see the module documentation), if the evidence is clear.
fn choose(short: &Node, candidates: &[usize], nodes: &[Node]) -> Option<usize> {
    let mut scored: Vec<(u64, usize)> = candidates.iter().map(|&c| (affinity(short, &nodes[c]), c)).collect();
    scored.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    match scored.as_slice() {
        [] => None,
        [(score, c)] => {
            let well_attested = short.ev.articles >= 3 && nodes[*c].ev.articles >= 3;
            (*score > 0 || !well_attested).then_some(*c)
        }
        [(best, c), (second, _), ..] => (*best > 0 && *best >= 2 * second).then_some(*c),
    }
}

/// What a short form and a full form share: roles (twice), co-occurring entities, topics.
fn affinity(a: &Node, b: &Node) -> u64 {
    let roles = |m: &BTreeMap<String, u64>| -> BTreeMap<String, u64> {
        m.iter().map(|(r, n)| (key(r), *n)).collect()
    };
    2 * overlap(&roles(&a.ev.roles), &roles(&b.ev.roles)) + overlap(&a.ev.with, &b.ev.with) + overlap(&a.ev.topics, &b.ev.topics)
}

/// The dump-level entities: each root node with the short forms that joined it.
fn assemble(mut nodes: Vec<Node>, targets: &[Option<usize>]) -> Resolution {
    let mut members: Vec<Vec<usize>> = vec![Vec::new(); nodes.len()];
    for (i, t) in targets.iter().enumerate() {
        members[t.unwrap_or(i)].push(i);
    }
    join_by_kb(&mut members, &nodes);
    let mut res = Resolution::default();
    // Each group's label and knowledge-base id first: a row linked elsewhere than its group goes to the group of
    // its own link when there is one.
    struct Group {
        root: usize,
        label: Label,
        kb: Option<String>,
        ev: Evidence,
        names: BTreeMap<String, u64>,
    }
    let mut groups: Vec<Group> = Vec::new();
    for (root, group) in members.iter().enumerate().filter(|(_, g)| !g.is_empty()) {
        let mut weights: BTreeMap<String, u64> = BTreeMap::new();
        let mut ev = Evidence::default();
        let mut names: BTreeMap<String, u64> = BTreeMap::new();
        for &m in group {
            for (l, w) in &nodes[m].weights {
                *weights.entry(l.clone()).or_default() += w;
            }
            for (n, c) in &nodes[m].names {
                *names.entry(n.clone()).or_default() += c;
            }
            // Each node is in one group, and its evidence is not read again.
            ev.absorb(std::mem::take(&mut nodes[m].ev));
        }
        let label = nodes[root].label(&weights);
        let kb = ev
            .kb
            .iter()
            .filter(|(k, _)| fits(label, k))
            .max_by_key(|(k, n)| (**n, std::cmp::Reverse(k.to_string())))
            .map(|(k, _)| k.clone());
        groups.push(Group { root, label, kb, ev, names });
    }
    let labels_by_kb: HashMap<&str, Label> = groups.iter().filter_map(|g| Some((g.kb.as_deref()?, g.label))).collect();
    let mut own_things: Vec<DumpEntity> = Vec::new();
    for g in &groups {
        let r = &nodes[g.root];
        let kb = g.kb.as_deref();
        let gid = global_id(kb, g.label, &r.name);
        let (mut articles, mut mentions) = (g.ev.articles, g.ev.mentions);
        for &m in &members[g.root] {
            for id in &nodes[m].ids {
                res.by_entity.insert(id.clone(), (gid.clone(), g.label));
            }
            // The linker grounded some articles' "Washington" in the state and most in the city: those rows are
            // the state (their kb_id says so), not the city the group's majority makes the rest.
            for (id, kbs) in &nodes[m].kb_of {
                for k in kbs.iter().filter(|k| Some(k.as_str()) != kb && fits(g.label, k)) {
                    let label = labels_by_kb.get(k.as_str()).copied().unwrap_or(g.label);
                    res.split.entry(id.clone()).or_default().push((global_id(Some(k), label, &r.name), label));
                }
            }
        }
        for (k, link) in g.ev.links.iter().filter(|(k, _)| g.ev.kb.contains_key(*k) && Some(k.as_str()) != kb && fits(g.label, k)) {
            articles = articles.saturating_sub(link.articles);
            mentions = mentions.saturating_sub(link.mentions);
            if !labels_by_kb.contains_key(k.as_str()) && !own_things.iter().any(|e| e.kb_id.as_deref() == Some(k)) {
                own_things.push(DumpEntity {
                    global_id: global_id(Some(k), g.label, &r.name),
                    name: r.name.clone(),
                    label: g.label,
                    aliases: Vec::new(),
                    article_count: link.articles,
                    mention_count: link.mentions,
                    roles: Vec::new(),
                    kb_id: Some(k.clone()),
                    link: Some(link.clone()),
                });
            }
        }
        res.entities.push(DumpEntity {
            global_id: gid,
            name: r.name.clone(),
            label: g.label,
            aliases: aliases(&r.name, &g.names, &g.ev.aliases),
            article_count: articles,
            mention_count: mentions,
            roles: top(&g.ev.roles, 5),
            kb_id: g.kb.clone(),
            link: chosen_link(&g.ev, kb),
        });
    }
    res.entities.extend(own_things);
    res.entities.sort_by(|a, b| {
        b.article_count.cmp(&a.article_count).then(b.mention_count.cmp(&a.mention_count)).then(a.global_id.cmp(&b.global_id))
    });
    res
}

/// Whether a knowledge-base id can name a thing of this label. The linker grounds places (GeoNames) and
/// organisations (Wikidata, tickers) by what the tagger said in each article, so a person's links, or an
/// organisation's GeoNames place ("Federal Reserve" read as the Distrito Federal), are slips of one article
/// that must not name the whole thing.
fn fits(label: Label, kb: &str) -> bool {
    match label {
        Label::Person => false,
        Label::Organization => !kb.starts_with("geonames"),
        _ => true,
    }
}

/// Joins the groups that the linking stage grounded in one knowledge-base entry (mostly), so that one thing
/// gets one label and one row even when the tagger named it two ways ("Saudi Arabia" as a place and as MISC,
/// "Florida" as a person where the linker read "in Florida"). The linker grounds only what its context makes a
/// thing, so a joined group takes a thing's root, never a person's; among things, the root of the group with the
/// most articles, whose name the joined group takes.
fn join_by_kb(members: &mut [Vec<usize>], nodes: &[Node]) {
    let articles = |group: &[usize]| -> u64 { group.iter().map(|&m| nodes[m].ev.articles).sum() };
    let mut first: HashMap<String, usize> = HashMap::new();
    for root in 0..members.len() {
        let mut kb: BTreeMap<&str, u64> = BTreeMap::new();
        for &m in &members[root] {
            for (k, n) in &nodes[m].ev.kb {
                *kb.entry(k.as_str()).or_default() += n;
            }
        }
        let Some((top, _)) = kb.into_iter().max_by_key(|(k, n)| (*n, std::cmp::Reverse(*k))) else { continue };
        match first.get(top).copied() {
            None => {
                first.insert(top.to_string(), root);
            }
            // A person joins a thing as a tagging slip on the thing's name ("Chelsea" tagged a person in 20 of
            // the club's 64 articles), so only a smaller one: Barack Obama, whose name one article linked to the
            // town in Japan, is no slip of the "Obama" tagged a place elsewhere.
            Some(kept) if nodes[kept].person != nodes[root].person && {
                let (person, thing) = if nodes[kept].person { (kept, root) } else { (root, kept) };
                articles(&members[person]) > articles(&members[thing])
            } =>
            {
                if nodes[kept].person {
                    first.insert(top.to_string(), root);
                }
            }
            // The group that gives the joined group its name: a thing's over a person's, then the most widely
            // named ("United States", not "America" or "US-based", which sort first).
            Some(kept) if (nodes[kept].person && !nodes[root].person)
                || (nodes[kept].person == nodes[root].person && articles(&members[root]) > articles(&members[kept])) =>
            {
                let moved = std::mem::take(&mut members[kept]);
                members[root].extend(moved);
                first.insert(top.to_string(), root);
            }
            Some(kept) => {
                let moved = std::mem::take(&mut members[root]);
                members[kept].extend(moved);
            }
        }
    }
}

/// The link of `kb` when there is a kb id; else, when its articles linked it only to a country by a demonym
/// ("Canadian"), the most common of those.
fn chosen_link(ev: &Evidence, kb: Option<&str>) -> Option<LinkEvidence> {
    match kb {
        Some(k) => ev.links.get(k).cloned(),
        None => ev
            .links
            .iter()
            .filter(|(_, l)| l.kind == KbKind::Demonym.as_str())
            .max_by_key(|(k, l)| (l.articles, std::cmp::Reverse(k.as_str())))
            .map(|(_, l)| l.clone()),
    }
}

/// Other names, most used first (names of the joined article-level entities, then their aliases), at most 10.
fn aliases(name: &str, names: &BTreeMap<String, u64>, aliases: &BTreeMap<String, u64>) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    let mut seen: BTreeSet<String> = BTreeSet::from([name.to_string()]);
    for list in [top(names, usize::MAX), top(aliases, usize::MAX)] {
        for a in list {
            if out.len() < 10 && seen.insert(a.clone()) {
                out.push(a);
            }
        }
    }
    out
}

/// The `n` keys with the highest counts, ties alphabetically.
fn top(counts: &BTreeMap<String, u64>, n: usize) -> Vec<String> {
    let mut v: Vec<(&String, &u64)> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    v.into_iter().take(n).map(|(k, _)| k.clone()).collect()
}
