//! Arbitrary text through the committed entity tagger: no panic, and every
//! mention is a valid span of the field it names whose text it carries.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use newsnlp::entities::{EntityRecognizer, Tagger};
use newsnlp::Pipeline;

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| {
        let model = concat!(env!("CARGO_MANIFEST_DIR"), "/../models/ner/tagger.bin");
        let tagger = Tagger::load(std::path::Path::new(model)).expect("the committed tagger loads");
        let boxed: Box<dyn EntityRecognizer> = Box::new(tagger);
        Pipeline::builder().recognizer(boxed).build().expect("pipeline")
    })
}

fuzz_target!(|text: &str| {
    if let Ok(doc) = pipeline().analyze_text(text) {
        for m in &doc.mentions {
            let field = doc.field_text(m.field);
            assert!(m.span.is_valid_for(field), "{m:?}");
            assert_eq!(m.span.slice(field), Some(m.text.as_str()));
            assert!((0.0..=1.0).contains(&m.confidence));
        }
    }
});
