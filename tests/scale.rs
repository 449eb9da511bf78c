//! Batch runs at scale: shards, partitions, malformed records, interrupted runs.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::{newsnlp, read_jsonl, run};

const SENTENCES: &[&str] = &[
    "The central bank raised interest rates by half a point on Tuesday.",
    "Prime Minister Mark Carney met allies in Paris to discuss a ceasefire in Ukraine.",
    "Shares of the mining company fell 3.5 percent after the U.S. announced new tariffs.",
    "Le gouvernement a annoncé mardi une hausse des taxes sur le carburant à Paris.",
    "Der Bundestag stimmte am Mittwoch in Berlin über den neuen Haushalt ab.",
    "Heavy snow closed schools across the region, officials said on Jan. 6, 2026.",
    "Firefighters battled a five-alarm blaze at an apartment tower overnight.",
];

/// A JSON Lines dump of `n` articles of a few sentences each, deterministic.
fn write_dump(path: &Path, n: usize, sentences_per_article: usize) {
    let mut f = std::io::BufWriter::new(std::fs::File::create(path).unwrap());
    for i in 0..n {
        let text: Vec<&str> =
            (0..sentences_per_article).map(|k| SENTENCES[(i + k * 3) % SENTENCES.len()]).collect();
        let published = format!("2026-{:02}-{:02}T10:00:00", 1 + i % 12, 1 + i % 28);
        let line = serde_json::json!({"id": format!("a{i}"), "text": text.join(" "), "published": published});
        writeln!(f, "{line}").unwrap();
    }
}

/// Reads every JSON Lines part file of a dataset table folder.
fn read_dataset(dir: &Path) -> Vec<serde_json::Value> {
    let mut files = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "jsonl") {
                files.push(p);
            }
        }
    }
    files.sort();
    files.iter().flat_map(|f| read_jsonl(f)).collect()
}

fn sorted_by(rows: Vec<serde_json::Value>, keys: &[&str]) -> Vec<String> {
    let mut v: Vec<(String, String)> = rows
        .into_iter()
        .map(|r| (keys.iter().map(|k| r[*k].to_string()).collect::<Vec<_>>().join("|"), r.to_string()))
        .collect();
    v.sort();
    v.into_iter().map(|(_, r)| r).collect()
}

