//! The article-level rules that run after tagging: what the tagger cannot see
//! from a window of a few words, read off the whole article.
//!
//! Each rule corrects one kind of slip the tagger makes with evidence elsewhere
//! in the same article (a name found alone, a word written in lower case, a
//! longer name); each was checked on CoNLL dev and on every span it changed in
//! the BBC and Reuters train dumps (docs/entities.md lists the figures and the
//! rules tried and dropped). They run in [`super::Tagger::tag_document`], in
//! the order of this file.

use std::collections::HashMap;

use super::decode::TaggedSpan;
use super::{forms, word_clusters};
use crate::document::Label;
use crate::entities::names::is_legal_form as legal_form;

/// The names the article's spans that pass `keep` give, as token runs, each with the label of its first span.
pub(super) fn known_names<'a>(
    sentences: &[&'a [&'a str]],
    found: &[Vec<TaggedSpan>],
    keep: impl Fn(&[&str], &TaggedSpan) -> bool,
) -> HashMap<&'a [&'a str], Label> {
    let mut known = HashMap::new();
    for (tokens, spans) in sentences.iter().zip(found) {
        for s in spans.iter().filter(|s| keep(tokens, s)) {
            known.entry(&tokens[s.tokens.clone()]).or_insert(s.label);
        }
    }
    known
}

/// Whether `word` is `lower` (a lower-case word) in any case.
pub(super) fn lower_eq(word: &str, lower: &str) -> bool {
    word.chars().flat_map(char::to_lowercase).eq(lower.chars())
}

/// Two names joined by "and" or "&" that the tagger took for one ("Hong Kong Land and Dairy Farm") are split when
/// the article names both sides alone elsewhere, one of them in two words or more; each side takes the label it
/// has there. One side is not enough: "Pacific Gas" alone does not make "Pacific Gas and Electric Co" two
/// companies, nor "Merrill Lynch" "Merrill Lynch and Co"; and "Bosnia and Herzegovina" stays one place.
pub(super) fn split_at_known_names(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    let joined = |tokens: &[&str], s: &TaggedSpan| s.tokens.clone().any(|i| matches!(tokens[i], "and" | "&"));
    let known = known_names(sentences, found, |tokens, s| !joined(tokens, s));
    if known.is_empty() {
        return;
    }
    for (tokens, spans) in sentences.iter().zip(found.iter_mut()) {
        if !spans.iter().any(|s| joined(tokens, s)) {
            continue;
        }
        let mut out = Vec::with_capacity(spans.len() + 1);
        for s in spans.drain(..) {
            let (start, end) = (s.tokens.start, s.tokens.end);
            let split = (start + 1..end - 1).filter(|&j| matches!(tokens[j], "and" | "&")).find_map(|j| {
                let (left, right) = (start..j, j + 1..end);
                let (l, r) = (known.get(&tokens[left.clone()])?, known.get(&tokens[right.clone()])?);
                (left.len() > 1 || right.len() > 1).then_some((left, *l, right, *r))
            });
            match split {
                Some((left, l, right, r)) => {
                    out.push(TaggedSpan { tokens: left, label: l, confidence: s.confidence });
                    out.push(TaggedSpan { tokens: right, label: r, confidence: s.confidence });
                }
                None => out.push(s),
            }
        }
        *spans = out;
    }
}

