//! The page as a sequence of text blocks, each tied to the element that
//! holds it.
//!
//! Block-level elements (`p`, `div`, headings, list items, table cells...)
//! and `<br>` end a block; inline elements (`a`, `span`, `b`, custom
//! elements...) do not. Each block records the innermost block element that
//! owns it, how many of its characters are link text, and whether it sits
//! in a region that the page marks as boilerplate; selection and filtering
//! then work on blocks, not on raw nodes.

use super::dom::{Data, Dom, NodeId};
use std::collections::HashMap;

use xxhash_rust::xxh3::Xxh3DefaultBuilder;

use super::hints::{self, Hint};
use super::Heuristics;

/// What kind of element holds a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    /// A paragraph.
    Paragraph,
    /// A heading (`h1`-`h6`).
    Heading,
    /// A list item or definition.
    Item,
    /// A table cell.
    Cell,
    /// A quotation.
    Quote,
    /// Preformatted text.
    Pre,
    /// A figure caption.
    Caption,
    /// Any other block element (`div`, `section`, ...).
    Other,
}

/// One text block of the page.
#[derive(Debug, Clone)]
pub(crate) struct Block {
    /// The innermost block element that holds the text.
    pub owner: NodeId,
    /// The text, whitespace collapsed.
    pub text: String,
    /// Non-whitespace characters.
    pub chars: u32,
    /// Non-whitespace characters inside links.
    pub link_chars: u32,
    /// The owner's kind.
    pub kind: Kind,
    /// Inside the page's own markup of the article, or repeated in its
    /// JSON-LD `articleBody`.
    pub marked: bool,
}

impl Block {
    /// Share of the block's characters that are link text.
    pub(crate) fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// What the page says about each node, indexed like [`Dom::nodes`].
#[derive(Debug, Clone)]
pub(crate) struct NodeInfo {
    /// Never rendered as text (scripts, forms controls, hidden elements...).
    pub skip: bool,
    /// The element's own hint.
    pub hint: Hint,
    /// Marked as boilerplate by its tag or hints (and holds no marked article
    /// text); [`super::select::settle_boilerplate`] revises this.
    pub boilerplate: bool,
    /// Non-whitespace characters of rendered text below the node.
    pub chars: u32,
    /// Inside a figure or an element named for captions and credits.
    pub caption: bool,
    /// Inside an element named for the article's lead or standfirst.
    pub lead: bool,
    /// Inside an element the page marks as the article (`<article>`,
    /// `itemprop=articleBody`, `class=entry-content`...).
    pub marked: bool,
}

/// Elements whose content is never rendered as text of the page.
fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "head"
            | "script"
            | "style"
            | "template"
            | "iframe"
            | "svg"
            | "math"
            | "canvas"
            | "button"
            | "select"
            | "option"
            | "input"
            | "textarea"
            | "object"
            | "embed"
            | "video"
            | "audio"
            | "map"
            | "img"
            | "picture"
            | "source"
            | "meta"
            | "link"
            | "title"
    )
}

/// The attributes the annotation reads, found in one pass.
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    role: Option<&'a str>,
    style: Option<&'a str>,
    itemprop: Option<&'a str>,
    aria_hidden: Option<&'a str>,
    hidden: bool,
}

