//! Story clusters through the CLI: `analyze --clusters`.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use crate::util::{read_jsonl, run, shared_data};

const STORY: &str = "Storms battered the coast overnight, cutting power to thousands of homes and closing roads. \
    Forecasters said the wind would ease by the afternoon, but more rain was on the way. \
    Emergency crews cleared fallen trees from the main routes into the town before dawn.";

fn write_jsonl(path: &Path, records: &[(String, String)]) {
    let lines: Vec<String> =
        records.iter().map(|(id, text)| serde_json::json!({"id": id, "text": text}).to_string()).collect();
    std::fs::write(path, lines.join("\n") + "\n").unwrap();
}

/// `analyze --clusters` on `records`; returns the article id → cluster id map and the clusters rows.
fn cluster(records: &[(String, String)], extra: &[&str]) -> (HashMap<String, i64>, Vec<serde_json::Value>) {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&input, records);
    let out = dir.path().join("out");
    let mut args = vec!["analyze", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "jsonl", "--quiet", "--clusters"];
    args.extend(extra);
    let o = run(&args);
    assert!(o.status.success(), "analyze --clusters failed: {}", String::from_utf8_lossy(&o.stderr));
    let ids = read_jsonl(&out.join("articles.jsonl"))
        .into_iter()
        .map(|r| (r["article_id"].as_str().unwrap().to_string(), r["cluster_id"].as_i64().expect("every ok article has a cluster")))
        .collect();
    (ids, read_jsonl(&out.join("clusters.jsonl")))
}

#[test]
fn copies_share_a_cluster_and_the_clusters_table_counts_them() {
    let records = vec![
        ("original".to_string(), STORY.to_string()),
        ("other".to_string(), "The striker scored twice as the home side won the cup final before a record crowd.".into()),
        ("copy".to_string(), format!("By Jane Doe\n\n{}", STORY.replace(". ", ".\n").replace("overnight", "on Sunday"))),
    ];
    let (ids, clusters) = cluster(&records, &[]);
    assert_eq!(ids["original"], 0, "a cluster's id is the input position of its first article");
    assert_eq!(ids["copy"], ids["original"], "the edited copy should join its original's cluster");
    assert_ne!(ids["other"], ids["original"], "a different story must not join");
    let rows: Vec<(i64, i64, &str)> = clusters
        .iter()
        .map(|r| (r["cluster_id"].as_i64().unwrap(), r["size"].as_i64().unwrap(), r["representative_article_id"].as_str().unwrap()))
        .collect();
    assert_eq!(rows, [(0, 2, "original"), (1, 1, "other")]);
}

#[test]
fn without_clusters_the_column_is_null_and_there_is_no_table() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&input, &[("a".into(), STORY.into())]);
    let out = dir.path().join("out");
    let o = run(&["analyze", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "jsonl", "--quiet"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = read_jsonl(&out.join("articles.jsonl"));
    assert!(rows[0]["cluster_id"].is_null(), "cluster_id should be null without --clusters");
    assert!(!out.join("clusters.jsonl").exists(), "no clusters table without --clusters");
}

#[cfg(not(feature = "transformer"))]
#[test]
fn embedding_clusters_need_the_transformer_feature() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in.jsonl");
    write_jsonl(&input, &[("a".into(), STORY.into())]);
    let out = dir.path().join("out");
    let o = run(&["analyze", input.to_str().unwrap(), "-o", out.to_str().unwrap(), "--clusters", "--cluster-method", "embedding"]);
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("rebuild with `--features transformer`"), "the error should say how to get the feature: {err}");
}

/// An edited copy of a BBC article (title line, blank line, body): one sentence replaced, a byline added,
/// and the body re-wrapped at 60 columns, as a republisher's copy of wire text looks.
pub fn edited_copy(text: &str, n: usize) -> String {
    let (title, body) = text.split_once("\n\n").unwrap_or(("", text));
    let sentences: Vec<&str> = body.split_inclusive(". ").collect();
    let changed = sentences.len() / 2;
    let replacement = format!("A spokesperson declined to comment when contacted on day {n} of the week. ");
    let body: String =
        sentences.iter().enumerate().map(|(i, s)| if i == changed { replacement.as_str() } else { *s }).collect();
    let mut wrapped = String::new();
    for paragraph in body.split("\n\n") {
        let mut column = 0;
        for word in paragraph.split_whitespace() {
            if column > 0 && column + word.len() > 60 {
                wrapped.push('\n');
                column = 0;
            } else if column > 0 {
                wrapped.push(' ');
                column += 1;
            }
            wrapped.push_str(word);
            column += word.len();
        }
        wrapped.push_str("\n\n");
    }
    format!("{title}\n\nBy Staff Reporter, Newswire\n\n{}", wrapped.trim_end())
}

