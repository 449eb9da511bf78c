//! Raw page text → blocks: one block per paragraph, line wraps undone.

/// Normalises raw text: `\r\n` and `\r` become `\n`, a byte-order mark and
/// control characters (other than tab and newline) go, and no-break and
/// other odd spaces become plain spaces.
pub(crate) fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.trim_start_matches('\u{feff}').chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\n' | '\t' => out.push(c),
            '\u{a0}' | '\u{2000}'..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}' => out.push(' '),
            '\u{200b}' | '\u{feff}' | '\u{ad}' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Splits normalised text into paragraph blocks.
///
/// Blank lines separate blocks. Inside a block, an indented line starts a new
/// paragraph (wire copy such as Reuters indents paragraphs instead of leaving
/// blank lines), and when most lines end a sentence each line is its own
/// paragraph (scrapers that write one paragraph per line). Otherwise lines are
/// hard wraps, joined with a space. Runs of spaces collapse to one.
pub(crate) fn split_blocks(text: &str) -> Vec<String> {
    let mut blocks = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.split('\n') {
        if line.trim().is_empty() {
            flush(&mut current, &mut blocks);
        } else {
            current.push(line);
        }
    }
    flush(&mut current, &mut blocks);
    blocks
}

fn flush(lines: &mut Vec<&str>, blocks: &mut Vec<String>) {
    if lines.is_empty() {
        return;
    }
    let ends_sentence = |l: &&str| {
        let t = l.trim_end();
        t.ends_with(['.', '!', '?', '"', '”', '’', ':']) || t.ends_with("...")
    };
    let one_per_line = lines.len() > 1 && lines.iter().filter(|l| ends_sentence(l)).count() * 2 > lines.len();
    let mut para: Vec<&str> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let indented = line.starts_with([' ', '\t']);
        if i > 0 && (one_per_line || indented) {
            push_para(&mut para, blocks);
        }
        para.push(line.trim());
    }
    push_para(&mut para, blocks);
    lines.clear();
}

fn push_para(para: &mut Vec<&str>, blocks: &mut Vec<String>) {
    if para.is_empty() {
        return;
    }
    let mut s = String::new();
    for part in para.iter() {
        for word in part.split([' ', '\t']).filter(|w| !w.is_empty()) {
            if !s.is_empty() {
                s.push(' ');
            }
            s.push_str(word);
        }
    }
    if !s.is_empty() {
        blocks.push(s);
    }
    para.clear();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_follow_the_layout_of_the_text() {
        let cases: [(&str, &[&str]); 5] = [
            ("Title\n\nFirst para\nwrapped here.\n\nSecond.", &["Title", "First para wrapped here.", "Second."]),
            (
                "Showers continued in\nthe zone.\n    The dry period\nmeans delays.\n Reuter",
                &["Showers continued in the zone.", "The dry period means delays.", "Reuter"],
            ),
            ("One sentence here.\nAnother line here.\nThird one.", &["One sentence here.", "Another line here.", "Third one."]),
            ("a  \t b\r\n\r\nc", &["a b", "c"]),
            ("", &[]),
        ];
        for (text, want) in cases {
            assert_eq!(split_blocks(&normalize(text)), want, "blocks of {text:?}");
        }
    }

    #[test]
    fn normalisation_removes_controls_and_odd_spaces() {
        assert_eq!(normalize("\u{feff}a\u{a0}b\r\nc\rd\u{0}e\u{200b}f"), "a b\nc\nde".to_string() + "f");
    }
}
