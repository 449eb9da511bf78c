//! `newsnlp report`: golden files for the four formats on the sample page,
//! the JSON report against its committed schema, and the command's handling
//! of inputs, colour and width. Rewrite the golden files only on purpose,
//! with `BLESS=1 cargo test --release report`.

use std::io::Write;
use std::process::{Command, Output, Stdio};

use crate::golden::check_golden;
use crate::util::{newsnlp, root};

/// The sample page, relative to the repository root (where tests run the
/// binary), so that the `source` shown in reports is the same on every machine.
const SAMPLE: &str = "tests/data/cp-2026-01-06-carney-paris.txt";

/// `newsnlp report` with a clean environment for layout: no COLUMNS, no NO_COLOR.
fn report(args: &[&str]) -> Command {
    let mut c = newsnlp();
    c.arg("report").args(args).env_remove("COLUMNS").env_remove("NO_COLOR");
    c
}

fn ok(mut c: Command) -> String {
    let o = c.output().expect("newsnlp runs");
    assert!(o.status.success(), "newsnlp failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("UTF-8 output")
}

fn with_stdin(mut c: Command, input: &[u8]) -> Output {
    let mut child = c.stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn schema() -> serde_json::Value {
    let path = root().join("docs/report.schema.json");
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).expect("the schema is JSON")
}

/// Validates `report` against the committed schema, listing every error.
fn assert_valid(report: &serde_json::Value, what: &str) {
    let errors = schema_check::errors(&schema(), report);
    assert!(errors.is_empty(), "{what} does not match docs/report.schema.json:\n{}", errors.join("\n"));
}

#[test]
fn sample_page_reports_match_the_golden_files() {
    let cases: [(&str, &[&str], &str); 4] = [
        ("report-text", &["--format", "text", "--color", "never", "--width", "80"], "txt"),
        ("report-markdown", &["--format", "markdown"], "md"),
        ("report-json", &["--format", "json"], "json"),
        ("report-html", &["--format", "html"], "html"),
    ];
    for (variant, flags, ext) in cases {
        let mut args = vec![SAMPLE];
        args.extend_from_slice(flags);
        let actual = ok(report(&args));
        check_golden(
            &actual,
            &root().join(format!("tests/expected/cp-2026-01-06-carney-paris.{variant}.expected.{ext}")),
        );
    }
}

#[test]
fn text_is_the_default_and_is_plain_when_piped() {
    let out = ok(report(&[SAMPLE]));
    assert!(out.starts_with("In ") && out.contains("set to talk about"), "the headline comes first:\n{out}");
    assert!(!out.contains('\x1b'), "no colour when stdout is not a terminal");
    assert!(out.contains("[GRP coalition of the willing]"), "mentions are bracketed without colour:\n{out}");
}

#[test]
fn colour_is_used_when_asked() {
    let out = ok(report(&[SAMPLE, "--color", "always"]));
    assert!(out.contains("\x1b[1;36mcoalition of the willing\x1b[0m"), "a group is bold cyan:\n{out}");
    let mut no_color = report(&[SAMPLE, "--color", "auto"]);
    no_color.env("NO_COLOR", "1");
    assert!(!ok(no_color).contains('\x1b'));
}

#[test]
fn lines_fit_the_width_from_columns_or_the_flag() {
    for (columns, flag, want) in
        [(Some("60"), None, 60), (None, Some("50"), 50), (Some("200"), None, 100), (None, None, 80)]
    {
        let mut args = vec![SAMPLE];
        if let Some(w) = flag {
            args.extend(["--width", w]);
        }
        let mut c = report(&args);
        if let Some(cols) = columns {
            c.env("COLUMNS", cols);
        }
        let out = ok(c);
        let widest = out.lines().map(|l| l.chars().count()).max().unwrap();
        assert!(
            widest <= want,
            "COLUMNS={columns:?} --width {flag:?}: a line of {widest} columns, want at most {want}"
        );
        assert!(
            widest >= want - 12,
            "COLUMNS={columns:?} --width {flag:?}: lines of at most {widest} columns, want close to {want}"
        );
    }
}

#[test]
fn the_json_report_validates_against_the_schema() {
    let out = ok(report(&[SAMPLE, "--format", "json"]));
    let v: serde_json::Value = serde_json::from_str(&out).expect("one JSON object");
    assert_valid(&v, "the report of the sample page");
    let html_page = "<!DOCTYPE html><html lang=\"en\"><head><title>NATO allies meet</title>\
                     <meta property=\"og:site_name\" content=\"Example News\"></head><body><article>\
                     <h1>NATO allies meet</h1><p>BRUSSELS — NATO ministers met on Monday with the G7 to talk about \
                     the coalition of the willing and a $2bn fund.</p></article></body></html>";
    let o = with_stdin(report(&["-", "--format", "json"]), html_page.as_bytes());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["source"], "stdin");
    assert_valid(&v, "the report of an HTML page read from stdin");
}

