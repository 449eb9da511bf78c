//! People: which person mentions name the same person.
//!
//! Full names (two words or more, titles such as "Prime Minister" and
//! honorifics such as "Mr." set aside) are grouped when they agree on the
//! first and last word ("Mark Carney", "Mark J. Carney") or one ends the
//! other ("de Gaulle"). A one-word mention goes to the full name whose last
//! word it is ("Carney" → "Mark Carney"), or else whose first word it is, if
//! only one person has it. When several people share the surname ("John
//! Smith", "Jane Smith"), a bare "Smith" goes to the one named in full most
//! recently before it, as news style does; before any full name (in the
//! headline, say) it goes to the one named in full most often. Different full
//! names never merge.
//!
//! People are grouped before anything else, so that the key-based merging of
//! other names never joins two people who merely share a word.

use super::item::{Cluster, Item};
use crate::document::Label;
use crate::entities::names;

/// Groups the person mentions into clusters: full names first, longest first so that shorter forms find
/// them, then one-word names in reading order. `assigned` records each grouped item's cluster.
pub(super) fn group(items: &[Item], clusters: &mut Vec<Cluster>, assigned: &mut [Option<usize>]) {
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
    for i in 0..items.len() {
        if items[i].mention.label != Label::Person || assigned[i].is_some() {
            continue;
        }
        let ci = person_for_one_word(items, clusters, assigned, i).unwrap_or_else(|| {
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

/// The person a one-word mention refers to, if any is named in full.
fn person_for_one_word(items: &[Item], clusters: &[Cluster], assigned: &[Option<usize>], i: usize) -> Option<usize> {
    let word = items[i].words.first()?;
    let holders = |pick: fn(&[String]) -> Option<&String>| -> Vec<usize> {
        (0..clusters.len()).filter(|&c| clusters[c].full.as_deref().and_then(pick).is_some_and(|w| w == word)).collect()
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

#[cfg(test)]
mod tests {
    use super::super::fixtures::{assert_apart, assert_same, doc, resolver, SameCase, Spec};
    use super::super::NewsResolver;
    use crate::document::Field::{Body as B, Title as T};
    use crate::document::Label::Person as PER;
    use crate::entities::Resolver;

    #[test]
    fn one_person_named_several_ways_is_one_entity() {
        assert_same(&[
            SameCase {
                name: "surname to full name, headline first",
                title: "Carney in Paris",
                body: "Prime Minister Mark Carney met allies. Carney spoke.",
                mentions: &[(T, "Carney", PER), (B, "Mark Carney", PER), (B, "Carney", PER)],
                same: &[
                    ((T, "Carney"), (B, "Mark Carney"), "Mark Carney"),
                    ((B, "Carney"), (B, "Mark Carney"), "Mark Carney"),
                ],
            },
            SameCase {
                name: "title inside the mention",
                title: "",
                body: "President Emmanuel Macron spoke. Macron left.",
                mentions: &[(B, "President Emmanuel Macron", PER), (B, "Macron", PER)],
                same: &[((B, "Macron"), (B, "President Emmanuel Macron"), "Emmanuel Macron")],
            },
            SameCase {
                name: "middle initial",
                title: "",
                body: "Mark J. Carney spoke. Mark Carney left.",
                mentions: &[(B, "Mark J. Carney", PER), (B, "Mark Carney", PER)],
                same: &[((B, "Mark Carney"), (B, "Mark J. Carney"), "Mark J. Carney")],
            },
        ]);
    }

    #[test]
    fn different_people_stay_apart() {
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
        ];
        assert_apart(cases);
    }

    #[test]
    fn a_bare_surname_goes_to_the_latest_full_name() {
        let body = "John Smith spoke first. Smith left. Then Jane Smith arrived. Smith sat down.";
        let mut d = doc(
            "Smith wins",
            body,
            &[(T, "Smith", PER), (B, "John Smith", PER), (B, "Smith", PER), (B, "Jane Smith", PER), (B, "Smith", PER)],
        );
        NewsResolver { find_aliases: false, ..resolver() }.resolve(&mut d);
        let smiths: Vec<&str> = d
            .mentions
            .iter()
            .filter(|m| m.text == "Smith")
            .map(|m| d.entities[m.entity.unwrap()].name.as_str())
            .collect();
        // The headline precedes every full name: it goes to the one named in full most often (a tie: the first).
        assert_eq!(smiths, ["John Smith", "John Smith", "Jane Smith"], "headline, then after John, then after Jane");
    }
}
