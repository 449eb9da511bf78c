//! Golden tests: end-to-end outputs compared with files under tests/expected.
//! Rewrite them only on purpose, with `BLESS=1 cargo test --release golden`.

use std::path::Path;

use crate::util::{fixture, root, run};

/// Compares `actual` with the expected file, or rewrites it when BLESS=1.
pub(crate) fn check_golden(actual: &str, expected: &Path) {
    if std::env::var_os("BLESS").is_some_and(|v| v == "1") {
        std::fs::create_dir_all(expected.parent().unwrap()).unwrap();
        std::fs::write(expected, actual).unwrap();
        return;
    }
    let want = std::fs::read_to_string(expected)
        .unwrap_or_else(|e| panic!("{}: {e}; create it with BLESS=1", expected.display()));
    if want != actual {
        let diff: Vec<String> = want
            .lines()
            .zip(actual.lines())
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .take(5)
            .map(|(i, (a, b))| format!("line {}:\n  expected: {a}\n  actual:   {b}", i + 1))
            .collect();
        panic!(
            "{} differs from the actual output ({} vs {} lines):\n{}\nIf the change is intended, rerun with BLESS=1.",
            expected.display(),
            want.lines().count(),
            actual.lines().count(),
            diff.join("\n")
        );
    }
}

#[test]
fn sample_page_tables_match_the_golden_files() {
    let out = tempfile::tempdir().unwrap();
    let page = fixture("cp-2026-01-06-carney-paris.txt");
    let o = run(&["analyze", page.to_str().unwrap(), "-o", out.path().to_str().unwrap(), "--format", "jsonl", "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for table in ["articles", "sentences", "mentions", "entities", "quotes"] {
        let actual = std::fs::read_to_string(out.path().join(format!("{table}.jsonl"))).unwrap();
        // The source column names the fixture path as given, which differs between machines.
        let actual = actual.replace(page.to_str().unwrap(), "tests/data/cp-2026-01-06-carney-paris.txt");
        check_golden(
            &actual,
            &root().join(format!("tests/expected/cp-2026-01-06-carney-paris.{table}.expected.jsonl")),
        );
    }
}

/// The tables of an `analyze` run over `inputs` (JSON Lines, source paths made relative to the repository root).
fn analyze_tables(inputs: &[&Path], extra: &[&str]) -> Vec<(&'static str, String)> {
    let out = tempfile::tempdir().unwrap();
    let mut args: Vec<&str> = vec!["analyze"];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap()));
    args.extend(["-o", out.path().to_str().unwrap(), "--format", "jsonl", "-q"]);
    args.extend(extra);
    let o = run(&args);
    assert!(o.status.code().is_some_and(|c| c <= 1), "{}", String::from_utf8_lossy(&o.stderr));
    let prefix = format!("{}/", root().display());
    ["articles", "sentences", "mentions", "entities", "clusters", "quotes"]
        .into_iter()
        .filter_map(|table| {
            let text = std::fs::read_to_string(out.path().join(format!("{table}.jsonl"))).ok()?;
            Some((table, text.replace(&prefix, "")))
        })
        .collect()
}

/// The README's first command, on the bundled sample (the page and the 45-article dump): every table row for row.
#[test]
fn sample_dump_tables_match_the_golden_files() {
    let (page, dump) = (root().join("notebooks-data/sample"), root().join("notebooks-data/sample-dump.jsonl"));
    let tables = analyze_tables(&[&page, &dump], &["--clusters"]);
    assert_eq!(tables.len(), 6, "expected six tables, got {:?}", tables.iter().map(|t| t.0).collect::<Vec<_>>());
    for (table, actual) in tables {
        check_golden(&actual, &root().join(format!("tests/expected/sample-dump.{table}.expected.jsonl")));
    }
}

/// The first 2,000 Reuters-21578 training articles (shared data, never committed): each table's row count and the
/// SHA-256 of its JSON Lines, so that a refactoring that changes one row anywhere fails here.
#[test]
fn reuters_tables_match_their_golden_digests() {
    use sha2::{Digest, Sha256};
    let Some(shared) = crate::util::shared_data() else {
        eprintln!("skipped: NEWSNLP_SHARED_DATA is not set");
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("reuters-2000.jsonl");
    let all = std::fs::read_to_string(shared.join("topics/reuters21578-modapte-train.jsonl")).unwrap();
    let first: String = all.lines().take(2000).map(|l| format!("{l}\n")).collect();
    std::fs::write(&input, first).unwrap();
    let tables = analyze_tables(&[&input], &["--clusters"]);
    let input_path = input.to_str().unwrap().to_string();
    let digests: String = tables
        .into_iter()
        .map(|(table, text)| {
            let text = text.replace(&input_path, "reuters-2000.jsonl");
            let hex: String = Sha256::digest(text.as_bytes()).iter().map(|b| format!("{b:02x}")).collect();
            format!("{table}\t{}\t{hex}\n", text.lines().count())
        })
        .collect();
    check_golden(&digests, &root().join("tests/expected/reuters-train-2000.digests.expected.tsv"));
}
