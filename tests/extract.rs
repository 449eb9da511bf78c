//! HTML extraction: the sample page wrapped in HTML, the `extract` command,
//! robustness on any input, and the dev-set score (with shared data).

use std::path::Path;

use newsnlp::clean::{html, Cleaner, NewsCleaner};
use newsnlp::document::TextFormat;
use newsnlp::ingest::{decode_html_bytes, FileSource, IngestOptions};
use newsnlp::{Article, Document, Outcome, Pipeline, Record};
use proptest::prelude::*;

use crate::util::{fixture, read_jsonl, run, shared_data};

fn process(path: &Path) -> Document {
    let pipeline = Pipeline::builder().build().expect("default pipeline");
    let record = FileSource::open(path, IngestOptions::default(), 0)
        .expect("open")
        .next()
        .expect("one record")
        .expect("readable");
    match pipeline.process(record) {
        Outcome::Ok(doc) => *doc,
        Outcome::Rejected(r) => panic!("{} was rejected: {}", path.display(), r.reason),
    }
}

#[test]
fn the_sample_page_wrapped_in_html_gives_the_text_versions_body_and_metadata() {
    let text = process(&fixture("cp-2026-01-06-carney-paris.txt"));
    let html = process(&fixture("cp-2026-01-06-carney-paris.html"));
    assert_eq!(
        html.body, text.body,
        "the HTML page (nav and footer around a <p> per line) must clean to the text version's body"
    );
    assert_eq!(html.meta, text.meta, "and to the same metadata");
    assert!(
        html.body.starts_with("PARIS — Prime Minister Mark Carney"),
        "the body starts with the story: {:?}",
        &html.body[..80]
    );
    assert_eq!(html.meta.byline.as_deref(), Some("Craig Lord, The Canadian Press"));
    assert_eq!(html.meta.published.as_deref(), Some("2026-01-06T04:00:00"));
    assert_eq!(html.sentences.len(), text.sentences.len());
}

#[test]
fn extract_writes_the_body_and_with_json_the_metadata_of_each_page() {
    let out = tempfile::tempdir().unwrap();
    let dir = out.path().join("pages");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(fixture("cp-2026-01-06-carney-paris.html"), dir.join("carney.html")).unwrap();
    std::fs::write(dir.join("empty.html"), "<html><body><nav><a href=/>Home</a></nav></body></html>").unwrap();
    let texts = out.path().join("texts");
    let o = run(&["extract", dir.to_str().unwrap(), "-o", texts.to_str().unwrap(), "--json"]);
    assert_eq!(
        o.status.code(),
        Some(1),
        "exit code 1 when a page gives no body; stderr: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    let body = std::fs::read_to_string(texts.join("carney.txt")).unwrap();
    assert!(body.starts_with("PARIS — Prime Minister"), "{body:?}");
    assert_eq!(
        std::fs::read_to_string(texts.join("empty.txt")).unwrap(),
        "",
        "a page without a body gets an empty file"
    );
    let meta = &read_jsonl(&texts.join("carney.json"))[0];
    assert_eq!(meta["id"], "carney");
    assert_eq!(meta["authors"][0], "Craig Lord");
    assert_eq!(meta["body"], body.as_str());
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(stderr.contains("2 pages") && stderr.contains("pages/s"), "a summary with the speed: {stderr}");

    let o = run(&["extract", fixture("cp-2026-01-06-carney-paris.html").to_str().unwrap(), "--json", "-q"]);
    assert!(o.status.success());
    let line: serde_json::Value = serde_json::from_slice(&o.stdout).expect("one JSON object on stdout");
    assert_eq!(line["title"], "In Paris, Carney set to talk about Canada’s role in eventual Ukraine ceasefire");

    let o =
        run(&["extract", fixture("cp-2026-01-06-carney-paris.html").to_str().unwrap(), "--without", "no-such-thing"]);
    assert_eq!(o.status.code(), Some(2), "an unknown heuristic is a usage error");
}

/// Fragments that random pages are built from: markup that stresses the parser and the extractor.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("<p>".to_string()),
        Just("</p>".to_string()),
        Just("<div class=\"article-body\">".to_string()),
        Just("<div class='comments'>".to_string()),
        Just("</div>".to_string()),
        Just("<nav>".to_string()),
        Just("<a href=x>".to_string()),
        Just("</a>".to_string()),
        Just("<br>".to_string()),
        Just("<h2>".to_string()),
        Just("<table><tr><td>".to_string()),
        Just("<script>".to_string()),
        Just("</script>".to_string()),
        Just("<!--".to_string()),
        Just("-->".to_string()),
        Just("<noscript>".to_string()),
        Just("<svg><title>".to_string()),
        Just("<template>".to_string()),
        Just("<figure><figcaption>".to_string()),
        Just("<script type=\"application/ld+json\">{\"@type\":\"NewsArticle\",\"headline\":".to_string()),
        Just("<meta charset=\"iso-8859-1\">".to_string()),
        Just("<time datetime=\"2024-13-45\">".to_string()),
        Just("&amp;&#x1F600;&#0;&bogus;".to_string()),
        "[a-zA-Z .,:;!?'\"<>/=&#-]{0,40}",
        "\\PC{0,20}",
        Just("Share".to_string()),
        Just("€ 🙂 e\u{301} \u{a0}\u{200b}".to_string()),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_html_never_panics(parts in prop::collection::vec(fragment(), 0..60)) {
        let page = parts.concat();
        let extracted = html::extract(&page);
        for b in extracted.blocks.iter().chain(&extracted.captions) {
            prop_assert!(!b.is_empty() && b.trim() == b, "blocks are trimmed and non-empty: {:?}", b);
        }
        let article = Article { text: page, format: TextFormat::Html, ..Default::default() };
        let _ = NewsCleaner.clean(article);
    }

    #[test]
    fn truncated_pages_never_panic(cut in 0usize..6000) {
        let page = std::fs::read_to_string(fixture("cp-2026-01-06-carney-paris.html")).unwrap();
        let mut cut = cut.min(page.len());
        while !page.is_char_boundary(cut) {
            cut -= 1;
        }
        let page = &page[..cut];
        let _ = html::extract(page);
    }

    #[test]
    fn random_bytes_decode_and_extract_without_panic(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let text = decode_html_bytes(&bytes);
        let _ = html::extract(&text);
    }
}

