//! Canonical entities per article: which mentions name the same thing, what
//! it is called, what roles it holds and how central it is.
//!
//! [`NewsResolver`] works on whatever mentions the recognizers produced
//! (tagger, rules, lists, patterns), across the title, caption and body, in
//! these steps, one file each:
//!
//! 1. **Labels** (`merge.rs`): what the page's metadata says a name is beats
//!    the tagger, and a facility named after a person is a place.
//! 2. **People** (`people.rs`): full names that agree on their first and last
//!    word are one person, and a bare surname goes to the full name it ends.
//! 3. **Everything else** (`merge.rs`) is grouped by its key and through known
//!    names; an acronym joins the name it spells, a head word the one
//!    organisation that holds it, an organisation's first words the one
//!    organisation whose name starts with them.
//! 4. **Aliases found again** (`aliases.rs`): each entity's names are looked
//!    for where no recognizer put a mention.
//! 5. **The entity**: its canonical name and `entity_id` (`canonical.rs`), its
//!    roles (`roles.rs`, read from around each person's mention) and its
//!    salience (`salience.rs`). Entities are listed by salience, highest first,
//!    and every mention takes its entity's label.
//!
//! Each file's own documentation gives its rules in full. The steps share
//! only the prepared mentions and clusters of `item.rs`, and this file runs
//! them in order.
//!
//! **Known names** come only from what the resolver is given: the built-in
//! aliases ("U.S." = "United States"), and through
//! [`crate::pipeline::PipelineBuilder::from_config`] the names of the groups list in use and
//! of the user's rules. So a groups list in a models folder replaces the
//! compiled-in one here as it does in recognition.

mod aliases;
mod canonical;
#[cfg(test)]
mod fixtures;
mod item;
mod merge;
mod people;
mod roles;
mod salience;

use std::collections::HashMap;

pub use self::canonical::entity_id;
pub(crate) use self::roles::is_role_head;
use self::item::{Cluster, Item};
use self::salience::Salience;
use crate::document::{Document, Entity, Field, Mention};
use crate::entities::known::KnownName;
use crate::entities::names::key;
use crate::entities::Resolver;

/// The built-in resolver (see the module documentation for its rules).
#[derive(Debug, Clone)]
pub struct NewsResolver {
    known: Vec<KnownName>,
    by_key: HashMap<String, usize>,
    /// Whether to look for each entity's names where no recognizer found them.
    find_aliases: bool,
}

impl Default for NewsResolver {
    fn default() -> Self {
        NewsResolver::new()
    }
}

impl NewsResolver {
    /// The resolver with the built-in aliases as its only known names. The
    /// names of a groups list or of user rules are added by
    /// [`crate::pipeline::PipelineBuilder::from_config`].
    pub fn new() -> NewsResolver {
        NewsResolver { known: Vec::new(), by_key: HashMap::new(), find_aliases: true }.with_known(aliases::builtin())
    }

    /// Adds known names (from a groups list or user rules); later ones win where keys collide.
    pub(crate) fn with_known(mut self, names: impl IntoIterator<Item = KnownName>) -> NewsResolver {
        for n in names {
            let i = self.known.len();
            for form in std::iter::once(&n.name).chain(&n.aliases) {
                self.by_key.insert(key(form), i);
            }
            self.known.push(n);
        }
        self
    }

    fn known_of(&self, item: &Item) -> Option<usize> {
        self.by_key.get(&item.key).copied()
    }

    /// The lower-cased words of the known name an item is, and of its aliases of several words.
    fn known_words(&self, item: &Item) -> Option<Vec<String>> {
        let k = &self.known[self.known_of(item)?];
        let forms = std::iter::once(&k.name).chain(k.aliases.iter().filter(|a| a.contains(' ')));
        Some(forms.flat_map(|f| f.split_whitespace().map(str::to_lowercase)).collect())
    }
}

impl Resolver for NewsResolver {
    fn resolve(&self, doc: &mut Document) {
        let mentions = std::mem::take(&mut doc.mentions);
        let (mut named, values): (Vec<Mention>, Vec<Mention>) = mentions.into_iter().partition(|m| m.label.is_name());
        merge::relabel(doc, &mut named);
        let mut items: Vec<Item> = named.into_iter().map(|m| item::prepare(doc, m)).collect();
        items.sort_by_key(Item::order);
        let mut clusters = self.cluster(&items);
        if self.find_aliases {
            aliases::add(doc, &values, &mut items, &mut clusters);
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
    /// Groups items into clusters (people, then everything else).
    fn cluster(&self, items: &[Item]) -> Vec<Cluster> {
        let mut clusters: Vec<Cluster> = Vec::new();
        let mut assigned: Vec<Option<usize>> = vec![None; items.len()];
        people::group(items, &mut clusters, &mut assigned);
        merge::group_by_key(items, |it| self.known_of(it), &mut clusters, &mut assigned);
        merge::merge_acronyms(items, |it| self.known_words(it), &mut clusters);
        // First words before head words: "Outboard" then has one holder, "Outboard Marine Corp".
        merge::merge_name_prefixes(items, &mut clusters);
        merge::merge_head_words(items, &mut clusters);
        clusters.retain(|c| !c.items.is_empty());
        for c in &mut clusters {
            c.items.sort_by_key(|&i| items[i].order());
        }
        clusters
    }

    /// Builds the entity of each cluster, with its first reading position (for ordering).
    fn entities(&self, doc: &Document, items: &[Item], clusters: &[Cluster]) -> Vec<(Entity, (Field, usize))> {
        let salience = Salience::new(doc, items, clusters);
        clusters
            .iter()
            .map(|c| {
                let members: Vec<&Item> = c.items.iter().map(|&i| &items[i]).collect();
                let known = members.iter().find_map(|it| self.known_of(it)).map(|k| &self.known[k]);
                let label = merge::cluster_label(&members);
                let name = canonical::canonical_name(doc, label, &members, known);
                let mut aliases: Vec<String> = Vec::new();
                for it in &members {
                    if it.form != name && !aliases.contains(&it.form) {
                        aliases.push(it.form.clone());
                    }
                }
                let first_body = salience.first_body(c);
                let entity = Entity {
                    id: entity_id(label, &name),
                    name,
                    label,
                    aliases,
                    mention_count: members.len(),
                    first_char: first_body.unwrap_or(0),
                    salience: salience.of(c, first_body),
                    roles: roles::distinct(members.iter().flat_map(|it| &it.roles)),
                    global_id: None,
                    link: None,
                };
                (entity, members[0].order())
            })
            .collect()
    }
}