impl<'a> Attrs<'a> {
    fn of(e: &'a super::dom::Element) -> Attrs<'a> {
        use html5ever::local_name;
        let mut a = Attrs::default();
        for attr in &e.attrs {
            let v = Some(&*attr.value);
            match attr.name.local {
                local_name!("class") => a.class = v,
                local_name!("id") => a.id = v,
                local_name!("role") => a.role = v,
                local_name!("style") => a.style = v,
                local_name!("itemprop") => a.itemprop = v,
                local_name!("aria-hidden") => a.aria_hidden = v,
                local_name!("hidden") => a.hidden = true,
                _ => {}
            }
        }
        a
    }
}

fn block_kind(tag: &str) -> Option<Kind> {
    Some(match tag {
        "p" => Kind::Paragraph,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => Kind::Heading,
        "li" | "dt" | "dd" => Kind::Item,
        "td" | "th" => Kind::Cell,
        "blockquote" => Kind::Quote,
        "pre" => Kind::Pre,
        "figcaption" => Kind::Caption,
        "div" | "section" | "article" | "main" | "aside" | "header" | "footer" | "nav" | "ul" | "ol" | "dl"
        | "table" | "tbody" | "thead" | "tfoot" | "tr" | "caption" | "form" | "fieldset" | "legend" | "figure"
        | "address" | "center" | "body" | "html" | "details" | "summary" | "hgroup" | "menu" | "dialog" | "hr" => {
            Kind::Other
        }
        _ => return None,
    })
}

/// An element's `class`, `id` and `role`, as they are classified.
type ClassKey<'a> = (Option<&'a str>, Option<&'a str>, Option<&'a str>);

/// Annotates every node: skipped, hinted, boilerplate, text size.
pub(crate) fn annotate(dom: &Dom, heuristics: &Heuristics) -> (Vec<NodeInfo>, Vec<NodeId>) {
    let order = preorder(dom);
    let mut info: Vec<NodeInfo> = dom
        .nodes
        .iter()
        .map(|_| NodeInfo {
            skip: false,
            hint: Hint::None,
            boilerplate: false,
            chars: 0,
            caption: false,
            lead: false,
            marked: false,
        })
        .collect();
    // Characters below each node that lie inside a content-hinted element.
    let mut content_chars = vec![0u32; dom.nodes.len()];
    let mut classified: HashMap<ClassKey, hints::Hints, Xxh3DefaultBuilder> = HashMap::default();
    for &id in &order {
        let parent = dom.nodes[id as usize].parent;
        if parent != super::dom::NONE {
            let p = &info[parent as usize];
            let (skip, caption, lead, marked) = (p.skip, p.caption, p.lead, p.marked);
            let me = &mut info[id as usize];
            me.skip = skip;
            me.caption = caption;
            me.lead = lead;
            me.marked = marked;
        }
        if let Some(e) = dom.element(id) {
            let tag = &*e.name.local;
            let a = Attrs::of(e);
            let hidden = a.hidden
                || a.aria_hidden == Some("true")
                || a.style.is_some_and(hints::hidden_style)
                || a.class.is_some_and(hints::hidden_class);
            if is_skipped_tag(tag) || hidden {
                info[id as usize].skip = true;
            }
            if !matches!(tag, "html" | "body")
                && (a.class.is_some() || a.id.is_some() || a.role.is_some() || a.itemprop.is_some())
            {
                // Pages repeat the same class on many elements (menu items, cards).
                let hints = *classified
                    .entry((a.class, a.id, a.role))
                    .or_insert_with(|| hints::classify(a.class, a.id, a.role));
                let me = &mut info[id as usize];
                me.hint = if a.itemprop.is_some_and(|p| p.eq_ignore_ascii_case("articlebody")) {
                    Hint::Content
                } else {
                    hints.hint
                };
                me.marked |= me.hint == Hint::Content;
                me.caption |= hints.caption && heuristics.captions;
                me.lead |= hints.lead;
            }
            let me = &mut info[id as usize];
            me.marked |= tag == "article";
            me.caption |= matches!(tag, "figure" | "figcaption") && heuristics.captions;
        }
    }
    // Bottom-up: text size, and whether marked article text lies below.
    for &id in order.iter().rev() {
        let i = id as usize;
        if info[i].skip {
            continue;
        }
        if let Data::Text(t) = &dom.nodes[i].data {
            info[i].chars = t.chars().filter(|c| !c.is_whitespace()).count() as u32;
        }
        if info[i].hint == Hint::Content {
            content_chars[i] = info[i].chars;
        }
        let parent = dom.nodes[i].parent;
        if parent != super::dom::NONE {
            let p = parent as usize;
            info[p].chars += info[i].chars;
            content_chars[p] += content_chars[i];
        }
    }
    for &id in &order {
        let i = id as usize;
        let Some(e) = dom.element(id) else { continue };
        let tag = &*e.name.local;
        // A wrapper named for boilerplate ("content-sidebar-wrap") that mostly holds
        // marked article text is not boilerplate.
        let mostly_content = content_chars[i] * 2 > info[i].chars;
        let by_tag = heuristics.chrome_tags && hints::boilerplate_tag(tag);
        let by_name = heuristics.class_hints && matches!(info[i].hint, Hint::Boilerplate | Hint::Comments);
        info[i].boilerplate = !mostly_content && (by_tag || by_name);
    }
    (info, order)
}

