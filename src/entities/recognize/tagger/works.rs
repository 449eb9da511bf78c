//! Names of things that CoNLL tags MISC and a tagger trained on wire copy reads as organisations, people or
//! places: titles of works after the noun for the work, and film, television and music awards. Two
//! article-level rules, run after the others of [`super::article`] (docs/entities.md lists their figures).

use super::article::{known_names, lower_eq};
use super::decode::TaggedSpan;
use crate::document::Label;
use crate::entities::names::is_work_noun;

/// A name right after a lower-case noun for a work ("the film Sideways", "his album Egypt", "the musical
/// Oliver!"; [`is_work_noun`]) is the work's title, MISC as CoNLL tags titles, and so is every span of the same
/// words in the article; the tagger, which saw few titles in wire copy, read them as organisations, people or
/// places.
pub(super) fn titles_of_works(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    // An acronym is a company's more often than a title ("a downloaded movie NEC is showing").
    let acronym = |tokens: &[&str], s: &TaggedSpan| s.tokens.len() == 1 && !tokens[s.tokens.start].chars().any(char::is_lowercase);
    let cued = |tokens: &[&str], s: &TaggedSpan| {
        s.label != Label::Misc && s.tokens.start > 0 && is_work_noun(tokens[s.tokens.start - 1]) && !acronym(tokens, s)
    };
    misc_wherever_one_is(sentences, found, cued);
}

/// The film, television and music awards named for a statuette ("an Oscar", "two Golden Globes", "Grammy
/// nominations") are MISC, as CoNLL tags prizes; the tagger read "Oscar" as a person's first name (77 BBC
/// mentions) and "Golden Globe" as an organisation. A span that is exactly such a name becomes MISC, with all
/// spans of the same words in the article, when one of them reads as the award: a determiner, a possessive or a
/// number before it, or an award's noun after it. A person called Oscar is written without them ("Oscar
/// scored") or with a surname ("Oscar Wilde", a longer span, left alone). "Bafta" is not listed: it names the
/// academy ("Bafta said") as often as its award.
pub(super) fn awards(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    const AWARDS: &[&[&str]] = &[
        &["Oscar"], &["Oscars"], &["Emmy"], &["Emmys"], &["Grammy"], &["Grammys"], &["Golden", "Globe"],
        &["Golden", "Globes"],
    ];
    const BEFORE: &[&str] = &[
        "a", "an", "the", "his", "her", "their", "its", "two", "three", "four", "five", "first", "second", "third",
        "best", "supporting",
    ];
    const AFTER: &[&str] = &[
        "nomination", "nominations", "nominee", "nominees", "nod", "nods", "winner", "winners", "win", "wins",
        "winning", "ceremony", "award", "awards", "race", "contender", "contenders", "glory", "success", "hopes",
        "hopeful", "hopefuls", "night", "statuette", "statuettes", "voters",
    ];
    let award = |tokens: &[&str], s: &TaggedSpan| AWARDS.contains(&&tokens[s.tokens.clone()]);
    let cued = |tokens: &[&str], s: &TaggedSpan| {
        award(tokens, s)
            && s.label != Label::Misc
            && (s.tokens.start.checked_sub(1).is_some_and(|i| BEFORE.iter().any(|w| lower_eq(tokens[i], w)))
                || tokens.get(s.tokens.end).is_some_and(|w| AFTER.contains(w)))
    };
    misc_wherever_one_is(sentences, found, cued);
}

/// Every span of the article whose words are those of a span that passes `cued` becomes MISC.
fn misc_wherever_one_is(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>], cued: impl Fn(&[&str], &TaggedSpan) -> bool) {
    let named = known_names(sentences, found, cued);
    if named.is_empty() {
        return;
    }
    for (tokens, spans) in sentences.iter().zip(found.iter_mut()) {
        for s in spans.iter_mut().filter(|s| named.contains_key(&tokens[s.tokens.clone()])) {
            s.label = Label::Misc;
        }
    }
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use super::*;

    #[test]
    fn a_title_after_a_noun_for_a_work_is_misc_in_the_whole_article() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        let (org, per, misc) = (Label::Organization, Label::Person, Label::Misc);
        let film: &[&str] = &["the", "film", "Sideways", "and", "Foxx", "in", "the", "biopic", "Ray"];
        let later: &[&str] = &["Sideways", "won", ",", "Ray", "Charles", "sang"];
        let phone: &[&str] = &["a", "downloaded", "movie", "NEC", "is", "showing"];
        let mut found = vec![
            vec![span(2..3, org), span(4..5, per), span(8..9, per)],
            vec![span(0..1, org), span(3..5, per)],
            vec![span(3..4, org)],
        ];
        titles_of_works(&[film, later, phone], &mut found);
        assert_eq!(
            found,
            vec![
                vec![span(2..3, misc), span(4..5, per), span(8..9, misc)],
                // The same words elsewhere are the title too; a longer name that holds them is not.
                vec![span(0..1, misc), span(3..5, per)],
                // An acronym after "movie" stays as tagged.
                vec![span(3..4, org)],
            ]
        );
    }

    #[test]
    fn an_award_read_as_the_award_is_misc_in_the_whole_article() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        let (org, per, misc) = (Label::Organization, Label::Person, Label::Misc);
        let won: &[&str] = &["Swank", "won", "an", "Oscar", "and", "two", "Golden", "Globes"];
        let later: &[&str] = &["Oscar", "voters", "agreed", ";", "Oscar", "Wilde", "did", "not"];
        let player: &[&str] = &["Oscar", "scored", "twice"];
        let mut found = vec![vec![span(0..1, per), span(3..4, per), span(6..8, org)], vec![span(0..1, per), span(4..6, per)]];
        awards(&[won, later], &mut found);
        assert_eq!(
            found,
            vec![vec![span(0..1, per), span(3..4, misc), span(6..8, misc)], vec![span(0..1, misc), span(4..6, per)]]
        );
        // A footballer called Oscar, with nothing of an award about him, stays a person.
        let mut found = vec![vec![span(0..1, per)]];
        awards(&[player], &mut found);
        assert_eq!(found, vec![vec![span(0..1, per)]]);
    }
}
