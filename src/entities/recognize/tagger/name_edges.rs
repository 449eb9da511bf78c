//! Where a name starts and ends: rules run after the others of [`super::article`], for the words at a name's
//! edges that CoNLL's convention and the tagger disagree on (docs/entities.md lists their figures).

use super::decode::TaggedSpan;
use crate::document::Label;
use crate::lexicon::{MONTHS, MONTH_ABBREVIATIONS};

/// Titles of rank that CoNLL leaves out of a person's name ("Queen [Beatrix]", "Cardinal [Wolsey]"). "Prince" and
/// "Pope" are not listed: CoNLL train has "Prince Charles" and "Pope John Paul" whole as often as not.
const TITLES: [&str; 12] =
    ["king", "queen", "princess", "cardinal", "sir", "sheikh", "archbishop", "bishop", "lord", "lady", "emperor", "dame"];

/// A person's span of two words or more that opens with a title of rank ([`TITLES`]) loses the title: "King
/// Hussein" is the person Hussein, as CoNLL and OntoNotes tag it, and the title is the person's role (the pipeline
/// reads it back as one).
pub(super) fn titles_off_names(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    for (spans, tokens) in found.iter_mut().zip(sentences) {
        for s in spans.iter_mut().filter(|s| s.label == Label::Person && s.tokens.len() >= 2) {
            let first = tokens[s.tokens.start];
            if first.chars().next().is_some_and(char::is_uppercase) && TITLES.iter().any(|t| first.eq_ignore_ascii_case(t)) {
                s.tokens.start += 1;
            }
        }
    }
}

/// Words that cannot be what a possessive owns, so that "'s" before them is part of a name: "Lloyd 's said",
/// "Lloyd 's of London", "a bid for Boatmen 's .". Not a determiner: "Three 's a Crowd" is "Three is".
const NOT_OWNED: [&str; 14] = [",", ".", ";", ":", "of", "to", "was", "is", "has", "had", "said", "says", "will", "would"];

fn is_apostrophe_s(w: &str) -> bool {
    matches!(w, "'s" | "’s" | "'S" | "’S")
}

/// A one-word name whose "'s" belongs to it: Lloyd's, Boatmen's, Sainsbury's. When a one-word organisation or
/// person is followed by "'s" wherever its word occurs in the article, and at least once by a word that nothing
/// can own ([`NOT_OWNED`]: a verb, "of", "to", a punctuation mark), every "X 's" of the article
/// becomes one organisation, the tokens split as CoNLL splits them. Left alone: a word also written without "'s"
/// ("Lecce 's 3-0 win" beside "Lecce"), a person's surname of the article ("Bill O'Reilly 's show"), an acronym,
/// whose "'s" is as often a plural ("The ADS 's will be valued"), and a name in a longer span of its own.
pub(super) fn possessive_names(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    let mut names: Vec<&str> = Vec::new();
    for (spans, tokens) in found.iter().zip(sentences) {
        for s in spans.iter().filter(|s| s.tokens.len() == 1 && matches!(s.label, Label::Organization | Label::Person)) {
            if tokens.get(s.tokens.end).is_some_and(|w| is_apostrophe_s(w)) && !names.contains(&tokens[s.tokens.start]) {
                names.push(tokens[s.tokens.start]);
            }
        }
    }
    if names.is_empty() {
        return;
    }
    let surnames: Vec<&str> = found
        .iter()
        .zip(sentences)
        .flat_map(|(spans, tokens)| spans.iter().filter(|s| s.label == Label::Person && s.tokens.len() >= 2).map(|s| tokens[s.tokens.end - 1]))
        .collect();
    names.retain(|name| {
        if surnames.contains(name) || !name.chars().any(char::is_lowercase) {
            return false;
        }
        let mut owned_nothing = false;
        for tokens in sentences {
            for (i, _) in tokens.iter().enumerate().filter(|(_, w)| **w == *name) {
                if !tokens.get(i + 1).is_some_and(|w| is_apostrophe_s(w)) {
                    return false;
                }
                owned_nothing |= tokens.get(i + 2).is_none_or(|w| NOT_OWNED.iter().any(|n| n.eq_ignore_ascii_case(w)));
            }
        }
        owned_nothing
    });
    if names.is_empty() {
        return;
    }
    for (spans, tokens) in found.iter_mut().zip(sentences) {
        for i in 0..tokens.len().saturating_sub(1) {
            if !names.contains(&tokens[i]) || !is_apostrophe_s(tokens[i + 1]) {
                continue;
            }
            let name = i..i + 2;
            // A longer span that holds the name and more ("Association of Lloyd 's") is the tagger's to keep, and an
            // organisation's that ends at the name ("Association of Lloyd") takes the "'s" in.
            // So is a span that the "'s" opens.
            if spans.iter().any(|s| s.tokens.start <= i && s.tokens.end >= i + 2 || s.tokens.start == i + 1) {
                continue;
            }
            if let Some(s) = spans.iter_mut().find(|s| s.tokens.start < i && s.tokens.end == i + 1 && s.label != Label::Person) {
                s.tokens.end = i + 2;
                continue;
            }
            let confidence = spans.iter().filter(|s| s.tokens.start < name.end && name.start < s.tokens.end).map(|s| s.confidence).fold(0.5f32, f32::max);
            spans.retain(|s| s.tokens.end <= name.start || s.tokens.start >= name.end);
            let at = spans.partition_point(|s| s.tokens.start < name.start);
            spans.insert(at, TaggedSpan { tokens: name, label: Label::Organization, confidence });
        }
    }
}

