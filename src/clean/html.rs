//! HTML pages: the page's text blocks and metadata, through a real HTML
//! parser (html5ever, via scraper).
//!
//! This is the baseline extractor: it takes the page's own markup of the
//! article (`itemprop="articleBody"`, `<article>`, `<main>`) when present,
//! drops scripts, styles, navigation, headers, footers, asides and forms,
//! and turns block elements into text blocks. Metadata comes from JSON-LD,
//! OpenGraph and article meta tags, `<time>` elements and `<title>`.

use scraper::{ElementRef, Html, Node, Selector};

use super::dates::parse_datetime;
use crate::document::Metadata;

/// What the HTML stage extracted from a page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    /// Text blocks of the main content, in page order.
    pub blocks: Vec<String>,
    /// Figure captions found in the main content.
    pub captions: Vec<String>,
    /// Metadata from the page's markup.
    pub meta: Metadata,
}

const SKIP: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg", "button", "select",
    "template", "object", "embed", "canvas", "input", "textarea", "menu", "dialog",
];

const BLOCK: &[&str] = &[
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
    "dd", "blockquote", "pre", "table", "tr", "td", "th", "br", "hr", "figure", "figcaption", "address", "center",
    "body",
];

fn sel(s: &str) -> Selector {
    Selector::parse(s).expect("static selector")
}

/// Extracts blocks and metadata from an HTML page.
pub fn extract(html: &str) -> HtmlPage {
    let doc = Html::parse_document(html);
    let mut page = HtmlPage { meta: metadata(&doc), ..Default::default() };
    let root = ["[itemprop=articleBody]", "article", "main", "body"]
        .iter()
        .find_map(|s| doc.select(&sel(s)).max_by_key(|e| text_len(*e)))
        .unwrap_or_else(|| doc.root_element());
    let mut current = String::new();
    walk(root, &mut current, &mut page);
    flush(&mut current, &mut page.blocks);
    page
}

fn text_len(e: ElementRef<'_>) -> usize {
    e.text().map(str::len).sum()
}

fn walk(e: ElementRef<'_>, current: &mut String, page: &mut HtmlPage) {
    let name = e.value().name();
    if SKIP.contains(&name) || is_hidden(e) {
        return;
    }
    if name == "figcaption" {
        let text = collapse(&e.text().collect::<String>());
        if !text.is_empty() {
            page.captions.push(text);
        }
        return;
    }
    let block = BLOCK.contains(&name);
    if block {
        flush(current, &mut page.blocks);
    }
    for child in e.children() {
        match child.value() {
            Node::Text(t) => current.push_str(t),
            Node::Element(_) => {
                if let Some(c) = ElementRef::wrap(child) {
                    walk(c, current, page);
                }
            }
            _ => {}
        }
    }
    if block {
        flush(current, &mut page.blocks);
    }
}

fn is_hidden(e: ElementRef<'_>) -> bool {
    let v = e.value();
    v.attr("hidden").is_some()
        || v.attr("aria-hidden") == Some("true")
        || v.attr("style").is_some_and(|s| s.replace(' ', "").contains("display:none"))
}

fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn flush(current: &mut String, blocks: &mut Vec<String>) {
    let text = collapse(current);
    if !text.is_empty() {
        blocks.push(text);
    }
    current.clear();
}

fn meta_content(doc: &Html, selectors: &[&str]) -> Option<String> {
    selectors.iter().find_map(|s| {
        doc.select(&sel(s))
            .find_map(|e| e.value().attr("content").or_else(|| e.value().attr("datetime")).or_else(|| e.value().attr("href")))
            .map(collapse)
            .filter(|v| !v.is_empty())
    })
}

