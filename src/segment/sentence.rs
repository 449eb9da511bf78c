//! Sentences: UAX #29 sentence boundaries, then news rules that undo the
//! boundaries an abbreviation caused.

use std::ops::Range;

use unicode_segmentation::UnicodeSegmentation;

use super::abbrev::{is_dotted_acronym, is_month_abbrev, is_sentence_opener, is_soft_abbrev, is_title_abbrev};

/// Byte ranges of the sentences inside `range` of `text` (one paragraph),
/// trimmed of surrounding whitespace.
pub(crate) fn sentence_ranges(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let para = &text[range.clone()];
    let mut out: Vec<Range<usize>> = Vec::new();
    for (offset, piece) in para.split_sentence_bound_indices() {
        let start = range.start + offset;
        let end = start + piece.len();
        match out.last_mut() {
            Some(prev) if !ends_sentence(&text[prev.clone()], piece) => prev.end = end,
            _ => out.push(start..end),
        }
    }
    out.into_iter().filter_map(|r| trim(text, r)).collect()
}

fn trim(text: &str, r: Range<usize>) -> Option<Range<usize>> {
    let s = &text[r.clone()];
    let lead = s.len() - s.trim_start().len();
    let kept = s.trim().len();
    (kept > 0).then(|| r.start + lead..r.start + lead + kept)
}

/// Whether the boundary between `prev` and `next` (as UAX #29 found it) is a real sentence end.
fn ends_sentence(prev: &str, next: &str) -> bool {
    let prev = prev.trim_end();
    let next = next.trim_start();
    // "...ends here.\n" inside a paragraph: UAX #29 breaks at line ends; keep those.
    let Some(before_period) = prev.strip_suffix('.') else {
        return true;
    };
    let word = last_word(before_period);
    if word.is_empty() {
        return true;
    }
    let next_word = first_word(next);
    let next_first = next.chars().next();
    let next_is_digit = next_first.is_some_and(|c| c.is_ascii_digit());
    let next_is_lower = next_first.is_some_and(char::is_lowercase);
    let next_is_upper = next_first.is_some_and(char::is_uppercase);
    if is_title_abbrev(word) {
        return false;
    }
    if is_month_abbrev(word) {
        return !next_is_digit;
    }
    if is_initial(word) {
        // "Michael J. Fox", "J.R.R. Tolkien": an initial before a capitalised name.
        return !(next_is_upper && !is_sentence_opener(next_word));
    }
    if is_dotted_acronym(word) || is_soft_abbrev(word) {
        if next_is_lower || next_is_digit {
            return false;
        }
        return is_sentence_opener(next_word) || next_first.is_some_and(|c| "\"“‘'(".contains(c));
    }
    !next_is_lower
}

fn is_initial(word: &str) -> bool {
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// The word right before a final period: letters, digits and internal periods.
fn last_word(s: &str) -> &str {
    let start = s
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map_or(0, |(i, c)| i + c.len_utf8());
    &s[start..]
}

fn first_word(s: &str) -> &str {
    let end = s.char_indices().find(|&(_, c)| !c.is_alphanumeric()).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        sentence_ranges(text, 0..text.len()).into_iter().map(|r| &text[r]).collect()
    }

    #[test]
    fn news_abbreviations_do_not_end_sentences() {
        let cases: [(&str, &[&str]); 12] = [
            ("It was first published Jan. 6, 2026. Then it ran.", &["It was first published Jan. 6, 2026.", "Then it ran."]),
            ("Mr. Carney met Mrs. Smith. They talked.", &["Mr. Carney met Mrs. Smith.", "They talked."]),
            ("The U.S. capture of Maduro shocked allies.", &["The U.S. capture of Maduro shocked allies."]),
            ("Troops left the U.S. The war ended.", &["Troops left the U.S.", "The war ended."]),
            ("U.S. President Donald Trump spoke.", &["U.S. President Donald Trump spoke."]),
            ("He lives on St. Clair Ave. in Toronto.", &["He lives on St. Clair Ave. in Toronto."]),
            ("Michael J. Fox arrived. He waved.", &["Michael J. Fox arrived.", "He waved."]),
            ("Rates rose 3.5 percent. Stocks fell.", &["Rates rose 3.5 percent.", "Stocks fell."]),
            ("Apple Inc. said profit rose.", &["Apple Inc. said profit rose."]),
            ("It opened at 9 a.m. on Monday.", &["It opened at 9 a.m. on Monday."]),
            ("“Go,” he said. “Now!” She ran.", &["“Go,” he said.", "“Now!”", "She ran."]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(split(text), want, "sentences of {text:?}");
        }
    }

    #[test]
    fn a_sentence_ends_at_a_question_or_exclamation() {
        assert_eq!(split("Why? Because! Fine."), vec!["Why?", "Because!", "Fine."]);
    }
}
