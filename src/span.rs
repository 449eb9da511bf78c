//! Spans: where a piece of text sits inside a longer one.
//!
//! Every annotation carries both byte offsets (for Rust, which slices `str`
//! by bytes) and char offsets (for Python and most analysts' tools, which
//! slice by Unicode scalar values). Both are half-open ranges over the same
//! text, so `&text[span.byte.clone()]` in Rust and `text[char_start:char_end]`
//! in Python give the same string.

use std::ops::Range;

/// A half-open range of a text, in bytes and in chars.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default, serde::Serialize, serde::Deserialize)]
pub struct Span {
    /// Byte offsets; both ends fall on char boundaries.
    pub byte: Range<usize>,
    /// Char (Unicode scalar value) offsets.
    pub char: Range<usize>,
}

impl Span {
    /// The span's text inside `text`, or `None` when it does not fit there.
    pub fn slice<'t>(&self, text: &'t str) -> Option<&'t str> {
        text.get(self.byte.clone())
    }

    /// Whether the span is well formed for `text`: ends on char boundaries, and
    /// the char range agrees with the byte range.
    pub fn is_valid_for(&self, text: &str) -> bool {
        match text.get(self.byte.clone()) {
            Some(s) => {
                let start = text[..self.byte.start].chars().count();
                self.char.start == start && self.char.end == start + s.chars().count()
            }
            None => false,
        }
    }

    /// Length in bytes.
    pub fn len_bytes(&self) -> usize {
        self.byte.end - self.byte.start
    }

    /// Whether the span is empty.
    pub fn is_empty(&self) -> bool {
        self.byte.start >= self.byte.end
    }
}

/// Turns byte offsets into [`Span`]s over one text, cheaply when the offsets
/// arrive in increasing order (the usual case: tokens, sentences, mentions).
///
/// Each conversion walks forward from the last position asked for, so a
/// left-to-right pass over a text costs O(length) in total. Going backwards
/// restarts from the beginning (still correct, only slower).
#[derive(Debug, Clone)]
pub(crate) struct SpanMapper<'t> {
    text: &'t str,
    byte: usize,
    char: usize,
}

impl<'t> SpanMapper<'t> {
    /// A mapper over `text`.
    pub(crate) fn new(text: &'t str) -> Self {
        SpanMapper { text, byte: 0, char: 0 }
    }

    /// The char offset of byte offset `byte`, which must be a char boundary
    /// (offsets inside a char are rounded down to its start).
    pub(crate) fn char_at(&mut self, byte: usize) -> usize {
        let byte = floor_char_boundary(self.text, byte.min(self.text.len()));
        if byte < self.byte {
            self.byte = 0;
            self.char = 0;
        }
        self.char += count_chars(&self.text.as_bytes()[self.byte..byte]);
        self.byte = byte;
        self.char
    }

    /// The span for byte range `range`.
    pub(crate) fn span(&mut self, range: Range<usize>) -> Span {
        let start = self.char_at(range.start);
        let end = self.char_at(range.end);
        let byte = floor_char_boundary(self.text, range.start.min(self.text.len()))
            ..floor_char_boundary(self.text, range.end.min(self.text.len()));
        Span { byte, char: start..end }
    }
}

/// Counts chars in a UTF-8 byte slice that starts and ends on char boundaries.
fn count_chars(bytes: &[u8]) -> usize {
    // Every char has exactly one byte that is not a continuation byte (0b10xx_xxxx).
    bytes.iter().filter(|&&b| (b as i8) >= -0x40).count()
}

/// The largest char boundary of `text` at or below `i`.
pub(crate) fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    if i >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spans_round_trip_on_multibyte_text() {
        let text = "Café — 🎉 naïve";
        let mut m = SpanMapper::new(text);
        for (start, end, want) in [(0, 5, "Café"), (6, 9, "—"), (10, 14, "🎉"), (15, 21, "naïve")] {
            let s = m.span(start..end);
            assert_eq!(s.slice(text), Some(want), "byte range {start}..{end}");
            assert!(s.is_valid_for(text), "{s:?}");
            let chars: String = text.chars().skip(s.char.start).take(s.char.len()).collect();
            assert_eq!(chars, want);
        }
    }

    #[test]
    fn going_backwards_restarts() {
        let text = "ééé";
        let mut m = SpanMapper::new(text);
        assert_eq!(m.char_at(6), 3);
        assert_eq!(m.char_at(2), 1);
    }

    #[test]
    fn offsets_inside_a_char_round_down() {
        let text = "aé";
        let mut m = SpanMapper::new(text);
        assert_eq!(m.span(0..2).byte, 0..1);
    }
}
