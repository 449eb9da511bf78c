//! A small arena DOM built by html5ever's tree builder.
//!
//! The extractor walks the page a few times (statistics, scoring, text), so
//! the tree is a flat `Vec` of nodes linked by `u32` indices: no reference
//! counting, no per-node allocation beyond the element's attributes, and
//! cheap bottom-up passes in reverse document order. Comments, doctypes and
//! processing instructions are never attached: nothing downstream reads them.
//! `<template>` contents go under the template element itself, which the
//! extractor skips.

use std::borrow::Cow;
use std::cell::{Ref, RefCell};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{Attribute, LocalName, QualName};

/// Index of a node in [`Dom::nodes`].
pub(crate) type NodeId = u32;

/// The "no node" link.
pub(crate) const NONE: NodeId = u32::MAX;

/// What a node holds.
#[derive(Debug)]
pub(crate) enum Data {
    /// The document root.
    Document,
    /// An element.
    Element(Element),
    /// Text, with adjacent text merged.
    Text(StrTendril),
    /// A comment, doctype or processing instruction (never attached).
    Other,
}

/// An element: its name and attributes.
#[derive(Debug)]
pub(crate) struct Element {
    /// The qualified name; only the local name is read.
    pub name: QualName,
    /// Attributes in source order.
    pub attrs: Vec<Attribute>,
}

impl Element {
    /// The value of attribute `name`, if present.
    pub(crate) fn attr(&self, name: &str) -> Option<&str> {
        self.attrs.iter().find(|a| &*a.name.local == name).map(|a| &*a.value)
    }
}

/// A node and its links.
#[derive(Debug)]
pub(crate) struct Node {
    /// Parent, or [`NONE`].
    pub parent: NodeId,
    /// First child, or [`NONE`].
    pub first_child: NodeId,
    /// Last child, or [`NONE`].
    pub last_child: NodeId,
    /// Previous sibling, or [`NONE`].
    pub prev: NodeId,
    /// Next sibling, or [`NONE`].
    pub next: NodeId,
    /// The payload.
    pub data: Data,
}

/// A parsed page.
#[derive(Debug)]
pub(crate) struct Dom {
    /// All nodes; node 0 is the document.
    pub nodes: Vec<Node>,
}

impl Dom {
    /// Parses an HTML document.
    pub(crate) fn parse(html: &str) -> Dom {
        // About one node per 24 bytes of markup once scripts and attributes are gone.
        let mut nodes = Vec::with_capacity(html.len() / 24 + 16);
        nodes.push(node(Data::Document));
        let sink = Sink(RefCell::new(Dom { nodes }));
        // With scripting off, `<noscript>` content is parsed as markup: some pages
        // (Blogger, for one) put the article there and in a script template.
        let opts = html5ever::ParseOpts {
            tree_builder: html5ever::tree_builder::TreeBuilderOpts { scripting_enabled: false, ..Default::default() },
            ..Default::default()
        };
        html5ever::parse_document(sink, opts).one(StrTendril::from(html))
    }

    /// The element at `id`, if it is one.
    pub(crate) fn element(&self, id: NodeId) -> Option<&Element> {
        match &self.nodes[id as usize].data {
            Data::Element(e) => Some(e),
            _ => None,
        }
    }

    /// The local tag name at `id` ("" for non-elements).
    pub(crate) fn tag(&self, id: NodeId) -> &LocalName {
        static EMPTY: std::sync::OnceLock<LocalName> = std::sync::OnceLock::new();
        match &self.nodes[id as usize].data {
            Data::Element(e) => &e.name.local,
            _ => EMPTY.get_or_init(|| LocalName::from("")),
        }
    }

