//! Topic classification: the built-in IPTC model on teasers and the sample
//! page, training on the user's own labels, `eval topic`, and (with shared
//! data) the cross-validated BBC and Reuters figures of the built-in recipe.

use newsnlp::topic::{self, taxonomy};
use newsnlp::training::topic as recipe;
use newsnlp::{Article, Pipeline};

use crate::util::{fixture, read_jsonl, root, run, shared_data};

/// Teaser accuracy the built-in model must keep. Measured 0.9118 on the 102
/// teasers with word clusters and naive Bayes weights (0.9412 with clusters
/// alone, 0.9216 without either; see models/topic/README.md);
/// the bar sits a few points below so that retraining noise does not fail CI,
/// while a model that lost a category (6 teasers, about 6 points) does.
const TEASER_MIN_ACCURACY: f64 = 0.90;

/// How far the mean top score of the teasers may be from their accuracy. Measured 0.871 against 0.912
/// with the calibrated model (0.877 against 0.941 before naive Bayes weights, 0.869 against 0.922 before word
/// clusters); the uncalibrated one scored 0.498 (right nine times in ten, yet saying
/// "about even").
const TEASER_MAX_CALIBRATION_GAP: f64 = 0.12;

fn pipeline_with_builtin_topics() -> Pipeline {
    let model = topic::builtin(Some(&root().join("models"))).expect("the built-in topic model loads");
    Pipeline::builder().topics(model).build().unwrap()
}

fn top_topic(p: &Pipeline, text: &str) -> String {
    let article = Article { id: Some("t".into()), source: "t".into(), text: text.into(), ..Default::default() };
    let doc = p.analyze(article).expect("a teaser is a readable article");
    doc.top_topic().expect("topics ran").label.clone()
}

#[test]
fn builtin_model_scores_every_iptc_category() {
    let model = topic::builtin(Some(&root().join("models"))).unwrap();
    assert_eq!(model.labels(), taxonomy::ids(), "the built-in model's labels must be the taxonomy ids, in order");
    let doc = pipeline_with_builtin_topics().analyze_text("Heavy snow closed schools across the region.").unwrap();
    assert_eq!(doc.topics.len(), 17, "every category gets a score");
    assert!(doc.topics.windows(2).all(|w| w[0].score >= w[1].score), "scores are best first");
}

