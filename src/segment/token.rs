//! Tokens: UAX #29 word boundaries, reshaped to the conventions of news
//! corpora (CoNLL-2003, Penn Treebank) so that a tagger trained there sees
//! familiar tokens: "Canada" + "’s", "do" + "n't", "five-alarm" and
//! "1996-08-22" as one token, "U.S." and "Mr." with their periods, "5:32" whole.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::abbrev::{is_dotted_acronym, is_month_abbrev, is_soft_abbrev, is_title_abbrev};
use crate::document::TokenKind;

/// Tokens of `range` of `text` (one sentence, usually), as byte ranges and kinds.
pub(crate) fn tokenize(text: &str, range: Range<usize>) -> Vec<(Range<usize>, TokenKind)> {
    let base = range.start;
    let pieces: Vec<Range<usize>> = text[range]
        .split_word_bound_indices()
        .filter(|(_, w)| !w.chars().all(char::is_whitespace))
        .map(|(i, w)| base + i..base + i + w.len())
        .collect();
    let mut out: Vec<Range<usize>> = Vec::with_capacity(pieces.len());
    let mut i = 0;
    while i < pieces.len() {
        let mut cur = pieces[i].clone();
        i += 1;
        if is_alnum(&text[cur.clone()]) {
            // Hyphenated compounds and clock times: word-word, 5:32.
            while i + 1 < pieces.len()
                && pieces[i].start == cur.end
                && pieces[i + 1].start == pieces[i].end
                && joins(&text[pieces[i].clone()], &text[cur.clone()], &text[pieces[i + 1].clone()])
            {
                cur.end = pieces[i + 1].end;
                i += 2;
            }
            // A period that belongs to an abbreviation.
            if i < pieces.len() && pieces[i].start == cur.end && &text[pieces[i].clone()] == "." {
                let word = &text[cur.clone()];
                let sentence_final = i + 1 == pieces.len();
                let keep = is_dotted_acronym(word)
                    || (!sentence_final
                        && (is_title_abbrev(word) || is_month_abbrev(word) || is_soft_abbrev(word) || is_initial(word)));
                if keep {
                    cur.end = pieces[i].end;
                    i += 1;
                }
            }
        }
        split_clitic(text, cur, &mut out);
    }
    out.into_iter().map(|r| { let k = token_kind(&text[r.clone()]); (r, k) }).collect()
}

fn is_alnum(s: &str) -> bool {
    s.chars().next().is_some_and(char::is_alphanumeric)
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

fn joins(sep: &str, left: &str, right: &str) -> bool {
    if !is_alnum(right) {
        return false;
    }
    match sep {
        "-" | "\u{2010}" | "\u{2011}" => true,
        ":" => left.chars().all(|c| c.is_ascii_digit()) && right.chars().all(|c| c.is_ascii_digit()) && right.len() == 2,
        _ => false,
    }
}

/// Splits English clitics off a word: "Canada’s" → "Canada" "’s", "don't" → "do" "n't".
fn split_clitic(text: &str, r: Range<usize>, out: &mut Vec<Range<usize>>) {
    let word = &text[r.clone()];
    let lower_tail = |n: usize| word.len() > n && word.is_char_boundary(word.len() - n);
    for suffix in ["n't", "n’t", "N'T", "N’T"] {
        if word.len() > suffix.len() + 1 && word.ends_with(suffix) {
            let cut = r.end - suffix.len();
            out.push(r.start..cut);
            out.push(cut..r.end);
            return;
        }
    }
    for apostrophe in ['\'', '’'] {
        if let Some(pos) = word.rfind(apostrophe) {
            let tail = &word[pos + apostrophe.len_utf8()..];
            let is_clitic = matches!(tail, "s" | "S" | "re" | "ve" | "ll" | "d" | "m" | "RE" | "VE" | "LL" | "D" | "M");
            if pos > 0 && is_clitic && lower_tail(tail.len() + apostrophe.len_utf8()) {
                out.push(r.start..r.start + pos);
                out.push(r.start + pos..r.end);
                return;
            }
        }
    }
    out.push(r);
}

/// The kind of a token's text.
pub(crate) fn token_kind(s: &str) -> TokenKind {
    let mut chars = s.chars();
    match chars.next() {
        Some(c) if c.is_ascii_digit() => TokenKind::Number,
        Some('+' | '-' | '.') if chars.next().is_some_and(|c| c.is_ascii_digit()) => TokenKind::Number,
        _ if s.chars().any(char::is_alphanumeric) => TokenKind::Word,
        _ => TokenKind::Punct,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(text: &str) -> Vec<&str> {
        tokenize(text, 0..text.len()).into_iter().map(|(r, _)| &text[r]).collect()
    }

    #[test]
    fn tokens_follow_news_corpus_conventions() {
        let cases: [(&str, &[&str]); 9] = [
            ("Canada’s role", &["Canada", "’s", "role"]),
            ("They don't know.", &["They", "do", "n't", "know", "."]),
            ("a five-alarm fire", &["a", "five-alarm", "fire"]),
            ("the U.S. capture", &["the", "U.S.", "capture"]),
            ("Mr. Carney left.", &["Mr.", "Carney", "left", "."]),
            ("on 1996-08-22 at 5:32 am", &["on", "1996-08-22", "at", "5:32", "am"]),
            ("$29bn (£15bn)", &["$", "29bn", "(", "£", "15bn", ")"]),
            ("PARIS — Prime", &["PARIS", "—", "Prime"]),
            ("“coalition of the willing,”", &["“", "coalition", "of", "the", "willing", ",", "”"]),
        ];
        for (text, want) in cases {
            assert_eq!(toks(text), want, "tokens of {text:?}");
        }
    }

    #[test]
    fn kinds_are_assigned() {
        assert_eq!(token_kind("2026"), TokenKind::Number);
        assert_eq!(token_kind("-3.5"), TokenKind::Number);
        assert_eq!(token_kind("Paris"), TokenKind::Word);
        assert_eq!(token_kind("—"), TokenKind::Punct);
    }
}