/// Partners' surnames that open a firm's name are the firm: "Hambrecht and Quist Inc", "Loewen, Ondaatje,
/// McCutcheon and Co Ltd", "Bodman, Longely & Dahling", where the tagger reads the surnames as people and the
/// rest as an organisation. The organisation must follow "and" or "&" and end in a legal form, or follow a
/// comma and hold "and" or "&" itself. Each partner is one word tagged as a person, or, before "and", a
/// capitalised word not tagged at all and not opening the sentence; a place or a company there is a second
/// party ("France and Juster Steel Corp"). When the organisation is a legal form alone ("James Capel and Co"),
/// the partner next to it may be two words. A chain after "and", a comma, a capitalised word or "of" after one
/// is left alone ("Donaldson, Lufkin and Jenrette and Pacific Asset Holdings", "President Reagan and ...",
/// "House of Fraser, Marks & Spencer"), and so is a chain with a person's last name of two words or more
/// elsewhere in the article ("Sumner Redstone": "Redstone and MCV Holdings Inc" are two parties).
pub(super) fn join_partners_into_firms(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    let is_conj = |t: &str| matches!(t, "and" | "&");
    let after_conj = |tokens: &[&str], s: &TaggedSpan| is_conj(tokens[s.tokens.start - 1]) && legal_form(tokens[s.tokens.end - 1]);
    // After a comma, the organisation is the firm's last partner and its legal form ("Peabody and Co Inc"), or
    // two words about "&" that the article never names alone: "Longely & Dahling" ends a firm's name, while
    // "Marks & Spencer" or "Merrill Lynch and Montgomery Securities" after a comma are more parties of a list.
    let mut names: HashMap<&[&str], usize> = HashMap::new();
    for (tokens, spans) in sentences.iter().zip(found.iter()) {
        for s in spans {
            *names.entry(&tokens[s.tokens.clone()]).or_default() += 1;
        }
    }
    let last_partner = |tokens: &[&str], s: &TaggedSpan| {
        let words = &tokens[s.tokens.clone()];
        words.len() >= 3
            && is_conj(words[1])
            && (words[2..].iter().all(|t| legal_form(t)) || (words.len() == 3 && names.get(words).is_some_and(|&n| n == 1)))
    };
    let candidate = |tokens: &[&str], s: &TaggedSpan| {
        s.label == Label::Organization
            && s.tokens.start >= 2
            && (after_conj(tokens, s) || (tokens[s.tokens.start - 1] == "," && last_partner(tokens, s)))
    };
    if !sentences.iter().zip(found.iter()).any(|(tokens, spans)| spans.iter().any(|s| candidate(tokens, s))) {
        return;
    }
    let mut people: Vec<&str> = Vec::new();
    for (tokens, spans) in sentences.iter().zip(found.iter()) {
        people.extend(spans.iter().filter(|s| s.label == Label::Person && s.tokens.len() > 1).map(|s| tokens[s.tokens.end - 1]));
    }
    // A word of letters ("Aa-2", a rating, is none).
    let capitalised = |t: &str| {
        t.chars().next().is_some_and(char::is_uppercase) && t.chars().any(char::is_lowercase) && !t.chars().any(|c| c.is_ascii_digit())
    };
    for (tokens, spans) in sentences.iter().zip(found.iter_mut()) {
        let mut k = 0;
        while k < spans.len() {
            if !candidate(tokens, &spans[k]) {
                k += 1;
                continue;
            }
            let org = spans[k].clone();
            let untagged_ok = after_conj(tokens, &org);
            let bare = tokens[org.tokens.clone()].iter().all(|t| legal_form(t));
            // `sep` is the comma or conjunction after the partner looked for; `first` the index of the chain's
            // first span; `start` its first token.
            let (mut sep, mut first, mut start) = (org.tokens.start - 1, k, org.tokens.start);
            let complete = loop {
                let before = first.checked_sub(1).map(|p| &spans[p]).filter(|p| p.tokens.end == sep);
                let two_words = bare && start == org.tokens.start;
                let from = match before {
                    Some(p) if p.label == Label::Person && (p.tokens.len() == 1 || (two_words && p.tokens.len() == 2)) => {
                        first -= 1;
                        p.tokens.start
                    }
                    // An untagged word, when no span reaches over it.
                    None if untagged_ok
                        && sep >= 2
                        && capitalised(tokens[sep - 1])
                        && first.checked_sub(1).is_none_or(|p| spans[p].tokens.end < sep) =>
                    {
                        sep - 1
                    }
                    _ => break false,
                };
                // A person's last name: "Redstone" of "Sumner Redstone" (a partner "James Capel" names himself).
                if !(two_words && sep - from == 2) && tokens[from..sep].iter().any(|t| people.contains(t)) {
                    break false;
                }
                start = from;
                match from.checked_sub(1).map(|i| tokens[i]) {
                    Some(",") if from >= 2 && capitalised(tokens[from - 2]) => sep = from - 1,
                    // "House of Fraser": the partner ends another name.
                    Some("of") if from >= 2 && capitalised(tokens[from - 2]) => break false,
                    Some(t) if is_conj(t) || capitalised(t) || t == "," => break false,
                    _ => break true,
                }
            };
            if !complete {
                k += 1;
                continue;
            }
            let joined = TaggedSpan { tokens: start..org.tokens.end, label: Label::Organization, confidence: org.confidence };
            spans.splice(first..=k, [joined]);
            k = first + 1;
        }
    }
}

/// A one-word entity that opens a sentence or headline is no name when the article writes the word in lower
/// case inside a sentence that has other capitals (so is not printed all in lower case), never with a capital
/// inside a sentence (not even "eBay"), and prose writes it in lower case at least 30% of the time, or is not
/// known to the casing prior: "Harbour market returns ..." over a body that says "the Saturday harbour market".
/// Each condition guards a case seen in the Reuters and BBC dumps: "Venezuela" and "Azpurua" in stories
/// printed in lower case, "White" the person where "white" is also a colour ("Mr White" keeps it), "US" where
/// "us" is a pronoun (words in capitals stay), and "Ebay" beside "eBay".
pub(super) fn drop_common_words_at_starts(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>], clusters: &word_clusters::Clusters) {
    let title_case = |w: &str| {
        let mut c = w.chars();
        c.next().is_some_and(char::is_uppercase) && c.any(char::is_lowercase) && !w.chars().skip(1).any(char::is_uppercase)
    };
    let opens = |tokens: &[&str], s: &TaggedSpan| s.tokens == (0..1) && title_case(tokens[0]);
    // The candidates (few, and most articles have none), lower-cased, with whether the article writes each in
    // lower case and with a capital inside a sentence.
    let mut candidates: Vec<(String, bool, bool)> = Vec::new();
    for (tokens, spans) in sentences.iter().zip(found.iter()) {
        let w = tokens.first().copied().unwrap_or_default();
        if spans.iter().any(|s| opens(tokens, s)) && clusters.casing(forms::lower_hash(w)).is_none_or(|c| c >= 2) {
            let l = w.to_lowercase();
            if !candidates.iter().any(|c| c.0 == l) {
                candidates.push((l, false, false));
            }
        }
    }
    if candidates.is_empty() {
        return;
    }
    let capital_inside = |tokens: &&&[&str]| tokens.iter().skip(1).any(|t| t.chars().next().is_some_and(char::is_uppercase));
    // Lower case counts only in sentences printed in mixed case: some wire stories are all in lower case.
    for t in sentences.iter().filter(capital_inside).flat_map(|tokens| tokens.iter().skip(1)) {
        for c in candidates.iter_mut().filter(|c| c.0.len() == t.len() && lower_eq(t, &c.0)) {
            // "eBay" is a capital too.
            let upper = t.chars().any(char::is_uppercase);
            (c.1, c.2) = (c.1 || !upper, c.2 || upper);
        }
    }
    let common = |w: &str| candidates.iter().any(|c| c.1 && !c.2 && lower_eq(w, &c.0));
    for (tokens, spans) in sentences.iter().zip(found.iter_mut()) {
        spans.retain(|s| !(opens(tokens, s) && common(tokens[0])));
    }
}

