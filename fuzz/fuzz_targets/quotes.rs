//! Arbitrary text through the quote stage (with the committed tagger, so that speakers resolve): no panic,
//! every quote and speaker a valid span of the body, every speaker's entity one of the document's.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsnlp::entities::resolve::NewsResolver;
use newsnlp::entities::{EntityRecognizer, Tagger};
use newsnlp::quotes::RuleQuoteFinder;
use newsnlp::Pipeline;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let model = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/ner/tagger.bin");
        let tagger = Tagger::load(std::path::Path::new(model)).expect("the committed tagger loads");
        let boxed: Box<dyn EntityRecognizer> = Box::new(tagger);
        Pipeline::builder()
            .recognizer(boxed)
            .resolver(Box::new(NewsResolver::new()))
            .quotes(Box::new(RuleQuoteFinder::new().expect("built-in cues")))
            .build()
            .expect("pipeline")
    })
}

fuzz_target!(|text: &str| {
    if let Ok(doc) = pipeline().analyze_text(text) {
        for q in &doc.quotes {
            assert!(q.span.is_valid_for(&doc.body), "{q:?}");
            assert!((0.0..=1.0).contains(&q.confidence));
            assert!(q.sentence.is_none_or(|s| s < doc.sentences.len()));
            if let Some(s) = &q.speaker {
                assert!(s.span.is_valid_for(&doc.body), "{s:?}");
                assert_eq!(s.span.slice(&doc.body), Some(s.text.as_str()));
                assert!(s.entity.is_none_or(|e| e < doc.entities.len()));
            }
        }
    }
});
