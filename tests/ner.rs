//! The entity tagger end to end: the committed model on the sample page, the
//! CLI on a small CoNLL fixture, and (with NEWSNLP_SHARED_DATA) the dev set.

use newsnlp::entities::Tagger;
use newsnlp::{Field, Label, Pipeline};

use crate::util::{fixture, run};

fn sample_mentions() -> Vec<(Field, String, Label)> {
    let tagger = Tagger::load_default(None).expect("the committed model loads");
    let pipeline = Pipeline::builder().recognizer(Box::new(tagger)).build().unwrap();
    let page = std::fs::read_to_string(fixture("cp-2026-01-06-carney-paris.txt")).unwrap();
    let doc = pipeline.analyze_text(&page).expect("the sample page is analysed");
    for m in &doc.mentions {
        let text = match m.field {
            Field::Title => doc.meta.title.as_deref().unwrap_or(""),
            Field::Caption => doc.meta.caption.as_deref().unwrap_or(""),
            Field::Body => &doc.body,
        };
        assert_eq!(m.span.slice(text), Some(m.text.as_str()), "mention spans index their field: {m:?}");
        assert!((0.0..=1.0).contains(&m.confidence), "confidence in 0..1: {m:?}");
        assert_eq!(m.sentence.is_some(), m.field == Field::Body, "only body mentions have a sentence: {m:?}");
    }
    doc.mentions.iter().map(|m| (m.field, m.text.clone(), m.label)).collect()
}

#[test]
fn the_sample_page_names_its_people_places_and_organisations() {
    let mentions = sample_mentions();
    let want = [
        ("Mark Carney", Label::Person),
        ("Mark Rutte", Label::Person),
        ("Nicolas Maduro", Label::Person),
        ("Nadia Burger", Label::Person),
        ("NATO", Label::Organization),
        ("The Canadian Press", Label::Organization),
        ("Paris", Label::Location),
        ("Ukraine", Label::Location),
        ("Russia", Label::Location),
        ("Canada", Label::Location),
        ("Denmark", Label::Location),
        ("Finland", Label::Location),
    ];
    let mut missing = Vec::new();
    for (text, label) in want {
        // The agency is named only in the caption's credit, in capitals: "THE CANADIAN PRESS/Christinne Muschi".
        if !mentions.iter().any(|(_, t, l)| t.eq_ignore_ascii_case(text) && *l == label) {
            missing.push(format!("{text} ({label})"));
        }
    }
    assert!(missing.is_empty(), "the tagger misses {missing:?} on the sample page; it found {mentions:?}");
    let freezing = mentions.iter().find(|(_, t, l)| t.starts_with("Freezing") && *l == Label::Person);
    assert!(freezing.is_none(), "\"Freezing\" in \"Freezing rain\" is not a person: {freezing:?}");
}

#[test]
fn train_and_eval_run_end_to_end_on_a_tiny_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture("ner-tiny.conll");
    let (data, out) = (data.to_str().unwrap(), dir.path().to_str().unwrap());
    let train = run(&["train", "ner", "--train", data, "--dev", data, "--out", out, "--epochs", "5", "--folds", "2"]);
    assert!(train.status.success(), "train ner failed: {}", String::from_utf8_lossy(&train.stderr));
    assert!(dir.path().join("tagger.bin").is_file(), "train ner writes OUT/tagger.bin");
    let scores: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(dir.path().join("dev-scores.json")).unwrap()).unwrap();
    let f1 = scores["micro"]["f1"].as_f64().expect("dev-scores.json has micro.f1");
    assert!(f1 > 0.8, "a tagger trained and scored on the same 6 sentences should fit them: F1 {f1}");

    let pred = dir.path().join("pred.txt");
    let eval = run(&["eval", "ner", data, "--model", out, "--predictions", pred.to_str().unwrap()]);
    assert!(eval.status.success(), "eval ner failed: {}", String::from_utf8_lossy(&eval.stderr));
    let table = String::from_utf8_lossy(&eval.stdout);
    for row in ["PER", "LOC", "ORG", "MISC", "micro"] {
        assert!(table.lines().any(|l| l.starts_with(row)), "the score table has a {row} row:\n{table}");
    }
    let lines: Vec<String> = std::fs::read_to_string(&pred).unwrap().lines().map(String::from).collect();
    assert_eq!(lines.iter().filter(|l| l.is_empty()).count(), 6, "one blank line after each sentence");
    assert_eq!(lines[0].split(' ').collect::<Vec<_>>()[..2], ["Mark", "B-PER"], "token, gold tag in IOB2 (the file is IOB1)");
    assert!(lines.iter().filter(|l| !l.is_empty()).all(|l| l.split(' ').count() == 3), "`token gold predicted` lines");

    let scores = dir.path().join("dev-scores.json");
    let strict = run(&["eval", "ner", data, "--model", out, "--ner-backend", "fast", "--baseline", scores.to_str().unwrap()]);
    assert!(strict.status.success(), "a model meets its own recorded score: {}", String::from_utf8_lossy(&strict.stderr));

    // The re-typer is trained beside the tagger and scored as the accurate backend.
    assert!(dir.path().join("retyper.bin").is_file(), "train ner writes OUT/retyper.bin");
    let accurate_scores = dir.path().join("dev-scores-accurate.json");
    let accurate = run(&["eval", "ner", data, "--model", out, "--ner-backend", "accurate", "--baseline", accurate_scores.to_str().unwrap()]);
    assert!(accurate.status.success(), "the accurate backend meets its recorded score: {}", String::from_utf8_lossy(&accurate.stderr));
}

