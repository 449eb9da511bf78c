//! The command line, as users run it.

use crate::util::{fixture, read_jsonl, run};

#[test]
fn analyze_writes_one_ok_row_for_the_sample_page() {
    let out = tempfile::tempdir().unwrap();
    let page = fixture("cp-2026-01-06-carney-paris.txt");
    let o = run(&["analyze", page.to_str().unwrap(), "-o", out.path().to_str().unwrap(), "--format", "jsonl", "-q"]);
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let rows = read_jsonl(&out.path().join("articles.jsonl"));
    assert_eq!(rows.len(), 1);
    assert_eq!(rows[0]["status"], "ok");
}
