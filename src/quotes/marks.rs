//! Quotation marks: which marks open and close a quote, in every style news
//! uses (“ ”, " ", '' '', ‘ ’, ' ', « », » «, „ “, ‹ ›), and which stretches of the
//! body they enclose.
//!
//! The scan is one pass over each paragraph, so a 100,000-character quote
//! costs what its characters cost. A quote never crosses a paragraph break
//! by itself: news style opens every paragraph of a long quote again and
//! closes only the last, so a paragraph that ends inside a double quote is
//! continued by the next one when that one opens with a mark of the same
//! family, and is otherwise kept as a quote to the end of its paragraph.
//! Single marks double as apostrophes ("don’t", "the leaders’ talks") and
//! straight ones as feet and inches (`6' 2"`), so they are read only where
//! their neighbours make a quote likely, and a single quote must close in
//! its paragraph. Marks inside a double quote (a nested quote) are part of
//! its text.

use std::ops::Range;

/// One quoted stretch of a paragraph, in body bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    /// The opening mark's start.
    pub(crate) open: usize,
    /// The quoted text, marks excluded.
    pub(crate) text: Range<usize>,
    /// Just past the closing mark, or the end of the text when the paragraph ends before one.
    pub(crate) close: usize,
    /// Whether a closing mark was found.
    pub(crate) closed: bool,
}

/// A quote: its pieces, one per paragraph it runs over.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Chain {
    pub(crate) pieces: Vec<Piece>,
}

impl Chain {
    /// From the first opening mark to just past the last closing mark.
    pub(crate) fn outer(&self) -> Range<usize> {
        self.pieces[0].open..self.pieces[self.pieces.len() - 1].close
    }

