//! The forms of a token that every part of the tagger reads: its typographic normal form and lower-case
//! hash, its capitalisation class, and how a whole line is cased.
//!
//! Features, gazetteer matching and word clusters must agree on these to the bit (a gazetteer phrase is
//! found by the same lower-case hash that the features compute), so they are defined once, here, in a file
//! that imports nothing else of the tagger.
//!
//! Text is normalised before hashing so that news typography does not split
//! what CoNLL spelled one way: curly quotes and apostrophes become straight,
//! dashes become `-`, and digits become `0` in the lower-case form.

use crate::util::hash::hash_str;

/// The typographic normal form of a char: straight quotes, ASCII dashes.
#[inline]
pub(crate) fn normalize_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}'..='\u{2015}' | '\u{2212}' => '-',
        _ => c,
    }
}

/// Writes the normalised exact form and lower-case form (digits as `0`) of `token`.
pub(crate) fn normalize(token: &str, exact: &mut String, lower: &mut String) {
    exact.clear();
    lower.clear();
    for c in token.chars() {
        let c = normalize_char(c);
        exact.push(c);
        if c.is_ascii_digit() {
            lower.push('0');
        } else if c.is_uppercase() {
            lower.extend(c.to_lowercase());
        } else {
            lower.push(c);
        }
    }
}

/// Hash of a token's lower-case normal form: the key of gazetteer phrases.
pub(crate) fn lower_hash(token: &str) -> u64 {
    let (mut e, mut l) = (String::new(), String::new());
    normalize(token, &mut e, &mut l);
    hash_str(&l)
}

/// How a token is capitalised.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum Caps {
    /// No letters.
    None = 0,
    /// All lower case.
    Lower = 1,
    /// First letter upper, some lower ("Paris", "McDonald").
    Initial = 2,
    /// Every letter upper, two or more ("NATO", "U.S.").
    All = 3,
    /// Lower first, upper later ("iPhone").
    Mixed = 4,
    /// A single capital letter ("A", "J.").
    Single = 5,
}

/// The capitalisation class of a token.
pub(crate) fn caps(token: &str) -> Caps {
    let (mut upper, mut lower, mut first_upper, mut seen) = (0, 0, false, false);
    for c in token.chars().filter(|c| c.is_alphabetic()) {
        if !seen {
            first_upper = c.is_uppercase();
            seen = true;
        }
        if c.is_uppercase() {
            upper += 1;
        } else if c.is_lowercase() {
            lower += 1;
        }
    }
    match (upper, lower) {
        (0, 0) => Caps::None,
        (0, _) => Caps::Lower,
        (1, 0) => Caps::Single,
        (_, 0) => Caps::All,
        _ if first_upper => Caps::Initial,
        _ => Caps::Mixed,
    }
}

/// How a whole sentence (line) is cased: capitals mean little in the last two.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
pub(crate) enum LineCase {
    /// Ordinary prose.
    Normal = 0,
    /// Every word in capitals: CoNLL headlines, datelines, credits.
    Upper = 1,
    /// Most words capitalised: headlines in title case.
    Title = 2,
}

/// The casing of a sentence of tokens. A line is in title case when it has
/// at least three words of four letters or more, four in five of them
/// capitalised, and no lower-case word but the small words that headline
/// styles leave alone ("to", "of"): "PARIS — Prime Minister Mark Carney is
/// in Paris today" has "today", so it is prose.
pub(crate) fn line_case(tokens: &[&str]) -> LineCase {
    let (mut words, mut upper, mut lowers, mut content_lowers, mut capitalised, mut long) = (0, 0, 0, 0, 0, 0);
    for t in tokens {
        let c = caps(t);
        match c {
            Caps::None => continue,
            Caps::All => upper += 1,
            Caps::Lower | Caps::Mixed => {
                lowers += 1;
                if !is_small_word(t) {
                    content_lowers += 1;
                }
            }
            Caps::Initial | Caps::Single => {}
        }
        words += 1;
        if t.chars().nth(3).is_some() {
            long += 1;
            if matches!(c, Caps::Initial | Caps::All) {
                capitalised += 1;
            }
        }
    }
    if words > 0 && lowers == 0 && upper * 2 > words {
        LineCase::Upper
    } else if long >= 3 && content_lowers == 0 && capitalised * 5 >= long * 4 {
        LineCase::Title
    } else {
        LineCase::Normal
    }
}

/// Words that title-case headlines may leave in lower case.
fn is_small_word(word: &str) -> bool {
    matches!(
        word,
        "a" | "an" | "the" | "and" | "or" | "but" | "nor" | "of" | "in" | "on" | "at" | "to" | "for" | "by" | "with"
            | "as" | "from" | "vs" | "vs." | "v" | "v." | "via" | "per" | "up" | "off" | "out" | "into" | "onto"
            | "upon" | "over" | "than" | "'s" | "’s" | "n't" | "n’t"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn caps_classes() {
        let cases = [
            ("Paris", Caps::Initial),
            ("paris", Caps::Lower),
            ("NATO", Caps::All),
            ("U.S.", Caps::All),
            ("iPhone", Caps::Mixed),
            ("A", Caps::Single),
            ("J.", Caps::Single),
            ("1996", Caps::None),
            ("—", Caps::None),
            ("McDonald", Caps::Initial),
            ("Élysée", Caps::Initial),
        ];
        for (token, want) in cases {
            assert_eq!(caps(token), want, "capitalisation class of {token:?}");
        }
    }

    #[test]
    fn line_case_tells_headlines_from_prose() {
        let cases: [(&[&str], LineCase); 7] = [
            (&["CRICKET", "-", "LEICESTERSHIRE", "TAKE", "OVER", "AT", "TOP"], LineCase::Upper),
            (&["LONDON", "1996-08-30"], LineCase::Upper),
            (&["Toronto", "Under", "Freezing", "Rain", "Warning", "With", "Messy", "Commute"], LineCase::Title),
            (&["Carney", "Set", "to", "Talk", "About", "Canada", "’s", "Role", "in", "Ukraine"], LineCase::Title),
            (&["Mark", "Carney", "met", "Emmanuel", "Macron", "in", "Paris"], LineCase::Normal),
            (&["PARIS", "—", "Prime", "Minister", "Mark", "Carney", "is", "in", "Paris", "today", "."], LineCase::Normal),
            (&[], LineCase::Normal),
        ];
        for (tokens, want) in cases {
            assert_eq!(line_case(tokens), want, "line case of {tokens:?}");
        }
    }

    #[test]
    fn typography_is_normalised_before_hashing() {
        let pairs = [("Canada’s", "Canada's"), ("“Freezing”", "\"Freezing\""), ("2025–26", "2025-26")];
        for (curly, straight) in pairs {
            assert_eq!(lower_hash(curly), lower_hash(straight), "{curly:?} should hash like {straight:?}");
        }
        assert_eq!(lower_hash("PARIS"), lower_hash("paris"), "the lower form ignores case");
        assert_eq!(lower_hash("1996"), lower_hash("2026"), "the lower form maps digits to 0");
    }
}
