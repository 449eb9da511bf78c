//! From the article's element to its story blocks: which blocks belong to
//! the article, which of them are chrome, and which are captions.
//!
//! Selection ([`super::select`]) finds the element; inside it sit share
//! bars, link lists, "Related stories" sections, fact boxes and captions.
//! The filters here are local, block by block, with two exceptions that
//! look at neighbours: a heading goes with the section it introduces, and
//! captions become the body when they outweigh it (galleries).

use std::collections::HashSet;

use super::boilerplate;
use super::dom::{Dom, NodeId};
use super::textblocks::{Block, Kind, NodeInfo};
use super::select;
use super::Heuristics;

/// A page and the element chosen as its article.
pub(crate) struct Article<'a> {
    /// The page.
    pub dom: &'a Dom,
    /// The page's annotations.
    pub info: &'a [NodeInfo],
    /// The article's element.
    pub root: NodeId,
}

/// Share of link text above which a block is a link, not text.
const MAX_LINK_DENSITY: f32 = 0.5;

/// The blocks of the article, in page order: those inside its element, and
/// the lead paragraphs just before it (the lead often sits in the article's
/// header, outside the element that holds the rest).
pub(crate) fn article_blocks<'b>(article: &Article<'_>, blocks: &'b [Block], heuristics: &Heuristics) -> Vec<&'b Block> {
    let dom = article.dom;
    let first = blocks.iter().position(|b| dom.is_inside(b.owner, article.root)).unwrap_or(0);
    let near = heuristics.leads.then(|| select::sibling_scope(dom, article.root, select::SIBLING_LEVELS)).flatten();
    let far = heuristics.leads.then(|| select::sibling_scope(dom, article.root, select::LEAD_LEVELS)).flatten();
    let is_lead = |b: &Block| {
        let named = article.info[b.owner as usize].lead;
        near.is_some_and(|s| select::is_sibling_story(dom, article.info, b, s, false))
            || (named && far.is_some_and(|s| select::is_sibling_story(dom, article.info, b, s, true)))
    };
    blocks
        .iter()
        .enumerate()
        .filter(|&(i, b)| dom.is_inside(b.owner, article.root) || (i < first && is_lead(b)))
        .map(|(_, b)| b)
        .collect()
}

/// Which of the article's blocks are story (see the module documentation).
pub(crate) fn keep(article: &Article<'_>, blocks: &[&Block], heuristics: &Heuristics) -> Vec<bool> {
    let mut keep: Vec<bool> = blocks
        .iter()
        .map(|b| {
            let chrome = select::in_boilerplate(article.dom, article.info, b.owner, article.root);
            let link = heuristics.link_lists && b.link_density() > MAX_LINK_DENSITY;
            let line = heuristics.boilerplate_lines && boilerplate::is_boilerplate_line(&b.text);
            !(chrome || link || line)
        })
        .collect();
    if heuristics.orphan_headings {
        drop_orphan_headings(article.dom, blocks, &mut keep);
    }
    keep
}

/// The body's blocks and the captions, from the kept blocks. A gallery or
/// video page tells its story in captions: when they outweigh the rest,
/// they are the body.
pub(crate) fn body_and_captions(kept: &[&Block], heuristics: &Heuristics) -> (Vec<String>, Vec<String>) {
    let caption_chars: u32 = kept.iter().filter(|b| b.kind == Kind::Caption).map(|b| b.chars).sum();
    let other_chars: u32 = kept.iter().filter(|b| b.kind != Kind::Caption).map(|b| b.chars).sum();
    let captions_are_body = caption_chars > other_chars;
    let (mut body, mut captions) = (Vec::new(), Vec::new());
    let mut seen = HashSet::new();
    for b in kept {
        // A block repeated in the article (a lead shown twice, a pull quote) is kept where it first appears.
        if heuristics.dedupe && !seen.insert(b.text.as_str()) {
            continue;
        }
        if b.kind == Kind::Caption && !captions_are_body {
            captions.push(b.text.clone());
        } else {
            body.push(b.text.clone());
        }
    }
    (body, captions)
}

