//! Dump-level identity end to end: the same global ids and labels whatever the threads, and whether the dump is
//! analysed whole or in shards that `newsnlp merge` combines.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::{read_jsonl, root, run};

/// (article, entity_id) → (global_id, label) over every `entities` and `mentions` file under `dir`.
fn ids(dir: &Path) -> BTreeMap<(String, String, String), (String, String)> {
    let mut out = BTreeMap::new();
    for table in ["entities", "mentions"] {
        let single = dir.join(format!("{table}.jsonl"));
        let files: Vec<_> = if single.is_file() {
            vec![single]
        } else {
            std::fs::read_dir(dir.join(table)).unwrap().map(|e| e.unwrap().path()).collect()
        };
        for f in files {
            for row in read_jsonl(&f) {
                let s = |k: &str| row[k].as_str().unwrap_or("").to_string();
                if row["entity_id"].is_string() {
                    out.insert((table.to_string(), s("article_id"), s("entity_id")), (s("global_id"), s("label")));
                }
            }
        }
    }
    out
}

fn dump_entities(dir: &Path) -> Vec<serde_json::Value> {
    let mut rows = read_jsonl(&dir.join("dump_entities.jsonl"));
    rows.sort_by_key(|r| r["global_id"].as_str().unwrap().to_string());
    rows
}

fn analyze(out: &Path, extra: &[&str]) {
    let dump = root().join("notebooks-data/sample-dump.jsonl");
    let mut args = vec!["analyze", dump.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "jsonl", "-q"];
    args.extend(extra);
    let o = run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn global_ids_are_the_same_for_any_jobs_and_for_shards_merged() {
    let tmp = tempfile::tempdir().unwrap();
    let (one, two, sharded) = (tmp.path().join("one"), tmp.path().join("two"), tmp.path().join("sharded"));
    analyze(&one, &["--jobs", "1"]);
    analyze(&two, &["--jobs", "2"]);
    analyze(&sharded, &["--shard", "1/2", "--jobs", "2"]);
    analyze(&sharded, &["--shard", "2/2", "--jobs", "1"]);
    assert!(!sharded.join("dump_entities.jsonl").exists(), "a shard does not decide for the dump");
    let o = run(&["merge", sharded.to_str().unwrap(), "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));

    let whole = ids(&one);
    assert!(whole.len() > 500, "the sample dump has hundreds of entity rows");
    assert_eq!(ids(&two), whole, "--jobs 2 and --jobs 1 agree");
    assert_eq!(ids(&sharded), whole, "two shards merged agree with one run");
    assert_eq!(dump_entities(&sharded), dump_entities(&one));

    // Merging again changes nothing.
    let o = run(&["merge", one.to_str().unwrap(), "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert_eq!(ids(&one), whole);

    // The sample dump's harbour town: one thing, one label, in every row.
    let port: Vec<(String, String)> = read_jsonl(&one.join("entities.jsonl"))
        .into_iter()
        .filter(|r| r["name"] == "Port Aldren")
        .map(|r| (r["global_id"].as_str().unwrap().to_string(), r["label"].as_str().unwrap().to_string()))
        .collect();
    assert!(port.len() >= 30, "Port Aldren is named in {} articles", port.len());
    assert!(port.iter().all(|(g, l)| *g == port[0].0 && l == "LOCATION"), "{port:?}");
}

#[test]
fn no_identity_leaves_the_ids_null_and_writes_no_dump_entities() {
    let tmp = tempfile::tempdir().unwrap();
    analyze(tmp.path(), &["--no-identity"]);
    assert!(!tmp.path().join("dump_entities.jsonl").exists());
    assert!(read_jsonl(&tmp.path().join("entities.jsonl")).iter().all(|r| r["global_id"].is_null()));
    let o = run(&["merge", tmp.path().to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no identity evidence"), "{}", String::from_utf8_lossy(&o.stderr));
}