/// One name, one span in an article: an entity that the words just before it complete into a longer entity found
/// elsewhere in the same article takes them, and that entity's label ("Port Aldren council backs ..." in a
/// headline, where "Port" opening the line reads as an ordinary capital, is "Port Aldren" as in the body).
pub(super) fn extend_to_known_names(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    let known = known_names(sentences, found, |_, s| s.tokens.len() > 1);
    if known.is_empty() {
        return;
    }
    for (tokens, spans) in sentences.iter().zip(found.iter_mut()) {
        for i in 0..spans.len() {
            let floor = if i == 0 { 0 } else { spans[i - 1].tokens.end };
            let s = &mut spans[i];
            let longer = (1..=2).filter(|&k| s.tokens.start >= floor + k).find_map(|k| {
                let start = s.tokens.start - k;
                known.get(&tokens[start..s.tokens.end]).map(|&label| (start, label))
            });
            if let Some((start, label)) = longer {
                s.tokens.start = start;
                s.label = label;
            }
        }
    }
}

/// A name of two words or more that ends in an organisation's head ("Syracuse University", "Maxwell School",
/// "Tax Foundation", "Finance Ministry") is an organisation's, whatever the tagger read in its first words (a
/// city, a surname). CoNLL tags 347 of the 350 such names in its train and dev files as organisations.
pub(super) fn organisations_by_their_heads(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    const HEADS: &[&str] = &[
        "University", "College", "School", "Institute", "Foundation", "Association", "Corporation", "Inc", "Corp",
        "Ltd", "Plc", "PLC", "Ministry", "Commission", "Committee", "Agency", "Department",
    ];
    for (tokens, spans) in sentences.iter().zip(found.iter_mut()) {
        for s in spans.iter_mut().filter(|s| s.tokens.len() > 1 && s.label != Label::Organization) {
            if HEADS.contains(&tokens[s.tokens.end - 1].trim_end_matches('.')) {
                s.label = Label::Organization;
            }
        }
    }
}

/// A company named like a river or a region ("Amazon") is the company where the article writes it without
/// "the" or a direction before it and without a word of geography after it: the river and the rainforest are
/// "the Amazon", "the central and northern Amazon", "the Amazon basin", "Amazon rainforest"; the company is
/// "Amazon's shares", "bought on Amazon", "Amazon said". The tagger, whose gazetteer holds the region, read the
/// company as a place (55 of the 56 mentions without "the" in the BBC, PolNeAR and extraction dumps).
pub(super) fn companies_named_like_regions(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    const COMPANIES: &[&str] = &["Amazon"];
    const GEOGRAPHY: &[&str] = &[
        "basin", "rainforest", "rainforests", "forest", "jungle", "river", "region", "delta", "estuary", "valley",
        "state", "tribe", "tribes",
    ];
    const BEFORE_A_REGION: &[&str] = &["the", "northern", "southern", "eastern", "western", "central", "upper", "lower"];
    for (tokens, spans) in sentences.iter().zip(found.iter_mut()) {
        for s in spans.iter_mut().filter(|s| s.tokens.len() == 1 && COMPANIES.contains(&tokens[s.tokens.start])) {
            let region_before =
                s.tokens.start.checked_sub(1).is_some_and(|i| BEFORE_A_REGION.iter().any(|w| lower_eq(tokens[i], w)));
            let geography = tokens.get(s.tokens.end).is_some_and(|w| GEOGRAPHY.iter().any(|g| lower_eq(w, g)));
            if !region_before && !geography {
                s.label = Label::Organization;
            }
        }
    }
}

