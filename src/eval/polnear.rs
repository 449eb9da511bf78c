//! The PolNeAR corpus (Newell, Margolin & Ruths, LREC 2018): news articles
//! with attributions in brat standoff, one `.txt` and one or more `.ann` per
//! article in a split folder (`train/`, `dev/`, each with `text/` and
//! `attributions/`).
//!
//! An `.ann` file has `T` lines (a span: `Source`, `Cue`, `Content` or
//! `Attribution`, with offsets that may be discontinuous, `a b;c d`, and its
//! text) and `E` lines that tie one attribution's parts. A few articles were
//! annotated twice; the first annotation file (by name) is the gold, so that
//! every article counts once.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::error::{Error, Result};

/// One gold attribution: who, the cue, and what.
#[derive(Debug, Clone, PartialEq)]
pub struct GoldAttribution {
    /// The source as written; `None` when the annotator marked none.
    pub source: Option<String>,
    /// The cue as written.
    pub cue: String,
    /// The content as written.
    pub content: String,
}

/// One article of a split.
#[derive(Debug, Clone, PartialEq)]
pub struct PolnearArticle {
    /// The file stem of its `.txt`.
    pub id: String,
    /// The article's text.
    pub text: String,
    /// Its gold attributions.
    pub attributions: Vec<GoldAttribution>,
}

/// Reads every article of a split folder (the one holding `text/` and `attributions/`), in name order.
pub fn read_split(dir: &Path) -> Result<Vec<PolnearArticle>> {
    let text_dir = dir.join("text");
    let ann_dir = dir.join("attributions");
    let mut anns: HashMap<String, PathBuf> = HashMap::new();
    for path in list(&ann_dir, "ann")? {
        let stem = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default();
        let article = stem.rsplit_once('_').map_or(stem, |(a, _)| a).to_string();
        // The first annotation by name is the gold.
        anns.entry(article).and_modify(|p| if path < *p { *p = path.clone() }).or_insert(path.clone());
    }
    let mut out = Vec::new();
    for path in list(&text_dir, "txt")? {
        let id = path.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_string();
        let text = std::fs::read_to_string(&path).map_err(|e| Error::io("reading", &path, e))?;
        let attributions = match anns.get(&id) {
            Some(ann) => parse_ann(&std::fs::read_to_string(ann).map_err(|e| Error::io("reading", ann, e))?),
            None => Vec::new(),
        };
        out.push(PolnearArticle { id, text, attributions });
    }
    if out.is_empty() {
        return Err(Error::data(dir, 0, "no PolNeAR articles here (expected text/*.txt and attributions/*.ann)"));
    }
    Ok(out)
}

fn list(dir: &Path, ext: &str) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|e| Error::io("reading", dir, e))?;
    let mut paths: Vec<PathBuf> =
        entries.filter_map(|e| e.ok().map(|e| e.path())).filter(|p| p.extension().is_some_and(|x| x == ext)).collect();
    paths.sort();
    Ok(paths)
}

/// The attributions of one `.ann` file; lines that do not parse are skipped.
pub fn parse_ann(ann: &str) -> Vec<GoldAttribution> {
    // Each span's start offset (to order the pieces of a role) and its text.
    let mut spans: HashMap<&str, (usize, &str)> = HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut cols = line.split('\t');
        let (Some(id), Some(mid)) = (cols.next(), cols.next()) else { continue };
        if id.starts_with('T') {
            let start = mid.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or(0);
            spans.insert(id, (start, cols.next().unwrap_or("")));
        } else if id.starts_with('E') {
            events.push(mid);
        }
    }
    events
        .into_iter()
        .filter_map(|e| {
            // A role may come in pieces (`Content:T25 Content2:T29`, a quote split by its cue): all of them, in
            // the text's order, are the role's text.
            let mut parts: HashMap<&str, Vec<(usize, &str)>> = HashMap::new();
            for arg in e.split_whitespace() {
                if let Some((role, t)) = arg.split_once(':') {
                    if let Some(&span) = spans.get(t) {
                        parts.entry(role.trim_end_matches(char::is_numeric)).or_default().push(span);
                    }
                }
            }
            let text = |role: &str| {
                let mut pieces = parts.get(role)?.clone();
                pieces.sort_by_key(|&(start, _)| start);
                Some(pieces.iter().map(|&(_, t)| t).collect::<Vec<_>>().join(" "))
            };
            Some(GoldAttribution { source: text("Source"), cue: text("Cue")?, content: text("Content")? })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_ann_file_gives_its_attributions() {
        let ann = "T1\tSource 0 5\tSmith\nT2\tCue 6 10\tsaid\nT3\tContent 11 20;21 25\tit was ok\nT4\tAttribution 6 10\tsaid\n\
                   E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\nT5\tCue 30 34\tsays\nT6\tContent 35 40\tnone\n\
                   T7\tAttribution 30 34\tsays\nE2\tAttribution:T7 Cue:T5 Content:T6\nE3\tAttribution:T9 Cue:T8\n";
        let got = parse_ann(ann);
        assert_eq!(got.len(), 2, "the event without content is skipped");
        assert_eq!(got[0], GoldAttribution { source: Some("Smith".into()), cue: "said".into(), content: "it was ok".into() });
        assert_eq!(got[1].source, None);
    }

    #[test]
    fn a_content_in_pieces_is_read_whole_in_text_order() {
        let ann = "T1\tContent 40 45\tstay.\nT2\tSource 10 13\tshe\nT3\tCue 14 18\tsaid\nT4\tContent 0 8\tWe will,\n\
                   E1\tAttribution:T3 Content2:T1 Cue:T3 Source:T2 Content:T4\n";
        let got = parse_ann(ann);
        assert_eq!(got, vec![GoldAttribution { source: Some("she".into()), cue: "said".into(), content: "We will, stay.".into() }]);
    }
}
