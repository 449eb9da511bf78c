//! Finding the article among the page's blocks.
//!
//! Each block is evidence for or against the elements above it. Sentence
//! text (non-link characters of a block that is not a heading, not mostly
//! links and not in a region the page marks as boilerplate) counts for
//! them; link text and boilerplate text count against. An element's score
//! is `good - LAMBDA * bad` over the blocks below it, and the article is the
//! element with the highest score: the subtree where story text outweighs
//! the chrome around it most.

use super::dom::{Dom, NodeId, NONE};
use super::hints::Hint;
use super::textblocks::{Block, Kind, NodeInfo};
use super::Heuristics;

/// How much one character of chrome costs against one of story text.
const LAMBDA: f32 = 1.0;

/// Characters a block needs before it counts as story text.
const MIN_GOOD: u32 = 25;

/// How much more story text counts inside an element the page marks as the article.
const MARKED_BOOST: f32 = 2.0;

/// Story evidence and chrome evidence of one block.
pub(crate) fn evidence(block: &Block, in_boilerplate: bool, heuristics: &Heuristics) -> (f32, f32) {
    if in_boilerplate || block.link_density() > 0.5 {
        return (0.0, block.chars as f32);
    }
    let nonlink = block.chars - block.link_chars;
    let mut good = if block.kind == Kind::Heading || nonlink < MIN_GOOD { 0.0 } else { (nonlink - MIN_GOOD) as f32 };
    if heuristics.marked_boost && block.marked {
        good *= MARKED_BOOST;
    }
    (good, block.link_chars as f32)
}

/// Revises the boilerplate marks: an element named for chrome that holds
/// more than half of the page's story text is a wrapper with a misleading
/// name (`content-sidebar-wrap`, `has-recommendations`, `<aside>` used for
/// the article), not chrome. Comments stay boilerplate whatever their size.
pub(crate) fn settle_boilerplate(dom: &Dom, info: &mut [NodeInfo], blocks: &[Block], heuristics: &Heuristics) {
    let mut good = vec![0f32; dom.nodes.len()];
    for b in blocks {
        let (g, _) = evidence(b, false, heuristics);
        let mut id = b.owner;
        while id != NONE {
            good[id as usize] += g;
            id = dom.nodes[id as usize].parent;
        }
    }
    let total = good[0];
    for (i, node) in info.iter_mut().enumerate() {
        if node.boilerplate && node.hint != Hint::Comments && good[i] * 2.0 > total {
            node.boilerplate = false;
        }
    }
}

/// Whether a node or one of its ancestors below `stop` is boilerplate.
pub(crate) fn in_boilerplate(dom: &Dom, info: &[NodeInfo], mut id: NodeId, stop: NodeId) -> bool {
    while id != NONE && id != stop {
        if info[id as usize].boilerplate {
            return true;
        }
        id = dom.nodes[id as usize].parent;
    }
    false
}

/// The article's element: first the element that most directly holds
/// story text (the parent of the paragraphs that weigh most), then, among it
/// and its ancestors, the one with the highest `good - LAMBDA * bad`.
/// Starting from the paragraphs' parent means that chrome inside the
/// article (share bars, tag lists) can make an ancestor lose, but never
/// shrinks the article to one paragraph.
pub(crate) fn best_root(dom: &Dom, info: &[NodeInfo], order: &[NodeId], blocks: &[Block], heuristics: &Heuristics) -> NodeId {
    let n = dom.nodes.len();
    let mut good = vec![0f32; n];
    let mut bad = vec![0f32; n];
    let mut direct = vec![0f32; n];
    for b in blocks {
        let (g, x) = evidence(b, in_boilerplate(dom, info, b.owner, NONE), heuristics);
        let parent = dom.nodes[b.owner as usize].parent;
        if parent != NONE {
            direct[parent as usize] += g;
        }
        direct[b.owner as usize] += g;
        let mut id = b.owner;
        while id != NONE {
            good[id as usize] += g;
            bad[id as usize] += x;
            id = dom.nodes[id as usize].parent;
        }
    }
    let fallback = dom.html_element().unwrap_or(0);
    let Some(start) = order
        .iter()
        .copied()
        .filter(|&id| dom.element(id).is_some() && !info[id as usize].skip && direct[id as usize] > 0.0)
        .max_by(|&a, &b| direct[a as usize].total_cmp(&direct[b as usize]))
    else {
        return fallback;
    };
    let mut best = start;
    let mut best_score = good[start as usize] - LAMBDA * bad[start as usize];
    let mut id = dom.nodes[start as usize].parent;
    while id != NONE && dom.element(id).is_some() {
        let score = good[id as usize] - LAMBDA * bad[id as usize];
        if score > best_score {
            best = id;
            best_score = score;
        }
        id = dom.nodes[id as usize].parent;
    }
    best
}

