//! Property tests on the text stages: no panic on any input, and every span
//! falls on char boundaries and slices back to its text.

use newsnlp::clean::{html, Cleaner, NewsCleaner};
use newsnlp::document::{Article, TextFormat};
use newsnlp::segment::segment_text;
use proptest::prelude::*;

/// Text that mixes what breaks naive code: multi-byte letters, emoji (with ZWJ and
/// skin tones), combining marks, CRLF, lone CR, tabs, abbreviations and quotes.
fn newsy_text() -> impl Strategy<Value = String> {
    let pieces = prop::sample::select(vec![
        "Mr.", "U.S.", "Jan.", "6,", "2026.", "St.", "J.", "3.5", "Carney", "PARIS", "—", "“quoted,”", "’s", "n't",
        "é", "e\u{301}", "🎉", "👩🏽‍💻", "€", "\r\n", "\n\n", "\r", "\t", " ", "  ", ".", "!", "?", "...", "a",
        "updated", "26m ago", "By Jane Doe, The Canadian Press", "THE CANADIAN PRESS/Jo", "-", "'", "\u{a0}", "",
    ]);
    (prop::collection::vec(pieces, 0..60), any::<String>()).prop_map(|(v, noise)| {
        let mut s = v.join(" ");
        s.push_str(&noise);
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn segment_spans_are_valid(text in newsy_text()) {
        let (paragraphs, sentences, tokens) = segment_text(&text);
        for p in &paragraphs {
            prop_assert!(p.span.is_valid_for(&text), "paragraph {:?}", p.span);
        }
        for s in &sentences {
            prop_assert!(s.span.is_valid_for(&text), "sentence {:?}", s.span);
            let body = s.span.slice(&text).unwrap();
            prop_assert!(!body.is_empty() && body.trim() == body, "sentence text {:?} is empty or untrimmed", body);
            let para = &paragraphs[s.paragraph].span;
            prop_assert!(para.byte.start <= s.span.byte.start && s.span.byte.end <= para.byte.end);
            for t in &tokens[s.tokens.clone()] {
                prop_assert!(t.span.is_valid_for(&text), "token {:?}", t.span);
                prop_assert!(s.span.byte.start <= t.span.byte.start && t.span.byte.end <= s.span.byte.end);
            }
        }
        prop_assert!(tokens.windows(2).all(|w| w[0].span.byte.end <= w[1].span.byte.start), "tokens overlap");
    }

    #[test]
    fn clean_never_panics_and_its_body_segments(text in newsy_text()) {
        let article = Article { id: Some("p".into()), source: "prop".into(), text, ..Default::default() };
        if let Ok(doc) = NewsCleaner.clean(article) {
            prop_assert!(!doc.body.trim().is_empty());
            let (_, sentences, _) = segment_text(&doc.body);
            for s in sentences {
                prop_assert!(s.span.is_valid_for(&doc.body));
            }
        }
    }

    #[test]
    fn html_cleaning_never_panics(text in newsy_text(), cut in 0usize..200) {
        let page = format!("<html><body><article><p>{text}</p><p>{text}</p></article><nav>{text}</nav></body></html>");
        let mut end = page.len().saturating_sub(cut);
        while !page.is_char_boundary(end) { end -= 1; }
        let truncated = &page[..end];
        let _ = html::extract(truncated);
        let article = Article { text: truncated.to_string(), format: TextFormat::Html, ..Default::default() };
        let _ = NewsCleaner.clean(article);
    }
}

#[test]
fn edge_cases_segment_cleanly() {
    for text in ["", " ", "\r\n", "\n\n\n", "🎉", "e\u{301}\u{301}", ".", "Mr.", "U.S.", "a\r\nb\rc"] {
        let (_, sentences, tokens) = segment_text(text);
        for s in &sentences {
            assert!(s.span.is_valid_for(text), "{text:?}: {s:?}");
        }
        for t in &tokens {
            assert!(t.span.is_valid_for(text), "{text:?}: {t:?}");
        }
    }
}