#[test]
fn the_union_of_shards_equals_the_unsharded_output_row_for_row() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("d.jsonl");
    write_dump(&dump, 400, 3);
    let whole = dir.path().join("whole");
    let o = run(&["analyze", dump.to_str().unwrap(), "-o", whole.to_str().unwrap(), "--format", "jsonl", "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sharded = dir.path().join("sharded");
    for k in 1..=4 {
        let shard = format!("{k}/4");
        let o = run(&["analyze", dump.to_str().unwrap(), "-o", sharded.to_str().unwrap(), "--format", "jsonl", "-q", "--shard", &shard]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    }
    for (table, keys) in [("articles", &["article_id"][..]), ("sentences", &["article_id", "sentence_index"][..])] {
        let want = sorted_by(read_jsonl(&whole.join(format!("{table}.jsonl"))), keys);
        let got = sorted_by(read_dataset(&sharded.join(table)), keys);
        assert_eq!(got.len(), want.len(), "{table}: row counts");
        assert!(got == want, "{table}: the shards' union differs from the unsharded run");
    }
    // Each shard got some of the records: the hash spreads them.
    for k in 1..=4 {
        let part = read_jsonl(&sharded.join(format!("articles/part-{k}.jsonl")));
        assert!(part.len() > 50, "shard {k} has only {} rows", part.len());
    }
}

#[test]
fn partitions_are_hive_folders_without_the_partition_column() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("d.jsonl");
    write_dump(&dump, 60, 1);
    let out = dir.path().join("out");
    let o = run(&["analyze", dump.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "jsonl", "-q", "--partition-by", "language"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let mut counts = BTreeMap::new();
    for lang in ["eng", "fra", "deu"] {
        let rows = read_jsonl(&out.join(format!("articles/language={lang}/part-0.jsonl")));
        assert!(rows.iter().all(|r| r.get("language").is_none()), "the value lives in the folder name");
        counts.insert(lang, rows.len());
    }
    assert!(counts.values().all(|n| *n > 0), "{counts:?}");
    let all = read_dataset(&out.join("articles"));
    assert_eq!(all.len(), 60, "every record is in some partition (null languages in the default one)");
    let by_month = dir.path().join("by_month");
    let o = run(&["analyze", dump.to_str().unwrap(), "-o", by_month.to_str().unwrap(), "--format", "jsonl", "-q", "--partition-by", "published_month"]);
    assert!(o.status.success());
    assert_eq!(read_jsonl(&by_month.join("sentences/published_month=2026-03/part-0.jsonl")).len(), 5);
}

#[test]
fn one_percent_of_malformed_records_are_all_accounted_for() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("d.jsonl");
    write_dump(&dump, 1980, 2);
    let mut f = std::fs::OpenOptions::new().append(true).open(&dump).unwrap();
    let bad: [&[u8]; 5] = [
        b"{\"id\": \"b-json\", \"text\": \"unterminated\n",
        b"{\"id\": \"b-notext\"}\n",
        b"{\"id\": \"b-utf8\", \"text\": \"caf\xe9\"}\n",
        b"{\"id\": \"b-number\", \"text\": 42}\n",
        b"{\"id\": \"b-chrome\", \"text\": \"updated\\n\\n26m ago\"}\n",
    ];
    for i in 0..20 {
        f.write_all(bad[i % bad.len()]).unwrap();
    }
    let big = format!("{{\"id\": \"b-big\", \"text\": \"{}\"}}\n", "word ".repeat(30_000));
    f.write_all(big.as_bytes()).unwrap();
    drop(f);
    let out = dir.path().join("out");
    let o = run(&["analyze", dump.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "jsonl", "--max-article-bytes", "100000"]);
    assert_eq!(o.status.code(), Some(1));
    let rows = read_jsonl(&out.join("articles.jsonl"));
    assert_eq!(rows.len(), 2001, "every input line is an articles row");
    let rejected: Vec<&serde_json::Value> = rows.iter().filter(|r| r["status"] == "rejected").collect();
    assert_eq!(rejected.len(), 21);
    assert!(rejected.iter().all(|r| r["reason"].as_str().is_some_and(|s| !s.is_empty())));
    assert!(rejected.iter().any(|r| r["reason"].as_str().unwrap().starts_with("too large")));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("2001 records read: 1980 ok + 21 rejected"), "summary line: {stderr}");
}

fn partial_files(dir: &Path) -> Vec<PathBuf> {
    std::fs::read_dir(dir)
        .map(|rd| rd.filter_map(|e| e.ok()).map(|e| e.path()).filter(|p| p.to_string_lossy().contains(".partial-")).collect())
        .unwrap_or_default()
}

/// Starts a run and kills it with SIGKILL once it is writing.
fn kill_mid_run(dump: &Path, out: &Path) {
    let mut child = newsnlp()
        .args(["analyze", dump.to_str().unwrap(), "-o", out.to_str().unwrap(), "-q", "--jobs", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    while partial_files(out).is_empty() && start.elapsed() < Duration::from_secs(60) {
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let finished_early = child.try_wait().unwrap().is_some();
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();
    assert!(!finished_early, "the input should take longer than this to process");
}

#[cfg(feature = "tables")]
fn parquet_rows(path: &Path) -> usize {
    use polars::prelude::*;
    ParquetReader::new(std::fs::File::open(path).unwrap()).finish().unwrap().height()
}

#[cfg(feature = "tables")]
#[test]
fn a_killed_run_leaves_no_table_or_the_previous_complete_one() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("big.jsonl");
    write_dump(&dump, 60_000, 4);
    let out = dir.path().join("out");

    kill_mid_run(&dump, &out);
    for t in ["articles", "sentences", "mentions", "entities"] {
        assert!(!out.join(format!("{t}.parquet")).exists(), "{t}.parquet exists after a killed first run");
    }

    let small = dir.path().join("small.jsonl");
    write_dump(&small, 50, 2);
    let o = run(&["analyze", small.to_str().unwrap(), "-o", out.to_str().unwrap(), "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    assert!(partial_files(&out).is_empty(), "the next run clears what the killed one left");
    assert_eq!(parquet_rows(&out.join("articles.parquet")), 50);

    kill_mid_run(&dump, &out);
    assert_eq!(parquet_rows(&out.join("articles.parquet")), 50, "the previous complete table is intact");
    assert_eq!(parquet_rows(&out.join("sentences.parquet")), 100);
}