/// The level of a block that reads as a heading: 1-6 for `h1`-`h6`, 7 for
/// a short line ending with a colon ("Mehr zum Thema:"); `None` otherwise.
fn heading_level(dom: &Dom, b: &Block) -> Option<u8> {
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
fn drop_orphan_headings(dom: &Dom, blocks: &[&Block], keep: &mut [bool]) {
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

#[cfg(test)]
mod tests {
    use super::super::{extract, extract_with, Heuristics};

    /// A page whose article is `article` (HTML), with a navigation bar and a sidebar around it.
    fn page(article: &str) -> String {
        format!(
            "<html><body><nav><a href=/>Home</a> <a href=/w>World</a></nav><main><article>{article}</article></main>\
             <aside><p>Sidebar text that is long enough to look like a paragraph, but sits aside.</p></aside></body></html>"
        )
    }

    const P1: &str = "<p>The council approved the budget on Tuesday, after a long debate about schools.</p>";
    const P2: &str = "<p>Opponents said the plan, which raises fees, would hurt families in the north.</p>";

    #[test]
    fn each_filter_removes_its_kind_of_chrome() {
        let cases: &[(&str, String, &[&str])] = &[
            (
                "a list of links inside the article goes (link-lists)",
                page(&format!("{P1}<ul><li><a href=/a>Other story one</a></li><li><a href=/b>Other story two</a></li></ul>{P2}")),
                &["The", "Opponents"],
            ),
            (
                "a share label and a newsletter prompt go (boilerplate-lines)",
                page(&format!("{P1}<div>Share</div><p>Sign up for our newsletter to get the latest updates.</p>{P2}")),
                &["The", "Opponents"],
            ),
            (
                "a heading whose section was all links goes with it (orphan-headings)",
                page(&format!("{P1}{P2}<h3>More on this</h3><ul><li><a href=/a>Other story one</a></li><li><a href=/b>Two</a></li></ul>")),
                &["The", "Opponents"],
            ),
            (
                "a heading that introduces text stays",
                page(&format!("<h2>Background</h2>{P1}{P2}")),
                &["Background", "The", "Opponents"],
            ),
            (
                "a fact box set into the article goes (class-hints)",
                page(&format!("{P1}<div class=\"factbox\"><p>Fact: the town has 12,000 inhabitants and two schools.</p></div>{P2}")),
                &["The", "Opponents"],
            ),
            ("a repeated paragraph is kept once (dedupe)", page(&format!("{P1}{P2}{P1}")), &["The", "Opponents"]),
            (
                "a photo caption is not body text (captions)",
                page(&format!("{P1}<figure><img src=x><figcaption>The town hall. Photo: J. Doe</figcaption></figure>{P2}")),
                &["The", "Opponents"],
            ),
        ];
        for (what, html, want) in cases {
            let blocks = extract(html).blocks;
            let first_words: Vec<&str> = blocks.iter().filter_map(|b| b.split(' ').next()).collect();
            assert_eq!(first_words, *want, "{what}: got {blocks:?}");
        }
    }

    #[test]
    fn switching_a_heuristic_off_brings_its_chrome_back() {
        let html = page(&format!("{P1}<div>Share</div>{P2}"));
        let mut h = Heuristics::default();
        assert!(h.disable("boilerplate-lines"));
        assert!(
            extract_with(&html, &h).blocks.iter().any(|b| b == "Share"),
            "without boilerplate-lines, 'Share' stays"
        );
        assert!(!h.disable("no-such-heuristic"));
    }

    #[test]
    fn captions_are_the_body_of_a_gallery() {
        let slide = |n: u32| {
            format!("<figure><img src=x><figcaption>Slide {n}: a long description of what the picture shows, with the people in it.</figcaption></figure>")
        };
        let html = page(&format!("<p>Ten looks.</p>{}{}{}", slide(1), slide(2), slide(3)));
        let out = extract(&html);
        assert_eq!(out.blocks.len(), 4, "captions that outweigh the text are the body: {:?}", out.blocks);
        assert!(out.captions.is_empty());
    }

    #[test]
    fn a_lead_before_the_article_element_joins_it() {
        let links: String =
            (0..12).map(|i| format!("<li><a href=/{i}>Another story number {i} on this site</a></li>")).collect();
        let html = format!(
            "<html><body><div class=\"story\"><header><h1>Title</h1><p class=\"lead\">The lead paragraph says what happened and why it matters, in one sentence.</p></header>\
             <div class=\"story-body\">{P1}{P2}</div><ul>{links}</ul></div></body></html>"
        );
        let blocks = extract(&html).blocks;
        assert_eq!(
            blocks.first().map(String::as_str),
            Some("The lead paragraph says what happened and why it matters, in one sentence."),
            "{blocks:?}"
        );
        let mut without = Heuristics::default();
        without.disable("leads");
        let blocks = extract_with(&html, &without).blocks;
        assert!(
            blocks[0].starts_with("The council"),
            "without leads the body starts in the story's element: {blocks:?}"
        );

        // A standfirst named as such may be a heading, and further away.
        let html = format!(
            "<html><body><div class=page><div class=top><div class=head><h2 class=\"article-intro\">A standfirst set as a heading, which says what the story is about</h2></div></div>\
             <div class=bottom><div><div class=\"story-body\">{P1}{P2}</div><ul>{links}</ul></div></div></div></body></html>"
        );
        let blocks = extract(&html).blocks;
        assert_eq!(
            blocks.first().map(String::as_str),
            Some("A standfirst set as a heading, which says what the story is about"),
            "{blocks:?}"
        );
    }
}
