//! The layout rules of docs/architecture.md, checked: no import cycle between the files of src/, no source file
//! over 700 lines, leaf modules that import nothing of the crate, and every top-level module named in the
//! architecture document. Imports are read from `crate::`, `super::` and `self::` paths (in `use` lines, groups
//! and inline paths), outside comments and inline test modules, the way `shared/checks/import_cycles.py` does.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use regex::Regex;

use crate::util::root;

/// The longest a source file may be.
const MAX_LINES: usize = 700;

/// Modules that sit at the bottom of the layout: everyone may import them, they import nothing of the crate.
const LEAVES: &[&str] = &["util", "lexicon"];

/// The top-level modules in layer order, from the ```layers block of docs/architecture.md: a module may import
/// only the modules listed before it (and its own files).
fn layers() -> Vec<String> {
    let doc = std::fs::read_to_string(root().join("docs/architecture.md")).expect("docs/architecture.md exists");
    let block = doc.split("```layers\n").nth(1).expect("docs/architecture.md has a ```layers block");
    let block = &block[..block.find("```").expect("the layers block is closed")];
    block.lines().filter_map(|l| l.split_whitespace().next()).map(|m| m.trim_end_matches('/').trim_end_matches(".rs").to_string()).collect()
}

/// The top-level module a file of src/ belongs to (`entities/resolve/mod.rs` → `entities`, `span.rs` → `span`).
fn top_module(rel: &str) -> &str {
    rel.split('/').next().unwrap().trim_end_matches(".rs")
}

/// Files compiled only for unit tests, which may reach across the layers to build their fixtures.
fn test_only(rel: &str) -> bool {
    rel.ends_with("tests.rs") || rel.ends_with("/fixtures.rs")
}

/// Every `.rs` file under `src`, as a path relative to it with `/` separators, and its text.
fn sources() -> BTreeMap<String, String> {
    fn walk(dir: &Path, src: &Path, out: &mut BTreeMap<String, String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, src, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let rel = path.strip_prefix(src).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    let src = root().join("src");
    let mut out = BTreeMap::new();
    walk(&src, &src, &mut out);
    out
}

/// The module path of a file: `entities/resolve/mod.rs` → [entities, resolve]; lib.rs and main.rs → [].
fn module_of(rel: &str) -> Vec<String> {
    let mut parts: Vec<String> = rel.trim_end_matches(".rs").split('/').map(String::from).collect();
    if matches!(parts.last().map(String::as_str), Some("mod" | "lib" | "main")) {
        parts.pop();
    }
    parts
}

/// The file that defines the longest prefix of `module` that is a file.
fn file_of(module: &[String], files: &BTreeSet<&str>) -> Option<String> {
    (1..=module.len()).rev().find_map(|n| {
        let p = module[..n].join("/");
        [format!("{p}.rs"), format!("{p}/mod.rs")].into_iter().find(|c| files.contains(c.as_str()))
    })
}

/// The files each file imports.
fn imports(sources: &BTreeMap<String, String>) -> BTreeMap<String, BTreeSet<String>> {
    let comment = Regex::new(r"//[^\n]*").unwrap();
    let tests = Regex::new(r"(?s)#\[cfg\(test\)\]\s*mod\s+tests\s*\{.*").unwrap();
    let group = Regex::new(r"(?s)\buse\s+(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)*)::\{([^;]*)\}").unwrap();
    let path = Regex::new(r"\b(crate|super|self)((?:::[A-Za-z_][A-Za-z0-9_]*)+)").unwrap();
    let files: BTreeSet<&str> = sources.keys().map(String::as_str).collect();
    let mut edges = BTreeMap::new();
    for (rel, text) in sources {
        let text = comment.replace_all(text, "");
        let text = tests.replace(&text, "");
        let me = module_of(rel);
        let mut targets: Vec<(String, String)> = Vec::new();
        for m in group.captures_iter(&text) {
            for item in m[3].split(',') {
                let item = item.split(" as ").next().unwrap().trim();
                if !item.is_empty() && !item.starts_with('{') {
                    targets.push((m[1].to_string(), format!("{}::{}", &m[2], item.replace(' ', ""))));
                }
            }
        }
        for m in path.captures_iter(&text) {
            targets.push((m[1].to_string(), m[2].to_string()));
        }
        let mut to = BTreeSet::new();
        for (kind, tail) in targets {
            let mut segs: Vec<String> = tail.split("::").filter(|s| !s.is_empty()).map(String::from).collect();
            let module = match kind.as_str() {
                "crate" => segs,
                "self" => me.iter().cloned().chain(segs).collect(),
                _ => {
                    let mut base = me.clone();
                    while segs.first().is_some_and(|s| s == "super") {
                        segs.remove(0);
                        base.pop();
                    }
                    base.pop();
                    base.into_iter().chain(segs).collect()
                }
            };
            if let Some(f) = file_of(&module, &files).filter(|f| f != rel) {
                to.insert(f);
            }
        }
        edges.insert(rel.clone(), to);
    }
    edges
}

/// The strongly connected groups of more than one file (Tarjan).
fn cycles(edges: &BTreeMap<String, BTreeSet<String>>) -> Vec<Vec<String>> {
    struct State<'a> {
        edges: &'a BTreeMap<String, BTreeSet<String>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        on_stack: BTreeSet<&'a str>,
        found: Vec<Vec<String>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a str) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in &s.edges[v] {
            if !s.index.contains_key(w.as_str()) {
                visit(s, w);
                let lw = s.low[w.as_str()];
                s.low.insert(v, s.low[v].min(lw));
            } else if s.on_stack.contains(w.as_str()) {
                let iw = s.index[w.as_str()];
                s.low.insert(v, s.low[v].min(iw));
            }
        }
        if s.low[v] == s.index[v] {
            let mut group = Vec::new();
            loop {
                let w = s.stack.pop().unwrap();
                s.on_stack.remove(w);
                group.push(w.to_string());
                if w == v {
                    break;
                }
            }
            if group.len() > 1 {
                group.sort();
                s.found.push(group);
            }
        }
    }
    let mut s = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !s.index.contains_key(v.as_str()) {
            visit(&mut s, v);
        }
    }
    s.found
}

