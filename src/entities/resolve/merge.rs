//! Everything that is not a person: grouping by key and known names, then
//! acronyms and head words; and the labels of the mentions and entities.
//!
//! Names are grouped by [`names::key`] (case, dots, a possessive and a
//! leading "the" do not matter: THE CANADIAN PRESS = The Canadian Press,
//! "U.S." = "US"), across the labels of the tagger (a place tagged LOCATION
//! here and ORGANIZATION there is one entity), and through known names: the
//! built-in aliases ("U.S." = "United States"), the groups list and the
//! user's rules. An acronym joins the one entity whose initials it spells
//! ("NATO" with "North Atlantic Treaty Organization"), when both appear, and
//! an organisation named by one word joins the one organisation whose longer
//! name holds it ("the Bank" with "Bank of England"), and one named by two
//! words or more the one organisation whose longer name starts with them
//! ("Outboard Marine" with "Outboard Marine Corp").
//!
//! **Labels from metadata and facilities.** A mention that names the
//! article's agency (byline, dateline, credits) is an ORGANIZATION, one that
//! names a byline author a PERSON, whatever the tagger said. Facilities named
//! after people ("Charles de Gaulle Airport") are places: a PERSON mention
//! whose last word is a facility noun becomes a LOCATION. Both happen before
//! clustering, and every mention then takes its entity's label: a rule's,
//! else a list's, else the most frequent.

use std::collections::HashMap;

use super::item::{Cluster, Item};
use crate::document::{Document, Label, Mention, Origin};
use crate::entities::names::{self, key};

/// Corrects the tagger's labels where the page's metadata says what a name is, and makes facilities
/// named after people places.
pub(super) fn relabel(doc: &Document, named: &mut [Mention]) {
    // What the page's metadata says a name is beats the tagger's guess: the agency of the byline or
    // dateline ("WASHINGTON (Reuters) -") is an organisation, a byline author a person.
    let agency = doc.meta.agency.as_deref().map(key);
    let authors: Vec<String> = doc.meta.authors.iter().map(|a| key(a)).collect();
    for m in named {
        let k = key(&m.text);
        if agency.as_deref() == Some(k.as_str()) {
            m.label = Label::Organization;
        } else if authors.contains(&k) {
            m.label = Label::Person;
        } else if m.label == Label::Person && is_facility_name(&m.text) {
            m.label = Label::Location;
        }
    }
}