/// The benchmark's metric (`score_extraction.py`): after whitespace
/// normalisation, 'with' strings found are true positives, 'with' strings
/// missing false negatives, 'without' strings found false positives.
fn f1(rows: &[(serde_json::Value, String)]) -> f64 {
    // Python's `\s` also counts the separators U+001C..U+001F as whitespace.
    let norm = |s: &str| {
        s.split(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (row, text) in rows {
        let text = norm(text);
        let strings = |k: &str| {
            row[k]
                .as_array()
                .cloned()
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| v.as_str().map(&norm))
                .collect::<Vec<_>>()
        };
        for w in strings("with") {
            if text.contains(&w) {
                tp += 1
            } else {
                fn_ += 1
            }
        }
        fp += strings("without").iter().filter(|w| text.contains(w.as_str())).count();
    }
    2.0 * tp as f64 / (2 * tp + fp + fn_) as f64
}

#[test]
fn the_dev_pages_score_at_least_0_92() {
    let Some(data) = shared_data() else {
        eprintln!("note: NEWSNLP_SHARED_DATA is not set; skipping the extraction dev-set score");
        return;
    };
    let dir = data.join("extraction");
    let rows: Vec<(serde_json::Value, String)> = read_jsonl(&dir.join("expected.jsonl"))
        .into_iter()
        .map(|row| {
            let id = row["id"].as_str().expect("an id").to_string();
            let record = FileSource::open(&dir.join("pages").join(format!("{id}.html")), IngestOptions::default(), 0)
                .expect("open")
                .next()
                .expect("one record")
                .expect("readable");
            let body = match record {
                Record::Article(a) => NewsCleaner.clean(a).map(|d| d.body).unwrap_or_default(),
                Record::Rejected(_) => String::new(),
            };
            (row, body)
        })
        .collect();
    let all = f1(&rows);
    let en: Vec<_> = rows.iter().filter(|(r, _)| r["lang"] == "en").cloned().collect();
    let news: Vec<_> = en.iter().filter(|(r, _)| r["news"] == true).cloned().collect();
    let (en, news) = (f1(&en), f1(&news));
    eprintln!("extraction dev set: F1 {all:.4} all, {en:.4} English, {news:.4} English news ({} pages)", rows.len());
    assert!(
        all >= 0.92,
        "F1 on the dev pages fell to {all:.4} (< 0.92): rerun scripts/bench-extraction.sh and look at the failures"
    );
    assert!(en >= 0.90 && news >= 0.92, "F1 fell on English ({en:.4}) or English news ({news:.4}) pages");
}