/// Where story text next to the article's element is looked for: up to
/// `levels` ancestors up, short of the whole page.
pub(crate) fn sibling_scope(dom: &Dom, root: NodeId, levels: usize) -> Option<NodeId> {
    let mut scope = root;
    for _ in 0..levels {
        let parent = dom.nodes[scope as usize].parent;
        if parent == NONE || matches!(&**dom.tag(parent), "body" | "html" | "") {
            break;
        }
        scope = parent;
    }
    (scope != root).then_some(scope)
}

/// How far up a plain paragraph before the article is looked for.
pub(crate) const SIBLING_LEVELS: usize = 2;

/// How far up a paragraph or heading named as the lead ("lead", "intro",
/// "standfirst", "teaser"...) is looked for.
pub(crate) const LEAD_LEVELS: usize = 4;

/// Whether a block outside the article's element but inside `scope` is
/// story text that belongs with it: a lead paragraph in the header. Only
/// sentence-like paragraphs with few links count, so that bylines, dates and
/// link lists stay out; a block the page names as the lead may also be a
/// heading (a standfirst set as `<h2>`) and shorter.
pub(crate) fn is_sibling_story(dom: &Dom, info: &[NodeInfo], block: &Block, scope: NodeId, named_lead: bool) -> bool {
    let nonlink = block.chars - block.link_chars;
    let shape = if named_lead {
        nonlink >= LEAD_MIN_CHARS
    } else {
        block.kind != Kind::Heading && nonlink >= SIBLING_MIN_CHARS && block.text.contains(['.', '!', '?'])
    };
    shape
        && block.kind != Kind::Caption
        && block.link_density() <= 0.3
        && dom.is_inside(block.owner, scope)
        && !in_boilerplate(dom, info, block.owner, scope)
}

/// Characters a paragraph next to the article needs to join it.
const SIBLING_MIN_CHARS: u32 = 60;

/// Characters a block named as the lead needs to join the article.
const LEAD_MIN_CHARS: u32 = 30;

#[cfg(test)]
mod tests {
    use super::super::extract;

    fn para(topic: &str) -> String {
        format!("<p>This paragraph is about {topic}, and it is long enough to be read as story text.</p>")
    }

    #[test]
    fn the_article_is_where_story_text_outweighs_chrome() {
        let story = format!("{}{}{}", para("the budget"), para("the schools"), para("the vote"));
        let links =
            "<ul><li><a href=/1>Link one to another page</a></li><li><a href=/2>Link two to another page</a></li>\
                     <li><a href=/3>Link three to another page</a></li></ul>";
        let cases: &[(&str, String, &str)] = &[
            (
                "paragraphs next to a link column: the paragraphs' container wins",
                format!("<body><div id=a>{story}</div><div id=b>{links}{links}</div></body>"),
                "budget",
            ),
            (
                "comments hold more text than the story but are never the article",
                format!(
                    "<body><div>{story}</div><div class=comments>{}{}{}{}</div></body>",
                    para("c1"),
                    para("c2"),
                    para("c3"),
                    para("c4")
                ),
                "budget",
            ),
            (
                "a wrapper named for the sidebar that holds the story is not chrome (settle)",
                format!("<body><div class=content-sidebar-wrap><div>{story}</div></div></body>"),
                "budget",
            ),
            (
                "marked article text beats a longer unmarked block (marked-boost)",
                format!(
                    "<body><div class=entry-content>{story}</div><div>{}{}{}{}</div></body>",
                    para("x1"),
                    para("x2"),
                    para("x3"),
                    para("x4")
                ),
                "budget",
            ),
            (
                "a single paragraph page is still found",
                format!("<body><div>{}</div></body>", para("one thing")),
                "one thing",
            ),
        ];
        for (what, html, want) in cases {
            let body = extract(html).blocks.join("\n");
            assert!(body.contains(want), "{what}: the body should contain {want:?}, got {body:?}");
        }
        let (_, html, _) = &cases[1];
        assert!(!extract(html).blocks.join(" ").contains("about c1"), "comments must stay out of the body");
    }
}