#[test]
fn the_schema_is_strict_and_documents_every_property() {
    let out = ok(report(&[SAMPLE, "--format", "json"]));
    let good: serde_json::Value = serde_json::from_str(&out).unwrap();
    let schema = schema();
    type Breakage = (&'static str, fn(&mut serde_json::Value));
    let breakages: [Breakage; 5] = [
        ("an unknown top-level field", |v| v["extra"] = 1.into()),
        ("a missing field", |v| drop(v.as_object_mut().unwrap().remove("entities"))),
        ("an unknown label", |v| v["mentions"][0]["label"] = "PLANET".into()),
        ("a negative offset", |v| v["sentences"][0]["char_start"] = (-1).into()),
        ("an unknown entity field", |v| v["entities"][0]["wikidata"] = "Q1".into()),
    ];
    for (what, breaks) in breakages {
        let mut bad = good.clone();
        breaks(&mut bad);
        assert!(!schema_check::errors(&schema, &bad).is_empty(), "the schema must reject {what}");
    }
    // Every property has a description: the schema is the JSON report's documentation.
    fn walk(node: &serde_json::Value, path: &str, missing: &mut Vec<String>) {
        if let Some(props) = node.get("properties").and_then(|p| p.as_object()) {
            for (name, prop) in props {
                if prop.get("description").is_none() {
                    missing.push(format!("{path}/{name}"));
                }
                walk(prop, &format!("{path}/{name}"), missing);
            }
        }
        for key in ["items", "oneOf"] {
            match node.get(key) {
                Some(serde_json::Value::Array(items)) => items.iter().for_each(|i| walk(i, path, missing)),
                Some(item) => walk(item, path, missing),
                None => {}
            }
        }
    }
    let mut missing = Vec::new();
    walk(&schema, "", &mut missing);
    assert!(missing.is_empty(), "properties without a description in docs/report.schema.json: {missing:?}");
}

#[test]
fn the_json_report_agrees_with_the_analyze_tables() {
    let out = tempfile::tempdir().unwrap();
    let o = newsnlp()
        .args(["analyze", SAMPLE, "-o", out.path().to_str().unwrap(), "--format", "jsonl", "-q"])
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_str(&ok(report(&[SAMPLE, "--format", "json"]))).unwrap();
    let mentions = crate::util::read_jsonl(&out.path().join("mentions.jsonl"));
    assert_eq!(mentions.len(), v["mentions"].as_array().unwrap().len(), "same number of mentions");
    for (row, m) in mentions.iter().zip(v["mentions"].as_array().unwrap()) {
        for key in [
            "mention_id",
            "field",
            "sentence_index",
            "char_start",
            "char_end",
            "byte_start",
            "text",
            "label",
            "entity_id",
            "origin",
        ] {
            assert_eq!(
                row[key], m[key],
                "mention {}: `{key}` differs between the table and the report",
                row["mention_id"]
            );
        }
    }
    let entities = crate::util::read_jsonl(&out.path().join("entities.jsonl"));
    assert_eq!(entities.len(), v["entities"].as_array().unwrap().len(), "same number of entities");
    for row in &entities {
        let e = v["entities"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["entity_id"] == row["entity_id"])
            .expect("entity in the report");
        for key in ["name", "label", "aliases", "roles", "mention_count", "first_char"] {
            assert_eq!(row[key], e[key], "entity {}: `{key}` differs between the table and the report", row["name"]);
        }
    }
    let sentences = crate::util::read_jsonl(&out.path().join("sentences.jsonl"));
    let texts: Vec<&serde_json::Value> = sentences.iter().map(|s| &s["text"]).collect();
    let report_texts: Vec<&serde_json::Value> = v["sentences"].as_array().unwrap().iter().map(|s| &s["text"]).collect();
    assert_eq!(texts, report_texts, "same sentences");
}

#[test]
fn output_goes_to_a_file_with_o() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    let stdout = ok(report(&[SAMPLE, "--format", "html", "-o", path.to_str().unwrap()]));
    assert!(stdout.is_empty(), "nothing on stdout with -o");
    let html = std::fs::read_to_string(&path).unwrap();
    assert!(html.starts_with("<!DOCTYPE html>") && html.contains("coalition of the willing"));
}

