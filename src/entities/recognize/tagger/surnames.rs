//! A person's surname alone, after the full name: an article-level rule run after the others of
//! [`super::article`] (docs/entities.md lists its figures).

use super::decode::TaggedSpan;
use super::retype::is_dateline;
use crate::document::Label;

/// Words before a name that make it a place whoever else bears it ("In Houston , Bagwell homered").
const PLACE_WORDS: [&str; 9] = ["in", "near", "at", "from", "outside", "across", "into", "toward", "towards"];

/// A one-word name that is the last word of a person's full name in the same article is that person: "Washington"
/// after "MaliVai Washington", "Holland" after "Bob Holland", "Jordan" after "Neil Jordan", which a tagger trained
/// on wire copy reads as the places. Left alone: a word after a preposition of place ("in Houston"), a word
/// followed by a comma and a place ("Turner , Arkansas"), a dateline's place, a word that is also part of a
/// longer name of a firm or place in the article ("Taft" beside "Dudley Taft" and "Taft Broadcasting Co"), and
/// MISC (nationalities: a span that ends in "Irish" is more often the tagger's mistake than a surname).
pub(super) fn surnames_of_people(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    let mut surnames = Vec::new();
    for (spans, tokens) in found.iter().zip(sentences) {
        for s in spans.iter().filter(|s| s.label == Label::Person && s.tokens.len() >= 2) {
            let last = tokens[s.tokens.end - 1];
            if last.chars().count() >= 3 && last.chars().next().is_some_and(char::is_uppercase) {
                surnames.push(last.to_lowercase());
            }
        }
    }
    if surnames.is_empty() {
        return;
    }
    // A family name that also names a firm or a place of the article ("Dudley Taft" of "Taft Broadcasting Co")
    // may be either.
    let in_other_names: Vec<String> = found
        .iter()
        .zip(sentences)
        .flat_map(|(spans, tokens)| {
            spans.iter().filter(|s| s.label != Label::Person && s.tokens.len() >= 2).flat_map(|s| &tokens[s.tokens.clone()])
        })
        .map(|w| w.to_lowercase())
        .collect();
    surnames.retain(|w| !in_other_names.contains(w));
    if surnames.is_empty() {
        return;
    }
    for (spans, tokens) in found.iter_mut().zip(sentences) {
        for i in 0..spans.len() {
            let s = &spans[i];
            if s.tokens.len() != 1 || !matches!(s.label, Label::Location | Label::Organization) {
                continue;
            }
            let (at, word) = (s.tokens.start, tokens[s.tokens.start].to_lowercase());
            if !surnames.contains(&word) {
                continue;
            }
            let place_before = at > 0 && PLACE_WORDS.contains(&tokens[at - 1].to_lowercase().as_str());
            let place_after = tokens.get(at + 1) == Some(&",")
                && spans.get(i + 1).is_some_and(|n| n.tokens.start == at + 2 && n.label == Label::Location);
            if place_before || place_after || (at == 0 && is_dateline(&tokens[1..])) {
                continue;
            }
            spans[i].label = Label::Person;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(tokens: std::ops::Range<usize>, label: Label) -> TaggedSpan {
        TaggedSpan { tokens, label, confidence: 0.9 }
    }

    #[test]
    fn a_surname_alone_is_the_person_named_in_full() {
        let (full, alone, place, dateline) = (
            ["MaliVai", "Washington", "beat", "Chang"],
            ["said", "Washington", "."],
            ["in", "Washington", ",", "he", "said"],
            ["WASHINGTON", "1996-08-29"],
        );
        let sentences: Vec<&[&str]> = vec![&full, &alone, &place, &dateline];
        let mut found = vec![
            vec![span(0..2, Label::Person), span(3..4, Label::Person)],
            vec![span(1..2, Label::Location)],
            vec![span(1..2, Label::Location)],
            vec![span(0..1, Label::Location)],
        ];
        surnames_of_people(&sentences, &mut found);
        assert_eq!(found[1][0].label, Label::Person);
        assert_eq!(found[2][0].label, Label::Location, "after a preposition of place");
        assert_eq!(found[3][0].label, Label::Location, "a dateline");
        assert_eq!(found[0][1].label, Label::Person);
    }

    #[test]
    fn a_place_after_a_comma_keeps_a_town_a_town() {
        let (full, town) = (["Ike", "Turner", "sang"], ["near", "Turner", ",", "Arkansas"]);
        let sentences: Vec<&[&str]> = vec![&full, &town];
        let mut found = vec![vec![span(0..2, Label::Person)], vec![span(1..2, Label::Location), span(3..4, Label::Location)]];
        // "near" alone would keep it; without it, the comma and the state do.
        surnames_of_people(&sentences, &mut found);
        assert_eq!(found[1][0].label, Label::Location);
        let town = ["Turner", ",", "Arkansas", ",", "is", "small"];
        let sentences: Vec<&[&str]> = vec![&full, &town];
        let mut found = vec![vec![span(0..2, Label::Person)], vec![span(0..1, Label::Location), span(2..3, Label::Location)]];
        surnames_of_people(&sentences, &mut found);
        assert_eq!(found[1][0].label, Label::Location);
    }
}
