//! The resolver's working data: each name mention prepared for grouping (an
//! [`Item`]) and the groups of them being formed (a [`Cluster`]).
//!
//! Every step of the resolver (people, merging, aliases, the entity's name,
//! salience) reads these two shapes and nothing of the other steps, so they
//! live apart from all of them: a step can be read or changed alone.

use super::roles;
use crate::document::{Document, Field, Label, Mention};
use crate::entities::names::{self, key};

/// A name mention, prepared for grouping.
#[derive(Debug, Clone)]
pub(super) struct Item {
    pub(super) mention: Mention,
    /// The name as written, without possessive, leading lower-case "the", titles or honorifics.
    pub(super) form: String,
    pub(super) key: String,
    /// Name words (people).
    pub(super) words: Vec<String>,
    pub(super) roles: Vec<String>,
}

impl Item {
    /// Reading order: field, then position.
    pub(super) fn order(&self) -> (Field, usize) {
        (self.mention.field, self.mention.span.byte.start)
    }

    pub(super) fn is_full_name(&self) -> bool {
        self.words.len() >= 2
    }
}

/// Items (by index) that name one thing.
#[derive(Debug, Default)]
pub(super) struct Cluster {
    pub(super) items: Vec<usize>,
    pub(super) person: bool,
    /// A person's fullest name, in folded words.
    pub(super) full: Option<Vec<String>>,
}

/// Prepares a mention: its name form, key, words and (for people) roles.
pub(super) fn prepare(doc: &Document, mention: Mention) -> Item {
    let text = names::strip_possessive(mention.text.trim()).trim_end_matches(['\u{2019}', '\'']);
    let text = text.strip_prefix("the ").unwrap_or(text);
    let mut roles = Vec::new();
    let mut form = text.to_string();
    let mut words: Vec<String> = Vec::new();
    if mention.label == Label::Person {
        let raw: Vec<&str> = text.split_whitespace().collect();
        let (start, title) = roles::leading_title(&raw);
        roles.extend(title);
        form = raw[start..].join(" ");
        words = raw[start..].iter().filter(|w| !is_initial(w)).map(|w| names::fold(w)).collect();
        roles.extend(roles::around(doc, &mention));
    }
    Item { key: key(&form), form, words, roles, mention }
}

fn is_initial(w: &str) -> bool {
    let letters: Vec<char> = w.chars().filter(|c| *c != '.').collect();
    w.ends_with('.') && letters.len() == 1 && letters[0].is_uppercase()
}