/// The nodes in document order (pre-order), iteratively, so that deeply
/// nested input cannot overflow the stack.
fn preorder(dom: &Dom) -> Vec<NodeId> {
    let mut order = Vec::with_capacity(dom.nodes.len());
    let mut stack = vec![0];
    while let Some(id) = stack.pop() {
        order.push(id);
        let first = stack.len();
        stack.extend(dom.children(id));
        stack[first..].reverse();
    }
    order
}

/// Splits the rendered text below `root` into blocks, in document order.
pub(crate) fn blocks(dom: &Dom, info: &[NodeInfo], root: NodeId) -> Vec<Block> {
    let mut out = Vec::new();
    let mut cur = Pending::default();
    let mut owners: Vec<NodeId> = vec![root];
    let mut link_depth = 0u32;
    // (node, exiting)
    let mut stack: Vec<(NodeId, bool)> = vec![(root, true)];
    let first = stack.len();
    stack.extend(dom.children(root).map(|c| (c, false)));
    stack[first..].reverse();
    while let Some((id, exiting)) = stack.pop() {
        let i = id as usize;
        if exiting {
            let tag = dom.tag(id);
            if &**tag == "a" {
                link_depth = link_depth.saturating_sub(1);
            }
            if block_kind(tag).is_some() || id == root {
                cur.flush(dom, info, *owners.last().unwrap_or(&root), &mut out);
                owners.pop();
            }
            continue;
        }
        if info[i].skip {
            continue;
        }
        match &dom.nodes[i].data {
            Data::Text(t) => cur.push(t, link_depth > 0),
            Data::Element(e) => {
                let tag = &*e.name.local;
                if tag == "br" {
                    cur.flush(dom, info, *owners.last().unwrap_or(&root), &mut out);
                    continue;
                }
                if block_kind(tag).is_some() {
                    cur.flush(dom, info, *owners.last().unwrap_or(&root), &mut out);
                    owners.push(id);
                } else if tag == "a" {
                    link_depth += 1;
                }
                stack.push((id, true));
                let first = stack.len();
                stack.extend(dom.children(id).map(|c| (c, false)));
                stack[first..].reverse();
            }
            _ => {}
        }
    }
    out
}

#[derive(Default)]
struct Pending {
    /// The block's text so far, whitespace already collapsed.
    text: String,
    /// Whitespace was seen after the last word: a space is due before the next one.
    space: bool,
    chars: u32,
    link_chars: u32,
}

impl Pending {
    /// Appends a text node, collapsing whitespace on the way (one pass, no
    /// second copy: most of the page's text goes through here).
    fn push(&mut self, text: &str, in_link: bool) {
        let mut n = 0u32;
        for c in text.chars() {
            if c.is_whitespace() {
                self.space = true;
            } else {
                if self.space && !self.text.is_empty() {
                    self.text.push(' ');
                }
                self.space = false;
                self.text.push(c);
                n += 1;
            }
        }
        self.chars += n;
        if in_link {
            self.link_chars += n;
        }
    }

