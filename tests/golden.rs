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
    for table in ["articles", "sentences", "mentions", "entities"] {
        let actual = std::fs::read_to_string(out.path().join(format!("{table}.jsonl"))).unwrap();
        // The source column names the fixture path as given, which differs between machines.
        let actual = actual.replace(page.to_str().unwrap(), "tests/data/cp-2026-01-06-carney-paris.txt");
        check_golden(
            &actual,
            &root().join(format!("tests/expected/cp-2026-01-06-carney-paris.{table}.expected.jsonl")),
        );
    }
}
