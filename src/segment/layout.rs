//! The shape of a body: prose, a table of figures, or a list.
//!
//! A wire dump is full of items that are not prose: earnings tables ("Shr
//! profit 13 cts vs loss 33 cts" / "Net profit 1,149,000 vs loss 3,328,000"),
//! dividend notices, price grids, numbered lists. Analysts filter them out
//! (the `layout` column), and the language decision does not trust the
//! detector on them (their letters are abbreviations). The test is on lines,
//! since these blocks are line-shaped: a table is mostly short lines that
//! carry figures (with a few headers such as "Year" or "Nine mths"), a list
//! mostly lines that open with a bullet or a number.

use crate::document::BodyLayout;

/// A line of more words than this is a sentence, not a row of figures.
const MAX_ROW_WORDS: usize = 12;
/// A header of a table ("Year", "Nine mths") has at most this many words.
const MAX_HEADER_WORDS: usize = 3;
/// Rows and headers are short lines (in chars too, for scripts written without spaces).
const MAX_ROW_CHARS: usize = 90;
const MAX_HEADER_CHARS: usize = 30;
/// The share of the lines that must be rows (and headers) of a table, or items of a list.
const MIN_SHARE: f64 = 0.6;
/// The share of the lines that must be rows of figures (headers alone do not make a table).
const MIN_ROW_SHARE: f64 = 0.4;
/// The share of the text (in chars) that the rows and headers of a table must hold.
const MIN_TEXT_SHARE: f64 = 0.3;

/// The layout of a clean body.
pub fn layout_of(body: &str) -> BodyLayout {
    let (mut n, mut items, mut rows, mut headers, mut table_chars, mut chars) = (0usize, 0usize, 0usize, 0usize, 0, 0);
    for line in body.lines().map(str::trim).filter(|l| !l.is_empty()) {
        let shape = LineShape::of(line);
        n += 1;
        chars += shape.chars;
        items += usize::from(is_item(line));
        if shape.is_row(line) {
            rows += 1;
            table_chars += shape.chars;
        } else if shape.is_header(line) {
            headers += 1;
            table_chars += shape.chars;
        }
    }
    let n = n as f64;
    if items >= 3 && items as f64 >= MIN_SHARE * n {
        return BodyLayout::List;
    }
    // Most lines, and a good part of the text: a web page's short headings between paragraphs do not make a
    // table, and a note under an earnings table can be longer than the table.
    let table = rows >= 2
        && (rows + headers) as f64 >= MIN_SHARE * n
        && rows as f64 >= MIN_ROW_SHARE * n
        && table_chars as f64 >= MIN_TEXT_SHARE * chars as f64;
    if table { BodyLayout::Table } else { BodyLayout::Prose }
}

/// The counts of one line, in one pass.
struct LineShape {
    words: usize,
    /// Words with an ASCII digit.
    figures: usize,
    chars: usize,
}

impl LineShape {
    fn of(line: &str) -> LineShape {
        let (mut words, mut figures, mut chars) = (0, 0, 0);
        let (mut in_word, mut has_digit) = (false, false);
        for c in line.chars() {
            chars += 1;
            if c.is_whitespace() {
                if in_word {
                    figures += usize::from(has_digit);
                }
                (in_word, has_digit) = (false, false);
            } else {
                words += usize::from(!in_word);
                in_word = true;
                has_digit |= c.is_ascii_digit();
            }
        }
        figures += usize::from(in_word && has_digit);
        LineShape { words, figures, chars }
    }

    /// A row of figures: short, with a figure, and either mostly figures or not a sentence.
    fn is_row(&self, line: &str) -> bool {
        if self.figures == 0 || self.words > MAX_ROW_WORDS || self.chars > MAX_ROW_CHARS {
            return false;
        }
        self.figures * 4 >= self.words || !line.ends_with(['.', '!', '?', '"', '”'])
    }

    /// A header line of a table: a few words, no figure, no sentence ending.
    fn is_header(&self, line: &str) -> bool {
        self.words <= MAX_HEADER_WORDS
            && self.chars <= MAX_HEADER_CHARS
            && !line.bytes().any(|b| b.is_ascii_digit())
            && !line.ends_with(['.', '!', '?', ','])
    }
}

/// An item of a list: a bullet, or a number or letter with `.` or `)`, then a space.
fn is_item(line: &str) -> bool {
    let mut chars = line.chars();
    let Some(first) = chars.next() else { return false };
    if matches!(first, '-' | '*' | '•' | '·' | '–' | '—' | '▪' | '‣' | '◦' | '●' | '■') {
        return chars.next().is_some_and(char::is_whitespace);
    }
    let marker = line.bytes().take_while(u8::is_ascii_alphanumeric).count();
    let head = &line.as_bytes()[..marker];
    let numbered = (1..=2).contains(&marker)
        && (head.iter().all(u8::is_ascii_digit) || (marker == 1 && head[0].is_ascii_lowercase()));
    numbered && {
        let rest = &line[marker..];
        (rest.starts_with(". ") || rest.starts_with(") ")) && rest.len() > 2
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bodies_are_prose_tables_or_lists() {
        let cases = [
            ("Shr profit 13 cts vs loss 33 cts\n\nNet profit 1,149,000 vs loss 3,328,000\n\nRevs 20.5 mln vs 18.2 mln", BodyLayout::Table),
            ("Shr 39 cts vs 50 cts\n\nNet 1,545,160 vs 2,188,933\n\nYear\n\nShr 1.53 dlrs vs 1.21 dlrs\n\nNet 6,635,318 vs 5,050,044\n\nNOTE: Results include an adjustment of 848,600 dlrs for the 1986 year.", BodyLayout::Table),
            ("Qtly div 87 cts vs 87 cts\n\nPay Feb 17\n\nRecord Jan 20", BodyLayout::Table),
            ("- Rates rise\n- Shares fall\n- Oil steady\nMarkets closed early.", BodyLayout::List),
            ("1. Open the file.\n2. Read it.\n3) Close it.", BodyLayout::List),
            ("Magma Copper Co said it is cutting its copper cathode price by 0.75 cent to 66 cents a lb, effective immediately.", BodyLayout::Prose),
            ("The bank raised its rate to 5.5 pct on March 3.\n\nIt said prices rose 2.1 pct in the year to February.\n\nAnalysts had expected 1.9 pct.", BodyLayout::Prose),
            ("Prime Minister Mark Carney is in Paris today.\n\n- He met Ukraine's allies.", BodyLayout::Prose),
            ("Die ersten zehn Spieltage sind gespielt. Wie sähe die Tabelle ohne Fehlentscheidungen aus?\n\nFazit\n\n\
              Mittlerweile vergeht kein Wochenende mehr, an dem nicht über den Schiedsrichter und den VAR diskutiert \
              wird, und auch am 10. Spieltag gab es gleich mehrere strittige Entscheidungen.\n\n1. FC Köln 12\n\n\
              Bayern 25\n\nTabelle\n\nHertha 9", BodyLayout::Prose),
            ("", BodyLayout::Prose),
        ];
        for (body, want) in cases {
            assert_eq!(layout_of(body), want, "{body:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn layout_never_panics(body in "\\PC{0,300}") {
            let _ = layout_of(&body);
        }
    }
}