    /// The children of `id`, in order.
    pub(crate) fn children(&self, id: NodeId) -> Children<'_> {
        Children { dom: self, next: self.nodes[id as usize].first_child }
    }

    /// The `<html>` element, if the document has one.
    pub(crate) fn html_element(&self) -> Option<NodeId> {
        self.children(0).find(|&c| self.element(c).is_some())
    }

    /// All elements in document order.
    pub(crate) fn descendants(&self, root: NodeId) -> Descendants<'_> {
        Descendants { dom: self, root, next: self.nodes[root as usize].first_child }
    }

    /// Whether `id` is `ancestor` or lies below it.
    pub(crate) fn is_inside(&self, mut id: NodeId, ancestor: NodeId) -> bool {
        while id != NONE {
            if id == ancestor {
                return true;
            }
            id = self.nodes[id as usize].parent;
        }
        false
    }

    /// The text under `id` if it is at most `max` bytes long.
    pub(crate) fn short_text(&self, id: NodeId, max: usize) -> Option<String> {
        let mut out = String::new();
        for d in std::iter::once(id).chain(self.descendants(id)) {
            if let Data::Text(t) = &self.nodes[d as usize].data {
                if out.len() + t.len() > max {
                    return None;
                }
                out.push_str(t);
            }
        }
        Some(out)
    }

    /// The concatenated text under `id`.
    pub(crate) fn text(&self, id: NodeId) -> String {
        let mut out = String::new();
        if let Data::Text(t) = &self.nodes[id as usize].data {
            out.push_str(t);
        }
        for d in self.descendants(id) {
            if let Data::Text(t) = &self.nodes[d as usize].data {
                out.push_str(t);
            }
        }
        out
    }

    fn append_child(&mut self, parent: NodeId, child: NodeId) {
        let last = self.nodes[parent as usize].last_child;
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = last;
            c.next = NONE;
        }
        if last == NONE {
            self.nodes[parent as usize].first_child = child;
        } else {
            self.nodes[last as usize].next = child;
        }
        self.nodes[parent as usize].last_child = child;
    }

    fn insert_before(&mut self, sibling: NodeId, child: NodeId) {
        let parent = self.nodes[sibling as usize].parent;
        let prev = self.nodes[sibling as usize].prev;
        {
            let c = &mut self.nodes[child as usize];
            c.parent = parent;
            c.prev = prev;
            c.next = sibling;
        }
        self.nodes[sibling as usize].prev = child;
        if prev == NONE {
            if parent != NONE {
                self.nodes[parent as usize].first_child = child;
            }
        } else {
            self.nodes[prev as usize].next = child;
        }
    }

    fn detach(&mut self, id: NodeId) {
        let (parent, prev, next) = {
            let n = &self.nodes[id as usize];
            (n.parent, n.prev, n.next)
        };
        if parent == NONE {
            return;
        }
        if prev == NONE {
            self.nodes[parent as usize].first_child = next;
        } else {
            self.nodes[prev as usize].next = next;
        }
        if next == NONE {
            self.nodes[parent as usize].last_child = prev;
        } else {
            self.nodes[next as usize].prev = prev;
        }
        let n = &mut self.nodes[id as usize];
        n.parent = NONE;
        n.prev = NONE;
        n.next = NONE;
    }

    fn push(&mut self, data: Data) -> NodeId {
        self.nodes.push(node(data));
        (self.nodes.len() - 1) as NodeId
    }
}

fn node(data: Data) -> Node {
    Node { parent: NONE, first_child: NONE, last_child: NONE, prev: NONE, next: NONE, data }
}

/// Iterator over a node's children.
pub(crate) struct Children<'a> {
    dom: &'a Dom,
    next: NodeId,
}

impl Iterator for Children<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        if self.next == NONE {
            return None;
        }
        let id = self.next;
        self.next = self.dom.nodes[id as usize].next;
        Some(id)
    }
}

/// Iterator over the descendants of a node (not the node itself), in document order.
pub(crate) struct Descendants<'a> {
    dom: &'a Dom,
    root: NodeId,
    next: NodeId,
}

impl Iterator for Descendants<'_> {
    type Item = NodeId;
    fn next(&mut self) -> Option<NodeId> {
        let id = self.next;
        if id == NONE {
            return None;
        }
        let nodes = &self.dom.nodes;
        let n = &nodes[id as usize];
        self.next = if n.first_child != NONE {
            n.first_child
        } else {
            let mut cur = id;
            loop {
                if cur == self.root {
                    break NONE;
                }
                let c = &nodes[cur as usize];
                if c.next != NONE {
                    break c.next;
                }
                cur = c.parent;
                if cur == NONE || cur == self.root {
                    break NONE;
                }
            }
        };
        Some(id)
    }
}

struct Sink(RefCell<Dom>);

