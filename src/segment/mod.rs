//! Segmentation: paragraphs, sentences and tokens over a clean body, with
//! byte and char offsets.
//!
//! Unicode's segmentation rules (UAX #29, through `unicode-segmentation`)
//! give the base; news rules sit on top: "Jan.", "U.S.", "Mr.", "St.",
//! initials and decimals do not end a sentence, a blank line always does,
//! and tokens follow the conventions of news corpora such as CoNLL-2003
//! ("Canada" + "’s", "five-alarm" as one token, "U.S." with its dots).

mod abbrev;
pub mod layout;
mod paragraph;
mod sentence;
mod token;

use std::ops::Range;

use crate::document::{Document, Paragraph, Sentence, Token};
use crate::span::{Span, SpanMapper};

pub(crate) use paragraph::paragraph_ranges;
pub(crate) use sentence::sentence_ranges;
pub(crate) use token::tokenize;

/// Splits a document's body into paragraphs, sentences and tokens.
pub trait Segmenter: Send + Sync {
    /// Fills `doc.paragraphs`, `doc.sentences` and `doc.tokens` from `doc.body`.
    fn segment(&self, doc: &mut Document);
}

/// The built-in segmenter for news text.
#[derive(Debug, Clone, Copy, Default)]
pub struct NewsSegmenter;

impl Segmenter for NewsSegmenter {
    fn segment(&self, doc: &mut Document) {
        let (paragraphs, sentences, tokens) = segment_text(&doc.body);
        doc.paragraphs = paragraphs;
        doc.sentences = sentences;
        doc.tokens = tokens;
    }
}

/// Segments `text` into paragraphs, sentences and tokens, with spans over `text`.
pub fn segment_text(text: &str) -> (Vec<Paragraph>, Vec<Sentence>, Vec<Token>) {
    // One mapper walks the text left to right: each position is asked for in order.
    let mut map = SpanMapper::new(text);
    let mut paragraphs = Vec::new();
    let mut sentences = Vec::new();
    let mut tokens = Vec::new();
    for (p_index, p_range) in paragraph_ranges(text).into_iter().enumerate() {
        let p_start = map.char_at(p_range.start);
        for s_range in sentence_ranges(text, p_range.clone()) {
            let first = tokens.len();
            let s_start = map.char_at(s_range.start);
            for (t_range, kind) in tokenize(text, s_range.clone()) {
                tokens.push(Token { span: map.span(t_range), kind });
            }
            let s_end = map.char_at(s_range.end);
            sentences.push(Sentence {
                span: Span { byte: s_range, char: s_start..s_end },
                paragraph: p_index,
                tokens: first..tokens.len(),
            });
        }
        let p_end = map.char_at(p_range.end);
        paragraphs.push(Paragraph { span: Span { byte: p_range, char: p_start..p_end } });
    }
    (paragraphs, sentences, tokens)
}

/// The tokens of each sentence of `text`, as byte ranges, ignoring paragraphs: how the text of a field
/// that did not go through [`segment_text`] (a title, a caption, a line of unlabelled text) is read.
pub(crate) fn sentence_tokens(text: &str) -> Vec<Vec<Range<usize>>> {
    let mut out = Vec::new();
    for p in paragraph_ranges(text) {
        for s in sentence_ranges(text, p) {
            out.push(tokenize(text, s).into_iter().map(|(r, _)| r).collect());
        }
    }
    out
}

