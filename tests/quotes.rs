//! The quote finder on the PolNeAR dev split (shared data, never committed): the shipped cue counts and rules
//! must not score below what was measured when they were committed (`newsnlp eval quotes`, minus a margin
//! for harmless changes). Skipped without NEWSNLP_SHARED_DATA.

use newsnlp::eval::polnear::read_split;
use newsnlp::eval::quotes::{predict, score};
use newsnlp::{Pipeline, PipelineConfig};

#[test]
fn the_shipped_quote_finder_keeps_its_dev_scores() {
    let Some(shared) = crate::util::shared_data() else {
        eprintln!("skipped: NEWSNLP_SHARED_DATA is not set");
        return;
    };
    let articles = read_split(&shared.join("quotes/polnear/data/dev")).expect("PolNeAR dev");
    let mut config = PipelineConfig::default();
    config.topics.enabled = false;
    let pipeline = Pipeline::from_config(&config).expect("default pipeline");
    let s = score(&articles, &predict(&pipeline, &articles));
    // Measured at commit time: direct F1 0.876, reported F1 0.701, speaker accuracy 0.869.
    let margin = 0.02;
    let got = [("direct F1", s.direct.f1(), 0.876), ("reported F1", s.reported.f1(), 0.701), ("speaker accuracy", s.speaker_accuracy(), 0.869)];
    for (what, value, measured) in got {
        assert!(value >= measured - margin, "{what} fell to {value:.3} (measured {measured:.3})");
    }
}