#[test]
fn teasers_get_the_right_top_topic() {
    let p = pipeline_with_builtin_topics();
    let teasers = read_jsonl(&fixture("topic_teasers.jsonl"));
    assert!(teasers.len() >= 85, "at least 5 teasers per category");
    let mut wrong = Vec::new();
    for t in &teasers {
        let text = t["text"].as_str().unwrap();
        let mut accepted = vec![t["topic"].as_str().unwrap().to_string()];
        if let Some(more) = t["accept"].as_array() {
            accepted.extend(more.iter().map(|v| v.as_str().unwrap().to_string()));
        }
        let got = top_topic(&p, text);
        if !accepted.contains(&got) {
            wrong.push(format!("{} → {got}: {text}", accepted[0]));
        }
    }
    let accuracy = 1.0 - wrong.len() as f64 / teasers.len() as f64;
    println!("teaser accuracy {accuracy:.4} ({} of {} wrong)", wrong.len(), teasers.len());
    assert!(
        accuracy >= TEASER_MIN_ACCURACY,
        "teaser accuracy {accuracy:.4} is below {TEASER_MIN_ACCURACY}; wrong:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn teaser_scores_say_how_often_the_top_topic_is_right() {
    let model = topic::builtin(Some(&root().join("models"))).unwrap();
    let p = Pipeline::builder().topics(model).build().unwrap();
    let teasers = read_jsonl(&fixture("topic_teasers.jsonl"));
    let (mut right, mut confidence) = (0usize, 0.0f64);
    for t in &teasers {
        let text = t["text"].as_str().unwrap().to_string();
        let article = Article { id: Some("t".into()), source: "t".into(), text, ..Default::default() };
        let top = p.analyze(article).unwrap().top_topic().unwrap().clone();
        right += usize::from(top.label == t["topic"].as_str().unwrap());
        confidence += f64::from(top.score);
    }
    let (accuracy, confidence) = (right as f64 / teasers.len() as f64, confidence / teasers.len() as f64);
    println!("teasers: accuracy {accuracy:.4}, mean top score {confidence:.4}");
    assert!(
        (accuracy - confidence).abs() <= TEASER_MAX_CALIBRATION_GAP,
        "mean top score {confidence:.4} should be near the accuracy {accuracy:.4}: is the model calibrated?"
    );
}

#[test]
fn the_sample_page_is_about_politics_or_conflict() {
    let page = std::fs::read_to_string(fixture("cp-2026-01-06-carney-paris.txt")).unwrap();
    let doc = pipeline_with_builtin_topics().analyze_text(&page).unwrap();
    let top = doc.top_topic().unwrap();
    assert!(
        top.label == "politics" || top.label == "conflict",
        "the Carney/Ukraine ceasefire story should be politics or conflict, got {:?}",
        doc.topics_above_threshold()
    );
}

#[test]
fn a_model_trained_on_own_labels_is_used_by_analyze() {
    let dir = tempfile::tempdir().unwrap();
    let model = dir.path().join("desk-model");
    let out = run(&[
        "train",
        "topic",
        "--data",
        fixture("topic_tiny_train.jsonl").to_str().unwrap(),
        "--label-field",
        "desk",
        "--out",
        model.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "train topic failed: {}", String::from_utf8_lossy(&out.stderr));
    let input = dir.path().join("new.jsonl");
    std::fs::write(
        &input,
        "{\"id\": \"a\", \"text\": \"Trains on the subway line were delayed again, and the bus shuttle was packed.\"}\n\
         {\"id\": \"b\", \"text\": \"The bistro's new menu has crisp dumplings and a lovely noodle broth.\"}\n\
         {\"id\": \"c\", \"text\": \"Tenants say the landlord raised the rent on every apartment in the building.\"}\n",
    )
    .unwrap();
    let tables = dir.path().join("out");
    let out = run(&[
        "analyze",
        input.to_str().unwrap(),
        "-o",
        tables.to_str().unwrap(),
        "--format",
        "jsonl",
        "--topic-model",
        model.to_str().unwrap(),
        "--quiet",
    ]);
    assert!(out.status.success(), "analyze --topic-model failed: {}", String::from_utf8_lossy(&out.stderr));
    let rows = read_jsonl(&tables.join("articles.jsonl"));
    let topics: Vec<&str> = rows.iter().map(|r| r["topic"].as_str().expect("a topic per article")).collect();
    assert_eq!(topics, ["transit", "dining", "housing"], "the user's own labels should come back, each right");
    for r in &rows {
        let listed = r["topics"].as_array().expect("a topics list");
        assert!(!listed.is_empty(), "the top topic is listed in `topics`: {r}");
    }
}

#[test]
fn eval_topic_maps_labels_and_writes_predictions() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("bbc-like.jsonl");
    std::fs::write(
        &data,
        "{\"id\": \"1\", \"cat\": \"business\", \"text\": \"Shares in the carmaker fell after it cut its profit forecast.\"}\n\
         {\"id\": \"2\", \"cat\": \"sport\", \"text\": \"The striker scored twice as United won the cup final.\"}\n\
         {\"id\": \"3\", \"text\": \"A record without a label is not scored.\"}\n",
    )
    .unwrap();
    let map = dir.path().join("map.tsv");
    std::fs::write(&map, "business\teconomy\n").unwrap();
    let preds = dir.path().join("preds.jsonl");
    let out = run(&[
        "eval",
        "topic",
        data.to_str().unwrap(),
        "--label-field",
        "cat",
        "--map",
        map.to_str().unwrap(),
        "--predictions",
        preds.to_str().unwrap(),
    ]);
    assert!(out.status.success(), "eval topic failed: {}", String::from_utf8_lossy(&out.stderr));
    let report = String::from_utf8_lossy(&out.stdout);
    assert!(report.contains("records 2  accuracy 1.0000"), "both labelled records should be right:\n{report}");
    assert!(report.contains("confusion"), "the report has a confusion matrix:\n{report}");
    let lines = read_jsonl(&preds);
    assert_eq!(lines.len(), 3, "one prediction per readable record");
    assert_eq!(lines[2]["gold"], serde_json::json!([]), "an unlabelled record is predicted, with no gold");
    assert_eq!(lines[0]["gold"], serde_json::json!(["economy"]), "gold labels are mapped");
    assert_eq!(lines[0]["predicted"], "economy");
    assert_eq!(lines[0]["scores"].as_object().unwrap().len(), 17, "scores for every label");
}

#[test]
fn the_models_readme_names_the_shipped_weights() {
    let weights = root().join("models").join(topic::BUILTIN_DIR).join(topic::linear::WEIGHTS_FILE);
    let sha = newsnlp::models::sha256_file(&weights).unwrap();
    let readme = std::fs::read_to_string(root().join("models/topic/README.md")).unwrap();
    assert!(readme.contains(&sha), "models/topic/README.md must give the sha256 of weights.bin ({sha}); update it");
}

/// Acceptance 1 and 2: the recipe cross-validated, each fold held out of all of it.
#[test]
fn builtin_recipe_cross_validation_on_bbc_and_reuters() {
    let Some(shared) = shared_data() else {
        println!("skipped: set NEWSNLP_SHARED_DATA to run the BBC and Reuters cross-validation");
        return;
    };
    let clusters = topic::clusters::WordClusters::read(&root().join("models/topic/word-clusters.tsv.gz")).unwrap();
    let prepared = recipe::Prepared::load(&shared, Some(clusters)).unwrap();
    let report = recipe::cross_validate(&prepared, 5).unwrap();
    println!("BBC 5-fold CV:\n{}", report.bbc.report());
    println!("Reuters economy share {:.4} of {}", report.reuters_economy_share(), report.reuters_total);
    // Measured 0.9718 (BBC), 0.9136 (BBC headline and first sentence) and 0.9918 (Reuters economy); the
    // recipe is deterministic, so the bars sit just under what it gives.
    assert!(report.bbc.accuracy() >= 0.97, "BBC CV accuracy {:.4} < 0.97", report.bbc.accuracy());
    assert!(
        report.bbc_teasers.accuracy() >= 0.91,
        "BBC CV accuracy on headline and first sentence {:.4} < 0.91",
        report.bbc_teasers.accuracy()
    );
    assert!(
        report.reuters_total > 4000,
        "the Reuters check should cover the earn/acq/money-fx/trade/interest articles"
    );
    assert!(
        report.reuters_economy_share() >= 0.99,
        "only {:.4} of Reuters earn/acq/money-fx/trade/interest articles got economy on top",
        report.reuters_economy_share()
    );
    // Measured within 0.005 in every length bucket (models/topic/README.md).
    for b in report.calibration.iter().filter(|b| b.count >= 500) {
        assert!(
            (b.confidence_after - b.accuracy).abs() <= 0.03,
            "calibrated top score {:.4} far from held-out accuracy {:.4} in bucket {b:?}",
            b.confidence_after,
            b.accuracy
        );
    }
}
