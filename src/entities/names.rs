//! Text helpers shared by the rule matchers and the resolver: case folding
//! that keeps a way back to the original offsets, the identity key of a
//! name, and the construction of mentions with valid spans.
//!
//! They live in one place because two names must compare equal the same way
//! everywhere: a rule that matches "Weimar triangle", the resolver that puts
//! "THE CANADIAN PRESS" with "The Canadian Press", and the `entity_id` hash
//! all go through [`key`].

use std::ops::Range;

use crate::document::{Document, Field, Label, Mention, Origin};
use crate::span::SpanMapper;

/// The fields that entity recognizers read, in reading order.
pub(super) const FIELDS: [Field; 3] = [Field::Title, Field::Caption, Field::Body];

/// A lower-cased copy of a text with typographic quotes made plain, plus the
/// map from its byte offsets back to the original's.
#[derive(Debug)]
pub(super) struct Folded {
    /// The folded text.
    pub text: String,
    /// For each byte of `text`, the byte offsets of the original char it came from (start, end); `None`
    /// when folding kept every offset (ASCII text).
    origin: Option<(Vec<usize>, Vec<usize>)>,
    original_len: usize,
}

impl Folded {
    /// Folds `text`: lower case, curly apostrophes and quotes made straight.
    pub(super) fn new(text: &str) -> Folded {
        if text.is_ascii() {
            // One byte for one byte: the offsets stay as they are, and no map is needed.
            let bytes = text.bytes().map(|b| if b == b'`' { b'\'' } else { b.to_ascii_lowercase() }).collect();
            let text = String::from_utf8(bytes).unwrap_or_default();
            let original_len = text.len();
            return Folded { text, origin: None, original_len };
        }
        let mut out = String::with_capacity(text.len());
        let mut origin = Vec::with_capacity(text.len());
        let mut origin_end = Vec::with_capacity(text.len());
        for (i, c) in text.char_indices() {
            let before = out.len();
            push_folded(c, &mut out);
            let end = i + c.len_utf8();
            origin.extend(std::iter::repeat_n(i, out.len() - before));
            origin_end.extend(std::iter::repeat_n(end, out.len() - before));
        }
        Folded { text: out, origin: Some((origin, origin_end)), original_len: text.len() }
    }

    /// The original byte range of folded range `r` (widened to whole chars).
    pub(super) fn original(&self, r: Range<usize>) -> Range<usize> {
        let Some((origin, origin_end)) = &self.origin else {
            let start = r.start.min(self.original_len);
            return start..r.end.clamp(start, self.original_len);
        };
        let start = origin.get(r.start).copied().unwrap_or(self.original_len);
        let end = if r.end == 0 { start } else { origin_end.get(r.end - 1).copied().unwrap_or(self.original_len) };
        start..end.max(start)
    }
}

/// The plain form of a quote, apostrophe or hyphen.
fn plain_char(c: char) -> char {
    match c {
        '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
        '\u{2010}' | '\u{2011}' => '-',
        c => c,
    }
}

/// Folds one char for matching: lower case, quotes and apostrophes plain.
fn push_folded(c: char, out: &mut String) {
    // Names are mostly ASCII, whose lower case needs no look-up in Unicode's tables.
    match c {
        '`' => out.push('\''),
        c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
        c => out.extend(plain_char(c).to_lowercase()),
    }
}

/// Whether `text` folds to `folded` (already folded), without building the folded string.
pub(super) fn folds_to(folded: &str, text: &str) -> bool {
    folded.chars().eq(text.chars().flat_map(|c| plain_char(c).to_lowercase()))
}

/// Folds a whole string (see [`Folded`]).
pub(crate) fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        push_folded(c, &mut out);
    }
    out
}

