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

pub mod boilerplate;
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
    let (mut info, order) = segment::annotate(&dom);
    let all = segment::blocks(&dom, &info, 0);
    select::settle_boilerplate(&dom, &mut info, &all);
    let root = select::best_root(&dom, &info, &order, &all);
    let mut page = HtmlPage { meta: candidates.metadata(), ..Default::default() };
    let scope = select::sibling_scope(&dom, root);
    // The lead often sits in the article's header, just before the element
    // that holds the rest of the story.
    let first_in_root = all.iter().position(|b| is_inside(&dom, b.owner, root)).unwrap_or(0);
    let in_root: Vec<&segment::Block> = all
        .iter()
        .enumerate()
        .filter(|&(i, b)| {
            is_inside(&dom, b.owner, root)
                || (i < first_in_root && scope.is_some_and(|p| select::is_sibling_story(&dom, &info, b, p)))
        })
        .map(|(_, b)| b)
        .collect();
    let mut keep: Vec<bool> = in_root
        .iter()
        .map(|b| {
            !select::in_boilerplate(&dom, &info, b.owner, root)
                && b.link_density() <= 0.5
                && !boilerplate::is_boilerplate_line(&b.text)
        })
        .collect();
    drop_orphan_headings(&dom, &in_root, &mut keep);
    let kept: Vec<&segment::Block> = in_root.iter().zip(&keep).filter(|(_, k)| **k).map(|(b, _)| *b).collect();
    // A gallery or video page tells its story in captions: when they outweigh
    // the rest, they are the body.
    let caption_chars: u32 = kept.iter().filter(|b| b.kind == Kind::Caption).map(|b| b.chars).sum();
    let other_chars: u32 = kept.iter().filter(|b| b.kind != Kind::Caption).map(|b| b.chars).sum();
    let captions_are_body = caption_chars > other_chars;
    let mut seen = std::collections::HashSet::new();
    for b in kept {
        // A block repeated inside the article (a lead shown twice, a pull quote)
        // is kept once, where it first appears.
        if !seen.insert(b.text.as_str()) {
            continue;
        }
        if b.kind == Kind::Caption && !captions_are_body {
            page.captions.push(b.text.clone());
        } else {
            page.blocks.push(b.text.clone());
        }
    }
    page
}

/// The level of a block that reads as a heading: 1-6 for `h1`-`h6`, 7 for
/// a short line ending with a colon ("Mehr zum Thema:"); `None` otherwise.
fn heading_level(dom: &dom::Dom, b: &segment::Block) -> Option<u8> {
    if b.kind == Kind::Heading {
        let tag = dom.tag(b.owner);
        return Some(tag.as_bytes().get(1).map_or(6, |d| d.saturating_sub(b'0')));
    }
    (b.chars <= 60 && b.text.ends_with(':')).then_some(7)
}

/// Drops headings that introduce nothing: their section (up to the next
/// heading of the same or a higher level) had blocks, and all of them were
/// dropped, as when "Related stories" heads a list of links; and a heading
/// that ends the article.
fn drop_orphan_headings(dom: &dom::Dom, blocks: &[&segment::Block], keep: &mut [bool]) {
    for i in 0..blocks.len() {
        let Some(level) = heading_level(dom, blocks[i]).filter(|_| keep[i]) else { continue };
        let section = blocks[i + 1..]
            .iter()
            .zip(&keep[i + 1..])
            .take_while(|(b, _)| heading_level(dom, b).is_none_or(|l| l > level))
            .filter(|(b, _)| b.kind != Kind::Caption);
        let (mut any, mut kept) = (false, false);
        for (_, k) in section {
            any = true;
            kept |= *k;
        }
        let at_end = !keep[i + 1..].iter().any(|k| *k);
        if (any && !kept) || at_end {
            keep[i] = false;
        }
    }
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
