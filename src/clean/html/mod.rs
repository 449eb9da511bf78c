//! HTML pages: the article's text blocks and the page's metadata.
//!
//! ```text
//! bytes ─ encoding ─▶ str ─ prescan ─▶ str ─ html5ever ─▶ dom ─ segment ─▶ blocks ─ select ─▶ root ─ filter ─▶ HtmlPage
//!                                                          └──────────── meta ──────────────────────────────▶ Metadata
//! ```
//!
//! The page is parsed by html5ever into a small arena ([`dom`]) after a
//! byte-level pass has dropped scripts, styles and comments ([`prescan`]).
//! Its rendered text is cut into blocks tied to their elements
//! ([`segment`]), each element annotated with what its tag, class, id and
//! role say ([`hints`]). The article is the element where story text
//! outweighs chrome most ([`select`]); its blocks are kept unless they read
//! as chrome: link lists, boilerplate lines, headings of removed sections,
//! captions, repeats ([`filter`], [`boilerplate`]). Metadata comes from
//! JSON-LD, meta tags, microdata and markup ([`meta`]).
//!
//! Every heuristic can be switched off ([`Heuristics`]), so that what each
//! one brings can be measured (`newsnlp extract --without NAME`; the
//! figures are in `docs/extraction.md`).

pub(crate) mod boilerplate;
pub(crate) mod dom;
pub(crate) mod filter;
pub(crate) mod hints;
pub(crate) mod meta;
pub(crate) mod prescan;
pub(crate) mod textblocks;
pub(crate) mod select;

use crate::clean::dates::parse_datetime;
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

/// Switches for the extraction heuristics; all are on by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Heuristics {
    /// `<nav>`, `<aside>`, `<footer>`, `<menu>` and `<dialog>` are chrome.
    pub chrome_tags: bool,
    /// Class, id and role words name chrome (navigation, sharing, related
    /// stories, comments, newsletters, cookie banners, ads, boxes).
    pub class_hints: bool,
    /// An element named for chrome that holds most of the page's story text
    /// is a wrapper with a misleading name, not chrome.
    pub settle: bool,
    /// Story text inside markup of the article (`<article>`,
    /// `itemprop=articleBody`, `entry-content`...) weighs double.
    pub marked_boost: bool,
    /// Blocks that are mostly link text (link lists) are dropped.
    pub link_lists: bool,
    /// Labels, prompts and date lines ("Share", "Read more", "Subscribe to
    /// our newsletter", "05:28 Uhr") are dropped.
    pub boilerplate_lines: bool,
    /// Headings whose section was dropped, or that end the article, are dropped.
    pub orphan_headings: bool,
    /// Figures and captions go to the captions, not the body (unless they
    /// outweigh it, as on a gallery page).
    pub captions: bool,
    /// Blocks repeated in the page's JSON-LD `articleBody` count as marked
    /// article text; when the page itself shows (almost) none of that text,
    /// the `articleBody` is the body.
    pub json_ld_body: bool,
    /// Lead paragraphs just before the article's element join it.
    pub leads: bool,
    /// A block repeated in the article is kept once.
    pub dedupe: bool,
}

impl Default for Heuristics {
    fn default() -> Heuristics {
        Heuristics {
            chrome_tags: true,
            class_hints: true,
            settle: true,
            marked_boost: true,
            link_lists: true,
            boilerplate_lines: true,
            orphan_headings: true,
            captions: true,
            json_ld_body: true,
            leads: true,
            dedupe: true,
        }
    }
}

impl Heuristics {
    /// The heuristics' names, as `newsnlp extract --without` takes them.
    pub const NAMES: &'static [&'static str] = &[
        "chrome-tags",
        "class-hints",
        "settle",
        "marked-boost",
        "link-lists",
        "boilerplate-lines",
        "orphan-headings",
        "captions",
        "json-ld-body",
        "leads",
        "dedupe",
    ];

    /// Turns the heuristic called `name` (one of [`Heuristics::NAMES`]) off;
    /// `false` if there is no such heuristic.
    pub fn disable(&mut self, name: &str) -> bool {
        let switch = match name {
            "chrome-tags" => &mut self.chrome_tags,
            "class-hints" => &mut self.class_hints,
            "settle" => &mut self.settle,
            "marked-boost" => &mut self.marked_boost,
            "link-lists" => &mut self.link_lists,
            "boilerplate-lines" => &mut self.boilerplate_lines,
            "orphan-headings" => &mut self.orphan_headings,
            "captions" => &mut self.captions,
            "json-ld-body" => &mut self.json_ld_body,
            "leads" => &mut self.leads,
            "dedupe" => &mut self.dedupe,
            _ => return false,
        };
        *switch = false;
        true
    }
}