/// Makes quotes, apostrophes and hyphens plain without changing case: how a
/// case-sensitive rule compares its phrase with the text.
pub(super) fn plain_punct(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' | '\u{02BC}' | '`' | '\u{00B4}' => '\'',
            '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{00AB}' | '\u{00BB}' => '"',
            '\u{2010}' | '\u{2011}' => '-',
            c => c,
        })
        .collect()
}

/// Strips a possessive ending: "Canada’s" → "Canada", "United States’" → "United States".
pub(super) fn strip_possessive(name: &str) -> &str {
    for suffix in ["\u{2019}s", "'s", "\u{2019}S", "'S"] {
        if let Some(s) = name.strip_suffix(suffix) {
            if !s.is_empty() {
                return s;
            }
        }
    }
    for suffix in ["s\u{2019}", "s'", "S\u{2019}", "S'"] {
        if name.ends_with(suffix) {
            return &name[..name.len() - suffix.len() + 1];
        }
    }
    name
}

/// The identity key of a name: folded, possessive and dots removed, spaces
/// collapsed, a leading "the" dropped. "THE CANADIAN PRESS", "The Canadian
/// Press" and "Canadian Press’s" share the key `canadian press`; "U.S." and
/// "US" share `us`.
pub(crate) fn key(name: &str) -> String {
    let folded = fold(strip_possessive(name.trim()));
    let mut out = String::with_capacity(folded.len());
    for word in folded.split_whitespace() {
        // Each word is written in place, and taken back when it is empty without its dots or a leading "the".
        let (mark, first) = (out.len(), out.is_empty());
        if !first {
            out.push(' ');
        }
        let start = out.len();
        out.extend(word.chars().filter(|&c| c != '.'));
        if out.len() == start || (first && &out[start..] == "the") {
            out.truncate(mark);
        }
    }
    out
}

/// Whether a name is written entirely in capitals (and has at least one letter).
pub(super) fn is_all_caps(name: &str) -> bool {
    name.chars().any(char::is_alphabetic) && !name.chars().any(char::is_lowercase)
}

/// Whether a name looks like an acronym: one word of 2 to 6 capitals, with
/// optional dots ("NATO", "U.S.", "EU").
pub(crate) fn is_acronym(name: &str) -> bool {
    let letters: Vec<char> = name.chars().filter(|&c| c != '.').collect();
    !name.contains(char::is_whitespace) && (2..=6).contains(&letters.len()) && letters.iter().all(|c| c.is_uppercase())
}

/// The initials of a multi-word name, skipping function words: "North
/// Atlantic Treaty Organization" → "nato", "Organization of the Petroleum
/// Exporting Countries" → "opec". `None` for one-word names.
pub(crate) fn initials(name: &str) -> Option<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return None;
    }
    let mut out = String::new();
    for w in words {
        if is_function_word(w) {
            continue;
        }
        for part in w.split('-') {
            out.extend(part.chars().next().filter(|c| c.is_alphabetic()).map(|c| c.to_lowercase().next().unwrap_or(c)));
        }
    }
    (out.len() >= 2).then_some(out)
}

/// Whether an acronym is written as initials with dots ("R.I.", "B.C.", "U.S."): a place's or a person's,
/// unlike a ticker ("BTI.L") or a firm's acronym ("IBM").
fn is_dotted_initials(form: &str) -> bool {
    let b = form.as_bytes();
    b.len() >= 4 && b.len() % 2 == 0 && b.chunks(2).all(|c| c[0].is_ascii_alphabetic() && c[1] == b'.')
}

/// Whether initials with dots would spell a firm's name with its legal form ("R.I." and "Ramada Inc"), which
/// they never name.
pub(crate) fn dotted_initials_of_a_firm(acronym: &str, name: &str) -> bool {
    is_dotted_initials(acronym) && name.split_whitespace().last().is_some_and(is_legal_form)
}

/// Whether a lower-case word names a kind of work whose title may follow it ("the film Sideways", "his album
/// Egypt"): a title after it is MISC, as CoNLL tags titles. "Single", "series" and "novel" are not listed: they
/// are adjectives as often ("a single EU market", "series II warrants", "a novel proposal").
pub(crate) fn is_work_noun(word: &str) -> bool {
    matches!(
        word,
        "film" | "films" | "movie" | "movies" | "album" | "albums" | "musical" | "opera" | "sitcom" | "documentary"
            | "biopic" | "thriller" | "comedy" | "drama" | "song"
    )
}

/// Whether a word closes a firm's name as its legal form ("Co", "Inc", "Ltd", "& Sons"), in any case, with or
/// without its period.
pub(crate) fn is_legal_form(word: &str) -> bool {
    const FORMS: [&str; 16] = ["co", "cos", "inc", "corp", "ltd", "plc", "ag", "nv", "sa", "llc", "lp", "l.p", "gmbh", "sons", "bv", "spa"];
    let w = word.trim_end_matches('.');
    FORMS.iter().any(|f| w.eq_ignore_ascii_case(f))
}

/// Lower-case words that may sit inside a name ("Bank of Canada", "Charles de Gaulle").
pub(super) fn is_function_word(w: &str) -> bool {
    matches!(
        w.to_lowercase().as_str(),
        "of" | "the"
            | "and"
            | "for"
            | "de"
            | "du"
            | "des"
            | "la"
            | "le"
            | "van"
            | "von"
            | "der"
            | "den"
            | "da"
            | "di"
            | "on"
            | "in"
            | "&"
    )
}

/// Whether the char before `start` and the char at `end` of `text` leave the
/// range on word boundaries (only checked where the range's own edge is a
/// letter or digit, so that "OPEC+" and "$29bn" can match).
pub(super) fn on_word_boundaries(text: &str, r: &Range<usize>) -> bool {
    let Some(inner) = text.get(r.clone()) else { return false };
    let first_alnum = inner.chars().next().is_some_and(char::is_alphanumeric);
    let last_alnum = inner.chars().next_back().is_some_and(char::is_alphanumeric);
    let before_ok = !first_alnum || !text[..r.start].chars().next_back().is_some_and(char::is_alphanumeric);
    let after_ok = !last_alnum || !text[r.end..].chars().next().is_some_and(char::is_alphanumeric);
    before_ok && after_ok
}

/// One mention to be built: a byte range of a field, with its label, confidence and origin.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Found {
    /// Byte range in the field's text.
    pub range: Range<usize>,
    /// Label.
    pub label: Label,
    /// Confidence (fixed per origin; see `docs/entities.md`).
    pub confidence: f32,
    /// What found it.
    pub origin: Origin,
}

/// Builds the mentions of one field from byte ranges, with spans, text and
/// (for the body) sentence indexes. Ranges that do not fall on char
/// boundaries of the field are dropped rather than trusted.
pub(super) fn build_mentions(doc: &Document, field: Field, mut found: Vec<Found>) -> Vec<Mention> {
    let text = doc.field_text(field);
    found.sort_by_key(|f| (f.range.start, f.range.end));
    let mut map = SpanMapper::new(text);
    let mut out = Vec::with_capacity(found.len());
    for f in found {
        let Some(slice) = text.get(f.range.clone()) else { continue };
        if slice.is_empty() {
            continue;
        }
        let span = map.span(f.range.clone());
        out.push(Mention {
            field,
            span,
            sentence: if field == Field::Body { sentence_of(doc, f.range.start) } else { None },
            text: slice.to_string(),
            label: f.label,
            confidence: f.confidence,
            origin: f.origin,
            entity: None,
        });
    }
    out
}

/// Index of the body sentence holding byte `offset`.
pub(super) fn sentence_of(doc: &Document, offset: usize) -> Option<usize> {
    let i = doc.sentences.partition_point(|s| s.span.byte.end <= offset);
    doc.sentences.get(i).filter(|s| s.span.byte.start <= offset).map(|_| i)
}

/// The token byte ranges of a field, grouped by sentence: the body's come
/// from the segmenter, the title's and caption's are tokenized here.
pub(super) fn field_sentences(doc: &Document, field: Field) -> Vec<Vec<Range<usize>>> {
    if field == Field::Body && !doc.tokens.is_empty() {
        return doc
            .sentences
            .iter()
            .map(|s| doc.tokens[s.tokens.clone()].iter().map(|t| t.span.byte.clone()).collect())
            .collect();
    }
    crate::segment::sentence_tokens(doc.field_text(field))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_equate_spelling_variants_of_one_name() {
        let cases = [
            ("THE CANADIAN PRESS", "The Canadian Press", true),
            ("Canadian Press’s", "The Canadian Press", true),
            ("U.S.", "US", true),
            ("United States’", "United States", true),
            ("Ottawa’s", "Ottawa", true),
            ("Mark Carney", "Carney", false),
            ("the Quad", "Quad", true),
        ];
        for (a, b, same) in cases {
            assert_eq!(key(a) == key(b), same, "key({a:?}) = {:?}, key({b:?}) = {:?}", key(a), key(b));
        }
    }

    #[test]
    fn folding_maps_back_to_original_offsets() {
        let text = "Visegrád’s İstanbul “X”";
        let f = Folded::new(text);
        // "İ" lower-cases to two chars ("i" and a combining dot): the map must still land on boundaries.
        for needle in ["visegrád's", "i\u{307}stanbul", "\"x\""] {
            let at = f.text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in {:?}", f.text));
            let r = f.original(at..at + needle.len());
            assert!(text.get(r.clone()).is_some(), "range {r:?} of {needle:?} is not on char boundaries");
            assert_eq!(fold(&text[r]), needle, "folded range does not map back to the same text");
        }
        // ASCII text takes the short way; it must fold and map exactly as the long way does.
        let ascii = "The `Coalition' of the WILLING";
        let f = Folded::new(ascii);
        assert_eq!(f.text, fold(ascii));
        assert_eq!(f.original(4..14), 4..14);
        assert_eq!(f.original(25..40), 25..ascii.len(), "a range past the end is cut at the end");
    }

    #[test]
    fn folds_to_agrees_with_fold() {
        for (a, b) in [("Don’t", "don't"), ("İstanbul", "i\u{307}stanbul"), ("NATO", "nato"), ("Nato", "natO")] {
            assert_eq!(folds_to(&fold(b), a), fold(a) == fold(b), "{a:?} against {b:?}");
        }
        assert!(!folds_to("nato", "NATOs"));
    }

    #[test]
    fn acronyms_and_initials() {
        for (name, acronym) in
            [("NATO", true), ("U.S.", true), ("Nato", false), ("G7", false), ("NORTH ATLANTIC", false)]
        {
            assert_eq!(is_acronym(name), acronym, "is_acronym({name:?})");
        }
        assert_eq!(initials("North Atlantic Treaty Organization").as_deref(), Some("nato"));
        assert_eq!(initials("Organization of the Petroleum Exporting Countries").as_deref(), Some("opec"));
        assert_eq!(initials("Greater Toronto Area").as_deref(), Some("gta"));
        assert_eq!(initials("Canada"), None);
        assert!(is_dotted_initials("R.I.") && is_dotted_initials("U.S.") && !is_dotted_initials("BTI.L") && !is_dotted_initials("IBM"));
        assert!(dotted_initials_of_a_firm("R.I.", "Ramada Inc") && !dotted_initials_of_a_firm("RI", "Ramada Inc"));
    }

    #[test]
    fn word_boundaries() {
        let text = "G7s and G7, OPEC+ met";
        assert!(!on_word_boundaries(text, &(0..2)), "G7 inside G7s");
        assert!(on_word_boundaries(text, &(8..10)));
        assert!(on_word_boundaries(text, &(12..17)));
    }
}
