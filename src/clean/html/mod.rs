//! HTML pages: the article's text blocks and the page's metadata.
//!
//! ```text
//! bytes ─ encoding ─▶ str ─ prescan ─▶ str ─ html5ever ─▶ dom ─ segment ─▶ blocks ─ select, filter ─▶ HtmlPage
//!                                                                    └─ meta ─▶ Metadata
//! ```
//!
//! The page is parsed by html5ever into a small arena ([`dom`]) after a
//! byte-level pass has dropped scripts, styles and comments ([`prescan`]).
//! Its rendered text is cut into blocks tied to their elements
//! ([`segment`]); the article is the element whose blocks weigh most
//! ([`select`]), and its blocks are kept unless they read as chrome.
//! Metadata comes from JSON-LD, meta tags, microdata and markup ([`meta`]).

pub mod dom;
pub mod encoding;
pub mod hints;
pub mod meta;
pub mod prescan;
pub mod segment;
pub mod select;

use crate::document::Metadata;
use segment::Kind;

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

/// Extracts the article's blocks and the page's metadata.
pub fn extract(html: &str) -> HtmlPage {
    let stripped = prescan::strip(html);
    let dom = dom::Dom::parse(&stripped);
    let candidates = meta::gather(&dom);
    let (info, order) = segment::annotate(&dom);
    let all = segment::blocks(&dom, &info, 0);
    let root = select::best_root(&dom, &info, &order, &all);
    let mut page = HtmlPage { meta: candidates.metadata(), ..Default::default() };
    for b in &all {
        if !is_inside(&dom, b.owner, root) || select::in_boilerplate(&dom, &info, b.owner, root) {
            continue;
        }
        if b.link_density() > 0.5 {
            continue;
        }
        if b.kind == Kind::Caption {
            page.captions.push(b.text.clone());
        } else {
            page.blocks.push(b.text.clone());
        }
    }
    page
}

fn is_inside(dom: &dom::Dom, mut id: dom::NodeId, root: dom::NodeId) -> bool {
    while id != dom::NONE {
        if id == root {
            return true;
        }
        id = dom.nodes[id as usize].parent;
    }
    false
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
            <article><h1>Big story</h1><p>First   paragraph of the story, long enough to count as text.</p><figure><img src=x><figcaption>A photo. REUTERS/Jo Bloggs</figcaption></figure>
            <p>Second <b>paragraph</b>, which is also long enough to be story text.</p><script>var x=1;</script></article>
            <footer>Copyright</footer></body></html>"#;
        let page = extract(html);
        assert_eq!(
            page.blocks,
            vec![
                "Big story",
                "First paragraph of the story, long enough to count as text.",
                "Second paragraph, which is also long enough to be story text."
            ]
        );
        assert_eq!(page.captions, vec!["A photo. REUTERS/Jo Bloggs"]);
        assert_eq!(page.meta.title.as_deref(), Some("Big story"));
        assert_eq!(page.meta.published.as_deref(), Some("2026-01-06T04:00:00Z"));
        assert_eq!(page.meta.authors, vec!["Jane Doe"]);
        assert_eq!(page.meta.site.as_deref(), Some("The Site"));
        assert_eq!(page.meta.canonical_url.as_deref(), Some("https://example.com/story"));
        assert_eq!(page.meta.declared_language.as_deref(), Some("en"));
    }
}