/// A span with a parenthesis that is not closed or opened within it is mended:
/// - a closing one that ends the span is left out: "MSD (Office of Mobile Security Deployment)" is two names;
/// - a closing one inside the span, whose opening one is the word before the span, takes that word in, and for a
///   person the person's span that ends right before it: the tagger's "James Leander" and "Leo ) Nichols" are
///   "James Leander ( Leo ) Nichols", and "Tom ) Seaver" is "( Tom ) Seaver", as CoNLL tags a nickname in brackets;
/// - an opening one that is not closed in the span splits it: "Hizbollah ( Party of God" is two names.
pub(super) fn balanced_parentheses(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    for (spans, tokens) in found.iter_mut().zip(sentences) {
        if !spans.iter().any(|s| tokens[s.tokens.clone()].iter().any(|w| *w == "(" || *w == ")")) {
            continue;
        }
        let mut out: Vec<TaggedSpan> = Vec::with_capacity(spans.len() + 1);
        for mut s in spans.drain(..) {
            let words = &tokens[s.tokens.clone()];
            let close = words.iter().position(|w| *w == ")").filter(|&c| !words[..c].contains(&"("));
            let open = words.iter().rposition(|w| *w == "(").filter(|&o| !words[o..].contains(&")"));
            if close.is_some_and(|c| c + 1 == words.len()) {
                s.tokens.end -= 1;
                if !s.tokens.is_empty() {
                    out.push(s);
                }
            } else if close.is_some() && s.tokens.start > 0 && tokens[s.tokens.start - 1] == "(" {
                s.tokens.start -= 1;
                let joins = out.last().is_some_and(|b| b.tokens.end == s.tokens.start && b.label == Label::Person && s.label == Label::Person);
                if let Some(before) = if joins { out.pop() } else { None } {
                    s.tokens.start = before.tokens.start;
                    s.confidence = s.confidence.min(before.confidence);
                }
                out.push(s);
            } else if let Some(o) = open {
                let at = s.tokens.start + o;
                out.extend([s.tokens.start..at, at + 1..s.tokens.end].into_iter().filter(|r| !r.is_empty()).map(|tokens| TaggedSpan { tokens, ..s }));
            } else {
                out.push(s);
            }
        }
        *spans = out;
    }
}

/// A month and a day after a name are a date, not the name's last word: "Emnid Aug 25" in a table of polls is the
/// institute Emnid. A span of two words or more that ends in a month (a name or abbreviation of
/// [`crate::lexicon`] as written, with or without a full stop) followed by a day of the month loses the month
/// ("Fiona May (" keeps hers).
pub(super) fn months_off_names(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    let is_day = |w: &str| {
        let w = w.trim_end_matches([',', '.']);
        let digits = ["st", "nd", "rd", "th"].iter().find_map(|x| w.strip_suffix(x)).unwrap_or(w);
        digits.len() <= 2 && digits.parse::<u8>().is_ok_and(|d| (1..=31).contains(&d))
    };
    for (spans, tokens) in found.iter_mut().zip(sentences) {
        for s in spans.iter_mut().filter(|s| s.tokens.len() >= 2) {
            let last = tokens[s.tokens.end - 1].trim_end_matches('.');
            if (MONTHS.contains(&last) || MONTH_ABBREVIATIONS.contains(&last)) && tokens.get(s.tokens.end).is_some_and(|w| is_day(w)) {
                s.tokens.end -= 1;
            }
        }
    }
}

/// The last words of newspapers' names, whose "The" CoNLL keeps in the name ("The Times", "The Washington Post").
const NEWSPAPERS: [&str; 19] = [
    "Times", "Post", "Journal", "Telegraph", "Guardian", "Independent", "Economist", "Observer", "Statesman", "Herald",
    "Tribune", "Globe", "Mail", "Mirror", "Express", "Chronicle", "Standard", "Gazette", "Sun",
];

