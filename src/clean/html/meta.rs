//! Metadata from a page's markup: title, authors, dates, site, language
//! and canonical URL.
//!
//! Sources in order of trust: JSON-LD (what the publisher tells search
//! engines), then OpenGraph and article `<meta>` tags, then microdata
//! (`itemprop`), then visible markup (`<time>`, `rel=author` links, the
//! first `<h1>`, `<title>`). One pass over the elements gathers every
//! candidate; the fields then take the first source that has a usable value.

use serde_json::Value;

use super::dom::Dom;
use super::textblocks::collapse;
use crate::clean::byline::parse_byline;
use crate::clean::dates::parse_datetime;
use crate::document::Metadata;

/// Everything one pass over the page found, before choosing.
#[derive(Debug, Default)]
pub(crate) struct Candidates {
    /// `<meta>` tags: (lower-case `property`/`name`/`itemprop`, `content`).
    metas: Vec<(String, String)>,
    /// Microdata elements with a text value: (itemprop, text).
    itemprops: Vec<(String, String)>,
    /// JSON-LD objects, `@graph` members flattened.
    json_ld: Vec<Value>,
    canonical: Option<String>,
    time_datetime: Option<String>,
    rel_author: Vec<String>,
    /// Short texts of elements whose class names a byline or author.
    visible_bylines: Vec<String>,
    h1: Option<String>,
    title: Option<String>,
    lang: Option<String>,
}

/// Gathers metadata candidates from every element of the page.
pub(crate) fn gather(dom: &Dom) -> Candidates {
    let mut c = Candidates::default();
    if let Some(html) = dom.html_element().and_then(|h| dom.element(h)) {
        c.lang = html
            .attr("lang")
            .or_else(|| html.attr("xml:lang"))
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string);
    }
    for id in dom.descendants(0) {
        let Some(e) = dom.element(id) else { continue };
        match &*e.name.local {
            "meta" => {
                let key = e.attr("property").or_else(|| e.attr("name")).or_else(|| e.attr("itemprop"));
                if let (Some(k), Some(v)) = (key, e.attr("content")) {
                    let v = collapse(v);
                    if !v.is_empty() {
                        c.metas.push((k.trim().to_ascii_lowercase(), v));
                    }
                }
                if c.lang.is_none() && e.attr("http-equiv").is_some_and(|h| h.eq_ignore_ascii_case("content-language"))
                {
                    c.lang = e.attr("content").map(|l| l.trim().to_string()).filter(|l| !l.is_empty());
                }
                continue;
            }
            "link" => {
                let rel = e.attr("rel").unwrap_or("");
                if c.canonical.is_none() && rel.split_ascii_whitespace().any(|r| r.eq_ignore_ascii_case("canonical")) {
                    c.canonical = e.attr("href").map(str::trim).filter(|h| !h.is_empty()).map(str::to_string);
                }
                continue;
            }
            "script" => {
                if e.attr("type").is_some_and(|t| t.to_ascii_lowercase().contains("ld+json")) {
                    collect_json_ld(&dom.text(id), &mut c.json_ld);
                }
                continue;
            }
            "title" if c.title.is_none() => c.title = Some(collapse(&dom.text(id))).filter(|t| !t.is_empty()),
            "h1" if c.h1.is_none() => c.h1 = Some(collapse(&dom.text(id))).filter(|t| !t.is_empty()),
            "time" if c.time_datetime.is_none() => c.time_datetime = e.attr("datetime").map(str::to_string),
            "a" if e.attr("rel").is_some_and(|r| r.split_ascii_whitespace().any(|r| r == "author")) => {
                let name = collapse(&dom.text(id));
                if looks_like_name(&name) && !c.rel_author.contains(&name) {
                    c.rel_author.push(name);
                }
            }
            _ => {}
        }
        if c.visible_bylines.len() < 4 && e.attr("class").is_some_and(super::hints::names_byline) {
            if let Some(text) = dom.short_text(id, 400).map(|t| collapse(&t)) {
                if !text.is_empty() && text.chars().count() <= 100 && !c.visible_bylines.contains(&text) {
                    c.visible_bylines.push(text);
                }
            }
        }
        if let Some(prop) = e.attr("itemprop") {
            let value = match e.attr("content").or_else(|| e.attr("datetime")) {
                Some(v) => Some(collapse(v)),
                // The article body is itemprop too: only short texts are values.
                None => dom.short_text(id, 600).map(|t| collapse(&t)),
            };
            if let Some(value) = value.filter(|v| !v.is_empty() && v.len() < 300) {
                c.itemprops.push((prop.trim().to_string(), value));
            }
        }
    }
    c
}

impl Candidates {
    fn meta(&self, keys: &[&str]) -> Option<String> {
        keys.iter().find_map(|k| self.metas.iter().find(|(mk, _)| mk == k).map(|(_, v)| v.clone()))
    }

