//! Arbitrary bytes as a page, plain text and HTML: cleaning never panics, and a
//! cleaned body always segments into valid spans.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsnlp::clean::{Cleaner, NewsCleaner};
use newsnlp::document::{Article, TextFormat};
use newsnlp::ingest::decode_html_bytes;

fuzz_target!(|data: &[u8]| {
    let texts = [
        (String::from_utf8_lossy(data).into_owned(), TextFormat::Text),
        (decode_html_bytes(data), TextFormat::Html),
    ];
    for (text, format) in texts {
        let article = Article { id: Some("f".into()), source: "fuzz".into(), text, format, ..Default::default() };
        if let Ok(doc) = NewsCleaner.clean(article) {
            assert!(!doc.body.trim().is_empty(), "a cleaned body is never empty");
            let (_, sentences, tokens) = newsnlp::segment::segment_text(&doc.body);
            assert!(sentences.iter().all(|s| s.span.is_valid_for(&doc.body)));
            assert!(tokens.iter().all(|t| t.span.is_valid_for(&doc.body)));
        }
    }
});