    /// From the first quoted character to the last.
    pub(crate) fn inner(&self) -> Range<usize> {
        self.pieces[0].text.start..self.pieces[self.pieces.len() - 1].text.end
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Family {
    Double,
    Single,
}

/// What closes a quote opened by `open`.
fn closers(open: char) -> &'static [char] {
    match open {
        '“' => &['”', '"', '“'],
        '„' => &['“', '”', '"'],
        '”' => &['”'],
        '"' => &['"', '”'],
        '«' => &['»'],
        '»' => &['«'],
        '‘' => &['’', '\''],
        '‚' => &['‘', '’'],
        '\'' => &['\'', '’'],
        '‹' => &['›'],
        '›' => &['‹'],
        _ => &[],
    }
}

fn family(c: char) -> Option<Family> {
    match c {
        '“' | '”' | '„' | '"' | '«' | '»' => Some(Family::Double),
        '‘' | '’' | '‚' | '\'' | '‹' | '›' => Some(Family::Single),
        _ => None,
    }
}

/// Whether `c` at a word's start may open a quote, given the characters around it.
fn opens(c: char, prev: Option<char>, next: Option<char>) -> bool {
    let before_ok = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/:;,".contains(p) || family(p).is_some());
    let after_ok = next.is_some_and(|n| !n.is_whitespace());
    match c {
        '“' | '„' | '‚' => after_ok,
        // French guillemets take a space inside.
        '«' | '‹' => next.is_some(),
        // A closing-style mark opens only in styles that use it so (Swedish ”…”, Danish »…«).
        '”' | '»' | '›' => before_ok && next.is_some_and(char::is_alphanumeric),
        '"' => before_ok && after_ok && !prev.is_some_and(|p| p.is_ascii_digit()),
        '‘' => before_ok && next.is_some_and(char::is_alphanumeric),
        '\'' => before_ok && next.is_some_and(char::is_alphabetic),
        _ => false,
    }
}

/// Whether `c` may close a quote here: single marks not inside a word, straight marks not after a digit
/// (an inch or foot mark) unless they could not be anything else.
fn closes(c: char, prev: Option<char>, next: Option<char>) -> bool {
    match c {
        '’' | '\'' => next.is_none_or(|n| !n.is_alphanumeric()),
        '"' => !prev.is_some_and(|p| p.is_whitespace()) || next.is_none_or(char::is_whitespace),
        _ => true,
    }
}

/// The quotes of a text whose paragraphs are `paragraphs` (byte ranges, in order).
pub(crate) fn find(text: &str, paragraphs: &[Range<usize>]) -> Vec<Chain> {
    let mut chains: Vec<Chain> = Vec::new();
    // A double quote left open at the end of the previous paragraph, and its opening mark.
    let mut open_chain: Option<(Chain, char)> = None;
    for para in paragraphs {
        let Some(p) = text.get(para.clone()) else { continue };
        let pieces = scan(p, para.start);
        let mut pieces = pieces.into_iter().peekable();
        if let Some((mut chain, mark)) = open_chain.take() {
            let continues = pieces.peek().is_some_and(|(piece, m)| piece.open == para.start + leading_space(p) && family(*m) == family(mark));
            if continues {
                let (piece, m) = pieces.next().expect("peeked");
                let still_open = !piece.closed;
                chain.pieces.push(piece);
                if still_open && pieces.peek().is_none() {
                    open_chain = Some((chain, m));
                    continue;
                }
            }
            chains.push(chain);
        }
        while let Some((piece, mark)) = pieces.next() {
            let chain = Chain { pieces: vec![piece] };
            if !chain.pieces[0].closed && pieces.peek().is_none() && family(mark) == Some(Family::Double) {
                open_chain = Some((chain, mark));
            } else {
                chains.push(chain);
            }
        }
    }
    chains.extend(open_chain.map(|(c, _)| c));
    chains.retain(|c| c.pieces.iter().any(|p| !text[p.text.clone()].trim().is_empty()));
    chains
}

fn leading_space(p: &str) -> usize {
    p.len() - p.trim_start().len()
}

/// One quotation mark of a paragraph: where it starts, its bytes, and the characters on either side.
#[derive(Debug, Clone, Copy)]
struct Mark {
    at: usize,
    len: usize,
    c: char,
    prev: Option<char>,
    next: Option<char>,
}

const MARKS: [char; 12] = ['“', '”', '„', '"', '«', '»', '‘', '’', '‚', '\'', '‹', '›'];

/// The marks of a paragraph, in order; two apostrophes in a row are one double mark (the New York Times
/// writes ''quotes'' so). Only the marks are collected, so a long paragraph with a few apostrophes costs
/// little more than the search for them.
fn marks(p: &str) -> Vec<Mark> {
    let mut out: Vec<Mark> = Vec::new();
    let mut skip_to = 0;
    for at in positions(p) {
        let Some(c) = p[at..].chars().next().filter(|c| MARKS.contains(c)) else { continue };
        if at < skip_to {
            continue;
        }
        let (c, len) = if c == '\'' && p[at + 1..].starts_with('\'') { ('"', 2) } else { (c, c.len_utf8()) };
        skip_to = at + len;
        // The character before, as the scan reads it: a merged pair counts as the double mark it stands for.
        let prev = match out.last() {
            Some(m) if m.at + m.len == at => Some(m.c),
            _ => p[..at].chars().next_back(),
        };
        out.push(Mark { at, len, c, prev, next: p[at + len..].chars().next().map(|n| if n == '\'' && p[at + len + 1..].starts_with('\'') { '"' } else { n }) });
    }
    out
}

/// Where marks may start: the bytes `"`, `'` and 0xE2 (which leads every mark from U+2018 to U+203A), found
/// with `memchr`; a paragraph with a guillemet (0xC2 leads U+00AB and U+00BB) is read character by character.
fn positions(p: &str) -> Box<dyn Iterator<Item = usize> + '_> {
    let bytes = p.as_bytes();
    if memchr::memchr(0xC2, bytes).is_some() {
        Box::new(p.match_indices(MARKS).map(|(at, _)| at))
    } else {
        Box::new(memchr::memchr3_iter(b'"', b'\'', 0xE2, bytes))
    }
}