#[test]
fn the_accurate_backend_needs_a_retyper() {
    let dir = tempfile::tempdir().unwrap();
    let data = fixture("ner-tiny.conll");
    let (data, out) = (data.to_str().unwrap(), dir.path().to_str().unwrap());
    let train = run(&["train", "ner", "--train", data, "--out", out, "--epochs", "2", "--folds", "2", "--backend", "fast"]);
    assert!(train.status.success(), "{}", String::from_utf8_lossy(&train.stderr));
    assert!(!dir.path().join("retyper.bin").exists(), "--backend fast writes no re-typer");
    let fast = run(&["eval", "ner", data, "--model", out, "--ner-backend", "fast"]);
    assert!(fast.status.success(), "{}", String::from_utf8_lossy(&fast.stderr));
    let accurate = run(&["eval", "ner", data, "--model", out, "--ner-backend", "accurate"]);
    assert_eq!(accurate.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&accurate.stderr).contains("retyper.bin"), "{}", String::from_utf8_lossy(&accurate.stderr));
    let builtin = run(&["eval", "ner", data, "--model", out]);
    assert!(builtin.status.success(), "the default backend is the tagger alone when there is no re-typer");
    assert_eq!(builtin.stdout, fast.stdout, "the same scores as `fast`");
}

#[test]
fn a_missing_model_is_a_clear_error() {
    let out = run(&["eval", "ner", fixture("ner-tiny.conll").to_str().unwrap(), "--model", "/nonexistent/tagger.bin"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("/nonexistent/tagger.bin"), "the error names the file");
}

/// The committed model still scores the dev figure recorded next to it (needs NEWSNLP_SHARED_DATA).
#[test]
fn the_committed_model_scores_its_recorded_dev_figure() {
    let Some(data) = crate::util::shared_data() else {
        eprintln!("NEWSNLP_SHARED_DATA is not set: skipping the CoNLL-2003 dev check");
        return;
    };
    let dev = data.join("ner/conll2003/valid.txt");
    for (backend, scores) in [("fast", "dev-scores.json"), ("accurate", "dev-scores-accurate.json")] {
        let baseline = crate::util::root().join("models/ner").join(scores);
        let args = ["eval", "ner", dev.to_str().unwrap(), "--ner-backend", backend, "--baseline", baseline.to_str().unwrap(), "--max-drop", "0.0005"];
        let out = run(&args);
        assert!(out.status.success(), "{backend}: {}", String::from_utf8_lossy(&out.stderr));
    }
}

mod properties {
    use std::sync::OnceLock;

    use newsnlp::entities::Tagger;
    use newsnlp::entities::EntityRecognizer;
    use newsnlp::{Document, Field};
    use proptest::prelude::*;

    fn tagger() -> &'static Tagger {
        static T: OnceLock<Tagger> = OnceLock::new();
        T.get_or_init(|| Tagger::load_default(None).expect("the committed model loads"))
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]
        /// Any text, in any field: no panic, and every mention's span slices its own text out of its field.
        #[test]
        fn mentions_always_slice_their_field(
            body in "([A-Z][a-z]{0,8}|[a-z]{1,8}|[A-Z]{2,5}|[0-9]{1,4}|[.,;:!?’“”—/()€🎉é\u{301}-]| |\n\n){0,60}",
            title in "([A-Z][a-z]{0,8}|[A-Z]{2,5}|[’—/ ]| ){0,12}",
        ) {
            let mut doc = Document { body: body.clone(), ..Document::default() };
            doc.meta.title = Some(title.clone());
            doc.meta.caption = Some(format!("{title} THE CANADIAN PRESS/Ann Lee"));
            newsnlp::segment::Segmenter::segment(&newsnlp::segment::NewsSegmenter, &mut doc);
            for m in tagger().recognize(&doc).unwrap() {
                let text = match m.field {
                    Field::Title => doc.meta.title.as_deref().unwrap(),
                    Field::Caption => doc.meta.caption.as_deref().unwrap(),
                    Field::Body => &doc.body,
                };
                prop_assert!(m.span.is_valid_for(text), "{m:?}");
                prop_assert_eq!(m.span.slice(text), Some(m.text.as_str()));
                prop_assert!(!m.text.trim().is_empty());
            }
        }
    }
}
