// Dev helper (not committed): blocks of pages with their flags, as JSON lines.
use newsnlp::clean::html::{dom, prescan, segment, select};
fn path(d: &dom::Dom, mut id: u32) -> String {
    let mut parts = vec![];
    while id != dom::NONE {
        if let Some(e) = d.element(id) {
            let mut s = e.name.local.to_string();
            if let Some(c) = e.attr("class") { s += &format!(".{}", c.split_whitespace().collect::<Vec<_>>().join(".")); }
            if let Some(i) = e.attr("id") { s += &format!("#{i}"); }
            parts.push(s);
        }
        id = d.nodes[id as usize].parent;
    }
    parts.reverse();
    parts.join(" > ")
}
fn main() {
    for p in std::env::args().skip(1) {
        let b = std::fs::read(&p).unwrap();
        let html = newsnlp::ingest::decode_html_bytes(&b);
        let d = dom::Dom::parse(&prescan::strip(&html));
        let (info, order) = segment::annotate(&d);
        let all = segment::blocks(&d, &info, 0);
        let root = select::best_root(&d, &info, &order, &all);
        let kept: Vec<String> = newsnlp::clean::html::extract(&html).blocks;
        let rootpath = path(&d, root);
        for bl in &all {
            let boiler = select::in_boilerplate(&d, &info, bl.owner, dom::NONE);
            let (g, n) = select::evidence(bl, boiler);
            let mut inside = false; let mut id = bl.owner; while id != dom::NONE { if id == root { inside = true; } id = d.nodes[id as usize].parent; }
            println!("{}", serde_json::json!({"page": p, "root": rootpath, "inside": inside, "kept": kept.contains(&bl.text), "boiler": boiler, "good": g, "bad": n, "kind": format!("{:?}", bl.kind), "path": path(&d, bl.owner), "text": bl.text}));
        }
    }
}