#[test]
fn pages_come_from_stdin_as_text_or_html() {
    let text = "Allies meet in Paris\n\nBy Jane Doe, The Canadian Press\n\nPARIS — NATO allies met on Tuesday.";
    let o = with_stdin(report(&["-", "--format", "markdown"]), text.as_bytes());
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let md = String::from_utf8(o.stdout).unwrap();
    assert!(md.starts_with("# Allies meet in "), "the headline is the title:\n{md}");
    assert!(md.contains("**NATO**<sup>ORG</sup>"), "{md}");
    let o = with_stdin(report(&["-"]), b"caf\xe9 au lait, a plain text page that is not UTF-8");
    assert_eq!(o.status.code(), Some(2), "plain text on stdin must be UTF-8");
    assert!(String::from_utf8_lossy(&o.stderr).contains("invalid UTF-8 at byte 3"));
}

#[test]
fn inputs_that_are_not_one_page_are_refused_with_advice() {
    let dir = tempfile::tempdir().unwrap();
    let dump = dir.path().join("dump.jsonl");
    std::fs::write(&dump, "{\"text\": \"x\"}\n").unwrap();
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "  \n").unwrap();
    let cases = [
        (dir.path().to_str().unwrap(), "is a folder"),
        (dump.to_str().unwrap(), "use `newsnlp analyze` for dumps"),
        (empty.to_str().unwrap(), "cannot read"),
        ("no-such-page.txt", "no-such-page.txt"),
    ];
    for (input, want) in cases {
        let o = report(&[input]).output().unwrap();
        let err = String::from_utf8_lossy(&o.stderr);
        assert_eq!(o.status.code(), Some(2), "{input}: {err}");
        assert!(err.contains(want), "{input}: expected {want:?} in the error, got {err}");
    }
}

/// A JSON Schema validator for the keywords `docs/report.schema.json` uses.
///
/// The `jsonschema` crate would do, but it turns on serde_json's
/// `float_roundtrip` feature, which makes every test build recompile
/// serde_json and all that depends on it (polars) apart from the normal
/// build. The report's schema needs a dozen keywords; any other keyword in
/// the schema fails the test, so that none is ever silently ignored. The
/// schema was also checked with Python's `jsonschema` 4 (Draft 2020-12)
/// against the sample page's report, with the same verdicts.
mod schema_check {
    use serde_json::Value;

    /// Keywords that only annotate.
    const ANNOTATIONS: [&str; 5] = ["$schema", "$id", "title", "description", "$defs"];

    /// Every violation of `schema` by `instance`, with its JSON pointer.
    pub fn errors(schema: &Value, instance: &Value) -> Vec<String> {
        let mut out = Vec::new();
        check(schema, schema, instance, "", &mut out);
        out
    }

