//! The command line, as users run it: inputs, formats, bad records, exit codes.

use std::io::Write;
use std::process::Stdio;

use crate::util::{fixture, newsnlp, read_jsonl, run};

fn analyze_jsonl(inputs: &[&str], extra: &[&str]) -> (std::process::Output, tempfile::TempDir) {
    let out = tempfile::tempdir().unwrap();
    let mut args = vec!["analyze"];
    args.extend_from_slice(inputs);
    args.extend_from_slice(&["-o", out.path().to_str().unwrap(), "--format", "jsonl", "-q"]);
    args.extend_from_slice(extra);
    (run(&args), out)
}

#[test]
fn the_sample_page_gives_one_ok_row_with_its_metadata() {
    let page = fixture("cp-2026-01-06-carney-paris.txt");
    let (o, out) = analyze_jsonl(&[page.to_str().unwrap()], &[]);
    assert!(o.status.success(), "stderr: {}", String::from_utf8_lossy(&o.stderr));
    let rows = read_jsonl(&out.path().join("articles.jsonl"));
    assert_eq!(rows.len(), 1);
    let r = &rows[0];
    assert_eq!(r["status"], "ok");
    assert_eq!(r["title"], "In Paris, Carney set to talk about Canada’s role in eventual Ukraine ceasefire");
    let byline = r["byline"].as_str().unwrap();
    assert!(byline.contains("Craig Lord") && byline.contains("The Canadian Press"), "byline {byline}");
    assert_eq!(r["dateline"], "PARIS");
    assert_eq!(r["published"], "2026-01-06T04:00:00");
    assert_eq!(r["updated"], "2026-01-06T05:32:00");
    assert!(r["caption"].as_str().unwrap().starts_with("Prime Minister Mark Carney is greeted by Nadia Burger"));
    assert_eq!(r["language"], "eng");
    let body = r["body"].as_str().unwrap();
    assert!(body.starts_with("PARIS — Prime Minister Mark Carney"), "{body}");
    assert!(body.ends_with("will be on Ukraine."), "{body}");
    for teaser in ["freezing rain", "WestJet", "26m ago", "Thorncliffe"] {
        assert!(!body.to_lowercase().contains(&teaser.to_lowercase()), "teaser text {teaser:?} in the body");
    }
    assert_eq!(r["n_paragraphs"], 6);

    let sentences = read_jsonl(&out.path().join("sentences.jsonl"));
    assert_eq!(sentences.len(), 6, "six story paragraphs give six sentences");
    let chars: Vec<char> = body.chars().collect();
    for s in &sentences {
        let (a, b) = (s["char_start"].as_u64().unwrap() as usize, s["char_end"].as_u64().unwrap() as usize);
        let sliced: String = chars[a..b].iter().collect();
        assert_eq!(sliced, s["text"].as_str().unwrap(), "char offsets slice the body");
        let (x, y) = (s["byte_start"].as_u64().unwrap() as usize, s["byte_end"].as_u64().unwrap() as usize);
        assert_eq!(&body[x..y], s["text"].as_str().unwrap(), "byte offsets slice the body");
    }
}

#[test]
fn bad_records_are_rejected_with_reasons_and_exit_code_1() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.jsonl");
    let mut f = std::fs::File::create(&dump).unwrap();
    f.write_all(b"{\"id\": \"good\", \"text\": \"The central bank raised rates on Tuesday.\"}\n").unwrap();
    f.write_all(b"{\"id\": \"broken\", \"text\": \"unterminated\n").unwrap();
    f.write_all(b"{\"id\": \"notext\", \"title\": \"no text here\"}\n").unwrap();
    f.write_all(b"{\"id\": \"latin1\", \"text\": \"caf\xe9 au lait\"}\n").unwrap();
    f.write_all(b"{\"id\": \"chrome\", \"text\": \"updated\\n\\n26m ago\"}\n").unwrap();
    drop(f);
    let (o, out) = analyze_jsonl(&[dump.to_str().unwrap()], &[]);
    assert_eq!(o.status.code(), Some(1), "exit code 1 when records were rejected");
    let rows = read_jsonl(&out.path().join("articles.jsonl"));
    let got: Vec<(String, String, String)> = rows
        .iter()
        .map(|r| {
            (
                r["article_id"].as_str().unwrap().to_string(),
                r["status"].as_str().unwrap().to_string(),
                r["reason"].as_str().unwrap_or("").split(':').next().unwrap().to_string(),
            )
        })
        .collect();
    let want = [
        ("good", "ok", ""),
        ("dump-2", "rejected", "invalid JSON"),
        ("notext", "rejected", "no text"),
        ("dump-4", "rejected", "invalid UTF-8 at byte 29 of the record"),
        ("chrome", "rejected", "empty body"),
    ];
    let want: Vec<(String, String, String)> =
        want.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(got, want);
}

