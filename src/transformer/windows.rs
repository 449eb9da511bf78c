//! Windows: how a text longer than the encoder's input is cut into pieces
//! that each fit, so that none of it is silently truncated.
//!
//! Transformer encoders read a bounded number of word pieces, and rust-bert's
//! pipelines cut longer inputs off without a word. Here the text is cut first:
//! every token of the text lands in exactly one window, and a window ends, by
//! preference, at a sentence end, else at a word start, else anywhere (a
//! single "word" longer than a window, such as a run of digits). The
//! tokenizer is passed in as a function, so that this module does not depend
//! on libtorch and is tested with a whitespace tokenizer.

use std::ops::Range;

/// A piece of a text that the encoder reads whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Its number of tokens (as the tokenizer counts them on the window alone).
    pub tokens: usize,
}

/// Cuts `text` into windows of at most `budget` tokens. `tokens` returns the
/// byte ranges of the tokens of a text, in order. A text with no tokens
/// (blank, or only characters the tokenizer drops) has no windows.
pub fn windows(text: &str, budget: usize, tokens: &dyn Fn(&str) -> Vec<Range<usize>>) -> Vec<Window> {
    let budget = budget.max(1);
    let toks = tokens(text);
    if toks.is_empty() {
        return Vec::new();
    }
    if toks.len() <= budget {
        let range = toks[0].start..toks[toks.len() - 1].end;
        return vec![Window { range, tokens: toks.len() }];
    }
    let sentence_start = sentence_starts(text, &toks);
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        let j = cut(text, &toks, &sentence_start, i, budget);
        push_checked(text, &toks, i..j, budget, tokens, &mut out);
        i = j;
    }
    out
}

/// Where the window that starts at token `i` ends (exclusive token index).
fn cut(text: &str, toks: &[Range<usize>], sentence_start: &[bool], i: usize, budget: usize) -> usize {
    let limit = (i + budget).min(toks.len());
    if limit == toks.len() {
        return limit;
    }
    // Cutting before token k keeps tokens i..k; the latest good cut wins, so windows stay full.
    if let Some(k) = (i + 1..=limit).rev().find(|&k| sentence_start[k]) {
        return k;
    }
    let word_start = |k: usize| text[toks[k - 1].end..toks[k].start].chars().any(char::is_whitespace);
    if let Some(k) = (i + 1 + budget / 2..=limit).rev().find(|&k| word_start(k)) {
        return k;
    }
    limit
}

/// Pushes the window of tokens `run`, after checking that the tokenizer, run
/// on the window's text alone, still counts at most `budget` tokens. Cutting
/// inside a word can make the pieces tokenize differently (a `##suffix`
/// becomes a word of its own), so a window over budget is halved until it fits.
fn push_checked(
    text: &str,
    toks: &[Range<usize>],
    run: Range<usize>,
    budget: usize,
    tokens: &dyn Fn(&str) -> Vec<Range<usize>>,
    out: &mut Vec<Window>,
) {
    let range = toks[run.start].start..toks[run.end - 1].end;
    let n = tokens(&text[range.clone()]).len();
    if n <= budget || run.len() == 1 {
        // A single token always fits: the tokenizer maps an overlong word to one unknown token.
        out.push(Window { range, tokens: n.min(budget).max(1) });
        return;
    }
    let mid = run.start + run.len() / 2;
    push_checked(text, toks, run.start..mid, budget, tokens, out);
    push_checked(text, toks, mid..run.end, budget, tokens, out);
}

/// For each token, whether a sentence starts at it (the first token at or
/// after a sentence start of the news segmenter).
fn sentence_starts(text: &str, toks: &[Range<usize>]) -> Vec<bool> {
    let mut starts = Vec::new();
    for p in crate::segment::paragraph_ranges(text) {
        starts.extend(crate::segment::sentence_ranges(text, p).into_iter().map(|s| s.start));
    }
    let mut flags = vec![false; toks.len()];
    let mut k = 0;
    for s in starts {
        while k < toks.len() && toks[k].start < s {
            k += 1;
        }
        if k < toks.len() {
            flags[k] = true;
        }
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whitespace tokens, with words longer than 6 chars split into 3-char pieces (like word pieces).
    fn pieces(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut start = None;
        for (i, c) in text.char_indices().chain(std::iter::once((text.len(), ' '))) {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    let word = &text[s..i];
                    if word.chars().count() > 6 {
                        let mut b = s;
                        for (n, (off, _)) in word.char_indices().enumerate() {
                            if n > 0 && n % 3 == 0 {
                                out.push(b..s + off);
                                b = s + off;
                            }
                        }
                        out.push(b..i);
                    } else {
                        out.push(s..i);
                    }
                    start = None;
                }
                _ => {}
            }
        }
        out
    }

    fn check(name: &str, text: &str, budget: usize) -> Vec<Window> {
        let ws = windows(text, budget, &pieces);
        let (start, end) = (ws.first().map_or(text.len(), |w| w.range.start), ws.last().map_or(text.len(), |w| w.range.end));
        assert!(text[..start].trim().is_empty() && text[end..].trim().is_empty(), "{name}: text before or after the windows was dropped");
        for w in &ws {
            let n = pieces(&text[w.range.clone()]).len();
            assert!(n <= budget, "{name}: window {:?} has {n} tokens, over the budget {budget}", &text[w.range.clone()]);
            assert_eq!(n, w.tokens, "{name}: the window's token count is wrong");
        }
        for pair in ws.windows(2) {
            assert!(pair[0].range.end <= pair[1].range.start, "{name}: windows overlap or are out of order");
            assert!(text[pair[0].range.end..pair[1].range.start].trim().is_empty(), "{name}: text between windows was dropped");
        }
        ws
    }

    #[test]
    fn windows_cover_the_text_and_fit_the_budget() {
        let long_sentence = "word ".repeat(25);
        let long_word = format!("a {} b", "x".repeat(40));
        let many = "The bank raised rates. Markets fell sharply. Traders were surprised. ".repeat(6);
        let cases: &[(&str, &str, usize, usize)] = &[
            ("short text is one window", "The bank raised rates.", 10, 1),
            ("blank text has no windows", "  \n ", 10, 0),
            ("sentences are packed in pairs", &many, 16, 9),
            ("a long sentence is cut at words", &long_sentence, 10, 3),
            ("a long word is cut inside", &long_word, 4, 4),
            ("multibyte text", "Café naïve 🎉 déjà-vu. Über alles wieder. ", 3, 4),
        ];
        for &(name, text, budget, want) in cases {
            let ws = check(name, text, budget);
            assert_eq!(ws.len(), want, "{name}: got windows {:?}", ws.iter().map(|w| &text[w.range.clone()]).collect::<Vec<_>>());
        }
    }

    #[test]
    fn windows_end_at_sentence_ends_when_they_can() {
        let text = "One two three. Four five six. Seven eight nine.";
        let ws = check("sentences", text, 7);
        let first = &text[ws[0].range.clone()];
        assert_eq!(first, "One two three. Four five six.", "a window should end at the last sentence end that fits");
    }

    proptest::proptest! {
        #[test]
        fn never_drops_text(text in "\\PC{0,300}", budget in 1usize..20) {
            check("property", &text, budget);
        }
    }
}