/// A person's name without the courtesy title before it, as CoNLL tags it ("Mr" O, "Blair" PER). British
/// papers write the title without a period ("Mr Blair"), which CoNLL's text almost never does, so the tagger
/// would otherwise take it into the name, and "Mr Blair" and "Tony Blair" would not read as one person.
///
/// "Mr." or "Mrs." opening a name, or tagged alone just before it, makes it a person's, whatever the tagger called
/// it, and is never a name itself. A title the tagger took for a name of its own before a person ("Sen." or "Mr."
/// as MISC, then "Marco Rubio") is dropped, and so is a party-and-state tag ("R-Fla", "D-Calif" in "Marco Rubio
/// (R-Fla.)"), which US papers put after a legislator's name and the tagger reads as a person.
pub(super) fn without_titles_and_tags(tokens: &[&str], mut spans: Vec<TaggedSpan>) -> Vec<TaggedSpan> {
    let courtesy = |t: &str| matches!(t.trim_end_matches('.'), "Mr" | "Mrs" | "Ms" | "Dr" | "Mme" | "Prof");
    let mister = |t: &str| matches!(t.trim_end_matches('.'), "Mr" | "Mrs" | "Ms" | "Mme");
    for s in &mut spans {
        // "Mr. Obama" is a person whatever the tagger called it ("Dr Pepper Group" need not be, nor "Mr. Steak Inc").
        if s.tokens.len() > 1 && mister(tokens[s.tokens.start]) && !legal_form(tokens[s.tokens.end - 1]) {
            s.label = Label::Person;
        }
        if s.label == Label::Person && s.tokens.len() > 1 && courtesy(tokens[s.tokens.start]) {
            s.tokens.start += 1;
        }
    }
    // A name right after "Mr." tagged alone is a person's.
    for i in 1..spans.len() {
        let (before, s) = (&spans[i - 1], &spans[i]);
        if before.tokens.len() == 1 && before.tokens.end == s.tokens.start && mister(tokens[before.tokens.start]) {
            spans[i].label = Label::Person;
        }
    }
    let title = |t: &str| courtesy(t) || matches!(t.trim_end_matches('.'), "Sen" | "Sens" | "Rep" | "Reps" | "Gov" | "Gen" | "Lt" | "Col" | "Sgt" | "Capt");
    let before_person = |i: usize| spans.get(i + 1).is_some_and(|n| n.label == Label::Person && n.tokens.start == spans[i].tokens.end);
    let drop: Vec<bool> = (0..spans.len())
        .map(|i| {
            let words = &tokens[spans[i].tokens.clone()];
            words.len() == 1 && ((title(words[0]) && before_person(i)) || mister(words[0]) || party_tag(words[0]))
        })
        .collect();
    if drop.contains(&true) {
        let mut keep = drop.iter().map(|d| !d);
        spans.retain(|_| keep.next().unwrap_or(true));
    }
    spans
}

/// The abbreviation of a kind of thing, written in capitals as a common noun, is no name: a device, format or
/// deposit ("sales of PCs", "a DVD", "three-month CDs"), a kind of committee, card, person or measure ("a super
/// PAC", "ID cards", "Labour MPs", "GNP", "an IPO"). Unless the article names something longer after it ("PC
/// Acquisition Corp", "PDA Engineering": then it is that name's short form). The tagger never saw most of these
/// in CoNLL and takes them for organisations or MISC; the ones CoNLL tags (GMT, HIV) are not listed.
pub(super) fn drop_common_abbreviations(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    const COMMON_NOUNS: &[&str] = &[
        "PC", "PCs", "DVD", "DVDs", "CD", "CDs", "MP3", "MP3s", "HDTV", "LCD", "PDA", "PDAs", "SMS", "GPS", "USB", "DSL",
        "HD", "IPTV", "UWB", "PAC", "PACs", "ID", "IDs", "MP", "MPs", "GNP", "GDP", "IPO", "IPOs", "CEO", "CEOs", "SUV",
        "SUVs",
    ];
    // A Reuters ticker in angle brackets ("<PAC>") is a company's.
    let ticker = |tokens: &[&str], at: usize| at > 0 && tokens[at - 1] == "<" && tokens.get(at + 1) == Some(&">");
    let common = |tokens: &[&str], s: &TaggedSpan| {
        s.tokens.len() == 1 && COMMON_NOUNS.contains(&tokens[s.tokens.start]) && !ticker(tokens, s.tokens.start)
    };
    if !sentences.iter().zip(found.iter()).any(|(tokens, spans)| spans.iter().any(|s| common(tokens, s))) {
        return;
    }
    let mut opening: Vec<&str> = Vec::new();
    for (tokens, spans) in sentences.iter().zip(found.iter()) {
        opening.extend(spans.iter().filter(|s| s.tokens.len() > 1).map(|s| tokens[s.tokens.start]));
    }
    for (tokens, spans) in sentences.iter().zip(found.iter_mut()) {
        spans.retain(|s| !(common(tokens, s) && !opening.contains(&tokens[s.tokens.start])));
    }
}