    fn flush(&mut self, dom: &Dom, info: &[NodeInfo], owner: NodeId, out: &mut Vec<Block>) {
        if self.chars > 0 {
            out.push(Block {
                owner,
                text: std::mem::take(&mut self.text),
                chars: self.chars,
                link_chars: self.link_chars,
                kind: if info[owner as usize].caption {
                    Kind::Caption
                } else {
                    block_kind(dom.tag(owner)).unwrap_or(Kind::Other)
                },
                marked: info[owner as usize].marked,
            });
        }
        self.text.clear();
        self.space = false;
        self.chars = 0;
        self.link_chars = 0;
    }
}

/// Collapses runs of whitespace to one space and trims the ends.
pub(crate) fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::dom::Dom;
    use super::super::Heuristics;
    use super::*;

    fn blocks_of(html: &str) -> Vec<(String, Kind, u32)> {
        let dom = Dom::parse(html);
        let (info, _) = annotate(&dom, &Heuristics::default());
        blocks(&dom, &info, 0).into_iter().map(|b| (b.text, b.kind, b.link_chars)).collect()
    }

    #[test]
    fn block_elements_and_breaks_cut_blocks_and_inline_elements_do_not() {
        type Case<'a> = (&'a str, &'a [(&'a str, Kind, u32)]);
        let cases: &[Case] = &[
            ("<p>a <b>bold</b>   word</p>", &[("a bold word", Kind::Paragraph, 0)]),
            ("<p>see <a href=x>this link</a></p>", &[("see this link", Kind::Paragraph, 8)]),
            ("<div>one<br>two</div>", &[("one", Kind::Other, 0), ("two", Kind::Other, 0)]),
            (
                "<div>before<p>inside</p>after</div>",
                &[("before", Kind::Other, 0), ("inside", Kind::Paragraph, 0), ("after", Kind::Other, 0)],
            ),
            ("<h2>Head</h2><ul><li>item</li></ul>", &[("Head", Kind::Heading, 0), ("item", Kind::Item, 0)]),
            ("<figure><figcaption>A caption</figcaption></figure>", &[("A caption", Kind::Caption, 0)]),
            (
                "<p>x<span style='display:none'>hidden</span><span class=sr-only>also</span></p>",
                &[("x", Kind::Paragraph, 0)],
            ),
            ("<p>a<script>var s;</script><button>Click</button>b</p>", &[("ab", Kind::Paragraph, 0)]),
            ("<noscript><p>Shown without scripts</p></noscript>", &[("Shown without scripts", Kind::Paragraph, 0)]),
            (
                "<p>caf\u{e9}\u{a0}\u{1F600} <x-custom>tag</x-custom></p>",
                &[("caf\u{e9} \u{1F600} tag", Kind::Paragraph, 0)],
            ),
            ("", &[]),
        ];
        for (html, want) in cases {
            let want: Vec<(String, Kind, u32)> = want.iter().map(|(t, k, l)| (t.to_string(), *k, *l)).collect();
            assert_eq!(blocks_of(html), want, "blocks of {html:?}");
        }
    }

    #[test]
    fn chrome_is_marked_by_tags_and_names_but_not_wrappers_of_article_text() {
        let html = "<body><nav id=n>menu</nav><div class=social-share id=s>share</div>\
                    <div class=page-sidebar id=w><div class=entry-content id=c>text</div></div></body>";
        let dom = Dom::parse(html);
        let (info, _) = annotate(&dom, &Heuristics::default());
        let by_id = |want: &str| {
            (0..dom.nodes.len())
                .find(|&i| dom.element(i as NodeId).and_then(|e| e.attr("id")) == Some(want))
                .map(|i| &info[i])
        };
        let cases = [
            ("n", true, "<nav> is chrome"),
            ("s", true, "social-share is chrome"),
            ("w", false, "a sidebar-named wrapper of entry-content is not"),
            ("c", false, "entry-content is the article"),
        ];
        for (id, want, what) in cases {
            assert_eq!(by_id(id).map(|i| i.boilerplate), Some(want), "{what}");
        }
        assert!(by_id("c").is_some_and(|i| i.marked), "entry-content marks the article");
    }
}