/// The quoted pieces of one paragraph, with the mark that opened each; `base` is the paragraph's offset.
fn scan(p: &str, base: usize) -> Vec<(Piece, char)> {
    let marks = marks(p);
    let mut out = Vec::new();
    let mut i = 0;
    while i < marks.len() {
        let m = marks[i];
        if !opens(m.c, m.prev, m.next) {
            i += 1;
            continue;
        }
        let start = m.at + m.len;
        match find_close(&marks, i, m.c) {
            Some(j) => {
                let close = marks[j];
                out.push((
                    Piece { open: base + m.at, text: base + start..base + close.at, close: base + close.at + close.len, closed: true },
                    m.c,
                ));
                i = j + 1;
            }
            None if family(m.c) == Some(Family::Double) => {
                let end = p.trim_end().len().max(start);
                out.push((Piece { open: base + m.at, text: base + start..base + end, close: base + end, closed: false }, m.c));
                break;
            }
            // An unclosed single mark is an apostrophe or a typo, not a quote.
            None => i += 1,
        }
    }
    out
}

/// The index of the mark that closes the quote opened at mark `i` by `open`.
fn find_close(marks: &[Mark], i: usize, open: char) -> Option<usize> {
    let want = closers(open);
    let mut first_possessive = None;
    for (j, m) in marks.iter().enumerate().skip(i + 1) {
        if !want.contains(&m.c) || !closes(m.c, m.prev, m.next) {
            continue;
        }
        // Inside a single quote, a mark after an s may be a plural possessive ("the leaders’ talks"):
        // prefer a later close that cannot be one.
        if family(open) == Some(Family::Single) && m.prev.is_some_and(|p| p == 's' || p == 'S') && m.next == Some(' ') {
            first_possessive.get_or_insert(j);
            continue;
        }
        return Some(j);
    }
    first_possessive
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<Vec<&str>> {
        let mut paras = Vec::new();
        let mut start = 0;
        for part in text.split("\n\n") {
            paras.push(start..start + part.len());
            start += part.len() + 2;
        }
        find(text, &paras).iter().map(|c| c.pieces.iter().map(|p| &text[p.text.clone()]).collect()).collect()
    }

    #[test]
    fn every_quotation_style_is_read() {
        let cases: &[(&str, &str, &[&[&str]])] = &[
            ("curly double", "He said “we will stay” today.", &[&["we will stay"]]),
            ("straight double", "He said \"we will stay\" today.", &[&["we will stay"]]),
            ("curly single", "He said ‘we will stay’ today.", &[&["we will stay"]]),
            ("straight single", "He said 'we will stay' today.", &[&["we will stay"]]),
            ("doubled apostrophes", "''We will stay,'' he said, ''and don't go.''", &[&["We will stay,"], &["and don't go."]]),
            ("guillemets", "Il a dit « nous restons » hier.", &[&[" nous restons "]]),
            ("reversed guillemets", "Er sagte »wir bleiben« heute.", &[&["wir bleiben"]]),
            ("German low-high", "Er sagte „wir bleiben“ heute.", &[&["wir bleiben"]]),
            ("single guillemets", "Il a dit ‹ oui › hier.", &[&[" oui "]]),
            ("two quotes", "“We will,” she said, “stay.”", &[&["We will,"], &["stay."]]),
            ("apostrophes are not quotes", "It’s the leaders’ talks, don't go.", &[]),
            ("possessive inside a single quote", "‘The leaders’ talks failed,’ he said.", &[&["The leaders’ talks failed,"]]),
            ("inch marks", "He is 6' 2\" tall and 5'11\" wide.", &[]),
            ("nested quote is text", "“He said ‘no’ twice,” she said.", &[&["He said ‘no’ twice,"]]),
            ("unclosed double runs to the paragraph end", "She said “we will stay\n\nNext.", &[&["we will stay"]]),
            (
                "a quote over paragraphs",
                "“We will stay.\n\n“We will fight,” she said.",
                &[&["We will stay.", "We will fight,"]],
            ),
            ("unclosed single is an apostrophe", "The ’90s were long.", &[]),
            ("empty quote", "He said “” twice.", &[]),
        ];
        for (name, text, want) in cases {
            let got = quotes(text);
            let want: Vec<Vec<&str>> = want.iter().map(|c| c.to_vec()).collect();
            assert_eq!(got, want, "case {name:?}: {text:?}");
        }
    }
}