    fn itemprop(&self, key: &str) -> Option<String> {
        self.itemprops.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone())
    }

    /// The first JSON-LD value of `key` among article-like objects, then among all.
    fn ld(&self, key: &str) -> Option<&Value> {
        let articles = self.json_ld.iter().filter(|v| is_article_type(v));
        articles.chain(self.json_ld.iter()).find_map(|v| v.get(key).filter(|x| !x.is_null()))
    }

    fn ld_text(&self, key: &str) -> Option<String> {
        self.ld(key).and_then(value_text)
    }

    /// The `articleBody` the page's JSON-LD declares, if any.
    pub(crate) fn article_body(&self) -> Option<String> {
        self.json_ld
            .iter()
            .filter(|v| is_article_type(v))
            .find_map(|v| v.get("articleBody").and_then(Value::as_str))
            .map(str::to_string)
    }

    /// Chooses the metadata fields.
    pub(crate) fn metadata(&self) -> Metadata {
        let mut meta = Metadata::default();
        meta.title = self
            .ld_text("headline")
            .or_else(|| self.meta(&["og:title", "twitter:title", "dc.title", "title"]))
            .or_else(|| self.itemprop("headline"))
            .or_else(|| self.h1.clone())
            .or_else(|| self.title.clone());
        meta.published = self
            .ld_text("datePublished")
            .or_else(|| {
                self.meta(&[
                    "article:published_time",
                    "og:published_time",
                    "datepublished",
                    "pubdate",
                    "publishdate",
                    "publish-date",
                    "date",
                    "dc.date",
                    "dc.date.issued",
                    "dcterms.date",
                    "sailthru.date",
                    "parsely-pub-date",
                    "article.published",
                ])
            })
            .or_else(|| self.itemprop("datePublished"))
            .or_else(|| self.time_datetime.clone())
            .as_deref()
            .and_then(parse_datetime);
        meta.updated = self
            .ld_text("dateModified")
            .or_else(|| {
                self.meta(&[
                    "article:modified_time",
                    "og:updated_time",
                    "datemodified",
                    "last-modified",
                    "dcterms.modified",
                ])
            })
            .or_else(|| self.itemprop("dateModified"))
            .as_deref()
            .and_then(parse_datetime);
        meta.authors = self.authors();
        if !meta.authors.is_empty() {
            meta.byline = Some(meta.authors.join(", "));
        }
        meta.site =
            self.meta(&["og:site_name", "application-name"]).or_else(|| self.ld("publisher").and_then(value_text));
        meta.canonical_url = self.canonical.clone().or_else(|| self.meta(&["og:url"]));
        meta.declared_language = self.lang.clone();
        meta
    }

    fn authors(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        if let Some(a) = self.ld("author") {
            match a {
                Value::Array(items) => out.extend(items.iter().filter_map(value_text)),
                other => out.extend(value_text(other)),
            }
        }
        if out.is_empty() {
            out.extend(self.meta(&["author", "article:author", "dc.creator", "parsely-author", "sailthru.author"]));
        }
        if out.is_empty() {
            out.extend(self.itemprops.iter().filter(|(k, _)| k == "author" || k == "creator").map(|(_, v)| v.clone()));
        }
        if out.is_empty() {
            out.extend(self.rel_author.iter().cloned());
        }
        if out.is_empty() {
            // Last resort: the visible byline, "By Jane Doe, Agency" or a bare name.
            out.extend(
                self.visible_bylines
                    .iter()
                    .find_map(|b| {
                        parse_byline(b)
                            .map(|by| by.authors)
                            .filter(|a| !a.is_empty())
                            .or_else(|| person_name(b).map(|n| vec![n]))
                    })
                    .unwrap_or_default(),
            );
        }
        let mut seen: Vec<String> = Vec::new();
        for a in out {
            // Profile URLs are not names; "By Jane Doe" is.
            let name = a.trim().trim_start_matches("By ").trim_start_matches("by ").trim().to_string();
            if looks_like_name(&name) && !seen.contains(&name) {
                seen.push(name);
            }
        }
        seen
    }
}

/// A person's name as a byline shows it: two to four capitalised words.
fn person_name(text: &str) -> Option<String> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let capitalised = |w: &&str| {
        w.chars().next().is_some_and(char::is_uppercase) && w.chars().all(|c| c.is_alphabetic() || "-.'’".contains(c))
    };
    ((2..=4).contains(&words.len()) && words.iter().all(capitalised)).then(|| words.join(" "))
}

fn looks_like_name(s: &str) -> bool {
    !s.is_empty()
        && s.chars().count() <= 80
        && !s.contains("://")
        && !s.starts_with('/')
        && s.chars().any(char::is_alphabetic)
}

