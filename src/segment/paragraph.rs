//! Paragraphs: runs of text separated by one or more blank lines.

use std::ops::Range;

/// Byte ranges of the paragraphs of `text`, trimmed of surrounding whitespace.
///
/// A blank line (one holding only whitespace) separates paragraphs; `\r\n`
/// line ends are handled like `\n`.
pub(crate) fn paragraph_ranges(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut line_start = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            if start.is_none() {
                start = Some(line_start + lead);
            }
            end = line_start + content.trim_end().len();
        }
        line_start += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blank_lines_separate_paragraphs() {
        let cases: [(&str, &[&str]); 5] = [
            ("", &[]),
            ("One.\n\nTwo.", &["One.", "Two."]),
            ("  One.\nstill one.  \n \t\n\n\nTwo.\r\n\r\nThree.\r\n", &["One.\nstill one.", "Two.", "Three."]),
            ("\n\n  \n", &[]),
            ("Ünïcödé 🎉\n\nnext", &["Ünïcödé 🎉", "next"]),
        ];
        for (text, want) in cases {
            let got: Vec<&str> = paragraph_ranges(text).into_iter().map(|r| &text[r]).collect();
            assert_eq!(got, want, "paragraphs of {text:?}");
        }
    }
}
