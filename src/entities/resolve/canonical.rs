//! What an entity is called and its stable id.
//!
//! **Canonical name**: a known name's canonical form; else a form printed in
//! the article's metadata (agency, authors), so the caption's credit "THE
//! CANADIAN PRESS" is named "The Canadian Press"; else the fullest form that
//! is not in capitals (most words, then most frequent, then first); a name
//! seen only in capitals is title-cased unless it is a short acronym: four
//! letters at most ("NATO", "OPEC"), or one with no vowel ("MSNBC"). A four-letter place with two vowels or
//! more (Y counts) is a word, not an acronym, since a place in capitals is
//! nearly always a dateline ("LYON, Oct 15 (Harbour Wire) -") and four-letter
//! places are common ("Lyon", "Oslo", "Iowa", "Gaza"); "USSR" and "DPRK" stay.
//!
//! **`entity_id`** = the lower-case hex of xxh3-64 over `LABEL`, the byte
//! 0x1F and the key of the canonical name: the same name and label give the
//! same id in every article and every run. It is public because analysts
//! and tests compute it to find an entity in the tables.

use super::item::Item;
use crate::document::{Document, Label};
use crate::entities::known::KnownName;
use crate::entities::names::{self, key};

/// The stable id of an entity: lower-case hex of xxh3-64 over the label, 0x1F and the name's key.
pub fn entity_id(label: Label, name: &str) -> String {
    let input = format!("{}\u{1f}{}", label.as_str(), key(name));
    format!("{:016x}", xxhash_rust::xxh3::xxh3_64(input.as_bytes()))
}

/// The canonical name (see the module documentation).
pub(super) fn canonical_name(doc: &Document, label: Label, members: &[&Item], known: Option<&KnownName>) -> String {
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
    let letters = best.chars().filter(|c| c.is_alphabetic()).count();
    let vowels = best.chars().filter(|c| "AEIOUY".contains(*c)).count();
    let place_word = label == Label::Location && letters == 4 && vowels >= 2;
    // An acronym without a vowel can be no word, however long ("MSNBC" is not "Msnbc").
    let unspeakable = names::is_acronym(&best) && vowels == 0;
    if names::is_all_caps(&best) && !unspeakable && (place_word || !(names::is_acronym(&best) && letters <= 4)) {
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

#[cfg(test)]
mod tests {
    use super::super::fixtures::{assert_same, SameCase};
    use super::*;
    use crate::document::Field::Body as B;
    use crate::document::Label::{Location as LOC, Person as PER};

    #[test]
    fn ids_are_stable() {
        assert_eq!(entity_id(PER, "Mark Carney"), entity_id(PER, "MARK CARNEY"));
        assert_ne!(entity_id(PER, "Jordan"), entity_id(LOC, "Jordan"));
        assert_eq!(entity_id(PER, "Mark Carney").len(), 16);
    }

    #[test]
    fn an_unknown_acronym_takes_the_expansions_name() {
        assert_same(&[SameCase {
            name: "unknown acronym takes the expansion's name",
            title: "",
            body: "The Greater Toronto Area froze. The GTA thawed.",
            mentions: &[(B, "Greater Toronto Area", LOC), (B, "GTA", LOC)],
            same: &[((B, "GTA"), (B, "Greater Toronto Area"), "Greater Toronto Area")],
        }]);
    }

    #[test]
    fn a_four_letter_place_word_in_capitals_is_title_cased_and_acronyms_are_not() {
        assert_same(&[SameCase {
            name: "dateline places in capitals",
            title: "",
            body: "LYON, Oct 15 - NATO envoys from the USSR met in LYON, MSNBC said.",
            mentions: &[
                (B, "LYON", LOC),
                (B, "NATO", crate::document::Label::Organization),
                (B, "USSR", LOC),
                (B, "LYON", LOC),
                (B, "MSNBC", crate::document::Label::Organization),
            ],
            same: &[
                ((B, "LYON"), (B, "LYON"), "Lyon"),
                ((B, "NATO"), (B, "NATO"), "NATO"),
                ((B, "USSR"), (B, "USSR"), "USSR"),
                ((B, "MSNBC"), (B, "MSNBC"), "MSNBC"),
            ],
        }]);
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