/// Blocks shorter than this are not looked up in the JSON-LD `articleBody`:
/// short lines ("Share", a date) would match anywhere.
const MIN_JSON_LD_MATCH: u32 = 40;

/// Marks the blocks whose text the page's JSON-LD `articleBody` repeats:
/// the publisher's own statement of what the article's text is.
fn mark_json_ld_body(blocks: &mut [textblocks::Block], body: &str) {
    let finder = |needle: &str| memchr::memmem::find(body.as_bytes(), needle.as_bytes()).is_some();
    for b in blocks.iter_mut().filter(|b| b.chars >= MIN_JSON_LD_MATCH) {
        b.marked |= finder(&b.text);
    }
}

/// A JSON-LD `articleBody` shorter than this never replaces the page's text.
const MIN_JSON_LD_FALLBACK: usize = 200;

fn text_chars(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// The blocks of a JSON-LD `articleBody`: its paragraphs, or, when it holds
/// markup, the blocks of that markup.
fn json_ld_blocks(body: &str, heuristics: &Heuristics) -> Vec<String> {
    if body.contains('<') {
        let dom = dom::Dom::parse(body);
        let (info, _) = textblocks::annotate(&dom, heuristics);
        return textblocks::blocks(&dom, &info, 0).into_iter().map(|b| b.text).collect();
    }
    body.split('\n').map(textblocks::collapse).filter(|p| !p.is_empty()).collect()
}

/// Extracts the article's blocks and the page's metadata.
pub fn extract(html: &str) -> HtmlPage {
    extract_with(html, &Heuristics::default())
}

/// [`extract`] with some heuristics switched off.
pub fn extract_with(html: &str, heuristics: &Heuristics) -> HtmlPage {
    let stripped = prescan::strip(html);
    let dom = dom::Dom::parse(&stripped);
    let candidates = meta::gather(&dom);
    let (mut info, order) = textblocks::annotate(&dom, heuristics);
    let mut blocks = textblocks::blocks(&dom, &info, 0);
    let ld_body = heuristics.json_ld_body.then(|| candidates.article_body()).flatten();
    if let Some(body) = &ld_body {
        mark_json_ld_body(&mut blocks, &textblocks::collapse(body));
    }
    if heuristics.settle {
        select::settle_boilerplate(&dom, &mut info, &blocks, heuristics);
    }
    let root = select::best_root(&dom, &info, &order, &blocks, heuristics);
    let article = filter::Article { dom: &dom, info: &info, root };
    let in_article = filter::article_blocks(&article, &blocks, heuristics);
    let mut meta = candidates.metadata();
    if meta.published.is_none() {
        // Last resort: a date printed on its own in the article.
        meta.published =
            in_article.iter().find(|b| boilerplate::is_date_line(&b.text)).and_then(|b| parse_datetime(&b.text));
    }
    let keep = filter::keep(&article, &in_article, heuristics);
    let kept: Vec<&textblocks::Block> = in_article.iter().zip(keep).filter(|(_, k)| *k).map(|(b, _)| *b).collect();
    let (mut blocks, captions) = filter::body_and_captions(&kept, heuristics);
    if let Some(body) = ld_body.filter(|b| {
        text_chars(b) >= MIN_JSON_LD_FALLBACK && text_chars(b) > 4 * blocks.iter().map(|x| text_chars(x)).sum::<usize>()
    }) {
        // The page renders its text with scripts (or hides it): the publisher's
        // JSON-LD copy is all there is.
        blocks = json_ld_blocks(&body, heuristics);
    }
    HtmlPage { blocks, captions, meta }
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

    #[test]
    fn json_ld_article_body_stands_in_for_a_page_rendered_by_scripts() {
        let body = "First paragraph of the story, as the publisher declares it.\\nSecond paragraph, with more detail about what happened.\\nThird paragraph: the reaction and what comes next, at some length, with the quotes of those involved and a look back at how the dispute began last year.";
        let html = format!(
            r#"<html><head><script type="application/ld+json">{{"@type":"NewsArticle","articleBody":"{body}"}}</script></head>
               <body><div id=app>Loading…</div></body></html>"#
        );
        let page = extract(&html);
        assert_eq!(page.blocks.len(), 3, "the articleBody's paragraphs are the body: {:?}", page.blocks);
        assert!(page.blocks[0].starts_with("First paragraph"));
        let mut without = Heuristics::default();
        without.disable("json-ld-body");
        assert_eq!(extract_with(&html, &without).blocks, vec!["Loading…"]);
    }
}