#[test]
fn lossy_utf8_keeps_the_record_and_flags_it() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("d.jsonl");
    std::fs::write(&dump, b"{\"id\": \"x\", \"text\": \"Caf\xe9 prices rose sharply in Paris this week.\"}\n").unwrap();
    let (o, out) = analyze_jsonl(&[dump.to_str().unwrap()], &["--invalid-utf8", "lossy"]);
    assert_eq!(o.status.code(), Some(0));
    let rows = read_jsonl(&out.path().join("articles.jsonl"));
    assert_eq!(rows[0]["utf8_lossy"], true);
    assert!(rows[0]["body"].as_str().unwrap().contains('\u{fffd}'));
}

#[test]
fn stdin_csv_gzip_and_folders_are_read() {
    let dir = tempfile::tempdir().unwrap();
    // CSV with a formula-like title, gzipped JSON Lines, and a folder with a .txt and an .html page.
    let csv = dir.path().join("rows.csv");
    std::fs::write(&csv, "id,title,text\nc1,=HYPERLINK(\"x\"),\"Shares rose on Monday. Traders cheered.\"\n").unwrap();
    let gz = dir.path().join("d.jsonl.gz");
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(b"{\"id\":\"g1\",\"text\":\"Rain fell in Oslo. Roads flooded.\"}\n").unwrap();
    std::fs::write(&gz, enc.finish().unwrap()).unwrap();
    let folder = dir.path().join("pages");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(folder.join("a.txt"), "Snow closed schools in Ottawa on Tuesday.").unwrap();
    std::fs::write(folder.join("b.html"), "<html><body><article><p>Fire crews fought a blaze in Leeds overnight.</p></article></body></html>").unwrap();

    let out = tempfile::tempdir().unwrap();
    let mut child = newsnlp()
        .args(["analyze", "-", csv.to_str().unwrap(), gz.to_str().unwrap(), folder.to_str().unwrap()])
        .args(["-o", out.path().to_str().unwrap(), "--format", "csv", "-q"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"{\"id\":\"s1\",\"text\":\"From stdin. It works.\"}\n").unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let text = std::fs::read_to_string(out.path().join("articles.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    let id = headers.iter().position(|h| h == "article_id").unwrap();
    let title = headers.iter().position(|h| h == "title").unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.unwrap()).collect();
    let ids: Vec<&str> = rows.iter().map(|r| &r[id]).collect();
    assert_eq!(ids, ["s1", "c1", "g1", "a", "b"], "input order is kept across inputs");
    assert_eq!(&rows[1][title], "'=HYPERLINK(\"x\")", "formula-like cells are escaped");
    let names: Vec<String> = std::fs::read_dir(out.path()).unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    assert!(names.iter().all(|n| !n.contains(".partial-")), "no temporary files are left: {names:?}");
}

#[test]
fn parquet_output_can_be_read_back_as_input() {
    let page = fixture("cp-2026-01-06-carney-paris.txt");
    let first = tempfile::tempdir().unwrap();
    let o = run(&["analyze", page.to_str().unwrap(), "-o", first.path().to_str().unwrap(), "-q"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let articles = first.path().join("articles.parquet");
    let (o, out) = analyze_jsonl(&[articles.to_str().unwrap()], &["--text-field", "body", "--id-field", "article_id"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = read_jsonl(&out.path().join("articles.jsonl"));
    assert_eq!(rows[0]["article_id"], "cp-2026-01-06-carney-paris");
    assert_eq!(rows[0]["n_sentences"], 6);
}

#[test]
fn failures_exit_2_with_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let notes = dir.path().join("notes.docx");
    std::fs::write(&notes, "not an article").unwrap();
    let notes = notes.to_str().unwrap();
    let cases: [(&[&str], &str); 7] = [
        (&["analyze", "missing.jsonl", "-o", "/tmp/x"], "missing.jsonl"),
        (&["analyze", notes, "-o", "/tmp/x"], "cannot tell the format"),
        // A missing path used to be reported by its name: "cannot tell the format from the name".
        (&["analyze", "missing.docx", "-o", "/tmp/x"], "no such file or folder"),
        (&["analyze", "missing-folder", "-o", "/tmp/x"], "no such file or folder"),
        (&["report", "missing.txt"], "missing.txt does not exist"),
        (&["analyze", "tests/data/cp-2026-01-06-carney-paris.txt", "-o", "/tmp/x", "--format", "xls"], "xls"),
        (&["analyze", "tests/data/cp-2026-01-06-carney-paris.txt", "-o", "/tmp/x", "--ner-backend", "transformer"], "needs `model`"),
    ];
    for (args, needle) in cases {
        let o = run(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains(needle), "{args:?}: stderr should mention {needle:?}: {err}");
    }
}

#[test]
fn help_has_examples() {
    let o = run(&["analyze", "--help"]);
    let text = String::from_utf8_lossy(&o.stdout);
    assert!(text.contains("Examples:") && text.contains("newsnlp analyze dump.jsonl -o out/"), "{text}");
    for command in ["report", "config"] {
        let o = run(&[command, "--help"]);
        let text = String::from_utf8_lossy(&o.stdout);
        assert!(text.contains("Examples:") && text.contains("--config"), "{command} --help: {text}");
    }
}

#[test]
fn files_a_folder_holds_that_are_not_read_are_counted_and_listed_with_verbose() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    std::fs::create_dir_all(pages.join("sub")).unwrap();
    std::fs::write(pages.join("a.txt"), "The central bank raised rates on Tuesday.").unwrap();
    std::fs::write(pages.join("b.bin"), [0u8, 1, 2]).unwrap();
    std::fs::write(pages.join("sub/c.pdf"), "%PDF-1.4").unwrap();
    let out = dir.path().join("out");
    let args = ["analyze", pages.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "jsonl", "--no-ner", "--no-topics"];
    let o = run(&args);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let err = String::from_utf8_lossy(&o.stderr);
    let summary = err.lines().find(|l| l.contains("records read")).unwrap_or_else(|| panic!("no summary line: {err}"));
    assert!(summary.ends_with("; 2 files skipped (not .txt/.html; --verbose lists them)"), "{summary}");
    assert!(!err.contains("b.bin"), "without --verbose the files are only counted: {err}");
    assert_eq!(read_jsonl(&out.join("articles.jsonl")).len(), 1, "the .txt file is read");

    let o = run(&[&args[..], &["--verbose"]].concat());
    let err = String::from_utf8_lossy(&o.stderr);
    for name in ["b.bin", "c.pdf"] {
        assert!(err.lines().any(|l| l.starts_with("newsnlp: skipped ") && l.ends_with(&format!("{name} (not .txt/.html)"))), "--verbose lists {name}: {err}");
    }

    let page = fixture("cp-2026-01-06-carney-paris.txt");
    let o = run(&["analyze", page.to_str().unwrap(), "-o", out.to_str().unwrap(), "--format", "jsonl", "--no-ner", "--no-topics"]);
    assert!(!String::from_utf8_lossy(&o.stderr).contains("skipped"), "nothing is said when nothing is skipped");
}

#[test]
fn config_prints_toml_that_parses_back_and_reads_back_as_the_same_config() {
    let o = run(&["config", "--no-topics", "--rules", "my-rules.jsonl", "--text-field", "body", "--cluster-method", "embedding"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let printed = String::from_utf8(o.stdout).unwrap();
    let config = newsnlp::PipelineConfig::from_toml_str(&printed).unwrap_or_else(|e| panic!("{e}\n{printed}"));
    assert!(!config.topics.enabled && config.entities.tagger.enabled, "{printed}");
    assert_eq!(config.entities.rules.as_deref(), Some(std::path::Path::new("my-rules.jsonl")));
    assert_eq!(config.ingest.text_field, "body");
    assert!(config.clusters.enabled, "--cluster-method implies --clusters: {printed}");
    assert!(config.models_dir.is_some(), "the printed config names the models folder a run would use: {printed}");

    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pipeline.toml");
    std::fs::write(&file, &printed).unwrap();
    let again = run(&["config", "--config", file.to_str().unwrap()]);
    assert_eq!(String::from_utf8_lossy(&again.stdout), printed, "a printed config reads back unchanged");
    let over = run(&["config", "--config", file.to_str().unwrap(), "--text-field", "content", "--no-ner"]);
    let over = newsnlp::PipelineConfig::from_toml_str(&String::from_utf8_lossy(&over.stdout)).unwrap();
    assert_eq!(over.ingest.text_field, "content", "a flag overrides the file");
    assert!(!over.entities.tagger.enabled && !over.topics.enabled, "the file's other values stay");
}

#[test]
fn analyze_and_report_run_with_a_config_file() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pipeline.toml");
    std::fs::write(&file, "[topics]\nenabled = false\n\n[entities.tagger]\nenabled = false\n").unwrap();
    let page = fixture("cp-2026-01-06-carney-paris.txt");
    let (o, out) = analyze_jsonl(&[page.to_str().unwrap()], &["--config", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let rows = read_jsonl(&out.path().join("articles.jsonl"));
    assert!(rows[0]["topic"].is_null(), "the config file switches topics off: {}", rows[0]);
    let labels: Vec<String> =
        read_jsonl(&out.path().join("mentions.jsonl")).iter().map(|m| m["label"].as_str().unwrap().to_string()).collect();
    assert!(!labels.iter().any(|l| l == "PERSON"), "the config file switches the tagger off: {labels:?}");

    let o = run(&["report", page.to_str().unwrap(), "--format", "json", "--config", file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
}

#[test]
fn a_config_file_with_an_unknown_key_is_refused_with_its_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("pipeline.toml");
    std::fs::write(&file, "[topics]\nenabeld = false\n").unwrap();
    let page = fixture("cp-2026-01-06-carney-paris.txt");
    for command in ["analyze", "report", "config"] {
        let mut args = vec![command];
        if command != "config" {
            args.push(page.to_str().unwrap());
        }
        if command == "analyze" {
            args.extend(["-o", dir.path().to_str().unwrap()]);
        }
        args.extend(["--config", file.to_str().unwrap()]);
        let o = run(&args);
        assert_eq!(o.status.code(), Some(2), "{command}");
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(err.contains("unknown field `enabeld`") && err.contains("pipeline.toml"), "{command}: {err}");
    }
}
