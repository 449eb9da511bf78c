//! The transformer backends through the command line (built with `--features transformer`, after
//! `scripts/setup-transformer.sh` has unpacked the MiniLM model into models/).

use crate::util::{fixture, read_jsonl, run};

#[test]
fn zero_shot_topics_and_a_trained_head_are_used_by_analyze() {
    let page = fixture("cp-2026-01-06-carney-paris.txt");
    let out = tempfile::tempdir().unwrap();
    let o = run(&[
        "analyze", page.to_str().unwrap(), "-o", out.path().to_str().unwrap(), "--format", "jsonl", "-q",
        "--topic-backend", "transformer",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = read_jsonl(&out.path().join("articles.jsonl"));
    let topic = rows[0]["topic"].as_str().unwrap_or("");
    assert!(["politics", "conflict"].contains(&topic), "zero-shot topic of the sample page: {topic}");

    let model = tempfile::tempdir().unwrap();
    let data = fixture("topic_tiny_train.jsonl");
    let o = run(&[
        "train", "topic", "--backend", "transformer", "--data", data.to_str().unwrap(), "--label-field", "desk",
        "--out", model.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let dump = out.path().join("d.jsonl");
    std::fs::write(&dump, "{\"id\":\"x\",\"text\":\"Trains on the subway line were delayed for an hour after a signal failure, the transit authority said.\"}\n").unwrap();
    let tables = out.path().join("t2");
    let o = run(&[
        "analyze", dump.to_str().unwrap(), "-o", tables.to_str().unwrap(), "--format", "jsonl", "-q",
        "--topic-backend", "transformer", "--topic-model", model.path().to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = read_jsonl(&tables.join("articles.jsonl"));
    assert_eq!(rows[0]["topic"], "transit", "the trained head's own labels: {}", rows[0]);
}

#[test]
fn embedding_clusters_run_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("d.jsonl");
    let a = "Storms battered the coast of Cornwall overnight, cutting power to thousands of homes and closing roads. \
        Forecasters said the wind would ease by the afternoon, but more rain was on the way. Emergency crews cleared \
        fallen trees from the main routes into the town before dawn, and the council opened two halls as shelters.";
    // Small words swapped throughout: no 5-word shingle survives (MinHash would miss it), the meaning does.
    let b = a.replace(" the ", " a ").replace(" and ", " plus ").replace(" of ", " for ").replace(" to ", " towards ");
    let b = b.as_str();
    let c = "Heavy snow closed schools across the region and grounded flights at the main airport.";
    let lines: Vec<String> = [("a", a), ("b", b), ("c", c)]
        .iter()
        .map(|(id, t)| serde_json::json!({"id": id, "text": t}).to_string())
        .collect();
    std::fs::write(&dump, lines.join("\n") + "\n").unwrap();
    let out = dir.path().join("out");
    let o = run(&[
        "analyze", dump.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "jsonl", "-q", "--no-topics",
        "--clusters", "--cluster-method", "embedding",
    ]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = read_jsonl(&out.join("articles.jsonl"));
    let ids: Vec<i64> = rows.iter().map(|r| r["cluster_id"].as_i64().unwrap()).collect();
    assert_eq!(ids[0], ids[1], "a reworded report joins its story's cluster: {ids:?}");
    assert_ne!(ids[0], ids[2]);
    assert_eq!(read_jsonl(&out.join("clusters.jsonl")).len(), 2);
}