/// A capitalised "The" right before an organisation named like a newspaper ([`NEWSPAPERS`]) is the paper's own
/// word: "The New York Times", which CoNLL train tags whole each of the 9 times it writes a newspaper so.
pub(super) fn the_of_newspapers(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    for (spans, tokens) in found.iter_mut().zip(sentences) {
        for i in 0..spans.len() {
            let s = &spans[i];
            let free_before = i == 0 || spans[i - 1].tokens.end < s.tokens.start;
            if s.label == Label::Organization
                && free_before
                && s.tokens.start > 0
                && tokens[s.tokens.start - 1] == "The"
                && NEWSPAPERS.contains(&tokens[s.tokens.end - 1])
            {
                spans[i].tokens.start -= 1;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(tokens: std::ops::Range<usize>, label: Label) -> TaggedSpan {
        TaggedSpan { tokens, label, confidence: 0.9 }
    }

    fn words(found: &[Vec<TaggedSpan>], sentences: &[&[&str]]) -> Vec<Vec<(String, Label)>> {
        found.iter().zip(sentences).map(|(spans, t)| spans.iter().map(|s| (t[s.tokens.clone()].join(" "), s.label)).collect()).collect()
    }

    #[test]
    fn a_title_of_rank_is_not_part_of_the_name() {
        let (a, b, c) = (["Queen", "Beatrix", "arrived"], ["KING", "HUSSEIN", "SPEAKS"], ["Prince", "Charles", "left"]);
        let sentences: Vec<&[&str]> = vec![&a, &b, &c];
        let mut found = vec![vec![span(0..2, Label::Person)], vec![span(0..2, Label::Person)], vec![span(0..2, Label::Person)]];
        titles_off_names(&sentences, &mut found);
        let got = words(&found, &sentences);
        assert_eq!(got[0], [("Beatrix".to_string(), Label::Person)]);
        assert_eq!(got[1], [("HUSSEIN".to_string(), Label::Person)]);
        assert_eq!(got[2], [("Prince Charles".to_string(), Label::Person)], "Prince is not listed");
        // A one-word span is left alone, and so is a title that is not a person's span's first word.
        let d = ["King", "said"];
        let sentences: Vec<&[&str]> = vec![&d];
        let mut found = vec![vec![span(0..1, Label::Person)]];
        titles_off_names(&sentences, &mut found);
        assert_eq!(found[0][0].tokens, 0..1);
    }

    #[test]
    fn a_name_whose_apostrophe_s_owns_nothing_keeps_it() {
        let (a, b, c) = (
            ["A", "court", "gave", "Lloyd", "'s", "a", "reprieve"],
            ["Lloyd", "'s", "chairman", "spoke"],
            ["Lloyd", "'s", "said", "it", "would", "appeal", "."],
        );
        let sentences: Vec<&[&str]> = vec![&a, &b, &c];
        let mut found = vec![vec![span(3..4, Label::Person)], vec![span(0..1, Label::Person)], vec![span(0..2, Label::Organization)]];
        possessive_names(&sentences, &mut found);
        let got = words(&found, &sentences);
        for g in &got {
            assert_eq!(g, &[("Lloyd 's".to_string(), Label::Organization)]);
        }
    }

    #[test]
    fn a_possessive_is_left_alone_when_the_name_stands_alone_or_owns_something() {
        // Every "'s" owns a noun: nothing says the name includes it.
        let (a, b) = (["Lecce", "'s", "3-0", "win"], ["Lecce", "'s", "coach", "left"]);
        let sentences: Vec<&[&str]> = vec![&a, &b];
        let mut found = vec![vec![span(0..1, Label::Organization)], vec![span(0..1, Label::Organization)]];
        possessive_names(&sentences, &mut found);
        assert_eq!(found[0][0].tokens, 0..1);
        // The name is also written without "'s".
        let (a, b) = (["Mobil", "'s", "said", "no"], ["Mobil", "said", "no"]);
        let sentences: Vec<&[&str]> = vec![&a, &b];
        let mut found = vec![vec![span(0..1, Label::Organization)], vec![span(0..1, Label::Organization)]];
        possessive_names(&sentences, &mut found);
        assert_eq!(found[0][0].tokens, 0..1);
    }

    #[test]
    fn acronyms_surnames_and_contractions_keep_their_apostrophe_s_apart() {
        let (a, b) = (["The", "ADS", "'s", "will", "be", "valued"], ["ADS", "'s", "rose"]);
        let sentences: Vec<&[&str]> = vec![&a, &b];
        let mut found = vec![vec![span(1..2, Label::Organization)], vec![span(0..1, Label::Organization)]];
        possessive_names(&sentences, &mut found);
        assert_eq!(found[0][0].tokens, 1..2, "an acronym's 's is as often a plural");
        let (a, b) = (["Bill", "O'Reilly", "'s", "show"], ["O'Reilly", "'s", ",", "he", "said"]);
        let sentences: Vec<&[&str]> = vec![&a, &b];
        let mut found = vec![vec![span(0..2, Label::Person)], vec![span(0..1, Label::Organization)]];
        possessive_names(&sentences, &mut found);
        assert_eq!((found[0][0].tokens.clone(), found[1][0].tokens.clone()), (0..2, 0..1), "a person's surname");
        let a = ["Three", "'s", "a", "Crowd"];
        let sentences: Vec<&[&str]> = vec![&a];
        let mut found = vec![vec![span(0..1, Label::Organization)]];
        possessive_names(&sentences, &mut found);
        assert_eq!(found[0][0].tokens, 0..1, "'s before a determiner is \"is\"");
    }

    #[test]
    fn parentheses_in_a_name_are_balanced() {
        let a = ["after", "James", "Leander", "(", "Leo", ")", "Nichols", "died"];
        let b = ["MSD", "(", "Office", "of", "Mobile", "Security", ")", "there"];
        let c = ["Hizbollah", "(", "Party", "of", "God", ")", "gunmen"];
        let d = ["saw", "(", "Tom", ")", "Seaver", "pitch"];
        let sentences: Vec<&[&str]> = vec![&a, &b, &c, &d];
        let mut found = vec![
            vec![span(1..3, Label::Person), span(4..7, Label::Person)],
            vec![span(0..1, Label::Organization), span(2..7, Label::Organization)],
            vec![span(0..5, Label::Organization)],
            vec![span(2..5, Label::Person)],
        ];
        balanced_parentheses(&sentences, &mut found);
        let got = words(&found, &sentences);
        assert_eq!(got[0], [("James Leander ( Leo ) Nichols".to_string(), Label::Person)]);
        assert_eq!(got[1], [("MSD".to_string(), Label::Organization), ("Office of Mobile Security".to_string(), Label::Organization)]);
        assert_eq!(got[2], [("Hizbollah".to_string(), Label::Organization), ("Party of God".to_string(), Label::Organization)]);
        assert_eq!(got[3], [("( Tom ) Seaver".to_string(), Label::Person)]);
    }

    #[test]
    fn a_month_and_a_day_after_a_name_are_a_date() {
        let (a, b) = (["Emnid", "Aug", "25", "41.0"], ["Fiona", "May", "(", "Italy", ")"]);
        let sentences: Vec<&[&str]> = vec![&a, &b];
        let mut found = vec![vec![span(0..2, Label::Organization)], vec![span(0..2, Label::Person)]];
        months_off_names(&sentences, &mut found);
        assert_eq!((found[0][0].tokens.clone(), found[1][0].tokens.clone()), (0..1, 0..2));
    }

    #[test]
    fn a_newspaper_keeps_its_the() {
        let (a, b) = (["The", "New", "York", "Times", "said"], ["The", "Times", "Square", "crowd"]);
        let sentences: Vec<&[&str]> = vec![&a, &b];
        let mut found = vec![vec![span(1..4, Label::Organization)], vec![span(1..3, Label::Location)]];
        the_of_newspapers(&sentences, &mut found);
        assert_eq!((found[0][0].tokens.clone(), found[1][0].tokens.clone()), (0..4, 1..3));
    }

    proptest::proptest! {
        /// Whatever the tagger found, the rules leave spans in order, apart and inside their sentence.
        #[test]
        fn the_rules_keep_spans_ordered_apart_and_in_bounds(
            sentences in proptest::collection::vec(proptest::collection::vec((0usize..14, 0usize..6), 0..14), 1..4),
        ) {
            const WORDS: [&str; 14] = ["Lloyd", "'s", "(", ")", "Queen", "Aug", "25", "The", "Times", "said", "of", ",", "Leo", "."];
            let texts: Vec<Vec<&str>> = sentences.iter().map(|s| s.iter().map(|&(w, _)| WORDS[w]).collect()).collect();
            let slices: Vec<&[&str]> = texts.iter().map(Vec::as_slice).collect();
            let mut found = super::super::article::spans_from_runs(&sentences);
            titles_off_names(&slices, &mut found);
            possessive_names(&slices, &mut found);
            balanced_parentheses(&slices, &mut found);
            months_off_names(&slices, &mut found);
            the_of_newspapers(&slices, &mut found);
            if let Some(bad) = super::super::article::misplaced_spans(&slices, &found) {
                proptest::prop_assert!(false, "{bad}");
            }
        }
    }
}