/// Groups the items not yet assigned (everything but people) by key, or by the known name that `known`
/// finds for them, across labels.
pub(super) fn group_by_key(
    items: &[Item],
    known: impl Fn(&Item) -> Option<usize>,
    clusters: &mut Vec<Cluster>,
    assigned: &mut [Option<usize>],
) {
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for i in 0..items.len() {
        if assigned[i].is_some() {
            continue;
        }
        let k = match known(&items[i]) {
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
}

/// Merges an entity written as an acronym into the one entity whose initials spell it. An acronym that a known
/// name defines keeps that meaning: it joins a name its initials spell only when half of that name's words or
/// more are words of the known name (`known_words` gives them, lower-cased: "Organisation of Petroleum
/// Exporting Countries" joins OPEC, "Unites States" the United States), so that "The University of Surrey"
/// beside "U.S." does not make the country a university. Initials with dots spell no firm's name with its legal
/// form ("R.I." is not Ramada Inc).
pub(super) fn merge_acronyms(items: &[Item], known_words: impl Fn(&Item) -> Option<Vec<String>>, clusters: &mut [Cluster]) {
    for a in 0..clusters.len() {
        if clusters[a].person || clusters[a].items.is_empty() {
            continue;
        }
        let Some(item) = clusters[a].items.iter().map(|&i| &items[i]).find(|it| names::is_acronym(&it.form)) else {
            continue;
        };
        let acronym = key(&item.form);
        let meaning = known_words(item);
        let fits = |form: &str| {
            meaning.as_ref().is_none_or(|known| {
                let words: Vec<String> =
                    form.split_whitespace().filter(|w| !names::is_function_word(w)).map(str::to_lowercase).collect();
                2 * words.iter().filter(|w| known.contains(w)).count() >= words.len()
            })
        };
        let spelled: Vec<usize> = (0..clusters.len())
            .filter(|&b| b != a && !clusters[b].person && !clusters[b].items.is_empty())
            .filter(|&b| {
                clusters[b].items.iter().any(|&i| {
                    let form = &items[i].form;
                    names::initials(form).is_some_and(|x| x == acronym)
                        && fits(form)
                        && !names::dotted_initials_of_a_firm(&item.form, form)
                })
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
pub(super) fn merge_head_words(items: &[Item], clusters: &mut [Cluster]) {
    let word = |c: &Cluster| {
        let word = &items[c.items[0]].key;
        let one_word = c.items.iter().all(|&i| items[i].key == *word);
        (one_word && !word.contains(' ') && !names::is_acronym(&items[c.items[0]].form)).then(|| word.clone())
    };
    let holds = |k: &str, word: &str| k.contains(' ') && k.split(' ').any(|w| names::strip_possessive(w) == word);
    merge_into_holder(items, clusters, word, holds);
}

/// Merges an organisation named by two words or more into the one organisation of the article whose longer
/// name starts with those words: a wire story names a company in full once and shortly after that
/// ("Outboard Marine" is "Outboard Marine Corp", "Krispy Kreme" is "Krispy Kreme Doughnuts", "Kohlberg Kravis"
/// is "Kohlberg Kravis Roberts and Co"). With two such organisations ("Ford Motor" before "Ford Motor Co" and
/// "Ford Motor Credit Co") the short name stays its own entity.
pub(super) fn merge_name_prefixes(items: &[Item], clusters: &mut [Cluster]) {
    // The cluster's name of several words; one-word forms beside it (an acronym, "OM") do not matter.
    let first_words = |c: &Cluster| {
        let mut long = c.items.iter().map(|&i| &items[i].key).filter(|k| k.contains(' '));
        let short = long.next()?;
        long.all(|k| k == short).then(|| short.clone())
    };
    let starts = |k: &str, short: &str| k.len() > short.len() && k.starts_with(short) && k.as_bytes()[short.len()] == b' ';
    merge_into_holder(items, clusters, first_words, starts);
}

/// Moves each organisation whose `name` the rule reads into the one other organisation with a key that
/// `holds` that name; with two such organisations or none, it stays its own entity.
fn merge_into_holder(
    items: &[Item],
    clusters: &mut [Cluster],
    name: impl Fn(&Cluster) -> Option<String>,
    holds: impl Fn(&str, &str) -> bool,
) {
    let is_org = |c: &Cluster| !c.person && c.items.iter().all(|&i| items[i].mention.label == Label::Organization);
    for a in 0..clusters.len() {
        if clusters[a].items.is_empty() || !is_org(&clusters[a]) {
            continue;
        }
        let Some(name) = name(&clusters[a]) else { continue };
        let holders: Vec<usize> = (0..clusters.len())
            .filter(|&b| b != a && !clusters[b].items.is_empty() && is_org(&clusters[b]))
            .filter(|&b| clusters[b].items.iter().any(|&i| holds(&items[i].key, &name)))
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
        "airport"
            | "station"
            | "hospital"
            | "bridge"
            | "square"
            | "street"
            | "avenue"
            | "road"
            | "park"
            | "stadium"
            | "arena"
            | "centre"
            | "center"
            | "hall"
            | "palace"
            | "tower"
            | "terminal"
            | "harbour"
            | "harbor"
            | "port"
            | "tunnel"
            | "highway"
            | "boulevard"
            | "cathedral"
            | "church"
            | "mosque"
            | "museum"
    )
}

/// A rule's label wins, then a list's, then the most frequent (then the first).
pub(super) fn cluster_label(members: &[&Item]) -> Label {
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

#[cfg(test)]
mod tests {
    use super::super::fixtures::{assert_apart, assert_same, SameCase, Spec};
    use crate::document::Field::Body as B;
    use crate::document::Label::{Location as LOC, Organization as ORG, Person as PER};

    #[test]
    fn forms_of_one_name_resolve_to_one_entity() {
        assert_same(&[
            SameCase {
                name: "case variants",
                title: "",
                body: "THE CANADIAN PRESS reported. The Canadian Press said.",
                mentions: &[(B, "THE CANADIAN PRESS", ORG), (B, "The Canadian Press", ORG)],
                same: &[((B, "THE CANADIAN PRESS"), (B, "The Canadian Press"), "The Canadian Press")],
            },
            SameCase {
                name: "an organisation's head word",
                title: "",
                body: "The Bank of England cut rates. The Bank said so.",
                mentions: &[(B, "Bank of England", ORG), (B, "The Bank", ORG)],
                same: &[((B, "The Bank"), (B, "Bank of England"), "Bank of England")],
            },
            SameCase {
                name: "an organisation's first words",
                title: "",
                body: "Outboard Marine Corp said it would buy the unit. Outboard Marine said the price was fair.",
                mentions: &[(B, "Outboard Marine Corp", ORG), (B, "Outboard Marine", ORG)],
                same: &[((B, "Outboard Marine"), (B, "Outboard Marine Corp"), "Outboard Marine Corp")],
            },
            SameCase {
                name: "acronym and expansion",
                title: "",
                body: "The North Atlantic Treaty Organization met. NATO agreed.",
                mentions: &[(B, "North Atlantic Treaty Organization", ORG), (B, "NATO", ORG)],
                same: &[((B, "NATO"), (B, "North Atlantic Treaty Organization"), "NATO")],
            },
            SameCase {
                name: "a known acronym and a variant of its expansion",
                title: "",
                body: "The Europe Union met. The EU agreed.",
                mentions: &[(B, "Europe Union", ORG), (B, "EU", ORG)],
                same: &[((B, "EU"), (B, "Europe Union"), "European Union")],
            },
            SameCase {
                name: "possessive and label disagreement",
                title: "",
                body: "Ottawa’s push. Ottawa agreed.",
                mentions: &[(B, "Ottawa’s", LOC), (B, "Ottawa", ORG)],
                same: &[((B, "Ottawa’s"), (B, "Ottawa"), "Ottawa")],
            },
        ]);
    }

    #[test]
    fn different_things_stay_apart() {
        let cases: &[(&str, &str, &[Spec], (&str, &str))] = &[
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
                "initials with dots and a firm's name with its legal form",
                "Ramada Inc sold a hotel in Providence, R.I., on Monday.",
                &[(B, "Ramada Inc", LOC), (B, "R.I.", LOC)],
                ("R.I.", "Ramada Inc"),
            ),
            (
                "a known acronym and a name its initials spell",
                "The University of Surrey expert spoke. The U.S. agreed.",
                &[(B, "University of Surrey", LOC), (B, "U.S.", LOC)],
                ("U.S.", "University of Surrey"),
            ),
            (
                "a head word two organisations hold",
                "The World Bank and the Bank of England met. The Bank said.",
                &[(B, "World Bank", ORG), (B, "Bank of England", ORG), (B, "Bank", ORG)],
                ("Bank", "World Bank"),
            ),
            (
                "first words two organisations start with",
                "Ford Motor Co and Ford Motor Credit Co said so. Ford Motor agreed.",
                &[(B, "Ford Motor Co", ORG), (B, "Ford Motor Credit Co", ORG), (B, "Ford Motor", ORG)],
                ("Ford Motor", "Ford Motor Co"),
            ),
            (
                "airport named after a person",
                "Charles de Gaulle said. Charles de Gaulle Airport closed.",
                &[(B, "Charles de Gaulle", PER), (B, "Charles de Gaulle Airport", LOC)],
                ("Charles de Gaulle", "Charles de Gaulle Airport"),
            ),
        ];
        assert_apart(cases);
    }
}