/// The BBC corpus plus an edited copy of each article, in a fixed shuffled order.
pub fn bbc_with_copies(data: &Path) -> (Vec<(String, String)>, usize) {
    let originals = read_jsonl(&data.join("topics/bbc-train.jsonl"));
    let mut records: Vec<(String, String)> = Vec::new();
    for (n, r) in originals.iter().enumerate() {
        let (id, text) = (r["id"].as_str().unwrap(), r["text"].as_str().unwrap());
        records.push((id.to_string(), text.to_string()));
        records.push((format!("{id}#copy"), edited_copy(text, n % 7)));
    }
    // A fixed permutation (multiplicative, coprime step), so that some copies come before their originals.
    let n = records.len();
    let step = (1..).map(|k| n / 3 + k).find(|s| gcd(*s, n) == 1).unwrap();
    let shuffled = (0..n).map(|i| records[(i * step) % n].clone()).collect();
    (shuffled, originals.len())
}

fn gcd(a: usize, b: usize) -> usize {
    if b == 0 { a } else { gcd(b, a % b) }
}

/// Recall of copies, and the share of distinct originals (those not in `versions`) that share a cluster with
/// another original, from article id → cluster id.
pub fn copy_recall_and_merge_rate(ids: &HashMap<String, i64>, versions: &HashSet<String>) -> (f64, f64) {
    let originals: Vec<&String> = ids.keys().filter(|k| !k.ends_with("#copy")).collect();
    let together = originals.iter().filter(|o| ids.get(&format!("{o}#copy")) == ids.get(o.as_str())).count();
    let mut per_cluster: HashMap<i64, usize> = HashMap::new();
    for o in &originals {
        *per_cluster.entry(ids[o.as_str()]).or_default() += 1;
    }
    let distinct: Vec<&&String> = originals.iter().filter(|o| !versions.contains(o.as_str())).collect();
    let merged = distinct.iter().filter(|o| per_cluster[&ids[o.as_str()]] > 1).count();
    (together as f64 / originals.len() as f64, merged as f64 / distinct.len() as f64)
}

/// Exact Jaccard similarity of word 5-shingles from which two BBC articles are versions of one story.
const NEAR_DUPLICATE: f64 = 0.5;

/// The ids of BBC articles that have another version in the set: the file still holds about 45 pairs of
/// near-identical texts (an article and its update, mostly under the same headline), which are the same
/// story and rightly share a cluster, so they are left out of the "distinct articles" of the merge rate.
/// Computed exactly (every pair that shares a shingle), independently of MinHash's estimates.
pub fn near_duplicate_versions(data: &Path) -> HashSet<String> {
    let rows = read_jsonl(&data.join("topics/bbc-train.jsonl"));
    let shingles: Vec<HashSet<String>> = rows
        .iter()
        .map(|r| {
            let words: Vec<String> = r["text"]
                .as_str()
                .unwrap()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(str::to_lowercase)
                .collect();
            words.windows(5.min(words.len()).max(1)).map(|w| w.join(" ")).collect()
        })
        .collect();
    let mut by_shingle: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, set) in shingles.iter().enumerate() {
        for s in set {
            by_shingle.entry(s).or_default().push(i);
        }
    }
    let mut shared: HashMap<(usize, usize), usize> = HashMap::new();
    for docs in by_shingle.values().filter(|d| d.len() < 50) {
        for (k, &a) in docs.iter().enumerate() {
            for &b in &docs[k + 1..] {
                *shared.entry((a, b)).or_default() += 1;
            }
        }
    }
    let mut versions = HashSet::new();
    for ((a, b), n) in shared {
        let jaccard = n as f64 / (shingles[a].len() + shingles[b].len() - n) as f64;
        if jaccard >= NEAR_DUPLICATE {
            versions.insert(rows[a]["id"].as_str().unwrap().to_string());
            versions.insert(rows[b]["id"].as_str().unwrap().to_string());
        }
    }
    versions
}

#[test]
fn bbc_copies_land_with_their_originals() {
    let Some(data) = shared_data() else {
        eprintln!("skipped: set NEWSNLP_SHARED_DATA to run the BBC clustering check");
        return;
    };
    let (records, n) = bbc_with_copies(&data);
    let (ids, clusters) = cluster(&records, &[]);
    assert_eq!(ids.len(), 2 * n, "every article and copy should be analysed");
    let (recall, merged_all) = copy_recall_and_merge_rate(&ids, &HashSet::new());
    let versions = near_duplicate_versions(&data);
    let (_, merged) = copy_recall_and_merge_rate(&ids, &versions);
    eprintln!(
        "minhash clusters on BBC + edited copies ({} articles, {} clusters): copy recall {recall:.4}; originals sharing \
         a cluster with another original {merged_all:.4}; of the {} originals with no other version in the BBC set \
         (exact 5-shingle Jaccard < {NEAR_DUPLICATE}), merged {merged:.4}",
        2 * n,
        clusters.len(),
        n - versions.len(),
    );
    assert!(recall >= 0.95, "only {recall:.4} of the copies joined their original's cluster (need 0.95)");
    assert!(merged < 0.01, "{merged:.4} of the distinct articles were merged with another (need < 0.01)");
}