    fn check(root: &Value, schema: &Value, v: &Value, at: &str, out: &mut Vec<String>) {
        let Some(schema) = schema.as_object() else { panic!("schema at {at} is not an object") };
        for (key, rule) in schema {
            match key.as_str() {
                k if ANNOTATIONS.contains(&k) => {}
                "$ref" => {
                    let path = rule.as_str().and_then(|r| r.strip_prefix("#")).expect("only local $ref");
                    let target = root.pointer(path).unwrap_or_else(|| panic!("$ref {path} not found"));
                    check(root, target, v, at, out);
                }
                "type" => {
                    let types: Vec<&str> = match rule {
                        Value::String(t) => vec![t.as_str()],
                        Value::Array(ts) => ts.iter().filter_map(Value::as_str).collect(),
                        _ => panic!("bad type at {at}"),
                    };
                    if !types.iter().any(|t| has_type(v, t)) {
                        out.push(format!("{at}: {v} is not of type {types:?}"));
                    }
                }
                "enum" => {
                    if !rule.as_array().expect("enum is an array").contains(v) {
                        out.push(format!("{at}: {v} is not one of {rule}"));
                    }
                }
                "const" => {
                    if rule != v {
                        out.push(format!("{at}: {v} is not {rule}"));
                    }
                }
                "minimum" | "maximum" => {
                    if let (Some(x), Some(limit)) = (v.as_f64(), rule.as_f64()) {
                        if (key == "minimum" && x < limit) || (key == "maximum" && x > limit) {
                            out.push(format!("{at}: {x} is beyond the {key} {limit}"));
                        }
                    }
                }
                "minLength" => {
                    if v.as_str().is_some_and(|s| (s.chars().count() as u64) < rule.as_u64().unwrap()) {
                        out.push(format!("{at}: {v} is shorter than {rule}"));
                    }
                }
                "pattern" => {
                    let re = regex::Regex::new(rule.as_str().unwrap()).expect("pattern is a regex");
                    if v.as_str().is_some_and(|s| !re.is_match(s)) {
                        out.push(format!("{at}: {v} does not match {rule}"));
                    }
                }
                "required" => {
                    if let Some(obj) = v.as_object() {
                        for name in rule.as_array().unwrap().iter().filter_map(Value::as_str) {
                            if !obj.contains_key(name) {
                                out.push(format!("{at}: `{name}` is missing"));
                            }
                        }
                    }
                }
                "properties" => {
                    if let Some(obj) = v.as_object() {
                        for (name, sub) in rule.as_object().unwrap() {
                            if let Some(value) = obj.get(name) {
                                check(root, sub, value, &format!("{at}/{name}"), out);
                            }
                        }
                    }
                }
                "additionalProperties" => {
                    assert_eq!(rule, &Value::Bool(false), "only additionalProperties: false is supported");
                    let known = schema.get("properties").and_then(Value::as_object);
                    if let Some(obj) = v.as_object() {
                        for name in obj.keys().filter(|n| !known.is_some_and(|k| k.contains_key(*n))) {
                            out.push(format!("{at}: unknown property `{name}`"));
                        }
                    }
                }
                "items" => {
                    if let Some(items) = v.as_array() {
                        for (i, item) in items.iter().enumerate() {
                            check(root, rule, item, &format!("{at}/{i}"), out);
                        }
                    }
                }
                "oneOf" => {
                    let passing = rule
                        .as_array()
                        .unwrap()
                        .iter()
                        .filter(|sub| {
                            let mut sub_errors = Vec::new();
                            check(root, sub, v, at, &mut sub_errors);
                            sub_errors.is_empty()
                        })
                        .count();
                    if passing != 1 {
                        out.push(format!("{at}: {v} matches {passing} of the oneOf schemas, not exactly 1"));
                    }
                }
                other => panic!("docs/report.schema.json uses `{other}` at {at}, which this validator does not know"),
            }
        }
    }

    fn has_type(v: &Value, t: &str) -> bool {
        match t {
            "null" => v.is_null(),
            "boolean" => v.is_boolean(),
            "string" => v.is_string(),
            "array" => v.is_array(),
            "object" => v.is_object(),
            "number" => v.is_number(),
            "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
            other => panic!("unknown type {other}"),
        }
    }

    #[test]
    fn the_validator_catches_what_it_claims_to() {
        let schema = serde_json::json!({
            "type": "object", "additionalProperties": false, "required": ["n", "s"],
            "properties": {
                "n": { "$ref": "#/$defs/count" },
                "s": { "type": "string", "minLength": 1, "pattern": "^[a-z]+$" },
                "l": { "type": "array", "items": { "enum": ["A", "B"] } },
                "o": { "oneOf": [{ "type": "null" }, { "const": 1 }] }
            },
            "$defs": { "count": { "type": "integer", "minimum": 0, "maximum": 9 } }
        });
        let cases = [
            (serde_json::json!({"n": 3, "s": "ab", "l": ["A"], "o": null}), 0),
            (serde_json::json!({"n": 3, "s": "ab", "o": 1}), 0),
            (serde_json::json!({"n": -1, "s": "ab"}), 1),
            (serde_json::json!({"n": 10, "s": "ab"}), 1),
            (serde_json::json!({"n": 1.5, "s": "ab"}), 1),
            (serde_json::json!({"n": 1, "s": ""}), 2),
            (serde_json::json!({"n": 1, "s": "AB"}), 1),
            (serde_json::json!({"n": 1, "s": "ab", "l": ["C"]}), 1),
            (serde_json::json!({"n": 1, "s": "ab", "o": 2}), 1),
            (serde_json::json!({"s": "ab", "x": 0}), 2),
        ];
        for (instance, n_errors) in cases {
            let got = errors(&schema, &instance);
            assert_eq!(got.len(), n_errors, "{instance}: {got:?}");
        }
    }
}