#[test]
fn no_import_cycle_between_files_of_src() {
    let found = cycles(&imports(&sources()));
    assert!(
        found.is_empty(),
        "import cycles between files of src/ (break each by moving what both sides need into a module below \
         them, see docs/architecture.md):\n{}",
        found.iter().map(|c| format!("  {}", c.join(" <-> "))).collect::<Vec<_>>().join("\n")
    );
}

#[test]
fn no_source_file_is_over_700_lines() {
    let long: Vec<String> = sources()
        .into_iter()
        .map(|(rel, text)| (rel, text.lines().count()))
        .filter(|(_, n)| *n > MAX_LINES)
        .map(|(rel, n)| format!("  src/{rel}: {n} lines"))
        .collect();
    assert!(long.is_empty(), "split these by job (at most {MAX_LINES} lines each):\n{}", long.join("\n"));
}

#[test]
fn leaf_modules_import_nothing_of_the_crate() {
    let edges = imports(&sources());
    let mut bad = Vec::new();
    for (file, to) in &edges {
        let Some(leaf) = LEAVES.iter().find(|l| module_of(file).first().is_some_and(|m| m == *l)) else { continue };
        for t in to.iter().filter(|t| module_of(t).first().is_none_or(|m| m != leaf)) {
            bad.push(format!("  src/{file} imports src/{t}"));
        }
    }
    assert!(bad.is_empty(), "{LEAVES:?} are leaves and may import nothing else of the crate:\n{}", bad.join("\n"));
}

#[test]
fn modules_import_only_the_layers_below_them() {
    let order = layers();
    let rank = |m: &str| order.iter().position(|o| o == m);
    let mut bad = Vec::new();
    for (file, to) in imports(&sources()) {
        let from = top_module(&file);
        if matches!(from, "lib" | "main") || test_only(&file) {
            continue;
        }
        let Some(r) = rank(from) else {
            bad.push(format!("  src/{file}: its module `{from}` is not in the layers block"));
            continue;
        };
        for t in to.iter().filter(|t| top_module(t) != from) {
            if rank(top_module(t)).is_none_or(|rt| rt > r) {
                bad.push(format!("  src/{file} imports src/{t}, a layer above it"));
            }
        }
    }
    assert!(bad.is_empty(), "imports against the layers of docs/architecture.md:\n{}", bad.join("\n"));
}

#[test]
fn every_top_level_module_is_named_in_the_architecture_document() {
    let named = layers();
    let top: BTreeSet<String> = sources()
        .keys()
        .map(|rel| top_module(rel).to_string())
        .filter(|m| !matches!(m.as_str(), "lib" | "main"))
        .collect();
    let missing: Vec<&String> = top.iter().filter(|m| !named.contains(m)).collect();
    assert!(missing.is_empty(), "the layers block of docs/architecture.md does not name these modules of src/: {missing:?}");
}

#[test]
fn the_import_reader_sees_paths_groups_and_super() {
    let files: BTreeMap<String, String> = [
        ("a.rs", "use crate::b::{Thing, c::Other};\n// use crate::d;\n"),
        ("b/mod.rs", "pub mod c;\nfn f() { super::a::g(); }\n"),
        ("b/c.rs", "use super::Thing;\n#[cfg(test)]\nmod tests { use crate::d::X; }\n"),
        ("d.rs", "fn h() -> crate::a::T { todo!() }\n"),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect();
    let edges = imports(&files);
    let set = |v: &[&str]| v.iter().map(|s| s.to_string()).collect::<BTreeSet<_>>();
    assert_eq!(edges["a.rs"], set(&["b/mod.rs", "b/c.rs"]), "a group import names both files");
    assert_eq!(edges["b/mod.rs"], set(&["a.rs"]), "super:: from a mod.rs is the parent of its folder");
    assert_eq!(edges["b/c.rs"], set(&["b/mod.rs"]), "test modules and comments are not imports");
    assert_eq!(edges["d.rs"], set(&["a.rs"]), "an inline crate:: path is an import");
    assert_eq!(cycles(&edges), vec![vec!["a.rs".to_string(), "b/c.rs".to_string(), "b/mod.rs".to_string()]]);
}
