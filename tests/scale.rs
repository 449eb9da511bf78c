//! Batch runs at scale: shards, partitions, malformed records, interrupted runs, and one table streamed to
//! stdout (`-o -`).

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use crate::util::{newsnlp, read_jsonl, root, run};

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

#[test]
fn one_table_on_stdout_is_byte_for_byte_the_file_of_a_folder_run() {
    let dir = tempfile::tempdir().unwrap();
    let dump = root().join("notebooks-data/sample-dump.jsonl");
    let dump = dump.to_str().unwrap();
    for format in ["jsonl", "csv"] {
        let out = dir.path().join(format);
        // Without dump-level identity: a folder run ends by rewriting its ids and labels from the whole dump, which
        // rows already sent to stdout cannot get.
        let o = run(&["analyze", dump, "-o", out.to_str().unwrap(), "--format", format, "-q", "--no-identity"]);
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        for table in ["articles", "mentions"] {
            let mut args = vec!["analyze", dump, "-o", "-", "--table", table, "-q", "--no-identity"];
            if format == "csv" {
                args.extend(["--format", "csv"]);
            }
            let o = run(&args);
            assert!(o.status.success(), "-o - --table {table}: {}", String::from_utf8_lossy(&o.stderr));
            let file = std::fs::read(out.join(format!("{table}.{format}"))).unwrap();
            assert!(!file.is_empty());
            assert!(o.stdout == file, "-o - --table {table} --format {format} differs from {table}.{format}");
        }
    }
}

#[test]
fn stdout_gets_the_articles_table_by_default_and_no_folder_named_dash() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("d.jsonl");
    write_dump(&dump, 30, 2);
    let o = newsnlp().current_dir(dir.path()).args(["analyze", dump.to_str().unwrap(), "-o", "-"]).output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows: Vec<serde_json::Value> =
        String::from_utf8(o.stdout).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(rows.len(), 30, "one articles row per record");
    assert_eq!(rows[0]["article_id"], "a0");
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("30 records read: 30 ok + 0 rejected; 30 articles rows to stdout"), "summary on stderr: {stderr}");
    assert!(!dir.path().join("-").exists(), "`-o -` must not create a folder named -");
}

#[test]
fn stdout_refuses_parquet_datasets_and_other_tables_with_a_reason() {
    let dump = root().join("notebooks-data/sample-dump.jsonl");
    let cases: [(&[&str], &str); 5] = [
        (&["--format", "parquet"], "Parquet cannot be written to stdout"),
        (&["--shard", "1/2"], "--shard and --partition-by write dataset folders"),
        (&["--partition-by", "language"], "--shard and --partition-by write dataset folders"),
        (&["--table", "people"], "expected one of articles, sentences, mentions, entities, quotes, clusters"),
        (&["--table", "clusters"], "--table clusters needs --clusters"),
    ];
    for (extra, message) in cases {
        let mut args = vec!["analyze", dump.to_str().unwrap(), "-o", "-", "-q"];
        args.extend(extra);
        let o = run(&args);
        let stderr = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{extra:?} should fail with exit code 2: {stderr}");
        assert!(stderr.contains(message), "{extra:?}: the error should say {message:?}: {stderr}");
        assert!(o.stdout.is_empty(), "{extra:?}: nothing on stdout");
    }
}

#[test]
fn the_clusters_table_streams_to_stdout_too() {
    let dump = root().join("notebooks-data/sample-dump.jsonl");
    let o = run(&["analyze", dump.to_str().unwrap(), "-o", "-", "--clusters", "--table", "clusters", "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let sizes: i64 = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<serde_json::Value>(l).unwrap()["size"].as_i64().unwrap())
        .sum();
    assert!(sizes > 0 && sizes <= 45, "every analysed article of the sample is in one cluster: {sizes}");
}

#[test]
fn a_closed_pipe_ends_a_stdout_run_quietly_with_exit_code_0() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("d.jsonl");
    write_dump(&dump, 3000, 3);
    let mut child = newsnlp()
        .args(["analyze", dump.to_str().unwrap(), "-o", "-", "-q"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut first = String::new();
    std::io::BufRead::read_line(&mut stdout, &mut first).unwrap();
    assert!(first.starts_with('{'), "a JSON line: {first}");
    drop(stdout); // `| head -1`
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "a broken pipe is not a failure: {}", String::from_utf8_lossy(&o.stderr));
    assert!(o.stderr.is_empty(), "no error message: {}", String::from_utf8_lossy(&o.stderr));
}
