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
use super::hints::{self, Hint};

/// What kind of element holds a block.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
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
pub struct Block {
    /// The innermost block element that holds the text.
    pub owner: NodeId,
    /// The text, whitespace collapsed.
    pub text: String,
    /// Non-whitespace characters.
    pub chars: u32,
    /// Non-whitespace characters inside links.
    pub link_chars: u32,
    /// Number of links.
    pub links: u32,
    /// The owner's kind.
    pub kind: Kind,
}

impl Block {
    /// Share of the block's characters that are link text.
    pub fn link_density(&self) -> f32 {
        if self.chars == 0 {
            0.0
        } else {
            self.link_chars as f32 / self.chars as f32
        }
    }
}

/// What the page says about each node, indexed like [`Dom::nodes`].
#[derive(Debug, Clone)]
pub struct NodeInfo {
    /// Never rendered as text (scripts, forms controls, hidden elements...).
    pub skip: bool,
    /// The element's own hint.
    pub hint: Hint,
    /// Marked as boilerplate by its tag or hints (and holds no marked article
    /// text); [`super::select::settle_boilerplate`] revises this.
    pub boilerplate: bool,
    /// Non-whitespace characters of rendered text below the node.
    pub chars: u32,
    /// Depth below the document node.
    pub depth: u16,
    /// Inside a figure or an element named for captions and credits.
    pub caption: bool,
    /// Inside an element the page marks as the article (`<article>`,
    /// `itemprop=articleBody`, `class=entry-content`...).
    pub marked: bool,
}

/// Elements whose content is never rendered as text of the page.
fn is_skipped_tag(tag: &str) -> bool {
    matches!(
        tag,
        "head" | "script" | "style" | "template" | "iframe" | "svg" | "math" | "canvas" | "button" | "select" | "option"
            | "input" | "textarea" | "object" | "embed" | "video" | "audio" | "map" | "img" | "picture" | "source"
            | "meta" | "link" | "title"
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

/// Annotates every node: skipped, hinted, boilerplate, text size.
pub fn annotate(dom: &Dom) -> (Vec<NodeInfo>, Vec<NodeId>) {
    let order = preorder(dom);
    let mut info: Vec<NodeInfo> = dom
        .nodes
        .iter()
        .map(|_| NodeInfo { skip: false, hint: Hint::None, boilerplate: false, chars: 0, depth: 0, caption: false, marked: false })
        .collect();
    // Characters below each node that lie inside a content-hinted element.
    let mut content_chars = vec![0u32; dom.nodes.len()];
    for &id in &order {
        let parent = dom.nodes[id as usize].parent;
        if parent != super::dom::NONE {
            let p = &info[parent as usize];
            let (skip, depth, caption, marked) = (p.skip, p.depth.saturating_add(1), p.caption, p.marked);
            let me = &mut info[id as usize];
            me.skip = skip;
            me.depth = depth;
            me.caption = caption;
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
            if !matches!(tag, "html" | "body") && (a.class.is_some() || a.id.is_some() || a.role.is_some() || a.itemprop.is_some()) {
                let hints = hints::classify(a.class, a.id, a.role);
                let me = &mut info[id as usize];
                me.hint = if a.itemprop.is_some_and(|p| p.eq_ignore_ascii_case("articlebody")) {
                    Hint::Content
                } else {
                    hints.hint
                };
                me.marked |= me.hint == Hint::Content;
                me.caption |= hints.caption;
            }
            let me = &mut info[id as usize];
            me.marked |= tag == "article";
            me.caption |= matches!(tag, "figure" | "figcaption");
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
        info[i].boilerplate = !mostly_content
            && (hints::boilerplate_tag(tag) || matches!(info[i].hint, Hint::Boilerplate | Hint::Comments));
    }
    (info, order)
}

/// The nodes in document order (pre-order), iteratively, so that deeply
/// nested input cannot overflow the stack.
pub fn preorder(dom: &Dom) -> Vec<NodeId> {
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
pub fn blocks(dom: &Dom, info: &[NodeInfo], root: NodeId) -> Vec<Block> {
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
                    cur.links += 1;
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
    raw: String,
    chars: u32,
    link_chars: u32,
    links: u32,
}

impl Pending {
    fn push(&mut self, text: &str, in_link: bool) {
        let n = text.chars().filter(|c| !c.is_whitespace()).count() as u32;
        self.chars += n;
        if in_link {
            self.link_chars += n;
        }
        self.raw.push_str(text);
    }

    fn flush(&mut self, dom: &Dom, info: &[NodeInfo], owner: NodeId, out: &mut Vec<Block>) {
        if self.chars > 0 {
            let text = collapse(&self.raw);
            out.push(Block {
                owner,
                text,
                chars: self.chars,
                link_chars: self.link_chars,
                links: self.links,
                kind: if info[owner as usize].caption {
                    Kind::Caption
                } else {
                    block_kind(dom.tag(owner)).unwrap_or(Kind::Other)
                },
            });
        }
        self.raw.clear();
        self.chars = 0;
        self.link_chars = 0;
        self.links = 0;
    }
}

/// Collapses runs of whitespace to one space and trims the ends.
pub fn collapse(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for word in s.split(|c: char| c.is_whitespace()).filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}