fn metadata(doc: &Html) -> Metadata {
    let mut meta = Metadata::default();
    let ld = json_ld(doc);
    let ld_str = |key: &str| ld.iter().find_map(|v| v.get(key).and_then(value_text));
    meta.title = ld_str("headline")
        .or_else(|| meta_content(doc, &["meta[property='og:title']", "meta[name='twitter:title']"]))
        .or_else(|| doc.select(&sel("h1")).next().map(|e| collapse(&e.text().collect::<String>())).filter(|t| !t.is_empty()))
        .or_else(|| doc.select(&sel("title")).next().map(|e| collapse(&e.text().collect::<String>())).filter(|t| !t.is_empty()));
    let published = ld_str("datePublished").or_else(|| {
        meta_content(
            doc,
            &[
                "meta[property='article:published_time']",
                "meta[name='pubdate']",
                "meta[name='date']",
                "meta[itemprop='datePublished']",
                "time[datetime]",
            ],
        )
    });
    meta.published = published.as_deref().and_then(parse_datetime);
    let modified = ld_str("dateModified")
        .or_else(|| meta_content(doc, &["meta[property='article:modified_time']", "meta[itemprop='dateModified']"]));
    meta.updated = modified.as_deref().and_then(parse_datetime);
    let authors: Vec<String> = ld
        .iter()
        .filter_map(|v| v.get("author"))
        .flat_map(|a| match a {
            serde_json::Value::Array(items) => items.iter().filter_map(value_text).collect::<Vec<_>>(),
            other => value_text(other).into_iter().collect(),
        })
        .collect();
    meta.authors = if authors.is_empty() {
        meta_content(doc, &["meta[name='author']", "meta[property='article:author']"]).into_iter().collect()
    } else {
        authors
    };
    if !meta.authors.is_empty() {
        meta.byline = Some(meta.authors.join(", "));
    }
    meta.site = meta_content(doc, &["meta[property='og:site_name']", "meta[name='application-name']"]);
    meta.canonical_url = meta_content(doc, &["link[rel='canonical']", "meta[property='og:url']"]);
    meta.declared_language = doc.root_element().value().attr("lang").map(str::to_string).filter(|l| !l.is_empty());
    meta
}

/// The text of a JSON-LD value: a string, or an object's `name`.
fn value_text(v: &serde_json::Value) -> Option<String> {
    match v {
        serde_json::Value::String(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
        serde_json::Value::Object(o) => o.get("name").and_then(value_text),
        _ => None,
    }
}

/// The JSON-LD objects of the page, with `@graph` members flattened.
fn json_ld(doc: &Html) -> Vec<serde_json::Value> {
    let mut out = Vec::new();
    for script in doc.select(&sel("script[type='application/ld+json']")) {
        let raw: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<serde_json::Value>(raw.trim()) else { continue };
        let mut stack = vec![value];
        while let Some(v) = stack.pop() {
            match v {
                serde_json::Value::Array(items) => stack.extend(items),
                serde_json::Value::Object(mut o) => {
                    if let Some(graph) = o.remove("@graph") {
                        stack.push(graph);
                    }
                    out.push(serde_json::Value::Object(o));
                }
                _ => {}
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_and_metadata_come_out_of_a_page() {
        let html = r#"<!doctype html><html lang="en"><head><title>Site | Story</title>
            <meta property="og:site_name" content="The Site">
            <link rel="canonical" href="https://example.com/story">
            <script type="application/ld+json">{"@type":"NewsArticle","headline":"Big story","datePublished":"2026-01-06T04:00:00Z","author":{"@type":"Person","name":"Jane Doe"}}</script>
            <style>p{color:red}</style></head>
            <body><nav><ul><li>Home</li><li>World</li></ul></nav>
            <article><h1>Big story</h1><p>First   paragraph.</p><figure><img src=x><figcaption>A photo. REUTERS/Jo Bloggs</figcaption></figure>
            <p>Second <b>paragraph</b>.</p><script>var x=1;</script></article>
            <footer>Copyright</footer></body></html>"#;
        let page = extract(html);
        assert_eq!(page.blocks, vec!["Big story", "First paragraph.", "Second paragraph."]);
        assert_eq!(page.captions, vec!["A photo. REUTERS/Jo Bloggs"]);
        assert_eq!(page.meta.title.as_deref(), Some("Big story"));
        assert_eq!(page.meta.published.as_deref(), Some("2026-01-06T04:00:00Z"));
        assert_eq!(page.meta.authors, vec!["Jane Doe"]);
        assert_eq!(page.meta.site.as_deref(), Some("The Site"));
        assert_eq!(page.meta.canonical_url.as_deref(), Some("https://example.com/story"));
        assert_eq!(page.meta.declared_language.as_deref(), Some("en"));
    }
}
