//! Article-level context cues for the second stage: what the words around a name say about its type,
//! gathered over the whole article, so that every mention of the name sees them.
//!
//! The first stage reads a window of two words, so "Reichhold said it would ..." tells it little about
//! "Reichhold" three sentences later, and nothing when the name is two words long. Here a sentence's
//! capitalised runs ("Valero Energy Corp", "Bank of America") are found, the words around each run are
//! matched against a few closed lists of cues, and every word of the run records which cues it met, once
//! per article ([`super::features::DocContext`]). The cues are grammatical, not lexical: "X said it" and
//! "X's shares" (an organisation), "X said he", "X, 25," and "striker X" (a person), "in X" (a place), a
//! legal form closing the run (an organisation). The second stage learns from CoNLL how much each is worth,
//! by capitalisation; none of the lists names an entity.
//!
//! The cue words are matched by their lower-case hashes (as [`super::forms::lower_hash`] computes them), so
//! the scan costs a few comparisons a token.

use std::sync::OnceLock;

use super::forms::{lower_hash, Caps};

/// Cue bits: one per kind of evidence, at most 16.
pub(crate) mod bit {
    /// Followed by "said it", "said its", "it said" or "which".
    pub(crate) const ORG_SAID_IT: u32 = 0;
    /// Followed by "'s shares", "shares", "stock" and the like.
    pub(crate) const ORG_SHARES: u32 = 1;
    /// The run ends in a legal form ("Corp", "Inc", "Ltd").
    pub(crate) const ORG_LEGAL: u32 = 2;
    /// Followed by "said he", "said she", ", who" or "his".
    pub(crate) const PER_SAID_HE: u32 = 3;
    /// Followed by an age between commas: "Anelka, 25,".
    pub(crate) const PER_AGE: u32 = 4;
    /// Preceded by a title or a role: "Mr", "striker", "director".
    pub(crate) const PER_ROLE: u32 = 5;
    /// Preceded by "in" or "near".
    pub(crate) const LOC_IN: u32 = 6;
    /// Preceded by "at" or "from".
    pub(crate) const AT_FROM: u32 = 7;
}

/// The cue words' hashes.
struct Words {
    said: u64,
    it: u64,
    its: u64,
    which: u64,
    he: [u64; 2],
    who: u64,
    his: u64,
    her: u64,
    comma: u64,
    apostrophe_s: [u64; 2],
    ages: [u64; 2],
    share_nouns: Vec<u64>,
    legal: Vec<u64>,
    roles: Vec<u64>,
    inside: Vec<u64>,
    in_near: Vec<u64>,
    at_from: Vec<u64>,
}

fn words() -> &'static Words {
    static WORDS: OnceLock<Words> = OnceLock::new();
    WORDS.get_or_init(|| {
        let list = |s: &str| s.split_whitespace().map(lower_hash).collect::<Vec<_>>();
        Words {
            said: lower_hash("said"),
            it: lower_hash("it"),
            its: lower_hash("its"),
            which: lower_hash("which"),
            he: [lower_hash("he"), lower_hash("she")],
            who: lower_hash("who"),
            his: lower_hash("his"),
            her: lower_hash("her"),
            comma: lower_hash(","),
            apostrophe_s: [lower_hash("'s"), lower_hash("'")],
            ages: [lower_hash("0"), lower_hash("00")],
            share_nouns: list("shares stock stake subsidiary unit profit profits earnings revenue revenues sales net board shareholders"),
            legal: list(
                "corp corp. corporation inc inc. incorporated ltd ltd. limited co co. plc llc ag nv n.v. sa s.a. gmbh bhd \
                 holdings group",
            ),
            roles: list(
                "mr mr. mrs mrs. ms ms. dr dr. sir dame lord lady president chairman director minister secretary \
                 senator governor spokesman spokeswoman striker midfielder defender goalkeeper coach manager captain \
                 singer actor actress author writer composer player champion",
            ),
            inside: list("of & de"),
            in_near: list("in near"),
            at_from: list("at from"),
        }
    })
}

/// Whether a token of this [`Caps`] can be part of a name.
pub(crate) fn capital(c: u8) -> bool {
    c == Caps::Initial as u8 || c == Caps::All as u8 || c == Caps::Mixed as u8
}

