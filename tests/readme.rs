//! The README stays true: its schema section is the schema module's, and its
//! commands name files that exist.

use crate::util::{root, run};

#[test]
fn readme_schema_section_matches_the_schema_module() {
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let start = readme.find("<!-- schema:start -->\n").expect("schema start marker") + "<!-- schema:start -->\n".len();
    let end = readme.find("<!-- schema:end -->").expect("schema end marker");
    let o = run(&["schema", "--markdown"]);
    assert!(o.status.success());
    assert_eq!(
        &readme[start..end],
        String::from_utf8_lossy(&o.stdout),
        "README's schema section is stale: replace it with the output of `newsnlp schema --markdown`"
    );
}

#[test]
fn readme_first_command_runs_on_the_bundled_sample() {
    let out = tempfile::tempdir().unwrap();
    let o = run(&["analyze", "notebooks-data/sample", "notebooks-data/sample-dump.jsonl", "-o", out.path().to_str().unwrap(), "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    for t in ["articles", "sentences", "mentions", "entities"] {
        assert!(out.path().join(format!("{t}.parquet")).exists(), "{t}.parquet");
    }
}