/// An interjection or greeting that opens a sentence and stands alone ("Oh, and ...", "Hi!", "Um, no.",
/// "Goodnight, moon") is no name, which the tagger, trained on wire copy that has few of them, sometimes makes
/// it. "Oh said" (a surname that is a subject) is left alone: only a word followed by punctuation or by a word
/// that goes on the exclamation is dropped.
pub(super) fn drop_interjections(sentences: &[&[&str]], found: &mut [Vec<TaggedSpan>]) {
    const INTERJECTIONS: &[&str] = &[
        "Oh", "Ooh", "Ah", "Aw", "Um", "Uh", "Er", "Hmm", "Huh", "Ugh", "Wow", "Whoa", "Yay", "Hi", "Hey", "Hello",
        "Goodbye", "Goodnight", "Bye", "Thanks", "Okay", "Yeah", "Yep", "Nope",
    ];
    // Punctuation, or a word that goes on the exclamation ("Oh well", "Oh yeah", "Oh no").
    let exclaims = |n: &str| {
        matches!(n, "," | "!" | "." | "?" | "…" | "-" | "—")
            || matches!(n, "well" | "yeah" | "yes" | "no" | "good" | "great" | "dear" | "my" | "boy" | "god" | "man" | "wait" | "sure" | "okay" | "right")
    };
    for (tokens, spans) in sentences.iter().zip(found.iter_mut()) {
        let first = tokens.iter().position(|t| !matches!(*t, "\"" | "“" | "”" | "‘" | "’" | "'" | "(" | "-" | "—")).unwrap_or(0);
        spans.retain(|s| {
            let at = s.tokens.start;
            let alone = s.tokens.len() == 1 && at == first && INTERJECTIONS.contains(&tokens[at]);
            !(alone && tokens.get(at + 1).is_none_or(|n| exclaims(n)))
        });
    }
}

/// "R-Fla", "D-Calif", "I-Vt", "R-TX", "R-S.C": a party's initial, a hyphen and a state's postal code or its
/// abbreviation in news style ("D-Day" is none).
fn party_tag(word: &str) -> bool {
    const STATES: &[&str] = &[
        "Ala", "Alaska", "Ariz", "Ark", "Calif", "Colo", "Conn", "Del", "Fla", "Ga", "Hawaii", "Idaho", "Ill", "Ind",
        "Iowa", "Kan", "Ky", "La", "Maine", "Md", "Mass", "Mich", "Minn", "Miss", "Mo", "Mont", "Neb", "Nev", "Ohio",
        "Okla", "Ore", "Pa", "Tenn", "Tex", "Texas", "Utah", "Vt", "Va", "Wash", "Wis", "Wisc", "Wyo", "Kans", "Nebr",
    ];
    let Some((party, state)) = word.trim_end_matches('.').split_once('-') else { return false };
    let postal = state.len() == 2 && state.chars().all(|c| c.is_ascii_uppercase());
    // "S.C", "N.Y", "W.Va": initials with dots.
    let dotted = state.contains('.') && state.split('.').all(|p| p.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && p.len() <= 2);
    matches!(party, "R" | "D" | "I") && (postal || dotted || STATES.contains(&state))
}

/// Spans for the property tests of the article-level rules: each sentence is a list of (word, mark) pairs, and a
/// mark of 0 or 1 ends nothing, while 2..6 closes a span of label PERSON, ORGANIZATION, LOCATION or MISC over the
/// words since the last span (0 also skips the word).
#[cfg(test)]
pub(super) fn spans_from_runs(sentences: &[Vec<(usize, usize)>]) -> Vec<Vec<TaggedSpan>> {
    const LABELS: [Label; 4] = [Label::Person, Label::Organization, Label::Location, Label::Misc];
    sentences
        .iter()
        .map(|s| {
            let (mut spans, mut start) = (Vec::new(), 0);
            for (i, &(_, l)) in s.iter().enumerate() {
                if l >= 2 {
                    spans.push(TaggedSpan { tokens: start..i + 1, label: LABELS[l - 2], confidence: 0.9 });
                    start = i + 1;
                } else if l == 0 {
                    start = i + 1;
                }
            }
            spans
        })
        .collect()
}

/// For the property tests: the first sentence whose spans are not in order, apart and inside it, described.
#[cfg(test)]
pub(super) fn misplaced_spans(sentences: &[&[&str]], found: &[Vec<TaggedSpan>]) -> Option<String> {
    sentences.iter().zip(found).find_map(|(tokens, spans)| {
        let mut end = 0;
        let ok = spans.iter().all(|s| {
            let fits = s.tokens.start >= end && s.tokens.start < s.tokens.end && s.tokens.end <= tokens.len();
            end = s.tokens.end;
            fits
        });
        (!ok).then(|| format!("{spans:?} over {tokens:?}"))
    })
}

#[cfg(test)]
mod tests {
    use std::ops::Range;

    use super::*;