/// Calls `found(word, cue bit)` for every word of every capitalised run of one sentence that meets a cue,
/// given the words' lower-case hashes and [`Caps`].
pub(crate) fn sentence(lowers: &[u64], caps: &[u8], mut found: impl FnMut(u64, u32)) {
    let n = lowers.len().min(caps.len());
    // A line in capitals is one run from end to end: its cues cannot be read.
    if n == 0 || caps[..n].iter().filter(|&&c| capital(c)).count() * 4 >= n * 3 {
        return;
    }
    let w = words();
    let at = |j: usize| if j < n { lowers[j] } else { 0 };
    let mut i = 0;
    while i < n {
        if !capital(caps[i]) {
            i += 1;
            continue;
        }
        // The run: capitalised words, joined by "of", "&", "de" when a capital follows.
        let start = i;
        let mut end = i + 1;
        while end < n {
            if capital(caps[end]) {
                end += 1;
            } else if end + 1 < n && capital(caps[end + 1]) && w.inside.contains(&lowers[end]) {
                end += 2;
            } else {
                break;
            }
        }
        i = end;
        let mut bits = 0u16;
        let (a, b, c) = (at(end), at(end + 1), at(end + 2));
        if (a == w.said && (b == w.it || b == w.its)) || (a == w.it && b == w.said) || (a == w.comma && b == w.which) {
            bits |= 1 << bit::ORG_SAID_IT;
        }
        if w.share_nouns.contains(&a) || (w.apostrophe_s.contains(&a) && w.share_nouns.contains(&b)) {
            bits |= 1 << bit::ORG_SHARES;
        }
        if w.legal.contains(&lowers[end - 1]) && end - start > 1 {
            bits |= 1 << bit::ORG_LEGAL;
        }
        if (a == w.said && (w.he.contains(&b) || b == w.his || b == w.her)) || (a == w.comma && b == w.who) || a == w.his {
            bits |= 1 << bit::PER_SAID_HE;
        }
        // An age: ", 25," with digits folded to 0 in the lower-case form.
        if a == w.comma && c == w.comma && w.ages.contains(&b) {
            bits |= 1 << bit::PER_AGE;
        }
        if start > 0 {
            let before = lowers[start - 1];
            if w.roles.contains(&before) {
                bits |= 1 << bit::PER_ROLE;
            } else if w.in_near.contains(&before) {
                bits |= 1 << bit::LOC_IN;
            } else if w.at_from.contains(&before) {
                bits |= 1 << bit::AT_FROM;
            }
        }
        if bits == 0 {
            continue;
        }
        for (j, &h) in lowers.iter().enumerate().take(end).skip(start) {
            if capital(caps[j]) {
                let mut b = bits;
                while b != 0 {
                    found(h, b.trailing_zeros());
                    b &= b - 1;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entities::recognize::tagger::forms::caps;

    fn cues_of(text: &str) -> Vec<(String, u32)> {
        let tokens: Vec<&str> = text.split(' ').collect();
        let lowers: Vec<u64> = tokens.iter().map(|t| lower_hash(t)).collect();
        let caps: Vec<u8> = tokens.iter().map(|t| caps(t) as u8).collect();
        let mut out = Vec::new();
        sentence(&lowers, &caps, |h, b| {
            let word = tokens.iter().find(|t| lower_hash(t) == h).unwrap();
            out.push((word.to_string(), b));
        });
        out
    }

    #[test]
    fn cues_are_found_around_runs() {
        let cases: &[(&str, &[(&str, u32)])] = &[
            ("the company Reichhold said it would sell", &[("Reichhold", bit::ORG_SAID_IT)]),
            ("shares of Valero Energy Corp fell", &[("Valero", bit::ORG_LEGAL), ("Energy", bit::ORG_LEGAL), ("Corp", bit::ORG_LEGAL)]),
            ("a deal for Bank of America 's shares", &[("Bank", bit::ORG_SHARES), ("America", bit::ORG_SHARES)]),
            ("then striker Anelka , 25 , scored", &[("Anelka", bit::PER_AGE), ("Anelka", bit::PER_ROLE)]),
            ("rain fell in Cooper Basin on Monday", &[("Cooper", bit::LOC_IN), ("Basin", bit::LOC_IN)]),
            ("and Kenteris said he was innocent", &[("Kenteris", bit::PER_SAID_HE)]),
            ("nothing here at all", &[]),
            ("MOODY 'S DOWNGRADES LORAL SAID IT", &[]),
        ];
        for (sentence, want) in cases {
            let mut got = cues_of(sentence);
            got.sort();
            let mut want: Vec<(String, u32)> = want.iter().map(|(w, b)| (w.to_string(), *b)).collect();
            want.sort();
            assert_eq!(got, want, "{sentence}");
        }
    }

    proptest::proptest! {
        /// Whatever the sentence, a cue is only ever reported for one of its capitalised words.
        #[test]
        fn cues_belong_to_capitalised_words(words in proptest::collection::vec(0usize..14, 0..24)) {
            const VOCAB: [&str; 14] = ["Acme", "Corp", "said", "it", "he", ",", "25", "in", "of", "Mr", "shares", "'s", "who", "the"];
            let tokens: Vec<&str> = words.iter().map(|&i| VOCAB[i]).collect();
            let lowers: Vec<u64> = tokens.iter().map(|t| lower_hash(t)).collect();
            let caps: Vec<u8> = tokens.iter().map(|t| caps(t) as u8).collect();
            sentence(&lowers, &caps, |h, b| {
                assert!(b < 16);
                assert!(tokens.iter().zip(&caps).any(|(t, &c)| capital(c) && lower_hash(t) == h));
            });
        }
    }

    #[test]
    fn any_input_is_scanned_without_panic() {
        for s in ["", "X", ", , ,", "A of", "in", "Corp"] {
            cues_of(s);
        }
        sentence(&[1, 2, 3], &[2], |_, _| {});
    }
}
