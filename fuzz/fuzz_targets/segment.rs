//! Arbitrary text: paragraphs, sentences and tokens are valid spans, nested and in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let (paragraphs, sentences, tokens) = newsnlp::segment::segment_text(text);
    for p in &paragraphs {
        assert!(p.span.is_valid_for(text));
    }
    for s in &sentences {
        assert!(s.span.is_valid_for(text));
        let p = &paragraphs[s.paragraph].span;
        assert!(p.byte.start <= s.span.byte.start && s.span.byte.end <= p.byte.end);
        for t in &tokens[s.tokens.clone()] {
            assert!(t.span.is_valid_for(text));
            assert!(s.span.byte.start <= t.span.byte.start && t.span.byte.end <= s.span.byte.end);
        }
    }
    assert!(tokens.windows(2).all(|w| w[0].span.byte.end <= w[1].span.byte.start));
});