    #[test]
    fn a_name_completed_by_the_words_before_it_takes_the_longer_entitys_span_and_label() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        let headline: &[&str] = &["Port", "Aldren", "council", "backs", "budget"];
        let body: &[&str] = &["The", "council", "of", "Port", "Aldren", "met", "in", "Aldren", "Hall"];
        let mut found = vec![
            vec![span(1..2, Label::Organization)],
            vec![span(3..5, Label::Location), span(7..9, Label::Location)],
        ];
        extend_to_known_names(&[headline, body], &mut found);
        assert_eq!(found[0], vec![span(0..2, Label::Location)]);
        // A span is never extended over the one before it, nor into a name not found elsewhere.
        assert_eq!(found[1], vec![span(3..5, Label::Location), span(7..9, Label::Location)]);
    }

    #[test]
    fn two_names_joined_by_and_split_where_the_article_names_either_alone() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        let (org, loc) = (Label::Organization, Label::Location);
        let first: &[&str] = &["Halvern", "Energy", "hired", "Corvina", "and", "Pacific", "Gas", "in", "Bosnia", "and", "Herzegovina"];
        let joint: &[&str] = &["Crews", "of", "Halvern", "Energy", "and", "Corvina", "met", "Pacific", "Gas", "and", "Electric", "Co"];
        let place: &[&str] = &["He", "toured", "Bosnia", "and", "Herzegovina"];
        let mut found = vec![
            vec![span(0..2, org), span(3..4, org), span(5..7, org), span(8..9, loc), span(10..11, loc)],
            vec![span(2..6, org), span(7..12, org)],
            vec![span(2..5, loc)],
        ];
        split_at_known_names(&[first, joint, place], &mut found);
        assert_eq!(found[1], vec![span(2..4, org), span(5..6, org), span(7..12, org)]);
        // Two one-word sides do not split, even when the article names both alone.
        assert_eq!(found[2], vec![span(2..5, loc)]);
    }

    #[test]
    fn partners_surnames_before_a_firms_legal_form_are_the_firm() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        let (org, loc, per) = (Label::Organization, Label::Location, Label::Person);
        type Case<'a> = (&'a [&'a str], Vec<TaggedSpan>, Vec<TaggedSpan>);
        let cases: Vec<Case> = vec![
            (&["Shares", "in", "Hambrecht", "and", "Quist", "Inc", "rose"], vec![span(2..3, per), span(4..6, org)], vec![span(2..6, org)]),
            (
                &["via", "Loewen", ",", "Ondaatje", ",", "McCutcheon", "and", "Co", "Ltd"],
                vec![span(1..2, per), span(3..4, per), span(5..6, per), span(7..9, org)],
                vec![span(1..9, org)],
            ),
            (&["L.O.", ":", "Bodman", ",", "Longely", "&", "Dahling"], vec![span(2..3, per), span(4..7, org)], vec![span(2..7, org)]),
            (&["said", "James", "Capel", "and", "Co"], vec![span(1..3, per), span(4..5, org)], vec![span(1..5, org)]),
            // An untagged capitalised word before "and" is a partner, but not one opening the sentence.
            (&["a", "unit", "of", "Kidder", "and", "Co"], vec![span(5..6, org)], vec![span(3..6, org)]),
            (&["Kidder", "and", "Co", "said"], vec![span(2..3, org)], vec![span(2..3, org)]),
            // A place before "and" is a second party; so is a chain after "and", "of" or a capitalised word.
            (&["in", "France", "and", "Juster", "Steel", "Corp"], vec![span(1..2, loc), span(3..6, org)], vec![span(1..2, loc), span(3..6, org)]),
            (
                &["Lufkin", "and", "Jenrette", "and", "Pacific", "Asset", "Inc"],
                vec![span(0..1, per), span(2..3, per), span(4..7, org)],
                vec![span(0..1, per), span(2..3, per), span(4..7, org)],
            ),
            (&["House", "of", "Fraser", ",", "Marks", "&", "Spencer"], vec![span(2..3, per), span(4..7, org)], vec![span(2..3, per), span(4..7, org)]),
            (&["President", "Reagan", "and", "Chrysler", "Corp"], vec![span(1..2, per), span(3..5, org)], vec![span(1..2, per), span(3..5, org)]),
            // After a comma, more than a last partner and its legal form is a list of firms.
            (
                &["by", "Hope", ",", "Amro", "Bank", "and", "Citicorp", "Inc"],
                vec![span(1..2, per), span(3..8, org)],
                vec![span(1..2, per), span(3..8, org)],
            ),
            // A rating is no partner.
            (&["to", "Aa-2", "and", "Moody", "Corp"], vec![span(3..5, org)], vec![span(3..5, org)]),
        ];
        for (tokens, spans, want) in cases {
            let mut found = vec![spans];
            join_partners_into_firms(&[tokens], &mut found);
            assert_eq!(found[0], want, "{tokens:?}");
        }
        // A partner whose name is a person's last name elsewhere in the article is that person.
        let person: &[&str] = &["investor", "Sumner", "Redstone", "said"];
        let firm: &[&str] = &["to", "Redstone", "and", "MCV", "Holdings", "Inc"];
        let mut found = vec![vec![span(1..3, per)], vec![span(1..2, per), span(3..6, org)]];
        join_partners_into_firms(&[person, firm], &mut found);
        assert_eq!(found[1], vec![span(1..2, per), span(3..6, org)]);
    }

    #[test]
    fn a_word_opening_a_sentence_that_the_article_writes_in_lower_case_is_no_name() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        let (org, loc, per) = (Label::Organization, Label::Location, Label::Person);
        let clusters = word_clusters::Clusters::with_casing(&[("harbour", 4), ("white", 4), ("reading", 4), ("us", 4), ("venezuela", 2)]);
        let brand: &[&str] = &["Ebay", "said", "its", "eBay", "users", "in", "Aldren", "grew"];
        let title: &[&str] = &["Harbour", "market", "returns"];
        let body: &[&str] = &["The", "harbour", "market", "opened", "to", "white", "sails", "and", "reading", "for", "us", "in", "Aldren"];
        let names: &[&str] = &["White", "said", "Mr", "White", "won"];
        let more: &[&str] = &["Reading", "won", "in", "Aldren"];
        let caps: &[&str] = &["US", "trade", "fell"];
        let lowered: &[&str] = &["oil", "output", "in", "venezuela", "fell"];
        let place: &[&str] = &["Venezuela", "said"];
        let mut found = vec![
            vec![span(0..1, org)],
            vec![],
            vec![span(0..1, per), span(3..4, per)],
            vec![span(0..1, org), span(3..4, loc)],
            vec![span(0..1, loc)],
            vec![],
            vec![span(0..1, loc)],
            vec![span(0..1, org)],
        ];
        drop_common_words_at_starts(&[title, body, names, more, caps, lowered, place, brand], &mut found, &clusters);
        assert_eq!(found[0], vec![]);
        assert_eq!(found[3], vec![span(3..4, loc)]);
        // A word the article also capitalises inside a sentence stays a name, as does a word in capitals.
        assert_eq!(found[2], vec![span(0..1, per), span(3..4, per)]);
        assert_eq!(found[4], vec![span(0..1, loc)]);
        // Lower case in a sentence printed all in lower case is no evidence, nor is a word with a capital inside.
        assert_eq!(found[6], vec![span(0..1, loc)]);
        assert_eq!(found[7], vec![span(0..1, org)]);
    }

    proptest::proptest! {
        /// Whatever the tagger found, the rules leave spans in order, apart and inside their sentence.
        #[test]
        fn the_rules_keep_spans_ordered_apart_and_in_bounds(
            sentences in proptest::collection::vec(proptest::collection::vec((0usize..16, 0usize..6), 0..14), 1..4),
        ) {
            const WORDS: [&str; 16] =
                ["Kidder", ",", "and", "&", "Co", "Inc", "Mr.", "Sen.", "R-Fla", "PC", "of", "House", "Smith", "said", "the", "Quist"];
            let texts: Vec<Vec<&str>> = sentences.iter().map(|s| s.iter().map(|&(w, _)| WORDS[w]).collect()).collect();
            let slices: Vec<&[&str]> = texts.iter().map(Vec::as_slice).collect();
            let mut found = spans_from_runs(&sentences);
            for (tokens, spans) in slices.iter().zip(found.iter_mut()) {
                *spans = without_titles_and_tags(tokens, std::mem::take(spans));
            }
            split_at_known_names(&slices, &mut found);
            join_partners_into_firms(&slices, &mut found);
            drop_common_abbreviations(&slices, &mut found);
            extend_to_known_names(&slices, &mut found);
            organisations_by_their_heads(&slices, &mut found);
            if let Some(bad) = misplaced_spans(&slices, &found) {
                proptest::prop_assert!(false, "{bad}");
            }
        }
    }

    #[test]
    fn a_name_ending_in_an_organisations_head_is_an_organisation() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        let (org, loc, per) = (Label::Organization, Label::Location, Label::Person);
        let text: &[&str] = &["Burman", "of", "Syracuse", "University", "and", "Maxwell", "School", "met", "Syracuse"];
        let mut found = vec![vec![span(0..1, per), span(2..4, loc), span(5..7, per), span(8..9, loc)]];
        organisations_by_their_heads(&[text], &mut found);
        assert_eq!(found[0], vec![span(0..1, per), span(2..4, org), span(5..7, org), span(8..9, loc)]);
    }

    #[test]
    fn a_company_named_like_a_region_is_the_company_without_the_and_geography() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        let (org, loc) = (Label::Organization, Label::Location);
        let company: &[&str] = &["Amazon", "'s", "shares", "rose", "and", "Amazon", "said", "so"];
        let region: &[&str] = &["fires", "in", "the", "Amazon", "and", "the", "Amazon", "basin", ";", "Amazon", "rainforest"];
        let north: &[&str] = &["rain", "in", "the", "central", "and", "northern", "Amazon", "fell"];
        let mut found = vec![
            vec![span(0..1, loc), span(5..6, loc)],
            vec![span(3..4, loc), span(6..7, loc), span(9..10, loc)],
            vec![span(6..7, loc)],
        ];
        companies_named_like_regions(&[company, region, north], &mut found);
        assert_eq!(
            found,
            vec![
                vec![span(0..1, org), span(5..6, org)],
                vec![span(3..4, loc), span(6..7, loc), span(9..10, loc)],
                vec![span(6..7, loc)],
            ]
        );
    }

    #[test]
    fn an_interjection_opening_a_sentence_is_no_name_but_a_subject_is() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        let per = Label::Person;
        let oh: &[&str] = &["“", "Oh", ",", "and", "Anna", "came", "too", "”"];
        let hi: &[&str] = &["”", "Oh", "well", ",", "Hi", "!"];
        let subject: &[&str] = &["Oh", "said", "the", "talks", "failed"];
        let mut found = vec![vec![span(1..2, per), span(4..5, per)], vec![span(1..2, per)], vec![span(0..1, per)]];
        drop_interjections(&[oh, hi, subject], &mut found);
        assert_eq!(found, vec![vec![span(4..5, per)], vec![], vec![span(0..1, per)]]);
    }

    #[test]
    fn a_common_nouns_abbreviation_is_no_name_unless_it_opens_a_longer_one() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        let (org, misc) = (Label::Organization, Label::Misc);
        let sales: &[&str] = &["Sales", "of", "PCs", "and", "DVD", "players", "rose", "says", "a", "super", "PAC"];
        let mut found = vec![vec![span(2..3, org), span(4..5, misc), span(10..11, org)]];
        drop_common_abbreviations(&[sales], &mut found);
        assert_eq!(found[0], vec![]);
        let bid: &[&str] = &["PC", "Acquisition", "Corp", "extended", "its", "offer", ";", "PC", "said"];
        let mut found = vec![vec![span(0..3, org), span(7..8, org)]];
        drop_common_abbreviations(&[bid], &mut found);
        assert_eq!(found[0], vec![span(0..3, org), span(7..8, org)]);
        let ticker: &[&str] = &["Pacific", "Telesis", "<", "PAC", ">", "rose"];
        let mut found = vec![vec![span(0..2, org), span(3..4, org)]];
        drop_common_abbreviations(&[ticker], &mut found);
        assert_eq!(found[0], vec![span(0..2, org), span(3..4, org)]);
    }

    #[test]
    fn a_courtesy_title_stays_out_of_a_persons_name() {
        let span = |tokens: Range<usize>, label| TaggedSpan { tokens, label, confidence: 0.9 };
        type Case<'a> = (&'a [&'a str], Range<usize>, Label, Range<usize>);
        let cases: [Case; 4] = [
            (&["Mr", "Blair", "said"], 0..2, Label::Person, 1..2),
            (&["Dr.", "Jane", "Smith"], 0..3, Label::Person, 1..3),
            (&["Mrs", "Thatcher"], 0..2, Label::Person, 1..2),
            // Any other type is left as tagged.
            (&["Dr", "Pepper", "Group"], 0..3, Label::Organization, 0..3),
        ];
        for (tokens, found, label, want) in cases {
            assert_eq!(without_titles_and_tags(tokens, vec![span(found, label)]), vec![span(want, label)], "{tokens:?}");
        }
        // A title tagged as a name of its own before a person is dropped, as is a party-and-state tag; a title
        // before anything else, or a hyphenated name, is left alone.
        let (misc, per, loc) = (Label::Misc, Label::Person, Label::Location);
        let sen: &[&str] = &["Sen.", "Marco", "Rubio", "(", "R-Fla", ".", ")", "and", "Lindsey", "Graham", "(", "R-S.C", ".", ")"];
        let found = vec![span(0..1, misc), span(1..3, per), span(4..5, per), span(8..10, per), span(11..12, Label::Organization)];
        assert_eq!(without_titles_and_tags(sen, found), vec![span(1..3, per), span(8..10, per)]);
        // AP style writes Texas "Tex." ("Sen. Ted Cruz, R-Tex.").
        let cruz: &[&str] = &["Ted", "Cruz", ",", "R-Tex", "."];
        assert_eq!(without_titles_and_tags(cruz, vec![span(0..2, per), span(3..4, per)]), vec![span(0..2, per)]);
        let gen: &[&str] = &["Gen.", "Motors", "and", "Al-Jazeera", "in", "D-Day"];
        let kept = vec![span(0..1, misc), span(1..2, Label::Organization), span(3..4, Label::Organization), span(5..6, misc)];
        assert_eq!(without_titles_and_tags(gen, kept.clone()), kept);
        assert_eq!(without_titles_and_tags(&["Mr.", "Smith"], vec![span(0..1, loc), span(1..2, per)]), vec![span(1..2, per)]);
        // "Mr. X" is a person whatever it was tagged, and "Mr." alone is no name.
        assert_eq!(without_titles_and_tags(&["Mr.", "Obama", "said"], vec![span(0..2, loc)]), vec![span(1..2, per)]);
        let firm = vec![span(0..3, Label::Organization)];
        assert_eq!(without_titles_and_tags(&["Mr.", "Steak", "Inc", "said"], firm.clone()), firm);
        assert_eq!(without_titles_and_tags(&["Mr.", "Obama", "said"], vec![span(0..1, misc), span(1..2, loc)]), vec![span(1..2, per)]);
        assert_eq!(without_titles_and_tags(&["said", "Mr."], vec![span(1..2, loc)]), vec![]);
    }
}