fn is_article_type(v: &Value) -> bool {
    let is_article =
        |t: &str| t.ends_with("Article") || matches!(t, "BlogPosting" | "Report" | "LiveBlogPosting" | "Review");
    match v.get("@type") {
        Some(Value::String(t)) => is_article(t),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is_article),
        _ => false,
    }
}

/// The text of a JSON-LD value: a string, an object's `name`, or the first of an array.
fn value_text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(collapse(s)).filter(|s| !s.is_empty()),
        Value::Object(o) => o.get("name").and_then(value_text),
        Value::Array(items) => items.iter().find_map(value_text),
        _ => None,
    }
}

/// Parses one JSON-LD script into objects, flattening arrays and `@graph`.
fn collect_json_ld(raw: &str, out: &mut Vec<Value>) {
    let Ok(value) = serde_json::from_str::<Value>(raw.trim().trim_end_matches(';')) else { return };
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items.into_iter().rev()),
            Value::Object(mut o) => {
                if let Some(graph) = o.remove("@graph") {
                    stack.push(graph);
                }
                if out.len() < 64 {
                    out.push(Value::Object(o));
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(head: &str, body: &str) -> Metadata {
        gather(&Dom::parse(&format!("<html lang=de><head>{head}</head><body>{body}</body></html>"))).metadata()
    }

    #[test]
    fn fields_come_from_the_most_trusted_source() {
        let ld = r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"Site"},
            {"@type":"NewsArticle","headline":"LD headline","datePublished":"2024-03-01T08:00:00+01:00","dateModified":"2024-03-02",
             "author":[{"@type":"Person","name":"Ann Lee"},{"@type":"Person","name":"Bo Ek"}],"publisher":{"@type":"Organization","name":"Daily"}}]}</script>"#;
        let og = r#"<meta property="og:title" content="OG title"><meta property="article:published_time" content="2023-01-01T00:00:00Z">
            <meta name="author" content="Meta Author"><meta property="og:site_name" content="OG Site"><link rel="canonical" href="https://x.test/a">"#;
        let m = meta_of(&format!("{ld}{og}<title>Title tag</title>"), "<h1>H1</h1>");
        assert_eq!(m.title.as_deref(), Some("LD headline"), "JSON-LD headline first");
        assert_eq!(m.published.as_deref(), Some("2024-03-01T08:00:00+01:00"), "JSON-LD datePublished first");
        assert_eq!(m.updated.as_deref(), Some("2024-03-02"));
        assert_eq!(m.authors, vec!["Ann Lee", "Bo Ek"]);
        assert_eq!(m.byline.as_deref(), Some("Ann Lee, Bo Ek"));
        assert_eq!(m.site.as_deref(), Some("OG Site"), "og:site_name before the JSON-LD publisher");
        assert_eq!(m.canonical_url.as_deref(), Some("https://x.test/a"));
        assert_eq!(m.declared_language.as_deref(), Some("de"));

        let m = meta_of(og, "<h1>H1</h1>");
        assert_eq!(
            (m.title.as_deref(), m.published.as_deref()),
            (Some("OG title"), Some("2023-01-01T00:00:00Z")),
            "meta tags next"
        );
        assert_eq!(m.authors, vec!["Meta Author"]);

        let m = meta_of(
            "<title>Title tag</title>",
            r#"<h1>H1</h1><time datetime="2022-05-06">6 May</time><a rel=author href=/a>Cy Po</a>"#,
        );
        assert_eq!(m.title.as_deref(), Some("H1"), "then the first h1, before <title>");
        assert_eq!(m.published.as_deref(), Some("2022-05-06"), "then <time datetime>");
        assert_eq!(m.authors, vec!["Cy Po"], "then rel=author links");

        let m = meta_of("", r#"<div class="article-byline">By Dee Ex, The Canadian Press</div>"#);
        assert_eq!(m.authors, vec!["Dee Ex"], "then a visible byline");
        let m = meta_of(
            "",
            r#"<span class="author">Ann-Marie Lee</span><span class="author">Posted by the desk on Monday</span>"#,
        );
        assert_eq!(m.authors, vec!["Ann-Marie Lee"], "or an author element holding a name");

        let m = meta_of(
            r#"<script type="application/ld+json">{not json</script><meta name="author" content="https://x.test/u/1">"#,
            "",
        );
        assert_eq!(
            m,
            Metadata { declared_language: Some("de".into()), ..Default::default() },
            "broken JSON-LD and URL authors are ignored"
        );
    }

    #[test]
    fn json_ld_article_body_is_read_from_article_types_only() {
        let c = gather(&Dom::parse(
            r#"<script type="application/ld+json">[{"@type":"WebPage","articleBody":"no"},{"@type":["NewsArticle"],"articleBody":"yes"}]</script>"#,
        ));
        assert_eq!(c.article_body().as_deref(), Some("yes"));
    }
}