impl TreeSink for Sink {
    type Handle = NodeId;
    type Output = Dom;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Dom {
        self.0.into_inner()
    }

    fn parse_error(&self, _msg: Cow<'static, str>) {}

    fn get_document(&self) -> NodeId {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        Ref::map(self.0.borrow(), |dom| match &dom.nodes[*target as usize].data {
            Data::Element(e) => &e.name,
            // The tree builder asks only for element names; a placeholder keeps this total.
            _ => placeholder_name(),
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _flags: ElementFlags) -> NodeId {
        self.0.borrow_mut().push(Data::Element(Element { name, attrs }))
    }

    fn create_comment(&self, _text: StrTendril) -> NodeId {
        self.0.borrow_mut().push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeId {
        self.0.borrow_mut().push(Data::Other)
    }

    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        let mut dom = self.0.borrow_mut();
        match child {
            NodeOrText::AppendNode(c) => {
                if !matches!(dom.nodes[c as usize].data, Data::Other) {
                    dom.append_child(*parent, c);
                }
            }
            NodeOrText::AppendText(t) => {
                let last = dom.nodes[*parent as usize].last_child;
                if last != NONE {
                    if let Data::Text(existing) = &mut dom.nodes[last as usize].data {
                        existing.push_tendril(&t);
                        return;
                    }
                }
                let id = dom.push(Data::Text(t));
                dom.append_child(*parent, id);
            }
        }
    }

    fn append_based_on_parent_node(&self, element: &NodeId, prev_element: &NodeId, child: NodeOrText<NodeId>) {
        let has_parent = self.0.borrow().nodes[*element as usize].parent != NONE;
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _name: StrTendril, _public_id: StrTendril, _system_id: StrTendril) {}

    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        *target
    }

    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        let mut dom = self.0.borrow_mut();
        let id = match new_node {
            NodeOrText::AppendNode(c) => {
                if matches!(dom.nodes[c as usize].data, Data::Other) {
                    return;
                }
                dom.detach(c);
                c
            }
            NodeOrText::AppendText(t) => {
                let prev = dom.nodes[*sibling as usize].prev;
                if prev != NONE {
                    if let Data::Text(existing) = &mut dom.nodes[prev as usize].data {
                        existing.push_tendril(&t);
                        return;
                    }
                }
                dom.push(Data::Text(t))
            }
        };
        dom.insert_before(*sibling, id);
    }

    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        let mut dom = self.0.borrow_mut();
        if let Data::Element(e) = &mut dom.nodes[*target as usize].data {
            for a in attrs {
                if !e.attrs.iter().any(|x| x.name == a.name) {
                    e.attrs.push(a);
                }
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeId) {
        self.0.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        let mut dom = self.0.borrow_mut();
        let mut child = dom.nodes[*node as usize].first_child;
        while child != NONE {
            let next = dom.nodes[child as usize].next;
            dom.detach(child);
            dom.append_child(*new_parent, child);
            child = next;
        }
    }
}

fn placeholder_name() -> &'static QualName {
    static NAME: std::sync::OnceLock<QualName> = std::sync::OnceLock::new();
    NAME.get_or_init(|| QualName::new(None, html5ever::ns!(html), html5ever::local_name!("")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_tree_follows_the_html_parsing_rules() {
        // Misnested and unclosed tags are repaired as browsers do.
        let dom = Dom::parse("<p>one<b>two<p>three</b>four");
        let body = dom.descendants(0).find(|&id| &**dom.tag(id) == "body").expect("a body");
        let paragraphs: Vec<String> =
            dom.children(body).filter(|&c| &**dom.tag(c) == "p").map(|c| dom.text(c)).collect();
        assert_eq!(paragraphs, vec!["onetwo", "threefour"]);
        let p = dom.children(body).next().expect("a paragraph");
        let b = dom.children(p).find(|&c| &**dom.tag(c) == "b").expect("b inside p");
        assert!(dom.is_inside(b, body) && !dom.is_inside(body, b));
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_loses_text() {
        let html = format!("{}deep{}", "<div>".repeat(20_000), "</div>".repeat(20_000));
        let dom = Dom::parse(&html);
        assert_eq!(dom.text(0), "deep");
    }
}
